// Package eval scores the extractors against the benchmark data in
// ../shared (articles, named entities, quotes, the seed page) and holds each
// figure to a floor, so CI fails when a change makes extraction worse.
package eval

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
)

// ErrNoData reports that a suite's benchmark data is not where it was looked for.
var ErrNoData = errors.New("benchmark data not found")

// Config says where the data is and how to run.
type Config struct {
	SharedDir string // the ../shared folder
	Workers   int
	Limit     int // score at most this many documents per data set (0: all)
}

// Path joins elements onto the shared folder.
func (c Config) Path(elem ...string) string {
	return filepath.Join(append([]string{c.SharedDir}, elem...)...)
}

// Require returns ErrNoData, with the path, if p does not exist.
func (c Config) Require(p string) error {
	if _, err := os.Stat(p); err != nil {
		return fmt.Errorf("%w: %s (pass --shared DIR or set NEWSQUOTES_SHARED to the shared folder)", ErrNoData, p)
	}
	return nil
}

// Metric is one measured figure. A metric with a floor fails the run when it
// falls below it; Floor < 0 means "report only".
type Metric struct {
	Name  string
	Value float64
	Floor float64
	Unit  string // "" for a ratio in [0,1], or a unit such as "ms", "docs"
	Note  string
}

// Pass tells whether the metric meets its floor.
func (m Metric) Pass() bool { return m.Floor < 0 || m.Value >= m.Floor }

// ReportOnly builds a metric that has no floor.
func ReportOnly(name string, v float64, unit, note string) Metric {
	return Metric{Name: name, Value: v, Floor: -1, Unit: unit, Note: note}
}

// Suite measures one capability.
type Suite struct {
	Name  string
	Order int
	Run   func(Config) ([]Metric, error)
}

var suites []Suite

// Register adds a suite; each suite's file registers itself from init.
func Register(s Suite) { suites = append(suites, s) }

// Suites lists the registered suites in run order.
func Suites() []Suite {
	out := append([]Suite(nil), suites...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Order < out[j].Order })
	return out
}

// Result is the outcome of one suite.
type Result struct {
	Suite   string
	Metrics []Metric
	Err     error
	Elapsed time.Duration
}

// Failed tells whether the suite errored or missed a floor.
func (r Result) Failed() bool {
	if r.Err != nil {
		return true
	}
	for _, m := range r.Metrics {
		if !m.Pass() {
			return true
		}
	}
	return false
}

// Run runs the named suites (all when names is empty), printing a table per
// suite to w. It returns the results; the caller decides the exit status.
func Run(cfg Config, w io.Writer, names ...string) ([]Result, error) {
	want := map[string]bool{}   // the suites asked for
	unseen := map[string]bool{} // those not registered
	for _, n := range names {
		want[n] = true
		unseen[n] = true
	}
	var results []Result
	for _, s := range Suites() {
		if len(want) > 0 && !want[s.Name] {
			continue
		}
		delete(unseen, s.Name)
		start := time.Now()
		ms, err := s.Run(cfg)
		r := Result{Suite: s.Name, Metrics: ms, Err: err, Elapsed: time.Since(start)}
		results = append(results, r)
		Print(w, r)
	}
	if len(unseen) > 0 {
		var unknown []string
		for n := range unseen {
			unknown = append(unknown, n)
		}
		sort.Strings(unknown)
		return results, fmt.Errorf("unknown eval suite(s): %s", strings.Join(unknown, ", "))
	}
	return results, nil
}

// Print writes one suite's table.
func Print(w io.Writer, r Result) {
	fmt.Fprintf(w, "\n== %s (%.1fs)\n", r.Suite, r.Elapsed.Seconds())
	if r.Err != nil {
		fmt.Fprintf(w, "ERROR: %v\n", r.Err)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "metric\tvalue\tfloor\tstatus\tnote")
	for _, m := range r.Metrics {
		status := "ok"
		if !m.Pass() {
			status = "BELOW FLOOR"
		}
		floor := "-"
		if m.Floor >= 0 {
			floor = format(m.Floor, m.Unit)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", m.Name, format(m.Value, m.Unit), floor, status, m.Note)
	}
	tw.Flush()
}

func format(v float64, unit string) string {
	if unit == "" {
		return fmt.Sprintf("%.3f", v)
	}
	if v == float64(int64(v)) {
		return fmt.Sprintf("%d %s", int64(v), unit)
	}
	return fmt.Sprintf("%.2f %s", v, unit)
}
