// Package benchdata finds the shared benchmark data for the packages' Go
// benchmarks: ../shared beside the repository, or $NEWSQUOTES_SHARED. The
// data has no licence to live in the repository, so a benchmark that needs
// it skips when it is absent.
package benchdata

import (
	"os"
	"path/filepath"
	"testing"
)

// SharedDir is $NEWSQUOTES_SHARED, or ../shared beside the repository as
// seen from a package directory internal/<pkg>.
func SharedDir() string {
	if d := os.Getenv("NEWSQUOTES_SHARED"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared")
}

// PolNeARDevTexts returns the PolNeAR dev article texts in file-name order,
// skipping tb when they are not there.
func PolNeARDevTexts(tb testing.TB) []string {
	tb.Helper()
	dir := SharedDir()
	files, _ := filepath.Glob(filepath.Join(dir, "bench", "quotes", "polnear-dev", "text", "*.txt"))
	if len(files) == 0 {
		tb.Skip("PolNeAR dev texts not found under ", dir, " (set NEWSQUOTES_SHARED)")
	}
	texts := make([]string, len(files))
	for i, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		texts[i] = string(raw)
	}
	return texts
}
