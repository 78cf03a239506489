package loopsite

import (
	"testing"

	"github.com/newsquotes/newsquotes/internal/pipeline"
)

// The generated pages must be articles with quotes, or the collector and
// extraction figures measure nothing.
func TestPagesAreArticlesWithQuotes(t *testing.T) {
	for _, i := range []int{0, 1, 77, 1999} {
		x, err := pipeline.ExtractHTML([]byte(Page("http://127.0.0.1:1", i)), "http://127.0.0.1:1"+ArticlePath(i))
		if err != nil {
			t.Fatalf("page %d: %v", i, err)
		}
		if len(x.Quotes) < 2 || len(x.Article.Paragraphs) < 4 {
			t.Errorf("page %d: %d quotes, %d paragraphs", i, len(x.Quotes), len(x.Article.Paragraphs))
		}
	}
}
