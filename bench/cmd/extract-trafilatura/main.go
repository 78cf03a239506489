// Command extract-trafilatura runs go-trafilatura with its fallback
// extractors on over a page list (see package pagerun).
package main

import (
	"bytes"
	"net/url"

	trafilatura "github.com/markusmobius/go-trafilatura"

	"github.com/newsquotes/newsquotes/bench/internal/pagerun"
)

func main() {
	pagerun.Main(func(page []byte, pageURL string) (string, error) {
		u, _ := url.Parse(pageURL)
		r, err := trafilatura.Extract(bytes.NewReader(page), trafilatura.Options{EnableFallback: true, OriginalURL: u})
		if err != nil {
			return "", err
		}
		return r.ContentText, nil
	})
}
