package article

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// MaxPageBytes is the largest page Extract accepts. Real article pages are
// well under 2 MiB; anything bigger is a feed dump, an archive or an attack,
// and parsing it would cost more memory than a Lambda should spend on one page.
const MaxPageBytes = 5 << 20

// maxDepth caps how deep the parsed tree may go. Real pages rarely pass 60
// levels; a hostile page nested a million deep would make every recursive
// walk slow, so deeper subtrees are cut off.
const maxDepth = 256

// minBodyWords is the least body an article has: a brief is a few
// sentences; a page with less is a stub, a gallery or an error page.
const minBodyWords = 20

// ErrTooLarge reports a page over MaxPageBytes.
var ErrTooLarge = errors.New("page too large")

// Extract parses an HTML page fetched from pageURL into an Article. The
// charset comes from a byte-order mark or a <meta> declaration; pages that
// declare nothing are read as UTF-8 when they are valid UTF-8, else as
// windows-1252, as browsers do. A page with no article body returns an error
// wrapping ErrNotArticle.
func Extract(page []byte, pageURL string) (*Article, error) {
	return extract(page, "", pageURL)
}

// ExtractReader is Extract for a response body: contentType is the HTTP
// Content-Type header, whose charset parameter wins over the page's own
// declaration. It reads at most MaxPageBytes+1 bytes.
func ExtractReader(r io.Reader, contentType, pageURL string) (*Article, error) {
	page, err := io.ReadAll(io.LimitReader(r, MaxPageBytes+1))
	if err != nil {
		return nil, fmt.Errorf("article %s: read: %w", pageURL, err)
	}
	return extract(page, contentType, pageURL)
}

func extract(page []byte, contentType, pageURL string) (*Article, error) {
	if len(page) > MaxPageBytes {
		return nil, fmt.Errorf("article %s: %w: over %d bytes", pageURL, ErrTooLarge, MaxPageBytes)
	}
	if len(bytes.TrimSpace(page)) == 0 {
		return nil, fmt.Errorf("article %s: empty page: %w", pageURL, ErrNotArticle)
	}
	if n := bytes.Count(page, []byte("<")); n > maxTags {
		return nil, fmt.Errorf("article %s: %w: %d tags", pageURL, ErrTooLarge, n)
	}
	utf8Page, err := decode(page, contentType)
	if err != nil {
		return nil, fmt.Errorf("article %s: decode: %w", pageURL, err)
	}
	root, err := html.Parse(bytes.NewReader(utf8Page))
	if err != nil {
		return nil, fmt.Errorf("article %s: parse: %w", pageURL, err)
	}
	if n := capDepth(root, maxDepth); n > maxNodes {
		return nil, fmt.Errorf("article %s: %w: %d nodes", pageURL, ErrTooLarge, n)
	}
	doc := goquery.NewDocumentFromNode(root)

	a := &Article{URL: pageURL}
	base := parseBase(pageURL)
	m := readMeta(newDocument(doc), base)
	m.apply(a)
	a.CanonicalURL = canonicalURL(m.canonical, pageURL)
	if a.Authors == nil {
		a.Authors = []string{} // the output contract lists authors, even none
	}

	a.Paragraphs = extractBody(doc, base, a.Title, m.articleBody)
	if a.Title == "" {
		a.Title = firstHeading(doc)
	}
	if n := wordCount(a.Paragraphs); n < minBodyWords {
		return nil, &NotArticleError{URL: pageURL, Title: a.Title, Words: n}
	}
	return a, nil
}

// decode turns the page into UTF-8 text. A page already in UTF-8 comes back
// as it is, not copied: the parser only reads it.
func decode(page []byte, contentType string) ([]byte, error) {
	enc, name, certain := charset.DetermineEncoding(page, contentType)
	if !certain {
		if utf8.Valid(page) {
			// Valid UTF-8 is UTF-8, whatever the <meta> says: text in a
			// legacy encoding with bytes over 0x7F is almost never valid
			// UTF-8, while pages re-saved as UTF-8 keep stale declarations.
			return page, nil
		}
		if name == "windows-1252" {
			// The prescan only reads 1 KiB; some pages declare later.
			if e := lateCharset(page); e != "" {
				if e2, _ := charset.Lookup(e); e2 != nil {
					enc = e2
				}
			}
		}
	}
	if enc == nil {
		return page, nil
	}
	return enc.NewDecoder().Bytes(page)
}

var lateCharsetRE = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?([a-z0-9_\-:.]+)`)

// lateCharset finds a <meta> charset declaration in the first 16 KiB.
func lateCharset(page []byte) string {
	if len(page) > 16<<10 {
		page = page[:16<<10]
	}
	if m := lateCharsetRE.FindSubmatch(page); m != nil {
		return string(m[1])
	}
	return ""
}

// maxTags caps the markup before parsing: the 793 WCXB pages have at most
// 10,000 tags each, and parsing time grows with tags, not bytes.
const maxTags = 200_000

// maxNodes caps the parsed tree. Heavy real pages have tens of thousands of
// nodes; hostile markup (misnested formatting tags the parser keeps
// reopening) can make millions from a few megabytes.
const maxNodes = 250_000

// capDepth removes the children of nodes deeper than limit and returns how
// many nodes remain. It walks the tree by its links, not by recursion or a
// stack, so a hostile tree can neither blow the stack nor cost memory.
func capDepth(root *html.Node, limit int) int {
	count := 0
	n, depth := root, 0
	for {
		count++
		if depth >= limit {
			for c := n.FirstChild; c != nil; {
				next := c.NextSibling
				n.RemoveChild(c)
				c = next
			}
		}
		if n.FirstChild != nil {
			n, depth = n.FirstChild, depth+1
			continue
		}
		for n != root && n.NextSibling == nil {
			n, depth = n.Parent, depth-1
		}
		if n == root {
			return count
		}
		n = n.NextSibling
	}
}
