package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// robotsMaxBytes is what RFC 9309 asks a crawler to parse at least.
const robotsMaxBytes = 500 << 10

type robotsEntry struct {
	ready   chan struct{} // closed when data is set
	data    *robotstxt.RobotsData
	expires time.Time
}

type robotsCache struct {
	mu      sync.Mutex
	entries map[string]*robotsEntry
}

// robotsAllowed reports whether u may be fetched, fetching and caching the
// host's robots.txt through the guarded client when needed. Errors are the
// guard's or the context's; a robots.txt that cannot be fetched for other
// reasons counts as "allow all" (a 5xx as "disallow all", per RFC 9309).
func (c *Client) robotsAllowed(ctx context.Context, u *url.URL) error {
	if !c.cfg.RespectRobots {
		return nil
	}
	key := u.Scheme + "://" + strings.ToLower(u.Host)
	data, err := c.robotsFor(ctx, key)
	if err != nil {
		return err
	}
	group := data.FindGroup(c.cfg.UserAgent)
	c.hosts.slowDown(strings.ToLower(u.Host), min(group.CrawlDelay, c.cfg.MaxCrawlDelay))
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !data.TestAgent(path, c.cfg.UserAgent) {
		return fmt.Errorf("%w: %s", ErrRobots, u.Redacted())
	}
	return nil
}

func (c *Client) robotsFor(ctx context.Context, key string) (*robotstxt.RobotsData, error) {
	rc := &c.robots
	for {
		rc.mu.Lock()
		e := rc.entries[key]
		if e != nil {
			select {
			case <-e.ready:
				if time.Now().Before(e.expires) {
					rc.mu.Unlock()
					return e.data, nil
				}
				e = nil // expired: fetch again below
			default:
			}
		}
		if e == nil {
			e = &robotsEntry{ready: make(chan struct{})}
			if len(rc.entries) >= maxHosts {
				clear(rc.entries)
			}
			rc.entries[key] = e
			rc.mu.Unlock()
			data, ttl, err := c.fetchRobots(ctx, key)
			if err != nil {
				// Not cached: the next caller tries again.
				rc.mu.Lock()
				delete(rc.entries, key)
				rc.mu.Unlock()
				close(e.ready)
				return nil, err
			}
			e.data, e.expires = data, time.Now().Add(ttl)
			close(e.ready)
			return data, nil
		}
		rc.mu.Unlock()
		// Another request is fetching this robots.txt: wait for it.
		select {
		case <-e.ready:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

func (c *Client) fetchRobots(ctx context.Context, key string) (*robotstxt.RobotsData, time.Duration, error) {
	u, err := url.Parse(key + "/robots.txt")
	if err != nil {
		return nil, 0, err
	}
	resp, err := c.get(ctx, u, Conditional{}, getOptions{maxBytes: robotsMaxBytes, truncate: true})
	var se *StatusError
	switch {
	case err == nil:
		data, perr := robotstxt.FromBytes(resp.Body)
		if perr != nil {
			data, _ = robotstxt.FromStatusAndBytes(404, nil) // unparseable: allow all
		}
		return data, c.cfg.RobotsTTL, nil
	case errors.As(err, &se):
		data, perr := robotstxt.FromStatusAndBytes(se.Code, nil)
		if perr != nil {
			data, _ = robotstxt.FromStatusAndBytes(404, nil)
		}
		ttl := c.cfg.RobotsTTL
		if se.Code >= 500 {
			ttl = min(ttl, robotsRetryTTL) // a server error should not lock us out for long
		}
		return data, ttl, nil
	case errors.Is(err, ErrBlocked), ctx.Err() != nil:
		return nil, 0, err
	default:
		// Unreachable (connection refused, DNS, timeout): the page fetch
		// would most likely fail the same way; report it rather than guess.
		return nil, 0, fmt.Errorf("robots.txt: %w", err)
	}
}

const robotsRetryTTL = 5 * time.Minute
