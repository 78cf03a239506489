package pipeline

import (
	"errors"
	"fmt"
)

// Error codes: every adapter maps its failures to one of these, and the API
// maps each code to an HTTP status in exactly one place.
const (
	ECONFLICT      = "conflict"
	EINTERNAL      = "internal"
	EINVALID       = "invalid"
	ENOTFOUND      = "not_found"
	ETOOLARGE      = "too_large"
	ETHROTTLED     = "throttled"
	EUNPROCESSABLE = "unprocessable" // fetched, but not an article
	EFORBIDDEN     = "forbidden"     // e.g. a URL the SSRF guard refuses
)

// Error is a domain error with a code and a message safe to show users.
type Error struct {
	Code    string
	Message string
	Err     error // the cause, for logs; never shown to users
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an Error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for other errors and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-safe message of err.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// Sentinel errors adapters return (wrapped in *Error where a message helps).
var (
	ErrNotFound      = &Error{Code: ENOTFOUND, Message: "not found"}
	ErrInvalidCursor = &Error{Code: EINVALID, Message: "invalid cursor"}
)
