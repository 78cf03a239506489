package entity

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// nonDecomposing maps letters that carry no combining mark under NFD to
// their plain Latin spelling.
var nonDecomposing = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th",
	'ı': "i", 'ħ': "h",
}

// Key returns the normalised key of a name for cross-article indexing: case
// and diacritics folded, punctuation dropped ("U.S." -> "us"), a trailing
// possessive and a leading "the" removed, and common transliteration variants folded so that
// Zelenskiy, Zelenskyy and Zelensky share a key: per word the endings -iy,
// -yy, -yi, -ij and -ii become -y, and -ie after a consonant stays as is.
func Key(name string) string {
	name = strings.TrimSpace(name)
	for _, p := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(name, p) && len(name) > len(p)+1 {
			name = name[:len(name)-len(p)]
			break
		}
	}
	var b strings.Builder
	b.Grow(len(name))
	space := true
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '\'' || r == '’' || r == '.' || r == 'ʼ' || r == '‘':
			continue
		case r == '&':
			if !space {
				b.WriteByte(' ')
			}
			b.WriteString("and ")
			space = true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
			if s, ok := nonDecomposing[r]; ok {
				b.WriteString(s)
			} else {
				b.WriteRune(r)
			}
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	words := strings.Fields(b.String())
	if len(words) > 1 && words[0] == "the" { // "The Guardian" = "Guardian"
		words = words[1:]
	}
	for i, w := range words {
		words[i] = foldTranslit(w)
	}
	return strings.Join(words, " ")
}

// foldTranslit folds romanisation variants of Slavic name endings.
func foldTranslit(w string) string {
	if len(w) < 5 {
		return w
	}
	for _, suf := range []string{"iy", "yy", "yi", "ij", "ii"} {
		if strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)] + "y"
		}
	}
	return w
}
