package pipeline

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/newsquotes/newsquotes/internal/article"
	"github.com/newsquotes/newsquotes/internal/source"
)

// CollectLock is the name of the lock a collection run holds.
const CollectLock = "collect"

// Defaults for a Collector's zero fields.
const (
	DefaultCollectConcurrency = 8
	DefaultSourceConcurrency  = 4
	DefaultDeadlineMargin     = 20 * time.Second
	DefaultRunBudget          = 10 * time.Minute // when ctx has no deadline
	queueBatchSize            = 10               // SQS SendMessageBatch maximum
	knownBatchSize            = 100              // DynamoDB BatchGetItem maximum
)

// ParseFunc turns a fetched page into an article.
type ParseFunc func(body []byte, contentType, pageURL string) (*article.Article, error)

// Collector is the scheduled collection use case: read the due sources,
// find new article links, fetch and store each new article and queue it for
// extraction. One failing source or page never fails the run; work the
// deadline leaves undone is picked up by the next run.
type Collector struct {
	Sources  SourceRegistry
	Discover DiscoverFunc
	Fetch    FetchFunc
	Parse    ParseFunc // nil: article.Extract
	Articles ArticleWriter
	Queue    Queue
	Lock     Locker   // nil: no lock (single local run)
	Raw      RawStore // nil: raw pages are not kept

	Concurrency       int           // pages fetched at once; 0: DefaultCollectConcurrency
	SourceConcurrency int           // sources read at once; 0: DefaultSourceConcurrency
	Margin            time.Duration // stop this long before ctx's deadline; 0: DefaultDeadlineMargin
	Now               func() time.Time
	Log               *slog.Logger
	// Progress, when set, is told about each page as it completes (local runs
	// print it); it must be safe for concurrent use.
	Progress func(PageResult)
}

// PageResult is the outcome of one article page.
type PageResult struct {
	SourceID  string `json:"source_id"`
	URL       string `json:"url"`
	ArticleID string `json:"article_id,omitempty"`
	Title     string `json:"title,omitempty"`
	Stored    bool   `json:"stored"` // new or changed content written
	Err       error  `json:"-"`
}

// RunError is one failure a run reports and carries on past.
type RunError struct {
	SourceID string `json:"source_id,omitempty"`
	URL      string `json:"url,omitempty"`
	Stage    string `json:"stage"` // discover, fetch, parse, store, raw, queue, state
	Code     string `json:"code"`
	Message  string `json:"message"`
}

// RunSummary describes one collection run; it is logged as one JSON line.
type RunSummary struct {
	RunID             string     `json:"run_id"`
	Started           time.Time  `json:"started"`
	DurationMS        int64      `json:"duration_ms"`
	Skipped           string     `json:"skipped,omitempty"` // why the run did nothing, e.g. "locked"
	Sources           int        `json:"sources"`
	SourcesDue        int        `json:"sources_due"`
	SourcesFailed     int        `json:"sources_failed"`
	SourcesUnchanged  int        `json:"sources_not_modified"`
	Links             int        `json:"links"`     // article links found
	NewLinks          int        `json:"new_links"` // not yet in the table
	PagesFetched      int        `json:"pages_fetched"`
	PagesFailed       int        `json:"pages_failed"`
	ArticlesStored    int        `json:"articles_stored"`
	ArticlesUnchanged int        `json:"articles_unchanged"`
	Queued            int        `json:"queued"`
	Deferred          int        `json:"deferred"` // left for the next run by the deadline
	StoppedEarly      bool       `json:"stopped_early"`
	Errors            []RunError `json:"errors,omitempty"`
	NewArticleIDs     []string   `json:"new_article_ids,omitempty"`
}

// LogValue keeps the logged line bounded however many pages failed.
func (s RunSummary) LogValue() slog.Value {
	const maxLogged = 50
	errs := s.Errors
	if len(errs) > maxLogged {
		errs = errs[:maxLogged]
	}
	return slog.GroupValue(
		slog.String("run_id", s.RunID),
		slog.Int64("duration_ms", s.DurationMS),
		slog.String("skipped", s.Skipped),
		slog.Int("sources", s.Sources),
		slog.Int("sources_due", s.SourcesDue),
		slog.Int("sources_failed", s.SourcesFailed),
		slog.Int("sources_not_modified", s.SourcesUnchanged),
		slog.Int("links", s.Links),
		slog.Int("new_links", s.NewLinks),
		slog.Int("pages_fetched", s.PagesFetched),
		slog.Int("pages_failed", s.PagesFailed),
		slog.Int("articles_stored", s.ArticlesStored),
		slog.Int("articles_unchanged", s.ArticlesUnchanged),
		slog.Int("queued", s.Queued),
		slog.Int("deferred", s.Deferred),
		slog.Bool("stopped_early", s.StoppedEarly),
		slog.Int("error_count", len(s.Errors)),
		slog.Any("errors", errs),
	)
}

// Run performs one collection run. It returns an error only when the run
// could not start at all (sources unreadable, lock store down); everything
// else is reported in the summary.
func (c *Collector) Run(ctx context.Context) (sum RunSummary, err error) {
	now := c.now()
	sum = RunSummary{RunID: newRunID(), Started: now}
	log := c.log().With("run_id", sum.RunID)
	defer func() { sum.DurationMS = c.now().Sub(now).Milliseconds() }()

	stopAt := c.stopAt(ctx)
	if c.Lock != nil {
		ttl := time.Until(stopAt) + 2*c.margin()
		ok, err := c.Lock.AcquireLock(ctx, CollectLock, sum.RunID, ttl)
		if err != nil {
			return sum, fmt.Errorf("acquire collect lock: %w", err)
		}
		if !ok {
			sum.Skipped = "locked: another run is in progress"
			return sum, nil
		}
		defer func() {
			// Release even when ctx is done, so the next run need not wait for the lease.
			rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			if err := c.Lock.ReleaseLock(rctx, CollectLock, sum.RunID); err != nil {
				log.Warn("release collect lock", "err", err)
			}
		}()
	}

	srcs, err := c.Sources.ListSources(ctx)
	if err != nil {
		return sum, fmt.Errorf("list sources: %w", err)
	}
	sum.Sources = len(srcs)
	due := c.dueSources(ctx, srcs, &sum)
	sum.SourcesDue = len(due)

	// Sources run side by side (fetch keeps each host's own limits); one
	// page semaphore bounds the fetches in flight across all of them.
	r := &run{c: c, sum: &sum, stopAt: stopAt, log: log, pages: make(chan struct{}, c.concurrency())}
	srcSem := make(chan struct{}, c.sourceConcurrency())
	var wg sync.WaitGroup
	for _, d := range due {
		if r.pastDeadline() || ctx.Err() != nil {
			r.mu.Lock()
			sum.StoppedEarly = true
			r.mu.Unlock()
			break
		}
		srcSem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-srcSem; wg.Done() }()
			r.collectSource(ctx, d)
		}()
	}
	wg.Wait()
	r.flush(ctx)
	return sum, nil
}

type dueSource struct {
	src   source.Source
	state source.State
}

// dueSources returns the enabled sources due this run, least recently run
// first, and advances the run counter of the others. Each source counts
// its own runs, so a source of weight w is due every w-th run.
func (c *Collector) dueSources(ctx context.Context, srcs []source.Source, sum *RunSummary) []dueSource {
	var due []dueSource
	for _, s := range srcs {
		if !s.Enabled {
			continue
		}
		st, err := c.Sources.GetSourceState(ctx, s.ID)
		if err != nil && ErrorCode(err) != ENOTFOUND {
			sum.addError(RunError{SourceID: s.ID, Stage: "state", Code: ErrorCode(err), Message: err.Error()})
			continue
		}
		st.SourceID = s.ID
		if !s.Due(st.Runs) {
			st.Runs++
			if err := c.Sources.PutSourceState(ctx, st); err != nil {
				sum.addError(RunError{SourceID: s.ID, Stage: "state", Code: ErrorCode(err), Message: err.Error()})
			}
			continue
		}
		due = append(due, dueSource{src: s, state: st})
	}
	sort.SliceStable(due, func(i, j int) bool { return due[i].state.LastRun.Before(due[j].state.LastRun) })
	return due
}

// run is the mutable state of one Run.
type run struct {
	c      *Collector
	stopAt time.Time
	log    *slog.Logger
	pages  chan struct{} // page fetches in flight

	mu      sync.Mutex
	sum     *RunSummary
	pending []string // stored article ids not yet queued
	// storeFailures counts article writes that failed in a row for a
	// reason of the store's, not the article's; at storeFailureLimit the
	// run stops fetching (storeDown).
	storeFailures int
	storeDown     bool
}

// storeFailureLimit is how many article writes may fail in a row before a
// run stops fetching: while the table is unreachable every page fetched is
// fetched again by the next run, so going on only costs the sites.
const storeFailureLimit = 5

func (r *run) pastDeadline() bool { return !r.c.now().Before(r.stopAt) }

// stopped tells whether the run must fetch nothing more.
func (r *run) stopped(ctx context.Context) bool {
	r.mu.Lock()
	down := r.storeDown
	r.mu.Unlock()
	return down || r.pastDeadline() || ctx.Err() != nil
}

// storeResult records the outcome of an article write for the breaker.
// Errors about the article itself (invalid, too large, a conflict) say
// nothing about the store and do not count.
func (r *run) storeResult(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err == nil {
		r.storeFailures = 0
		return
	}
	switch ErrorCode(err) {
	case EINVALID, ETOOLARGE, ECONFLICT:
		return
	}
	r.storeFailures++
	if r.storeFailures >= storeFailureLimit && !r.storeDown {
		r.storeDown = true
		r.sum.StoppedEarly = true
		r.sum.addError(RunError{Stage: "store", Code: ErrorCode(err),
			Message: fmt.Sprintf("stopped fetching: %d article writes failed in a row (last: %v); the rest waits for the next run", r.storeFailures, err)})
	}
}

func (r *run) collectSource(ctx context.Context, d dueSource) {
	src, prev := d.src, d.state
	r.mu.Lock()
	down := r.storeDown
	r.mu.Unlock()
	if down {
		return // the source stays due; its state is not touched
	}
	st := prev
	st.LastRun = r.c.now()
	st.Runs++
	defer func() {
		if err := r.c.Sources.PutSourceState(ctx, st); err != nil {
			r.addError(RunError{SourceID: src.ID, Stage: "state", Code: ErrorCode(err), Message: err.Error()})
		}
	}()

	found, err := r.c.Discover(ctx, src, prev)
	if err != nil {
		r.mu.Lock()
		r.sum.SourcesFailed++
		r.mu.Unlock()
		r.addError(RunError{SourceID: src.ID, URL: src.URL, Stage: "discover", Code: ErrorCode(err), Message: err.Error()})
		st.ErrorCount++
		st.LastError = truncate(err.Error(), 500)
		return
	}
	// Keep the new conditional-GET validators only if every link gets
	// handled this run; otherwise a 304 next time would hide the rest.
	st.ETag, st.LastModified = found.State.ETag, found.State.LastModified
	st.LastSuccess, st.ErrorCount, st.LastError = r.c.now(), 0, ""
	if found.NotModified {
		r.mu.Lock()
		r.sum.SourcesUnchanged++
		r.mu.Unlock()
		return
	}

	links := r.newLinks(ctx, src, found.Items)
	if deferred := r.fetchAll(ctx, src, links); deferred > 0 {
		st.ETag, st.LastModified = prev.ETag, prev.LastModified
	}
}

type link struct {
	url string
	id  string
}

// newLinks normalises the discovered links and drops those already stored.
func (r *run) newLinks(ctx context.Context, src source.Source, items []DiscoveredItem) []link {
	seen := make(map[string]bool, len(items))
	var links []link
	for _, it := range items {
		u, err := NormalizeURL(it.URL)
		if err != nil {
			r.addError(RunError{SourceID: src.ID, URL: it.URL, Stage: "discover", Code: EINVALID, Message: err.Error()})
			continue
		}
		id := ArticleID(u)
		if seen[id] {
			continue
		}
		seen[id] = true
		links = append(links, link{url: u, id: id})
	}
	r.mu.Lock()
	r.sum.Links += len(links)
	r.mu.Unlock()

	var fresh []link
	for start := 0; start < len(links); start += knownBatchSize {
		chunk := links[start:min(start+knownBatchSize, len(links))]
		ids := make([]string, len(chunk))
		for i, l := range chunk {
			ids[i] = l.id
		}
		known, err := r.c.Articles.KnownArticles(ctx, ids)
		if err != nil {
			// Fetching them anyway is safe: storing is idempotent.
			r.addError(RunError{SourceID: src.ID, Stage: "store", Code: ErrorCode(err), Message: "check known articles: " + err.Error()})
			known = nil
		}
		for _, l := range chunk {
			if !known[l.id] {
				fresh = append(fresh, l)
			}
		}
	}
	r.mu.Lock()
	r.sum.NewLinks += len(fresh)
	r.mu.Unlock()
	return fresh
}

// fetchAll fetches, parses and stores links with bounded concurrency and
// returns how many the deadline left for the next run.
func (r *run) fetchAll(ctx context.Context, src source.Source, links []link) (deferred int) {
	var wg sync.WaitGroup
	for i, l := range links {
		if r.stopped(ctx) {
			deferred = len(links) - i
			r.mu.Lock()
			r.sum.Deferred += deferred
			r.sum.StoppedEarly = true
			r.mu.Unlock()
			break
		}
		r.pages <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-r.pages; wg.Done() }()
			res := r.collectPage(ctx, src, l)
			if r.c.Progress != nil {
				r.c.Progress(res)
			}
		}()
	}
	wg.Wait()
	r.flush(ctx)
	return deferred
}

func (r *run) collectPage(ctx context.Context, src source.Source, l link) (res PageResult) {
	res = PageResult{SourceID: src.ID, URL: l.url}
	defer func() {
		if p := recover(); p != nil {
			res.Err = fmt.Errorf("panic: %v", p)
			r.pageFailed(src, l.url, "parse", res.Err)
		}
	}()
	// A page must finish before the run's stop time, so a slow server
	// cannot hold the run past its deadline.
	pctx, cancel := context.WithDeadline(ctx, r.stopAt)
	defer cancel()

	page, err := r.c.Fetch(pctx, l.url)
	if err != nil {
		res.Err = err
		r.pageFailed(src, l.url, "fetch", err)
		return res
	}
	r.mu.Lock()
	r.sum.PagesFetched++
	r.mu.Unlock()

	a, err := r.c.parse(page)
	if err != nil {
		res.Err = err
		r.pageFailed(src, l.url, "parse", err)
		return res
	}
	stored := NewStoredArticle(a, page.URL, r.c.now())
	stored.SourceID = src.ID
	res.ArticleID, res.Title = stored.ID, a.Title

	if r.c.Raw != nil {
		key := RawHTMLKey(stored.ID, stored.FetchedAt)
		if err := r.c.Raw.PutRaw(pctx, key, page.Body, page.ContentType); err != nil {
			r.addError(RunError{SourceID: src.ID, URL: l.url, Stage: "raw", Code: ErrorCode(err), Message: err.Error()})
		} else {
			stored.RawHTMLKey = key
		}
	}
	written, err := r.c.Articles.PutArticle(pctx, stored)
	r.storeResult(err)
	if err != nil {
		res.Err = err
		r.pageFailed(src, l.url, "store", err)
		return res
	}
	res.Stored = written
	if batch := r.recordStored(stored.ID, written); batch != nil {
		r.send(ctx, batch)
	}
	return res
}

// recordStored counts a stored page and returns a full batch of ids to
// queue, if there is one.
func (r *run) recordStored(id string, written bool) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !written {
		r.sum.ArticlesUnchanged++
		return nil
	}
	r.sum.ArticlesStored++
	r.sum.NewArticleIDs = append(r.sum.NewArticleIDs, id)
	r.pending = append(r.pending, id)
	if len(r.pending) < queueBatchSize {
		return nil
	}
	batch := r.pending
	r.pending = nil
	return batch
}

// flush queues the stored articles not queued yet.
func (r *run) flush(ctx context.Context) {
	r.mu.Lock()
	ids := r.pending
	r.pending = nil
	r.mu.Unlock()
	for start := 0; start < len(ids); start += queueBatchSize {
		r.send(ctx, ids[start:min(start+queueBatchSize, len(ids))])
	}
}

func (r *run) send(ctx context.Context, ids []string) {
	// Queue even when the run's own context is ending: the articles are
	// stored and would otherwise wait for a re-extraction.
	qctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := r.c.Queue.Enqueue(qctx, ids); err != nil {
		r.addError(RunError{Stage: "queue", Code: ErrorCode(err), Message: fmt.Sprintf("queue %s: %v", strings.Join(ids, ","), err)})
		return
	}
	r.mu.Lock()
	r.sum.Queued += len(ids)
	r.mu.Unlock()
}

func (r *run) pageFailed(src source.Source, u, stage string, err error) {
	r.mu.Lock()
	r.sum.PagesFailed++
	r.mu.Unlock()
	r.addError(RunError{SourceID: src.ID, URL: u, Stage: stage, Code: ErrorCode(err), Message: err.Error()})
}

func (r *run) addError(e RunError) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sum.addError(e)
}

func (s *RunSummary) addError(e RunError) {
	e.Message = truncate(e.Message, 300)
	s.Errors = append(s.Errors, e)
}

// NewStoredArticle makes the record of an article fetched from fetchedURL.
// The page's canonical URL names it only when it is on the fetched host:
// a page must not be able to claim another site's article id.
func NewStoredArticle(a *article.Article, fetchedURL string, now time.Time) StoredArticle {
	canonical, err := NormalizeURL(fetchedURL)
	if err != nil {
		canonical = fetchedURL
	}
	if a.CanonicalURL != "" {
		if cu, err := NormalizeURL(a.CanonicalURL); err == nil && sameSite(cu, canonical) {
			canonical = cu
		}
	}
	a.CanonicalURL = canonical
	if a.URL == "" {
		a.URL = fetchedURL
	}
	return StoredArticle{
		ID:          ArticleID(canonical),
		Article:     *a,
		ContentHash: ContentHash(a.Text()),
		FetchedAt:   now.UTC(),
	}
}

// RawHTMLKey is the object key of an article's raw page.
func RawHTMLKey(articleID string, fetched time.Time) string {
	return fmt.Sprintf("raw/%s/%s.html", articleID, fetched.UTC().Format("20060102T150405Z"))
}

// NormalizeURL is the form of a URL that article ids derive from
// (article.NormalizeURL), as an EINVALID error when it is not an absolute
// http(s) URL.
func NormalizeURL(raw string) (string, error) {
	u, err := article.NormalizeURL(raw)
	if err != nil {
		return "", &Error{Code: EINVALID, Message: fmt.Sprintf("bad URL %q: want an absolute http or https URL", truncate(raw, 200)), Err: err}
	}
	return u, nil
}

func sameSite(a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	if err1 != nil || err2 != nil {
		return false
	}
	ha := strings.TrimPrefix(strings.ToLower(ua.Hostname()), "www.")
	hb := strings.TrimPrefix(strings.ToLower(ub.Hostname()), "www.")
	return ha == hb
}

func (c *Collector) parse(p *FetchedPage) (*article.Article, error) {
	parse := c.Parse
	if parse == nil {
		parse = func(body []byte, contentType, u string) (*article.Article, error) {
			return article.ExtractReader(bytes.NewReader(body), contentType, u)
		}
	}
	// A declared media type that cannot be a page is refused as such,
	// whatever the first bytes look like.
	if declared := declaredMediaType(p.ContentType); declaredNotPage(declared) {
		return nil, &Error{Code: EUNPROCESSABLE, Message: fmt.Sprintf("the page is not HTML (%s)", declared)}
	}
	// Binary bodies (an image or an archive behind an article URL, or
	// noise) would decode to word salad; sniff them out first.
	if sniffed := http.DetectContentType(p.Body); !strings.HasPrefix(sniffed, "text/") {
		return nil, &Error{Code: EUNPROCESSABLE, Message: fmt.Sprintf("the page is not HTML (%s)", sniffed)}
	}
	a, err := parse(p.Body, p.ContentType, p.URL)
	if err != nil {
		if errors.Is(err, article.ErrTooLarge) {
			return nil, &Error{Code: EUNPROCESSABLE, Message: "the page is too large", Err: err}
		}
		if errors.Is(err, article.ErrNotArticle) {
			return nil, &Error{Code: EUNPROCESSABLE, Message: "the page holds no article", Err: err}
		}
		return nil, &Error{Code: EUNPROCESSABLE, Message: "the page could not be parsed", Err: err}
	}
	return a, nil
}

func declaredMediaType(contentType string) string {
	mt, _, _ := strings.Cut(contentType, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}

// declaredNotPage reports media types no article page is served as.
func declaredNotPage(mt string) bool {
	major, _, _ := strings.Cut(mt, "/")
	switch major {
	case "image", "audio", "video", "font", "model":
		return true
	}
	switch mt {
	case "application/pdf", "application/zip", "application/gzip", "application/x-tar", "application/wasm":
		return true
	}
	return false
}

// stopAt is when the run stops starting work: the context's deadline less
// the margin, or DefaultRunBudget from now.
func (c *Collector) stopAt(ctx context.Context) time.Time {
	if dl, ok := ctx.Deadline(); ok {
		return dl.Add(-c.margin())
	}
	return c.now().Add(DefaultRunBudget)
}

func (c *Collector) margin() time.Duration {
	if c.Margin > 0 {
		return c.Margin
	}
	return DefaultDeadlineMargin
}

func (c *Collector) concurrency() int {
	if c.Concurrency > 0 {
		return c.Concurrency
	}
	return DefaultCollectConcurrency
}

func (c *Collector) sourceConcurrency() int {
	if c.SourceConcurrency > 0 {
		return c.SourceConcurrency
	}
	return DefaultSourceConcurrency
}

func (c *Collector) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Collector) log() *slog.Logger {
	if c.Log != nil {
		return c.Log
	}
	return slog.Default()
}

func newRunID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return time.Now().UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b[:])
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
