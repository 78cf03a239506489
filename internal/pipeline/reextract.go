package pipeline

import (
	"context"
	"fmt"
	"log/slog"
)

// Reextractor is the backfill after an extractor upgrade: it queues stored
// articles whose extraction is older than ExtractorVersion, one page per
// Run, so the extract function replaces their quotes and entities. The
// extract side is idempotent (an article already at this version is
// skipped), so queuing an id twice, or re-running a page, is harmless.
type Reextractor struct {
	Articles StaleLister
	Queue    Queue
	Log      *slog.Logger
}

// ReextractRequest asks for one page of the backfill.
type ReextractRequest struct {
	// Limit bounds the stored items examined for this page, not the ids
	// queued (the store caps it; 0 means the store's maximum).
	Limit int `json:"limit"`
	// Cursor is the previous page's Next; "" starts from the beginning.
	Cursor string `json:"cursor"`
}

// ReextractSummary says what one page did. Next is "" when every stored
// article has been examined; otherwise pass it as the next request's
// Cursor. A page may queue nothing and still have a Next.
type ReextractSummary struct {
	Queued  int    `json:"queued"`
	Next    string `json:"next"`
	Version int    `json:"extractor_version"` // the version articles are brought up to
}

// Run queues one page of stale article ids. On a queue failure the summary
// counts the ids queued before it and Next is the request's own cursor, so
// the same page can be run again.
func (r *Reextractor) Run(ctx context.Context, req ReextractRequest) (ReextractSummary, error) {
	sum := ReextractSummary{Next: req.Cursor, Version: ExtractorVersion}
	if req.Limit < 0 {
		return sum, Errorf(EINVALID, "limit %d: want 0 or more", req.Limit)
	}
	ids, next, err := r.Articles.StaleArticles(ctx, ExtractorVersion, Page{Limit: req.Limit, Cursor: req.Cursor})
	if err != nil {
		return sum, fmt.Errorf("list articles extracted below v%d: %w", ExtractorVersion, err)
	}
	for start := 0; start < len(ids); start += queueBatchSize {
		chunk := ids[start:min(start+queueBatchSize, len(ids))]
		if err := r.Queue.Enqueue(ctx, chunk); err != nil {
			return sum, fmt.Errorf("queue %d of %d stale articles for re-extraction: %w", len(chunk), len(ids), err)
		}
		sum.Queued += len(chunk)
	}
	sum.Next = next
	r.log().Debug("reextract page", "stale", len(ids), "queued", sum.Queued, "more", next != "")
	return sum, nil
}

func (r *Reextractor) log() *slog.Logger {
	if r.Log != nil {
		return r.Log
	}
	return slog.Default()
}
