package article

import "fmt"

// Extract parses an HTML page fetched from pageURL into an Article.
// Placeholder until the extractor lands.
func Extract(html []byte, pageURL string) (*Article, error) {
	return nil, fmt.Errorf("article extraction not implemented yet")
}
