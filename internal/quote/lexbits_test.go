package quote

import (
	"strings"
	"testing"
	"unicode"
)

// prepare looks only words and numbers up in the lexicons; that is right
// only while every entry holds a letter or a digit.
func TestLexiconEntriesHaveALetterOrDigit(t *testing.T) {
	for w := range lexClasses() {
		ok := false
		for _, r := range w {
			ok = ok || unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		if !ok {
			t.Errorf("lexicon entry %q has no letter or digit: prepare would never find it", w)
		}
	}
}

// The derived classes must say what the stem lookups they replace said.
func TestDerivedClasses(t *testing.T) {
	progressive := func(l string) bool {
		b := strings.TrimSuffix(l, "ing")
		return cueVerbs[b] || cueVerbs[b+"e"] || cueVerbs[b+"s"] || stanceVerbs[b] || stanceVerbs[b+"e"] || stanceVerbs[b+"s"]
	}
	stance := func(l string) bool {
		b := strings.TrimSuffix(l, "ing")
		return stanceVerbs[b] || stanceVerbs[b+"e"] || stanceVerbs[b+"s"] || stanceVerbs[b+"ed"] || stanceVerbs[b+"d"]
	}
	words := []string{"demanding", "backing", "criticizing", "showing", "slamming", "thing", "ring", "singing", "sing"}
	for w := range lexClasses() {
		words = append(words, w, w+"ing", w[:len(w)-1], w[:len(w)-1]+"ing", w+"s", w+"d")
	}
	for _, l := range words {
		c := lexClasses()[l]
		if strings.HasSuffix(l, "ing") && c&lexProgressive != 0 != progressive(l) {
			t.Errorf("%q: lexProgressive %v, stems say %v", l, c&lexProgressive != 0, progressive(l))
		}
		if c&lexStanceParticiple != 0 != stance(l) {
			t.Errorf("%q: lexStanceParticiple %v, stems say %v", l, c&lexStanceParticiple != 0, stance(l))
		}
	}
}
