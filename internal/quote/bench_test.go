package quote

import (
	"testing"

	"github.com/newsquotes/newsquotes/internal/benchdata"
	"github.com/newsquotes/newsquotes/internal/entity"
	"github.com/newsquotes/newsquotes/internal/text"
)

// BenchmarkQuotesAndEntities measures what the extract Lambda runs per
// article: tokenising, entities, then quotes.
func BenchmarkQuotesAndEntities(b *testing.B) {
	texts := benchdata.PolNeARDevTexts(b)
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
	texts := benchdata.PolNeARDevTexts(b)
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
