package source

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

func addSeeds(f *testing.F, files ...string) {
	f.Helper()
	for _, name := range files {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// checkItems is what every parser promises: absolute http(s) URLs with a
// host, and titles with collapsed white space.
func checkItems(t *testing.T, items []Item) {
	t.Helper()
	for _, it := range items {
		u, err := url.Parse(it.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			t.Fatalf("item URL %q is not absolute http(s)", it.URL)
		}
		if it.Title != cleanText(it.Title) {
			t.Fatalf("title %q is not clean", it.Title)
		}
	}
	// finish must keep its promises on whatever the parser returned.
	for _, it := range finish(items, filter{}) {
		if n, ok := normalizeURL(it.URL); !ok || n != it.URL {
			t.Fatalf("finished URL %q is not normalised (%q)", it.URL, n)
		}
	}
}

func FuzzParseFeed(f *testing.F) {
	addSeeds(f, "rss2.xml", "rss091.xml", "atom.xml", "jsonfeed.json")
	f.Fuzz(func(t *testing.T, body []byte) {
		items, err := parseFeed(body, "https://feed.example.com/rss.xml")
		if err != nil {
			return
		}
		checkItems(t, items)
	})
}

func FuzzParseSitemap(f *testing.F) {
	addSeeds(f, "news-sitemap.xml", "sitemap-index.xml", "sitemaps/2024-05.xml.gz", "sitemap.txt")
	f.Fuzz(func(t *testing.T, body []byte) {
		doc, err := parseSitemap(body, "https://www.example.com/sitemap.xml")
		if err != nil {
			return
		}
		checkItems(t, doc.Items)
		for _, c := range doc.Children {
			if u, err := url.Parse(c.URL); err != nil || !u.IsAbs() || u.Host == "" {
				t.Fatalf("child sitemap URL %q is not absolute", c.URL)
			}
		}
	})
}

func FuzzSectionLinks(f *testing.F) {
	addSeeds(f, "section.html")
	f.Add([]byte(`<base href="https://cdn.example.com/"><a href="2024/05/12/a-b-c">x</a>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		items, err := sectionLinks(body, "https://www.example.com/world")
		if err != nil {
			return
		}
		checkItems(t, items)
		for _, it := range items {
			u, _ := url.Parse(it.URL)
			if siteOf(u.Hostname()) != "example.com" {
				t.Fatalf("link %q leaves the site", it.URL)
			}
		}
	})
}

func FuzzParseURLList(f *testing.F) {
	addSeeds(f, "urls.txt", "sitemap.txt")
	f.Fuzz(func(t *testing.T, body []byte) {
		items, _ := parseURLList(body, "https://www.example.com/list.txt")
		checkItems(t, items)
	})
}
