package source

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsquotes/newsquotes/internal/fetch"
)

var update = flag.Bool("update", false, "rewrite testdata/golden files")

// fileGetter serves testdata files by URL, with validators, answering 304
// when the caller's ETag matches. An in-memory stand-in for fetch.Client:
// Discover's own logic is under test here, fetching is tested in fetch.
type fileGetter struct {
	files map[string]string // URL -> testdata path
	etag  string
	calls []string
}

func (g *fileGetter) Get(_ context.Context, rawURL string, cond fetch.Conditional) (*fetch.Response, error) {
	g.calls = append(g.calls, rawURL)
	path, ok := g.files[rawURL]
	if !ok {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, &fetch.StatusError{Code: 404, URL: rawURL})
	}
	h := http.Header{}
	if g.etag != "" {
		h.Set("ETag", g.etag)
		h.Set("Last-Modified", "Sun, 12 May 2024 10:00:00 GMT")
		if cond.ETag == g.etag {
			return &fetch.Response{URL: rawURL, StatusCode: 304, Header: h, NotModified: true}, nil
		}
	}
	body, err := os.ReadFile(filepath.Join("testdata", path))
	if err != nil {
		return nil, err
	}
	return &fetch.Response{URL: rawURL, StatusCode: 200, Header: h, Body: body}, nil
}

var _ Getter = (*fetch.Client)(nil)

type golden struct {
	Items    []Item   `json:"items"`
	Problems []string `json:"problems,omitempty"`
	Fetched  []string `json:"fetched"`
	State    State    `json:"state"`
}

func TestDiscoverGolden(t *testing.T) {
	const uk = "https://www.example.co.uk/sitemaps/"
	for _, tc := range []struct {
		name  string
		src   Source
		files map[string]string
	}{
		{"rss2", Source{ID: "example-world", Kind: Feed, URL: "https://news.example.com/world/rss.xml"},
			map[string]string{"https://news.example.com/world/rss.xml": "rss2.xml"}},
		{"rss2-include", Source{ID: "example-world", Kind: Feed, URL: "https://news.example.com/world/rss.xml",
			Include: []string{`/2024/05/1[23]/`}},
			map[string]string{"https://news.example.com/world/rss.xml": "rss2.xml"}},
		{"rss091-latin1", Source{ID: "gazette", Kind: Feed, URL: "http://gazette.example.org/rss"},
			map[string]string{"http://gazette.example.org/rss": "rss091.xml"}},
		{"atom-exclude", Source{ID: "atom", Kind: Feed, URL: "https://atom.example.net/feed.atom", Exclude: []string{`/live/`}},
			map[string]string{"https://atom.example.net/feed.atom": "atom.xml"}},
		{"jsonfeed", Source{ID: "json", Kind: Feed, URL: "https://json.example.com/feed.json"},
			map[string]string{"https://json.example.com/feed.json": "jsonfeed.json"}},
		{"news-sitemap", Source{ID: "uk-news", Kind: Sitemap, URL: "https://www.example.co.uk/news-sitemap.xml"},
			map[string]string{"https://www.example.co.uk/news-sitemap.xml": "news-sitemap.xml"}},
		{"sitemap-index", Source{ID: "uk-index", Kind: Sitemap, URL: uk + "index.xml"},
			map[string]string{
				uk + "index.xml":        "sitemap-index.xml",
				uk + "2024-05.xml.gz":   "sitemaps/2024-05.xml.gz",
				uk + "2024-01.xml":      "sitemaps/2024-01.xml",
				uk + "nested-index.xml": "sitemaps/nested-index.xml",
				uk + "april.xml":        "sitemaps/april.xml",
				uk + "2023-12.xml":      "sitemaps/2023-12.xml",
				uk + "2023-11.xml":      "sitemaps/2023-11.xml",
				uk + "2023-10.xml":      "sitemaps/2023-10.xml",
			}},
		{"sitemap-text", Source{ID: "uk-text", Kind: Sitemap, URL: "https://www.example.co.uk/sitemap.txt"},
			map[string]string{"https://www.example.co.uk/sitemap.txt": "sitemap.txt"}},
		{"section", Source{ID: "example-section", Kind: Section, URL: "https://www.example.com/world"},
			map[string]string{"https://www.example.com/world": "section.html"}},
		{"urls", Source{ID: "by-hand", Kind: URLList, URL: "https://www.example.com/lists/urls.txt"},
			map[string]string{"https://www.example.com/lists/urls.txt": "urls.txt"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := &fileGetter{files: tc.files, etag: `"v1"`}
			res, err := Discover(context.Background(), g, tc.src, State{SourceID: tc.src.ID})
			if err != nil {
				t.Fatal(err)
			}
			got := golden{Items: res.Items, Fetched: g.calls, State: res.State}
			for _, p := range res.Problems {
				got.Problems = append(got.Problems, p.Error())
			}
			checkGolden(t, tc.name, got)
			for _, it := range res.Items {
				if n, ok := normalizeURL(it.URL); !ok || n != it.URL {
					t.Errorf("item URL %q is not normalised (%q)", it.URL, n)
				}
			}
		})
	}
}

func checkGolden(t *testing.T, name string, got any) {
	t.Helper()
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	path := filepath.Join("testdata", "golden", name+".json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != string(b) {
		t.Errorf("%s differs from golden (go test -update to accept):\n--- got\n%s\n--- want\n%s", path, b, want)
	}
}

func TestDiscoverNotModified(t *testing.T) {
	g := &fileGetter{files: map[string]string{"https://news.example.com/world/rss.xml": "rss2.xml"}, etag: `"v1"`}
	src := Source{ID: "example-world", Kind: Feed, URL: "https://news.example.com/world/rss.xml"}
	first, err := Discover(context.Background(), g, src, State{SourceID: src.ID})
	if err != nil || first.NotModified || len(first.Items) == 0 {
		t.Fatalf("first run: %+v, %v", first, err)
	}
	if first.State.ETag != `"v1"` || first.State.LastModified == "" {
		t.Fatalf("state not updated: %+v", first.State)
	}
	second, err := Discover(context.Background(), g, src, first.State)
	if err != nil || !second.NotModified || len(second.Items) != 0 || second.State != first.State {
		t.Fatalf("second run: %+v, %v; want NotModified with the same state", second, err)
	}
}

func TestDiscoverErrors(t *testing.T) {
	g := &fileGetter{files: map[string]string{
		"https://x.example.com/feed":  "section.html", // HTML where a feed was promised
		"https://x.example.com/sm":    "rss2.xml",     // a feed where a sitemap was promised
		"https://x.example.com/index": "sitemaps/nested-index.xml",
	}}
	for _, tc := range []struct {
		src        Source
		wantFetch  bool // the error carries the fetch error
		wantSource bool // the source itself is unusable
	}{
		{Source{ID: "bad id!", Kind: Feed, URL: "https://x.example.com/feed"}, false, true},
		{Source{ID: "html", Kind: Feed, URL: "https://x.example.com/feed"}, false, true},
		{Source{ID: "sm", Kind: Sitemap, URL: "https://x.example.com/sm"}, false, true},
		{Source{ID: "index", Kind: Sitemap, URL: "https://x.example.com/index"}, true, true}, // its only child is missing
		{Source{ID: "gone", Kind: Feed, URL: "https://x.example.com/gone"}, true, false},
	} {
		res, err := Discover(context.Background(), g, tc.src, State{ETag: "old"})
		if res.State.ETag != "old" {
			t.Errorf("%s: state ETag = %q, want the old one kept on error", tc.src.ID, res.State.ETag)
		}
		if err == nil {
			t.Errorf("%s: no error", tc.src.ID)
			continue
		}
		var se *fetch.StatusError
		if got := errors.As(err, &se); got != tc.wantFetch {
			t.Errorf("%s: err = %v; fetch error %v, want %v", tc.src.ID, err, got, tc.wantFetch)
		}
		if got := errors.Is(err, ErrSource); got != tc.wantSource {
			t.Errorf("%s: err = %v; ErrSource %v, want %v", tc.src.ID, err, got, tc.wantSource)
		}
		if !strings.Contains(err.Error(), tc.src.ID) {
			t.Errorf("%s: error %q does not name the source", tc.src.ID, err)
		}
	}
}
