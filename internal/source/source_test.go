package source

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/newsquotes/newsquotes/internal/fetch"
)

func TestValidate(t *testing.T) {
	ok := Source{ID: "bbc-world", Kind: Feed, URL: "https://feeds.bbci.co.uk/news/world/rss.xml", Include: []string{`/news/`}}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid source: %v", err)
	}
	for name, tc := range map[string]struct {
		mutate func(*Source)
		want   string
	}{
		"empty id":      {func(s *Source) { s.ID = "" }, "id"},
		"upper id":      {func(s *Source) { s.ID = "BBC" }, "id"},
		"slash id":      {func(s *Source) { s.ID = "a/b" }, "id"},
		"long id":       {func(s *Source) { s.ID = strings.Repeat("a", 65) }, "id"},
		"kind":          {func(s *Source) { s.Kind = "podcast" }, "kind"},
		"no kind":       {func(s *Source) { s.Kind = "" }, "kind"},
		"relative url":  {func(s *Source) { s.URL = "/rss.xml" }, "url"},
		"ftp url":       {func(s *Source) { s.URL = "ftp://example.com/feed" }, "url"},
		"bad url":       {func(s *Source) { s.URL = "http://[::1" }, "url"},
		"weight":        {func(s *Source) { s.Weight = -1 }, "weight"},
		"include":       {func(s *Source) { s.Include = []string{"("} }, "include"},
		"exclude":       {func(s *Source) { s.Exclude = []string{"[z-a]"} }, "exclude"},
		"several wrong": {func(s *Source) { s.Kind = "x"; s.Weight = -2 }, "weight"},
	} {
		s := ok
		tc.mutate(&s)
		err := s.Validate()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want one mentioning %q", name, err, tc.want)
		}
	}
}

func TestDue(t *testing.T) {
	for _, tc := range []struct {
		src  Source
		run  int
		want bool
	}{
		{Source{Enabled: true}, 7, true},
		{Source{Enabled: true, Weight: 1}, 7, true},
		{Source{Enabled: true, Weight: 3}, 6, true},
		{Source{Enabled: true, Weight: 3}, 7, false},
		{Source{Enabled: false}, 0, false},
	} {
		if got := tc.src.Due(tc.run); got != tc.want {
			t.Errorf("%+v.Due(%d) = %v", tc.src, tc.run, got)
		}
	}
}

func TestLooksLikeArticlePath(t *testing.T) {
	for p, want := range map[string]bool{
		"/world/2024/05/12/eu-leaders-meet":           true,
		"/2024/05/12/story":                           true,
		"/news/world-europe-68912345":                 true,
		"/article/1234567":                            true,
		"/20240511/compact-dated-story":               true,
		"/politics/minister-denies-leaked-report":     true,
		"/world/2024/may/12/guardian-style":           true,
		"/news/articles/c9wwrn7x7kpo":                 true,
		"/2024/05/12/nx-s1-4962271/npr-style-story":   true,
		"/world/2024/may/":                            false,
		"/news/abcdefgh":                              false,
		"/news/12345678abc":                           true,
		"/c9wwrn7x7kpo":                               false,
		"/news/story.html":                            false,
		"/news/long-story-title-here.html":            true,
		"/":                                           false,
		"/world":                                      false,
		"/world/africa":                               false,
		"/world/2024/05/":                             false,
		"/world/2024/05/12":                           false,
		"/tag/ukraine-war-latest":                     false,
		"/author/jane-doe-smith":                      false,
		"/topics/climate-change-and-energy":           false,
		"/category/world-news-today":                  false,
		"/world/page/2":                               false,
		"/about-us":                                   false,
		"/files/report-on-the-summit.pdf":             false,
		"/images/2024/05/12/photo-of-the-summit.jpg":  false,
		"/newsletters/sign-up-for-our-daily-briefing": false,
	} {
		if got := looksLikeArticlePath(p); got != want {
			t.Errorf("looksLikeArticlePath(%q) = %v, want %v", p, got, want)
		}
	}
}

// Discover over a real fetch.Client and a loopback server: the conditional
// GET round trip through the state the collector stores.
func TestDiscoverWithFetchClient(t *testing.T) {
	feed := `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>/</link>
<item><title>One</title><link>/2024/05/12/one-story-here</link><pubDate>Sun, 12 May 2024 09:30:00 GMT</pubDate></item>
</channel></rss>`
	var requests int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		requests++
		if r.Header.Get("If-None-Match") == `"f1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"f1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, feed)
	}))
	t.Cleanup(srv.Close)
	cfg := fetch.DefaultConfig()
	cfg.AllowLoopback = true
	cfg.AllowedPorts = []int{srv.Listener.Addr().(*net.TCPAddr).Port}
	cfg.PerHostRate = 1000
	c := fetch.New(cfg)
	src := Source{ID: "local", Kind: Feed, URL: srv.URL + "/feed.xml", Enabled: true}
	res, err := Discover(context.Background(), c, src, State{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Items) != 1 || res.Items[0].URL != srv.URL+"/2024/05/12/one-story-here" || res.State.ETag != `"f1"` {
		t.Fatalf("first run: %+v", res)
	}
	again, err := Discover(context.Background(), c, src, res.State)
	if err != nil || !again.NotModified || len(again.Items) != 0 {
		t.Fatalf("second run: %+v, %v", again, err)
	}
	if requests != 2 {
		t.Errorf("%d feed requests, want 2", requests)
	}
}
