package quote

import (
	"strings"
	"testing"
)

// TestFieldHelpers checks the allocation-free helpers against the
// strings.Fields and strings.ToLower they stand for.
func TestFieldHelpers(t *testing.T) {
	for _, s := range []string{
		"", " ", "Eva", "Eva Lund", "  Piet van Dam  ", "a\tb\nc", "Jean\u00a0Dupont", "x\u2003y ",
		"Zoë Ça", "bad\xffbyte name", "SAID Calls", "During",
	} {
		f := strings.Fields(s)
		last, first := "", ""
		if len(f) > 0 {
			last, first = f[len(f)-1], f[0]
		}
		if got := lastField(s); got != last {
			t.Errorf("lastField(%q) = %q, want %q", s, got, last)
		}
		if n, got := fields(s); n != len(f) || got != first {
			t.Errorf("fields(%q) = %d, %q; want %d, %q", s, n, got, len(f), first)
		}
		if got, want := lowerClasses(s), lexClasses()[strings.ToLower(s)]; got != want {
			t.Errorf("lowerClasses(%q) = %b, want %b", s, got, want)
		}
	}
}
