// Package httpapi is the HTTP API: routing, request validation, JSON
// encoding and the one mapping from domain error codes to HTTP statuses. It
// is a plain http.Handler, served by functions/api through API Gateway
// (payload v2, see Lambda) and by `quotes serve` through net/http.
package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/source"
)

// MaxBodyBytes caps request bodies; larger ones get 413.
const MaxBodyBytes = 64 << 10

// API serves the routes. Query is required; Submit may be nil, in which
// case POST /articles answers 503.
type API struct {
	Query  *pipeline.Querier
	Submit *pipeline.Submitter
	Log    *slog.Logger
}

// Route is one method and path pattern; {name} matches one path segment.
type Route struct {
	Method  string
	Pattern string
	handle  func(a *API, r *http.Request, p params) (int, any, error)
}

type params map[string]string

// routes is the API. openapi.yaml describes the same set (a test checks).
var routes = []Route{
	{http.MethodGet, "/health", (*API).health},
	{http.MethodGet, "/quotes", (*API).listQuotes},
	{http.MethodGet, "/quotes/{id}", (*API).getQuote},
	{http.MethodGet, "/articles/{id}", (*API).getArticle},
	{http.MethodPost, "/articles", (*API).submitArticle},
	{http.MethodGet, "/speakers", (*API).listSpeakers},
	{http.MethodGet, "/speakers/{key}/quotes", (*API).speakerQuotes},
	{http.MethodGet, "/entities/{key}", (*API).getEntity},
	{http.MethodGet, "/sources", (*API).listSources},
	{http.MethodPost, "/sources", (*API).putSource},
}

// Routes lists the API's routes (method and pattern).
func Routes() []Route {
	out := make([]Route, len(routes))
	for i, r := range routes {
		out[i] = Route{Method: r.Method, Pattern: r.Pattern}
	}
	return out
}

// ServeHTTP routes a request, logs it as one JSON line and turns every
// failure, panics included, into a JSON error.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	reqID := RequestID(r.Context())
	if reqID == "" {
		reqID = newRequestID()
	}
	w.Header().Set("X-Request-Id", reqID)
	status := http.StatusInternalServerError
	var err error
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
			status = writeError(w, err)
		}
		lvl := slog.LevelInfo
		if status >= 500 {
			lvl = slog.LevelError
		}
		attrs := []any{"request_id", reqID, "method", r.Method, "path", r.URL.Path, "status", status, "duration_ms", time.Since(start).Milliseconds()}
		if err != nil {
			attrs = append(attrs, "err", err.Error())
		}
		a.log().Log(r.Context(), lvl, "request", attrs...)
	}()

	route, p, allowed := match(r.Method, r.URL.EscapedPath())
	if route == nil {
		if len(allowed) > 0 {
			w.Header().Set("Allow", strings.Join(allowed, ", "))
			err = &pipeline.Error{Code: codeMethodNotAllowed, Message: fmt.Sprintf("method %s not allowed on %s", r.Method, r.URL.Path)}
		} else {
			err = pipeline.Errorf(pipeline.ENOTFOUND, "no route for %s", r.URL.Path)
		}
		status = writeError(w, err)
		return
	}
	if r.Body != nil {
		r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
	}
	var body any
	status, body, err = route.handle(a, r, p)
	if err != nil {
		status = writeError(w, err)
		return
	}
	writeJSON(w, status, body)
}

// match finds the route for method and path, or the methods the path
// allows when only the method is wrong.
func match(method, escapedPath string) (*Route, params, []string) {
	segs := strings.Split(strings.Trim(escapedPath, "/"), "/")
	var allowed []string
	for i := range routes {
		rt := &routes[i]
		p, ok := matchPattern(rt.Pattern, segs)
		if !ok {
			continue
		}
		if rt.Method == method || (method == http.MethodHead && rt.Method == http.MethodGet) {
			return rt, p, nil
		}
		allowed = append(allowed, rt.Method)
	}
	return nil, nil, allowed
}

func matchPattern(pattern string, segs []string) (params, bool) {
	ps := strings.Split(strings.Trim(pattern, "/"), "/")
	if len(ps) != len(segs) {
		return nil, false
	}
	var p params
	for i, s := range ps {
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			v, err := url.PathUnescape(segs[i])
			if err != nil || strings.TrimSpace(v) == "" {
				return nil, false
			}
			if p == nil {
				p = params{}
			}
			p[s[1:len(s)-1]] = v
			continue
		}
		if s != segs[i] {
			return nil, false
		}
	}
	return p, true
}

// codeMethodNotAllowed is the router's own error code.
const codeMethodNotAllowed = "method_not_allowed"

// Status is the HTTP status of a domain error code: the one place codes
// become statuses.
func Status(code string) int {
	switch code {
	case pipeline.EINVALID:
		return http.StatusBadRequest
	case pipeline.EFORBIDDEN:
		return http.StatusForbidden
	case pipeline.ENOTFOUND:
		return http.StatusNotFound
	case codeMethodNotAllowed:
		return http.StatusMethodNotAllowed
	case pipeline.ECONFLICT:
		return http.StatusConflict
	case pipeline.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case pipeline.EUNPROCESSABLE:
		return http.StatusUnprocessableEntity
	case pipeline.ETHROTTLED:
		return http.StatusTooManyRequests
	case codeUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

const codeUnavailable = "unavailable"

// ErrorBody is the JSON shape of every error response.
type ErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func writeError(w http.ResponseWriter, err error) int {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		err = &pipeline.Error{Code: pipeline.ETOOLARGE, Message: fmt.Sprintf("request body over %d bytes", mbe.Limit), Err: err}
	}
	var body ErrorBody
	body.Error.Code = pipeline.ErrorCode(err)
	body.Error.Message = pipeline.ErrorMessage(err)
	status := Status(body.Error.Code)
	if status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "5")
	}
	writeJSON(w, status, body)
	return status
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":{"code":"internal","message":"internal error"}}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

func (a *API) log() *slog.Logger {
	if a.Log != nil {
		return a.Log
	}
	return slog.Default()
}

type requestIDKey struct{}

// WithRequestID attaches the platform's request id to ctx for logs and the
// X-Request-Id header.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the request id attached by WithRequestID, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// ---- handlers ----

func (a *API) health(r *http.Request, _ params) (int, any, error) {
	if err := queryOnly(r); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]string{"status": "ok"}, nil
}

func (a *API) listQuotes(r *http.Request, _ params) (int, any, error) {
	q := r.URL.Query()
	if err := queryOnly(r, "speaker", "entity", "q", "day", "since", "until", "limit", "cursor"); err != nil {
		return 0, nil, err
	}
	page, err := pageParams(q)
	if err != nil {
		return 0, nil, err
	}
	f := pipeline.QuoteFilter{Speaker: strings.TrimSpace(q.Get("speaker")), Entity: strings.TrimSpace(q.Get("entity")), Text: q.Get("q"), Page: page}
	if len(f.Text) > 200 {
		return 0, nil, pipeline.Errorf(pipeline.EINVALID, "q: at most 200 characters")
	}
	if d := q.Get("day"); d != "" {
		day, err := time.Parse(time.DateOnly, d)
		if err != nil {
			return 0, nil, pipeline.Errorf(pipeline.EINVALID, "day: want YYYY-MM-DD")
		}
		f.Day = day
	}
	out, err := a.Query.Quotes(r.Context(), f)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, out, nil
}

func (a *API) getQuote(r *http.Request, p params) (int, any, error) {
	if err := queryOnly(r); err != nil {
		return 0, nil, err
	}
	q, err := a.Query.Quote(r.Context(), p["id"])
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, q, nil
}

func (a *API) getArticle(r *http.Request, p params) (int, any, error) {
	if err := queryOnly(r); err != nil {
		return 0, nil, err
	}
	d, err := a.Query.Article(r.Context(), p["id"])
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, d, nil
}

// SubmitRequest is the body of POST /articles.
type SubmitRequest struct {
	URL string `json:"url"`
}

func (a *API) submitArticle(r *http.Request, _ params) (int, any, error) {
	if a.Submit == nil {
		return 0, nil, &pipeline.Error{Code: codeUnavailable, Message: "submitting articles is not enabled here"}
	}
	var req SubmitRequest
	if err := decodeBody(r, &req); err != nil {
		return 0, nil, err
	}
	if strings.TrimSpace(req.URL) == "" {
		return 0, nil, pipeline.Errorf(pipeline.EINVALID, "url is required")
	}
	if len(req.URL) > 2048 {
		return 0, nil, pipeline.Errorf(pipeline.EINVALID, "url: at most 2048 characters")
	}
	res, err := a.Submit.Submit(r.Context(), req.URL)
	if err != nil {
		return 0, nil, err
	}
	status := http.StatusOK
	if res.Created {
		status = http.StatusCreated
	}
	return status, res, nil
}

func (a *API) listSpeakers(r *http.Request, _ params) (int, any, error) {
	q := r.URL.Query()
	if err := queryOnly(r, "prefix", "limit", "cursor"); err != nil {
		return 0, nil, err
	}
	prefix := strings.TrimSpace(q.Get("prefix"))
	if prefix == "" {
		return 0, nil, pipeline.Errorf(pipeline.EINVALID, "prefix is required")
	}
	if len(prefix) > 100 {
		return 0, nil, pipeline.Errorf(pipeline.EINVALID, "prefix: at most 100 characters")
	}
	page, err := pageParams(q)
	if err != nil {
		return 0, nil, err
	}
	out, err := a.Query.Speakers(r.Context(), prefix, page)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, out, nil
}

func (a *API) speakerQuotes(r *http.Request, p params) (int, any, error) {
	q := r.URL.Query()
	if err := queryOnly(r, "q", "since", "until", "limit", "cursor"); err != nil {
		return 0, nil, err
	}
	page, err := pageParams(q)
	if err != nil {
		return 0, nil, err
	}
	out, err := a.Query.Quotes(r.Context(), pipeline.QuoteFilter{Speaker: p["key"], Text: q.Get("q"), Page: page})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, out, nil
}

func (a *API) getEntity(r *http.Request, p params) (int, any, error) {
	if err := queryOnly(r); err != nil {
		return 0, nil, err
	}
	e, err := a.Query.Entity(r.Context(), p["key"])
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, e, nil
}

func (a *API) listSources(r *http.Request, _ params) (int, any, error) {
	if err := queryOnly(r); err != nil {
		return 0, nil, err
	}
	srcs, err := a.Query.ListSources(r.Context())
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]any{"sources": srcs}, nil
}

func (a *API) putSource(r *http.Request, _ params) (int, any, error) {
	var s source.Source
	if err := decodeBody(r, &s); err != nil {
		return 0, nil, err
	}
	if err := a.Query.PutSource(r.Context(), s); err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, s, nil
}

// ---- request helpers ----

// queryOnly rejects query parameters outside allowed, so a typo is an error
// rather than a silently ignored filter.
func queryOnly(r *http.Request, allowed ...string) error {
	for k := range r.URL.Query() {
		ok := false
		for _, a := range allowed {
			ok = ok || k == a
		}
		if !ok {
			return pipeline.Errorf(pipeline.EINVALID, "unknown query parameter %q", k)
		}
	}
	return nil
}

func pageParams(q url.Values) (pipeline.Page, error) {
	var p pipeline.Page
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return p, pipeline.Errorf(pipeline.EINVALID, "limit: want a positive integer")
		}
		p.Limit = pipeline.ClampLimit(n)
	}
	if c := q.Get("cursor"); len(c) > 2048 {
		return p, pipeline.Errorf(pipeline.EINVALID, "cursor too long")
	}
	p.Cursor = q.Get("cursor")
	var err error
	if p.Since, err = timeParam(q, "since"); err != nil {
		return p, err
	}
	if p.Until, err = timeParam(q, "until"); err != nil {
		return p, err
	}
	return p, nil
}

// timeParam accepts RFC 3339 or a date (midnight UTC).
func timeParam(q url.Values, name string) (time.Time, error) {
	s := q.Get(name)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Time{}, pipeline.Errorf(pipeline.EINVALID, "%s: want RFC 3339 or YYYY-MM-DD", name)
}

func decodeBody(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(strings.ToLower(ct), "application/json") {
		return pipeline.Errorf(pipeline.EINVALID, "Content-Type must be application/json")
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return &pipeline.Error{Code: pipeline.EINVALID, Message: "request body: " + err.Error(), Err: err}
	}
	if dec.More() {
		return pipeline.Errorf(pipeline.EINVALID, "request body: one JSON object expected")
	}
	return nil
}
