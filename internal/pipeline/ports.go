package pipeline

import (
	"context"
	"time"

	"github.com/newsquotes/newsquotes/internal/entity"
	"github.com/newsquotes/newsquotes/internal/source"
)

// The interfaces below are what the use cases need from adapters, each as
// narrow as its consumer allows. internal/store implements the storage ones
// against DynamoDB; tests use small fakes.

// ArticleLoader loads one stored article.
type ArticleLoader interface {
	GetArticle(ctx context.Context, id string) (StoredArticle, error)
}

// ExtractionSaver stores what was extracted from an article, replacing an
// older extraction and never a newer one.
type ExtractionSaver interface {
	SaveExtraction(ctx context.Context, articleID string, x *Extraction) error
}

// ArticleWriter stores collected articles.
type ArticleWriter interface {
	// PutArticle stores a, reporting false when the same content was
	// already stored.
	PutArticle(ctx context.Context, a StoredArticle) (written bool, err error)
	// KnownArticles reports which of ids are already stored.
	KnownArticles(ctx context.Context, ids []string) (map[string]bool, error)
}

// SourceRegistry lists sources and keeps their per-source state.
type SourceRegistry interface {
	ListSources(ctx context.Context) ([]source.Source, error)
	GetSourceState(ctx context.Context, id string) (source.State, error)
	PutSourceState(ctx context.Context, st source.State) error
}

// Locker is a lease-based lock, so two overlapping runs never collect at once.
type Locker interface {
	AcquireLock(ctx context.Context, name, owner string, ttl time.Duration) (bool, error)
	ReleaseLock(ctx context.Context, name, owner string) error
}

// RawStore keeps the raw HTML of fetched pages (S3 in AWS).
type RawStore interface {
	PutRaw(ctx context.Context, key string, body []byte, contentType string) error
}

// Queue hands new article ids to the extraction step (SQS in AWS).
type Queue interface {
	Enqueue(ctx context.Context, articleIDs []string) error
}

// QueryStore is the read side the API needs.
type QueryStore interface {
	GetQuote(ctx context.Context, id string) (StoredQuote, error)
	GetArticleDetail(ctx context.Context, id string) (ArticleDetail, error)
	QuotesBySpeaker(ctx context.Context, speakerKey string, p Page) ([]StoredQuote, string, error)
	QuotesByEntity(ctx context.Context, entityKey string, p Page) ([]StoredQuote, string, error)
	RecentQuotes(ctx context.Context, p Page) ([]StoredQuote, string, error)
	GetEntity(ctx context.Context, key string) (EntitySummary, error)
	EntitiesByPrefix(ctx context.Context, prefix string, typ entity.Type, p Page) ([]EntitySummary, string, error)
}

// SourceStore manages configured sources.
type SourceStore interface {
	ListSources(ctx context.Context) ([]source.Source, error)
	PutSource(ctx context.Context, s source.Source) error
}

// FetchedPage is a fetched article page.
type FetchedPage struct {
	URL         string // final URL, after redirects
	StatusCode  int
	ContentType string
	Body        []byte
}

// FetchFunc fetches one page. Adapters map refusals (SSRF guard, robots.txt)
// to *Error with EFORBIDDEN, so callers can tell them from failures.
type FetchFunc func(ctx context.Context, url string) (*FetchedPage, error)

// Discovery is what reading a source found.
type Discovery struct {
	Items       []DiscoveredItem
	State       source.State // the state to keep for the next run
	NotModified bool         // the source answered 304: nothing new
}

// DiscoveredItem is one candidate article link.
type DiscoveredItem struct {
	URL       string
	Title     string
	Published time.Time
}

// DiscoverFunc reads one source, using and updating its state.
type DiscoverFunc func(ctx context.Context, src source.Source, st source.State) (Discovery, error)

// StaleLister pages through the ids of stored articles whose extraction is
// older than a version (never extracted counts as older), for the
// re-extraction backfill. A page may be empty with a cursor to go on.
type StaleLister interface {
	StaleArticles(ctx context.Context, below int, p Page) (ids []string, next string, err error)
}
