package source

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/html/charset"

	"github.com/newsquotes/newsquotes/internal/fetch"
)

// sitemapDoc is a parsed sitemap: a urlset gives items, an index gives
// child sitemaps.
type sitemapDoc struct {
	Items    []Item
	Children []childSitemap
}

type childSitemap struct {
	URL     string
	LastMod time.Time
}

type xmlSitemap struct {
	XMLName  xml.Name
	URLs     []xmlURL        `xml:"url"`
	Sitemaps []xmlSitemapRef `xml:"sitemap"`
}

type xmlURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
	News    struct {
		PublicationDate string `xml:"publication_date"`
		Title           string `xml:"title"`
	} `xml:"news"`
}

type xmlSitemapRef struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
}

// parseSitemap reads a sitemap (urlset, news sitemap or index), gzipped or
// not. A body that is not XML is read as a plain text sitemap, one URL a
// line, as the sitemap protocol allows.
func parseSitemap(body []byte, sitemapURL string) (sitemapDoc, error) {
	body, err := gunzipIfGzip(body)
	if err != nil {
		return sitemapDoc{}, err
	}
	trimmed := bytes.TrimLeft(body, "\ufeff \t\r\n")
	if len(trimmed) > 0 && trimmed[0] != '<' {
		items, _ := parseURLList(body, sitemapURL)
		if len(items) == 0 {
			return sitemapDoc{}, errors.New("sitemap: neither XML nor a list of URLs")
		}
		return sitemapDoc{Items: items}, nil
	}
	var x xmlSitemap
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.CharsetReader = charset.NewReaderLabel
	dec.Strict = false
	if err := dec.Decode(&x); err != nil {
		return sitemapDoc{}, fmt.Errorf("sitemap: %w", err)
	}
	var doc sitemapDoc
	switch x.XMLName.Local {
	case "urlset":
		for _, xu := range x.URLs {
			u, ok := resolve(nil, strings.TrimSpace(xu.Loc)) // the protocol wants absolute URLs
			if !ok {
				continue
			}
			published := parseW3CTime(xu.News.PublicationDate)
			if published.IsZero() {
				published = parseW3CTime(xu.LastMod)
			}
			doc.Items = append(doc.Items, Item{URL: u, Title: cleanText(xu.News.Title), Published: published})
		}
	case "sitemapindex":
		for _, xs := range x.Sitemaps {
			u, ok := resolve(nil, strings.TrimSpace(xs.Loc))
			if !ok {
				continue
			}
			doc.Children = append(doc.Children, childSitemap{URL: u, LastMod: parseW3CTime(xs.LastMod)})
		}
	default:
		return sitemapDoc{}, fmt.Errorf("sitemap: root element <%s>, want <urlset> or <sitemapindex>", x.XMLName.Local)
	}
	return doc, nil
}

// readSitemap reads the fetched sitemap and, for an index, the most recent
// child sitemaps (up to MaxChildSitemaps in all, maxSitemapDepth deep).
func readSitemap(ctx context.Context, g Getter, resp *fetch.Response) ([]Item, []error, error) {
	doc, err := parseSitemap(resp.Body, resp.URL)
	if err != nil {
		return nil, nil, err
	}
	items := doc.Items
	var problems []error
	seen := map[string]bool{resp.URL: true}
	budget := MaxChildSitemaps
	var follow func(children []childSitemap, depth int)
	follow = func(children []childSitemap, depth int) {
		// Most recent first; undated children keep their order, last.
		slices.SortStableFunc(children, func(a, b childSitemap) int {
			switch {
			case a.LastMod.IsZero() && b.LastMod.IsZero():
				return 0
			case a.LastMod.IsZero():
				return 1
			case b.LastMod.IsZero():
				return -1
			}
			return cmp.Compare(b.LastMod.UnixNano(), a.LastMod.UnixNano())
		})
		for _, ch := range children {
			if budget <= 0 || ctx.Err() != nil {
				return
			}
			if seen[ch.URL] {
				continue
			}
			seen[ch.URL] = true
			budget--
			r, err := g.Get(ctx, ch.URL, fetch.Conditional{})
			if err != nil {
				problems = append(problems, fmt.Errorf("child sitemap: %w", err))
				continue
			}
			d, err := parseSitemap(r.Body, r.URL)
			if err != nil {
				problems = append(problems, fmt.Errorf("child sitemap %s: %w", ch.URL, err))
				continue
			}
			items = append(items, d.Items...)
			if len(d.Children) > 0 {
				if depth >= maxSitemapDepth {
					problems = append(problems, fmt.Errorf("child sitemap %s: index nested deeper than %d", ch.URL, maxSitemapDepth))
					continue
				}
				follow(d.Children, depth+1)
			}
		}
	}
	follow(doc.Children, 1)
	if len(doc.Children) > 0 && len(items) == 0 && len(problems) > 0 {
		return nil, problems, fmt.Errorf("sitemap index: no child sitemap could be read: %w", problems[0])
	}
	return items, problems, nil
}

// gunzipIfGzip undoes gzip (sitemap.xml.gz is served as a gzip file, not
// with Content-Encoding), capped so a bomb cannot exhaust memory.
func gunzipIfGzip(body []byte) ([]byte, error) {
	if len(body) < 2 || body[0] != 0x1f || body[1] != 0x8b {
		return body, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("sitemap gzip: %w", err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, maxDecompressed+1))
	if err != nil {
		return nil, fmt.Errorf("sitemap gzip: %w", err)
	}
	if len(out) > maxDecompressed {
		return nil, fmt.Errorf("sitemap gzip: over %d bytes decompressed", maxDecompressed)
	}
	return out, nil
}

// w3cLayouts are the W3C datetime forms sitemaps use, plus a few seen in
// the wild.
var w3cLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05Z0700",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02",
	"2006-01",
	"2006",
}

func parseW3CTime(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	for _, l := range w3cLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}
