package text

import "testing"

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"":                         "",
		"  Hello,   World! ":       "hello world",
		"Zelenskyy's “EU” bid—now": "zelenskyy s eu bid now",
		"Café No. 5":               "café no 5",
		"...":                      "",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}
