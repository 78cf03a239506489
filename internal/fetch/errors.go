package fetch

import (
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Errors a caller can test with errors.Is. Each is wrapped with the URL and
// the reason, so the message alone says what happened.
var (
	// ErrBlocked: the SSRF guard refused the URL or the address it resolved
	// to (scheme, port, credentials, or a non-public address).
	ErrBlocked = errors.New("blocked by SSRF guard")
	// ErrRobots: the site's robots.txt disallows the URL for our user agent.
	ErrRobots = errors.New("disallowed by robots.txt")
	// ErrTooLarge: the body, after decompression, is over Config.MaxBodyBytes.
	ErrTooLarge = errors.New("response body too large")
	// ErrTooManyRedirects: more than Config.MaxRedirects redirects.
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrTimeout: an attempt ran over Config.Timeout or the context deadline.
	ErrTimeout = errors.New("timeout")
)

// StatusError is a final HTTP status the caller did not ask for (4xx, 5xx
// after retries, or a redirect without a Location).
type StatusError struct {
	Code int
	URL  string
	// RetryAfter is the server's Retry-After, or the backoff the client
	// would have waited when that is over Config.MaxRetryAfter: when to
	// come back (zero if unknown).
	RetryAfter time.Duration
}

func (e *StatusError) Error() string {
	// No URL: Get's wrapping names it.
	msg := fmt.Sprintf("HTTP %d %s", e.Code, http.StatusText(e.Code))
	if e.RetryAfter > 0 {
		msg += fmt.Sprintf(" (retry after %s)", e.RetryAfter)
	}
	return msg
}

// Temporary reports whether trying again later may succeed (429 and 5xx).
func (e *StatusError) Temporary() bool { return retryableStatus(e.Code) }

// blockedError keeps the reason next to ErrBlocked.
func blocked(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrBlocked, fmt.Sprintf(format, args...))
}
