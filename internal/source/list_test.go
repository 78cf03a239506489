package source

import (
	"strings"
	"testing"
)

// The bundled example is what users start from: it must load as is.
func TestExampleSourcesFile(t *testing.T) {
	srcs, err := LoadFile("../../sources.example.json")
	if err != nil {
		t.Fatal(err)
	}
	feeds := 0
	for _, s := range srcs {
		if s.Kind == Feed && s.Enabled {
			feeds++
		}
	}
	if feeds < 4 {
		t.Errorf("%d enabled feeds in sources.example.json, want at least 4", feeds)
	}
}

func TestDecodeListRejects(t *testing.T) {
	for name, in := range map[string]string{
		"not an array":  `{"id": "a"}`,
		"unknown field": `[{"id": "a", "kind": "feed", "url": "https://a.example/f", "enabeld": true}]`,
		"invalid":       `[{"id": "a", "kind": "podcast", "url": "https://a.example/f"}]`,
		"duplicate":     `[{"id": "a", "kind": "feed", "url": "https://a.example/f"}, {"id": "a", "kind": "feed", "url": "https://a.example/g"}]`,
		"trailing":      `[] []`,
	} {
		if _, err := DecodeList(strings.NewReader(in)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
