package perf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsquotes/newsquotes/bench/report"
	"github.com/newsquotes/newsquotes/internal/article"
	"github.com/newsquotes/newsquotes/internal/eval"
	"github.com/newsquotes/newsquotes/internal/pipeline"
)

type rawPage struct {
	url  string
	html []byte
}

func loadWCXBPages(t *testing.T, dir string) []rawPage {
	t.Helper()
	pages, err := eval.LoadWCXB(dir, *pagesFlag)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]rawPage, 0, len(pages))
	for _, pg := range pages {
		b, err := eval.ReadGzip(filepath.Join(dir, "html", pg.ID+".html.gz"))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, rawPage{pg.URL, b})
	}
	return out
}

// pipelinePass runs HTML -> article -> entities -> quotes over every page
// with the given number of workers and returns the wall time; when stages is
// set it also records each page's time per stage (one worker only).
type stageTimes struct{ article, analyze []float64 }

func pipelinePass(pages []rawPage, workers int, stages *stageTimes) (time.Duration, int, int, int) {
	var next atomic.Int64
	var quotes, entities, failed atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(pages) {
					return
				}
				t0 := time.Now()
				a, err := article.Extract(pages[i].html, pages[i].url)
				t1 := time.Now()
				if err != nil {
					failed.Add(1)
					if stages != nil {
						stages.article = append(stages.article, ms(t1.Sub(t0)))
						stages.analyze = append(stages.analyze, 0)
					}
					continue
				}
				x := pipeline.Analyze(a, a.Text())
				t2 := time.Now()
				quotes.Add(int64(len(x.Quotes)))
				entities.Add(int64(len(x.Entities)))
				if stages != nil {
					stages.article = append(stages.article, ms(t1.Sub(t0)))
					stages.analyze = append(stages.analyze, ms(t2.Sub(t1)))
				}
			}
		}()
	}
	wg.Wait()
	return time.Since(start), int(quotes.Load()), int(entities.Load()), int(failed.Load())
}

func TestSection2Pipeline(t *testing.T) {
	sec, done := section(t, 2, "The per-article pipeline (HTML -> article -> entities -> quotes)",
		"pipeline.ExtractHTML's work (article.Extract, then pipeline.Analyze: entities and quotes) over every WCXB dev page held in memory, "+
			"in this process: one worker with GOMAXPROCS=1, then two workers with GOMAXPROCS=2. The one-core pass is CPU-profiled; the "+
			"profile's top functions are kept below.")
	defer done()
	dir, err := wcxbDir()
	if err != nil {
		sec.Skipped = err.Error()
		t.Skip(err)
	}
	pages := loadWCXBPages(t, dir)
	var totalBytes int
	for _, p := range pages {
		totalBytes += len(p.html)
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)

	// Warm up once (lazy tables, regexps).
	pipelinePass(pages[:min(10, len(pages))], 1, nil)

	profPath := filepath.Join(t.TempDir(), "cpu.pprof")
	pf, err := os.Create(profPath)
	if err != nil {
		t.Fatal(err)
	}
	var st stageTimes
	c0 := cpuSelf()
	if err := pprof.StartCPUProfile(pf); err != nil {
		t.Fatal(err)
	}
	wall1, nq, ne, nf := pipelinePass(pages, 1, &st)
	pprof.StopCPUProfile()
	cpu1 := cpuSelf() - c0
	pf.Close()

	var wall2 time.Duration
	var cpu2 time.Duration
	if runtime.NumCPU() >= 2 {
		runtime.GOMAXPROCS(2)
		c0 := cpuSelf()
		wall2, _, _, _ = pipelinePass(pages, 2, nil)
		cpu2 = cpuSelf() - c0
		runtime.GOMAXPROCS(1)
	}

	n := float64(len(pages))
	tp := &report.Table{
		Title:  fmt.Sprintf("Throughput over %d pages (%.1f MB of HTML; %d quotes, %d entities found; %d pages not articles)", len(pages), float64(totalBytes)/(1<<20), nq, ne, nf),
		Header: []string{"configuration", "wall s", "pages/s", "ms/page (wall)", "CPU s", "CPU ms/page", "pages per CPU s", "CPU busy", "speed-up vs 1 core"},
	}
	pps1 := n / wall1.Seconds()
	tp.AddRow("1 core, 1 worker", fmt.Sprintf("%.2f", wall1.Seconds()), fmt.Sprintf("%.1f", pps1), fmt.Sprintf("%.2f", ms(wall1)/n),
		fmt.Sprintf("%.2f", cpu1.Seconds()), fmt.Sprintf("%.2f", ms(cpu1)/n), fmt.Sprintf("%.1f", n/cpu1.Seconds()),
		fmt.Sprintf("%.0f%%", 100*cpu1.Seconds()/wall1.Seconds()), "1.00x")
	if wall2 > 0 {
		pps2 := n / wall2.Seconds()
		tp.AddRow("2 cores, 2 workers", fmt.Sprintf("%.2f", wall2.Seconds()), fmt.Sprintf("%.1f", pps2), fmt.Sprintf("%.2f", ms(wall2)/n),
			fmt.Sprintf("%.2f", cpu2.Seconds()), fmt.Sprintf("%.2f", ms(cpu2)/n), fmt.Sprintf("%.1f", n/cpu2.Seconds()),
			fmt.Sprintf("%.0f%%", 100*cpu2.Seconds()/wall2.Seconds()/2), report.Ratio(pps2, pps1))
	} else {
		tp.Notes = append(tp.Notes, "this machine has one core: the two-core pass was not run")
	}
	tp.Notes = append(tp.Notes, "CPU s is this process's user+sys time during the pass; CPU busy = CPU s / (wall s x cores): "+
		"well under 100% means the machine was busy with other work and the wall-clock figures understate what the code does alone")

	ts := &report.Table{
		Title:  "Where the time goes, per page, 1 core (wall ms)",
		Header: []string{"stage", "mean", "median", "p95", "share of total"},
	}
	ma, mz := mean(st.article), mean(st.analyze)
	ts.AddRow("article.Extract (HTML -> article)", fmt.Sprintf("%.2f", ma), fmt.Sprintf("%.2f", report.Percentile(st.article, 50)),
		fmt.Sprintf("%.2f", report.Percentile(st.article, 95)), fmt.Sprintf("%.0f%%", 100*ma/(ma+mz)))
	ts.AddRow("pipeline.Analyze (entities + quotes)", fmt.Sprintf("%.2f", mz), fmt.Sprintf("%.2f", report.Percentile(st.analyze, 50)),
		fmt.Sprintf("%.2f", report.Percentile(st.analyze, 95)), fmt.Sprintf("%.0f%%", 100*mz/(ma+mz)))
	sec.Tables = append(sec.Tables, tp, ts)

	for _, mode := range []struct{ title, flag string }{
		{"pprof top 15 by flat CPU (1-core pass)", "-top"},
		{"pprof top 15 by cumulative CPU (1-core pass)", "-cum"},
	} {
		args := []string{"tool", "pprof", "-top", "-nodecount=15"}
		if mode.flag == "-cum" {
			args = append(args, "-cum")
		}
		exe, _ := os.Executable()
		args = append(args, exe, profPath)
		out, err := exec.Command(goTool(), args...).Output()
		if err != nil {
			t.Errorf("go tool pprof: %v", err)
			continue
		}
		sec.Blocks = append(sec.Blocks, report.Block{Title: mode.title, Text: trimPprof(string(out))})
	}
}

// trimPprof drops pprof's header lines that name temporary files.
func trimPprof(s string) string {
	var b bytes.Buffer
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, "File:") || strings.HasPrefix(line, "Build ID:") || strings.HasPrefix(line, "Type:") || strings.HasPrefix(line, "Time:") {
			continue
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}
