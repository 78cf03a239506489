package article

import (
	"iter"
	"strings"
	"sync"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// document is a parsed page with the elements the metadata readers select
// listed once, in document order. They try dozens of selectors; filtering
// short lists with selectors compiled once costs far less than a goquery
// Find, which compiles its selector and walks the whole tree on every
// call. The lists are only good while the tree is unchanged: extractBody
// mutates it.
type document struct {
	*goquery.Document
	tagged    []*html.Node // the elements whose tag isIndexedTag
	itemprops []*html.Node // the elements with an itemprop attribute
	body      *html.Node   // the first <body>, nil if none
}

// isIndexedTag names the tags document.all selects from: the head's
// metadata and the few body elements that date or title a page.
func isIndexedTag(tag string) bool {
	switch tag {
	case "html", "title", "meta", "link", "script", "h1", "time":
		return true
	}
	return false
}

func newDocument(doc *goquery.Document) *document {
	d := &document{Document: doc}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				if isIndexedTag(c.Data) {
					d.tagged = append(d.tagged, c)
				}
				if d.body == nil && c.Data == "body" {
					d.body = c
				}
				for _, a := range c.Attr {
					if a.Key == "itemprop" {
						d.itemprops = append(d.itemprops, c)
						break
					}
				}
			}
			walk(c)
		}
	}
	walk(doc.Nodes[0])
	return d
}

// all yields the elements the selector css matches, in document order, as
// Document.Find(css) lists them. css must select elements of indexed tags
// only (tagSelector panics otherwise).
func (d *document) all(css string) iter.Seq[*html.Node] {
	m := tagSelector(css)
	return func(yield func(*html.Node) bool) {
		for _, n := range d.tagged {
			if m.Match(n) && !yield(n) {
				return
			}
		}
	}
}

// first is the first element css matches, nil if none.
func (d *document) first(css string) *html.Node {
	for n := range d.all(css) {
		return n
	}
	return nil
}

// itemprop is the first element matching [itemprop="prop"], nil if none.
func (d *document) itemprop(prop string) *html.Node {
	for _, n := range d.itemprops {
		for _, a := range n.Attr {
			if a.Key == "itemprop" && a.Val == prop {
				return n
			}
		}
	}
	return nil
}

// tagSelectors holds the selectors tagSelector has checked.
var tagSelectors sync.Map

// tagSelector compiles css, a selector whose every alternative is one
// element of an indexed tag ("meta", `link[rel~="canonical"]`), with no
// combinator that would select some other element.
func tagSelector(css string) cascadia.Matcher {
	if m, ok := tagSelectors.Load(css); ok {
		return m.(cascadia.Matcher)
	}
	for _, alt := range splitSelectorGroup(css) {
		alt = strings.TrimSpace(alt)
		tag := alt[:len(alt)-len(strings.TrimLeft(alt, "abcdefghijklmnopqrstuvwxyz0123456789"))]
		rest := alt[len(tag):]
		for strings.HasPrefix(rest, "[") { // attribute tests, which may hold anything quoted
			end := strings.Index(rest, "]")
			if end < 0 {
				break
			}
			rest = rest[end+1:]
		}
		if !isIndexedTag(tag) || rest != "" {
			panic("article: selector " + css + " must select elements of one indexed tag")
		}
	}
	m := cascadia.MustCompile(css)
	tagSelectors.Store(css, m)
	return m
}

// selectors holds each CSS selector compiled, keyed by its text.
var selectors sync.Map

// selector compiles a CSS selector written in this package, once per
// process.
func selector(css string) cascadia.Matcher {
	if m, ok := selectors.Load(css); ok {
		return m.(cascadia.Matcher)
	}
	m := cascadia.MustCompile(css)
	selectors.Store(css, m)
	return m
}

// splitSelectorGroup splits a selector group at the commas outside
// attribute tests.
func splitSelectorGroup(css string) []string {
	var alts []string
	depth, start := 0, 0
	for i := 0; i < len(css); i++ {
		switch css[i] {
		case '[':
			depth++
		case ']':
			depth--
		case ',':
			if depth == 0 {
				alts = append(alts, css[start:i])
				start = i + 1
			}
		}
	}
	return append(alts, css[start:])
}

// closest reports whether n or one of its ancestors matches m, as
// Selection.ClosestMatcher finds.
func closest(n *html.Node, m cascadia.Matcher) bool {
	for ; n != nil; n = n.Parent {
		if m.Match(n) {
			return true
		}
	}
	return false
}

// nodeText is the text under n as Selection.Text reads it.
func nodeText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// attr is n's first attribute named key, or "" when it has none.
func attr(n *html.Node, key string) string {
	v, _ := attrValue(n, key)
	return v
}

// attrValue is n's first attribute named key, as Selection.Attr reads it.
func attrValue(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}
