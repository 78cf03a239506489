package source

import "github.com/newsquotes/newsquotes/internal/article"

// normalizeURL is the one canonical URL form of the project
// (article.NormalizeURL), so links found here deduplicate against the
// articles already stored.
func normalizeURL(raw string) (string, bool) {
	u, err := article.NormalizeURL(raw)
	return u, err == nil
}
