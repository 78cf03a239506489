package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsquotes/newsquotes/internal/cputime"
	"github.com/newsquotes/newsquotes/internal/quote"
)

func qSharedDir(tb testing.TB) string {
	tb.Helper()
	d := os.Getenv("NEWSQUOTES_SHARED")
	if d == "" {
		d = filepath.Join("..", "..", "..", "shared")
	}
	if _, err := os.Stat(filepath.Join(d, "bench", "quotes", "polnear-dev")); err != nil {
		tb.Skipf("shared data not found at %s (set NEWSQUOTES_SHARED)", d)
	}
	return d
}

func TestQTrimAndTokens(t *testing.T) {
	rs := []rune(`He said: “It is over,” and left.`)
	got := qTrim(rs, quote.Span{Start: 8, End: 22})
	if s := string(rs[got.Start:got.End]); s != "It is over" {
		t.Errorf("qTrim = %q", s)
	}
	// A complementizer and the quote mark after it both go: gold content
	// spans open with "that", ours with the quoted words.
	rs2 := []rune(`She told them that “we are in this together.”`)
	got = qTrim(rs2, quote.Span{Start: 13, End: len(rs2)})
	if s := string(rs2[got.Start:got.End]); s != "we are in this together" {
		t.Errorf("qTrim after 'that' = %q", s)
	}
	toks := qTokens(rs)
	if len(toks) != 7 {
		t.Errorf("qTokens: %d tokens, want 7", len(toks))
	}
	a := qSet(toks, quote.Span{Start: 10, End: 20})
	if len(a) != 3 {
		t.Errorf("qSet: %v", a)
	}
}

func TestSpeakerRight(t *testing.T) {
	rs := []rune("Smith said it.")
	src := []pnSpan{{Start: 0, End: 5, Text: "Smith"}}
	if !speakerRight(rs, quote.Speaker{Mention: "he", Start: 20, End: 22, Name: "John Smith"}, src) {
		t.Error("name word match not counted")
	}
	if speakerRight(rs, quote.Speaker{Mention: "Reuters", Start: 20, End: 27, Name: "Reuters"}, src) {
		t.Error("wrong speaker counted")
	}
}

// TestQuoteSuites prints the quote suites when QUOTES_EVAL is set; `quotes
// eval` is the way CI runs them.
func TestQuoteSuites(t *testing.T) {
	if os.Getenv("QUOTES_EVAL") == "" {
		t.Skip("set QUOTES_EVAL=1 to print the quote suites")
	}
	cfg := Config{SharedDir: qSharedDir(t)}
	var sb strings.Builder
	if _, err := Run(cfg, &sb, "seed-quotes", "quotes"); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + sb.String())
}

// BenchmarkQuotesPolNeAR measures entities + quotes per article on the
// PolNeAR dev texts, one core (run it with -cpu 1).
func BenchmarkQuotesPolNeAR(b *testing.B) {
	dir := filepath.Join(qSharedDir(b), "bench", "quotes", "polnear-dev", "text")
	ents, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	for _, e := range ents {
		t, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(t))
	}
	AnalyzeQuotes(texts[0]) // load the embedded models outside the timing
	cpu0 := cputime.Process()
	n := 0
	for b.Loop() {
		AnalyzeQuotes(texts[n%len(texts)])
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	// On a shared machine wall time includes waiting for a core; the
	// process's CPU time (garbage collection included) is the cost.
	if c := cputime.Process() - cpu0; c > 0 {
		b.ReportMetric(float64(n)/c.Seconds(), "articles/cpu-s")
	}
}
