package article

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsquotes/newsquotes/internal/text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Many pages state their date only in the visible byline ("Published on
// July 18, 2025", "Last updated: Dec 12, 2025"). visibleDate reads the first
// date written near the headline: up to 200 characters before the first h1
// (kickers, breadcrumbs) and 800 after it (byline, dateline).

const (
	monthRE   = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`
	daySuffix = `(?:st|nd|rd|th)?`
)

var (
	mdyRE     = regexp.MustCompile(`(?i)\b` + monthRE + `\.?\s+(\d{1,2})` + daySuffix + `,?\s+((?:19|20)\d{2})\b`)
	dmyRE     = regexp.MustCompile(`(?i)\b(\d{1,2})` + daySuffix + `\s+(?:of\s+)?` + monthRE + `\.?,?\s+((?:19|20)\d{2})\b`)
	isoDateRE = regexp.MustCompile(`\b((?:19|20)\d{2})[-./](\d{2})[-./](\d{2})(?:\b|T\d)`)
	slashRE   = regexp.MustCompile(`\b(\d{1,2})([/-])(\d{1,2})([/-])((?:19|20)\d{2})\b`)
	dotRE     = regexp.MustCompile(`\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\b`)
)

var months = map[string]time.Month{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

func visibleDate(doc *document, hl *headline) time.Time {
	text, h1At := hl.get()
	title := hl.title
	if t := originalDate(text); !t.IsZero() {
		return t
	}
	if d := headlineDate(text, h1At, title); !d.t.IsZero() {
		return d.t
	}
	// Elsewhere, only a date introduced as one counts ("Published on",
	// "Last updated:", "Content current as of").
	for loc := range dateCue.all(text, 20) {
		if t := findDate(text[loc[1]:min(len(text), loc[1]+40)]); !t.IsZero() {
			if p := dateBeforeRevision(text, loc[0]); !p.IsZero() {
				return p
			}
			return t
		}
	}
	all := pageText(body0(doc))
	// A headline with its date set apart (in an aside or a header block the
	// text above skips, or under a headline that is no h1): a date right
	// after the headline as the whole page shows it.
	head := title
	if h := doc.first("h1"); h != nil {
		head = nodeText(h)
	}
	if at := titleAt(all, head); at >= 0 {
		from := at + len(collapseSpace(head))
		if t := findDate(all[min(len(all), from):min(len(all), from+200)]); !t.IsZero() {
			return t
		}
	}
	// Last, a byline with its date anywhere on the page ("Written by Jane
	// Doe, April 8, 2024"), footers and asides included.
	for loc := range bylineDateCue.all(all, 20) {
		if t := findDate(all[loc[1]:min(len(all), loc[1]+60)]); !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// revisionCueRE is a cue that labels the date after it as an edit.
var revisionCueRE = regexp.MustCompile(`(?i)^(?:last )?(?:updated|modified)`)

// dateBeforeRevision reads "December 3, 2025. Updated: December 7, 2025":
// when the cue at text[at:] labels a revision and a date ends just before
// it (nothing but punctuation between), that date is the first
// publication.
func dateBeforeRevision(text string, at int) time.Time {
	if !revisionCueRE.MatchString(text[at:min(len(text), at+16)]) {
		return time.Time{}
	}
	before := text[max(0, at-40):at]
	ds := datesIn(before, 4)
	if len(ds) == 0 {
		return time.Time{}
	}
	last := ds[len(ds)-1]
	if strings.Trim(before[last.end:], " .,;:|·•-–—()[]") != "" {
		return time.Time{}
	}
	return last.t
}

// shownDate is a date the page prints near its headline.
type shownDate struct {
	t time.Time
	// revision: the page labels it as an edit ("Updated", "Last
	// modified", "Reviewed"), not as the story's date.
	revision bool
	// swapped is the other reading of an all-numeric date whose day and
	// month could trade places ("09.10.2024"), else zero.
	swapped time.Time
	// others holds the other dates printed in the same window, and
	// whether each is labelled as a revision.
	others  []time.Time
	revised []bool
}

var revisionLabelRE = regexp.MustCompile(`(?i)(?:updated|modified|revised|reviewed|edited)\W{0,3}(?:on|at)?\W{0,3}$`)

// headlineDate reads the first date written after the headline (the byline
// and dateline), else in the kicker above it.
// text and h1At are headlineText's.
func headlineDate(text string, h1At int, title string) shownDate {
	if h1At < 0 {
		// No h1: the title written as the page shows it is the headline.
		h1At = titleAt(text, title)
	}
	if h1At < 0 {
		return shownDate{}
	}
	lo, hi := max(0, h1At-400), min(len(text), h1At+dateWindowAfter)
	for _, w := range [][2]int{{h1At, hi}, {lo, h1At}} {
		win := text[w[0]:w[1]]
		ds := datesIn(win, 4)
		if len(ds) == 0 {
			continue
		}
		t, at, end := ds[0].t, ds[0].at, ds[0].end
		d := shownDate{t: t, revision: revisionLabelRE.MatchString(win[max(0, at-24):at])}
		if !hasLetter(win[at:end]) && t.Day() <= 12 && t.Day() != int(t.Month()) {
			d.swapped = time.Date(t.Year(), time.Month(t.Day()), int(t.Month()), 0, 0, 0, 0, time.UTC)
		}
		for _, o := range ds[1:] {
			d.others = append(d.others, o.t)
			d.revised = append(d.revised, revisionLabelRE.MatchString(win[max(0, o.at-24):o.at]))
		}
		return d
	}
	return shownDate{}
}

var originallyRE = regexp.MustCompile(`(?i)\boriginally\s+(?:published|posted|appeared|ran)\s+on\s`)

// originalDate is the date a page says it first ran on ("This article was
// originally published on 26 Sep 2019 but has been updated"): words that
// say so outrank every other date the page gives. A note that the story
// first ran elsewhere ("originally published at example.com on …") dates
// that other publication, not this page.
func originalDate(text string) time.Time {
	if !strings.Contains(text, "riginally") && !strings.Contains(text, "RIGINALLY") {
		return time.Time{} // cheap test first: the text can be long
	}
	for _, loc := range originallyRE.FindAllStringIndex(text, 3) {
		if ds := datesIn(text[loc[1]:min(len(text), loc[1]+40)], 1); len(ds) > 0 && ds[0].at <= 12 {
			return ds[0].t
		}
	}
	return time.Time{}
}

// headline is the page's visible text and where its headline sits in it,
// read once per page: the byline and date readers all need it.
type headline struct {
	doc        *document
	title      string
	text       string
	at         int
	read, full bool
}

// get returns the whole visible text.
func (h *headline) get() (string, int) {
	if !h.full {
		h.text, h.at = headlineText(h.doc, h.title)
		h.read, h.full = true, true
	}
	return h.text, h.at
}

// near returns the visible text at least up to dateWindowAfter past the
// headline, which is all the byline and dateline readers look at.
func (h *headline) near() (string, int) {
	if !h.read {
		var cut bool
		h.text, h.at, cut = headlineTextUpTo(h.doc, h.title, dateWindowAfter)
		h.read, h.full = true, !cut
	}
	return h.text, h.at
}

// headlineText is the visible text of the page (no scripts, navigation,
// footers or asides) and the offset of the headline h1 in it, -1 if none.
// The headline is the first h1 whose text is the title, else the first h1.
func headlineText(doc *document, title string) (string, int) {
	text, h1At, _ := headlineTextUpTo(doc, title, -1)
	return text, h1At
}

// headlineTextUpTo is headlineText cut off after bytes past the headline
// (the whole text if after < 0), for readers that only look near it. cut
// reports whether it stopped early, so that a caller knows whether the text
// is whole.
func headlineTextUpTo(doc *document, title string, after int) (_ string, h1At int, cut bool) {
	if doc.body == nil {
		return "", -1, false
	}
	var b []byte
	h1At, h2At := -1, -1
	h1IsTitle := false
	nt := text.Fold(title)
	titleWords := len(strings.Fields(nt))
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if len(b) > 200_000 || depth > maxDepth {
			return
		}
		if after >= 0 && h1At >= 0 && (h1IsTitle || nt == "") && len(b) > h1At+after {
			cut = true
			return // the headline is found and the text after it is long enough
		}
		switch n.Type {
		case html.TextNode:
			// Collapsed, so that the windows below measure text, not
			// indentation.
			b = appendWords(b, n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Nav, atom.Footer, atom.Aside, atom.Select, atom.Form:
				return
			case atom.H1:
				if h1At < 0 || (!h1IsTitle && nt != "") {
					isTitle := nt != "" && text.Fold(textOf(n)) == nt
					if h1At < 0 || isTitle {
						h1IsTitle = isTitle
						h1At = len(b)
					}
				}
			case atom.H2:
				if h1At < 0 && h2At < 0 && titleWords >= 3 && wordOverlap(title, textOf(n)) >= headingCoversTitle {
					h2At = len(b)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc.body, 0)
	if h1At < 0 {
		// A page with no h1 may set its headline as an h2 worded a little
		// differently from the title (a subtitle appended, an article
		// dropped).
		h1At = h2At
	}
	return string(b), h1At, cut
}

// appendWords appends s with its white space collapsed and a space after
// it, or nothing when s is all space.
func appendWords(b []byte, s string) []byte {
	n := len(b)
	if b = appendCollapsed(b, s); len(b) > n {
		b = append(b, ' ')
	}
	return b
}

// headingCoversTitle is the share of the title's words an h2 must hold to
// stand as the headline of a page with no h1.
const headingCoversTitle = 0.8

// dateWindowAfter is how far after the headline a byline date may sit.
const dateWindowAfter = 800

var bylineDateCue = newCue(`(?i)\b(?:written by|posted by|published by|posted on|published on|updated on|last updated|current as of)\b`,
	"wr", "po", "pu", "up", "la", "cu")

func body0(doc *document) *html.Node {
	if doc.body != nil {
		return doc.body
	}
	return doc.Nodes[0]
}

var dateCue = newCue(`(?i)\b(?:published|posted|updated|last updated|last modified|current as of|post time|date)(?: on| at)?\s*:?\s*`,
	"pu", "po", "up", "la", "cu", "da")

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil && b.Len() < 1000; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// findDate returns the earliest date written in s.
func findDate(s string) time.Time {
	if ds := datesIn(s, 1); len(ds) > 0 {
		return ds[0].t
	}
	return time.Time{}
}

// firstYear is the offset of the first "19xx" or "20xx" in s, -1 if none.
func firstYear(s string) int {
	for i := 0; i+4 <= len(s); i++ {
		if (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && isDigit(s[i+2]) && isDigit(s[i+3]) {
			return i
		}
	}
	return -1
}

// lastYear is the offset of the last "19xx" or "20xx" in s, -1 if none.
func lastYear(s string) int {
	for i := len(s) - 4; i >= 0; i-- {
		if (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && isDigit(s[i+2]) && isDigit(s[i+3]) {
			return i
		}
	}
	return -1
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isLetterASCII(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// writtenDate is a date written in a text, and where.
type writtenDate struct {
	t       time.Time
	at, end int
}

// datesIn returns the first n dates written in s, in reading order. Each
// pattern scans s once.
func datesIn(s string, n int) []writtenDate {
	// Every pattern has a four-digit year, and no date starts more than
	// 30 bytes before its year ("September 30th, 2025"): start there, or
	// skip a text with no year at all.
	from := firstYear(s)
	if from < 0 {
		return nil
	}
	from = max(0, from-30)
	for from > 0 && (s[from-1] >= utf8.RuneSelf || isDigit(s[from-1]) || isLetterASCII(s[from-1])) {
		from-- // back to a word boundary
	}
	s = s[from:]
	// Nor does one end more than 8 bytes after its year ("2025-09-30T1",
	// the ISO form with a time): the text beyond the last year, but for
	// the byte a final \b looks at, holds no date.
	if end := lastYear(s) + 4 + 8 + 1; end < len(s) {
		s = s[:end]
	}
	var out []writtenDate
	try := func(re *regexp.Regexp, build func(m []string) time.Time) {
		found := 0
		for _, loc := range re.FindAllStringSubmatchIndex(s, n+2) {
			m := make([]string, len(loc)/2)
			for i := range m {
				if loc[2*i] >= 0 {
					m[i] = s[loc[2*i]:loc[2*i+1]]
				}
			}
			if t := build(m); !t.IsZero() {
				out = append(out, writtenDate{t, from + loc[0], from + loc[1]})
				if found++; found == n {
					return
				}
			}
		}
	}
	try(mdyRE, func(m []string) time.Time { return mkDate(m[3], monthNum(m[1]), m[2]) })
	try(dmyRE, func(m []string) time.Time { return mkDate(m[3], monthNum(m[2]), m[1]) })
	try(isoDateRE, func(m []string) time.Time { return mkDate(m[1], atoiMonth(m[2]), m[3]) })
	try(slashRE, func(m []string) time.Time {
		if m[2] != m[4] {
			return time.Time{} // "1/2-2024" is no date
		}
		// Month first (US) unless the first number cannot be a month.
		if a, _ := strconv.Atoi(m[1]); a > 12 {
			return mkDate(m[5], atoiMonth(m[3]), m[1])
		}
		return mkDate(m[5], atoiMonth(m[1]), m[3])
	})
	try(dotRE, func(m []string) time.Time { return mkDate(m[3], atoiMonth(m[2]), m[1]) })
	sort.SliceStable(out, func(i, j int) bool { return out[i].at < out[j].at })
	// Drop a match inside an earlier one.
	kept := out[:0]
	for _, d := range out {
		if len(kept) > 0 && d.at < kept[len(kept)-1].end {
			continue
		}
		kept = append(kept, d)
	}
	if len(kept) > n {
		kept = kept[:n]
	}
	return kept
}

func monthNum(s string) time.Month {
	s = strings.ToLower(s)
	if len(s) > 3 {
		s = s[:3]
	}
	return months[s]
}

func atoiMonth(s string) time.Month {
	n, _ := strconv.Atoi(s)
	return time.Month(n)
}

func mkDate(year string, month time.Month, day string) time.Time {
	y, _ := strconv.Atoi(year)
	d, _ := strconv.Atoi(day)
	if month < 1 || month > 12 || d < 1 || d > 31 {
		return time.Time{}
	}
	t := time.Date(y, month, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}
	}
	return sane(t)
}

// pageText is all the text under n except scripts and styles, capped.
func pageText(n *html.Node) string {
	var b []byte
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if len(b) > 300_000 || depth > maxDepth {
			return
		}
		switch n.Type {
		case html.TextNode:
			// Collapsed, so that the windows below measure text, not
			// indentation.
			b = appendWords(b, n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return string(b)
}

// titleAt is the offset of the title in text, -1 if the page does not show
// it (case-insensitive; short titles are too common to anchor on).
func titleAt(text, title string) int {
	title = collapseSpace(title)
	if len(title) < 15 {
		return -1
	}
	if r := []rune(title); len(r) > 40 {
		title = string(r[:40]) // the page may drop a suffix the <title> has
	}
	// ASCII-only folding keeps offsets in text valid.
	return strings.Index(asciiLower(text), asciiLower(title))
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
