// Command extract-readability runs readeck go-readability v2 over a page
// list (see package pagerun).
package main

import (
	"bytes"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"

	"github.com/newsquotes/newsquotes/bench/internal/pagerun"
)

func main() {
	pagerun.Main(func(page []byte, pageURL string) (string, error) {
		u, _ := url.Parse(pageURL)
		a, err := readability.FromReader(bytes.NewReader(page), u)
		if err != nil {
			return "", err
		}
		var b strings.Builder
		if err := a.RenderText(&b); err != nil {
			return "", err
		}
		return b.String(), nil
	})
}
