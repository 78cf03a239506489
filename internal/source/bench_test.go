package source

import (
	"os"
	"path/filepath"
	"testing"
)

// Parsing cost per source document, reported as documents per second.
func BenchmarkParse(b *testing.B) {
	for _, bc := range []struct {
		name, file string
		parse      func([]byte) (int, error)
	}{
		{"feed-rss2", "rss2.xml", func(body []byte) (int, error) {
			it, err := parseFeed(body, "https://news.example.com/world/rss.xml")
			return len(it), err
		}},
		{"news-sitemap", "news-sitemap.xml", func(body []byte) (int, error) {
			d, err := parseSitemap(body, "https://www.example.co.uk/news-sitemap.xml")
			return len(d.Items), err
		}},
		{"section", "section.html", func(body []byte) (int, error) {
			it, err := sectionLinks(body, "https://www.example.com/world")
			return len(it), err
		}},
	} {
		body, err := os.ReadFile(filepath.Join("testdata", bc.file))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if _, err := bc.parse(body); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}
