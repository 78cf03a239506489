package main

import (
	"context"
	"fmt"
	"os"

	"github.com/newsquotes/newsquotes/internal/fetch"
)

// fetchedPage is a page fetched for `quotes extract URL`.
type fetchedPage struct {
	url         string // final URL, after redirects
	contentType string
	body        []byte
}

type pageGetter interface {
	get(ctx context.Context, url string) (*fetchedPage, error)
}

// fetchGetter fetches with the same polite, SSRF-guarded client the
// collector uses. NEWSQUOTES_ALLOW_LOOPBACK=1 lets local runs reach a site
// served on 127.0.0.1; every other private address stays refused.
type fetchGetter struct{ c *fetch.Client }

func newPageGetter() pageGetter {
	cfg := fetch.DefaultConfig()
	cfg.AllowLoopback = os.Getenv("NEWSQUOTES_ALLOW_LOOPBACK") == "1"
	return fetchGetter{c: fetch.New(cfg)}
}

func (g fetchGetter) get(ctx context.Context, u string) (*fetchedPage, error) {
	resp, err := g.c.Get(ctx, u, fetch.Conditional{})
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("fetch %s: status %d", u, resp.StatusCode)
	}
	return &fetchedPage{url: resp.URL, contentType: resp.ContentType, body: resp.Body}, nil
}
