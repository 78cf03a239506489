package pipeline

import (
	"context"
	"fmt"
	"log/slog"
	"time"
)

// ArticleSubmitStore is what scraping one URL on demand needs from storage.
type ArticleSubmitStore interface {
	PutArticle(ctx context.Context, a StoredArticle) (written bool, err error)
	SaveExtraction(ctx context.Context, articleID string, x *Extraction) error
	GetArticleDetail(ctx context.Context, id string) (ArticleDetail, error)
}

// Submitter is the "scrape this URL now" use case behind POST /articles.
// Its Fetch must be SSRF-guarded: the URL comes from a user.
type Submitter struct {
	Fetch FetchFunc
	Parse ParseFunc // nil: article.Extract
	Store ArticleSubmitStore
	Raw   RawStore // nil: raw pages are not kept
	// FetchBudget bounds the fetch, retries included, so the answer beats
	// API Gateway's 30 s integration timeout; 0: DefaultSubmitFetchBudget.
	FetchBudget time.Duration
	Now         func() time.Time
	Log         *slog.Logger
}

// DefaultSubmitFetchBudget is the default Submitter.FetchBudget.
const DefaultSubmitFetchBudget = 15 * time.Second

// SubmitResult is the stored article with its quotes and entities.
type SubmitResult struct {
	ArticleDetail
	Created bool `json:"created"` // false when the same content was stored before
}

// Submit fetches, extracts, stores and analyses one article page.
func (s *Submitter) Submit(ctx context.Context, rawURL string) (SubmitResult, error) {
	u, err := NormalizeURL(rawURL)
	if err != nil {
		return SubmitResult{}, &Error{Code: EINVALID, Message: err.Error(), Err: err}
	}
	budget := s.FetchBudget
	if budget <= 0 {
		budget = DefaultSubmitFetchBudget
	}
	fctx, cancel := context.WithTimeout(ctx, budget)
	page, err := s.Fetch(fctx, u)
	cancel()
	if err != nil {
		if code := ErrorCode(err); code != EINTERNAL {
			return SubmitResult{}, err
		}
		return SubmitResult{}, &Error{Code: EUNPROCESSABLE, Message: "the page could not be fetched", Err: err}
	}
	c := Collector{Parse: s.Parse}
	a, err := c.parse(page)
	if err != nil {
		return SubmitResult{}, err
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	stored := NewStoredArticle(a, page.URL, now())
	if s.Raw != nil {
		key := RawHTMLKey(stored.ID, stored.FetchedAt)
		if err := s.Raw.PutRaw(ctx, key, page.Body, page.ContentType); err != nil {
			s.log().Warn("keep raw page", "url", page.URL, "err", err)
		} else {
			stored.RawHTMLKey = key
		}
	}
	written, err := s.Store.PutArticle(ctx, stored)
	if err != nil {
		return SubmitResult{}, fmt.Errorf("store article %s: %w", u, err)
	}
	x := Analyze(&stored.Article, stored.Article.Text())
	if err := s.Store.SaveExtraction(ctx, stored.ID, x); err != nil {
		return SubmitResult{}, fmt.Errorf("save extraction of %s: %w", stored.ID, err)
	}
	d, err := s.Store.GetArticleDetail(ctx, stored.ID)
	if err != nil {
		return SubmitResult{}, fmt.Errorf("load article %s: %w", stored.ID, err)
	}
	return SubmitResult{ArticleDetail: d, Created: written}, nil
}

func (s *Submitter) log() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.Default()
}
