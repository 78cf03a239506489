package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
)

// ExtractMessage is the body of a queue message asking for one article's
// extraction.
type ExtractMessage struct {
	ArticleID string `json:"article_id"`
}

// ParseExtractMessage decodes and checks a queue message body.
func ParseExtractMessage(body string) (ExtractMessage, error) {
	var m ExtractMessage
	dec := json.NewDecoder(strings.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return m, &Error{Code: EINVALID, Message: "message body is not an extract message", Err: err}
	}
	if m.ArticleID == "" {
		return m, Errorf(EINVALID, "message has no article_id")
	}
	return m, nil
}

// Extractor is the extraction use case: load a stored article, find its
// quotes and entities, store them. Redelivered messages are harmless: an
// article already extracted by this version is skipped, and stored quote
// ids are derived from content.
type Extractor struct {
	Articles ArticleLoader
	Saver    ExtractionSaver
	Log      *slog.Logger
}

// ExtractResult says what one extraction did.
type ExtractResult struct {
	ArticleID string `json:"article_id"`
	Skipped   bool   `json:"skipped"` // already extracted by this version
	Quotes    int    `json:"quotes"`
	Entities  int    `json:"entities"`
}

// ExtractArticle extracts and stores the quotes and entities of one article.
func (e *Extractor) ExtractArticle(ctx context.Context, articleID string) (ExtractResult, error) {
	res := ExtractResult{ArticleID: articleID}
	a, err := e.Articles.GetArticle(ctx, articleID)
	if err != nil {
		return res, fmt.Errorf("load article %s: %w", articleID, err)
	}
	if a.ExtractorVersion >= ExtractorVersion {
		res.Skipped = true
		return res, nil
	}
	x := Analyze(&a.Article, a.Article.Text())
	if err := e.Saver.SaveExtraction(ctx, articleID, x); err != nil {
		return res, fmt.Errorf("save extraction of %s: %w", articleID, err)
	}
	res.Quotes, res.Entities = len(x.Quotes), len(x.Entities)
	return res, nil
}
