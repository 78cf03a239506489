package entity

import (
	"bufio"
	"bytes"
	"embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsquotes/newsquotes/internal/embedded"
)

//go:embed data/*.txt
var dataFS embed.FS

// Gazetteer categories, as bits.
const (
	gCountry uint16 = 1 << iota
	gCity
	gRegion
	gDemonym
	gTitle
	gGiven
	gOrgWord
	gMulti          // token inside a multi-word gazetteer entry (with its category bits)
	gOrg            // a well-known organisation
	gLexLower       // a common English word (SCOWL, lower-case entry)
	gLexProper      // a proper noun in SCOWL (capitalised entry)
	gGeo            // a GeoNames city of 15,000 or more people
	gSurname        // a family name (faker lists)
	nGazBits   = 13 // bits above are not tagger features

	gTitleRule   uint16 = 1 << 13 // title only for the rules (titles-rules.txt)
	gDemonymRule uint16 = 1 << 14 // nationality only for the rules (demonyms-rules.txt)
	gOrgRule     uint16 = 1 << 15 // organisation only for the rules (orgs-rules.txt)

	anyTitle   = gTitle | gTitleRule
	anyDemonym = gDemonym | gDemonymRule
)

//go:embed data/geonames-cities.txt.gz
var citiesGz []byte

//go:embed data/faker-first-names.txt.gz
var firstNamesGz []byte

//go:embed data/faker-last-names.txt.gz
var lastNamesGz []byte

//go:embed data/lexicon.txt.gz
var lexiconGz []byte

//go:embed data/admin-regions.txt.gz
var adminRegionsGz []byte

type gazEntry struct {
	words  []uint64 // lower-case hashes, two or more
	second uint64   // words[1]: most entries fail on it, without a read of words
	cat    uint16
	canon  string // canonical name (first variant on its line)
}

type gazetteer struct {
	single map[uint64]uint16     // one-word entries
	multi  map[uint64][]gazEntry // by first word
	canon  map[string]string     // Key(variant) -> canonical name, for places
	canonK map[string]string     // Key(variant) -> Key(canonical name)
	catOf  map[string]uint16     // Key(name) -> category
	admin  map[string]bool       // Key(name) of first-level admin regions (rules only)
}

var (
	gazOnce sync.Once
	gaz     *gazetteer
)

func loadGazetteer() *gazetteer {
	gazOnce.Do(func() {
		g := &gazetteer{single: make(map[uint64]uint16, 100000), multi: map[uint64][]gazEntry{}, canon: map[string]string{}, canonK: map[string]string{}, catOf: map[string]uint16{}, admin: map[string]bool{}}
		for _, f := range []struct {
			name string
			cat  uint16
		}{
			{"countries.txt", gCountry}, {"cities.txt", gCity}, {"regions.txt", gRegion},
			{"demonyms.txt", gDemonym}, {"titles.txt", gTitle}, {"givennames.txt", gGiven},
			{"orgwords.txt", gOrgWord}, {"orgs.txt", gOrg},
			{"titles-rules.txt", gTitleRule}, {"demonyms-rules.txt", gDemonymRule},
			{"orgs-rules.txt", gOrgRule},
		} {
			b, err := dataFS.ReadFile("data/" + f.name)
			if err != nil {
				panic("entity: missing embedded " + f.name) // a build error, not input
			}
			sc := bufio.NewScanner(strings.NewReader(string(b)))
			for sc.Scan() {
				line := strings.TrimSpace(sc.Text())
				if line == "" || line[0] == '#' {
					continue
				}
				variants := strings.Split(line, "|")
				for _, v := range variants {
					g.add(v, f.cat, variants[0])
				}
			}
		}
		g.addLexicon()
		g.addCities()
		g.addNames(firstNamesGz, gGiven)
		g.addNames(lastNamesGz, gSurname)
		g.addAdminRegions()
		gaz = g
	})
	return gaz
}

func (g *gazetteer) add(name string, cat uint16, canon string) {
	ws := splitGazWords(name)
	if len(ws) == 0 {
		return
	}
	if cat != gGeo { // GeoNames names are features only: no Key work for 23k names
		k := Key(name)
		if cat&(gCountry|gCity|gRegion) != 0 {
			g.canon[k] = canon
			g.canonK[k] = Key(canon)
		}
		g.catOf[k] |= cat
	}
	if len(ws) == 1 {
		g.single[hashLower(ws[0])] |= cat
		return
	}
	e := gazEntry{cat: cat, canon: canon}
	for _, w := range ws {
		e.words = append(e.words, hashLower(w))
	}
	e.second = e.words[1]
	g.multi[e.words[0]] = append(g.multi[e.words[0]], e)
}

// splitGazWords splits a gazetteer name the way the tokenizer would split it
// into word tokens (punctuation like "," dropped, "." kept on abbreviations).
func splitGazWords(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		f = strings.TrimRight(f, ",")
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}

// tag sets gazetteer bits on a token sequence given their lower-case hashes:
// single-word categories, and for multi-word matches (longest first) the
// category plus gMulti on every covered token.
func (g *gazetteer) tag(lower []uint64, bits []uint16) {
	multis := make([][]gazEntry, len(lower))
	for i, h := range lower {
		bits[i] |= g.single[h]
		multis[i] = g.multi[h]
	}
	g.tagMulti(lower, bits, multis)
}

// tagMulti sets the bits of multi-word matches; multis[i] holds the entries
// that start with token i's word.
func (g *gazetteer) tagMulti(lower []uint64, bits []uint16, multis [][]gazEntry) {
	for i := 0; i < len(lower); i++ {
		es := multis[i]
		if len(es) == 0 {
			continue
		}
		best := -1
		for k := range es {
			e := &es[k]
			if i+len(e.words) > len(lower) || lower[i+1] != e.second {
				continue
			}
			ok := true
			for j, w := range e.words {
				if lower[i+j] != w {
					ok = false
					break
				}
			}
			if ok && (best < 0 || len(e.words) > len(es[best].words)) {
				best = k
			}
		}
		if best >= 0 {
			e := es[best]
			multi := e.cat & (1<<nGazBits - 1) // rule-only entries are no feature
			if multi != 0 {
				multi |= gMulti
			}
			for j := range e.words {
				bits[i+j] |= e.cat | multi
			}
		}
	}
}

// placeCategory tells the gazetteer category of a place name, if known.
func (g *gazetteer) placeCategory(name string) uint16 {
	return g.catOf[Key(name)] & (gCountry | gCity | gRegion)
}

// hashLower is FNV-1a over the lower-cased code points of s.
func hashLower(s string) uint64 {
	h := uint64(14695981039346656037)
	for _, r := range s {
		if r < 0x80 {
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else {
			r = unicode.ToLower(r)
		}
		h ^= uint64(r)
		h *= 1099511628211
	}
	return h
}

// addLexicon marks SCOWL words: lower-case entries as common words,
// capitalised ones as proper nouns.
func (g *gazetteer) addLexicon() {
	forLines(gunzip(lexiconGz), func(w string) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			g.single[hashLower(w)] |= gLexProper
		} else {
			g.single[hashLower(w)] |= gLexLower
		}
	})
}

// addCities adds GeoNames city names, except those that are also common
// English words ("Reading", "Mobile").
func (g *gazetteer) addCities() {
	forLines(gunzip(citiesGz), func(name string) {
		ws := splitGazWords(name)
		if len(ws) == 1 && g.single[hashLower(ws[0])]&gLexLower != 0 {
			return
		}
		g.add(name, gGeo, name)
	})
}

// gunzip inflates one of the gazetteers' embedded files.
func gunzip(z []byte) []byte { return embedded.MustGunzip("entity", z) }

// forLines calls fn for every non-empty line of b that is not a comment.
func forLines(b []byte, fn func(string)) {
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		var line []byte
		if i < 0 {
			line, b = b, nil
		} else {
			line, b = b[:i], b[i+1:]
		}
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		fn(string(line))
	}
}

// addNames adds one-word personal names, except common English words
// ("Will", "Rose").
func (g *gazetteer) addNames(z []byte, cat uint16) {
	forLines(gunzip(z), func(name string) {
		h := hashLower(name)
		if g.single[h]&gLexLower != 0 || strings.ContainsAny(name, " ") {
			return
		}
		g.single[h] |= cat
	})
}

// addAdminRegions reads the provinces and states of every country for the
// rules only (no tagger feature, so no retraining). A one-word name that is
// also a common English word or a personal name ("Georgia", "Victoria",
// "Central") is left out, and so is a name made only of personal names:
// for those a person is as likely as a place.
func (g *gazetteer) addAdminRegions() {
	forLines(gunzip(adminRegionsGz), func(name string) {
		ws := splitGazWords(name)
		personal := 0
		for _, w := range ws {
			if g.single[hashLower(w)]&(gGiven|gSurname) != 0 {
				personal++
			}
		}
		if len(ws) == 0 || personal == len(ws) ||
			len(ws) == 1 && g.single[hashLower(ws[0])]&gLexLower != 0 {
			return
		}
		g.admin[Key(name)] = true
	})
}
