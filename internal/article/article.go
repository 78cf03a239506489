// Package article turns a fetched HTML page into an Article: its metadata
// (title, authors, dates, canonical URL, site, language) and its body as
// ordered paragraphs, with boilerplate (navigation, share bars, related links,
// pitches, captions, comments) left out.
package article

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrNotArticle reports a page that parsed but holds no article body.
var ErrNotArticle = errors.New("not an article")

// NotArticleError is the ErrNotArticle a page with too little body text
// returns. It keeps the page's title so that a caller can say which page was
// turned away ("Lorem Ipsum": 8 words), not only that one was.
type NotArticleError struct {
	URL   string
	Title string // the title the page's metadata or headline gives, if any
	Words int    // body words found, under the minimum an article has
}

func (e *NotArticleError) Error() string {
	return fmt.Sprintf("article %s: no body text found (%d words): %v", e.URL, e.Words, ErrNotArticle)
}

// Unwrap makes errors.Is(err, ErrNotArticle) hold.
func (e *NotArticleError) Unwrap() error { return ErrNotArticle }

// ParagraphKind says what a body block is; quote attribution treats headings
// and block quotes differently from running text.
type ParagraphKind string

const (
	KindText       ParagraphKind = "text"
	KindHeading    ParagraphKind = "heading"
	KindBlockquote ParagraphKind = "blockquote"
	KindListItem   ParagraphKind = "list_item"
)

// Paragraph is one block of the article body, in reading order.
type Paragraph struct {
	Kind ParagraphKind `json:"kind"`
	Text string        `json:"text"`
}

// Article is the extracted content of one news page.
type Article struct {
	URL          string      `json:"url"`
	CanonicalURL string      `json:"canonical_url"`
	Title        string      `json:"title"`
	Authors      []string    `json:"authors"`
	Published    time.Time   `json:"published"`
	Modified     time.Time   `json:"modified"`
	SiteName     string      `json:"site_name"`
	Language     string      `json:"language"`
	Description  string      `json:"description"`
	Paragraphs   []Paragraph `json:"paragraphs"`
}

// Text is the body as the output contract defines it: paragraphs joined by a
// blank line. Quote and entity offsets are code points into this string.
func (a *Article) Text() string {
	parts := make([]string, len(a.Paragraphs))
	for i, p := range a.Paragraphs {
		parts[i] = p.Text
	}
	return strings.Join(parts, "\n\n")
}
