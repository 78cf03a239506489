package stress

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"golang.org/x/time/rate"

	"github.com/newsquotes/newsquotes/bench/internal/loopsite"
	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/store"
	"github.com/newsquotes/newsquotes/internal/store/dynamotest"
)

// throttler answers a share of DynamoDB requests itself with the error
// DynamoDB returns when a table is over its throughput, before they reach
// DynamoDB Local; the rest pass through.
type throttler struct {
	next      http.RoundTripper
	share     float64
	requests  atomic.Int64
	throttled atomic.Int64
}

func (th *throttler) RoundTrip(r *http.Request) (*http.Response, error) {
	th.requests.Add(1)
	if rand.Float64() >= th.share {
		return th.next.RoundTrip(r)
	}
	th.throttled.Add(1)
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	body := `{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"The level of configured provisioned throughput for the table was exceeded (injected)"}`
	return &http.Response{
		StatusCode: http.StatusBadRequest, Status: "400 Bad Request", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{
			"Content-Type":     {"application/x-amz-json-1.0"},
			"X-Amzn-Requestid": {"injected-" + strconv.FormatInt(th.throttled.Load(), 10)},
		},
		Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)), Request: r,
	}, nil
}

// TestThrottling runs a collection and the extraction of every article
// while a share of DynamoDB requests (20%; 10% in -quick) is refused as over
// throughput. The SDK's retries absorb most; what they do not must be picked
// up the way production does (the next collection run, SQS redelivery of
// the failed records) and nothing may be lost.
func TestThrottling(t *testing.T) {
	pages, share := 40, 0.1
	if !*quick {
		pages, share = 200, 0.2
	}
	local := dynamotest.Start(t)
	table := local.CreateTable(t)
	th := &throttler{next: http.DefaultTransport, share: share}
	client := dynamodb.New(local.Client.Options(), func(o *dynamodb.Options) { o.HTTPClient = &http.Client{Transport: th} })
	st := store.New(client, table, store.WithLogger(quietLog()))
	site := &loopsite.Site{Pages: pages}
	srv := httptest.NewServer(site)
	defer srv.Close()
	putFeeds(t, store.New(local.Client, table), srv.URL, site.Feeds()...)

	var lost []string
	var retried, redelivered int
	defer func() {
		l := "nothing"
		if len(lost) > 0 {
			l = strings.Join(lost, "; ")
		}
		record(t, "DynamoDB throttling", fmt.Sprintf("collect + extract %d articles with %.0f%% of DynamoDB requests answered ProvisionedThroughputExceeded "+
			"(%d of %d throttled; after the SDK's retries %d pages waited for the next run and %d records for an SQS redelivery)",
			pages, 100*th.share, th.throttled.Load(), th.requests.Load(), retried, redelivered), l)
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	q := &memQueue{}
	col := newCollector(st, loopbackFetch(rate.Inf, 8), q)
	// Pages a run fails to store are found again by the next run (bounded).
	for run := 1; run <= 3; run++ {
		sum, err := col.Run(ctx)
		if err != nil {
			t.Fatalf("collect run %d: %v", run, err)
		}
		retried += len(sum.Errors)
		if len(sum.Errors) == 0 {
			break
		}
		if run == 3 {
			for _, e := range sum.Errors {
				lost = append(lost, fmt.Sprintf("collect %s %s: %s", e.Stage, e.URL, e.Message))
			}
		}
	}
	// Extraction as SQS drives it: failed records come back, at most
	// maxReceive times (the queue's redrive policy), from 8 concurrent
	// invocations.
	ex := &pipeline.Extractor{Articles: st, Saver: st, Log: quietLog()}
	const maxReceive = 4
	todo := q.IDs()
	for receive := 1; receive <= maxReceive && len(todo) > 0; receive++ {
		var mu sync.Mutex
		var again []string
		var wg sync.WaitGroup
		next := atomic.Int64{}
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := int(next.Add(1)) - 1
					if i >= len(todo) {
						return
					}
					if _, err := ex.ExtractArticle(ctx, todo[i]); err != nil {
						mu.Lock()
						again = append(again, todo[i])
						if receive == maxReceive {
							lost = append(lost, "extract "+todo[i]+" (dead-lettered): "+err.Error())
						}
						mu.Unlock()
					}
				}
			}()
		}
		wg.Wait()
		redelivered += len(again)
		todo = again
	}
	c := takeCensus(t, local.Client, table)
	if len(c.articles) != pages || c.kinds["article:A"] != pages {
		lost = append(lost, fmt.Sprintf("%d articles stored, want %d", len(c.articles), pages))
	}
	if c.kinds["article:Q"] < 2*pages {
		lost = append(lost, fmt.Sprintf("%d quotes stored for %d articles (each has at least 2)", c.kinds["article:Q"], pages))
	}
	if th.throttled.Load() == 0 {
		lost = append(lost, "nothing was throttled: the scenario tested nothing")
	}
	t.Logf("census: %v", c.kinds)
	if len(lost) > 0 {
		t.Errorf("lost: %s", strings.Join(lost, "; "))
	}
}

// ownDynamo is a DynamoDB Local of this test's own, on disk (-dbPath) so it
// can be killed and restarted on the same port with its data. The shared
// harness (dynamotest) runs in memory and cannot restart, so this starts
// the same jar with the harness's loopback launcher.
type ownDynamo struct {
	t        *testing.T
	port     int
	dbDir    string
	launcher string
	jarDir   string
	cmd      *exec.Cmd
	out      bytes.Buffer
}

func startOwnDynamo(t *testing.T) *ownDynamo {
	jarDir, err := dynamotest.JarDir()
	if err != nil {
		t.Skipf("DynamoDB Local not installed: %v", err)
	}
	if _, err := exec.LookPath("java"); err != nil {
		t.Skip("java not found")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	var launcher string
	for _, dir := range []string{"dynamolocal", "dynamotest"} {
		if p := filepath.Join(root, "internal", "store", dir, "LoopbackDynamoDBLocal.java"); launcher == "" {
			if _, err := os.Stat(p); err == nil {
				launcher = p
			}
		}
	}
	if launcher == "" {
		t.Skip("the loopback launcher for DynamoDB Local is not in internal/store")
	}
	d := &ownDynamo{t: t, port: port, dbDir: t.TempDir(), jarDir: jarDir, launcher: launcher}
	d.start()
	t.Cleanup(d.stop)
	return d
}

func (d *ownDynamo) endpoint() string { return fmt.Sprintf("http://127.0.0.1:%d", d.port) }

func (d *ownDynamo) start() {
	d.t.Helper()
	d.out.Reset()
	cmd := exec.Command("java", "-Djava.library.path="+filepath.Join(d.jarDir, "DynamoDBLocal_lib"),
		"-cp", filepath.Join(d.jarDir, "DynamoDBLocal.jar"), d.launcher,
		"-dbPath", d.dbDir, "-sharedDb", "-port", strconv.Itoa(d.port), "-disableTelemetry")
	cmd.Dir = d.dbDir
	cmd.Stdout, cmd.Stderr = &d.out, &d.out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		d.t.Fatal(err)
	}
	d.cmd = cmd
	client := dynamotest.NewClient(d.endpoint())
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		_, err := client.ListTables(ctx, &dynamodb.ListTablesInput{}, func(o *dynamodb.Options) { o.RetryMaxAttempts = 1 })
		cancel()
		if err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	d.t.Fatalf("own DynamoDB Local did not start: %s", d.out.String())
}

func (d *ownDynamo) stop() {
	if d.cmd != nil && d.cmd.Process != nil {
		_ = syscall.Kill(-d.cmd.Process.Pid, syscall.SIGKILL)
		_ = d.cmd.Wait()
		d.cmd = nil
	}
}

// TestDynamoRestart kills DynamoDB Local in the middle of a collection run
// and starts it again: the run must report the failures, later runs must
// pick up what was not stored, and the table must end with every article
// exactly once.
func TestDynamoRestart(t *testing.T) {
	if *quick {
		t.Skip("not in -quick: waiting out the lock lease takes about a minute")
	}
	pages := 300
	d := startOwnDynamo(t)
	client := dynamotest.NewClient(d.endpoint())
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	const table = "restart"
	if err := store.CreateTable(ctx, client, table); err != nil {
		t.Fatal(err)
	}
	st := store.New(client, table, store.WithLogger(quietLog()))
	site := &loopsite.Site{Pages: pages, MinLatency: 20 * time.Millisecond, MaxLatency: 120 * time.Millisecond}
	srv := httptest.NewServer(site)
	defer srv.Close()
	putFeeds(t, st, srv.URL, site.Feeds()...)

	var lost, runs []string
	defer func() {
		l := "nothing"
		if len(lost) > 0 {
			l = strings.Join(lost, "; ")
		}
		record(t, "DynamoDB stopped mid-run", fmt.Sprintf("%d articles; DynamoDB Local killed after ~30%% of the pages and restarted; runs: %s",
			pages, strings.Join(runs, " / ")), l)
	}()
	q := &memQueue{}
	col := newCollector(st, loopbackFetch(rate.Inf, 4), q)
	col.Concurrency = 4
	col.Margin = 2 * time.Second

	var wg sync.WaitGroup
	var restartErr error
	wg.Add(1)
	go func() { // the fault: kill at ~30% of the article pages, restart 2 s later
		defer wg.Done()
		for site.ArticleRequests.Load() < int64(pages*3/10) {
			if ctx.Err() != nil {
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
		d.stop()
		t.Logf("DynamoDB Local killed after %d article pages", site.ArticleRequests.Load())
		time.Sleep(2 * time.Second)
		d.start()
		t.Logf("DynamoDB Local restarted")
		restartErr = nil
	}()
	// The first run gets a Lambda-like deadline: its lock lease lasts that
	// long, so when it cannot release the lock (DynamoDB is down at its end)
	// the next run waits for the lease to expire, as scheduled runs would.
	runCtx, runCancel := context.WithTimeout(ctx, 40*time.Second)
	first, err := col.Run(runCtx)
	runCancel()
	wg.Wait()
	_ = restartErr
	describe := func(s pipeline.RunSummary, err error) string {
		if err != nil {
			return "error: " + err.Error()
		}
		if s.Skipped != "" {
			return "skipped: " + s.Skipped
		}
		return fmt.Sprintf("%d stored, %d failed, %d errors", s.ArticlesStored, s.PagesFailed, len(s.Errors))
	}
	runs = append(runs, describe(first, err))
	for i, e := range first.Errors {
		if i < 3 || i == len(first.Errors)-1 {
			t.Logf("first run error %d: %s %s %s: %s", i, e.Stage, e.Code, e.URL, e.Message)
		}
	}
	if err == nil && len(first.Errors) == 0 && first.ArticlesStored == pages {
		lost = append(lost, "the first run reported no failure although DynamoDB was down during it")
	}
	// Later runs every 5 s, bounded (2 min): until one has nothing left to do.
	for end := time.Now().Add(2 * time.Minute); time.Now().Before(end); time.Sleep(5 * time.Second) {
		runCtx, runCancel := context.WithTimeout(ctx, 40*time.Second)
		s, err := col.Run(runCtx)
		runCancel()
		if d := describe(s, err); len(runs) == 0 || runs[len(runs)-1] != d {
			runs = append(runs, d)
		} else {
			runs[len(runs)-1] += " (again)"
		}
		if err == nil && s.Skipped == "" && len(s.Errors) == 0 && s.ArticlesStored == 0 {
			break
		}
	}
	c := takeCensus(t, client, table)
	want := make([]string, pages)
	for i := range pages {
		a, _ := pipeline.ExtractHTML([]byte(loopsite.Page(srv.URL, i)), srv.URL+loopsite.ArticlePath(i))
		if a != nil {
			want[i] = pipeline.ArticleID(a.Article.CanonicalURL)
		}
	}
	slices.Sort(want)
	if !slices.Equal(c.articles, want) {
		missing := 0
		for _, id := range want {
			if _, ok := slices.BinarySearch(c.articles, id); !ok {
				missing++
			}
		}
		lost = append(lost, fmt.Sprintf("%d articles in the table, want %d (%d missing)", len(c.articles), pages, missing))
	}
	if c.kinds["article:A"] != pages || c.kinds["article:B"] != pages {
		lost = append(lost, fmt.Sprintf("%d metadata and %d body items, want %d each", c.kinds["article:A"], c.kinds["article:B"], pages))
	}
	queued := slices.Clone(q.IDs())
	slices.Sort(queued)
	queued = slices.Compact(queued)
	if len(queued) != pages {
		lost = append(lost, fmt.Sprintf("%d distinct ids queued, want %d", len(queued), pages))
	}
	t.Logf("runs: %s; census %v", strings.Join(runs, " / "), c.kinds)
	if len(lost) > 0 {
		t.Errorf("lost: %s", strings.Join(lost, "; "))
	}
}
