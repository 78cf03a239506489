package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/newsquotes/newsquotes/internal/article"
	"github.com/newsquotes/newsquotes/internal/entity"
	"github.com/newsquotes/newsquotes/internal/quote"
	"github.com/newsquotes/newsquotes/internal/text"
)

// StoredArticle is an article as the system keeps it.
type StoredArticle struct {
	ID          string          `json:"id"` // ArticleID(canonical URL)
	SourceID    string          `json:"source_id,omitempty"`
	Article     article.Article `json:"article"`
	ContentHash string          `json:"content_hash"` // ContentHash(body)
	FetchedAt   time.Time       `json:"fetched_at"`
	RawHTMLKey  string          `json:"raw_html_key,omitempty"` // S3 key of the raw page, when kept
	// ExtractorVersion is the version of the extraction stored for it; 0
	// when quotes and entities were not extracted yet.
	ExtractorVersion int `json:"extractor_version"`
}

// StoredQuote is a quote with what the query side needs to list it alone.
type StoredQuote struct {
	ID           string      `json:"id"` // QuoteID(article id, quote)
	ArticleID    string      `json:"article_id"`
	ArticleURL   string      `json:"article_url"`
	ArticleTitle string      `json:"article_title"`
	Published    time.Time   `json:"published"`   // the article's date; FetchedAt when it has none
	SpeakerKey   string      `json:"speaker_key"` // the speaker entity's Key, "" when unknown
	EntityKeys   []string    `json:"entity_keys,omitempty"`
	Quote        quote.Quote `json:"quote"`
}

// StoredEntity is an entity of one article.
type StoredEntity struct {
	ArticleID string        `json:"article_id"`
	Entity    entity.Entity `json:"entity"`
}

// Page asks for one page of a listing.
type Page struct {
	Limit  int       // at most this many items; adapters cap it
	Cursor string    // opaque, from the previous page; "" for the first
	Since  time.Time // optional lower bound on dates (inclusive)
	Until  time.Time // optional upper bound on dates (exclusive)
}

// ArticleID derives an article's id from its canonical URL, so the same page
// found twice is stored once.
func ArticleID(canonicalURL string) string {
	return "a" + shortHash(canonicalURL)
}

// ContentHash fingerprints an article body to detect changed content.
func ContentHash(body string) string {
	sum := sha256.Sum256([]byte(body))
	return hex.EncodeToString(sum[:])
}

// QuoteID derives a quote's id from its article, its normalised text and its
// speaker, so redelivered messages and re-runs produce the same ids. The
// text is folded (case, punctuation, spacing) so cosmetic edits to a page do
// not mint new ids.
func QuoteID(articleID string, q quote.Quote) string {
	return "q" + shortHash(articleID+"\x00"+text.Fold(q.Text)+"\x00"+strings.ToLower(q.Speaker.Name)+"\x00"+string(q.Kind))
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:12])
}

// ArticleDetail is an article with everything extracted from it.
type ArticleDetail struct {
	Article  StoredArticle   `json:"article"`
	Quotes   []StoredQuote   `json:"quotes"`
	Entities []entity.Entity `json:"entities"`
}

// EntitySummary is an entity across all articles, keyed by its normalised key.
type EntitySummary struct {
	Key      string      `json:"key"`
	Type     entity.Type `json:"type"`
	Name     string      `json:"name"`
	Aliases  []string    `json:"aliases,omitempty"`
	Titles   []string    `json:"titles,omitempty"`
	Articles int         `json:"articles"` // articles mentioning it
	Quotes   int         `json:"quotes"`   // quotes it is the speaker of
	LastSeen time.Time   `json:"last_seen"`
}
