package pipeline_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/newsquotes/newsquotes/internal/fetch"
	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/source"
	"github.com/newsquotes/newsquotes/internal/store"
	"github.com/newsquotes/newsquotes/internal/store/dynamotest"
)

func TestMain(m *testing.M) { dynamotest.Main(m) }

type recordingQueue struct {
	mu  sync.Mutex
	ids []string
}

func (q *recordingQueue) Enqueue(_ context.Context, ids []string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(ids) > 10 {
		return fmt.Errorf("batch of %d", len(ids))
	}
	q.ids = append(q.ids, ids...)
	return nil
}

// failure kinds of the load site's bad pages.
const (
	good         = iota
	slow         // answers after the fetch timeout
	serverError  // HTTP 500, every time
	garbage      // 200 with bytes that are no article
	wrongCharset // declared UTF-16 but sent as ASCII: decodes to noise
)

// loadSite serves a URL list of n pages, every 20th of them bad in one of
// four ways.
func loadSite(t *testing.T, n int) (*httptest.Server, []int) {
	kinds := make([]int, n)
	for i := range kinds {
		if i%20 == 7 {
			kinds[i] = 1 + (i/20)%4
		}
	}
	done := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nAllow: /\n")
			return
		}
		if r.URL.Path == "/list.txt" {
			for i := range n {
				fmt.Fprintf(w, "http://%s/news/%d\n", r.Host, i)
			}
			return
		}
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/news/%d", &i); err != nil || i < 0 || i >= n {
			http.NotFound(w, r)
			return
		}
		switch kinds[i] {
		case slow:
			select {
			case <-time.After(3 * time.Second):
			case <-done:
			}
			fmt.Fprint(w, loadPage(i))
		case serverError:
			http.Error(w, "boom", http.StatusInternalServerError)
		case garbage:
			w.Header().Set("Content-Type", "text/html")
			rng := rand.New(rand.NewPCG(uint64(i), 1))
			b := make([]byte, 4000)
			for j := range b {
				b[j] = byte(rng.IntN(256))
			}
			_, _ = w.Write(b)
		case wrongCharset:
			w.Header().Set("Content-Type", "text/html; charset=utf-16le")
			fmt.Fprint(w, loadPage(i))
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, loadPage(i))
		}
	}))
	t.Cleanup(func() { close(done); srv.Close() })
	return srv, kinds
}

var surnames = []string{"Harper", "Okafor", "Lindqvist", "Moreau", "Castillo", "Nakamura", "Brennan", "Adeyemi"}

func loadPage(i int) string {
	who := fmt.Sprintf("Jordan %s", surnames[i%len(surnames)])
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Council report number %d published</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>Council report number %d published</h1>", i, i)
	fmt.Fprintf(&b, "<p>The city council published its report number %d on Tuesday, setting out how the town plans to spend its transport budget over the next five years, including new bus lanes and safer crossings near schools.</p>", i)
	fmt.Fprintf(&b, "<p>\"We have listened to every neighbourhood and this plan reflects what people told us they need,\" said %s, who chairs the transport committee.</p>", who)
	b.WriteString("<p>Opposition members said the report left out the cost of maintaining existing roads, which they described as the largest single item the council would face in the coming decade.</p>")
	fmt.Fprintf(&b, "<p>%s said the council would hold public meetings in every ward before the final vote in the spring, and that the report would be revised after those meetings.</p>", who)
	b.WriteString("</article><footer>© Load Test Gazette</footer></body></html>")
	return b.String()
}

// TestCollectFiveHundredPages runs the collect use case over 500 loopback
// pages, 5% of them failing in four ways, with the real fetch client and
// DynamoDB Local: every good page must be stored and queued, every bad one
// reported with its URL.
func TestCollectFiveHundredPages(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	const n = 500
	local := dynamotest.Start(t)
	st := store.New(local.Client, local.CreateTable(t))
	srv, kinds := loadSite(t, n)
	ctx := context.Background()
	src := source.Source{ID: "load", Kind: source.URLList, URL: srv.URL + "/list.txt", Enabled: true}
	if err := st.PutSource(ctx, src); err != nil {
		t.Fatal(err)
	}
	cfg, err := pipeline.FetchConfig(func(k string) string {
		return map[string]string{"NEWSQUOTES_ALLOW_LOOPBACK": "1", "NEWSQUOTES_FETCH_RATE": "inf"}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Timeout = 500 * time.Millisecond
	cfg.PerHostRate = rate.Inf
	cfg.PerHostConcurrency = 16
	cfg.Retries = 1
	cfg.RetryBackoff = 10 * time.Millisecond
	client := fetch.New(cfg)
	q := &recordingQueue{}
	c := &pipeline.Collector{
		Sources: st, Discover: pipeline.DiscoverWith(client), Fetch: pipeline.FetchWith(client),
		Articles: st, Queue: q, Lock: st, Concurrency: 16,
	}
	start := time.Now()
	sum, err := c.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)

	failed := map[string]pipeline.RunError{}
	for _, e := range sum.Errors {
		failed[e.URL] = e
	}
	var goodIDs []string
	bad := 0
	for i, k := range kinds {
		u := fmt.Sprintf("%s/news/%d", srv.URL, i)
		if k == good {
			goodIDs = append(goodIDs, pipeline.ArticleID(u))
			if e, ok := failed[u]; ok {
				t.Errorf("good page %d reported failed: %+v", i, e)
			}
			continue
		}
		bad++
		if _, ok := failed[u]; !ok {
			t.Errorf("bad page %d (kind %d) not reported", i, k)
		}
	}
	for start := 0; start < len(goodIDs); start += 100 {
		ids := goodIDs[start:min(start+100, len(goodIDs))]
		known, err := st.KnownArticles(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			if !known[id] {
				t.Errorf("good article %s not stored", id)
			}
		}
	}
	if sum.ArticlesStored != len(goodIDs) || len(q.ids) != len(goodIDs) || sum.PagesFailed != bad {
		t.Errorf("stored %d queued %d failed %d, want %d %d %d", sum.ArticlesStored, len(q.ids), sum.PagesFailed, len(goodIDs), len(goodIDs), bad)
	}
	byStage := map[string]int{}
	for _, e := range sum.Errors {
		byStage[e.Stage+"/"+e.Code]++
	}
	t.Logf("%d pages in %v (%.0f pages/s): %d stored, %d failed %v", n, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds(), sum.ArticlesStored, sum.PagesFailed, byStage)
	if os.Getenv("NEWSQUOTES_LOAD_SUMMARY") != "" {
		t.Logf("summary: %+v", sum)
	}
}
