package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/newsquotes/newsquotes/internal/article"
	"github.com/newsquotes/newsquotes/internal/entity"
	"github.com/newsquotes/newsquotes/internal/quote"
)

// fakeQuotes serves quotes in pages of the requested size, with the index
// of the next item as the cursor.
type fakeQuotes struct {
	QueryStore
	all   []StoredQuote
	calls int
	pages []Page
}

func (f *fakeQuotes) page(p Page) ([]StoredQuote, string, error) {
	f.calls++
	f.pages = append(f.pages, p)
	start := 0
	if p.Cursor != "" {
		fmt.Sscan(p.Cursor, &start)
	}
	end := min(start+p.Limit, len(f.all))
	next := ""
	if end < len(f.all) {
		next = fmt.Sprint(end)
	}
	return f.all[start:end], next, nil
}

func (f *fakeQuotes) QuotesBySpeaker(_ context.Context, _ string, p Page) ([]StoredQuote, string, error) {
	return f.page(p)
}
func (f *fakeQuotes) RecentQuotes(_ context.Context, p Page) ([]StoredQuote, string, error) {
	return f.page(p)
}

func quotesSaying(words ...string) []StoredQuote {
	out := make([]StoredQuote, len(words))
	for i, w := range words {
		out[i] = StoredQuote{ID: fmt.Sprint("q", i), Quote: quote.Quote{Text: w}}
	}
	return out
}

func TestQuotesTextSearchNeedsASpeakerOrADay(t *testing.T) {
	q := &Querier{Store: &fakeQuotes{}}
	_, err := q.Quotes(context.Background(), QuoteFilter{Text: "peace"})
	if ErrorCode(err) != EINVALID {
		t.Fatalf("err %v, want %s", err, EINVALID)
	}
}

func TestQuotesTextSearchFiltersAndKeepsACursor(t *testing.T) {
	words := make([]string, 30)
	for i := range words {
		words[i] = "nothing"
	}
	words[3], words[17], words[25] = "Peace now", "no PEACE", "peaceful"
	f := &fakeQuotes{all: quotesSaying(words...)}
	q := &Querier{Store: f}
	var got []string
	cursor := ""
	for range 10 {
		page, err := q.Quotes(context.Background(), QuoteFilter{Speaker: "p:x", Text: "peace", Page: Page{Limit: 5, Cursor: cursor}})
		if err != nil {
			t.Fatal(err)
		}
		for _, sq := range page.Quotes {
			got = append(got, sq.Quote.Text)
		}
		if cursor = page.Cursor; cursor == "" {
			break
		}
	}
	if strings.Join(got, "|") != "Peace now|no PEACE|peaceful" {
		t.Errorf("found %q", got)
	}
}

func TestQuotesDayAndLimits(t *testing.T) {
	f := &fakeQuotes{all: quotesSaying("a", "b")}
	q := &Querier{Store: f}
	day := time.Date(2026, 3, 1, 15, 0, 0, 0, time.UTC)
	if _, err := q.Quotes(context.Background(), QuoteFilter{Day: day, Page: Page{Limit: 1000}}); err != nil {
		t.Fatal(err)
	}
	p := f.pages[0]
	if p.Limit != MaxLimit || !p.Since.Equal(day.Truncate(24*time.Hour)) || !p.Until.Equal(day.Truncate(24*time.Hour).Add(24*time.Hour)) {
		t.Errorf("page %+v: want limit %d and the day's bounds", p, MaxLimit)
	}
	_, err := q.Quotes(context.Background(), QuoteFilter{Page: Page{Since: day, Until: day}})
	if ErrorCode(err) != EINVALID {
		t.Errorf("since == until: err %v, want invalid", err)
	}
}

type fakeArticles struct {
	a     StoredArticle
	err   error
	saved []*Extraction
}

func (f *fakeArticles) GetArticle(context.Context, string) (StoredArticle, error) { return f.a, f.err }
func (f *fakeArticles) SaveExtraction(_ context.Context, _ string, x *Extraction) error {
	f.saved = append(f.saved, x)
	return nil
}

func TestExtractArticle(t *testing.T) {
	f := &fakeArticles{a: StoredArticle{ID: "a1", Article: article.Article{Paragraphs: []article.Paragraph{{Text: `"We will win," said Jane Doe.`}}}}}
	e := &Extractor{Articles: f, Saver: f}
	res, err := e.ExtractArticle(context.Background(), "a1")
	if err != nil || res.Skipped || len(f.saved) != 1 {
		t.Fatalf("res %+v err %v saved %d", res, err, len(f.saved))
	}
	if f.saved[0].Version != ExtractorVersion {
		t.Errorf("saved version %d", f.saved[0].Version)
	}

	// Already extracted by this version: a redelivered message does nothing.
	f.a.ExtractorVersion = ExtractorVersion
	res, err = e.ExtractArticle(context.Background(), "a1")
	if err != nil || !res.Skipped || len(f.saved) != 1 {
		t.Errorf("redelivery: res %+v err %v saved %d", res, err, len(f.saved))
	}

	f.err = ErrNotFound
	_, err = e.ExtractArticle(context.Background(), "gone")
	if !errors.Is(err, ErrNotFound) || ErrorCode(err) != ENOTFOUND {
		t.Errorf("missing article: err %v", err)
	}
}

func TestParseExtractMessage(t *testing.T) {
	for body, want := range map[string]string{
		`{"article_id":"a1"}`: "",
		`{"article_id":""}`:   EINVALID,
		`{"id":"a1"}`:         EINVALID,
		`not json`:            EINVALID,
	} {
		_, err := ParseExtractMessage(body)
		if ErrorCode(err) != want {
			t.Errorf("%s: err %v, want code %q", body, err, want)
		}
	}
}

type fakeEntities struct{ QueryStore }

func (fakeEntities) EntitiesByPrefix(_ context.Context, prefix string, typ entity.Type, p Page) ([]EntitySummary, string, error) {
	if typ != entity.Person {
		return nil, "", fmt.Errorf("type %s", typ)
	}
	return nil, "", nil
}

func TestSpeakersNeverReturnsNull(t *testing.T) {
	page, err := (&Querier{Store: fakeEntities{}}).Speakers(context.Background(), " zel ", Page{})
	if err != nil || page.Entities == nil {
		t.Errorf("page %+v err %v", page, err)
	}
}
