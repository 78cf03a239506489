package source

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/mmcdole/gofeed"
)

// parseFeed reads RSS 0.9x/2.0, Atom or JSON Feed. Relative links resolve
// against the feed's own link, then the URL it was fetched from.
func parseFeed(body []byte, feedURL string) ([]Item, error) {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	base, _ := url.Parse(feedURL)
	if f.Link != "" {
		if l, err := url.Parse(f.Link); err == nil && l.IsAbs() && (base == nil || l.Host != "") {
			base = l
		} else if err == nil && base != nil {
			base = base.ResolveReference(l)
		}
	}
	items := make([]Item, 0, len(f.Items))
	for _, fi := range f.Items {
		if fi == nil {
			continue
		}
		link := itemLink(fi)
		if link == "" {
			continue
		}
		u, ok := resolve(base, link)
		if !ok {
			continue
		}
		items = append(items, Item{URL: u, Title: plainText(fi.Title), Published: itemTime(fi)})
	}
	return items, nil
}

// itemLink is the item's article URL: its link, else the first of its
// links, else a GUID that is itself a URL.
func itemLink(fi *gofeed.Item) string {
	if l := strings.TrimSpace(fi.Link); l != "" {
		return l
	}
	for _, l := range fi.Links {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	if g := strings.TrimSpace(fi.GUID); strings.HasPrefix(g, "http://") || strings.HasPrefix(g, "https://") {
		return g
	}
	return ""
}

func itemTime(fi *gofeed.Item) time.Time {
	switch {
	case fi.PublishedParsed != nil:
		return fi.PublishedParsed.UTC()
	case fi.UpdatedParsed != nil:
		return fi.UpdatedParsed.UTC()
	}
	return time.Time{}
}

// plainText drops the markup some feeds put in titles (Atom type="html")
// and collapses white space.
func plainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return cleanText(s)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(s))
	if err != nil {
		return cleanText(s)
	}
	return cleanText(doc.Text())
}

// cleanText collapses white space.
func cleanText(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
