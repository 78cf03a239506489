package entity

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

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
	var buf [64]byte
	var b []byte
	if isASCII(name) { // NFD changes nothing: skip its allocation
		b = appendFoldedASCII(buf[:0], name)
	} else {
		b = appendFoldedNFD(buf[:0], name)
	}
	// b holds words separated by single spaces. Drop a leading "the" and
	// fold each word's transliteration variants.
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	if len(b) > 4 && string(b[:4]) == "the " {
		b = b[4:]
	}
	out := b[:0] // folding only shortens words: rewrite in place
	for len(b) > 0 {
		i := bytes.IndexByte(b, ' ')
		w := b
		if i >= 0 {
			w, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		if len(out) > 0 {
			out = append(out, ' ')
		}
		k := foldedLen(w) // before the append, which may overwrite w
		out = append(out, w[:k]...)
		if k < len(w) {
			out[len(out)-1] = 'y'
		}
	}
	return string(out)
}

// appendFoldedASCII appends the words of an ASCII name, lower-cased,
// without dots and apostrophes, "&" as "and", separated by single spaces.
func appendFoldedASCII(b []byte, name string) []byte {
	space := true
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '\'' || c == '.':
		case c == '&':
			if !space {
				b = append(b, ' ')
			}
			b = append(b, "and "...)
			space = true
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b = append(b, c)
			space = false
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
			space = false
		default:
			if !space {
				b = append(b, ' ')
				space = true
			}
		}
	}
	return b
}

// appendFoldedNFD is appendFoldedASCII for any text: diacritics dropped
// after NFD decomposition, letters without one spelled out ("ß" -> "ss").
func appendFoldedNFD(b []byte, name string) []byte {
	space := true
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '\'' || r == '’' || r == '.' || r == 'ʼ' || r == '‘':
			continue
		case r == '&':
			if !space {
				b = append(b, ' ')
			}
			b = append(b, "and "...)
			space = true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
			if s, ok := nonDecomposing[r]; ok {
				b = append(b, s...)
			} else {
				b = utf8.AppendRune(b, r)
			}
			space = false
		default:
			if !space {
				b = append(b, ' ')
				space = true
			}
		}
	}
	return b
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldedLen is the length of w after foldTranslit, whose result ends in
// 'y' when shorter than w.
func foldedLen(w []byte) int {
	if len(w) < 5 {
		return len(w)
	}
	switch string(w[len(w)-2:]) {
	case "iy", "yy", "yi", "ij", "ii":
		return len(w) - 1
	}
	return len(w)
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
