package article

import (
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// TestBylineCandidates holds bylineSelectors to what bylineCandidates
// filters on: a selector that could match an element outside the
// candidates would lose bylines silently.
func TestBylineCandidates(t *testing.T) {
	for _, sel := range bylineSelectors {
		last := sel[strings.LastIndexByte(sel, ' ')+1:] // the compound the element itself must match
		ok := strings.HasPrefix(last, "[itemprop") || strings.HasPrefix(last, "[rel") || strings.HasPrefix(last, "a[href") && (strings.Contains(last, "/author") || strings.Contains(last, "/profile/")) ||
			(strings.HasPrefix(last, ".") || strings.HasPrefix(last, "[class")) && (strings.Contains(last, "author") || strings.Contains(last, "byline"))
		if !ok {
			t.Errorf("byline selector %q may match elements bylineCandidates skips: update both", sel)
		}
	}
	page := `<html><body><div itemprop="author"><span itemprop="name">A</span></div>
<a rel="author" href="/x">B</a><p class="byline__name">C</p><span class="Author-Name">D</span>
<a href="/author/e">E</a><a href="/profile/f">F</a><a href="/authors/g">G</a><a href="/news/h" class="author">H</a><div class="post-byline-wrap">G</div>
<div class="entry-author">H</div><i class="author">I</i><b class="coauthors">J</b><p>K</p><span class="by">L</span></body></html>`
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	doc := newDocument(goquery.NewDocumentFromNode(root))
	cands := bylineCandidates(doc)
	matched := 0
	for _, sel := range bylineSelectors {
		for _, n := range doc.Find(sel).Nodes { // goquery itself, not the list under test
			matched++
			if !slices.Contains(cands, n) {
				t.Errorf("%q matches <%s %v>, not a candidate", sel, n.Data, n.Attr)
			}
		}
	}
	if matched < 10 {
		t.Errorf("only %d matches: the sample page no longer exercises the selectors", matched)
	}
}

// TestContentAnchors holds contentAnchors to contentTiers: a substring
// without an anchor would never be looked for.
func TestContentAnchors(t *testing.T) {
	for tier := 1; tier <= 4; tier++ {
		for _, sub := range contentTiers[tier] {
			if !containsAny(sub, contentAnchors) {
				t.Errorf("content tier %d substring %q holds none of %q", tier, sub, contentAnchors)
			}
		}
	}
}

// TestTagSelector checks that document.all refuses a selector that could
// match an element outside its lists.
func TestTagSelector(t *testing.T) {
	for _, css := range []string{"meta", "h1", `link[rel~="canonical"]`, "time[datetime]",
		`script[type="a, b"], meta[name="script:ld+json"]`} {
		tagSelector(css) // must not panic
	}
	for _, css := range []string{"div", ".byline", "h1 span", "meta > link", "h1.title, p", "time:not([x])"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("tagSelector(%q) accepted a selector that can match unlisted elements", css)
				}
			}()
			tagSelector(css)
		}()
	}
}
