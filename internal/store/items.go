package store

import (
	"hash/fnv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsquotes/newsquotes/internal/article"
	"github.com/newsquotes/newsquotes/internal/entity"
	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/source"
)

// Key values. Partition and sort key values start with the item kind so
// the overloaded indexes never mix kinds in one partition.
const (
	articlePrefix  = "ART#"    // PK of an article's item collection
	articleSK      = "A"       // the article's metadata item
	bodySK         = "B"       // the article's gzip-compressed body
	quoteSKPrefix  = "Q#"      // SK of a quote in its article's collection
	linkSKPrefix   = "E#"      // SK of an entity of an article
	entityPrefix   = "ENT#"    // PK of an entity summary; GSI1PK of article-entity links
	entitySummary  = "S"       // SK of an entity summary
	speakerPrefix  = "SPK#"    // GSI1PK of quotes by speaker
	sourceIdxPfx   = "SRC#"    // GSI1PK of articles by source
	typeaheadPfx   = "EP#"     // GSI1PK of entity summaries by first letter
	dayPrefix      = "DAY#"    // GSI2PK of quotes by day and shard
	daysPK         = "DAYS"    // PK of the registry of days that have quotes
	sourcesPK      = "SOURCES" // PK of source configs and states
	sourceSKPrefix = "SRC#"
	statePrefix    = "STATE#"
	lockPrefix     = "LOCK#"
	lockSK         = "LOCK"
)

// DayShards is how many partitions one day's quotes are spread over in GSI2,
// so a busy news day does not make one hot partition. Readers query every
// shard and merge; changing it needs a re-index.
const DayShards = 4

const tsLayout = "2006-01-02T15:04:05.000000000Z"

// ts formats a time for sort keys: fixed width UTC, so strings sort as times.
func ts(t time.Time) string { return t.UTC().Format(tsLayout) }

func day(t time.Time) string { return t.UTC().Format("2006-01-02") }

func articlePK(id string) string { return articlePrefix + id }

func dayShard(quoteID string) int {
	h := fnv.New32a()
	h.Write([]byte(quoteID))
	return int(h.Sum32() % DayShards)
}

// typeaheadPK is the type-ahead partition of a normalised key: its first
// letter.
func typeaheadPK(key string) string {
	r, _ := utf8.DecodeRuneInString(key)
	return typeaheadPfx + string(r)
}

// entityKey is an entity's normalised key, falling back to its lower-cased
// name when the entity package left it empty.
func entityKey(e entity.Entity) string {
	if k := strings.TrimSpace(e.Key); k != "" {
		return k
	}
	return strings.ToLower(strings.Join(strings.Fields(e.Name), " "))
}

// articleItem is an article's metadata; the body lives in bodyItem so the
// indexes (projection ALL) never copy it.
type articleItem struct {
	PK     string `json:"PK"`
	SK     string `json:"SK"`
	GSI1PK string `json:"GSI1PK,omitempty"`
	GSI1SK string `json:"GSI1SK,omitempty"`

	ID          string          `json:"id"`
	SourceID    string          `json:"source_id,omitempty"`
	Article     article.Article `json:"article"` // Paragraphs always empty here
	ContentHash string          `json:"content_hash"`
	FetchedAt   time.Time       `json:"fetched_at"`
	RawHTMLKey  string          `json:"raw_html_key,omitempty"`

	extractionState
}

// extractionState is the committed extraction of an article, kept on its
// metadata item (see SaveExtraction).
type extractionState struct {
	Version   int            `json:"xv,omitempty"`    // extractor version
	Gen       int            `json:"xgen,omitempty"`  // bumped by every commit; children carry it
	Hash      string         `json:"xhash,omitempty"` // content hash the extraction was made from
	Keys      []string       `json:"xkeys,omitempty"` // sort keys of the committed child items
	Speakers  map[string]int `json:"xents,omitempty"` // entity key -> quotes it speaks (entity summary deltas)
	Day       string         `json:"xday,omitempty"`
	BusyUntil int64          `json:"xbusy,omitempty"` // unix ms: child writes of Gen presumed in flight until then
}

func (it articleItem) record() pipeline.StoredArticle {
	return pipeline.StoredArticle{
		ID:               it.ID,
		SourceID:         it.SourceID,
		Article:          it.Article,
		ContentHash:      it.ContentHash,
		FetchedAt:        it.FetchedAt,
		RawHTMLKey:       it.RawHTMLKey,
		ExtractorVersion: it.Version,
	}
}

// published is the date quotes and listings use: the article's date, or
// when it was fetched.
func published(a pipeline.StoredArticle) time.Time {
	if !a.Article.Published.IsZero() {
		return a.Article.Published
	}
	return a.FetchedAt
}

type bodyItem struct {
	PK   string `json:"PK"`
	SK   string `json:"SK"`
	Hash string `json:"content_hash"`
	Body []byte `json:"body"` // gzip(JSON of []article.Paragraph)
}

// quoteItem is a quote in its article's collection, indexed by speaker
// (GSI1), by day (GSI2) and by id (GSI3).
type quoteItem struct {
	PK     string `json:"PK"`
	SK     string `json:"SK"`
	GSI1PK string `json:"GSI1PK,omitempty"`
	GSI1SK string `json:"GSI1SK,omitempty"`
	GSI2PK string `json:"GSI2PK"`
	GSI2SK string `json:"GSI2SK"`
	GSI3PK string `json:"GSI3PK"`
	Gen    int    `json:"xg"`

	pipeline.StoredQuote
}

// linkItem is an entity of one article, indexed by entity (GSI1, newest
// article first). QuoteIDs lists the article's quotes that mention it, in
// text order: QuotesByEntity reads them from here.
type linkItem struct {
	PK     string `json:"PK"`
	SK     string `json:"SK"`
	GSI1PK string `json:"GSI1PK"`
	GSI1SK string `json:"GSI1SK"`
	Gen    int    `json:"xg"`

	ArticleID string        `json:"article_id"`
	Entity    entity.Entity `json:"entity"`
	QuoteIDs  []string      `json:"qids,omitempty"`
}

// summaryItem is an entity across all articles (GSI1: type-ahead).
type summaryItem struct {
	PK     string `json:"PK"`
	SK     string `json:"SK"`
	GSI1PK string `json:"GSI1PK"`
	GSI1SK string `json:"GSI1SK"`

	pipeline.EntitySummary
}

type sourceItem struct {
	PK string `json:"PK"`
	SK string `json:"SK"`
	source.Source
}

type stateItem struct {
	PK string `json:"PK"`
	SK string `json:"SK"`
	source.State
}

type lockItem struct {
	PK        string `json:"PK"`
	SK        string `json:"SK"`
	Owner     string `json:"owner"`
	ExpiresAt int64  `json:"expires_at"` // unix ms
	TTL       int64  `json:"ttl"`        // unix s, for DynamoDB's TTL sweeper
}
