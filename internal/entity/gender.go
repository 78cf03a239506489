package entity

import (
	"bytes"
	_ "embed"
	"strings"
	"sync"
)

//go:embed data/faker-given-sex.txt.gz
var givenSexGz []byte

var (
	sexOnce  sync.Once
	givenSex map[string]string // given name -> "female" / "male"
)

func loadGivenSex() map[string]string {
	sexOnce.Do(func() {
		givenSex = make(map[string]string, 16000)
		forLines(gunzip(givenSexGz), func(line string) {
			name, sex, ok := strings.Cut(line, "\t")
			if !ok {
				return
			}
			switch sex {
			case "f":
				givenSex[name] = "female"
			case "m":
				givenSex[name] = "male"
			}
		})
	})
	return givenSex
}

// Title words that tell a person's gender.
var (
	femaleTitles = map[string]bool{
		"mrs": true, "ms": true, "miss": true, "madam": true, "madame": true, "lady": true,
		"dame": true, "queen": true, "princess": true, "duchess": true, "countess": true,
		"baroness": true, "empress": true, "sister": true, "mother": true, "congresswoman": true,
		"spokeswoman": true, "chairwoman": true, "businesswoman": true, "councilwoman": true,
		"assemblywoman": true, "actress": true, "wife": true, "daughter": true, "widow": true,
		"grandmother": true, "aunt": true, "niece": true, "first lady": true, "mme": true,
	}
	maleTitles = map[string]bool{
		"mr": true, "sir": true, "lord": true, "king": true, "prince": true, "duke": true,
		"baron": true, "emperor": true, "brother": true, "father": true,
		"congressman": true, "spokesman": true, "businessman": true, "councilman": true,
		"assemblyman": true, "husband": true, "son": true, "widower": true, "grandfather": true,
		"uncle": true, "nephew": true, "monsieur": true, "mister": true,
	}
)

// titleGender reads a gender from a title phrase ("Mrs.", "Ukrainian
// Congresswoman", "the minister's wife"): its words, case and dots folded.
func titleGender(title string) string {
	g := ""
	var buf [32]byte
	for f := range strings.FieldsSeq(title) {
		// Lower-cased in buf when short and ASCII, the common case: a
		// map lookup of string(w) copies nothing.
		var w []byte
		if len(f) <= len(buf) && isASCII(f) {
			w = buf[:len(f)]
			for i := range len(f) {
				c := f[i]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				w[i] = c
			}
		} else {
			w = []byte(strings.ToLower(f))
		}
		w = bytes.Trim(w, ".,'’")
		switch {
		case femaleTitles[string(w)]:
			if g == "male" {
				return ""
			}
			g = "female"
		case maleTitles[string(w)]:
			if g == "female" {
				return ""
			}
			g = "male"
		}
	}
	return g
}

// personGender is the gender of a person entity: from its titles when
// they tell, else from its given name when the name is only ever given to
// one sex; "" when unknown.
func personGender(e *Entity) string {
	g := ""
	for _, t := range e.Titles {
		switch tg := titleGender(t); {
		case tg == "":
		case g == "":
			g = tg
		case g != tg:
			return ""
		}
	}
	if g != "" {
		return g
	}
	first, _, found := strings.Cut(e.Name, " ")
	if !found { // a surname alone tells nothing
		return ""
	}
	return loadGivenSex()[first]
}
