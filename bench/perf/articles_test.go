package perf

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsquotes/newsquotes/bench/internal/pagerun"
	"github.com/newsquotes/newsquotes/bench/report"
	"github.com/newsquotes/newsquotes/internal/eval"
)

// The extractors compared in section 1, each its own program. The baseline
// reads and decompresses the pages and extracts nothing: its peak RSS is the
// floor the others stand on.
var extractors = []struct{ name, pkg string }{
	{"read only (baseline)", "./cmd/extract-baseline"},
	{"newsquotes", "./cmd/extract-newsquotes"},
	{"go-trafilatura v1.12.2 (fallback)", "./cmd/extract-trafilatura"},
	{"readeck go-readability v2.1.3", "./cmd/extract-readability"},
}

type articleScore struct {
	pages, failed int
	p, r, f1      float64
	wallMS, cpuMS []float64
	allocs, bytes float64 // per page
	rssKB         int64
}

func TestSection1Articles(t *testing.T) {
	sec, done := section(t, 1, "Article extraction (WCXB dev pages)",
		"Main-text extraction of the WCXB dev article pages by this project, go-trafilatura v1.12.2 (fallback on) and readeck go-readability v2, "+
			"in the same run. Quality: WCXB's lower-cased `\\w+` bag-of-words precision/recall/F1, mean over pages. Cost: each extractor is its own "+
			"program (bench/cmd/extract-*), run alone with GOMAXPROCS=1 over the same pages read one at a time after 10 untimed warm-up pages; "+
			"per-page wall and process CPU time (GC included), heap allocations per page (runtime.MemStats deltas), and the program's own peak RSS "+
			"(VmHWM, read by the program as it ends: getrusage's maxrss of a child on Linux also counts the parent's memory at exec, see bench/internal/peakrss).")
	defer done()
	dir, err := wcxbDir()
	if err != nil {
		sec.Skipped = err.Error()
		t.Skip(err)
	}
	pages, err := eval.LoadWCXB(dir, *pagesFlag)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	var list strings.Builder
	for _, pg := range pages {
		fmt.Fprintf(&list, "%s\t%s\n", filepath.Join(dir, "html", pg.ID+".html.gz"), pg.URL)
	}
	listPath := filepath.Join(tmp, "pages.tsv")
	if err := os.WriteFile(listPath, []byte(list.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	pkgs := make([]string, len(extractors))
	for i, ex := range extractors {
		pkgs[i] = ex.pkg
	}
	bins := buildPrograms(t, tmp, nil, []string{"-trimpath"}, pkgs...)

	scores := make([]articleScore, len(extractors))
	for i, ex := range extractors {
		outPath := filepath.Join(tmp, fmt.Sprintf("out-%d.json", i))
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
		cr, err := runProgram(ctx, []string{"GOMAXPROCS=1"}, bins[ex.pkg], "-pages", listPath, "-out", outPath)
		cancel()
		if err != nil {
			t.Fatalf("%s: %v", ex.name, err)
		}
		var res pagerun.Result
		b, err := os.ReadFile(outPath)
		if err == nil {
			err = json.Unmarshal(b, &res)
		}
		if err != nil || len(res.Texts) != len(pages) {
			t.Fatalf("%s: result: %v (%d of %d pages)", ex.name, err, len(res.Texts), len(pages))
		}
		s := articleScore{pages: len(pages), wallMS: res.WallMS, cpuMS: res.CPUMS, rssKB: cr.MaxRSSKB}
		if res.PeakRSSKB > 0 {
			s.rssKB = res.PeakRSSKB // the program's own peak, see bench/internal/peakrss
		}
		for j, pg := range pages {
			if res.Errors[j] != "" {
				s.failed++
			}
			p, r, f := eval.BagOfWordsPRF(res.Texts[j], pg.Truth.MainContent)
			s.p, s.r, s.f1 = s.p+p, s.r+r, s.f1+f
			s.allocs += float64(res.Allocs[j])
			s.bytes += float64(res.AllocBytes[j])
		}
		n := float64(len(pages))
		s.p, s.r, s.f1, s.allocs, s.bytes = s.p/n, s.r/n, s.f1/n, s.allocs/n, s.bytes/n
		scores[i] = s
		t.Logf("%s: F1 %.3f, median %.1f ms/page, %s in all", ex.name, s.f1, report.Percentile(s.wallMS, 50), cr.Wall.Round(time.Millisecond))
	}

	ours := scores[1]
	q := &report.Table{
		Title:  fmt.Sprintf("Quality over %d pages", ours.pages),
		Header: []string{"extractor", "F1", "precision", "recall", "errors", "F1 vs newsquotes"},
	}
	for i, s := range scores[1:] {
		q.AddRow(extractors[i+1].name, f3(s.f1), f3(s.p), f3(s.r), s.failed, report.Ratio(s.f1, ours.f1))
	}
	q.Notes = append(q.Notes, "published WCXB dev F1: go-trafilatura (fallback) 0.938, readeck go-readability v2 0.934")
	c := &report.Table{
		Title: "Cost per page on one core (ratio to newsquotes in brackets)",
		Header: []string{"extractor", "CPU ms median", "CPU ms p95", "CPU ms mean", "wall ms median", "wall ms p95",
			"pages/s per core", "allocs/page", "KB allocated/page", "peak RSS MB"},
	}
	oc50, oc95, ocm := report.Percentile(ours.cpuMS, 50), report.Percentile(ours.cpuMS, 95), mean(ours.cpuMS)
	ow50, ow95 := report.Percentile(ours.wallMS, 50), report.Percentile(ours.wallMS, 95)
	with := func(v, ref float64, prec int) string {
		return fmt.Sprintf("%.*f (%s)", prec, v, report.Ratio(v, ref))
	}
	for i, s := range scores {
		rss := float64(s.rssKB) / 1024
		if i == 0 {
			c.AddRow(extractors[i].name, "-", "-", "-", "-", "-", "-", "-", "-", with(rss, float64(ours.rssKB)/1024, 0))
			continue
		}
		c50, c95, cm := report.Percentile(s.cpuMS, 50), report.Percentile(s.cpuMS, 95), mean(s.cpuMS)
		w50, w95 := report.Percentile(s.wallMS, 50), report.Percentile(s.wallMS, 95)
		c.AddRow(extractors[i].name, with(c50, oc50, 2), with(c95, oc95, 1), with(cm, ocm, 2), with(w50, ow50, 2), with(w95, ow95, 1),
			fmt.Sprintf("%.0f", 1000/math.Max(cm, 1e-9)),
			with(s.allocs, ours.allocs, 0), with(s.bytes/1024, ours.bytes/1024, 0), with(rss, float64(ours.rssKB)/1024, 0))
	}
	c.Notes = append(c.Notes,
		"CPU ms is the process's user+sys time around each call (getrusage), so garbage collection the call caused is included; "+
			"wall time also includes waiting for the CPU on a shared machine, which is why CPU time is the headline",
		"pages/s per core = 1000 / mean CPU ms",
		"peak RSS of the baseline is the program, the page list and one page in memory; an extractor's own share is its row minus the baseline")
	sec.Tables = append(sec.Tables, q, c)
}

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func f3(x float64) string { return fmt.Sprintf("%.3f", x) }
