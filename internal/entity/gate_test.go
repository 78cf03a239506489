package entity

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsquotes/newsquotes/internal/benchdata"
	"github.com/newsquotes/newsquotes/internal/cputime"
	"github.com/newsquotes/newsquotes/internal/entity/corpus"
	"github.com/newsquotes/newsquotes/internal/text"
)

// gateTexts are the texts TestGateMatchesFullTagger runs: the package's
// own, and with ../shared the PolNeAR articles and the NER corpora (their
// sentences as articles of 20 lines).
func gateTexts(t *testing.T) (texts, sources []string) {
	texts = []string{benchText}
	sources = []string{"benchText"}
	dir := os.Getenv("NEWSQUOTES_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	for _, split := range []string{"polnear-dev", "polnear-train"} {
		files, _ := filepath.Glob(filepath.Join(dir, "bench", "quotes", split, "text", "*"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(b))
			sources = append(sources, split)
		}
	}
	ner := filepath.Join(dir, "bench", "ner")
	columns := []struct {
		glob     string
		tok, lab int
	}{
		{"uner-pud-wiki/*.iob2", 1, 2},
		{"train/uner-en-ewt/*.iob2", 1, 2},
		{"train/wikigold/*.txt", 0, 1},
		{"train/btc/*.conll", 0, 1},
		{"train/wnut17/*.conll", 0, 1},
		{"gum-news/*.conllu", 1, 1},
		{"train/gum/*.conllu", 1, 1},
	}
	for _, c := range columns {
		files, _ := filepath.Glob(filepath.Join(ner, c.glob))
		for _, f := range files {
			ss, err := corpus.ReadColumns(f, c.tok, c.lab)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for i, s := range ss {
				if s.Text != "" {
					b.WriteString(s.Text)
				} else {
					b.WriteString(strings.Join(s.Words, " "))
				}
				b.WriteByte('\n')
				if i%20 == 19 || i == len(ss)-1 {
					texts = append(texts, b.String())
					sources = append(sources, c.glob)
					b.Reset()
				}
			}
		}
	}
	return texts, sources
}

// taggedSpans returns the tagger's spans (before the rules) of a document.
func taggedSpans(doc *text.Document, noGate bool) []string {
	loadAll()
	m, err := loadModel()
	if err != nil {
		panic(err)
	}
	sc := newTagScratch()
	sc.noGate = noGate
	x := &extractor{doc: doc, m: m, g: loadGazetteer(), sc: sc}
	x.tag()
	out := make([]string, len(x.ms))
	for i, m := range x.ms {
		var ws []string
		for j := m.a; j < m.b; j++ {
			ws = append(ws, doc.Tokens[j].Text)
		}
		out[i] = fmt.Sprintf("%d-%d %s %q", m.a, m.b, m.typ, strings.Join(ws, " "))
	}
	return out
}

// TestGateMatchesFullTagger checks that tagging only the tokens near
// candidates finds the spans that tagging every token finds.
func TestGateMatchesFullTagger(t *testing.T) {
	texts, sources := gateTexts(t)
	diff, spans, tokens := 0, 0, 0
	bySource := map[string]int{}
	for ti, txt := range texts {
		doc := text.NewDocument(txt)
		tokens += len(doc.Tokens)
		full := taggedSpans(doc, true)
		gated := taggedSpans(doc, false)
		spans += len(full)
		in := map[string]bool{}
		for _, s := range full {
			in[s] = true
		}
		for _, s := range gated {
			if in[s] {
				delete(in, s)
				continue
			}
			diff++
			bySource[sources[ti]]++
			if diff <= 20 {
				t.Logf("gated only: %s %s", sources[ti], s)
			}
		}
		for s := range in {
			diff++
			bySource[sources[ti]]++
			if diff <= 20 {
				t.Logf("full only: %s %s", sources[ti], s)
			}
		}
	}
	t.Logf("%d texts, %d tokens, %d spans, %d differ: %v", len(texts), tokens, spans, diff, bySource)
	// News must not change at all; lower-case web text (tweets, forums)
	// may lose a rare span.
	for src, n := range bySource {
		if strings.HasPrefix(src, "polnear") || src == "benchText" || strings.Contains(src, "pud") || strings.HasPrefix(src, "gum-news") {
			t.Errorf("%s: %d spans differ between gated and full tagging", src, n)
		}
	}
	if diff*10000 > spans {
		t.Errorf("%d of %d spans differ between gated and full tagging", diff, spans)
	}
}

// BenchmarkTagPolNeAR measures the tagger alone (no tokenising, no rules)
// on the PolNeAR dev texts (skipped without ../shared).
func BenchmarkTagPolNeAR(b *testing.B) {
	var docs []*text.Document
	for _, t := range benchdata.PolNeARDevTexts(b) {
		docs = append(docs, text.NewDocument(t))
	}
	Warm()
	m, _ := loadModel()
	g := loadGazetteer()
	cpu0 := cputime.Process()
	n := 0
	for b.Loop() {
		sc := scratchPool.Get().(*tagScratch)
		x := &extractor{doc: docs[n%len(docs)], m: m, g: g, sc: sc}
		x.tag()
		sc.release()
		n++
	}
	if c := cputime.Process() - cpu0; c > 0 {
		b.ReportMetric(float64(n)/c.Seconds(), "articles/cpu-s")
	}
}
