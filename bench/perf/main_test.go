// Package perf is `make bench`: side-by-side benchmarks of newsquotes that
// print tables of figures measured in the same run and rewrite BENCHMARKS.md.
// Each section is a test (TestSection1Articles, …) so the suite can use the
// project's test harnesses (DynamoDB Local, the Lambda runtime emulator); a
// section whose prerequisites are missing records why and is skipped.
//
// Extractors compared for memory are separate programs (bench/cmd/extract-*)
// run as child processes, so each one's peak RSS is its own.
package perf

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsquotes/newsquotes/bench/report"
	"github.com/newsquotes/newsquotes/internal/lambdatest"
	"github.com/newsquotes/newsquotes/internal/store/dynamotest"
)

var (
	reportPath = flag.String("report", "", "write the results as Markdown to this file (BENCHMARKS.md)")
	sharedFlag = flag.String("shared", "", "the shared data folder (default $NEWSQUOTES_SHARED, else ../shared beside the repository)")
	pagesFlag  = flag.Int("pages", 0, "use at most this many WCXB pages (0: all)")
)

var rep = &report.Report{Title: "newsquotes benchmarks", Command: "make bench", Started: time.Now()}

func TestMain(m *testing.M) {
	flag.Parse()
	// Run from the repository root so the project's harnesses (dynamotest,
	// lambdatest) find .tools, events/ and the root go.mod.
	if err := os.Chdir(repoRoot()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	code := m.Run()
	lambdatest.Cleanup()
	dynamotest.Stop()
	if *reportPath != "" && len(rep.Sections) > 0 {
		var buf bytes.Buffer
		rep.WriteMarkdown(&buf)
		if err := os.WriteFile(*reportPath, buf.Bytes(), 0o644); err != nil {
			fmt.Fprintf(os.Stderr, "write %s: %v\n", *reportPath, err)
			code = 1
		} else {
			fmt.Printf("\nwrote %s\n", *reportPath)
		}
	}
	os.Exit(code)
}

// section starts a report section; finish it with rep.Add via done.
func section(t *testing.T, order int, title, intro string) (*report.Section, func()) {
	t.Helper()
	s := &report.Section{Order: order, Title: title, Intro: intro}
	start := time.Now()
	return s, func() {
		s.Elapsed = time.Since(start)
		if t.Failed() && s.Skipped == "" && len(s.Tables) == 0 {
			s.Skipped = "failed: see the test log"
		}
		rep.Add(os.Stdout, s)
	}
}

// repoRoot is the root module's directory (this module lives in bench/).
func repoRoot() string {
	dir, _ := os.Getwd()
	for d := dir; ; d = filepath.Dir(d) {
		if b, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil && strings.Contains(string(b), "module github.com/newsquotes/newsquotes\n") {
			return d
		}
		if filepath.Dir(d) == d {
			return filepath.Join(dir, "..", "..")
		}
	}
}

// sharedDir is where the benchmark data lives (see ../shared/README.md).
func sharedDir() string {
	if *sharedFlag != "" {
		return *sharedFlag
	}
	if d := os.Getenv("NEWSQUOTES_SHARED"); d != "" {
		return d
	}
	return filepath.Join(repoRoot(), "..", "shared")
}

func wcxbDir() (string, error) {
	dir := filepath.Join(sharedDir(), "bench", "articles", "wcxb-dev")
	if _, err := os.Stat(filepath.Join(dir, "ground-truth-articles.jsonl.gz")); err != nil {
		return "", fmt.Errorf("WCXB dev pages not found at %s (pass -shared DIR or set NEWSQUOTES_SHARED)", dir)
	}
	return dir, nil
}
