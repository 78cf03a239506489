package article

import (
	"fmt"
	"iter"
	"regexp"
)

// A cue is a case-insensitive regexp for a phrase that starts a word
// ("published on", "last updated:"), searched for in a page's whole text.
// The regexp engine scans long texts slowly; a cue looks for the two
// letters every match starts with, a byte comparison, and runs the regexp
// only where they stand.
type cue struct {
	re       *regexp.Regexp
	anchored *regexp.Regexp // re, matching only at the start of the text
	first    [256]bool      // first bytes of a match
	starts   []string       // its first two letters, lower case
}

// newCue compiles expr, which must start with \b and match only text that
// starts with one of starts in some letter case. Every start is two ASCII
// letters other than k and s, which (?i) also matches with non-ASCII
// runes (K, ſ): a match of one of these letters is always one byte.
func newCue(expr string, starts ...string) *cue {
	c := &cue{re: regexp.MustCompile(expr), anchored: regexp.MustCompile(`^(?:` + expr + `)`), starts: starts}
	for _, s := range starts {
		if len(s) != 2 || !isCueLetter(s[0]) || !isCueLetter(s[1]) {
			panic(fmt.Sprintf("cue %q: bad start %q", expr, s))
		}
		c.first[s[0]], c.first[s[0]-'a'+'A'] = true, true
	}
	return c
}

func isCueLetter(b byte) bool { return 'a' <= b && b <= 'z' && b != 'k' && b != 's' }

// all yields the first n matches in s as re.FindAllStringIndex(s, n) lists
// them, finding each only when asked.
func (c *cue) all(s string, n int) iter.Seq[[2]int] {
	return func(yield func([2]int) bool) {
		found := 0
		for i := 0; i+1 < len(s) && found < n; i++ {
			if !c.first[s[i]] || i > 0 && isWordByte(s[i-1]) || !c.startsAt(s[i:]) {
				continue
			}
			// The regexp's leading \b holds at i, a letter after a non-word
			// byte, so the match anchored at s[i:] is the one re finds at i.
			loc := c.anchored.FindStringIndex(s[i:])
			if loc == nil {
				continue
			}
			found++
			if !yield([2]int{i, i + loc[1]}) {
				return
			}
			i += max(loc[1], 1) - 1 // go on after the match, as FindAll does
		}
	}
}

func (c *cue) startsAt(s string) bool {
	a, b := s[0]|0x20, s[1]|0x20 // lower case, for letters
	for _, st := range c.starts {
		if st[0] == a && st[1] == b {
			return true
		}
	}
	return false
}

// isWordByte is \b's notion of a word character; any byte of a non-ASCII
// rune is not one, as the rune is not.
func isWordByte(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '_'
}
