package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsquotes/newsquotes/internal/article"
	"github.com/newsquotes/newsquotes/internal/source"
)

// memStore is an in-memory stand-in for the table, for the use cases' unit
// tests only; the real store is tested against DynamoDB Local.
type memStore struct {
	mu       sync.Mutex
	sources  []source.Source
	states   map[string]source.State
	articles map[string]StoredArticle
	locked   bool
	putErr   func(StoredArticle) error
}

func newMemStore(srcs ...source.Source) *memStore {
	return &memStore{sources: srcs, states: map[string]source.State{}, articles: map[string]StoredArticle{}}
}

func (m *memStore) ListSources(context.Context) ([]source.Source, error) { return m.sources, nil }
func (m *memStore) GetSourceState(_ context.Context, id string) (source.State, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	st, ok := m.states[id]
	if !ok {
		return source.State{}, ErrNotFound
	}
	return st, nil
}
func (m *memStore) PutSourceState(_ context.Context, st source.State) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.states[st.SourceID] = st
	return nil
}
func (m *memStore) PutArticle(_ context.Context, a StoredArticle) (bool, error) {
	if m.putErr != nil {
		if err := m.putErr(a); err != nil {
			return false, err
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, ok := m.articles[a.ID]; ok && old.ContentHash == a.ContentHash {
		return false, nil
	}
	m.articles[a.ID] = a
	return true, nil
}
func (m *memStore) KnownArticles(_ context.Context, ids []string) (map[string]bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(ids) > knownBatchSize {
		return nil, fmt.Errorf("%d ids in one call", len(ids))
	}
	out := map[string]bool{}
	for _, id := range ids {
		if _, ok := m.articles[id]; ok {
			out[id] = true
		}
	}
	return out, nil
}
func (m *memStore) AcquireLock(_ context.Context, _, _ string, _ time.Duration) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.locked {
		return false, nil
	}
	m.locked = true
	return true, nil
}
func (m *memStore) ReleaseLock(context.Context, string, string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.locked = false
	return nil
}

type memQueue struct {
	mu      sync.Mutex
	batches [][]string
}

func (q *memQueue) Enqueue(_ context.Context, ids []string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(ids) > queueBatchSize {
		return fmt.Errorf("batch of %d", len(ids))
	}
	q.batches = append(q.batches, append([]string(nil), ids...))
	return nil
}

func (q *memQueue) ids() []string {
	var out []string
	for _, b := range q.batches {
		out = append(out, b...)
	}
	return out
}

// site serves feeds and pages from maps: a failing URL returns its error.
type site struct {
	feeds map[string][]string // source URL -> article URLs
	fail  map[string]error    // URL -> error
	slow  map[string]time.Duration
	etag  string
}

func (s *site) discover(_ context.Context, src source.Source, st source.State) (Discovery, error) {
	if err := s.fail[src.URL]; err != nil {
		return Discovery{State: st}, err
	}
	if s.etag != "" && st.ETag == s.etag {
		return Discovery{State: st, NotModified: true}, nil
	}
	d := Discovery{State: st}
	d.State.ETag = s.etag
	for _, u := range s.feeds[src.URL] {
		d.Items = append(d.Items, DiscoveredItem{URL: u})
	}
	return d, nil
}

func (s *site) fetch(ctx context.Context, u string) (*FetchedPage, error) {
	if d := s.slow[u]; d > 0 {
		select {
		case <-time.After(d):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if err := s.fail[u]; err != nil {
		return nil, err
	}
	return &FetchedPage{URL: u, StatusCode: 200, ContentType: "text/html", Body: []byte(u)}, nil
}

// parsePage makes an article whose text is the page body; "garbage" pages
// are not articles.
func parsePage(body []byte, _, u string) (*article.Article, error) {
	if strings.Contains(u, "garbage") {
		return nil, fmt.Errorf("parse %s: %w", u, article.ErrNotArticle)
	}
	return &article.Article{URL: u, Title: "T " + u, Paragraphs: []article.Paragraph{{Kind: article.KindText, Text: string(body)}}}, nil
}

func pages(host string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("https://%s/story/%d", host, i)
	}
	return out
}

func TestCollectStoresNewArticlesAndQueuesThemInBatches(t *testing.T) {
	srcs := []source.Source{
		{ID: "a", Kind: source.Feed, URL: "https://a.example/feed", Enabled: true},
		{ID: "b", Kind: source.Feed, URL: "https://b.example/feed", Enabled: true},
		{ID: "broken", Kind: source.Feed, URL: "https://broken.example/feed", Enabled: true},
		{ID: "off", Kind: source.Feed, URL: "https://off.example/feed", Enabled: false},
	}
	st := newMemStore(srcs...)
	aPages := pages("a.example", 23)
	// The same article twice in one feed, with a fragment: one link.
	aPages = append(aPages, aPages[0]+"#comments")
	s := &site{
		feeds: map[string][]string{
			"https://a.example/feed": aPages,
			"https://b.example/feed": append(pages("b.example", 3), "https://b.example/garbage", "https://b.example/down"),
		},
		fail: map[string]error{
			"https://broken.example/feed": errors.New("connection refused"),
			"https://b.example/down":      &Error{Code: EUNPROCESSABLE, Message: "HTTP 500"},
		},
	}
	q := &memQueue{}
	c := &Collector{Sources: st, Discover: s.discover, Fetch: s.fetch, Parse: parsePage, Articles: st, Queue: q, Lock: st, Concurrency: 4}

	sum, err := c.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if sum.Sources != 4 || sum.SourcesDue != 3 || sum.SourcesFailed != 1 {
		t.Errorf("sources %d due %d failed %d, want 4 3 1", sum.Sources, sum.SourcesDue, sum.SourcesFailed)
	}
	if sum.Links != 28 || sum.ArticlesStored != 26 || sum.PagesFailed != 2 || sum.Queued != 26 {
		t.Errorf("links %d stored %d failed %d queued %d, want 28 26 2 26", sum.Links, sum.ArticlesStored, sum.PagesFailed, sum.Queued)
	}
	if got := len(st.articles); got != 26 {
		t.Errorf("%d articles in the store, want 26", got)
	}
	queued := q.ids()
	if len(queued) != 26 {
		t.Errorf("queued %d ids, want 26", len(queued))
	}
	for _, id := range queued {
		if _, ok := st.articles[id]; !ok {
			t.Errorf("queued %s, which is not stored", id)
		}
	}
	failed := map[string]string{}
	for _, e := range sum.Errors {
		failed[e.URL] = e.Stage + "/" + e.Code
	}
	want := map[string]string{
		"https://broken.example/feed": "discover/internal",
		"https://b.example/garbage":   "parse/unprocessable",
		"https://b.example/down":      "fetch/unprocessable",
	}
	for u, w := range want {
		if failed[u] != w {
			t.Errorf("error for %s = %q, want %q", u, failed[u], w)
		}
	}
	if bs := st.states["broken"]; bs.ErrorCount != 1 || bs.LastError == "" {
		t.Errorf("broken source state %+v: want the error counted", bs)
	}
	if st.locked {
		t.Error("lock not released")
	}

	// A second run finds nothing new.
	q.batches = nil
	sum, err = c.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if sum.NewLinks != 2 || sum.ArticlesStored != 0 || len(q.ids()) != 0 {
		t.Errorf("second run: new links %d stored %d queued %d, want 2 (the failed pages) 0 0", sum.NewLinks, sum.ArticlesStored, len(q.ids()))
	}
}

func TestCollectSkipsWhenLocked(t *testing.T) {
	st := newMemStore(source.Source{ID: "a", Kind: source.Feed, URL: "https://a.example/feed", Enabled: true})
	st.locked = true
	s := &site{}
	c := &Collector{Sources: st, Discover: s.discover, Fetch: s.fetch, Parse: parsePage, Articles: st, Queue: &memQueue{}, Lock: st}
	sum, err := c.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if sum.Skipped == "" || sum.SourcesDue != 0 {
		t.Errorf("summary %+v: want a skipped run", sum)
	}
}

func TestCollectHonoursScheduleWeight(t *testing.T) {
	st := newMemStore(source.Source{ID: "w3", Kind: source.Feed, URL: "https://a.example/feed", Weight: 3, Enabled: true})
	s := &site{feeds: map[string][]string{}}
	c := &Collector{Sources: st, Discover: s.discover, Fetch: s.fetch, Parse: parsePage, Articles: st, Queue: &memQueue{}}
	var due []int
	for range 7 {
		sum, err := c.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		due = append(due, sum.SourcesDue)
	}
	if fmt.Sprint(due) != "[1 0 0 1 0 0 1]" {
		t.Errorf("due per run %v, want [1 0 0 1 0 0 1]", due)
	}
}

func TestCollectStopsAtTheDeadlineAndLeavesWorkForTheNextRun(t *testing.T) {
	src := source.Source{ID: "a", Kind: source.Feed, URL: "https://a.example/feed", Enabled: true}
	st := newMemStore(src)
	links := pages("a.example", 40)
	s := &site{feeds: map[string][]string{src.URL: links}, slow: map[string]time.Duration{}, etag: `"v1"`}
	for _, u := range links {
		s.slow[u] = 30 * time.Millisecond
	}
	q := &memQueue{}
	c := &Collector{Sources: st, Discover: s.discover, Fetch: s.fetch, Parse: parsePage, Articles: st, Queue: q, Concurrency: 2, Margin: 50 * time.Millisecond}

	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	sum, err := c.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !sum.StoppedEarly || sum.Deferred == 0 {
		t.Fatalf("summary %+v: want a run stopped early with deferred work", sum)
	}
	if sum.ArticlesStored+sum.Deferred+sum.PagesFailed != 40 {
		t.Errorf("stored %d + deferred %d + failed %d != 40", sum.ArticlesStored, sum.Deferred, sum.PagesFailed)
	}
	if len(q.ids()) != sum.ArticlesStored {
		t.Errorf("queued %d, stored %d: every stored article must be queued", len(q.ids()), sum.ArticlesStored)
	}
	if got := st.states["a"].ETag; got != "" {
		t.Errorf("ETag %q kept after a partial run: the next run would get 304 and lose the rest", got)
	}

	// The next run, with time, collects the rest.
	sum2, err := c.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(st.articles) != 40 {
		t.Errorf("after two runs %d articles, want 40 (second run %+v)", len(st.articles), sum2)
	}
	if got := st.states["a"].ETag; got != `"v1"` {
		t.Errorf("ETag %q after a complete run, want \"v1\"", got)
	}
}

func TestCollectReportsAPanickingPageAndGoesOn(t *testing.T) {
	src := source.Source{ID: "a", Kind: source.Feed, URL: "https://a.example/feed", Enabled: true}
	st := newMemStore(src)
	s := &site{feeds: map[string][]string{src.URL: pages("a.example", 5)}}
	parse := func(b []byte, ct, u string) (*article.Article, error) {
		if strings.HasSuffix(u, "/2") {
			panic("boom")
		}
		return parsePage(b, ct, u)
	}
	c := &Collector{Sources: st, Discover: s.discover, Fetch: s.fetch, Parse: parse, Articles: st, Queue: &memQueue{}}
	sum, err := c.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if sum.ArticlesStored != 4 || sum.PagesFailed != 1 {
		t.Errorf("stored %d failed %d, want 4 1", sum.ArticlesStored, sum.PagesFailed)
	}
}

func TestNewStoredArticleTrustsCanonicalOnlyOnTheSameSite(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, tc := range []struct{ fetched, canonical, want string }{
		{"https://www.site.example/a?utm_source=x", "https://site.example/a", "https://site.example/a"},
		{"https://evil.example/a", "https://bbc.example/news/1", "https://evil.example/a"},
		{"http://127.0.0.1:8080/seed.html", "https://news.example.org/x", "http://127.0.0.1:8080/seed.html"},
		{"https://site.example/a#top", "", "https://site.example/a"},
	} {
		a := &article.Article{CanonicalURL: tc.canonical}
		got := NewStoredArticle(a, tc.fetched, now)
		if got.Article.CanonicalURL != tc.want || got.ID != ArticleID(tc.want) {
			t.Errorf("fetched %s canonical %s: got %s (%s), want %s", tc.fetched, tc.canonical, got.Article.CanonicalURL, got.ID, tc.want)
		}
	}
}

func TestSummaryHasDuration(t *testing.T) {
	st := newMemStore()
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := &Collector{Sources: st, Articles: st, Queue: &memQueue{}, Now: func() time.Time {
		clock = clock.Add(time.Second)
		return clock
	}}
	sum, err := c.Run(context.Background())
	if err != nil || sum.DurationMS <= 0 {
		t.Errorf("duration %d ms, err %v", sum.DurationMS, err)
	}
}

type memRaw struct {
	mu   sync.Mutex
	keys map[string]int
	fail bool
}

func (m *memRaw) PutRaw(_ context.Context, key string, body []byte, _ string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail {
		return errors.New("bucket unreachable")
	}
	m.keys[key] = len(body)
	return nil
}

func TestCollectKeepsRawPagesWhenABucketIsSet(t *testing.T) {
	for _, fail := range []bool{false, true} {
		src := source.Source{ID: "a", Kind: source.Feed, URL: "https://a.example/feed", Enabled: true}
		st := newMemStore(src)
		s := &site{feeds: map[string][]string{src.URL: pages("a.example", 3)}}
		raw := &memRaw{keys: map[string]int{}, fail: fail}
		c := &Collector{Sources: st, Discover: s.discover, Fetch: s.fetch, Parse: parsePage, Articles: st, Queue: &memQueue{}, Raw: raw}
		sum, err := c.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		// A bucket failure is reported, and the article is stored all the same.
		if sum.ArticlesStored != 3 {
			t.Errorf("fail=%v: stored %d, want 3", fail, sum.ArticlesStored)
		}
		for id, a := range st.articles {
			if fail != (a.RawHTMLKey == "") {
				t.Errorf("fail=%v: article %s raw key %q", fail, id, a.RawHTMLKey)
			}
			if !fail && raw.keys[a.RawHTMLKey] == 0 {
				t.Errorf("raw key %s not written", a.RawHTMLKey)
			}
		}
		if fail && len(sum.Errors) != 3 {
			t.Errorf("bucket failures reported: %d, want 3", len(sum.Errors))
		}
	}
}

// While the table is unreachable, a run stops fetching after a few failed
// writes instead of fetching every page only to lose it; the next run,
// with the table back, collects everything.
func TestCollectStopsFetchingWhileTheStoreIsDown(t *testing.T) {
	src := source.Source{ID: "a", Kind: source.Feed, URL: "https://a.example/feed", Enabled: true}
	st := newMemStore(src)
	var down atomic.Bool
	down.Store(true)
	st.putErr = func(StoredArticle) error {
		if down.Load() {
			return &Error{Code: EINTERNAL, Message: "store unavailable"}
		}
		return nil
	}
	s := &site{feeds: map[string][]string{src.URL: pages("a.example", 60)}, etag: `"v1"`}
	const concurrency = 2
	c := &Collector{Sources: st, Discover: s.discover, Fetch: s.fetch, Parse: parsePage, Articles: st, Queue: &memQueue{}, Concurrency: concurrency}
	sum, err := c.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !sum.StoppedEarly || sum.Deferred == 0 || sum.ArticlesStored != 0 {
		t.Fatalf("summary %+v: want a run stopped early, nothing stored, the rest deferred", sum)
	}
	if sum.PagesFetched > storeFailureLimit+concurrency {
		t.Errorf("fetched %d pages with the store down, want at most %d", sum.PagesFetched, storeFailureLimit+concurrency)
	}
	if sum.PagesFetched+sum.Deferred != 60 {
		t.Errorf("fetched %d + deferred %d != 60: pages lost", sum.PagesFetched, sum.Deferred)
	}
	found := false
	for _, e := range sum.Errors {
		found = found || e.Stage == "store" && strings.Contains(e.Message, "stopped fetching")
	}
	if !found {
		t.Errorf("no error says why the run stopped: %+v", sum.Errors)
	}
	if got := st.states["a"].ETag; got != "" {
		t.Errorf("ETag %q kept after a run that stored nothing", got)
	}

	down.Store(false)
	sum2, err := c.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(st.articles) != 60 || sum2.StoppedEarly {
		t.Errorf("after the store came back: %d articles, summary %+v", len(st.articles), sum2)
	}
}

// Writes refused for the article's own sake (too large, invalid) never stop
// the run.
func TestCollectGoesOnPastArticlesTheStoreRefuses(t *testing.T) {
	src := source.Source{ID: "a", Kind: source.Feed, URL: "https://a.example/feed", Enabled: true}
	st := newMemStore(src)
	st.putErr = func(a StoredArticle) error {
		if !strings.HasSuffix(a.Article.URL, "0") {
			return &Error{Code: ETOOLARGE, Message: "article too large"}
		}
		return nil
	}
	s := &site{feeds: map[string][]string{src.URL: pages("a.example", 30)}}
	c := &Collector{Sources: st, Discover: s.discover, Fetch: s.fetch, Parse: parsePage, Articles: st, Queue: &memQueue{}}
	sum, err := c.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if sum.StoppedEarly || sum.PagesFetched != 30 || sum.ArticlesStored != 3 {
		t.Errorf("summary %+v: want all 30 fetched, 3 stored, not stopped", sum)
	}
}
