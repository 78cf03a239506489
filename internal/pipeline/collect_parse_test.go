package pipeline

import (
	"strings"
	"testing"
)

func TestParseRefusesDeclaredNonPages(t *testing.T) {
	prose := strings.Repeat("The council met on Tuesday to discuss the new harbour bridge and its repairs. ", 40)
	html := []byte("<html><head><title>Harbour bridge</title></head><body><article><p>" + prose + "</p></article></body></html>")
	for _, tc := range []struct {
		contentType string
		refused     bool
	}{
		{"image/png", true},
		{"application/pdf", true},
		{"video/mp4; codecs=avc1", true},
		{"text/html; charset=utf-8", false},
		{"", false},
		{"application/xhtml+xml", false},
	} {
		_, err := (&Collector{}).parse(&FetchedPage{URL: "https://example.com/a", ContentType: tc.contentType, Body: html})
		if tc.refused {
			if ErrorCode(err) != EUNPROCESSABLE || !strings.Contains(ErrorMessage(err), "not HTML") {
				t.Errorf("%q: err = %v, want unprocessable: not HTML", tc.contentType, err)
			}
		} else if err != nil {
			t.Errorf("%q: err = %v, want the article", tc.contentType, err)
		}
	}
}
