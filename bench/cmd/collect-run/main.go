// Command collect-run performs one collection run in its own process, wired
// as functions/collect wires it (store over DynamoDB, the polite fetch
// client configured from the environment, as pipeline.FetchConfig reads
// it), so the collector benchmark can read this process's peak RSS alone.
// The queue only counts (SQS is not emulated); DynamoDB requests are counted
// per operation by an HTTP transport. It writes a Result as JSON to -out.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"runtime/metrics"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/newsquotes/newsquotes/bench/internal/peakrss"
	"github.com/newsquotes/newsquotes/internal/fetch"
	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/store"
	"github.com/newsquotes/newsquotes/internal/store/dynamotest"
)

// Result is what one run did.
type Result struct {
	Summary  pipeline.RunSummary `json:"summary"`
	Requests map[string]int      `json:"dynamodb_requests"` // by operation
	Queued   int                 `json:"queued"`
	WallMS   float64             `json:"wall_ms"`
	PeakHeap uint64              `json:"peak_heap_bytes"`  // heap objects, sampled every 20 ms
	PeakGo   uint64              `json:"peak_go_bytes"`    // all memory the Go runtime mapped, sampled likewise
	Stacks   uint64              `json:"peak_stack_bytes"` // goroutine stacks, sampled likewise
	RSSKB    int64               `json:"peak_rss_kb"`      // VmHWM (see package peakrss)
}

// peaks samples the runtime's memory classes until stop is closed and
// returns the peaks of heap objects, all Go memory and goroutine stacks.
func peaks(stop <-chan struct{}) <-chan [3]uint64 {
	out := make(chan [3]uint64, 1)
	go func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/stacks:bytes"}}
		var peak [3]uint64
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			for i := range s {
				peak[i] = max(peak[i], s[i].Value.Uint64())
			}
			select {
			case <-stop:
				out <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return out
}

type counter struct {
	mu   sync.Mutex
	ops  map[string]int
	next http.RoundTripper
}

func (c *counter) RoundTrip(r *http.Request) (*http.Response, error) {
	op := r.Header.Get("X-Amz-Target")
	if _, after, ok := strings.Cut(op, "."); ok {
		op = after
	}
	c.mu.Lock()
	c.ops[op]++
	c.mu.Unlock()
	return c.next.RoundTrip(r)
}

type countingQueue struct {
	mu sync.Mutex
	n  int
}

func (q *countingQueue) Enqueue(_ context.Context, ids []string) error {
	q.mu.Lock()
	q.n += len(ids)
	q.mu.Unlock()
	return nil
}

func main() {
	endpoint := flag.String("endpoint", "", "DynamoDB endpoint")
	table := flag.String("table", "", "table name")
	conc := flag.Int("host-concurrency", 8, "requests in flight to one host")
	out := flag.String("out", "", "write the JSON result here")
	timeout := flag.Duration("timeout", 10*time.Minute, "the run's deadline (a Lambda's is at most 15 min)")
	flag.Parse()
	if err := run(*endpoint, *table, *conc, *out, *timeout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(endpoint, table string, conc int, out string, timeout time.Duration) error {
	quiet := slog.New(slog.NewJSONHandler(io.Discard, nil))
	cnt := &counter{ops: map[string]int{}, next: http.DefaultTransport}
	client := dynamodb.New(dynamotest.NewClient(endpoint).Options(), func(o *dynamodb.Options) { o.HTTPClient = &http.Client{Transport: cnt} })
	st := store.New(client, table, store.WithLogger(quiet))
	cfg, err := pipeline.FetchConfig(os.Getenv)
	if err != nil {
		return err
	}
	cfg.PerHostConcurrency = conc
	fc := fetch.New(cfg)
	q := &countingQueue{}
	col := &pipeline.Collector{Sources: st, Discover: pipeline.DiscoverWith(fc), Fetch: pipeline.FetchWith(fc), Articles: st, Queue: q, Lock: st, Log: quiet}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	stop := make(chan struct{})
	peak := peaks(stop)
	start := time.Now()
	sum, err := col.Run(ctx)
	wall := time.Since(start)
	close(stop)
	if err != nil {
		return err
	}
	p := <-peak
	res := Result{Summary: sum, Requests: cnt.ops, Queued: q.n, WallMS: float64(wall.Microseconds()) / 1000, PeakHeap: p[0], PeakGo: p[1], Stacks: p[2], RSSKB: peakrss.Self()}
	b, err := json.Marshal(res)
	if err != nil {
		return err
	}
	return os.WriteFile(out, b, 0o600)
}
