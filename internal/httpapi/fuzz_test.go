package httpapi

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzRequests sends arbitrary paths, queries and bodies: every answer is a
// JSON body with a status below 500 (the fake store never fails).
func FuzzRequests(f *testing.F) {
	for _, s := range [][3]string{
		{"GET", "/quotes", "speaker=x&q=peace&limit=5"},
		{"GET", "/speakers/a%20b/quotes", "since=2026-01-01&until=2026-02-01"},
		{"POST", "/sources", ""},
		{"GET", "/quotes", "day=2026-02-30"},
		{"GET", "/entities/%zz", ""},
	} {
		f.Add(s[0], s[1], s[2], `{"id":"x","kind":"feed","url":"https://x.example/f"}`)
	}
	f.Fuzz(func(t *testing.T, method, path, query, body string) {
		if method != "GET" && method != "POST" {
			method = "GET"
		}
		u := &url.URL{Path: "/" + strings.TrimLeft(path, "/"), RawQuery: query}
		req := httptest.NewRequest("GET", "/", strings.NewReader(body))
		req.Method, req.URL = method, u
		rec := httptest.NewRecorder()
		newTestAPI(&fakeStore{}, nil).ServeHTTP(rec, req)
		if rec.Code >= 500 && rec.Code != 503 {
			t.Errorf("%s %s?%s: %d %s", method, u.Path, query, rec.Code, rec.Body.String())
		}
		var v map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
			t.Errorf("%s %s: body is not a JSON object: %q", method, u.Path, rec.Body.String())
		}
	})
}
