package article

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
	"time"

	"github.com/newsquotes/newsquotes/internal/cputime"
)

// BenchmarkExtractWCXB extracts every WCXB dev page (../shared, skipped when
// absent) and reports CPU time per page (median and 90th percentile, of the
// extracting thread) and pages per CPU-second of the whole process (garbage
// collection included). CPU time, not wall time, so that a shared machine
// does not skew it. Run it on one core:
//
//	go test -run '^$' -bench ExtractWCXB -benchtime 1x -cpu 1 ./internal/article
func BenchmarkExtractWCXB(b *testing.B) {
	dir := os.Getenv("NEWSQUOTES_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "bench", "articles", "wcxb-dev", "html", "*.html.gz"))
	if len(files) == 0 {
		b.Skip("WCXB pages not found under ", dir, " (set NEWSQUOTES_SHARED)")
	}
	pages := make([][]byte, 0, len(files))
	for _, f := range files {
		raw, err := readGzip(f)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, raw)
	}
	per := make([]time.Duration, len(pages))
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var procCPU time.Duration
	b.ResetTimer()
	for b.Loop() {
		proc0 := cputime.Process()
		for i, p := range pages {
			start := cputime.Thread()
			_, _ = Extract(p, "https://example.com/article")
			per[i] = cputime.Thread() - start
		}
		procCPU = cputime.Process() - proc0
	}
	b.StopTimer()
	sorted := append([]time.Duration(nil), per...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	b.ReportMetric(float64(sorted[len(sorted)/2].Microseconds())/1000, "ms/page-median")
	b.ReportMetric(float64(sorted[len(sorted)*9/10].Microseconds())/1000, "ms/page-p90")
	b.ReportMetric(float64(len(per))/procCPU.Seconds(), "pages/cpu-s")
}

func readGzip(path string) ([]byte, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}
