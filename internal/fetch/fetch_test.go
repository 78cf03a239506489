package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// localClient is a client for politeness tests against a loopback server:
// loopback allowed explicitly, robots.txt honoured, fast retries.
func localClient(t *testing.T, srv *httptest.Server, mutate func(*Config)) *Client {
	t.Helper()
	cfg := DefaultConfig()
	cfg.AllowLoopback = true
	cfg.AllowedPorts = []int{srv.Listener.Addr().(*net.TCPAddr).Port}
	cfg.PerHostRate = 1000
	cfg.PerHostBurst = 10
	cfg.RetryBackoff = 5 * time.Millisecond
	cfg.Timeout = 5 * time.Second
	if mutate != nil {
		mutate(&cfg)
	}
	return New(cfg)
}

// site serves robots.txt from a string (404 when empty) and everything
// else from h, counting requests per path.
type site struct {
	robots string
	h      http.HandlerFunc
	mu     sync.Mutex
	hits   map[string]int
}

func newSite(t *testing.T, robots string, h http.HandlerFunc) (*site, *httptest.Server) {
	s := &site{robots: robots, h: h, hits: map[string]int{}}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, srv
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	s.mu.Unlock()
	if r.URL.Path == "/robots.txt" {
		if s.robots == "" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, s.robots)
		return
	}
	s.h(w, r)
}

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func TestGetBasics(t *testing.T) {
	var ua string
	_, srv := newSite(t, "", func(w http.ResponseWriter, r *http.Request) {
		ua = r.Header.Get("User-Agent")
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		fmt.Fprint(w, "<p>caf\xe9</p>")
	})
	c := localClient(t, srv, nil)
	resp, err := c.Get(context.Background(), srv.URL+"/a#frag", Conditional{})
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || string(resp.Body) != "<p>caf\xe9</p>" || resp.ContentType != "text/html; charset=iso-8859-1" {
		t.Errorf("resp = %d %q %q", resp.StatusCode, resp.Body, resp.ContentType)
	}
	if ua != DefaultUserAgent || !strings.Contains(ua, "+http") {
		t.Errorf("User-Agent = %q, want the honest default with a contact URL", ua)
	}
}

func TestRobotsDisallowAndCache(t *testing.T) {
	s, srv := newSite(t, "User-agent: *\nDisallow: /private\n\nUser-agent: newsquotes\nDisallow: /no-bots\n", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "ok")
	})
	c := localClient(t, srv, nil)
	ctx := context.Background()
	for _, p := range []string{"/a", "/b", "/private/x"} {
		_, err := c.Get(ctx, srv.URL+p, Conditional{})
		if p == "/private/x" {
			// Our own group applies, not "*": /private is allowed for us.
			if err != nil {
				t.Errorf("%s: %v", p, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	if _, err := c.Get(ctx, srv.URL+"/no-bots/page", Conditional{}); !errors.Is(err, ErrRobots) {
		t.Errorf("/no-bots/page: err = %v, want ErrRobots", err)
	}
	if n := s.count("/no-bots/page"); n != 0 {
		t.Errorf("disallowed page requested %d times", n)
	}
	if n := s.count("/robots.txt"); n != 1 {
		t.Errorf("robots.txt fetched %d times, want 1 (cached)", n)
	}
}

func TestRobotsWildcardGroupAndRedirectTarget(t *testing.T) {
	s, srv := newSite(t, "User-agent: *\nDisallow: /private\n", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/go" {
			http.Redirect(w, r, "/private/page", http.StatusFound)
			return
		}
		fmt.Fprint(w, "ok")
	})
	c := localClient(t, srv, nil)
	if _, err := c.Get(context.Background(), srv.URL+"/go", Conditional{}); !errors.Is(err, ErrRobots) {
		t.Errorf("redirect into disallowed path: err = %v, want ErrRobots", err)
	}
	if n := s.count("/private/page"); n != 0 {
		t.Errorf("disallowed page requested %d times", n)
	}
}

func TestRobotsServerErrorDisallowsAll(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, "ok")
	}))
	t.Cleanup(srv.Close)
	c := localClient(t, srv, func(c *Config) { c.Retries = 0 })
	if _, err := c.Get(context.Background(), srv.URL+"/a", Conditional{}); !errors.Is(err, ErrRobots) {
		t.Errorf("err = %v, want ErrRobots while robots.txt answers 503", err)
	}
}

func TestRobotsIgnoredWhenOff(t *testing.T) {
	s, srv := newSite(t, "User-agent: *\nDisallow: /\n", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") })
	c := localClient(t, srv, func(c *Config) { c.RespectRobots = false })
	if _, err := c.Get(context.Background(), srv.URL+"/a", Conditional{}); err != nil {
		t.Fatal(err)
	}
	if n := s.count("/robots.txt"); n != 0 {
		t.Errorf("robots.txt fetched %d times with RespectRobots off", n)
	}
}

func TestPerHostRateLimit(t *testing.T) {
	_, srv := newSite(t, "", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") })
	c := localClient(t, srv, func(c *Config) {
		c.PerHostRate = 10 // one every 100ms
		c.PerHostBurst = 1
		c.RespectRobots = false
	})
	start := time.Now()
	for i := range 5 {
		if _, err := c.Get(context.Background(), srv.URL+"/"+strconv.Itoa(i), Conditional{}); err != nil {
			t.Fatal(err)
		}
	}
	// Five requests at 10/s with a burst of one take at least 400ms.
	if el := time.Since(start); el < 380*time.Millisecond {
		t.Errorf("5 requests took %v, want >= 400ms at 10/s", el)
	}
}

func TestPerHostConcurrency(t *testing.T) {
	var inFlight, peak atomic.Int64
	_, srv := newSite(t, "", func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(30 * time.Millisecond)
		inFlight.Add(-1)
		fmt.Fprint(w, "ok")
	})
	c := localClient(t, srv, func(c *Config) { c.PerHostConcurrency = 2; c.RespectRobots = false })
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			if _, err := c.Get(context.Background(), srv.URL+"/"+strconv.Itoa(i), Conditional{}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if p := peak.Load(); p > 2 {
		t.Errorf("peak in-flight requests = %d, want <= 2", p)
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	var calls atomic.Int64
	_, srv := newSite(t, "", func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		fmt.Fprint(w, "ok")
	})
	c := localClient(t, srv, func(c *Config) { c.RespectRobots = false })
	start := time.Now()
	resp, err := c.Get(context.Background(), srv.URL+"/a", Conditional{})
	if err != nil || string(resp.Body) != "ok" {
		t.Fatalf("Get = %v", err)
	}
	if el := time.Since(start); el < 950*time.Millisecond {
		t.Errorf("retried after %v, want >= 1s (Retry-After: 1)", el)
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("%d calls, want 2", n)
	}
}

func TestRetryAfterOverCapFailsFast(t *testing.T) {
	var calls atomic.Int64
	_, srv := newSite(t, "", func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Retry-After", "3600")
		http.Error(w, "later", http.StatusServiceUnavailable)
	})
	c := localClient(t, srv, func(c *Config) { c.RespectRobots = false; c.MaxRetryAfter = time.Second })
	start := time.Now()
	_, err := c.Get(context.Background(), srv.URL+"/a", Conditional{})
	var se *StatusError
	if !errors.As(err, &se) || se.Code != 503 || se.RetryAfter != time.Hour || !se.Temporary() {
		t.Fatalf("err = %#v, want StatusError 503 with RetryAfter 1h", err)
	}
	if time.Since(start) > 500*time.Millisecond || calls.Load() != 1 {
		t.Errorf("waited %v over %d calls; a Retry-After over the cap should fail at once", time.Since(start), calls.Load())
	}
}

func TestRetriesOn5xxNotOn4xx(t *testing.T) {
	s, srv := newSite(t, "", func(w http.ResponseWriter, r *http.Request) {
		code, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/"))
		w.WriteHeader(code)
	})
	c := localClient(t, srv, func(c *Config) { c.RespectRobots = false; c.Retries = 2 })
	for _, tc := range []struct {
		code, calls int
	}{{500, 3}, {502, 3}, {404, 1}, {403, 1}, {501, 1}} {
		_, err := c.Get(context.Background(), srv.URL+"/"+strconv.Itoa(tc.code), Conditional{})
		var se *StatusError
		if !errors.As(err, &se) || se.Code != tc.code {
			t.Errorf("%d: err = %v", tc.code, err)
		}
		if n := s.count("/" + strconv.Itoa(tc.code)); n != tc.calls {
			t.Errorf("%d: %d calls, want %d", tc.code, n, tc.calls)
		}
	}
}

func TestConditionalGet(t *testing.T) {
	const etag, lm = `"v1"`, "Mon, 02 Jan 2006 15:04:05 GMT"
	_, srv := newSite(t, "", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == lm {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lm)
		fmt.Fprint(w, "feed")
	})
	c := localClient(t, srv, func(c *Config) { c.RespectRobots = false })
	ctx := context.Background()
	first, err := c.Get(ctx, srv.URL+"/feed", Conditional{})
	if err != nil || first.NotModified || string(first.Body) != "feed" {
		t.Fatalf("first = %+v, %v", first, err)
	}
	for _, cond := range []Conditional{
		{ETag: first.Header.Get("ETag")},
		{LastModified: first.Header.Get("Last-Modified")},
	} {
		again, err := c.Get(ctx, srv.URL+"/feed", cond)
		if err != nil || !again.NotModified || again.StatusCode != 304 || len(again.Body) != 0 {
			t.Errorf("conditional %+v = %+v, %v; want NotModified", cond, again, err)
		}
	}
}

func TestSizeCapAndGzip(t *testing.T) {
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return buf.Bytes()
	}
	small := []byte(strings.Repeat("news ", 100))
	bomb := gz(make([]byte, 50<<20)) // 50 MiB of zeros in ~50 KiB
	_, srv := newSite(t, "", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/big":
			w.Write(bytes.Repeat([]byte("x"), 5000))
		case "/gzip":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gz(small))
		case "/bomb":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb)
		case "/exact":
			w.Write(bytes.Repeat([]byte("x"), 1000))
		}
	})
	c := localClient(t, srv, func(c *Config) { c.RespectRobots = false; c.MaxBodyBytes = 1000 })
	ctx := context.Background()
	if _, err := c.Get(ctx, srv.URL+"/big", Conditional{}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("/big: err = %v, want ErrTooLarge", err)
	}
	if _, err := c.Get(ctx, srv.URL+"/bomb", Conditional{}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("/bomb: err = %v, want ErrTooLarge", err)
	}
	if r, err := c.Get(ctx, srv.URL+"/exact", Conditional{}); err != nil || len(r.Body) != 1000 {
		t.Errorf("/exact: %v", err)
	}
	r, err := c.Get(ctx, srv.URL+"/gzip", Conditional{})
	if err != nil || !bytes.Equal(r.Body, small) {
		t.Errorf("/gzip: body %q, %v; want it decompressed", r.Body, err)
	}
}

func TestRedirects(t *testing.T) {
	_, srv := newSite(t, "", func(w http.ResponseWriter, r *http.Request) {
		if n, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/r/")); err == nil && n > 0 {
			http.Redirect(w, r, "/r/"+strconv.Itoa(n-1), http.StatusMovedPermanently)
			return
		}
		fmt.Fprint(w, "landed")
	})
	c := localClient(t, srv, func(c *Config) { c.RespectRobots = false; c.MaxRedirects = 3 })
	r, err := c.Get(context.Background(), srv.URL+"/r/3", Conditional{})
	if err != nil || r.URL != srv.URL+"/r/0" || string(r.Body) != "landed" {
		t.Errorf("3 redirects: %+v %v; want final URL /r/0", r, err)
	}
	if _, err := c.Get(context.Background(), srv.URL+"/r/4", Conditional{}); !errors.Is(err, ErrTooManyRedirects) {
		t.Errorf("4 redirects: err = %v, want ErrTooManyRedirects", err)
	}
}

func TestTimeout(t *testing.T) {
	release := make(chan struct{})
	_, srv := newSite(t, "", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	t.Cleanup(func() { close(release) })
	c := localClient(t, srv, func(c *Config) { c.RespectRobots = false; c.Timeout = 100 * time.Millisecond; c.Retries = 0 })
	start := time.Now()
	_, err := c.Get(context.Background(), srv.URL+"/slow", Conditional{})
	if !errors.Is(err, ErrTimeout) {
		t.Errorf("err = %v, want ErrTimeout", err)
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("timed out after %v, want about 100ms", el)
	}

	// The caller's deadline bounds the whole call, retries included.
	c = localClient(t, srv, func(c *Config) { c.RespectRobots = false; c.Timeout = time.Minute; c.Retries = 3 })
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	if _, err := c.Get(ctx, srv.URL+"/slow", Conditional{}); !errors.Is(err, ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("ctx deadline: err = %v, want ErrTimeout wrapping DeadlineExceeded", err)
	}
}

func TestRetryAfterParsing(t *testing.T) {
	if d := retryAfter("7"); d != 7*time.Second {
		t.Errorf("seconds: %v", d)
	}
	if d := retryAfter(time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)); d < 80*time.Second || d > 91*time.Second {
		t.Errorf("date: %v", d)
	}
	for _, bad := range []string{"", "-3", "soon"} {
		if d := retryAfter(bad); d != 0 {
			t.Errorf("%q: %v", bad, d)
		}
	}
}

func TestRobotsCrawlDelay(t *testing.T) {
	_, srv := newSite(t, "User-agent: *\nCrawl-delay: 0.3\n", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") })
	c := localClient(t, srv, nil)
	start := time.Now()
	for i := range 3 {
		if _, err := c.Get(context.Background(), srv.URL+"/"+strconv.Itoa(i), Conditional{}); err != nil {
			t.Fatal(err)
		}
	}
	// robots.txt and the first page go out at the configured rate; the
	// next two pages wait 300ms each.
	if el := time.Since(start); el < 550*time.Millisecond {
		t.Errorf("3 pages took %v, want >= 600ms with Crawl-delay 0.3", el)
	}
}

// A refused connection will not change within seconds: no retry.
func TestNoRetryOnConnectionRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cfg := DefaultConfig()
	cfg.AllowLoopback = true
	cfg.RespectRobots = false
	cfg.Retries = 3
	cfg.RetryBackoff = time.Second
	c := New(cfg)
	start := time.Now()
	if _, err := c.Get(context.Background(), "http://"+addr+"/", Conditional{}); err == nil {
		t.Fatal("no error from a closed port")
	}
	if el := time.Since(start); el > 500*time.Millisecond {
		t.Errorf("took %v: retried a refused connection", el)
	}
}
