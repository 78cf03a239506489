// Command extract-newsquotes runs this project's article extractor over a
// page list (see package pagerun).
package main

import (
	"github.com/newsquotes/newsquotes/bench/internal/pagerun"
	"github.com/newsquotes/newsquotes/internal/article"
)

func main() {
	pagerun.Main(func(page []byte, pageURL string) (string, error) {
		a, err := article.Extract(page, pageURL)
		if err != nil {
			return "", err
		}
		return a.Text(), nil
	})
}
