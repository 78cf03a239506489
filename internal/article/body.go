package article

import (
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/PuerkitoBio/goquery"
	"github.com/newsquotes/newsquotes/internal/text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// extractBody finds the article body and returns it as paragraphs. It may
// mutate the document, so metadata must be read first.
func extractBody(doc *goquery.Document, base *url.URL, title, ldBody string) []Paragraph {
	var own []Paragraph
	if c := contentRoot(doc); c != nil {
		own = cleanParagraphs(paragraphs(c), title)
	}
	nOwn := wordCount(own)
	if nOwn >= 50 {
		return own
	}
	// No known container. The element holding the most paragraph text is a
	// last resort for pages built from anonymous utility-class divs.
	var dense []Paragraph
	if d := densestContainer(doc.Nodes[0]); d != nil {
		dense = cleanParagraphs(paragraphs(d), title)
	}
	// Readability's scoring is the main fallback. It mutates the tree,
	// which is why it runs last.
	p := readability.NewParser()
	// Its scoring grows faster than linearly on hostile trees (a hundred
	// thousand table cells); real pages stay far below this many elements.
	p.MaxElemsToParse = maxReadabilityElems
	p.KeepClasses = true
	p.DisableJSONLD = true
	// Its default logger formats Info records for io.Discard on every pass.
	p.Logger = quietLog
	ra, err := p.ParseAndMutate(doc.Nodes[0], base)
	var rd []Paragraph
	if err == nil && ra.Node != nil {
		rd = cleanParagraphs(paragraphs(ra.Node), title)
	}
	// Each candidate's words are counted once: the choice compares them
	// again and again.
	best, nBest := own, nOwn
	if nRd := wordCount(rd); nRd >= 50 || nRd >= nBest {
		best, nBest = rd, nRd
	}
	if nBest < 50 {
		if nDense := wordCount(dense); nDense > nBest {
			best, nBest = dense, nDense
		}
	}
	// Pages rendered by script may carry the text only in JSON-LD.
	if nBest < 50 {
		var ld []Paragraph
		for _, line := range strings.Split(ldBody, "\n") {
			if t := collapseSpace(line); t != "" {
				ld = append(ld, Paragraph{Kind: KindText, Text: t})
			}
		}
		if wordCount(ld) > nBest {
			best = ld
		}
	}
	return best
}

// quietLog drops readability's log records without formatting them.
var quietLog = slog.New(slog.DiscardHandler)

// maxReadabilityElems caps the elements handed to readability.
const maxReadabilityElems = 30_000

// densestContainer returns the element whose paragraph children hold the
// most text (a paragraph also counts half for its grandparent).
func densestContainer(root *html.Node) *html.Node {
	score := map[*html.Node]int{}
	var best *html.Node
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if n.Type != html.ElementNode && n.Type != html.DocumentNode {
			return
		}
		if n.Type == html.ElementNode && (skipTags[n.DataAtom] || n.DataAtom == atom.Header || isBoilerplate(n)) {
			return
		}
		if depth > maxDepth {
			return
		}
		if n.DataAtom == atom.P || n.DataAtom == atom.Pre || n.DataAtom == atom.Blockquote {
			if t, l := textAndLinkLen(n, false); t-l >= 25 && n.Parent != nil {
				score[n.Parent] += t - l
				if best == nil || score[n.Parent] > score[best] {
					best = n.Parent
				}
				if gp := n.Parent.Parent; gp != nil {
					score[gp] += (t - l) / 2
					if score[gp] > score[best] {
						best = gp
					}
				}
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(root, 0)
	return best
}

func wordCount(ps []Paragraph) int {
	n := 0
	for _, p := range ps {
		in := false
		for i := 0; i < len(p.Text); i++ {
			sp := p.Text[i] == ' '
			if !sp && !in {
				n++
			}
			in = !sp
		}
	}
	return n
}

// mayBeMetaLine is a cheap test before metaLineRE: dates have digits,
// bylines and stamps start with a known word.
func mayBeMetaLine(lower string) bool {
	if strings.ContainsAny(lower, "0123456789") {
		return true
	}
	for _, p := range []string{"by ", "published", "posted", "updated", "last updated", "modified", "reviewed", "written", "date"} {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	return false
}

// contentTiers name the containers CMSs put the article text in, most
// specific first, as substrings of a class or id (lower-cased) or as a tag.
var contentTiers = [][]string{
	{"itemprop=articlebody"},
	{"article-body", "article__body", "articlebody", "article_body"},
	{"story-body", "story__body", "storybody", "story-content"},
	{"entry-content", "post-content", "post__content", "post-body", "postbody", "post_content", "single-content", "blog-content", "blog-post-content", "td-post-content"},
	{"article-content", "article__content", "articlecontent", "content-body", "body-content", "rich-text", "richtext"},
	{"<article>"},
	{"<main>", "role=main"},
	{"#content", ".content", "#main", ".main"},
}

// contentAnchors are words every class and id substring of contentTiers 1
// to 4 holds (TestContentAnchors keeps it so): most values hold none, and
// four searches rule out all the substrings.
var contentAnchors = []string{"body", "content", "story", "rich"}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// contentTier returns the tier of n, or -1.
func contentTier(n *html.Node) int {
	best := -1
	consider := func(t int) {
		if best < 0 || t < best {
			best = t
		}
	}
	switch n.DataAtom {
	case atom.Article:
		consider(5)
	case atom.Main:
		consider(6)
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "itemprop":
			if strings.EqualFold(a.Val, "articleBody") {
				consider(0)
			}
		case "role":
			if a.Val == "main" {
				consider(6)
			}
		case "class", "id":
			v := strings.ToLower(a.Val)
			// Only a tier below the best so far can change the result.
			for t := 1; t <= 4 && (best < 0 || t < best) && containsAny(v, contentAnchors); t++ {
				for _, sub := range contentTiers[t] {
					if strings.Contains(v, sub) {
						consider(t)
						break
					}
				}
			}
			if a.Key == "id" && (v == "content" || v == "main") {
				consider(7)
			}
			if a.Key == "class" && best < 0 && (strings.Contains(v, "content") || strings.Contains(v, "main")) {
				for f := range strings.FieldsSeq(v) {
					if f == "content" || f == "main" {
						consider(7)
						break
					}
				}
			}
		}
	}
	return best
}

// contentRoot picks the container with the most running text among the
// most specific tier that yields a substantial one.
func contentRoot(doc *goquery.Document) *html.Node {
	byTier := make([][]*html.Node, len(contentTiers))
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if n.Type == html.ElementNode {
			if skipTags[n.DataAtom] {
				return
			}
			if t := contentTier(n); t >= 0 {
				byTier[t] = append(byTier[t], n)
			}
		}
		if depth > maxDepth {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc.Nodes[0], 0)
	for _, nodes := range byTier {
		type cand struct {
			n     *html.Node
			score int
		}
		var cands []cand
		best := -1
		for _, n := range nodes {
			if isBoilerplateTree(n) {
				continue
			}
			sc := proseScore(n)
			cands = append(cands, cand{n, sc})
			if best < 0 || sc > cands[best].score {
				best = len(cands) - 1
			}
		}
		if best < 0 || cands[best].score < 400 {
			continue
		}
		// Sites that cut the body into several containers of the same kind
		// (text blocks between images or ads) need all of them: take the
		// lowest common ancestor of every substantial match.
		root := cands[best].n
		for _, c := range cands {
			if c.score*5 >= cands[best].score && !contains(root, c.n) {
				root = commonAncestor(root, c.n)
			}
		}
		return root
	}
	return nil
}

func contains(a, b *html.Node) bool {
	for p := b; p != nil; p = p.Parent {
		if p == a {
			return true
		}
	}
	return false
}

func commonAncestor(a, b *html.Node) *html.Node {
	for p := a; p != nil; p = p.Parent {
		if contains(p, b) {
			return p
		}
	}
	return a
}

// isBoilerplateTree reports a node inside (or being) furniture or comments.
func isBoilerplateTree(n *html.Node) bool {
	for p := n; p != nil && p.Type == html.ElementNode; p = p.Parent {
		switch p.DataAtom {
		case atom.Nav, atom.Aside, atom.Footer, atom.Form:
			return true
		}
		if isBoilerplate(p) {
			return true
		}
	}
	return false
}

// proseScore is the text length of paragraph-like blocks that are not links.
func proseScore(n *html.Node) int {
	total, links := textAndLinkLen(n, false)
	return total - 2*links
}

func textAndLinkLen(n *html.Node, inLink bool) (total, link int) {
	switch n.Type {
	case html.TextNode:
		c := 0
		for i := 0; i < len(n.Data); i++ {
			if n.Data[i] > ' ' {
				c++
			}
		}
		if inLink {
			return c, c
		}
		return c, 0
	case html.ElementNode:
		if skipTags[n.DataAtom] {
			return 0, 0
		}
		if n.DataAtom == atom.A {
			inLink = true
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		t, l := textAndLinkLen(c, inLink)
		total += t
		link += l
	}
	return total, link
}

// skipTags never hold body text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Iframe: true, atom.Button: true, atom.Select: true, atom.Input: true, atom.Textarea: true,
	atom.Figcaption: true, atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Form: true,
	atom.Object: true, atom.Embed: true, atom.Canvas: true, atom.Video: true, atom.Audio: true,
	atom.Math: true, atom.Label: true, atom.Dialog: true, atom.Menu: true,
}

// blockTags end the paragraph before them and start a new one.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true,
	atom.Dd: true, atom.Pre: true, atom.Table: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Caption: true, atom.Figure: true, atom.Hr: true, atom.Address: true, atom.Details: true,
	atom.Summary: true, atom.Header: true, atom.Hgroup: true, atom.Center: true, atom.Fieldset: true,
}

// Page furniture that sits inside article containers (share bars, pitches,
// captions, related links) is recognised by its class and id tokens.
// furnitureSegments match any dash- or underscore-delimited segment of a
// token ("article-share-bar"); furnitureTokens only whole tokens, for words
// that are also layout helpers ("hidden-mobile" hides nothing on a server).
var furnitureSegments = setOf("share", "sharing", "sharethis", "shares", "social", "related", "newsletter",
	"newsletters", "subscribe", "subscription", "signup", "promo", "membership", "cta", "paywall", "advert",
	"advertisement", "advertising", "adsense", "dfp", "sponsor", "sponsored", "cookie", "cookies", "consent",
	"gdpr", "comment", "comments", "disqus", "breadcrumb", "breadcrumbs", "caption", "credit", "credits",
	"popup", "modal", "toolbar", "pagination", "pager", "outbrain", "taboola", "byline", "tags", "toc",
	"recirc", "recirculation", "donate", "donation")

var furnitureTokens = setOf("hidden", "sr-only", "screen-reader-text", "visually-hidden", "visuallyhidden",
	"ad", "ads", "ad-slot", "ad-container", "ad-wrapper", "author-bio", "author-box", "about-author",
	"post-meta", "entry-meta", "article-meta", "meta", "also-read", "read-more", "readmore", "more-stories",
	"skip-link", "print-only", "tag-list", "post-tags", "entry-tags", "categories", "recommended",
	"recommendations", "you-may-like", "most-popular", "trending", "nav", "menu", "footer", "header",
	"site-header", "site-footer", "sidebar", "affiliate-disclosure")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// isFurnitureToken tests one class or id token.
func isFurnitureToken(tok string) bool {
	tok = strings.ToLower(tok)
	if furnitureTokens[tok] {
		return true
	}
	start := 0
	for i := 0; i <= len(tok); i++ {
		if i == len(tok) || tok[i] == '-' || tok[i] == '_' {
			if i > start && furnitureSegments[tok[start:i]] {
				return true
			}
			start = i + 1
		}
	}
	return false
}

// isBoilerplate reports page furniture by its attributes.
func isBoilerplate(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "class", "id":
			for tok := range strings.FieldsSeq(a.Val) {
				if isFurnitureToken(tok) {
					return true
				}
			}
		case "hidden":
			// React streams Suspense content in hidden <div id="S:n">
			// blocks that a script moves into place: that is the page.
			if !strings.HasPrefix(attr(n, "id"), "S:") {
				return true
			}
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			v := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(v, "display:none") || strings.Contains(v, "visibility:hidden") {
				return true
			}
		case "role":
			switch a.Val {
			case "navigation", "complementary", "banner", "contentinfo", "dialog", "alert":
				return true
			}
		}
	}
	return false
}

// linkDenseTags are the containers tested for link density.
var linkDenseTags = map[atom.Atom]bool{atom.Ul: true, atom.Ol: true, atom.Div: true, atom.Section: true, atom.Table: true, atom.Dl: true}

// linkDensityMax is the share of link text, in tenths, above which a
// container is taken for navigation.
var linkDensityMax = 6

// paragraphs walks a body container in document order and cuts its text at
// block boundaries. Each paragraph's kind is that of its innermost heading,
// blockquote or list item.
func paragraphs(root *html.Node) []Paragraph {
	w := walker{total: textLen(root)}
	w.walk(root, KindText, 0)
	w.flush()
	return w.out
}

type walker struct {
	total int // text length under the root
	out   []Paragraph
	// buf gathers the paragraph's raw text and line the collapsed text;
	// both are reused from one paragraph to the next.
	buf, line []byte
	kind      ParagraphKind
}

func (w *walker) flush() {
	if len(w.buf) == 0 {
		return
	}
	w.line = appendCollapsed(w.line[:0], w.buf)
	w.buf = w.buf[:0]
	if len(w.line) > 0 {
		w.out = append(w.out, Paragraph{Kind: w.kind, Text: string(w.line)})
	}
}

func (w *walker) walk(n *html.Node, kind ParagraphKind, depth int) {
	switch n.Type {
	case html.TextNode:
		if len(w.buf) == 0 {
			w.kind = kind
		}
		w.buf = append(w.buf, n.Data...)
		return
	case html.ElementNode:
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c, kind, depth+1)
		}
		return
	default:
		return
	}
	if skipTags[n.DataAtom] || depth > maxDepth {
		return
	}
	// A furniture-looking container that holds most of the text is the
	// article wrapped in an unlucky class name, not furniture.
	if depth > 0 && isBoilerplate(n) && textLen(n)*2 < w.total {
		return
	}
	// Lists and boxes made mostly of links are navigation or related
	// stories, not prose.
	if depth > 0 && linkDenseTags[n.DataAtom] {
		if t, l := textAndLinkLen(n, false); t > 0 && l*10 > t*linkDensityMax && t*2 < w.total {
			return
		}
	}
	if n.DataAtom == atom.Br {
		// One <br> is a line break inside a paragraph; two end it.
		if next := nextElementSkippingSpace(n); next != nil && next.DataAtom == atom.Br {
			w.flush()
		} else {
			w.buf = append(w.buf, ' ')
		}
		return
	}
	block := blockTags[n.DataAtom]
	if block {
		w.flush()
		switch n.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			kind = KindHeading
		case atom.Blockquote:
			kind = KindBlockquote
		case atom.Li, atom.Dd, atom.Dt:
			if kind != KindBlockquote {
				kind = KindListItem
			}
		}
	} else if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
		w.buf = append(w.buf, ' ')
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, kind, depth+1)
	}
	if block {
		w.flush()
	} else if n.DataAtom == atom.Img {
		// nothing: images carry no body text
	}
}

func nextElementSkippingSpace(n *html.Node) *html.Node {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		switch s.Type {
		case html.ElementNode:
			return s
		case html.TextNode:
			if strings.TrimSpace(s.Data) != "" {
				return nil
			}
		}
	}
	return nil
}

// Short lines that sell, share or navigate rather than report. Only short
// paragraphs are tested, so prose that mentions a newsletter survives.
var (
	pitchPrefixes = []string{"advertisement", "advertising", "sponsored", "share this", "share on", "tweet",
		"also read", "read more", "read also", "read next", "related:", "recommended", "sign up", "subscribe",
		"click here", "follow us", "all rights reserved", "©", "(c) ", "copyright", "become a member",
		"join our newsletter", "join the newsletter", "get our newsletter", "get the newsletter",
		"this article was originally published", "this article was published", "this article is published",
		"image:", "photo:", "credit:", "listen to this article", "skip to"}
	pitchExact      = setOf("share", "tweet", "getty images", "advertisement", "print", "email", "comments")
	pitchSubstrings = []string{"newsletter", "subscribe", "all rights reserved", "sign up for", "in your inbox"}
)

func isPitch(lower string) bool {
	if pitchExact[lower] {
		return true
	}
	for _, p := range pitchPrefixes {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	for _, p := range pitchSubstrings {
		if strings.Contains(lower, p) {
			return true
		}
	}
	return false
}

// endMarkerRE matches the heading or short line that starts what follows an
// article: author boxes, related links, comments.
var endMarkerRE = regexp.MustCompile(`(?i)^(?:about the (?:author|authors|reviewer|writer|contributor)s?|related(?: posts| articles| stories| content| reading| links| topics| resources)?|you (?:may|might) also (?:like|enjoy|be interested in)|more from\b|more stories\b|more articles\b|read next|up next|recommended(?: for you| reading| articles| stories)?|(?:\d+\s+)?comments?(?: \(\d+\))?|leave a (?:reply|comment)|post a comment|add a comment|join the (?:conversation|discussion)|share this(?: article| post| story| page)?|popular (?:posts|articles|stories)|most popular|trending(?: now| stories)?|latest (?:posts|articles|news|stories)|recent (?:posts|articles)|further reading|keep reading|continue reading|also read|see also|filed under|tags?|topics?|categories|explore more|don.t miss|what to read next|newsletter|subscribe|sign up|get the latest)\b[^.!?]{0,40}$`)

// metaLineRE matches lines that are a date, a byline or a reading time
// rather than prose.
var metaLineRE = regexp.MustCompile(`(?i)^(?:(?:published|posted|updated|last updated|modified|reviewed|written|date)(?: on| at)?:?\s+\S.*|by\s+\S.{0,60}|\d+\s+min(?:ute)?s?\s+read|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4})$`)

// cleanParagraphs drops the headline repeated in the body, short furniture
// lines, date and byline lines, and everything after an end-of-article
// heading found in the second half of the text. Repeated lines stay: on
// WCXB dropping them cost more recall than it saved precision.
func cleanParagraphs(in []Paragraph, title string) []Paragraph {
	nt := text.Fold(title)
	total := 0
	for _, p := range in {
		total += len(p.Text)
	}
	out := in[:0]
	seen := 0
	for i, p := range in {
		seen += len(p.Text)
		if !hasWordRune(p.Text) {
			continue
		}
		if i < 5 && text.Fold(p.Text) == nt {
			continue
		}
		if len(p.Text) < 160 {
			lower := strings.ToLower(p.Text)
			if p.Kind == KindHeading && len(p.Text) < 100 && seen*2 > total && endMarkerRE.MatchString(p.Text) {
				break
			}
			if isPitch(lower) {
				continue
			}
			if len(p.Text) < 80 && mayBeMetaLine(lower) && metaLineRE.MatchString(p.Text) {
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// hasWordRune reports whether text.Fold(s) != "" (s holds a letter or a
// digit), without building the folded string.
func hasWordRune(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
				return true
			}
			continue
		}
		// Fold lower-cases before it tests.
		if r = unicode.ToLower(r); unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// textLen counts the non-space bytes of text under n.
func textLen(n *html.Node) int {
	if n.Type == html.TextNode {
		c := 0
		for i := 0; i < len(n.Data); i++ {
			if n.Data[i] > ' ' {
				c++
			}
		}
		return c
	}
	if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
		return 0
	}
	t := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		t += textLen(c)
	}
	return t
}
