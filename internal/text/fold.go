package text

import (
	"strings"
	"unicode"
)

// Fold is a comparison key for short texts (titles, quotes): lower case,
// letters and digits only, runs of anything else as one space.
func Fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return b.String()
}
