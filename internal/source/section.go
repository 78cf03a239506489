package source

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html/charset"
	"golang.org/x/net/publicsuffix"
)

// sectionLinks finds the article links of an HTML section page: links to
// the same site, outside navigation and footers, whose path looks like an
// article (a date, a numeric id or a slug of several words) and not like a
// tag, author, category or service page.
func sectionLinks(body []byte, pageURL string) ([]Item, error) {
	page, err := url.Parse(pageURL)
	if err != nil || page.Host == "" {
		return nil, fmt.Errorf("section: bad page URL %q", pageURL)
	}
	r, err := charset.NewReader(bytes.NewReader(body), "")
	if err != nil {
		return nil, fmt.Errorf("section: %w", err)
	}
	doc, err := goquery.NewDocumentFromReader(r)
	if err != nil {
		return nil, fmt.Errorf("section: %w", err)
	}
	base := page
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if b, err := page.Parse(strings.TrimSpace(href)); err == nil && b.Host != "" {
			base = b
		}
	}
	site := siteOf(page.Hostname())
	var items []Item
	doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		if inChrome(a) {
			return
		}
		if rel := strings.ToLower(a.AttrOr("rel", "")); strings.Contains(rel, "tag") || strings.Contains(rel, "author") {
			return
		}
		u, err := base.Parse(strings.TrimSpace(a.AttrOr("href", "")))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || siteOf(u.Hostname()) != site {
			return
		}
		if u.Path == page.Path || !looksLikeArticlePath(u.Path) {
			return
		}
		u.Fragment = ""
		title := cleanText(a.Text())
		if title == "" {
			title = cleanText(a.AttrOr("aria-label", a.AttrOr("title", "")))
		}
		it := Item{URL: u.String(), Title: title}
		if dt, ok := a.Closest("article").Find("time[datetime]").First().Attr("datetime"); ok {
			it.Published = parseW3CTime(dt)
		}
		items = append(items, it)
	})
	return items, nil
}

// inChrome reports whether a link sits in site navigation, a banner or a
// footer rather than in the page's content. A header inside an <article>
// holds the article's headline, so it counts as content.
func inChrome(a *goquery.Selection) bool {
	if a.Closest(`nav, footer, [role="navigation"], [role="contentinfo"], [role="banner"], [role="menu"]`).Length() > 0 {
		return true
	}
	if a.Closest("header").Length() > 0 && a.Closest("article").Length() == 0 {
		return true
	}
	return false
}

// siteOf is the registrable domain (example.co.uk for news.example.co.uk),
// so links between a site's subdomains count as same-site.
func siteOf(host string) string {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if s, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		return s
	}
	return host
}

var (
	// /2024/05/12/..., /2024/5/..., /2024/may/12/..., /2024-05-12..., /20240512...
	datedPath = regexp.MustCompile(`/(19|20)\d\d/(0?[1-9]|1[0-2]|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(/|$)|(19|20)\d\d-(0[1-9]|1[0-2])-[0-3]\d|(^|[^\d])(19|20)\d\d(0[1-9]|1[0-2])[0-3]\d($|[^\d])`)
	// an article id: five or more digits in the last segment
	numericID = regexp.MustCompile(`\d{5,}`)
	// an opaque id like BBC's /news/articles/c9wwrn7x7kpo: letters and
	// digits mixed, eight or more
	opaqueID = regexp.MustCompile(`^[a-z0-9]{8,}$`)
)

// nonArticleSegments are path segments of listing and service pages.
var nonArticleSegments = map[string]bool{
	"tag": true, "tags": true, "topic": true, "topics": true, "author": true, "authors": true,
	"profile": true, "profiles": true, "contributor": true, "contributors": true, "byline": true,
	"category": true, "categories": true, "section": true, "sections": true, "search": true,
	"login": true, "signin": true, "sign-in": true, "logout": true, "register": true, "signup": true,
	"subscribe": true, "subscription": true, "subscriptions": true, "account": true, "newsletter": true,
	"newsletters": true, "about": true, "about-us": true, "contact": true, "contact-us": true,
	"privacy": true, "privacy-policy": true, "terms": true, "terms-of-use": true, "terms-of-service": true,
	"cookies": true, "cookie-policy": true, "help": true, "faq": true, "feed": true, "feeds": true,
	"rss": true, "archive": true, "archives": true, "shop": true, "store": true, "jobs": true,
	"careers": true, "advertise": true, "advertising": true, "sitemap": true, "page": true,
	"cdn-cgi": true, "wp-admin": true, "wp-login.php": true, "accessibility": true, "corrections": true,
}

var months = map[string]bool{
	"jan": true, "feb": true, "mar": true, "apr": true, "may": true, "jun": true,
	"jul": true, "aug": true, "sep": true, "oct": true, "nov": true, "dec": true,
}

var nonArticleExt = map[string]bool{
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true, ".svg": true, ".ico": true,
	".pdf": true, ".xml": true, ".rss": true, ".atom": true, ".json": true, ".css": true, ".js": true,
	".zip": true, ".gz": true, ".mp3": true, ".mp4": true, ".m3u8": true, ".txt": true,
}

// looksLikeArticlePath applies the path heuristics.
func looksLikeArticlePath(p string) bool {
	p = strings.ToLower(p)
	var segs []string
	for s := range strings.SplitSeq(p, "/") {
		if s != "" {
			segs = append(segs, s)
		}
	}
	if len(segs) == 0 {
		return false
	}
	for _, s := range segs {
		if nonArticleSegments[s] {
			return false
		}
	}
	last := segs[len(segs)-1]
	ext := path.Ext(last)
	if nonArticleExt[ext] {
		return false
	}
	slug := strings.TrimSuffix(last, ext)
	switch {
	case datedPath.MatchString(p) && !months[slug] && (slugWords(slug) >= 1 || numericID.MatchString(slug)):
		return true // dated, and not just a date archive like /2024/05/ or /2024/may/
	case numericID.MatchString(slug):
		return true
	case slugWords(slug) >= 3:
		return true
	case len(segs) >= 2 && opaqueID.MatchString(slug) && strings.ContainsAny(slug, "0123456789") &&
		strings.IndexFunc(slug, unicode.IsLetter) >= 0:
		return true
	}
	return false
}

// slugWords counts the words of a slug like "eu-leaders-meet-in-kyiv".
func slugWords(slug string) int {
	n := 0
	for w := range strings.FieldsFuncSeq(slug, func(r rune) bool { return r == '-' || r == '_' || r == '+' || r == '.' }) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			n++
		}
	}
	return n
}
