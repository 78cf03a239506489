// Package pagerun is the measuring loop shared by the one-extractor programs
// in bench/cmd/extract-*: each program links a single extractor, so the peak
// RSS its parent reads after it exits belongs to that extractor alone.
//
// Protocol: the program reads a page list (one "path<TAB>url" per line, the
// path to a gzip-compressed HTML file) from the file named by -pages, runs
// the extractor on every page one at a time and writes a Result as JSON to
// -out. Run it with GOMAXPROCS=1 for one-core figures.
package pagerun

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/newsquotes/newsquotes/bench/internal/peakrss"
)

// ExtractFunc returns the main text of a page.
type ExtractFunc func(page []byte, pageURL string) (string, error)

// Result is one extractor's run, page by page in list order.
type Result struct {
	Texts      []string  `json:"texts"`
	Errors     []string  `json:"errors"`      // "" when the page succeeded
	WallMS     []float64 `json:"wall_ms"`     // per page
	CPUMS      []float64 `json:"cpu_ms"`      // per page, whole process (GC included)
	Allocs     []uint64  `json:"allocs"`      // heap objects per page
	AllocBytes []uint64  `json:"alloc_b"`     // heap bytes per page
	WarmupMS   float64   `json:"warmup_ms"`   // the untimed warm-up pages, in all
	PeakRSSKB  int64     `json:"peak_rss_kb"` // VmHWM at the end (see package peakrss)
}

// Warmup is how many pages run untimed first (lazy regexp compilation,
// pools, page faults of code).
const Warmup = 10

// Main parses the flags, runs fn over the pages and exits.
func Main(fn ExtractFunc) {
	pagesPath := flag.String("pages", "", "page list: path<TAB>url per line")
	out := flag.String("out", "", "write the JSON result here")
	flag.Parse()
	if err := run(fn, *pagesPath, *out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

type page struct{ path, url string }

func run(fn ExtractFunc, pagesPath, out string) error {
	pages, err := readList(pagesPath)
	if err != nil {
		return err
	}
	safe := func(raw []byte, u string) (text string, err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("panic: %v", r)
			}
		}()
		return fn(raw, u)
	}
	t0 := time.Now()
	for _, p := range pages[:min(Warmup, len(pages))] {
		raw, err := readGzip(p.path)
		if err != nil {
			return err
		}
		_, _ = safe(raw, p.url)
	}
	res := Result{WarmupMS: ms(time.Since(t0))}
	var before, after runtime.MemStats
	for _, p := range pages {
		raw, err := readGzip(p.path)
		if err != nil {
			return err
		}
		runtime.ReadMemStats(&before)
		c0, w0 := cpuNow(), time.Now()
		text, err := safe(raw, p.url)
		wall, cpu := time.Since(w0), cpuNow()-c0
		runtime.ReadMemStats(&after)
		res.Texts = append(res.Texts, text)
		msg := ""
		if err != nil {
			msg = err.Error()
			if msg == "" {
				msg = "error"
			}
		}
		res.Errors = append(res.Errors, msg)
		res.WallMS = append(res.WallMS, ms(wall))
		res.CPUMS = append(res.CPUMS, ms(cpu))
		res.Allocs = append(res.Allocs, after.Mallocs-before.Mallocs)
		res.AllocBytes = append(res.AllocBytes, after.TotalAlloc-before.TotalAlloc)
	}
	res.PeakRSSKB = peakrss.Self()
	b, err := json.Marshal(res)
	if err != nil {
		return err
	}
	return os.WriteFile(out, b, 0o600)
}

func readList(path string) ([]page, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var pages []page
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p, u, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			return nil, fmt.Errorf("%s: bad line %q", path, sc.Text())
		}
		pages = append(pages, page{p, u})
	}
	return pages, sc.Err()
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return io.ReadAll(zr)
}

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

// cpuNow is this process's user+system CPU time so far.
func cpuNow() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
