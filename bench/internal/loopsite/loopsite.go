// Package loopsite serves a synthetic news site for the collector benchmark
// and the fault scenarios: N article pages with quotes and named speakers,
// listed by RSS feeds of at most PerFeed items each, with a random delay per
// response to stand in for a real server's latency. Pages are generated from
// their number, so the site needs no files and every run is the same.
package loopsite

import (
	"fmt"
	"html"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// PerFeed is how many items one feed lists (the source package reads at most
// source.MaxItems from one source).
const PerFeed = 500

// Site is the handler. Zero latency bounds serve at once.
type Site struct {
	Pages                  int
	MinLatency, MaxLatency time.Duration
	Requests               atomic.Int64 // every request served
	ArticleRequests        atomic.Int64 // article pages served
}

// Feeds returns the feed paths that together list every page.
func (s *Site) Feeds() []string {
	var out []string
	for i := 0; i*PerFeed < s.Pages; i++ {
		out = append(out, fmt.Sprintf("/feed-%d.xml", i))
	}
	return out
}

// ArticlePath is page i's path.
func ArticlePath(i int) string { return fmt.Sprintf("/news/2026/11/24/story-%05d.html", i) }

var published = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

func (s *Site) delay(r *http.Request) {
	if s.MaxLatency <= 0 {
		return
	}
	d := s.MinLatency
	if s.MaxLatency > s.MinLatency {
		d += rand.N(s.MaxLatency - s.MinLatency)
	}
	select {
	case <-time.After(d):
	case <-r.Context().Done():
	}
}

func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.Requests.Add(1)
	s.delay(r)
	p := r.URL.Path
	switch {
	case p == "/robots.txt":
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "User-agent: *\nAllow: /\n")
	case strings.HasPrefix(p, "/feed-") && strings.HasSuffix(p, ".xml"):
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(p, "/feed-"), ".xml"))
		if err != nil || n < 0 || n*PerFeed >= s.Pages {
			http.NotFound(w, r)
			return
		}
		s.feed(w, r, n)
	case strings.HasPrefix(p, "/news/"):
		var i int
		if _, err := fmt.Sscanf(p, "/news/2026/11/24/story-%05d.html", &i); err != nil || i < 0 || i >= s.Pages {
			http.NotFound(w, r)
			return
		}
		s.ArticleRequests.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, Page(baseURL(r), i))
	default:
		http.NotFound(w, r)
	}
}

func baseURL(r *http.Request) string { return "http://" + r.Host }

func (s *Site) feed(w http.ResponseWriter, r *http.Request, n int) {
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Loopback News</title>`)
	fmt.Fprintf(&b, `<link>%s/</link><description>synthetic</description>`, baseURL(r))
	for i := n * PerFeed; i < min((n+1)*PerFeed, s.Pages); i++ {
		fmt.Fprintf(&b, `<item><title>%s</title><link>%s%s</link><guid>%s%s</guid><pubDate>%s</pubDate></item>`,
			html.EscapeString(title(i)), baseURL(r), ArticlePath(i), baseURL(r), ArticlePath(i),
			published.Add(time.Duration(i)*time.Minute).Format(time.RFC1123Z))
	}
	b.WriteString(`</channel></rss>`)
	fmt.Fprint(w, b.String())
}

var (
	firstNames = []string{"Maria", "John", "Aisha", "Pedro", "Ingrid", "Kenji", "Olga", "Samuel", "Fatima", "Luca", "Grace", "Tomasz"}
	lastNames  = []string{"Alvarez", "Whitaker", "Okafor", "Lindqvist", "Tanaka", "Petrova", "Mensah", "Rossi", "Haddad", "Novak", "Brennan", "Kowalski"}
	titles     = []string{"Finance Minister", "Mayor", "Senator", "chief executive", "union leader", "Health Secretary"}
	topics     = []string{"the budget", "the new bridge", "water prices", "the rail strike", "school funding", "the harbour project", "energy bills", "the housing plan"}
	places     = []string{"Lisbon", "Toronto", "Nairobi", "Osaka", "Krakow", "Dublin", "Accra", "Turin"}
)

func pick[T any](xs []T, i, salt int) T { return xs[(i*7+salt*13+salt*salt)%len(xs)] }

func title(i int) string {
	return fmt.Sprintf("%s of %s says %s must change (%d)", pick(titles, i, 1), pick(places, i, 2), pick(topics, i, 3), i)
}

// Page is article i as served under base.
func Page(base string, i int) string {
	speaker := pick(firstNames, i, 4) + " " + pick(lastNames, i, 5)
	other := pick(firstNames, i, 6) + " " + pick(lastNames, i, 7)
	topic, place, role := pick(topics, i, 8), pick(places, i, 9), pick(titles, i, 1)
	date := published.Add(time.Duration(i) * time.Minute).Format(time.RFC3339)
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s</title>`, html.EscapeString(title(i)))
	fmt.Fprintf(&b, `<link rel="canonical" href="%s%s"><meta property="og:title" content="%s">`, base, ArticlePath(i), html.EscapeString(title(i)))
	fmt.Fprintf(&b, `<meta name="author" content="Staff Reporter %d"><meta property="article:published_time" content="%s"></head><body>`, i%17, date)
	b.WriteString(`<header><nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/business">Business</a></nav></header><main><article>`)
	fmt.Fprintf(&b, `<h1>%s</h1><p class="byline">By Staff Reporter %d</p><time datetime="%s"></time><div class="article-body">`, html.EscapeString(title(i)), i%17, date)
	paras := []string{
		fmt.Sprintf("%s, the %s of %s, spoke to reporters on Tuesday about %s, a question that has divided the city council for months (story %d).", speaker, role, place, topic, i),
		fmt.Sprintf("“We cannot keep postponing decisions on %s while families in %s wait for answers,” %s said. “The plan we publish next week will be clear about costs.”", topic, place, speaker),
		fmt.Sprintf("Critics were not convinced. %s, who leads the opposition group, said the proposal was “too little, too late” and warned that %s would be the first to pay.", other, place),
		fmt.Sprintf("“I have read every page of it, and I see no money for the people who need it most,” %s told the council. %s said the figures would be published in full.", other, speaker),
		fmt.Sprintf("The council meets again on Thursday. A vote on %s is expected before the end of the month, officials said, and residents have been invited to comment online until then. Item %d.", topic, i),
	}
	for _, p := range paras {
		fmt.Fprintf(&b, "<p>%s</p>", html.EscapeString(p))
	}
	b.WriteString(`</div></article><aside><h2>Related</h2><ul><li><a href="/other">“A headline in quotes” on another story</a></li></ul></aside></main>`)
	b.WriteString(`<footer><p>Sign up for our newsletter. © Loopback News</p></footer></body></html>`)
	return b.String()
}
