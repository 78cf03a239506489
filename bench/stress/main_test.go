// Package stress is `make stress` (and its quick parts, `make stress-quick`,
// in CI): fuzzing every parser for a bounded time, faults in DynamoDB and in
// source servers, redelivered SQS batches, a panicking extractor, and the
// local API under load. Each scenario prints what it tried and what it found
// lost; the expected answer is always nothing. All traffic goes to 127.0.0.1
// and every loop is bounded in count and time.
package stress

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsquotes/newsquotes/bench/report"
	"github.com/newsquotes/newsquotes/internal/lambdatest"
	"github.com/newsquotes/newsquotes/internal/store/dynamotest"
)

var (
	quick    = flag.Bool("quick", false, "only the quick parts (CI): short fuzzing, smaller loads")
	fuzzTime = flag.Duration("fuzztime", 30*time.Second, "fuzzing time per target (-quick: 3s)")
	loadTime = flag.Duration("loadtime", 30*time.Second, "API load duration (-quick: 5s)")
)

// root is the repository root; the tests run there so the project's
// harnesses (dynamotest, lambdatest) find .tools and the root go.mod.
var root string

func TestMain(m *testing.M) {
	flag.Parse()
	if *quick {
		*fuzzTime = min(*fuzzTime, 3*time.Second)
		*loadTime = min(*loadTime, 5*time.Second)
	}
	dir, _ := os.Getwd()
	root = filepath.Dir(dir) // bench/stress -> bench
	for d := dir; filepath.Dir(d) != d; d = filepath.Dir(d) {
		if b, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil && strings.Contains(string(b), "module github.com/newsquotes/newsquotes\n") {
			root = d
			break
		}
	}
	if err := os.Chdir(root); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	start := time.Now()
	code := m.Run()
	lambdatest.Cleanup()
	dynamotest.Stop()
	summary.print(time.Since(start))
	os.Exit(code)
}

// outcome is one scenario's line in the summary.
type outcome struct {
	name, tried, lost, verdict string
}

type scenarios struct {
	sync.Mutex
	rows []outcome
}

var summary scenarios

// record prints and keeps what a scenario tried and what it found lost.
// lost is "nothing" when all is well.
func record(t *testing.T, name, tried, lost string) {
	t.Helper()
	verdict := "ok"
	if t.Failed() {
		verdict = "FAILED"
	}
	if t.Skipped() {
		verdict = "skipped"
	}
	t.Logf("%s: tried %s; lost: %s", name, tried, lost)
	summary.Lock()
	summary.rows = append(summary.rows, outcome{name, tried, lost, verdict})
	summary.Unlock()
}

func (s *scenarios) print(elapsed time.Duration) {
	tb := &report.Table{Title: fmt.Sprintf("reliability suite (quick=%v), %s", *quick, elapsed.Round(time.Second)),
		Header: []string{"scenario", "verdict", "lost", "tried"}, LeftAlign: true}
	for _, r := range s.rows {
		tb.AddRow(r.name, r.verdict, r.lost, r.tried)
	}
	fmt.Println()
	tb.WriteText(os.Stdout)
}
