package source

import (
	"net/url"
	"strings"

	"github.com/newsquotes/newsquotes/internal/article"
)

// normalizeURL is the one canonical URL form of the project
// (article.NormalizeURL), so links found here deduplicate against the
// articles already stored. It also refuses a host that is only dots
// ("https://./"), which normalises to no host at all.
func normalizeURL(raw string) (string, bool) {
	n, err := article.NormalizeURL(raw)
	if err != nil {
		return "", false
	}
	u, err := url.Parse(n)
	if err != nil || strings.Trim(u.Hostname(), ".") == "" {
		return "", false
	}
	return n, true
}
