// Package apiload seeds a table in DynamoDB Local with collected and
// extracted articles from the loopback news site, serves the real HTTP API
// (internal/httpapi) over it on loopback, and drives it with a bounded load
// loop. The benchmark (section 5) and the reliability suite (200 clients for
// 30 s) both use it.
package apiload

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/newsquotes/newsquotes/bench/internal/loopsite"
	"github.com/newsquotes/newsquotes/internal/fetch"
	"github.com/newsquotes/newsquotes/internal/httpapi"
	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/source"
	"github.com/newsquotes/newsquotes/internal/store"
	"github.com/newsquotes/newsquotes/internal/store/dynamotest"
)

// Query is one kind of request the load mixes.
type Query struct {
	Name  string
	Paths []string // concrete URLs (path and query), used in turn
}

// Stack is the seeded API.
type Stack struct {
	URL     string // the API on 127.0.0.1
	Queries []Query
	Store   *store.Store
}

type memQueue struct {
	mu  sync.Mutex
	ids []string
}

func (q *memQueue) Enqueue(_ context.Context, ids []string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.ids = append(q.ids, ids...)
	return nil
}

// Start seeds a fresh table with pages articles and serves the API over it
// until the test ends.
func Start(tb testing.TB, pages int) *Stack {
	tb.Helper()
	local := dynamotest.Start(tb)
	table := local.CreateTable(tb)
	quiet := slog.New(slog.NewJSONHandler(io.Discard, nil))
	st := store.New(local.Client, table, store.WithLogger(quiet))
	site := &loopsite.Site{Pages: pages}
	srv := httptest.NewServer(site)
	tb.Cleanup(srv.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	for i, p := range site.Feeds() {
		if err := st.PutSource(ctx, source.Source{ID: fmt.Sprintf("loop%d", i), Kind: source.Feed, URL: srv.URL + p, Enabled: true}); err != nil {
			tb.Fatal(err)
		}
	}
	cfg := fetch.DefaultConfig()
	cfg.AllowLoopback = true
	cfg.DialAllow = func(ap netip.AddrPort) bool { return ap.Addr().Unmap().IsLoopback() }
	cfg.PerHostRate, cfg.PerHostBurst, cfg.PerHostConcurrency = rate.Inf, 8, 8
	fc := fetch.New(cfg)
	q := &memQueue{}
	col := &pipeline.Collector{Sources: st, Discover: pipeline.DiscoverWith(fc), Fetch: pipeline.FetchWith(fc), Articles: st, Queue: q, Lock: st, Log: quiet}
	if _, err := col.Run(ctx); err != nil {
		tb.Fatal(err)
	}
	ex := &pipeline.Extractor{Articles: st, Saver: st, Log: quiet}
	var wg sync.WaitGroup
	var next atomic.Int64
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(q.ids) {
					return
				}
				if _, err := ex.ExtractArticle(ctx, q.ids[i]); err != nil {
					tb.Errorf("extract %s: %v", q.ids[i], err)
				}
			}
		}()
	}
	wg.Wait()
	api := &httpapi.API{Query: &pipeline.Querier{Store: st, Sources: st}, Log: quiet}
	apiSrv := httptest.NewServer(api)
	tb.Cleanup(apiSrv.Close)
	s := &Stack{URL: apiSrv.URL, Store: st}
	s.Queries = discover(tb, apiSrv.URL, q.ids)
	return s
}

// discover finds real keys and ids through the API itself.
func discover(tb testing.TB, base string, articleIDs []string) []Query {
	tb.Helper()
	get := func(path string, out any) {
		resp, err := http.Get(base + path)
		if err != nil {
			tb.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != 200 {
			b, _ := io.ReadAll(resp.Body)
			tb.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
		}
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			tb.Fatalf("GET %s: %v", path, err)
		}
	}
	var recent pipeline.QuotePage
	get("/quotes?limit=50", &recent)
	if len(recent.Quotes) == 0 {
		tb.Fatal("the seeded API returns no quotes")
	}
	speakers := map[string]bool{}
	var quoteIDs, speakerPaths, speakerQuotePaths, entityPaths []string
	for _, qu := range recent.Quotes {
		quoteIDs = append(quoteIDs, "/quotes/"+url.PathEscape(qu.ID))
		if qu.SpeakerKey != "" && !speakers[qu.SpeakerKey] {
			speakers[qu.SpeakerKey] = true
			speakerPaths = append(speakerPaths, "/quotes?speaker="+url.QueryEscape(qu.SpeakerKey)+"&limit=20")
			speakerQuotePaths = append(speakerQuotePaths, "/speakers/"+url.PathEscape(qu.SpeakerKey)+"/quotes")
			entityPaths = append(entityPaths, "/entities/"+url.PathEscape(qu.SpeakerKey))
		}
	}
	var articlePaths []string
	for _, id := range articleIDs[:min(50, len(articleIDs))] {
		articlePaths = append(articlePaths, "/articles/"+id)
	}
	sort.Strings(speakerPaths)
	return []Query{
		{"GET /quotes (recent)", []string{"/quotes?limit=20"}},
		{"GET /quotes?speaker=", speakerPaths},
		{"GET /quotes/{id}", quoteIDs},
		{"GET /articles/{id}", articlePaths},
		{"GET /speakers?prefix=", []string{"/speakers?prefix=m", "/speakers?prefix=ma", "/speakers?prefix=jo", "/speakers?prefix=a", "/speakers?prefix=o"}},
		{"GET /speakers/{key}/quotes", speakerQuotePaths},
		{"GET /entities/{key}", entityPaths},
	}
}

// Result is one load run.
type Result struct {
	Requests  int
	Duration  time.Duration
	Status    map[int]int
	Errors    int                  // transport errors
	Latencies map[string][]float64 // ms, per query name
}

// Run sends requests from clients concurrent loops, each cycling through the
// queries, until duration has passed or maxRequests were sent.
func Run(ctx context.Context, base string, queries []Query, clients int, duration time.Duration, maxRequests int) Result {
	// New requests stop at the deadline; those in flight finish (within
	// the client's timeout) and are counted.
	deadline := time.Now().Add(duration)
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients, IdleConnTimeout: 5 * time.Second}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	var mu sync.Mutex
	res := Result{Status: map[int]int{}, Latencies: map[string][]float64{}}
	var sent atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status := map[int]int{}
			lat := map[string][]float64{}
			errs := 0
			for i := c; ctx.Err() == nil && time.Now().Before(deadline); i++ {
				if sent.Add(1) > int64(maxRequests) {
					break
				}
				qy := queries[i%len(queries)]
				path := qy.Paths[(i/len(queries))%len(qy.Paths)]
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					errs++
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				status[resp.StatusCode]++
				lat[qy.Name] = append(lat[qy.Name], float64(time.Since(t0).Microseconds())/1000)
			}
			mu.Lock()
			for k, v := range status {
				res.Status[k] += v
				res.Requests += v
			}
			for k, v := range lat {
				res.Latencies[k] = append(res.Latencies[k], v...)
			}
			res.Errors += errs
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.Duration = time.Since(start)
	return res
}
