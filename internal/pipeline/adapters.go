package pipeline

import (
	"context"
	"errors"
	"fmt"

	"github.com/newsquotes/newsquotes/internal/fetch"
	"github.com/newsquotes/newsquotes/internal/source"
)

// FetchWith adapts a fetch.Client to FetchFunc, mapping its errors to
// domain codes: refusals (SSRF guard, robots.txt) are EFORBIDDEN, 429 is
// ETHROTTLED, an oversized page ETOOLARGE, other failures EUNPROCESSABLE.
func FetchWith(c *fetch.Client) FetchFunc {
	return func(ctx context.Context, u string) (*FetchedPage, error) {
		resp, err := c.Get(ctx, u, fetch.Conditional{})
		if err != nil {
			return nil, fetchError(err)
		}
		return &FetchedPage{URL: resp.URL, StatusCode: resp.StatusCode, ContentType: resp.ContentType, Body: resp.Body}, nil
	}
}

func fetchError(err error) error {
	var se *fetch.StatusError
	switch {
	case errors.Is(err, fetch.ErrBlocked):
		return &Error{Code: EFORBIDDEN, Message: "the URL is not allowed: it must be a public http(s) address", Err: err}
	case errors.Is(err, fetch.ErrRobots):
		return &Error{Code: EFORBIDDEN, Message: "the site's robots.txt disallows fetching this URL", Err: err}
	case errors.Is(err, fetch.ErrTooLarge):
		return &Error{Code: ETOOLARGE, Message: "the page is too large", Err: err}
	case errors.Is(err, fetch.ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		return &Error{Code: EUNPROCESSABLE, Message: "the site did not answer in time", Err: err}
	case errors.As(err, &se) && se.Code == 429:
		return &Error{Code: ETHROTTLED, Message: "the site is rate limiting us; try later", Err: err}
	case errors.As(err, &se):
		return &Error{Code: EUNPROCESSABLE, Message: fmt.Sprintf("the site answered HTTP %d", se.Code), Err: err}
	}
	return &Error{Code: EUNPROCESSABLE, Message: "the page could not be fetched", Err: err}
}

// DiscoverWith adapts source.Discover over a fetch client to DiscoverFunc.
// Problems with parts of a source (a child sitemap) do not fail it.
func DiscoverWith(c *fetch.Client) DiscoverFunc {
	return func(ctx context.Context, src source.Source, st source.State) (Discovery, error) {
		res, err := source.Discover(ctx, c, src, st)
		if err != nil {
			return Discovery{State: res.State}, fetchErrorOr(err)
		}
		d := Discovery{State: res.State, NotModified: res.NotModified, Items: make([]DiscoveredItem, len(res.Items))}
		for i, it := range res.Items {
			d.Items[i] = DiscoveredItem{URL: it.URL, Title: it.Title, Published: it.Published}
		}
		return d, nil
	}
}

func fetchErrorOr(err error) error {
	if errors.Is(err, source.ErrSource) {
		return &Error{Code: EUNPROCESSABLE, Message: err.Error(), Err: err}
	}
	return fetchError(err)
}
