package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/newsquotes/newsquotes/internal/article"
	"github.com/newsquotes/newsquotes/internal/entity"
	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/quote"
	"github.com/newsquotes/newsquotes/internal/store"
	"github.com/newsquotes/newsquotes/internal/store/dynamotest"
)

func TestMain(m *testing.M) { dynamotest.Main(m) }

// newStore returns a Store over a fresh table in the shared DynamoDB Local.
func newStore(t testing.TB, opts ...store.Option) *store.Store {
	t.Helper()
	local := dynamotest.Start(t)
	return store.New(local.Client, local.CreateTable(t), opts...)
}

func ctx(t testing.TB) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return c
}

// fixture builds an article with nQuotes quotes spread over nEntities
// entities, with consistent code point offsets: quote i is said by entity
// i%M and mentions entities (i+1)%M and (i+2)%M. tag varies the quote words,
// so two fixtures of one URL with different tags are different extractions.
type fixture struct {
	url       string
	source    string
	published time.Time
	nQuotes   int
	nEntities int
	tag       string
}

func (f fixture) build() (pipeline.StoredArticle, *pipeline.Extraction) {
	if f.tag == "" {
		f.tag = "v1"
	}
	name := func(i int) string { return fmt.Sprintf("Name%02d Person%s", i, strings.Repeat("x", i%3)) }
	ents := make([]entity.Entity, f.nEntities)
	for i := range ents {
		typ := entity.Person
		if i%3 == 1 {
			typ = entity.Org
		}
		ents[i] = entity.Entity{
			ID: fmt.Sprintf("e%d", i), Key: strings.ToLower(name(i)), Type: typ, Name: name(i),
			Aliases: []string{fmt.Sprintf("Person%d", i)}, Titles: []string{"Minister"},
		}
	}
	var body strings.Builder
	var paras []article.Paragraph
	var quotes []quote.Quote
	mention := func(i int) {
		start := body.Len()
		body.WriteString(name(i))
		ents[i].Mentions = append(ents[i].Mentions, entity.Mention{Start: start, End: body.Len(), Text: name(i)})
	}
	for i := 0; i < f.nQuotes || i < f.nEntities; i++ {
		pstart := body.Len()
		if i < f.nQuotes && f.nEntities > 0 {
			body.WriteString(`"`)
			qstart := body.Len()
			fmt.Fprintf(&body, "Statement %d (%s) concerns ", i, f.tag)
			mention((i + 1) % f.nEntities)
			body.WriteString(" and ")
			mention((i + 2) % f.nEntities)
			qend := body.Len()
			body.WriteString(`," said `)
			sp := i % f.nEntities
			sstart := body.Len()
			mention(sp)
			body.WriteString(".")
			quotes = append(quotes, quote.Quote{
				Text: body.String()[qstart:qend], Kind: quote.Direct, Start: qstart, End: qend, Cue: "said",
				Speaker:    quote.Speaker{Name: name(sp), Mention: name(sp), Start: sstart, End: sstart + len(name(sp)), Entity: ents[sp].ID},
				Confidence: 0.9,
			})
		} else if i < f.nEntities {
			body.WriteString("Also present was ")
			mention(i)
			body.WriteString(".")
		}
		paras = append(paras, article.Paragraph{Kind: article.KindText, Text: body.String()[pstart:]})
		body.WriteString("\n\n")
	}
	a := article.Article{
		URL: f.url, CanonicalURL: f.url, Title: "Title of " + f.url, Authors: []string{"A. Writer"},
		Published: f.published, SiteName: "Example", Language: "en", Paragraphs: paras,
	}
	text := a.Text()
	sa := pipeline.StoredArticle{
		ID: pipeline.ArticleID(f.url), SourceID: f.source, Article: a,
		ContentHash: pipeline.ContentHash(text), FetchedAt: f.published.Add(time.Hour),
	}
	return sa, &pipeline.Extraction{Article: &a, Text: text, Quotes: quotes, Entities: ents, Version: 1}
}

// save stores an article and its extraction.
func save(t testing.TB, s *store.Store, a pipeline.StoredArticle, x *pipeline.Extraction) {
	t.Helper()
	c := ctx(t)
	if _, err := s.PutArticle(c, a); err != nil {
		t.Fatalf("PutArticle: %v", err)
	}
	if err := s.SaveExtraction(c, a.ID, x); err != nil {
		t.Fatalf("SaveExtraction: %v", err)
	}
}

var day0 = time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
