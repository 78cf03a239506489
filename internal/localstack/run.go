package localstack

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/newsquotes/newsquotes/internal/fetch"
	"github.com/newsquotes/newsquotes/internal/httpapi"
	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/source"
	"github.com/newsquotes/newsquotes/internal/store"
)

// Options configure a local run.
type Options struct {
	Addr        string       // the API's address; default 127.0.0.1:3000
	SourcesFile string       // a JSON array of sources (sources.example.json); "" serves the demo site
	Out         io.Writer    // progress and the closing help; default os.Stdout
	Log         *slog.Logger // JSON logs of the use cases; default: discarded
	// NoServe stops after collection and extraction instead of serving the
	// API until ctx is done (tests).
	NoServe bool
	// Ready, when set, is called with the API's base URL once it listens.
	Ready func(baseURL string)
}

// Table is the local table's name.
const Table = "newsquotes-local"

// Run starts DynamoDB Local, creates the table, collects from the demo site
// (or the sources file), extracts every new article, prints what it found
// and serves the API until ctx is done. Everything it started stops with it.
func Run(ctx context.Context, o Options) error {
	o = o.withDefaults()
	out := o.Out
	step := func(format string, args ...any) { fmt.Fprintf(out, "==> "+format+"\n", args...) }

	step("starting DynamoDB Local")
	local, err := startDynamoDBLocal()
	if err != nil {
		return err
	}
	defer local.Stop()
	if err := store.CreateTable(ctx, local.Client, Table); err != nil {
		return fmt.Errorf("create table: %w", err)
	}
	st := store.New(local.Client, Table, store.WithLogger(o.Log))
	step("DynamoDB Local on %s, table %s", local.Endpoint, Table)

	var srcs []source.Source
	fcfg := fetch.DefaultConfig()
	if o.SourcesFile != "" {
		if srcs, err = readSources(o.SourcesFile); err != nil {
			return err
		}
		step("%d sources from %s", len(srcs), o.SourcesFile)
	} else {
		site, err := serveLoopback(DemoSite())
		if err != nil {
			return fmt.Errorf("demo site: %w", err)
		}
		defer site.Close()
		srcs = []source.Source{{ID: "demo", Kind: source.Feed, URL: site.URL + DemoFeedPath, Name: "Demo news (loopback)", Enabled: true}}
		// The demo site is on loopback: allow it, and only it, for this run.
		fcfg.AllowLoopback = true
		fcfg.DialAllow = func(ap netip.AddrPort) bool { return ap.Addr().Unmap().IsLoopback() }
		fcfg.PerHostRate = 50
		fcfg.PerHostBurst = 10
		step("demo site on %s (SOURCES=file.json collects real feeds instead)", site.URL)
	}
	for _, s := range srcs {
		if err := st.PutSource(ctx, s); err != nil {
			return fmt.Errorf("add source %s: %w", s.ID, err)
		}
	}

	step("collecting")
	client := fetch.New(fcfg)
	q := &memoryQueue{}
	var mu sync.Mutex
	c := &pipeline.Collector{
		Sources: st, Discover: pipeline.DiscoverWith(client), Fetch: pipeline.FetchWith(client),
		Articles: st, Queue: q, Lock: st, Log: o.Log,
		Progress: func(r pipeline.PageResult) {
			mu.Lock()
			defer mu.Unlock()
			if r.Err != nil {
				fmt.Fprintf(out, "    failed  %s: %s\n", r.URL, pipeline.ErrorMessage(r.Err))
				return
			}
			fmt.Fprintf(out, "    fetched %s\n", cmp.Or(r.Title, r.URL))
		},
	}
	sum, err := c.Run(ctx)
	if err != nil {
		return fmt.Errorf("collect: %w", err)
	}
	step("collected: %d sources, %d links, %d new articles, %d pages failed, %d source errors (%d ms)",
		sum.SourcesDue, sum.Links, sum.ArticlesStored, sum.PagesFailed, sum.SourcesFailed, sum.DurationMS)
	for _, e := range sum.Errors {
		if e.Stage == "discover" {
			fmt.Fprintf(out, "    source %s: %s\n", e.SourceID, e.Message)
		}
	}

	step("extracting quotes and entities")
	x := &pipeline.Extractor{Articles: st, Saver: st, Log: o.Log}
	quotes := 0
	for _, id := range q.drain() {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		res, err := x.ExtractArticle(ctx, id)
		if err != nil {
			fmt.Fprintf(out, "    failed  %s: %v\n", id, err)
			continue
		}
		quotes += res.Quotes
		fmt.Fprintf(out, "    %s: %d quotes, %d entities\n", id, res.Quotes, res.Entities)
	}
	step("extracted %d quotes from %d articles", quotes, len(sum.NewArticleIDs))

	querier := &pipeline.Querier{Store: st, Sources: st}
	addr := o.Addr
	if o.NoServe {
		addr = "" // nothing will listen: no curl examples
	}
	if err := printHighlights(ctx, out, querier, addr); err != nil {
		return err
	}
	if o.NoServe {
		return nil
	}
	// Submitted URLs get the production guard: no loopback, no private addresses.
	submit := &pipeline.Submitter{Fetch: pipeline.FetchWith(fetch.New(fetch.DefaultConfig())), Store: st, Log: o.Log}
	api := &httpapi.API{Query: querier, Submit: submit, Log: o.Log}
	return serveAPI(ctx, o.Addr, api, out, o.Ready)
}

// ServeOptions configure Serve.
type ServeOptions struct {
	Addr  string // default 127.0.0.1:3000
	Table string // default TABLE_NAME, else Table
	Out   io.Writer
	Log   *slog.Logger
	Ready func(baseURL string)
}

// Serve runs the API against an existing table, with the AWS configuration
// of the environment (AWS_ENDPOINT_URL_DYNAMODB points it at DynamoDB
// Local), until ctx is done.
func Serve(ctx context.Context, o ServeOptions) error {
	if o.Addr == "" {
		o.Addr = "127.0.0.1:3000"
	}
	if o.Out == nil {
		o.Out = os.Stdout
	}
	if o.Log == nil {
		o.Log = slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	table := cmp.Or(o.Table, os.Getenv("TABLE_NAME"), Table)
	awsCfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return fmt.Errorf("aws config: %w", err)
	}
	st := store.New(dynamodb.NewFromConfig(awsCfg), table, store.WithLogger(o.Log))
	fcfg, err := pipeline.FetchConfig(os.Getenv)
	if err != nil {
		return err
	}
	api := &httpapi.API{
		Query:  &pipeline.Querier{Store: st, Sources: st},
		Submit: &pipeline.Submitter{Fetch: pipeline.FetchWith(fetch.New(fcfg)), Store: st, Log: o.Log},
		Log:    o.Log,
	}
	fmt.Fprintf(o.Out, "==> serving table %s\n", table)
	return serveAPI(ctx, o.Addr, api, o.Out, o.Ready)
}

func (o Options) withDefaults() Options {
	if o.Addr == "" {
		o.Addr = "127.0.0.1:3000"
	}
	if o.Out == nil {
		o.Out = os.Stdout
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return o
}

func readSources(path string) ([]source.Source, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	var srcs []source.Source
	if err := json.Unmarshal(b, &srcs); err != nil {
		return nil, fmt.Errorf("sources %s: want a JSON array of sources: %w", path, err)
	}
	for _, s := range srcs {
		if err := pipeline.ValidateSource(s); err != nil {
			return nil, fmt.Errorf("sources %s: %w", path, err)
		}
	}
	return srcs, nil
}

// memoryQueue stands in for SQS in a local run: collection and extraction
// run one after the other in this process.
type memoryQueue struct {
	mu  sync.Mutex
	ids []string
}

func (q *memoryQueue) Enqueue(_ context.Context, ids []string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.ids = append(q.ids, ids...)
	return nil
}

func (q *memoryQueue) drain() []string {
	q.mu.Lock()
	defer q.mu.Unlock()
	ids := q.ids
	q.ids = nil
	return ids
}

type loopbackServer struct {
	URL string
	srv *http.Server
}

func (s *loopbackServer) Close() { _ = s.srv.Close() }

func serveLoopback(h http.Handler) (*loopbackServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return &loopbackServer{URL: "http://" + ln.Addr().String(), srv: srv}, nil
}

func serveAPI(ctx context.Context, addr string, h http.Handler, out io.Writer, ready func(string)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("API: listen on %s: %w", addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 60 * time.Second}
	base := "http://" + ln.Addr().String()
	fmt.Fprintf(out, "==> API on %s (Ctrl-C stops everything)\n", base)
	if ready != nil {
		ready(base)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(out, "==> stopping")
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// printHighlights prints the speakers found and curl commands to try.
func printHighlights(ctx context.Context, out io.Writer, q *pipeline.Querier, addr string) error {
	page, err := q.Quotes(ctx, pipeline.QuoteFilter{Page: pipeline.Page{Limit: pipeline.MaxLimit}})
	if err != nil {
		return fmt.Errorf("list quotes: %w", err)
	}
	count := map[string]int{}
	names := map[string]string{}
	var articleID, quoteID string
	for _, sq := range page.Quotes {
		if sq.SpeakerKey == "" {
			continue
		}
		count[sq.SpeakerKey]++
		names[sq.SpeakerKey] = sq.Quote.Speaker.Name
		if articleID == "" {
			articleID, quoteID = sq.ArticleID, sq.ID
		}
	}
	keys := make([]string, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(count[b]-count[a], strings.Compare(a, b)) })
	if len(keys) > 0 {
		fmt.Fprintln(out, "==> speakers among the latest quotes:")
		for _, k := range keys[:min(len(keys), 8)] {
			fmt.Fprintf(out, "    %-28s %d quotes\n", names[k], count[k])
		}
	}
	if addr == "" {
		return nil
	}
	base := "http://" + addr
	fmt.Fprintln(out, "==> try:")
	fmt.Fprintf(out, "    curl -s '%s/health'\n", base)
	fmt.Fprintf(out, "    curl -s '%s/quotes?limit=5'\n", base)
	if len(keys) > 0 {
		k := keys[0]
		prefix := strings.Fields(k)[0]
		fmt.Fprintf(out, "    curl -s '%s/speakers?prefix=%s'\n", base, url.QueryEscape(prefix[:min(len(prefix), 4)]))
		fmt.Fprintf(out, "    curl -s '%s/speakers/%s/quotes'\n", base, url.PathEscape(k))
		fmt.Fprintf(out, "    curl -s '%s/quotes?speaker=%s&q=%s'\n", base, url.QueryEscape(k), "the")
	}
	if articleID != "" {
		fmt.Fprintf(out, "    curl -s '%s/articles/%s'\n", base, articleID)
		fmt.Fprintf(out, "    curl -s '%s/quotes/%s'\n", base, quoteID)
	}
	fmt.Fprintf(out, "    curl -s '%s/sources'\n", base)
	fmt.Fprintf(out, "    curl -s -X POST '%s/articles' -H 'Content-Type: application/json' -d '{\"url\":\"https://example.com/a-news-story\"}'\n", base)
	return nil
}
