package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"gopkg.in/yaml.v3"

	"github.com/newsquotes/newsquotes/internal/entity"
	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/quote"
	"github.com/newsquotes/newsquotes/internal/source"
)

// TestRoutesMatchOpenAPI keeps the router and openapi.yaml in agreement,
// both ways.
func TestRoutesMatchOpenAPI(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		OpenAPI string                               `yaml:"openapi"`
		Paths   map[string]map[string]map[string]any `yaml:"paths"`
	}
	if err := yaml.Unmarshal(b, &spec); err != nil {
		t.Fatalf("openapi.yaml: %v", err)
	}
	if !strings.HasPrefix(spec.OpenAPI, "3.") {
		t.Errorf("openapi version %q", spec.OpenAPI)
	}
	var inSpec, inRouter []string
	for path, ops := range spec.Paths {
		for method := range ops {
			inSpec = append(inSpec, strings.ToUpper(method)+" "+path)
		}
	}
	for _, r := range Routes() {
		inRouter = append(inRouter, r.Method+" "+r.Pattern)
	}
	slices.Sort(inSpec)
	slices.Sort(inRouter)
	for _, r := range inRouter {
		if !slices.Contains(inSpec, r) {
			t.Errorf("%s is served but not in openapi.yaml", r)
		}
	}
	for _, r := range inSpec {
		if !slices.Contains(inRouter, r) {
			t.Errorf("%s is in openapi.yaml but not served", r)
		}
	}
}

// fakeStore answers from a few fixed records; ids "missing" are not found.
type fakeStore struct {
	pipeline.QueryStore
	sources []source.Source
	lastPg  pipeline.Page
	speaker string
}

var sampleQuote = pipeline.StoredQuote{ID: "q1", ArticleID: "a1", SpeakerKey: "charles michel", Quote: quote.Quote{Text: "This brutal, massive invasion of Ukraine is unjustified", Kind: quote.Direct}}

func (f *fakeStore) GetQuote(_ context.Context, id string) (pipeline.StoredQuote, error) {
	if id != "q0123456789abcdef01234567" {
		return pipeline.StoredQuote{}, fmt.Errorf("quote %s: %w", id, pipeline.ErrNotFound)
	}
	return sampleQuote, nil
}
func (f *fakeStore) GetArticleDetail(_ context.Context, id string) (pipeline.ArticleDetail, error) {
	return pipeline.ArticleDetail{}, fmt.Errorf("article %s: %w", id, pipeline.ErrNotFound)
}
func (f *fakeStore) QuotesBySpeaker(_ context.Context, key string, p pipeline.Page) ([]pipeline.StoredQuote, string, error) {
	f.speaker, f.lastPg = key, p
	if p.Cursor == "bad" {
		return nil, "", pipeline.ErrInvalidCursor
	}
	return []pipeline.StoredQuote{sampleQuote}, "", nil
}
func (f *fakeStore) RecentQuotes(_ context.Context, p pipeline.Page) ([]pipeline.StoredQuote, string, error) {
	return nil, "", &pipeline.Error{Code: pipeline.ETHROTTLED, Message: "storage is busy, retry later"}
}
func (f *fakeStore) GetEntity(_ context.Context, key string) (pipeline.EntitySummary, error) {
	return pipeline.EntitySummary{Key: key, Type: entity.Org, Name: "European Union"}, nil
}
func (f *fakeStore) EntitiesByPrefix(_ context.Context, prefix string, _ entity.Type, p pipeline.Page) ([]pipeline.EntitySummary, string, error) {
	f.lastPg = p
	return []pipeline.EntitySummary{{Key: "charles michel", Type: entity.Person, Name: "Charles Michel"}}, "", nil
}
func (f *fakeStore) ListSources(context.Context) ([]source.Source, error) { return f.sources, nil }
func (f *fakeStore) PutSource(_ context.Context, s source.Source) error {
	f.sources = append(f.sources, s)
	return nil
}

func newTestAPI(f *fakeStore, submit *pipeline.Submitter) *API {
	return &API{Query: &pipeline.Querier{Store: f, Sources: f}, Submit: submit}
}

func loadEvent(t *testing.T, name string) events.APIGatewayV2HTTPRequest {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "events", name))
	if err != nil {
		t.Fatal(err)
	}
	var ev events.APIGatewayV2HTTPRequest
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return ev
}

// TestEventsThroughLambda runs the events/ samples through the Lambda
// adapter, checking status and error codes.
func TestEventsThroughLambda(t *testing.T) {
	blocked := &pipeline.Submitter{Fetch: func(context.Context, string) (*pipeline.FetchedPage, error) {
		return nil, &pipeline.Error{Code: pipeline.EFORBIDDEN, Message: "the URL is not allowed"}
	}}
	for _, tc := range []struct {
		event  string
		status int
		code   string // error code, "" for success
	}{
		{"api-health.json", 200, ""},
		{"api-get-quotes.json", 200, ""},
		{"api-get-quotes-search.json", 200, ""},
		{"api-get-quote.json", 200, ""},
		{"api-get-article.json", 404, pipeline.ENOTFOUND},
		{"api-get-speakers.json", 200, ""},
		{"api-get-speaker-quotes.json", 200, ""},
		{"api-get-entity.json", 200, ""},
		{"api-get-sources.json", 200, ""},
		{"api-post-source.json", 201, ""},
		{"api-post-article-private.json", 403, pipeline.EFORBIDDEN},
		{"api-bad-limit.json", 400, pipeline.EINVALID},
	} {
		t.Run(tc.event, func(t *testing.T) {
			f := &fakeStore{}
			resp, err := Lambda(newTestAPI(f, blocked))(context.Background(), loadEvent(t, tc.event))
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, resp.Body)
			}
			if ct := resp.Headers["Content-Type"]; !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
			var eb ErrorBody
			if err := json.Unmarshal([]byte(resp.Body), &eb); err != nil {
				t.Fatalf("body is not JSON: %s", resp.Body)
			}
			if eb.Error.Code != tc.code {
				t.Errorf("error code %q, want %q (%s)", eb.Error.Code, tc.code, resp.Body)
			}
			if tc.event == "api-get-speaker-quotes.json" && f.speaker != "charles michel" {
				t.Errorf("speaker key %q: the escaped path segment must be decoded", f.speaker)
			}
		})
	}
}

func TestErrorsAndValidation(t *testing.T) {
	f := &fakeStore{}
	api := newTestAPI(f, nil)
	for _, tc := range []struct {
		method, target, body string
		status               int
		code                 string
	}{
		{"GET", "/nope", "", 404, pipeline.ENOTFOUND},
		{"DELETE", "/quotes", "", 405, "method_not_allowed"},
		{"PUT", "/sources", "{}", 405, "method_not_allowed"},
		{"GET", "/quotes", "", 429, pipeline.ETHROTTLED},
		{"GET", "/quotes?q=peace", "", 400, pipeline.EINVALID},
		{"GET", "/quotes?speaker=x&cursor=bad", "", 400, pipeline.EINVALID},
		{"GET", "/quotes?speaker=x&since=yesterday", "", 400, pipeline.EINVALID},
		{"GET", "/quotes?speaker=x&spaeker=y", "", 400, pipeline.EINVALID},
		{"GET", "/quotes?day=2026-13-01", "", 400, pipeline.EINVALID},
		{"GET", "/speakers", "", 400, pipeline.EINVALID},
		{"GET", "/speakers?prefix=a&limit=0", "", 400, pipeline.EINVALID},
		{"POST", "/sources", `{"id":"Bad Id","kind":"feed","url":"ftp://x"}`, 400, pipeline.EINVALID},
		{"POST", "/sources", `{"id":"ok","kind":"feed","url":"https://x.example/feed","colour":"red"}`, 400, pipeline.EINVALID},
		{"POST", "/sources", `{"id":"ok","kind":"feed","url":"https://x.example/` + strings.Repeat("x", MaxBodyBytes) + `"}`, 413, pipeline.ETOOLARGE},
		{"POST", "/articles", `{"url":"https://x.example/a"}`, 503, "unavailable"},
	} {
		req := httptest.NewRequest(tc.method, tc.target, strings.NewReader(tc.body))
		rec := httptest.NewRecorder()
		api.ServeHTTP(rec, req)
		var eb ErrorBody
		_ = json.Unmarshal(rec.Body.Bytes(), &eb)
		if rec.Code != tc.status || eb.Error.Code != tc.code {
			t.Errorf("%s %s: %d %q, want %d %q (%s)", tc.method, tc.target[:min(len(tc.target), 60)], rec.Code, eb.Error.Code, tc.status, tc.code, rec.Body.String()[:min(rec.Body.Len(), 200)])
		}
		if tc.status == 405 && rec.Header().Get("Allow") == "" {
			t.Errorf("%s %s: 405 without Allow", tc.method, tc.target)
		}
	}
}

func TestLimitIsCapped(t *testing.T) {
	f := &fakeStore{}
	rec := httptest.NewRecorder()
	newTestAPI(f, nil).ServeHTTP(rec, httptest.NewRequest("GET", "/speakers?prefix=ch&limit=5000", nil))
	if rec.Code != http.StatusOK || f.lastPg.Limit != pipeline.MaxLimit {
		t.Errorf("status %d, limit passed %d, want 200 and %d", rec.Code, f.lastPg.Limit, pipeline.MaxLimit)
	}
}

func TestPanicBecomesJSON500(t *testing.T) {
	api := &API{Query: &pipeline.Querier{Store: &fakeStore{}}} // no Sources: GET /sources panics
	rec := httptest.NewRecorder()
	api.ServeHTTP(rec, httptest.NewRequest("GET", "/sources", nil))
	var eb ErrorBody
	_ = json.Unmarshal(rec.Body.Bytes(), &eb)
	if rec.Code != 500 || eb.Error.Code != pipeline.EINTERNAL || strings.Contains(rec.Body.String(), "nil pointer") {
		t.Errorf("%d %s", rec.Code, rec.Body.String())
	}
}
