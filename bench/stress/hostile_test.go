package stress

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/newsquotes/newsquotes/bench/internal/loopsite"
	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/store"
	"github.com/newsquotes/newsquotes/internal/store/dynamotest"
)

// hostile is a source server misbehaving in one way.
type hostile struct {
	name, path string
	serve      http.HandlerFunc
}

// gzipBomb is 1 GiB of zeros, gzip-compressed (about 1 MB).
func gzipBomb(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for range 1024 {
		if _, err := zw.Write(zeros); err != nil {
			t.Fatal(err)
		}
	}
	zw.Close()
	return buf.Bytes()
}

func hostiles(t *testing.T, stop <-chan struct{}) []hostile {
	bomb := gzipBomb(t)
	htmlPage := loopsite.Page("http://127.0.0.1", 3)
	return []hostile{
		{"hangs before answering", "/hang", func(w http.ResponseWriter, r *http.Request) {
			select { // bounded: the client's timeout ends it, the test's end at the latest
			case <-r.Context().Done():
			case <-stop:
			case <-time.After(time.Minute):
			}
		}},
		{"hangs in the middle of the body", "/stall", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Length", "100000")
			fmt.Fprint(w, "<html><body><p>")
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
			case <-stop:
			case <-time.After(time.Minute):
			}
		}},
		{"resets the connection", "/reset", func(w http.ResponseWriter, r *http.Request) {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err != nil {
				return
			}
			if tc, ok := conn.(*net.TCPConn); ok {
				_ = tc.SetLinger(0) // close sends RST
			}
			conn.Close()
		}},
		{"sends an endless body", "/endless", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			chunk := bytes.Repeat([]byte("<p>endless endless endless</p>\n"), 1024)
			for i := 0; i < 100000; i++ { // at most ~3 GB, normally cut by the client's cap
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		}},
		{"answers an image content type", "/image", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "image/png")
			_, _ = w.Write([]byte("\x89PNG\r\n\x1a\n" + strings.Repeat("\x00", 4096)))
		}},
		{"answers a PDF", "/pdf", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprint(w, "%PDF-1.7\n%âãÏÓ\n1 0 obj<<>>endobj\n")
		}},
		{"sends HTML labelled application/json", "/json", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, htmlPage)
		}},
		{"sends a gzip bomb", "/bomb", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(bomb)
		}},
		{"redirects in a loop", "/loop-a", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/loop-b", http.StatusFound)
		}},
		{"redirects forever to new URLs", "/chain/0", func(w http.ResponseWriter, r *http.Request) {
			var n int
			fmt.Sscanf(r.URL.Path, "/chain/%d", &n)
			http.Redirect(w, r, fmt.Sprintf("/chain/%d", n+1), http.StatusMovedPermanently)
		}},
		{"answers 500 every time", "/error", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "boom", http.StatusInternalServerError)
		}},
	}
}

// TestHostileSources points the real fetch client, then a whole collection
// run, at servers that misbehave, next to good pages on the same host. Every
// bad page must fail alone with a clear error within the client's time
// bound, without memory or goroutines left behind; every good page must be
// stored.
func TestHostileSources(t *testing.T) {
	stop := make(chan struct{})
	hs := hostiles(t, stop)
	const good = 30
	site := &loopsite.Site{Pages: good}
	mux := http.NewServeMux()
	for _, h := range hs {
		mux.HandleFunc(h.path, h.serve)
	}
	mux.HandleFunc("/loop-b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop-a", http.StatusFound) })
	mux.HandleFunc("/chain/", hs[9].serve)
	var srvURL string
	mux.HandleFunc("/mixed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>mixed</title><link>` + srvURL + `/</link><description>d</description>`)
		for i := range good {
			fmt.Fprintf(&b, "<item><title>good %d</title><link>%s%s</link></item>", i, srvURL, loopsite.ArticlePath(i))
		}
		for _, h := range hs {
			fmt.Fprintf(&b, "<item><title>%s</title><link>%s%s</link></item>", h.name, srvURL, h.path)
		}
		b.WriteString("</channel></rss>")
		fmt.Fprint(w, b.String())
	})
	mux.Handle("/", site)
	srv := httptest.NewServer(mux)
	srvURL = srv.URL
	defer func() { close(stop); srv.Close() }()

	var tried []string
	var lost []string
	defer func() {
		l := "nothing"
		if len(lost) > 0 {
			l = strings.Join(lost, "; ")
		}
		record(t, "hostile source servers", fmt.Sprintf("%d kinds (%s) fetched alone, then a collection run of %d good + %d bad links",
			len(hs), strings.Join(tried, ", "), good, len(hs)), l)
	}()

	// 1. Each server alone, through the collector's fetch function.
	fc := loopbackFetch(rate.Inf, 4)
	fetchPage := pipeline.FetchWith(fc)
	parse := func(p *pipeline.FetchedPage) error {
		_, err := pipeline.ExtractHTML(p.Body, p.URL)
		return err
	}
	runtime.GC()
	g0 := runtime.NumGoroutine()
	var peakHeap uint64
	cfg := fc.Config()
	bound := time.Duration(cfg.Retries+1)*cfg.Timeout + 5*time.Second
	for _, h := range hs {
		tried = append(tried, h.name)
		ctx, cancel := context.WithTimeout(context.Background(), 2*bound)
		start := time.Now()
		page, err := fetchPage(ctx, srv.URL+h.path)
		if err == nil {
			// The fetch may succeed (an odd content type is still bytes);
			// the article step must then refuse it.
			err = parse(page)
			if err == nil && h.path != "/json" {
				lost = append(lost, h.name+": accepted as an article")
			}
		}
		cancel()
		took := time.Since(start)
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		peakHeap = max(peakHeap, ms.HeapInuse)
		code := pipeline.ErrorCode(err)
		t.Logf("%-36s -> %v in %s (code %q)", h.name, err, took.Round(time.Millisecond), code)
		if err != nil && strings.TrimSpace(err.Error()) == "" {
			lost = append(lost, h.name+": empty error")
		}
		if took > bound {
			lost = append(lost, fmt.Sprintf("%s: took %s, bound %s", h.name, took.Round(time.Millisecond), bound))
		}
	}
	if peakHeap > 256<<20 {
		lost = append(lost, fmt.Sprintf("heap reached %d MB", peakHeap>>20))
	}
	time.Sleep(200 * time.Millisecond)
	// Idle keep-alive connections (two goroutines each, client and server
	// side) may remain; a leak per bad page would show as dozens.
	if g := waitGoroutines(g0+16, 5*time.Second); g > g0+16 {
		lost = append(lost, fmt.Sprintf("goroutines %d -> %d after the fetches", g0, g))
	}

	// 2. A whole collection run over the mixed feed, stored in DynamoDB Local.
	local := dynamotest.Start(t)
	table := local.CreateTable(t)
	st := store.New(local.Client, table, store.WithLogger(quietLog()))
	putFeeds(t, st, srv.URL, "/mixed.xml")
	q := &memQueue{}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	sum, err := newCollector(st, loopbackFetch(rate.Inf, 4), q).Run(ctx)
	if err != nil {
		t.Fatalf("collect run: %v", err)
	}
	c := takeCensus(t, local.Client, table)
	var reported []string
	for _, e := range sum.Errors {
		reported = append(reported, strings.TrimPrefix(e.URL, srv.URL))
	}
	t.Logf("run: %d links, %d stored, %d failed, errors at %v", sum.Links, sum.ArticlesStored, sum.PagesFailed, reported)
	// The page labelled JSON is real HTML: storing it is acceptable.
	wantStored := good
	if slices.Contains(c.articles, pipeline.ArticleID(srv.URL+"/json")) || sum.ArticlesStored == good+1 {
		wantStored = good + 1
	}
	if len(c.articles) != wantStored || c.kinds["article:A"] != wantStored || c.kinds["article:B"] != wantStored {
		lost = append(lost, fmt.Sprintf("table holds %d articles (%d A, %d B items), want %d", len(c.articles), c.kinds["article:A"], c.kinds["article:B"], wantStored))
	}
	if len(q.IDs()) != wantStored {
		lost = append(lost, fmt.Sprintf("%d ids queued, want %d", len(q.IDs()), wantStored))
	}
	for _, h := range hs {
		if h.path == "/json" {
			continue
		}
		if !slices.ContainsFunc(reported, func(u string) bool { return strings.HasPrefix(u, h.path) || strings.HasPrefix(h.path, u) }) {
			lost = append(lost, h.name+": not reported in the run summary")
		}
	}
	if len(lost) > 0 {
		t.Errorf("lost: %s", strings.Join(lost, "; "))
	}
}

func waitGoroutines(want int, within time.Duration) int {
	deadline := time.Now().Add(within)
	for {
		runtime.GC()
		g := runtime.NumGoroutine()
		if g <= want || time.Now().After(deadline) {
			return g
		}
		time.Sleep(100 * time.Millisecond)
	}
}
