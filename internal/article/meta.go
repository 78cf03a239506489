package article

import (
	"encoding/json"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/itlightning/dateparse"
	"github.com/newsquotes/newsquotes/internal/text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// meta is everything the page says about itself outside the body text,
// gathered from JSON-LD, OpenGraph and <meta> tags, and the byline.
type meta struct {
	title       string
	authors     []string
	published   time.Time
	modified    time.Time
	siteName    string
	language    string
	description string
	canonical   []string // candidates, best first
	articleBody string   // JSON-LD articleBody, when the page ships one
}

func (m *meta) apply(a *Article) {
	a.Title = m.title
	a.Authors = m.authors
	a.Published = m.published
	a.Modified = m.modified
	a.SiteName = m.siteName
	a.Language = m.language
	a.Description = m.description
}

// readMeta reads the page's metadata. Sources are tried in order of how
// deliberate they are: JSON-LD (written for search engines), then OpenGraph
// and <meta> tags, then what the page shows (h1, byline, <time>).
func readMeta(doc *document, base *url.URL) meta {
	var m meta
	metas, metaLists := metaTags(doc)
	ld := readJSONLD(doc)

	// Site name first: title cleaning uses it.
	m.siteName = firstNonEmpty(metas["og:site_name"], ld.siteName, metas["application-name"], metas["al:ios:app_name"])
	m.title = chooseTitle(doc, metas, ld, m.siteName)
	hl := &headline{doc: doc, title: m.title}

	m.authors = ld.authors
	if ld.authorsAreOrgs || (len(m.authors) == 1 && text.Fold(m.authors[0]) == text.Fold(m.siteName)) {
		// An organisation credited in metadata often hides the person the
		// page shows in its byline.
		if people := bylineMarkup(doc); len(people) > 0 {
			m.authors = people
		}
	}
	if len(m.authors) == 0 {
		for _, k := range authorMetaNames {
			if m.authors = metaAuthors(metaLists[k]); len(m.authors) > 0 {
				break
			}
		}
	}
	if len(m.authors) == 0 {
		m.authors = bylineAuthors(doc, hl)
	}

	pubs := allTimes(ld.published, metas["article:published_time"], metas["og:published_time"],
		metas["published_time"], metas["datepublished"], metas["published"], metas["publishdate"], metas["pubdate"],
		metas["publish-date"], metas["publish_date"], metas["parsely-pub-date"], metas["sailthru.date"],
		metas["dc.date.issued"], metas["dc.date"], metas["dcterms.created"], metas["dcterms.date"],
		metas["date"], metas["article.published"], metas["og:article:published_time"],
		metas["citation_publication_date"], metas["citation_date"], metas["published-date"],
		metas["publication_date"], metas["w-published-date"], itempropTime(doc, "datePublished"))
	if len(pubs) > 0 {
		// A publication stamp at exactly midnight UTC is a date entered
		// without a time; the WebPage's own timed stamp a day later at
		// most says when the page went out.
		if p := pubs[0]; p.Hour() == 0 && p.Minute() == 0 && p.Second() == 0 {
			if _, off := p.Zone(); off == 0 {
				if t := parseTime(ld.pageDate); !t.IsZero() && (t.Hour() != 0 || t.Minute() != 0) && t.After(p) && t.Sub(p) < 36*time.Hour {
					pubs[0] = t
				}
			}
		}
		m.published = pubs[0]
	}
	m.modified = firstTime(ld.modified, metas["article:modified_time"], metas["og:updated_time"],
		metas["dcterms.modified"], itempropTime(doc, "dateModified"))
	if !m.published.IsZero() {
		mods := allTimes(ld.modified, metas["article:modified_time"], metas["og:updated_time"],
			metas["dcterms.modified"], metas["datemodified"], metas["updated"], metas["last-modified"],
			itempropTime(doc, "dateModified"))
		m.published = reconcileShown(doc, hl, pubs, mods)
	}
	// Then what the page shows: the date printed near the headline, a
	// <time> element, the WebPage's date (often the last crawl or edit,
	// hence late).
	if m.published.IsZero() {
		m.published = parseTime(firstTimeAttr(doc, timeSkipStrict))
	}
	if m.published.IsZero() {
		m.published = visibleDate(doc, hl)
	}
	if m.published.IsZero() {
		m.published = firstTime(timeElement(doc), ld.pageDate)
	}
	if m.published.IsZero() {
		// A page that gives only its last edit: that is the date it has.
		m.published = m.modified
	}
	// A date in the URL is the day the CMS filed the story: it outranks
	// anything the page says.
	if base != nil {
		if u := urlDate(base.Path); !u.IsZero() {
			if m.published.IsZero() || u.Format("2006-01-02") != m.published.Format("2006-01-02") {
				m.published = u
			}
		}
	}

	var lang string
	if n := doc.first("html"); n != nil {
		lang, _ = attrValue(n, "lang")
	}
	m.language = normalizeLang(firstNonEmpty(lang, metas["content-language"], metas["og:locale"], ld.language))
	m.description = firstNonEmpty(metas["og:description"], metas["description"], metas["twitter:description"], ld.description)

	if n := doc.first(`link[rel~="canonical"]`); n != nil {
		if href, ok := attrValue(n, "href"); ok && strings.TrimSpace(href) != "" {
			m.canonical = append(m.canonical, href)
		}
	}
	if v := metas["og:url"]; v != "" {
		m.canonical = append(m.canonical, v)
	}
	if ld.url != "" {
		m.canonical = append(m.canonical, ld.url)
	}
	m.articleBody = ld.body
	return m
}

// metaTags maps lower-cased name/property/itemprop/http-equiv to the first
// non-empty content seen.
func metaTags(doc *document) (map[string]string, map[string][]string) {
	out := map[string]string{}
	all := map[string][]string{}
	for n := range doc.all("meta") {
		content := strings.TrimSpace(attr(n, "content"))
		if content == "" {
			continue
		}
		for _, name := range []string{"property", "name", "itemprop", "http-equiv"} {
			if k := strings.ToLower(strings.TrimSpace(attr(n, name))); k != "" {
				// Some pages list several properties in one attribute.
				for _, key := range strings.Fields(k) {
					if _, seen := out[key]; !seen {
						out[key] = cleanMetaText(content)
					}
					if authorMetaKeys[key] {
						all[key] = append(all[key], cleanMetaText(content))
					}
				}
			}
		}
	}
	return out, all
}

// authorMetaNames are the <meta> names that credit authors, most deliberate
// first. A page may repeat one per author.
var authorMetaNames = []string{"dc:creator", "dc.creator", "dcterms:creator", "dcterms.creator", "citation_author",
	"author", "article:author", "parsely-author", "sailthru.author", "byl", "twitter:creator:name"}

var authorMetaKeys = setOf(authorMetaNames...)

// lastFirstRE matches one name written "Last, First" ("Jong, Michiel de",
// "Kooman, F.").
var lastFirstRE = regexp.MustCompile(`^[\p{L}'’\-]+(?:\s[\p{L}'’\-]+)?,\s*[\p{L}.'’\-]+(?:\s[\p{L}.'’\-]+){0,2}$`)

// metaAuthors reads the authors of the first author meta name present.
func metaAuthors(values []string) []string {
	var out []string
	for _, v := range values {
		if v == "" || looksLikeURL(v) {
			continue
		}
		if len(values) > 1 && lastFirstRE.MatchString(v) {
			out = append(out, v)
			continue
		}
		out = append(out, splitAuthors(v)...)
	}
	return dedupe(out)
}

// ---- JSON-LD

type ldInfo struct {
	title, siteName, published, modified, pageDate string
	language, description, url, body               string
	authors                                        []string
	authorsAreOrgs                                 bool
	name                                           string
}

var articleTypes = map[string]bool{
	"article": true, "newsarticle": true, "reportagenewsarticle": true, "analysisnewsarticle": true,
	"opinionnewsarticle": true, "reviewnewsarticle": true, "backgroundnewsarticle": true,
	"askpublicnewsarticle": true, "blogposting": true, "liveblogposting": true, "socialmediaposting": true,
	"techarticle": true, "scholarlyarticle": true, "report": true, "medicalwebpage": false,
	"posting": true, "discussionforumposting": true, "review": true, "recipe": true, "howto": true,
}

var pageTypes = map[string]bool{"webpage": true, "itempage": true, "aboutpage": true, "collectionpage": true, "medicalwebpage": true, "qapage": true, "faqpage": true}

func readJSONLD(doc *document) ldInfo {
	var objs []map[string]any
	// Some head managers emit a JSON-LD block as <meta name="script:ld+json"
	// content="…"> instead of a script: the same data, escaped into an
	// attribute.
	for n := range doc.all(`script[type="application/ld+json"], script[type="application/ld+json; charset=utf-8"], meta[name="script:ld+json"]`) {
		var raw string
		if n.Data == "meta" {
			raw = strings.TrimSpace(attr(n, "content"))
		} else {
			raw = strings.TrimSpace(nodeText(n))
		}
		for _, wrap := range [][2]string{{"<!--", "-->"}, {"//<![CDATA[", "//]]>"}, {"<![CDATA[", "]]>"}} {
			raw = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(raw, wrap[0]), wrap[1]))
		}
		var v any
		if err := json.Unmarshal([]byte(raw), &v); err != nil {
			// Raw newlines and tabs inside strings are the commonest breakage.
			fixed := strings.NewReplacer("\n", " ", "\r", " ", "\t", " ").Replace(raw)
			if json.Unmarshal([]byte(fixed), &v) != nil {
				continue
			}
		}
		collectObjects(v, &objs, 0)
	}
	byID := map[string]map[string]any{}
	for _, o := range objs {
		if id, ok := o["@id"].(string); ok && id != "" {
			if _, seen := byID[id]; !seen || len(o) > len(byID[id]) {
				byID[id] = o
			}
		}
	}
	var info ldInfo
	var art, page map[string]any
	for _, o := range objs {
		if hasType(o, articleTypes) && art == nil {
			art = o
		}
		if hasType(o, pageTypes) && page == nil {
			page = o
		}
	}
	for _, o := range objs {
		if hasType(o, map[string]bool{"website": true}) && info.siteName == "" {
			info.siteName = ldString(o["name"])
		}
	}
	if page != nil {
		info.pageDate = ldString(page["datePublished"])
	}
	if art == nil {
		if page == nil {
			return info
		}
		info.url = ldString(page["url"])
		info.language = ldString(page["inLanguage"])
		info.published = ldString(page["datePublished"])
		info.modified = ldString(page["dateModified"])
		if a := ldAuthors(page["author"], byID); len(a) > 0 {
			info.authors = a
		}
		return info
	}
	info.title = firstNonEmpty(ldString(art["headline"]), ldString(art["name"]))
	info.name = ldString(art["name"])
	info.published = firstNonEmpty(ldString(art["datePublished"]), ldString(art["dateCreated"]))
	info.modified = ldString(art["dateModified"])
	info.language = ldString(art["inLanguage"])
	info.description = ldString(art["description"])
	if b, ok := art["articleBody"].(string); ok {
		info.body = b // keeps its newlines: they are paragraph breaks
	}
	info.authors = ldAuthors(art["author"], byID)
	if len(info.authors) == 0 {
		info.authors = ldAuthors(art["creator"], byID)
	}
	info.authorsAreOrgs = len(info.authors) > 0 && onlyOrgs(art["author"], byID)
	if pub := resolveRef(art["publisher"], byID); pub != nil {
		if n := ldString(pub["name"]); n != "" {
			info.siteName = n
		}
	}
	info.url = ldString(art["url"])
	if info.url == "" {
		switch me := art["mainEntityOfPage"].(type) {
		case string:
			info.url = me
		case map[string]any:
			info.url = firstNonEmpty(ldString(me["@id"]), ldString(me["url"]))
		}
	}
	return info
}

// collectObjects flattens JSON-LD into its typed objects: top-level values,
// arrays, @graph and nested values such as mainEntity.
func collectObjects(v any, out *[]map[string]any, depth int) {
	if depth > 8 || len(*out) > 500 {
		return
	}
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			collectObjects(e, out, depth+1)
		}
	case map[string]any:
		if _, ok := t["@type"]; ok {
			*out = append(*out, t)
		} else if _, ok := t["@id"]; ok {
			*out = append(*out, t)
		}
		for k, e := range t {
			switch k {
			case "@graph", "mainEntity", "mainEntityOfPage", "hasPart", "itemListElement", "about", "subjectOf":
				collectObjects(e, out, depth+1)
			}
		}
	}
}

func hasType(o map[string]any, types map[string]bool) bool {
	switch t := o["@type"].(type) {
	case string:
		return types[strings.ToLower(strings.TrimPrefix(t, "schema:"))]
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok && types[strings.ToLower(strings.TrimPrefix(s, "schema:"))] {
				return true
			}
		}
	}
	return false
}

func resolveRef(v any, byID map[string]map[string]any) map[string]any {
	switch t := v.(type) {
	case []any:
		if len(t) > 0 {
			return resolveRef(t[0], byID)
		}
	case map[string]any:
		if _, named := t["name"]; !named {
			if id, ok := t["@id"].(string); ok {
				if r, ok := byID[id]; ok {
					return r
				}
			}
		}
		return t
	}
	return nil
}

func ldAuthors(v any, byID map[string]map[string]any) []string {
	var out []string
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 3 {
			return
		}
		switch t := v.(type) {
		case string:
			if !looksLikeURL(t) {
				out = append(out, splitAuthors(t)...)
			}
		case []any:
			for _, e := range t {
				walk(e, depth+1)
			}
		case map[string]any:
			o := resolveRef(t, byID)
			if n := ldString(o["name"]); n != "" && !looksLikeURL(n) {
				out = append(out, splitAuthors(n)...)
			} else if gn := ldString(o["givenName"]); gn != "" {
				out = append(out, strings.TrimSpace(gn+" "+ldString(o["familyName"])))
			}
		}
	}
	walk(v, 0)
	return dedupe(out)
}

// onlyOrgs reports an author value made only of Organization objects.
func onlyOrgs(v any, byID map[string]map[string]any) bool {
	orgs := map[string]bool{"organization": true, "newsmediaorganization": true, "corporation": true, "educationalorganization": true, "medicalorganization": true, "localbusiness": true}
	switch t := v.(type) {
	case []any:
		if len(t) == 0 {
			return false
		}
		for _, e := range t {
			if !onlyOrgs(e, byID) {
				return false
			}
		}
		return true
	case map[string]any:
		return hasType(resolveRef(t, byID), orgs)
	}
	return false
}

// ldString reads a JSON-LD value that should be text: a string, the first of
// an array, or an object's @value/name.
func ldString(v any) string {
	switch t := v.(type) {
	case string:
		return cleanMetaText(t)
	case []any:
		for _, e := range t {
			if s := ldString(e); s != "" {
				return s
			}
		}
	case map[string]any:
		return firstNonEmpty(ldString(t["@value"]), ldString(t["name"]))
	case float64:
		return ""
	}
	return ""
}

// ---- title

var titleSepRE = regexp.MustCompile(`\s+[|\-–—·•»:/\\]+\s+|\s*[|»•·]\s*`)

func chooseTitle(doc *document, metas map[string]string, ld ldInfo, siteName string) string {
	docTitle := collapseSpace(nodeText(doc.first("title")))
	var h1s []string
	for n := range doc.all("h1") {
		if closest(n, selector("nav,header.site-header,footer,aside")) {
			continue
		}
		if t := collapseSpace(nodeText(n)); t != "" {
			h1s = append(h1s, t)
		}
		if len(h1s) == 4 {
			break
		}
	}
	ldTitle := ld.title
	if ld.name != "" && ld.name != ldTitle && !namesSite(ld.name, siteName, ld.siteName) && wordOverlap(ld.name, docTitle) > wordOverlap(ldTitle, docTitle) {
		// Some sites put a tagline in headline and the title in name.
		ldTitle = ld.name
	}
	cands := []string{ldTitle, metas["dc:title"], metas["dc.title"], metas["dcterm:title"], metas["dcterms.title"], metas["og:title"], metas["twitter:title"], metas["parsely-title"], metas["sailthru.title"], docTitle}
	var best string
	for _, c := range cands {
		if c = cleanMetaText(c); c != "" {
			best = c
			break
		}
	}
	if len(h1s) == 1 && ldTitle != "" {
		// A visible headline that the page's OpenGraph title repeats word
		// for word beats a JSON-LD headline saying something else (a
		// description, a section label): two fields agree.
		h := h1s[0]
		if og := cleanMetaText(metas["og:title"]); len(strings.Fields(h)) >= 2 && len(h) <= 300 && text.Fold(og) == text.Fold(h) && text.Fold(cleanMetaText(ldTitle)) != text.Fold(h) {
			return h
		}
	}
	if len(h1s) == 1 {
		// The visible headline is what readers see; metadata titles are
		// often tuned for search ("Best X in 2025 – Top 10 Picks"). Take a
		// single h1 that reads like a headline and shares its words with the
		// metadata title (a logo or section h1 does not).
		h := h1s[0]
		if len(strings.Fields(h)) >= 2 && len(h) <= 300 && (best == "" || wordOverlap(h, best) >= titleOverlapMin && wordOverlap(best, h) >= titleOverlapBack) {
			return h
		}
	}
	if best == "" {
		if len(h1s) > 0 {
			return h1s[0]
		}
		return ""
	}
	// A visible h1 that the metadata title contains is the clean headline.
	nb := text.Fold(best)
	for _, h := range h1s {
		nh := text.Fold(h)
		if nh == nb {
			return best
		}
		if len(nh) >= 10 && strings.Contains(nb, nh) && len(nh)*2 >= len(nb)/2 {
			return h
		}
	}
	return stripSiteName(best, siteName, h1s)
}

// A single h1 replaces the metadata title when at least titleOverlapMin of
// its words are in that title and at least titleOverlapBack of the title's
// words are in it: a headline reworded for search still shares most words,
// while a logo h1 ("Archive of Our Own") covers little of a long title.
const (
	titleOverlapMin  = 0.5
	titleOverlapBack = 0.3
)

// wordOverlap is the share of a's words found in b.
func wordOverlap(a, b string) float64 {
	bw := map[string]bool{}
	for _, w := range strings.Fields(text.Fold(b)) {
		bw[w] = true
	}
	aw := strings.Fields(text.Fold(a))
	if len(aw) == 0 {
		return 0
	}
	n := 0
	for _, w := range aw {
		if bw[w] {
			n++
		}
	}
	return float64(n) / float64(len(aw))
}

// cleanMetaText undoes the double HTML escaping some CMSs put in metadata
// ("&#8217;" inside a content attribute) and collapses white space.
func cleanMetaText(s string) string {
	if strings.Contains(s, "&") {
		s = html.UnescapeString(s)
	}
	return collapseSpace(s)
}

// stripSiteName removes a site name or section joined to the headline with a
// separator ("Headline | Site", "Site - Headline").
func stripSiteName(title, siteName string, h1s []string) string {
	locs := titleSepRE.FindAllStringIndex(title, -1)
	if len(locs) == 0 {
		return title
	}
	ns := text.Fold(siteName)
	first := title[:locs[0][0]]
	last := title[locs[len(locs)-1][1]:]
	if ns != "" {
		if n := text.Fold(last); n == ns || (n != "" && strings.Contains(ns, n)) {
			return strings.TrimSpace(title[:locs[len(locs)-1][0]])
		}
		if n := text.Fold(first); n == ns || (n != "" && strings.Contains(ns, n)) {
			return strings.TrimSpace(title[locs[0][1]:])
		}
	}
	for _, h := range h1s {
		nh := text.Fold(h)
		if text.Fold(first) == nh {
			return first
		}
	}
	return title
}

// ---- authors

var (
	byPrefixRE    = regexp.MustCompile(`(?i)^\s*(?:(?:written|posted|reported|published|reviewed|edited|words|story|text|photos?)\s+)?(?:by|par|von|por|door)\s*:?\s+|^\s*(?:authors?|written by|posted by)\s*:\s*`)
	authorSplitRE = regexp.MustCompile(`\s*(?:,|;|\||\s&\s|\s+and\s+|\s+und\s+|\s+et\s+|\s+y\s+)\s*`)
	credentialRE  = regexp.MustCompile(`^(?:[A-Z][A-Za-z]{0,3}\.?){1,3}(?:\s+\d+)?$|^(?i:ph\.?d\.?|m\.?d\.?|jr\.?|sr\.?|md|rn|rd|ms|ma|mba|mph|e-ryt.*)$`)
)

// splitAuthors turns a byline ("By Jane Doe and John Roe") into names.
func splitAuthors(s string) []string {
	s = collapseSpace(s)
	s = byPrefixRE.ReplaceAllString(s, "")
	if s == "" || len(s) > 200 {
		return nil
	}
	var out []string
	for _, p := range authorSplitRE.Split(s, -1) {
		p = strings.Trim(p, " .·-–—:")
		p = byPrefixRE.ReplaceAllString(p, "")
		if p == "" || credentialRE.MatchString(p) {
			continue
		}
		if len(strings.Fields(p)) > 6 || looksLikeURL(p) || strings.Contains(p, "@") && strings.Contains(p, ".") {
			continue
		}
		out = append(out, p)
	}
	return dedupe(out)
}

var bylineSelectors = []string{
	`[itemprop~="author"] [itemprop~="name"]`, `[itemprop~="author"]`, `[rel="author"]`,
	`.byline__name`, `.byline-name`, `.author-name`, `.author__name`, `.post-author-name`,
	`a[href*="/author/"]`, `a[href*="/authors/"]`, `a[href*="/profile/"]`,
	`.byline`, `[class*="byline"]`, `.post-author`, `.entry-author`, `.author`, `[class*="author"]`,
}

var bylineStopRE = regexp.MustCompile(`(?i)\s*(?:[|·•]|\bpublished\b|\bupdated\b|\bposted on\b|\bon\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d{1,2}[:/.]\d{1,2}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{4}\b).*$`)

// bylineAuthors reads the author from visible byline markup, then from a
// "By Name" line near the headline.
func bylineAuthors(doc *document, hl *headline) []string {
	if names := bylineMarkup(doc); len(names) > 0 {
		return names
	}
	return bylineNearHeadline(hl)
}

// bylineMarkup reads the author from byline elements: schema.org
// microdata, rel=author, author links and byline classes.
func bylineMarkup(doc *document) []string {
	cands := bylineCandidates(doc)
	for i, sel := range bylineSelectors {
		// Microdata is deliberate wherever it sits; byline-looking classes
		// inside asides and footers belong to other stories.
		outside := "script,style,noscript,footer,aside,.comments,#comments,.comment"
		if i < 3 {
			outside = "script,style,noscript,.comments,#comments,.comment"
		}
		m := selector(sel)
		for _, n := range cands {
			if !m.Match(n) || closest(n, selector(outside)) {
				continue
			}
			var t string
			if c, ok := attrValue(n, "content"); ok && n.Data == "meta" {
				t = c
			} else {
				t = spacedText(n)
			}
			if names := cleanByline(t); len(names) > 0 {
				return names
			}
		}
	}
	return nil
}

// bylineCandidates are the elements, in document order, that a byline
// selector can match: each selects by itemprop, rel, a link to an author
// or profile page, or a class naming an author or a byline
// (TestBylineCandidates holds the selectors to it). Filtering once spares
// matching every selector against every element of the page.
func bylineCandidates(doc *document) []*html.Node {
	var out []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			for _, a := range c.Attr {
				if a.Key == "itemprop" || a.Key == "rel" ||
					a.Key == "href" && c.Data == "a" && (strings.Contains(a.Val, "/author") || strings.Contains(a.Val, "/profile/")) ||
					a.Key == "class" && (strings.Contains(a.Val, "author") || strings.Contains(a.Val, "byline")) {
					out = append(out, c)
					break
				}
			}
			walk(c)
		}
	}
	walk(doc.Nodes[0])
	return out
}

var (
	bylineLeadRE = regexp.MustCompile(`(?i)^(?:articles?|posts?|stories|view all posts|all posts|more)\s+by\s+`)
	junkAuthorRE = regexp.MustCompile(`(?i)^(?:the author|author|admin|administrator|staff|editor|guest|anonymous|unknown|\d+|.*\.(?:com|net|org)|[a-z0-9]+\.[a-z0-9]+)$`)
)

// cleanByline turns byline text into names, or nil when it holds none.
func cleanByline(t string) []string {
	t = collapseSpace(t)
	t = bylineLeadRE.ReplaceAllString(t, "")
	t = byPrefixRE.ReplaceAllString(t, "")
	t = bylineStopRE.ReplaceAllString(t, "")
	t = strings.TrimSpace(t)
	if t == "" || len(t) > 80 || !hasLetter(t) {
		return nil
	}
	var out []string
	for _, n := range splitAuthors(t) {
		if !junkAuthorRE.MatchString(n) {
			out = append(out, n)
		}
	}
	return out
}

// byNameRE finds "By Jane Doe" in running text: one to four capitalised
// words after "By".
var byNameRE = regexp.MustCompile(`(?:^|[\s|·•(])(?:[Bb]y|BY|[Pp]ar|[Vv]on|[Pp]or|[Dd]oor|Written by|Posted by|Author:)\s+((?:\p{Lu}[\p{L}'’.\-]*\s*){1,4}(?:(?:,\s*|\s+and\s+|\s*&\s*)(?:\p{Lu}[\p{L}'’.\-]*\s*){1,4})*)`)

func bylineNearHeadline(hl *headline) []string {
	text, h1At := hl.near()
	if h1At < 0 {
		return nil
	}
	window := text[max(0, h1At-300):min(len(text), h1At+600)]
	if m := byNameRE.FindStringSubmatch(window); m != nil {
		return cleanByline(m[1])
	}
	return nil
}

// spacedText is the text under n with a space between text nodes, so
// "<span>Jane Doe</span><span>Published</span>" does not run together.
func spacedText(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if b.Len() > 2000 || depth > 64 {
			return
		}
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			b.WriteByte(' ')
		case html.ElementNode:
			if n.DataAtom == atom.Script || n.DataAtom == atom.Style {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}

// ---- dates

func itempropTime(doc *document, prop string) string {
	n := doc.itemprop(prop)
	if n == nil {
		return ""
	}
	for _, a := range []string{"datetime", "content", "value"} {
		if v, ok := attrValue(n, a); ok && strings.TrimSpace(v) != "" {
			return v
		}
	}
	return collapseSpace(nodeText(n))
}

// timeElement returns the datetime of the first <time> that looks like the
// article's own date (inside the article or header, not a comment or list).
func timeElement(doc *document) string {
	if t := firstTimeAttr(doc, timeSkipStrict); t != "" {
		return t
	}
	// Some templates put the article's date in an <aside> or a footer of
	// the post itself: when nothing better exists, take it, still not from
	// navigation, comments or lists of other stories.
	return firstTimeAttr(doc, "nav,li,.comments,#comments,.comment,.related,[class*='related']")
}

const timeSkipStrict = "aside,footer,nav,.comments,#comments,.comment,.related,[class*='related']"

func firstTimeAttr(doc *document, skip string) string {
	var out string
	for n := range doc.all("time[datetime]") {
		if closest(n, selector(skip)) || inStoryList(n) {
			continue
		}
		if out = attr(n, "datetime"); strings.TrimSpace(out) != "" {
			break
		}
	}
	return out
}

// inStoryList reports a <time> that dates one item of a list of other
// stories: some block around it (up to storyListDepth levels up) links
// somewhere and has a sibling of the same tag and class that also links
// and holds a dated <time>, as a "latest news" column repeats headline and
// date. A block holding an h1 is the article's own, never such an item.
func inStoryList(n *html.Node) bool {
	x := n
	for i := 0; i < storyListDepth && x.Parent != nil && x.Parent.Type == html.ElementNode; i++ {
		x = x.Parent
		if x.DataAtom == atom.Body || x.DataAtom == atom.Article || x.DataAtom == atom.Main {
			return false
		}
		if !hasDescendant(x, isLink) {
			continue
		}
		class := attr(x, "class")
		for _, sib := range [2]func(*html.Node) *html.Node{
			func(y *html.Node) *html.Node { return y.PrevSibling },
			func(y *html.Node) *html.Node { return y.NextSibling },
		} {
			for y := sib(x); y != nil; y = sib(y) {
				if y.Type != html.ElementNode {
					continue
				}
				if y.DataAtom == x.DataAtom && attr(y, "class") == class && hasDescendant(y, isLink) && hasDescendant(y, isDatedTime) {
					return !hasDescendant(x, isH1)
				}
				break // only the nearest element sibling each way
			}
		}
	}
	return false
}

// storyListDepth is how far up from a <time> inStoryList looks for the
// repeated item: the date sits a few wrappers inside it.
const storyListDepth = 4

func isH1(n *html.Node) bool { return n.Type == html.ElementNode && n.DataAtom == atom.H1 }

func isLink(n *html.Node) bool {
	return n.Type == html.ElementNode && n.DataAtom == atom.A && attr(n, "href") != ""
}

func isDatedTime(n *html.Node) bool {
	return n.Type == html.ElementNode && n.DataAtom == atom.Time && attr(n, "datetime") != ""
}

// hasDescendant reports whether some node under n (n excluded) matches.
func hasDescendant(n *html.Node, match func(*html.Node) bool) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if match(c) || hasDescendant(c, match) {
			return true
		}
	}
	return false
}

var urlDateRE = regexp.MustCompile(`/((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|-|$)`)

// urlNamedDateRE reads paths that spell the month: /2023/october/03/.
var urlNamedDateRE = regexp.MustCompile(`(?i)/((?:19|20)\d{2})/` + monthRE + `/(0?[1-9]|[12]\d|3[01])(?:/|-|$)`)

func urlDate(path string) time.Time {
	m := urlDateRE.FindStringSubmatch(path)
	if m == nil {
		if n := urlNamedDateRE.FindStringSubmatch(path); n != nil {
			return mkDate(n[1], monthNum(n[2]), n[3])
		}
		return time.Time{}
	}
	t, err := time.Parse("2006-01-02", m[1]+"-"+m[2]+"-"+m[3])
	if err != nil {
		return time.Time{}
	}
	return t
}

var timeLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05", "2006-01-02", time.RFC1123Z, time.RFC1123,
}

// parseTime reads a date as pages write it, keeping the page's zone offset.
// Dates without a zone are taken as UTC.
func parseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return sane(t)
		}
	}
	if t, err := dateparse.ParseIn(s, time.UTC); err == nil {
		return sane(t)
	}
	return time.Time{}
}

func sane(t time.Time) time.Time {
	if t.Year() < 1990 || t.Year() > 2100 {
		return time.Time{}
	}
	return t
}

func firstTime(vals ...string) time.Time {
	for _, v := range vals {
		if t := parseTime(v); !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// ---- small helpers

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

func looksLikeURL(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "www.") || strings.HasPrefix(s, "/")
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		k := text.Fold(s)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, s)
	}
	return out
}

func normalizeLang(l string) string {
	l = strings.TrimSpace(l)
	if i := strings.IndexAny(l, ",; "); i >= 0 {
		l = l[:i]
	}
	return strings.ReplaceAll(l, "_", "-")
}

// collapseSpace trims s and turns every run of white space into one space,
// so that a paragraph is one line.
func collapseSpace(s string) string {
	if isCollapsed(s) {
		return s // the common short case: nothing to change, nothing to copy
	}
	return string(appendCollapsed(make([]byte, 0, len(s)), s))
}

// appendCollapsed appends collapseSpace(s) to dst. Invalid UTF-8 becomes
// U+FFFD, as ranging over a string reads it. It takes bytes too, so that a
// buffer need not be copied into a string first.
func appendCollapsed[S string | []byte](dst []byte, s S) []byte {
	start := len(dst)
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if asciiSpace[c] {
				space = len(dst) > start
				continue
			}
			if space {
				dst = append(dst, ' ')
				space = false
			}
			dst = append(dst, c)
			continue
		}
		// At most utf8.UTFMax bytes: converting them does not allocate.
		r, size := utf8.DecodeRuneInString(string(s[i:min(len(s), i+utf8.UTFMax)]))
		i += size
		if isSpaceRune(r) {
			space = len(dst) > start
			continue
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// isCollapsed reports whether collapseSpace(s) == s.
func isCollapsed(s string) bool {
	prevSpace := true // no leading space
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if c == ' ' {
				if prevSpace {
					return false
				}
				prevSpace = true
				continue
			}
			if asciiSpace[c] {
				return false
			}
			prevSpace = false
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || isSpaceRune(r) {
			return false
		}
		i += size
		prevSpace = false
	}
	return len(s) == 0 || s[len(s)-1] != ' '
}

// isSpaceRune is the white space collapseSpace removes: Unicode spaces and
// the invisible zero-width space and byte-order mark.
func isSpaceRune(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

// asciiSpace is unicode.IsSpace for bytes below utf8.RuneSelf.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

func firstHeading(doc *goquery.Document) string {
	return collapseSpace(doc.Find("h1").First().Text())
}

func sameDay(a, b time.Time) bool { return a.Format("2006-01-02") == b.Format("2006-01-02") }

// namesSite reports a JSON-LD name that is the site's or publisher's name,
// not the article's ("Aktuálně.cz" beside "Aktuálně.cz - Víte, co se děje").
func namesSite(name string, sites ...string) bool {
	n := text.Fold(name)
	for _, s := range sites {
		if s := text.Fold(s); n != "" && s != "" && (n == s || strings.HasPrefix(s, n+" ")) {
			return true
		}
	}
	return false
}

// allTimes parses every value that reads as a date.
func allTimes(vals ...string) []time.Time {
	var out []time.Time
	for _, v := range vals {
		if t := parseTime(v); !t.IsZero() {
			out = append(out, t)
		}
	}
	return out
}

// dayOf is t's calendar date, as the page's zone has it.
func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// zoneDay reports whether day's calendar date is the date of the instant t
// in some time zone (UTC-12 to UTC+14): a page may print t in its readers'
// zone.
func zoneDay(day, t time.Time) bool {
	d := dayOf(day)
	u := t.UTC()
	lo, hi := dayOf(u.Add(-12*time.Hour)), dayOf(u.Add(14*time.Hour))
	return !d.Before(lo) && !d.After(hi)
}

// reconcileShown weighs the date the page prints near its headline (or in
// its first <time>) against the metadata's publication date pub and its
// modification dates mods, as a careful reader would:
//   - the page shows pub's day (an all-numeric date read either way
//     round included): pub stands;
//   - a <time> between pub and the last edit is the revision the page
//     presents as its date;
//   - a date shown earlier than pub is the story's first publication: the
//     metadata then dates the record (a migration, a re-import, a site
//     rebuild), not the story;
//   - the one date printed by the headline, with no "Updated" label, on
//     the day of the last edit, is the date the page presents itself with
//     (the site shows its last edit as the story's date); labelled
//     "Updated", it is a revision and pub stands.
//
// A date the metadata's instant has in some time zone is that instant, not
// another date.
func reconcileShown(doc *document, hl *headline, pubs, mods []time.Time) time.Time {
	pub := pubs[0]
	text, h1At := hl.near()
	title := hl.title
	hd := headlineDate(text, h1At, title)
	ta := parseTime(firstTimeAttr(doc, timeSkipStrict))
	for _, s := range []time.Time{hd.t, hd.swapped, ta} {
		if !s.IsZero() && sameDay(s, pub) {
			return pub
		}
	}
	// Metadata that disagrees with itself: the publication date the page
	// shows by its headline, unlabelled, is the one it stands by.
	// (The same instant written in another zone is no disagreement, and a
	// "date" that is the last edit's is a revision stamp.)
	for _, p := range pubs[1:] {
		if zoneDay(p, pub) || slices.ContainsFunc(mods, func(md time.Time) bool { return zoneDay(p, md) }) {
			continue
		}
		if (!hd.t.IsZero() && !hd.revision && sameDay(hd.t, p)) || (!ta.IsZero() && sameDay(ta, p)) {
			return p
		}
	}
	for i, s := range hd.others {
		// "Published <date> · Updated <pub's day>": the metadata dates the
		// revision.
		if sameDay(s, pub) && !hd.revised[i] {
			return pub
		}
	}
	var mod time.Time
	for _, md := range mods {
		if md.After(mod) {
			mod = md
		}
	}
	if !ta.IsZero() && !mod.IsZero() && !sameDay(ta, mod) && ta.After(pub) && ta.Before(mod) {
		return ta
	}
	if !hd.t.IsZero() && !hd.revision && len(hd.others) == 0 && hd.t.After(pub) && !zoneDay(hd.t, pub) && !mod.IsZero() && zoneDay(hd.t, mod) {
		return hd.t
	}
	for _, s := range []time.Time{hd.t, ta} {
		if !s.IsZero() && s.Before(pub) && !zoneDay(s, pub) {
			return s
		}
	}
	return pub
}
