package pipeline

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"strconv"

	"golang.org/x/time/rate"

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

// FetchConfig is the fetch configuration the functions and local runs use,
// from their environment: USER_AGENT overrides the User-Agent;
// NEWSQUOTES_ALLOW_LOOPBACK=1 (tests and local runs only, never deployed)
// admits loopback addresses on any port; NEWSQUOTES_FETCH_RATE sets the
// per-host request rate (requests per second, "inf" for none).
func FetchConfig(getenv func(string) string) (fetch.Config, error) {
	cfg := fetch.DefaultConfig()
	if ua := getenv("USER_AGENT"); ua != "" {
		cfg.UserAgent = ua
	}
	if getenv("NEWSQUOTES_ALLOW_LOOPBACK") == "1" {
		cfg.AllowLoopback = true
		cfg.DialAllow = func(ap netip.AddrPort) bool { return ap.Addr().Unmap().IsLoopback() }
	}
	if s := getenv("NEWSQUOTES_FETCH_RATE"); s != "" {
		r, err := strconv.ParseFloat(s, 64)
		if s == "inf" {
			r, err = float64(rate.Inf), nil
		}
		if err != nil || r <= 0 {
			return cfg, fmt.Errorf("NEWSQUOTES_FETCH_RATE=%q: want a positive number or inf", s)
		}
		cfg.PerHostRate = rate.Limit(r)
		cfg.PerHostBurst = max(1, int(min(r, 100)))
	}
	return cfg, nil
}
