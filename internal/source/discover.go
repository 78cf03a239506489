package source

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"time"

	"github.com/newsquotes/newsquotes/internal/fetch"
)

// Getter fetches a URL, conditionally when cond is set. *fetch.Client
// satisfies it.
type Getter interface {
	Get(ctx context.Context, rawURL string, cond fetch.Conditional) (*fetch.Response, error)
}

// Item is one candidate article a source lists.
type Item struct {
	URL       string    `json:"url"`                // absolute, normalised
	Title     string    `json:"title,omitempty"`    // as the source gives it
	Published time.Time `json:"published,omitzero"` // zero when the source does not say
}

// Result is what one Discover call found.
type Result struct {
	Items       []Item
	State       State // the input state with the new ETag and Last-Modified
	NotModified bool  // the source has not changed since State was saved
	// Problems are parts of the source that could not be read (a child
	// sitemap that failed, a malformed line of a URL list). They never
	// hide the items that were read.
	Problems []error
}

// Limits on what one Discover call reads.
const (
	MaxItems         = 1000 // items returned, newest first when dated
	MaxChildSitemaps = 5    // child sitemaps followed from an index, most recent first
	maxSitemapDepth  = 2    // index -> index -> urlset
	maxDecompressed  = 50 << 20
)

// ErrSource marks a source whose main document is unusable (not a feed,
// not a sitemap, bad configuration). Fetch errors keep their own types.
var ErrSource = errors.New("unusable source")

// Discover lists the candidate article URLs of src: absolute, normalised,
// deduplicated, filtered by Include and Exclude, newest first when the
// source gives dates. A 304 to the conditional GET built from st returns a
// Result with NotModified set and no items.
func Discover(ctx context.Context, g Getter, src Source, st State) (Result, error) {
	if err := src.Validate(); err != nil {
		return Result{State: st}, fmt.Errorf("%w: %w", ErrSource, err)
	}
	filter, err := newFilter(src)
	if err != nil {
		return Result{State: st}, err
	}
	resp, err := g.Get(ctx, src.URL, fetch.Conditional{ETag: st.ETag, LastModified: st.LastModified})
	if err != nil {
		return Result{State: st}, fmt.Errorf("source %s: %w", src.ID, err)
	}
	res := Result{State: st}
	res.State.SourceID = src.ID
	if resp.NotModified {
		res.NotModified = true
		return res, nil
	}
	res.State.ETag = resp.Header.Get("ETag")
	res.State.LastModified = resp.Header.Get("Last-Modified")

	var items []Item
	switch src.Kind {
	case Feed:
		items, err = parseFeed(resp.Body, resp.URL)
	case Sitemap:
		items, res.Problems, err = readSitemap(ctx, g, resp)
	case Section:
		items, err = sectionLinks(resp.Body, resp.URL)
	case URLList:
		items, res.Problems = parseURLList(resp.Body, resp.URL)
	}
	if err != nil {
		// Keep the old validators: a conditional GET must not hide this
		// version of the document from the next run.
		return Result{State: st, Problems: res.Problems}, fmt.Errorf("source %s: %w: %w", src.ID, ErrSource, err)
	}
	res.Items = finish(items, filter)
	return res, nil
}

type filter struct{ include, exclude []*regexp.Regexp }

func newFilter(src Source) (filter, error) {
	var f filter
	for _, p := range src.Include {
		re, err := regexp.Compile(p)
		if err != nil {
			return f, fmt.Errorf("%w: include %q: %w", ErrSource, p, err)
		}
		f.include = append(f.include, re)
	}
	for _, p := range src.Exclude {
		re, err := regexp.Compile(p)
		if err != nil {
			return f, fmt.Errorf("%w: exclude %q: %w", ErrSource, p, err)
		}
		f.exclude = append(f.exclude, re)
	}
	return f, nil
}

func (f filter) keep(u string) bool {
	for _, re := range f.exclude {
		if re.MatchString(u) {
			return false
		}
	}
	if len(f.include) == 0 {
		return true
	}
	for _, re := range f.include {
		if re.MatchString(u) {
			return true
		}
	}
	return false
}

// finish normalises, filters, deduplicates (keeping the first title and
// the earliest known date), sorts newest first and caps the list.
func finish(items []Item, f filter) []Item {
	out := make([]Item, 0, len(items))
	seen := make(map[string]int, len(items))
	for _, it := range items {
		u, ok := normalizeURL(it.URL)
		if !ok || !f.keep(u) {
			continue
		}
		if i, dup := seen[u]; dup {
			if out[i].Title == "" {
				out[i].Title = it.Title
			}
			if out[i].Published.IsZero() {
				out[i].Published = it.Published
			}
			continue
		}
		it.URL = u
		seen[u] = len(out)
		out = append(out, it)
	}
	// Dated items newest first; undated ones after, in source order.
	slices.SortStableFunc(out, func(a, b Item) int {
		switch {
		case a.Published.IsZero() && b.Published.IsZero():
			return 0
		case a.Published.IsZero():
			return 1
		case b.Published.IsZero():
			return -1
		}
		return cmp.Compare(b.Published.UnixNano(), a.Published.UnixNano())
	})
	if len(out) > MaxItems {
		out = out[:MaxItems]
	}
	return out
}

// resolve makes href absolute against base; ok is false when it cannot be.
func resolve(base *url.URL, href string) (string, bool) {
	ref, err := url.Parse(href)
	if err != nil {
		return "", false
	}
	if base != nil {
		ref = base.ResolveReference(ref)
	}
	if ref.Scheme != "http" && ref.Scheme != "https" || ref.Host == "" {
		return "", false
	}
	// The parser accepts some references ("//::") whose resolved form it
	// then refuses: keep only URLs that read back.
	out := ref.String()
	if _, err := url.Parse(out); err != nil {
		return "", false
	}
	return out, true
}
