package dynamotest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/newsquotes/newsquotes/internal/article"
	"github.com/newsquotes/newsquotes/internal/pipeline"
)

// ArticleWriter is what SeedExtractions needs of a store (store.Store has
// it); declared here so this package never imports the store it tests.
type ArticleWriter interface {
	PutArticle(ctx context.Context, a pipeline.StoredArticle) (bool, error)
	SaveExtraction(ctx context.Context, articleID string, x *pipeline.Extraction) error
}

// SeedExtractions stores one small article per entry of versions, under
// URLs https://news.example/<prefix>/<i>, and an extraction at that
// ExtractorVersion (none for 0). It returns the ids of the articles older
// than pipeline.ExtractorVersion, in order: the ones a re-extraction must
// queue.
func SeedExtractions(t testing.TB, ctx context.Context, st ArticleWriter, prefix string, versions []int) (stale []string) {
	t.Helper()
	for i, version := range versions {
		u := fmt.Sprintf("https://news.example/%s/%d", prefix, i)
		a := article.Article{URL: u, CanonicalURL: u, Title: fmt.Sprintf("Story %d", i), Language: "en",
			Published:  time.Date(2026, 11, 20, 8, i, 0, 0, time.UTC),
			Paragraphs: []article.Paragraph{{Kind: article.KindText, Text: `"We will build it," said Mayor Jane Doe on Monday.`}}}
		sa := pipeline.StoredArticle{ID: pipeline.ArticleID(u), Article: a, FetchedAt: a.Published}
		if _, err := st.PutArticle(ctx, sa); err != nil {
			t.Fatal(err)
		}
		if version > 0 {
			x := pipeline.Analyze(&a, a.Text())
			x.Version = version
			if err := st.SaveExtraction(ctx, sa.ID, x); err != nil {
				t.Fatal(err)
			}
		}
		if version < pipeline.ExtractorVersion {
			stale = append(stale, sa.ID)
		}
	}
	return stale
}
