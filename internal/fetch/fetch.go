// Package fetch gets web pages politely and safely: an honest User-Agent,
// robots.txt, a per-host rate and concurrency limit, conditional GET,
// timeouts, caps on redirects and body size, gzip, retries with backoff on
// 429 and 5xx, and an SSRF guard that checks every address actually dialled
// (redirects included) so a URL from a user cannot reach loopback, private
// networks or the cloud metadata service.
package fetch

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/time/rate"
)

// DefaultUserAgent names the bot and where to read about it. Deployments
// should set their own contact URL.
const DefaultUserAgent = "newsquotes/0.1 (+https://github.com/newsquotes/newsquotes; news quote indexer)"

// Config sets a Client's behaviour. Zero fields take the defaults of
// DefaultConfig, except the booleans: start from DefaultConfig() to get
// robots.txt honoured.
type Config struct {
	UserAgent    string
	Timeout      time.Duration // one attempt: connect, headers and body
	MaxBodyBytes int64         // after decompression
	MaxRedirects int

	PerHostRate        rate.Limit // requests per second to one host (rate.Inf: no limit)
	PerHostBurst       int
	PerHostConcurrency int // requests in flight to one host

	Retries       int           // extra attempts on 429, 5xx and transient network errors
	RetryBackoff  time.Duration // base of the exponential backoff (full jitter)
	MaxRetryAfter time.Duration // longest Retry-After or backoff we wait; longer fails with StatusError.RetryAfter

	RespectRobots bool
	RobotsTTL     time.Duration
	MaxCrawlDelay time.Duration // robots.txt Crawl-delay is honoured up to this

	// AllowLoopback lets the client reach 127.0.0.0/8 and ::1 on any port
	// (local runs and tests only). Every other non-public address stays
	// blocked, and public addresses keep the AllowedPorts rule.
	AllowLoopback bool
	// AllowedPorts are the ports public addresses may use (default 80 and 443).
	AllowedPorts []int
	// Resolver resolves host names (default net.DefaultResolver).
	Resolver Resolver
	// DialAllow, when set, may admit a specific address the guard would
	// refuse (a test server). Leave nil in production.
	DialAllow func(netip.AddrPort) bool
}

// DefaultConfig is a polite, strict configuration for crawling news sites.
func DefaultConfig() Config {
	return Config{
		UserAgent:          DefaultUserAgent,
		Timeout:            20 * time.Second,
		MaxBodyBytes:       10 << 20,
		MaxRedirects:       5,
		PerHostRate:        1,
		PerHostBurst:       1,
		PerHostConcurrency: 2,
		Retries:            2,
		RetryBackoff:       500 * time.Millisecond,
		MaxRetryAfter:      30 * time.Second,
		RespectRobots:      true,
		RobotsTTL:          time.Hour,
		MaxCrawlDelay:      10 * time.Second,
		AllowedPorts:       []int{80, 443},
		Resolver:           net.DefaultResolver,
	}
}

func (cfg Config) withDefaults() Config {
	d := DefaultConfig()
	if cfg.UserAgent == "" {
		cfg.UserAgent = d.UserAgent
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = d.Timeout
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = d.MaxBodyBytes
	}
	if cfg.MaxRedirects <= 0 {
		cfg.MaxRedirects = d.MaxRedirects
	}
	if cfg.PerHostRate <= 0 {
		cfg.PerHostRate = d.PerHostRate
	}
	if cfg.PerHostBurst <= 0 {
		cfg.PerHostBurst = d.PerHostBurst
	}
	if cfg.PerHostConcurrency <= 0 {
		cfg.PerHostConcurrency = d.PerHostConcurrency
	}
	if cfg.Retries < 0 {
		cfg.Retries = 0
	}
	if cfg.RetryBackoff <= 0 {
		cfg.RetryBackoff = d.RetryBackoff
	}
	if cfg.MaxRetryAfter <= 0 {
		cfg.MaxRetryAfter = d.MaxRetryAfter
	}
	if cfg.RobotsTTL <= 0 {
		cfg.RobotsTTL = d.RobotsTTL
	}
	if cfg.MaxCrawlDelay <= 0 {
		cfg.MaxCrawlDelay = d.MaxCrawlDelay
	}
	if len(cfg.AllowedPorts) == 0 {
		cfg.AllowedPorts = d.AllowedPorts
	}
	if cfg.Resolver == nil {
		cfg.Resolver = d.Resolver
	}
	return cfg
}

// Conditional carries the validators of a previous response for a
// conditional GET.
type Conditional struct {
	ETag         string
	LastModified string
}

// Response is a fetched page.
type Response struct {
	URL         string // final URL, after redirects
	StatusCode  int
	Header      http.Header
	Body        []byte // decompressed, at most Config.MaxBodyBytes; charset untouched
	NotModified bool   // 304: the Conditional still holds; Body is empty
	ContentType string
}

// Client fetches pages. Build one with New and share it: it holds the
// per-host limits and the robots.txt cache. Safe for concurrent use.
type Client struct {
	cfg    Config
	http   *http.Client
	dialer *net.Dialer
	hosts  *hosts
	robots robotsCache
}

// New builds a Client. The transport ignores proxy settings from the
// environment: a proxy would dial on our behalf and bypass the guard.
func New(cfg Config) *Client {
	cfg = cfg.withDefaults()
	c := &Client{cfg: cfg, hosts: newHosts(cfg.PerHostRate, cfg.PerHostBurst, cfg.PerHostConcurrency)}
	c.robots.entries = map[string]*robotsEntry{}
	c.dialer = &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, Control: c.controlDial}
	tr := &http.Transport{
		Proxy:                  nil,
		DialContext:            c.dialContext,
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           100,
		MaxIdleConnsPerHost:    4,
		IdleConnTimeout:        90 * time.Second,
		TLSHandshakeTimeout:    10 * time.Second,
		ExpectContinueTimeout:  time.Second,
		DisableCompression:     true, // we decompress ourselves, under the size cap
		MaxResponseHeaderBytes: 1 << 20,
	}
	c.http = &http.Client{
		Transport: tr,
		// Redirects are followed by Get, one checked hop at a time.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return c
}

// Config returns the effective configuration (defaults filled in).
func (c *Client) Config() Config { return c.cfg }

// Get fetches rawURL, following redirects. A 304 to a conditional request
// returns a Response with NotModified set; any other status outside 2xx is
// a *StatusError. ctx bounds the whole call, retries included.
func (c *Client) Get(ctx context.Context, rawURL string, cond Conditional) (*Response, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return nil, fmt.Errorf("fetch %q: %w", rawURL, err)
	}
	resp, err := c.get(ctx, u, cond, getOptions{robots: c.cfg.RespectRobots, maxBytes: c.cfg.MaxBodyBytes})
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u.Redacted(), err)
	}
	return resp, nil
}

type getOptions struct {
	robots   bool  // check robots.txt on every hop
	maxBytes int64 // body cap
	truncate bool  // cut the body at maxBytes instead of failing
}

func (c *Client) get(ctx context.Context, u *url.URL, cond Conditional, opt getOptions) (*Response, error) {
	for hop := 0; ; hop++ {
		if err := c.checkURL(u); err != nil {
			return nil, err
		}
		if opt.robots {
			if err := c.robotsAllowed(ctx, u); err != nil {
				return nil, err
			}
		}
		resp, next, err := c.attempts(ctx, u, cond, opt)
		if err != nil {
			return nil, err
		}
		if next == nil {
			return resp, nil
		}
		if hop >= c.cfg.MaxRedirects {
			return nil, fmt.Errorf("%w: more than %d", ErrTooManyRedirects, c.cfg.MaxRedirects)
		}
		u = next
	}
}

// attempts performs one request with retries. It returns either a final
// response or the next URL of a redirect.
func (c *Client) attempts(ctx context.Context, u *url.URL, cond Conditional, opt getOptions) (*Response, *url.URL, error) {
	for attempt := 0; ; attempt++ {
		resp, next, wait, err := c.once(ctx, u, cond, opt)
		if err == nil || attempt >= c.cfg.Retries || !retryable(err) {
			return resp, next, err
		}
		if wait <= 0 {
			backoff := c.cfg.RetryBackoff << attempt
			wait = rand.N(backoff) + backoff/2 // jitter in [b/2, 3b/2)
		}
		if wait > c.cfg.MaxRetryAfter {
			var se *StatusError
			if errors.As(err, &se) {
				se.RetryAfter = wait
			}
			return nil, nil, err
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			return nil, nil, err // no time left to wait: report the real failure
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, nil, err
		}
	}
}

func retryable(err error) bool {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Temporary()
	}
	if errors.Is(err, ErrBlocked) || errors.Is(err, ErrTooLarge) || errors.Is(err, ErrRobots) ||
		errors.Is(err, context.Canceled) {
		return false
	}
	if errors.Is(err, ErrTimeout) {
		return true
	}
	// A name that does not exist or a port nobody listens on will not
	// change within a few seconds.
	var de *net.DNSError
	if (errors.As(err, &de) && de.IsNotFound) || errors.Is(err, syscall.ECONNREFUSED) {
		return false
	}
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF)
}

func retryableStatus(code int) bool {
	return code == http.StatusTooManyRequests || (code >= 500 && code != http.StatusNotImplemented)
}

// once is one HTTP exchange. wait is the server's Retry-After, if any.
func (c *Client) once(ctx context.Context, u *url.URL, cond Conditional, opt getOptions) (resp *Response, next *url.URL, wait time.Duration, err error) {
	release, err := c.hosts.acquire(ctx, strings.ToLower(u.Host))
	if err != nil {
		return nil, nil, 0, timeoutOr(err)
	}
	defer release()

	actx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, nil, 0, err
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml,application/atom+xml,application/feed+json,*/*;q=0.8")
	req.Header.Set("Accept-Encoding", "gzip, deflate")
	if cond.ETag != "" {
		req.Header.Set("If-None-Match", cond.ETag)
	}
	if cond.LastModified != "" {
		req.Header.Set("If-Modified-Since", cond.LastModified)
	}
	hr, err := c.http.Do(req)
	if err != nil {
		return nil, nil, 0, unwrapURLError(timeoutOr(err))
	}
	defer hr.Body.Close()

	switch code := hr.StatusCode; {
	case code == http.StatusNotModified:
		return &Response{URL: u.String(), StatusCode: code, Header: hr.Header, NotModified: true,
			ContentType: hr.Header.Get("Content-Type")}, nil, 0, nil
	case code >= 300 && code < 400 && hr.Header.Get("Location") != "":
		next, err := u.Parse(hr.Header.Get("Location"))
		if err != nil {
			return nil, nil, 0, fmt.Errorf("bad redirect Location %q: %w", hr.Header.Get("Location"), err)
		}
		next.Fragment = ""
		return nil, next, 0, nil
	case code < 200 || code >= 300:
		_, _ = io.Copy(io.Discard, io.LimitReader(hr.Body, 64<<10)) // let the connection be reused
		ra := retryAfter(hr.Header.Get("Retry-After"))
		return nil, nil, ra, &StatusError{Code: code, URL: u.Redacted(), RetryAfter: ra}
	}

	body, err := readBody(hr, opt.maxBytes, opt.truncate)
	if err != nil {
		return nil, nil, 0, timeoutOr(err)
	}
	return &Response{URL: u.String(), StatusCode: hr.StatusCode, Header: hr.Header, Body: body,
		ContentType: hr.Header.Get("Content-Type")}, nil, 0, nil
}

// readBody reads and decompresses the body, never holding more than max
// decompressed bytes: a gzip bomb stops at the cap.
func readBody(hr *http.Response, max int64, truncate bool) ([]byte, error) {
	if hr.ContentLength > max && !truncate && hr.Header.Get("Content-Encoding") == "" {
		return nil, fmt.Errorf("%w: Content-Length %d over %d bytes", ErrTooLarge, hr.ContentLength, max)
	}
	var r io.Reader = hr.Body
	switch enc := strings.ToLower(strings.TrimSpace(hr.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(hr.Body)
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		defer zr.Close()
		r = zr
	case "deflate":
		// "deflate" means zlib, though a few servers send raw deflate.
		zr, err := zlib.NewReader(hr.Body)
		if err != nil {
			return nil, fmt.Errorf("deflate: %w", err)
		}
		defer zr.Close()
		r = zr
	default:
		return nil, fmt.Errorf("unsupported Content-Encoding %q", enc)
	}
	var buf bytes.Buffer
	n, err := io.Copy(&buf, io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if n > max {
		if truncate {
			return buf.Bytes()[:max], nil
		}
		return nil, fmt.Errorf("%w: over %d bytes", ErrTooLarge, max)
	}
	return buf.Bytes(), nil
}

// retryAfter parses Retry-After as seconds or an HTTP date.
func retryAfter(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0
		}
		return time.Duration(min(s, 1<<20)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0)
	}
	return 0
}

func timeoutOr(err error) error {
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return fmt.Errorf("%w: %w", ErrTimeout, err)
	}
	return err
}

// unwrapURLError drops *url.Error's "Get <url>:" prefix; Get adds its own.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && !errors.Is(err, ErrTimeout) {
		return ue.Err
	}
	return err
}
