package article

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

const seedURL = "https://news.example.org/world/zelenskyy-stop-bombing-ceasefire-talks-eu-membership"

// TestGolden extracts each testdata/*.html page and compares the result
// with its .golden.json; -update rewrites the golden files.
func TestGolden(t *testing.T) {
	pages, _ := filepath.Glob("testdata/*.html")
	if len(pages) == 0 {
		t.Fatal("no testdata pages")
	}
	for _, page := range pages {
		name := strings.TrimSuffix(filepath.Base(page), ".html")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			a, err := Extract(raw, seedURL)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(a, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/article -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s; run go test ./internal/article -update and review the diff\n%s", name, golden, got)
			}
		})
	}
}

// TestSeedPage checks the properties the pipeline relies on, beyond the
// golden file: metadata, paragraph order and kinds, and furniture left out.
func TestSeedPage(t *testing.T) {
	raw, err := os.ReadFile("testdata/seed-article.html")
	if err != nil {
		t.Fatal(err)
	}
	a, err := Extract(raw, seedURL+"?utm_source=x#top")
	if err != nil {
		t.Fatal(err)
	}
	if a.CanonicalURL != seedURL {
		t.Errorf("canonical = %q", a.CanonicalURL)
	}
	if a.Title != "Stop Bombing First, Then Talk Ceasefire: Zelenskyy to Russia" {
		t.Errorf("title = %q", a.Title)
	}
	if a.SiteName != "The Quint" || a.Language != "en" || len(a.Authors) != 1 || a.Authors[0] != "Quint World Desk" {
		t.Errorf("site %q, language %q, authors %q", a.SiteName, a.Language, a.Authors)
	}
	if got := a.Published.Format(time.RFC3339); got != "2022-03-01T21:14:00+05:30" {
		t.Errorf("published = %s", got)
	}
	if got := a.Modified.Format(time.RFC3339); got != "2022-03-01T22:02:00+05:30" {
		t.Errorf("modified = %s", got)
	}
	// Order and kinds of the paragraphs quote attribution depends on.
	order := []struct {
		prefix string
		kind   ParagraphKind
	}{
		{"Ukrainian President Volodymyr Zelenskiy said on Tuesday", KindText},
		{`"It's necessary to at least stop bombing people`, KindText},
		{"'Ukraine Fighting To Be Equal Member of Europe': Zelenskyy at EU Session", KindHeading},
		{"Zelenskyy, addressing an emergency session of the European Parliament through a video link, said:", KindText},
		{"“We are fighting for our rights", KindText},
		{`"It is going to be difficult, we know there are different views in Europe," he was quoted`, KindText},
	}
	i := 0
	for _, p := range a.Paragraphs {
		if strings.ContainsAny(p.Text, "\n\r\t") {
			t.Errorf("paragraph is not one line: %q", p.Text)
		}
		if i < len(order) && strings.HasPrefix(p.Text, order[i].prefix) {
			if p.Kind != order[i].kind {
				t.Errorf("%q: kind %s, want %s", order[i].prefix, p.Kind, order[i].kind)
			}
			i++
		}
	}
	if i < len(order) {
		t.Errorf("paragraph %q missing or out of order", order[i].prefix)
	}
	text := a.Text()
	for _, bad := range []string{"Sanctions Are Illegitimate", "Become a Member", "Share on Facebook", "Play an active role",
		"The best of The Quint", "All rights reserved", "BREAKING", "(Photo: Reuters)", "Topics:"} {
		if strings.Contains(text, bad) {
			t.Errorf("body contains furniture %q", bad)
		}
	}
}

func TestExtractErrors(t *testing.T) {
	tests := []struct {
		name string
		page string
		want error
	}{
		{"empty", "", ErrNotArticle},
		{"whitespace", " \n\t ", ErrNotArticle},
		{"no body text", "<html><head><title>Hi</title></head><body><nav><a href=/>Home</a></nav></body></html>", ErrNotArticle},
		{"only furniture", `<html><body><div class="share"><a href="#">Share on Facebook</a></div><footer>All rights reserved</footer></body></html>`, ErrNotArticle},
		{"binary", "\x00\x01\x02\xff\xfe\x00garbage", ErrNotArticle},
		{"too large", "<p>" + strings.Repeat("a", MaxPageBytes) + "</p>", ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract([]byte(tt.page), "https://example.com/x")
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v (article %+v)", err, tt.want, a)
			}
			if a != nil {
				t.Errorf("article returned with error: %+v", a)
			}
			if !strings.Contains(err.Error(), "https://example.com/x") {
				t.Errorf("error lacks the page URL: %v", err)
			}
		})
	}
}

// A page turned away for want of body text still says which page it was.
func TestNotArticleErrorKeepsTitle(t *testing.T) {
	const pg = `<html><head><title>Lorem Ipsum</title></head><body><main><div>Lorem ipsum dolor sit amet.</div></main></body></html>`
	_, err := Extract([]byte(pg), "https://example.com/x")
	var na *NotArticleError
	if !errors.As(err, &na) {
		t.Fatalf("err = %v, want a *NotArticleError", err)
	}
	if na.Title != "Lorem Ipsum" || na.Words != 5 || na.URL != "https://example.com/x" {
		t.Errorf("got %+v, want title \"Lorem Ipsum\", 5 words, the page URL", *na)
	}
	if !errors.Is(err, ErrNotArticle) {
		t.Errorf("errors.Is(%v, ErrNotArticle) = false", err)
	}
}

const prose = "The minister said the new rules would take effect next year, after a consultation with industry groups and unions that ran for six months. "

func page(body string) string {
	return "<html><head><title>A story</title></head><body><article><h1>A story</h1>" + body + "</article></body></html>"
}

func TestExtractBody(t *testing.T) {
	long := strings.Repeat(prose, 3)
	tests := []struct {
		name string
		html string
		want []Paragraph
	}{
		{
			"broken html: unclosed tags",
			"<html><body><article><h1>A story</h1><p>" + long + "<p>Second <b>bold " + long + "<div>",
			[]Paragraph{{KindText, strings.TrimSpace(long)}, {KindText, "Second bold " + strings.TrimSpace(long)}},
		},
		{
			"paragraph text is one line",
			page("<p>" + long + "\n\n  wrapped\tline</p>"),
			[]Paragraph{{KindText, strings.TrimSpace(long) + " wrapped line"}},
		},
		{
			"subheads and blockquotes keep their kind",
			page("<p>" + long + "</p><h2>What comes next</h2><blockquote><p>We will not stop, she said.</p></blockquote><ul><li>" + prose + "</li></ul>"),
			[]Paragraph{{KindText, strings.TrimSpace(long)}, {KindHeading, "What comes next"}, {KindBlockquote, "We will not stop, she said."}, {KindListItem, strings.TrimSpace(prose)}},
		},
		{
			"furniture left out",
			page(`<div class="share-bar"><a href="#">Share</a></div><p>` + long + `</p><figure><img src=x><figcaption>A caption (Photo: AP)</figcaption></figure>` +
				`<div class="newsletter-signup"><p>Get our newsletter</p></div><p>` + prose + `</p><aside><ul><li><a href=/a>Related one</a></li></ul></aside>`),
			[]Paragraph{{KindText, strings.TrimSpace(long)}, {KindText, strings.TrimSpace(prose)}},
		},
		{
			"scripts and styles ignored",
			page("<script>var x = 'not text';</script><style>p{}</style><p>" + long + "</p>"),
			[]Paragraph{{KindText, strings.TrimSpace(long)}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract([]byte(tt.html), "https://example.com/story")
			if err != nil {
				t.Fatal(err)
			}
			if len(a.Paragraphs) != len(tt.want) {
				t.Fatalf("got %d paragraphs, want %d:\n%+v", len(a.Paragraphs), len(tt.want), a.Paragraphs)
			}
			for i := range tt.want {
				if a.Paragraphs[i] != tt.want[i] {
					t.Errorf("paragraph %d = %+v\nwant %+v", i, a.Paragraphs[i], tt.want[i])
				}
			}
		})
	}
}

func TestCharsets(t *testing.T) {
	body := strings.Repeat(prose, 3)
	cp1252, _ := charmap.Windows1252.NewEncoder().String("Café owners in Zürich said: “enough” — " + body)
	sjisText := "東京都の知事は、新しい規則が来年から施行されると述べた。" + body
	sjis, _ := japanese.ShiftJIS.NewEncoder().String(sjisText)
	tests := []struct {
		name, contentType, html, want string
	}{
		{"windows-1252 meta", "", `<html><head><meta charset="windows-1252"><title>t</title></head><body><article><p>` + cp1252 + `</p></article></body></html>`, "Café owners in Zürich said: “enough” —"},
		{"windows-1252 undeclared", "", `<html><body><article><p>` + cp1252 + `</p></article></body></html>`, "Café owners in Zürich"},
		{"shift_jis meta http-equiv", "", `<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><title>t</title></head><body><article><p>` + sjis + `</p></article></body></html>`, "東京都の知事は"},
		{"shift_jis from Content-Type", "text/html; charset=shift_jis", `<html><body><article><p>` + sjis + `</p></article></body></html>`, "東京都の知事は"},
		{"utf-8 with BOM", "", "\xef\xbb\xbf<html><body><article><p>Ünïcödé " + body + "</p></article></body></html>", "Ünïcödé"},
		{"utf-8 declared late", "", "<html><head>" + strings.Repeat("<!-- padding -->", 100) + `<meta charset="utf-8"></head><body><article><p>Ünïcödé ` + body + "</p></article></body></html>", "Ünïcödé"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ExtractReader(strings.NewReader(tt.html), tt.contentType, "https://example.com/story")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(a.Text(), tt.want) {
				t.Errorf("text %q does not contain %q", a.Text()[:min(80, len(a.Text()))], tt.want)
			}
		})
	}
}

func TestMetadata(t *testing.T) {
	body := "<article><p>" + strings.Repeat(prose, 3) + "</p></article>"
	tests := []struct {
		name      string
		head      string
		title     string
		authors   []string
		published string
		site      string
		canonical string
	}{
		{
			name:      "json-ld graph with author references",
			head:      `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","@id":"#site","name":"Daily Example"},{"@type":"Person","@id":"#p1","name":"Jane Doe"},{"@type":["NewsArticle"],"headline":"Graph headline","author":[{"@id":"#p1"},{"@type":"Person","name":"John Roe"}],"datePublished":"2024-05-06T07:08:09-04:00","url":"/graph/story?utm_medium=x"}]}</script>`,
			title:     "Graph headline",
			authors:   []string{"Jane Doe", "John Roe"},
			published: "2024-05-06T07:08:09-04:00",
			site:      "Daily Example",
			canonical: "https://example.com/graph/story",
		},
		{
			name:      "json-ld array, author string, bad newlines",
			head:      "<script type=\"application/ld+json\">[{\"@type\":\"ReportageNewsArticle\",\"headline\":\"Line\nbreak\",\"author\":\"By Ann Lee and Bo Chan\",\"datePublished\":\"2023-01-02\",\"publisher\":{\"@type\":\"Organization\",\"name\":\"Wire\"}}]</script>",
			title:     "Line break",
			authors:   []string{"Ann Lee", "Bo Chan"},
			published: "2023-01-02T00:00:00Z",
			site:      "Wire",
			canonical: "https://example.com/story",
		},
		{
			name:      "opengraph and meta",
			head:      `<title>OG story | Site</title><meta property="og:title" content="OG story"><meta property="og:site_name" content="Site"><meta name="author" content="Kim Park"><meta property="article:published_time" content="2021-07-08T09:10:11+02:00"><meta property="og:url" content="HTTPS://EXAMPLE.com:443/og#frag">`,
			title:     "OG story",
			authors:   []string{"Kim Park"},
			published: "2021-07-08T09:10:11+02:00",
			site:      "Site",
			canonical: "https://example.com/og",
		},
		{
			name:      "title tag with site suffix, byline and time element",
			head:      `<title>Plain story - The Paper</title><meta property="og:site_name" content="The Paper"><link rel="canonical" href="/canon">`,
			title:     "Plain story",
			published: "2020-02-03T04:05:00Z",
			site:      "The Paper",
			canonical: "https://example.com/canon",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := body
			if strings.Contains(tt.name, "byline") {
				b = `<article><div class="byline">By Sam Poe | <time datetime="2020-02-03T04:05:00Z">Feb 3</time></div><p>` + strings.Repeat(prose, 3) + "</p></article>"
				tt.authors = []string{"Sam Poe"}
			}
			a, err := Extract([]byte("<html><head>"+tt.head+"</head><body>"+b+"</body></html>"), "https://example.com/story")
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.title {
				t.Errorf("title = %q, want %q", a.Title, tt.title)
			}
			if strings.Join(a.Authors, "|") != strings.Join(tt.authors, "|") {
				t.Errorf("authors = %q, want %q", a.Authors, tt.authors)
			}
			if got := a.Published.Format(time.RFC3339); got != tt.published {
				t.Errorf("published = %s, want %s", got, tt.published)
			}
			if a.SiteName != tt.site {
				t.Errorf("site = %q, want %q", a.SiteName, tt.site)
			}
			if a.CanonicalURL != tt.canonical {
				t.Errorf("canonical = %q, want %q", a.CanonicalURL, tt.canonical)
			}
		})
	}
}

func TestNormalizeURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HTTPS://News.Example.ORG/a/b?utm_source=tw&id=3&fbclid=x#frag", "https://news.example.org/a/b?id=3"},
		{"http://example.com:80", "http://example.com/"},
		{"https://example.com:8443/x", "https://example.com:8443/x"},
		{"https://example.com/x?b=2&a=1&gclid=z&mc_cid=1&mc_eid=2&ref_src=twsrc", "https://example.com/x?b=2&a=1"},
		{"https://example.com/x?utm_campaign=a", "https://example.com/x"},
		{"https://user:pw@example.com/x", "https://example.com/x"},
		{"https://example.com/x?       &", "https://example.com/x"},
		{"https://example.com/x?q=a b&&", "https://example.com/x?q=a%20b"},
		{"https://example.com../x", "https://example.com/x"},
	}
	for _, tt := range tests {
		got, err := NormalizeURL(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("NormalizeURL(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
		if again, err := NormalizeURL(got); err != nil || again != got {
			t.Errorf("NormalizeURL is not idempotent on %q: %q, %v", got, again, err)
		}
	}
	for _, bad := range []string{"", "/relative", "ftp://example.com/x", "mailto:a@b.c", "http://"} {
		if got, err := NormalizeURL(bad); err == nil {
			t.Errorf("NormalizeURL(%q) = %q, want an error", bad, got)
		}
	}
}

// TestHostileSizes feeds pages at the size cap built to make parsers and
// tree walks slow; each must finish (with an article or an error) quickly.
func TestHostileSizes(t *testing.T) {
	pages := map[string]string{
		"deep divs":            strings.Repeat("<div>", 100_000) + "<p>" + strings.Repeat(prose, 3) + "</p>",
		"misnested formatting": strings.Repeat("<a><b><i><p>x", MaxPageBytes/14),
		"unclosed table cells": "<table>" + strings.Repeat("<td>", MaxPageBytes/5),
		"many paragraphs":      strings.Repeat("<p>"+prose, MaxPageBytes/(len(prose)+4)),
	}
	for name, page := range pages {
		t.Run(name, func(t *testing.T) {
			if testing.Short() && name != "deep divs" {
				t.Skip("a few seconds each on a busy machine")
			}
			done := make(chan struct{})
			go func() {
				defer close(done)
				_, _ = Extract([]byte(page), "https://example.com/hostile")
			}()
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("took over 30s")
			}
		})
	}
}

func FuzzExtract(f *testing.F) {
	seed, _ := os.ReadFile("testdata/seed-article.html")
	f.Add(seed)
	f.Add([]byte(""))
	f.Add([]byte("<html><body><p>" + prose + prose + prose + "</p></body></html>"))
	f.Add([]byte(`<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","author":{"@id":"#a"}},{"@id":"#a"}]}</script><article><p>x</p></article>`))
	f.Add([]byte(strings.Repeat("<div><table><tr><td><ul><li>", 200) + prose))
	f.Add([]byte("<meta charset=shift_jis><p>\x82\xa0\x82\xa2</p>"))
	f.Fuzz(func(t *testing.T, page []byte) {
		a, err := Extract(page, "https://example.com/fuzz")
		if err == nil {
			if a == nil || len(a.Paragraphs) == 0 {
				t.Fatal("success without a body")
			}
			for _, p := range a.Paragraphs {
				if p.Text == "" || strings.ContainsAny(p.Text, "\n\r") {
					t.Fatalf("bad paragraph %q", p.Text)
				}
			}
		} else if a != nil {
			t.Fatal("article returned with an error")
		}
	})
}

func TestJSONLDBodyFallback(t *testing.T) {
	body := strings.Repeat(prose, 2)
	ld, _ := json.Marshal(map[string]any{"@type": "NewsArticle", "headline": "Rendered by script", "articleBody": body + "\n\n" + prose})
	page := `<html><head><script type="application/ld+json">` + string(ld) + `</script></head><body><div id="app"></div></body></html>`
	a, err := Extract([]byte(page), "https://example.com/spa")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Paragraphs) != 2 || a.Paragraphs[1].Text != strings.TrimSpace(prose) {
		t.Errorf("paragraphs = %+v", a.Paragraphs)
	}
}

func TestPublishedSources(t *testing.T) {
	para := "<p>" + strings.Repeat(prose, 3) + "</p>"
	tests := []struct {
		name, url, head, body, want string
	}{
		{"citation meta", "https://example.com/a", `<meta name="citation_publication_date" content="2019/1/22">`, para, "2019-01-22"},
		{"time in the post's aside", "https://example.com/a", ``, `<article><aside><time datetime="2021-06-06">June 6, 2021</time></aside><h1>Story</h1>` + para + `</article>`, "2021-06-06"},
		{"time element before a date in the text", "https://example.com/a", ``, `<article><h1>Story</h1><p>Due April 15, 2025.</p><time datetime="2025-01-17T13:39:16-0500">Jan. 17, 2025</time>` + para + `</article>`, "2025-01-17"},
		{"date after a headline that is no h1", "https://example.com/a", `<title>Introducing the new data accelerator</title>`, `<article><h2>Introducing the new data accelerator</h2><aside>Luke Kim December 17, 2025</aside>` + para + `</article>`, "2025-12-17"},
		{"dotted year-first date", "https://example.com/a", ``, `<article><h1>Story</h1><p>Essay - Published: 2025.12.17</p>` + para + `</article>`, "2025-12-17"},
		{"time between first filing and last edit", "https://example.com/a", `<meta property="article:published_time" content="2013-03-11T11:11:07-07:00"><meta property="article:modified_time" content="2026-02-18T07:49:16-08:00">`, `<article><h1>Story</h1><time datetime="2023-03-20T00:00:00-07:00">March 20, 2023</time>` + para + `</article>`, "2023-03-20"},
		{"time in a list of other stories ahead of the dateline", "https://example.com/a", ``,
			`<div class="latest"><div class="row"><a href="/one">One story</a><time datetime="2025-01-31T12:00:00Z">01/31/2025</time></div>` +
				`<div class="row"><a href="/two">Two story</a><time datetime="2025-01-06T12:00:00Z">01/06/2025</time></div></div>` +
				`<article><h1>Story</h1><div class="meta"><time datetime="2017-03-01T12:00:00Z">03/01/2017</time> by <a href="/ann">Ann Lee</a></div>` + para + `</article>`, "2017-03-01"},
		{"repeated blocks holding the headline are the article's own", "https://example.com/a", ``,
			`<div class="row"><h1>Story</h1><a href="/ann">Ann Lee</a><time datetime="2021-04-02">Friday</time></div>` +
				`<div class="row"><a href="/x">Share</a><time datetime="2024-01-01">Jan 1, 2024</time></div>` + para, "2021-04-02"},
		{"headline set as an h2 worded differently from the title", "https://example.com/a", `<title>Introducing the Cayenne Data Accelerator | Example</title>`,
			`<article><h2>Introducing Cayenne: the next-generation data accelerator built for speed</h2><p>Luke Kim</p><small>December 17, 2025</small>` + para + `</article>`, "2025-12-17"},
		{"the date just before an 'Updated' label is the first publication", "https://example.com/a", ``,
			`<article><h1>Story</h1>` + para + para + `<p class="date">December 3, 2025. <i>Updated: December 7, 2025</i></p>` + para + `</article>`, "2025-12-03"},
		{"an 'Updated' label with no date before it", "https://example.com/a", ``,
			`<article><h1>Story</h1>` + para + para + `<p class="date">Filed in 2025 by Ann Lee. Updated: December 7, 2025</p>` + para + `</article>`, "2025-12-07"},
		{"a 'Post time' cue with a dashed numeric date", "https://example.com/a", `<meta property="article:modified_time" content="2025-12-23T07:02:15+00:00">`,
			`<article><h1>Story</h1>` + para + para + `<div>Post time: 01-04-2024</div>` + para + `</article>`, "2024-01-04"},
		{"JSON-LD carried in a meta tag", "https://example.com/a", `<meta name="script:ld+json" content="{&quot;@type&quot;:&quot;Article&quot;,&quot;datePublished&quot;:&quot;2025-11-17T09:00:00-05:00&quot;}">`,
			`<article><h1>Story</h1>` + para + `</article>`, "2025-11-17"},
		{"month spelled in the URL", "https://example.com/blog/2023/october/03/story/", ``, `<article><h1>Story</h1><p>03/10/2023</p>` + para + `</article>`, "2023-10-03"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract([]byte("<html><head>"+tt.head+"</head><body>"+tt.body+"</body></html>"), tt.url)
			if err != nil {
				t.Fatal(err)
			}
			if got := a.Published.Format("2006-01-02"); got != tt.want {
				t.Errorf("published = %s, want %s", got, tt.want)
			}
		})
	}
}
