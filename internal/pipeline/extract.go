// Package pipeline holds the use cases: collecting articles from sources,
// extracting quotes and entities from an article, and querying the results.
// It declares the small interfaces it needs from adapters (store, fetch).
package pipeline

import (
	"fmt"

	"github.com/newsquotes/newsquotes/internal/article"
	"github.com/newsquotes/newsquotes/internal/entity"
	"github.com/newsquotes/newsquotes/internal/quote"
	"github.com/newsquotes/newsquotes/internal/text"
)

// ExtractorVersion identifies the extraction logic. Stored extractions carry
// it, so a newer extractor replaces older results and never the reverse.
// Bump it whenever entity or quote output changes.
const ExtractorVersion = 4 // 4: learned content boundaries and clause rules; 3: quote grouping, subjects and source phrases; 2: PolNeAR-driven quote rules

// Extraction is everything the system derives from one article.
type Extraction struct {
	Article  *article.Article `json:"article"`
	Text     string           `json:"-"` // the body the offsets refer to
	Quotes   []quote.Quote    `json:"quotes"`
	Entities []entity.Entity  `json:"entities"`
	Version  int              `json:"extractor_version"`
}

// Analyze runs entity and quote extraction over an article body.
func Analyze(a *article.Article, body string) *Extraction {
	doc := text.NewDocument(body)
	ents := entity.Extract(doc)
	qs := quote.Extract(doc, ents)
	if ents == nil {
		ents = []entity.Entity{}
	}
	if qs == nil {
		qs = []quote.Quote{}
	}
	return &Extraction{Article: a, Text: body, Quotes: qs, Entities: ents, Version: ExtractorVersion}
}

// ExtractHTML extracts the article from an HTML page and analyses its body.
func ExtractHTML(html []byte, pageURL string) (*Extraction, error) {
	a, err := article.Extract(html, pageURL)
	if err != nil {
		return nil, fmt.Errorf("extract article %s: %w", pageURL, err)
	}
	return Analyze(a, a.Text()), nil
}
