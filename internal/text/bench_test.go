package text

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsquotes/newsquotes/internal/cputime"
)

// BenchmarkNewDocumentPolNeAR prepares every PolNeAR dev text (../shared,
// skipped when absent) as a Document and reports articles per CPU-second of
// the whole process (garbage collection included), which a shared machine
// skews less than wall time. Allocation figures are per pass over all texts.
func BenchmarkNewDocumentPolNeAR(b *testing.B) {
	dir := os.Getenv("NEWSQUOTES_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "bench", "quotes", "polnear-dev", "text", "*.txt"))
	if len(files) == 0 {
		b.Skip("PolNeAR dev texts not found under ", dir, " (set NEWSQUOTES_SHARED)")
	}
	texts := make([]string, len(files))
	size := 0
	for i, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts[i] = string(raw)
		size += len(raw)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var cpu time.Duration
	b.ResetTimer()
	for b.Loop() {
		c0 := cputime.Process()
		for _, s := range texts {
			NewDocument(s)
		}
		cpu += cputime.Process() - c0
	}
	b.ReportMetric(float64(len(texts)*b.N)/cpu.Seconds(), "articles/cpu-s")
}
