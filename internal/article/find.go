package article

import (
	"iter"
	"strings"
	"sync"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// document is a parsed page with its elements listed once, in document
// order. The metadata readers try dozens of selectors; filtering this list
// with selectors compiled once costs far less than a goquery Find, which
// compiles its selector and walks the whole tree on every call. The list
// is only good while the tree is unchanged: extractBody mutates it.
type document struct {
	*goquery.Document
	elements []*html.Node // every element under the document node
	body     *html.Node   // the first <body>, nil if none
}

func newDocument(doc *goquery.Document) *document {
	d := &document{Document: doc}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				d.elements = append(d.elements, c)
				if d.body == nil && c.Data == "body" {
					d.body = c
				}
			}
			walk(c)
		}
	}
	walk(doc.Nodes[0])
	return d
}

// all yields the elements m matches, in document order, as
// Document.FindMatcher(m) lists them.
func (d *document) all(m cascadia.Matcher) iter.Seq[*html.Node] {
	return func(yield func(*html.Node) bool) {
		for _, n := range d.elements {
			if m.Match(n) && !yield(n) {
				return
			}
		}
	}
}

// first is the first element m matches, nil if none.
func (d *document) first(m cascadia.Matcher) *html.Node {
	for n := range d.all(m) {
		return n
	}
	return nil
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

// attrValue is n's first attribute named key, as Selection.Attr reads it.
func attrValue(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}
