package article

import (
	"net/url"
	"regexp"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// extractBody finds the article body and returns it as paragraphs. It may
// mutate the document, so metadata must be read first.
func extractBody(doc *goquery.Document, base *url.URL, title string, m meta) []Paragraph {
	root := doc.Nodes[0]
	p := readability.NewParser()
	p.KeepClasses = true
	p.DisableJSONLD = true
	ra, err := p.ParseAndMutate(root, base)
	if err != nil || ra.Node == nil {
		return nil
	}
	paras := paragraphs(ra.Node)
	return cleanParagraphs(paras, title)
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

// boilerplateRE matches class and id tokens of page furniture that sits
// inside article containers: share bars, pitches, captions, related links.
var boilerplateRE = regexp.MustCompile(`(?i)(?:^|[-_\s])(?:share|sharing|sharethis|social|related|recommend(?:ed|ations)?|newsletter|subscribe|subscription|signup|sign-up|promo|membership|member-cta|cta|paywall|advert|advertisement|ads?|ad-slot|adsense|dfp|sponsor(?:ed)?|cookie|consent|gdpr|comments?|disqus|breadcrumbs?|caption|credits?|photo-credit|popup|modal|toolbar|pagination|pager|also-read|read-?more|more-stories|outbrain|taboola|print-only|screen-reader|sr-only|visually-hidden|hidden|skip-link|author-bio|author-box|tags|tag-list|post-tags|entry-tags|categories|post-meta|entry-meta|article-meta|byline|dateline-share|toc|table-of-contents)(?:$|[-_\s])`)

func isBoilerplate(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "class", "id":
			if a.Val != "" && boilerplateRE.MatchString(a.Val) {
				return true
			}
		case "hidden":
			return true
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

// paragraphs walks a body container in document order and cuts its text at
// block boundaries. Each paragraph's kind is that of its innermost heading,
// blockquote or list item.
func paragraphs(root *html.Node) []Paragraph {
	w := walker{}
	w.walk(root, KindText, 0)
	w.flush()
	return w.out
}

type walker struct {
	out  []Paragraph
	buf  strings.Builder
	kind ParagraphKind
}

func (w *walker) flush() {
	if w.buf.Len() == 0 {
		return
	}
	t := collapseSpace(w.buf.String())
	w.buf.Reset()
	if t != "" {
		w.out = append(w.out, Paragraph{Kind: w.kind, Text: t})
	}
}

func (w *walker) walk(n *html.Node, kind ParagraphKind, depth int) {
	switch n.Type {
	case html.TextNode:
		if w.buf.Len() == 0 {
			w.kind = kind
		}
		w.buf.WriteString(n.Data)
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
	if skipTags[n.DataAtom] || depth > maxDepth || (depth > 0 && isBoilerplate(n)) {
		return
	}
	if n.DataAtom == atom.Br {
		// One <br> is a line break inside a paragraph; two end it.
		if next := nextElementSkippingSpace(n); next != nil && next.DataAtom == atom.Br {
			w.flush()
		} else {
			w.buf.WriteByte(' ')
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
		w.buf.WriteByte(' ')
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

// pitchRE matches short lines that sell, share or navigate rather than
// report. Only short paragraphs are tested, so prose that mentions a
// newsletter survives.
var pitchRE = regexp.MustCompile(`(?i)^(?:advertisement|advertising|sponsored|share (?:this|on)\b|share$|tweet$|also read|read (?:more|also|next)\b|related:|recommended\b|sign up\b|subscribe\b|click here\b|follow us\b|all rights reserved|©|\(c\) \d{4}|copyright\b|become a member|join (?:our|the) newsletter|get (?:our|the) newsletter|this article (?:was|is) (?:originally )?published|image:|photo:|credit:|getty images$|listen to this article|skip to\b)|(?:newsletter|subscribe|all rights reserved|sign up for|in your inbox)`)

// cleanParagraphs drops the headline repeated in the body and short
// furniture lines.
func cleanParagraphs(in []Paragraph, title string) []Paragraph {
	nt := normText(title)
	out := in[:0]
	for i, p := range in {
		np := normText(p.Text)
		if np == "" {
			continue
		}
		if i < 3 && np == nt {
			continue
		}
		if len(p.Text) < 160 && pitchRE.MatchString(p.Text) {
			continue
		}
		out = append(out, p)
	}
	return out
}
