package quote

import (
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
