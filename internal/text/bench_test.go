package text

import (
	"testing"
	"time"

	"github.com/newsquotes/newsquotes/internal/benchdata"
	"github.com/newsquotes/newsquotes/internal/cputime"
)

// BenchmarkNewDocumentPolNeAR prepares every PolNeAR dev text (../shared,
// skipped when absent) as a Document and reports articles per CPU-second of
// the whole process (garbage collection included), which a shared machine
// skews less than wall time. Allocation figures are per pass over all texts.
func BenchmarkNewDocumentPolNeAR(b *testing.B) {
	texts := benchdata.PolNeARDevTexts(b)
	size := 0
	for _, t := range texts {
		size += len(t)
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
