package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/newsquotes/newsquotes/internal/eval"
)

func init() {
	commands["eval"] = command{
		summary: "score extraction on the benchmarks in ../shared and check each figure's floor",
		run:     runEval,
	}
}

func runEval(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("eval", "[--shared DIR] [--limit N] [SUITE]...",
		`Scores article, entity and quote extraction on the benchmark data in the shared
folder and prints a table per suite. Each figure has a floor just under what the
project reaches; the command fails when any figure falls below its floor or a
suite's data is missing. Suites: `+suiteNames()+`.`)
	shared := fs.String("shared", defaultSharedDir(), "the shared folder holding fixtures/ and bench/ (env NEWSQUOTES_SHARED)")
	limit := fs.Int("limit", 0, "score at most N documents per data set (0: all; floors still apply)")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "documents scored in parallel")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if _, err := os.Stat(*shared); err != nil {
		return fmt.Errorf("eval: shared folder %s not found: pass --shared DIR or set NEWSQUOTES_SHARED", *shared)
	}
	cfg := eval.Config{SharedDir: *shared, Workers: *workers, Limit: *limit}
	results, err := eval.Run(cfg, m.Stdout, fs.Args()...)
	if err != nil {
		return err
	}
	failed := 0
	for _, r := range results {
		if r.Failed() {
			failed++
		}
	}
	if failed > 0 {
		return fmt.Errorf("eval: %d of %d suites failed (error or below floor)", failed, len(results))
	}
	fmt.Fprintf(m.Stdout, "\nall %d suites at or above their floors\n", len(results))
	return nil
}

func suiteNames() string {
	s := ""
	for i, su := range eval.Suites() {
		if i > 0 {
			s += ", "
		}
		s += su.Name
	}
	return s
}

// defaultSharedDir is NEWSQUOTES_SHARED, else ../shared next to the checkout.
func defaultSharedDir() string {
	if d := os.Getenv("NEWSQUOTES_SHARED"); d != "" {
		return d
	}
	return filepath.Join("..", "shared")
}
