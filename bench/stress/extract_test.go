package stress

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"golang.org/x/time/rate"

	"github.com/newsquotes/newsquotes/bench/internal/loopsite"
	"github.com/newsquotes/newsquotes/internal/lambdatest"
	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/store"
	"github.com/newsquotes/newsquotes/internal/store/dynamotest"
)

// sqsBatch builds an SQS event shaped like events/extract-sqs.json with one
// record per body.
func sqsBatch(t *testing.T, bodies []string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "events", "extract-sqs.json"))
	if err != nil {
		t.Fatal(err)
	}
	var tmpl events.SQSEvent
	if err := json.Unmarshal(b, &tmpl); err != nil || len(tmpl.Records) == 0 {
		t.Fatalf("events/extract-sqs.json: %v", err)
	}
	var ev events.SQSEvent
	for i, body := range bodies {
		r := tmpl.Records[0]
		r.MessageId = fmt.Sprintf("00000000-0000-4000-8000-%012d", i)
		r.Body = body
		sum := md5.Sum([]byte(body))
		r.Md5OfBody = hex.EncodeToString(sum[:])
		ev.Records = append(ev.Records, r)
	}
	out, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSQSRedelivery runs the real extract bootstrap under the Lambda runtime
// emulator against DynamoDB Local and delivers the same batch three times
// (SQS is at-least-once). The batch holds good records and two bad ones (a
// malformed body, an article that does not exist): each delivery must fail
// exactly the bad ones, and the second and third must change nothing in
// the table.
func TestSQSRedelivery(t *testing.T) {
	pages := 12
	local := dynamotest.Start(t)
	table := local.CreateTable(t)
	st := store.New(local.Client, table, store.WithLogger(quietLog()))
	site := &loopsite.Site{Pages: pages}
	srv := httptest.NewServer(site)
	defer srv.Close()
	putFeeds(t, st, srv.URL, site.Feeds()...)
	q := &memQueue{}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if _, err := newCollector(st, loopbackFetch(rate.Inf, 4), q).Run(ctx); err != nil {
		t.Fatal(err)
	}

	var lost []string
	var rounds []string
	defer func() {
		l := "nothing"
		if len(lost) > 0 {
			l = strings.Join(lost, "; ")
		}
		record(t, "SQS redelivery x3", fmt.Sprintf("extract bootstrap under aws-lambda-rie, one batch of %d good + 2 bad records delivered 3 times: %s",
			len(q.IDs()), strings.Join(rounds, " / ")), l)
	}()
	fn := lambdatest.Start(t, lambdatest.Build(t, "./functions/extract", runtime.GOARCH), map[string]string{
		"TABLE_NAME":                table,
		"AWS_ENDPOINT_URL_DYNAMODB": local.Endpoint,
	})
	var bodies []string
	for _, id := range q.IDs() {
		b, _ := json.Marshal(pipeline.ExtractMessage{ArticleID: id})
		bodies = append(bodies, string(b))
	}
	bad := []string{`{"article_id": 42`, `{"article_id":"a0000000000000000000000ff"}`}
	bodies = append(bodies, bad...)
	batch := sqsBatch(t, bodies)
	wantFailed := []string{fmt.Sprintf("00000000-0000-4000-8000-%012d", len(bodies)-2), fmt.Sprintf("00000000-0000-4000-8000-%012d", len(bodies)-1)}

	var first census
	for round := 1; round <= 3; round++ {
		raw, err := fn.Invoke(ctx, batch)
		if err != nil {
			lost = append(lost, fmt.Sprintf("delivery %d: %v", round, err))
			t.Fatalf("delivery %d: %v\n%s", round, err, fn.Output())
		}
		var resp events.SQSEventResponse
		if err := json.Unmarshal(raw, &resp); err != nil {
			t.Fatalf("delivery %d: response %s: %v", round, raw, err)
		}
		var failed []string
		for _, f := range resp.BatchItemFailures {
			failed = append(failed, f.ItemIdentifier)
		}
		slices.Sort(failed)
		if !slices.Equal(failed, wantFailed) {
			lost = append(lost, fmt.Sprintf("delivery %d failed %v, want only the 2 bad records", round, failed))
		}
		c := takeCensus(t, local.Client, table)
		if round == 1 {
			first = c
			rounds = append(rounds, fmt.Sprintf("1st: %d quotes, %d entity links stored", c.kinds["article:Q"], c.kinds["article:E"]))
			if c.kinds["article:Q"] < 2*pages {
				lost = append(lost, fmt.Sprintf("first delivery stored %d quotes for %d articles", c.kinds["article:Q"], pages))
			}
			continue
		}
		diff := changed(first, c)
		rounds = append(rounds, fmt.Sprintf("delivery %d: %d items changed", round, len(diff)))
		if len(diff) > 0 {
			lost = append(lost, fmt.Sprintf("delivery %d changed %d items (%s)", round, len(diff), strings.Join(diff[:min(3, len(diff))], ", ")))
		}
	}
	if len(lost) > 0 {
		t.Errorf("lost: %s", strings.Join(lost, "; "))
	}
}

// TestExtractorPanic: a record whose extraction panics must fail alone,
// reported as that record's failure, while the rest of the batch succeeds.
// The recovery lives in functions/extract's handler (package main, not
// importable, and a deployed bootstrap has no way to make its extractor
// panic), so this runs that package's own test of it, which drives the
// real handler with events/extract-sqs.json and a panicking extractor.
func TestExtractorPanic(t *testing.T) {
	var out []byte
	var err error
	defer func() {
		l := "nothing"
		if err != nil {
			l = "the batch: " + lastLines(string(out), 5)
		}
		record(t, "extractor panic on one record", "functions/extract handler with events/extract-sqs.json, the first record's extractor panics (TestEachRecordSucceedsOrFailsAlone)", l)
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "test", "-count=1", "-run", "^TestEachRecordSucceedsOrFailsAlone$", "-v", "./functions/extract")
	cmd.Dir = root
	out, err = cmd.CombinedOutput()
	if err != nil {
		t.Errorf("%v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS: TestEachRecordSucceedsOrFailsAlone") {
		err = fmt.Errorf("test did not run")
		t.Errorf("the handler's panic test did not run:\n%s", out)
	}
}
