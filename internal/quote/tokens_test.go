package quote

import (
	"testing"
	"unicode/utf8"

	"github.com/newsquotes/newsquotes/internal/text"
)

// TestTextOf checks that article strings taken as substrings of the text
// equal the code points they stand for, with multi-byte code points and
// with invalid UTF-8 (where textOf must fall back to the runes).
func TestTextOf(t *testing.T) {
	for _, s := range []string{
		"",
		"plain ASCII, longer than eight bytes",
		"“Curly quotes,” she said — and café, naïve, 日本.",
		"12345678“x”",
		"bad \xff byte",
		"ends in a cut rune \xe2\x80",
		"a real \uFFFD replacement",
	} {
		x := &extractor{doc: text.NewDocument(s), scratch: new(scratch)}
		x.rs = x.doc.Runes
		x.bytesMapped = x.scratch.mapBytes(x.doc)
		if x.bytesMapped != utf8.ValidString(s) {
			t.Errorf("%q: mapBytes = %v, want %v", s, x.bytesMapped, !x.bytesMapped)
		}
		for a := 0; a <= len(x.rs); a++ {
			for b := a; b <= len(x.rs); b++ {
				if got, want := x.textOf(a, b), string(x.rs[a:b]); got != want {
					t.Fatalf("%q: textOf(%d, %d) = %q, want %q", s, a, b, got, want)
				}
			}
		}
	}
}
