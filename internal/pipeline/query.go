package pipeline

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/newsquotes/newsquotes/internal/entity"
	"github.com/newsquotes/newsquotes/internal/source"
)

// Listing limits, applied here so every adapter and entry point agrees.
const (
	DefaultLimit = 20
	MaxLimit     = 100
	// maxScanPages bounds how many store pages a text search reads for one
	// answer; the cursor lets the caller go on.
	maxScanPages = 5
)

// Querier is the read side of the API, plus source management.
type Querier struct {
	Store   QueryStore
	Sources SourceStore
}

// QuoteFilter selects quotes. Text searches within a speaker or a day, so a
// search never scans the whole table.
type QuoteFilter struct {
	Speaker string // speaker entity key
	Entity  string // an entity the quote's article or text mentions
	Text    string // case-insensitive substring of the quote text
	Day     time.Time
	Page    Page
}

// QuotePage is one page of quotes.
type QuotePage struct {
	Quotes []StoredQuote `json:"quotes"`
	// Cursor continues the listing; "" means the end. A page may hold fewer
	// items than the limit (a text search filters) and still have a cursor.
	Cursor string `json:"cursor,omitempty"`
}

// EntityPage is one page of entities.
type EntityPage struct {
	Entities []EntitySummary `json:"entities"`
	Cursor   string          `json:"cursor,omitempty"`
}

// ClampLimit applies the default and the cap.
func ClampLimit(n int) int {
	switch {
	case n <= 0:
		return DefaultLimit
	case n > MaxLimit:
		return MaxLimit
	}
	return n
}

// Quotes lists quotes by filter, newest first.
func (q *Querier) Quotes(ctx context.Context, f QuoteFilter) (QuotePage, error) {
	p := f.Page
	p.Limit = ClampLimit(p.Limit)
	if !f.Day.IsZero() {
		day := time.Date(f.Day.Year(), f.Day.Month(), f.Day.Day(), 0, 0, 0, 0, time.UTC)
		if p.Since.IsZero() || p.Since.Before(day) {
			p.Since = day
		}
		if end := day.AddDate(0, 0, 1); p.Until.IsZero() || p.Until.After(end) {
			p.Until = end
		}
	}
	if !p.Since.IsZero() && !p.Until.IsZero() && !p.Since.Before(p.Until) {
		return QuotePage{}, Errorf(EINVALID, "since must be before until")
	}
	text := strings.ToLower(strings.TrimSpace(f.Text))
	if text != "" && f.Speaker == "" && f.Day.IsZero() {
		return QuotePage{}, Errorf(EINVALID, "text search needs a speaker or a day")
	}

	var list func(Page) ([]StoredQuote, string, error)
	switch {
	case f.Speaker != "":
		list = func(p Page) ([]StoredQuote, string, error) { return q.Store.QuotesBySpeaker(ctx, f.Speaker, p) }
	case f.Entity != "":
		list = func(p Page) ([]StoredQuote, string, error) { return q.Store.QuotesByEntity(ctx, f.Entity, p) }
	default:
		list = func(p Page) ([]StoredQuote, string, error) { return q.Store.RecentQuotes(ctx, p) }
	}
	keep := func(sq StoredQuote) bool {
		if text != "" && !strings.Contains(strings.ToLower(sq.Quote.Text), text) {
			return false
		}
		if f.Speaker != "" && f.Entity != "" && !slices.Contains(sq.EntityKeys, f.Entity) && sq.SpeakerKey != f.Entity {
			return false
		}
		return true
	}
	filtering := text != "" || (f.Speaker != "" && f.Entity != "")

	out := QuotePage{Quotes: []StoredQuote{}}
	for range maxScanPages {
		// Each store page is consumed whole, so its cursor is exact; a
		// filtered search reads on only while it has found nothing.
		items, next, err := list(p)
		if err != nil {
			return QuotePage{}, fmt.Errorf("list quotes: %w", err)
		}
		for _, it := range items {
			if keep(it) {
				out.Quotes = append(out.Quotes, it)
			}
		}
		out.Cursor = next
		if !filtering || next == "" || len(out.Quotes) > 0 {
			break
		}
		p.Cursor = next
	}
	return out, nil
}

// Quote returns one quote.
func (q *Querier) Quote(ctx context.Context, id string) (StoredQuote, error) {
	return q.Store.GetQuote(ctx, id)
}

// Article returns an article with its quotes and entities.
func (q *Querier) Article(ctx context.Context, id string) (ArticleDetail, error) {
	return q.Store.GetArticleDetail(ctx, id)
}

// Entity returns an entity's summary.
func (q *Querier) Entity(ctx context.Context, key string) (EntitySummary, error) {
	return q.Store.GetEntity(ctx, key)
}

// Speakers lists people whose name starts with prefix, for type-ahead.
func (q *Querier) Speakers(ctx context.Context, prefix string, p Page) (EntityPage, error) {
	prefix = strings.TrimSpace(prefix)
	p.Limit = ClampLimit(p.Limit)
	items, next, err := q.Store.EntitiesByPrefix(ctx, prefix, entity.Person, p)
	if err != nil {
		return EntityPage{}, fmt.Errorf("list speakers %q: %w", prefix, err)
	}
	if items == nil {
		items = []EntitySummary{}
	}
	return EntityPage{Entities: items, Cursor: next}, nil
}

// ListSources returns the configured sources.
func (q *Querier) ListSources(ctx context.Context) ([]source.Source, error) {
	srcs, err := q.Sources.ListSources(ctx)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	if srcs == nil {
		srcs = []source.Source{}
	}
	return srcs, nil
}

// PutSource validates and stores a source.
func (q *Querier) PutSource(ctx context.Context, s source.Source) error {
	if err := ValidateSource(s); err != nil {
		return err
	}
	if err := q.Sources.PutSource(ctx, s); err != nil {
		return fmt.Errorf("put source %s: %w", s.ID, err)
	}
	return nil
}

// ValidateSource checks a source before it is stored, as an EINVALID error.
func ValidateSource(s source.Source) error {
	if v, ok := any(s).(interface{ Validate() error }); ok {
		if err := v.Validate(); err != nil {
			if ErrorCode(err) != EINTERNAL {
				return err
			}
			return &Error{Code: EINVALID, Message: err.Error(), Err: err}
		}
		return nil
	}
	if s.ID == "" {
		return Errorf(EINVALID, "source id is required")
	}
	switch s.Kind {
	case source.Feed, source.Sitemap, source.Section, source.URLList:
	default:
		return Errorf(EINVALID, "source kind must be feed, sitemap, section or urls")
	}
	if _, err := NormalizeURL(s.URL); err != nil {
		return Errorf(EINVALID, "source url: %v", err)
	}
	return nil
}
