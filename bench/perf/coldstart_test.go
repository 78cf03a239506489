package perf

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/newsquotes/newsquotes/bench/report"
	"github.com/newsquotes/newsquotes/internal/lambdatest"
	"github.com/newsquotes/newsquotes/internal/store/dynamotest"
)

// coldStarts is how many fresh emulators each function is started under.
const coldStarts = 5

func TestSection3ColdStart(t *testing.T) {
	sec, done := section(t, 3, "Lambda cold start and binary size",
		fmt.Sprintf("Each function's bootstrap (linux, CGO off, -tags lambda.norpc, -trimpath, -ldflags='-s -w') started %d times under a fresh "+
			"AWS Lambda Runtime Interface Emulator on loopback (internal/lambdatest) with DynamoDB Local, next to a hello-world aws-lambda-go "+
			"bootstrap built the same way. "+
			"Sizes are the arm64 builds that are deployed, in MB of 10^6 bytes.", coldStarts))
	defer done()
	root := repoRoot()
	var fns []string
	for _, fn := range []string{"api", "collect", "extract"} {
		if _, err := os.Stat(filepath.Join(root, "functions", fn, "main.go")); err == nil {
			fns = append(fns, fn)
		}
	}
	if len(fns) == 0 {
		sec.Skipped = "no functions/* yet"
		t.Skip(sec.Skipped)
	}
	if _, err := os.Stat(filepath.Join(root, ".tools", "bin", "aws-lambda-rie")); err != nil && os.Getenv(lambdatest.RIEEnv) == "" {
		sec.Skipped = "the runtime emulator is not installed: run `make tools`"
		t.Skip(sec.Skipped)
	}
	local := dynamotest.Start(t)
	table := local.CreateTable(t)
	const helloPkg = "./internal/lambdatest/testdata/hello" // the harness's hello-world aws-lambda-go function
	events := map[string]string{"api": "api-health.json", "collect": "collect-schedule.json", "extract": ""}
	env := map[string]string{
		"TABLE_NAME":                table,
		"QUEUE_URL":                 "http://127.0.0.1:9/queue/none",
		"AWS_ENDPOINT_URL_DYNAMODB": local.Endpoint,
		"AWS_ENDPOINT_URL_SQS":      "http://127.0.0.1:9",
		"LOG_LEVEL":                 "error",
	}
	type row struct {
		name                 string
		sizeArm              int64
		init, firstInv, warm []float64
	}
	measure := func(name, bin, event string) row {
		r := row{name: name}
		payload := []byte(`{"Records":[]}`)
		if event != "" {
			b, err := os.ReadFile(filepath.Join(root, "events", event))
			if err != nil {
				t.Fatal(err)
			}
			payload = b
		}
		for range coldStarts {
			fn := lambdatest.Start(t, bin, env)
			invoke := func() time.Duration {
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				defer cancel()
				start := time.Now()
				if _, err := fn.Invoke(ctx, payload); err != nil {
					t.Logf("%s: invoke: %v", name, err)
				}
				return time.Since(start)
			}
			cold := invoke()
			warm := invoke()
			for range 3 {
				warm = min(warm, invoke())
			}
			fn.Stop()
			r.init = append(r.init, ms(cold-warm))
			r.firstInv = append(r.firstInv, ms(cold))
			r.warm = append(r.warm, ms(warm))
		}
		return r
	}
	size := func(p string) int64 {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	hello := measure("hello world (aws-lambda-go)", lambdatest.Build(t, helloPkg, runtime.GOARCH), "")
	hello.sizeArm = size(lambdatest.Build(t, helloPkg, "arm64"))
	rows := []row{hello}
	for _, fn := range fns {
		r := measure("functions/"+fn, lambdatest.Build(t, "./functions/"+fn, runtime.GOARCH), events[fn])
		r.sizeArm = size(lambdatest.Build(t, "./functions/"+fn, "arm64"))
		rows = append(rows, r)
	}
	tb := &report.Table{
		Title:  fmt.Sprintf("Cold start under the emulator (%s, median of %d) and arm64 size", runtime.GOARCH, coldStarts),
		Header: []string{"bootstrap", "init ms median", "init ms max", "init vs hello", "first invoke ms", "warm invoke ms", "arm64 MB", "size vs hello", "targets met"},
	}
	h50 := report.Percentile(hello.init, 50)
	for _, r := range rows {
		if len(r.init) == 0 {
			tb.AddRow(r.name, "-", "-", "-", "-", "-", fmt.Sprintf("%.1f", float64(r.sizeArm)/1e6), "-", "")
			continue
		}
		i50 := report.Percentile(r.init, 50)
		target := ""
		if r.name != hello.name {
			target = fmt.Sprintf("init <= 50 ms: %v; size <= 15 MB: %v", i50 <= 50, float64(r.sizeArm) <= 15e6)
		}
		tb.AddRow(r.name, fmt.Sprintf("%.1f", i50), fmt.Sprintf("%.1f", report.Percentile(r.init, 100)), report.Ratio(i50, h50),
			fmt.Sprintf("%.1f", report.Percentile(r.firstInv, 50)), fmt.Sprintf("%.1f", report.Percentile(r.warm, 50)), fmt.Sprintf("%.1f", float64(r.sizeArm)/1e6),
			report.Ratio(float64(r.sizeArm), float64(hello.sizeArm)), target)
	}
	tb.Notes = append(tb.Notes, "init = first invocation (the emulator starts the bootstrap on it, as Lambda does) minus the fastest of 4 warm ones: process start, Go runtime and main's wiring",
		"api gets events/api-health.json, collect events/collect-schedule.json (an empty table: no sources, but its first call also opens DynamoDB connections, so its figure is an upper bound), extract an empty SQS batch")
	sec.Tables = append(sec.Tables, tb)
}
