package quote

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/newsquotes/newsquotes/internal/entity"
	"github.com/newsquotes/newsquotes/internal/text"
)

// polnearTexts loads the PolNeAR dev texts, skipping when ../shared is absent.
func polnearTexts(b *testing.B) []string {
	b.Helper()
	shared := os.Getenv("NEWSQUOTES_SHARED")
	if shared == "" {
		shared = filepath.Join("..", "..", "..", "shared")
	}
	dir := filepath.Join(shared, "bench", "quotes", "polnear-dev", "text")
	ents, err := os.ReadDir(dir)
	if err != nil {
		b.Skipf("PolNeAR texts not found at %s (set NEWSQUOTES_SHARED)", dir)
	}
	var texts []string
	for _, e := range ents {
		t, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(t))
	}
	return texts
}

// BenchmarkQuotesAndEntities measures what the extract Lambda runs per
// article: tokenising, entities, then quotes.
func BenchmarkQuotesAndEntities(b *testing.B) {
	texts := polnearTexts(b)
	n := 0
	for b.Loop() {
		doc := text.NewDocument(texts[n%len(texts)])
		Extract(doc, entity.Extract(doc))
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkQuotesOnly measures quote extraction alone, on documents
// tokenised and tagged beforehand.
func BenchmarkQuotesOnly(b *testing.B) {
	texts := polnearTexts(b)
	docs := make([]*text.Document, len(texts))
	ents := make([][]entity.Entity, len(texts))
	for i, t := range texts {
		docs[i] = text.NewDocument(t)
		ents[i] = entity.Extract(docs[i])
	}
	b.ResetTimer()
	n := 0
	for b.Loop() {
		Extract(docs[n%len(docs)], ents[n%len(docs)])
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
