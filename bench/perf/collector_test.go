package perf

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/newsquotes/newsquotes/bench/internal/loopsite"
	"github.com/newsquotes/newsquotes/bench/report"
	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/source"
	"github.com/newsquotes/newsquotes/internal/store"
	"github.com/newsquotes/newsquotes/internal/store/dynamotest"
)

type collectResult struct {
	Summary  pipeline.RunSummary `json:"summary"`
	Requests map[string]int      `json:"dynamodb_requests"`
	Queued   int                 `json:"queued"`
	WallMS   float64             `json:"wall_ms"`
	PeakHeap uint64              `json:"peak_heap_bytes"`
	PeakGo   uint64              `json:"peak_go_bytes"`
	Stacks   uint64              `json:"peak_stack_bytes"`
	RSSKB    int64               `json:"peak_rss_kb"`
}

func TestSection4Collector(t *testing.T) {
	const (
		pages    = 2000
		minLat   = 50 * time.Millisecond
		maxLat   = 300 * time.Millisecond
		hostRate = 40.0 // requests per second to the one host
		hostConc = 8
	)
	sec, done := section(t, 4, "The collector over a loopback site",
		fmt.Sprintf("One collection run (bench/cmd/collect-run: pipeline.Collector wired as functions/collect wires it, fetch configured by "+
			"pipeline.FetchConfig) over a synthetic news site of %d article pages on 127.0.0.1 (bench/internal/loopsite: %d RSS feeds, every "+
			"response delayed %s–%s at random), with a per-host limit of %.0f requests/s and %d in flight, storing into DynamoDB Local. The "+
			"collector runs in its own process and reports its own peak RSS (VmHWM; see bench/internal/peakrss for why not the parent's rusage); DynamoDB requests are counted per operation at the HTTP layer.",
			pages, (pages+loopsite.PerFeed-1)/loopsite.PerFeed, minLat, maxLat, hostRate, hostConc))
	defer done()
	local := dynamotest.Start(t)
	table := local.CreateTable(t)
	site := &loopsite.Site{Pages: pages, MinLatency: minLat, MaxLatency: maxLat}
	srv := httptest.NewServer(site)
	defer srv.Close()
	st := store.New(local.Client, table)
	ctx := context.Background()
	for i, p := range site.Feeds() {
		if err := st.PutSource(ctx, source.Source{ID: fmt.Sprintf("loop%d", i), Kind: source.Feed, URL: srv.URL + p, Enabled: true}); err != nil {
			t.Fatal(err)
		}
	}
	tmp := t.TempDir()
	bin := buildPrograms(t, tmp, nil, []string{"-trimpath"}, "./cmd/collect-run")["./cmd/collect-run"]
	outPath := filepath.Join(tmp, "collect.json")
	runCtx, cancel := context.WithTimeout(ctx, 15*time.Minute)
	defer cancel()
	cr, err := runProgram(runCtx, []string{"NEWSQUOTES_ALLOW_LOOPBACK=1", "NEWSQUOTES_FETCH_RATE=" + strconv.FormatFloat(hostRate, 'f', -1, 64)},
		bin, "-endpoint", local.Endpoint, "-table", table, "-host-concurrency", strconv.Itoa(hostConc), "-out", outPath)
	if err != nil {
		t.Fatal(err)
	}
	var res collectResult
	b, err := os.ReadFile(outPath)
	if err == nil {
		err = json.Unmarshal(b, &res)
	}
	if err != nil {
		t.Fatal(err)
	}
	s := res.Summary
	secs := res.WallMS / 1000
	pps := float64(s.ArticlesStored) / secs
	meanLat := (minLat + maxLat).Seconds() / 2
	ceiling := min(hostRate, float64(hostConc)/meanLat)
	rss := float64(cr.MaxRSSKB) / 1024
	if res.RSSKB > 0 {
		rss = float64(res.RSSKB) / 1024
	}
	tt := &report.Table{
		Title:  fmt.Sprintf("One run: %d links found, %d pages fetched, %d stored, %d failed, %d queued", s.Links, s.PagesFetched, s.ArticlesStored, s.PagesFailed, res.Queued),
		Header: []string{"figure", "measured", "reference", "ratio"},
	}
	tt.AddRow("articles stored per second", fmt.Sprintf("%.1f", pps), fmt.Sprintf("%.1f (the per-host limit's ceiling: min(rate, in-flight / mean latency))", ceiling), report.Ratio(pps, ceiling))
	tt.AddRow("run time, s", fmt.Sprintf("%.1f", secs), fmt.Sprintf("%.1f (pages / ceiling)", float64(pages)/ceiling), report.Ratio(secs, float64(pages)/ceiling))
	tt.AddRow("peak RSS (VmHWM), MB", fmt.Sprintf("%.0f", rss), "256 (Lambda memory size)", report.Ratio(rss, 256))
	for _, m := range []struct {
		name string
		v    uint64
	}{{"peak Go runtime memory, MB (sampled every 20 ms)", res.PeakGo}, {"peak heap objects, MB (sampled)", res.PeakHeap}, {"peak goroutine stacks, MB (sampled)", res.Stacks}} {
		v := float64(m.v) / (1 << 20)
		tt.AddRow(m.name, fmt.Sprintf("%.1f", v), "256 (Lambda memory size)", report.Ratio(v, 256))
	}
	tt.AddRow("CPU time, s (user+sys)", fmt.Sprintf("%.1f", cr.CPU.Seconds()), fmt.Sprintf("%.1f (wall)", secs), report.Ratio(cr.CPU.Seconds(), secs))
	total := 0
	var ops []string
	for op, n := range res.Requests {
		total += n
		ops = append(ops, op)
	}
	sort.Strings(ops)
	td := &report.Table{
		Title:  "DynamoDB requests",
		Header: []string{"operation", "requests", "per stored article"},
	}
	per := func(n int) string {
		if s.ArticlesStored == 0 {
			return "-"
		}
		return fmt.Sprintf("%.3f", float64(n)/float64(s.ArticlesStored))
	}
	for _, op := range ops {
		td.AddRow(op, res.Requests[op], per(res.Requests[op]))
	}
	td.AddRow("all", total, per(total))
	if s.ArticlesStored != pages {
		tt.Notes = append(tt.Notes, fmt.Sprintf("stored %d of %d pages; errors: %v", s.ArticlesStored, pages, s.Errors[:min(3, len(s.Errors))]))
	}
	sec.Tables = append(sec.Tables, tt, td)
}
