package quote

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/newsquotes/newsquotes/internal/entity"
	"github.com/newsquotes/newsquotes/internal/text"
)

var trainBoundary = flag.Bool("train-boundary", false, "learn data/boundary.tsv.gz from PolNeAR's training split in ../shared")

// boundaryExample is one reported clause whose gold end is among its
// candidates: the features of each candidate and the gold one's index.
type boundaryExample struct {
	feats [][]string
	gold  int
	rule  int // the candidate the rules chose (the last one)
}

// TestTrainBoundaryModel learns the boundary model's weights (data/boundary.tsv.gz). It runs only
// with -train-boundary and the shared data; the weights it writes are the
// only thing taken from PolNeAR (no text).
func TestTrainBoundaryModel(t *testing.T) {
	if !*trainBoundary {
		t.Skip("run with -train-boundary to relearn data/boundary.tsv.gz")
	}
	shared := os.Getenv("NEWSQUOTES_SHARED")
	if shared == "" {
		shared = "../../../shared"
	}
	dir := filepath.Join(shared, "bench", "quotes", "polnear-train")
	examples, err := boundaryExamples(dir)
	if err != nil {
		t.Fatal(err)
	}
	w := trainConditionalLogit(examples, 12)
	right, rule := 0, 0
	for _, ex := range examples {
		if pickBest(ex, w) == ex.gold {
			right++
		}
		if ex.rule == ex.gold {
			rule++
		}
	}
	t.Logf("%d clauses with the gold end among the candidates; rules right on %d, model on %d (training data)", len(examples), rule, right)
	var b strings.Builder
	b.WriteString("# boundary model weights: feature<TAB>weight, learned from PolNeAR's training split\n")
	b.WriteString("# (regenerate: go test ./internal/quote -run TestTrainBoundaryModel -train-boundary)\n")
	keys := make([]string, 0, len(w))
	for k, v := range w {
		if math.Abs(v) >= 0.01 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "%s\t%.3f\n", k, w[k])
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write([]byte(b.String()))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("data/boundary.tsv.gz", gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func boundaryExamples(dir string) ([]boundaryExample, error) {
	f, err := os.Open(filepath.Join(dir, "attributions.jsonl"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	type span struct{ Start, End int }
	golds := map[string][]span{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var a struct {
			Doc     string `json:"doc"`
			Content []span `json:"content"`
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, err
		}
		if len(a.Content) == 1 {
			golds[a.Doc] = append(golds[a.Doc], a.Content[0])
		}
	}
	docs := make([]string, 0, len(golds))
	for d := range golds {
		docs = append(docs, d)
	}
	sort.Strings(docs)
	var out []boundaryExample
	missed := 0
	defer func() { fmt.Printf("clauses whose gold end is no candidate: %d\n", missed) }()
	for _, d := range docs {
		body, err := os.ReadFile(filepath.Join(dir, "text", d+".txt"))
		if err != nil {
			continue
		}
		rs := []rune(string(body))
		ends := map[int][]int{} // trimmed gold start -> trimmed ends
		for _, g := range golds[d] {
			s, e := trimGold(rs, g.Start, g.End)
			ends[s] = append(ends[s], e)
		}
		doc := text.NewDocument(string(body))
		seen := map[int]bool{}
		_ = seen
		extract(doc, entity.Extract(doc), func(x *extractor) {
			x.noBoundaryModel = true
			x.clauseTrace = func(c, e, v int) {
				if seen[c] || e-c < 4 {
					return
				}
				seen[c] = true
				// Gold contents that start where the clause does, or
				// within a few words of it: their ends teach where
				// clauses end.
				var ge []int
				for k := max(c-3, 0); k <= c+3 && k < e; k++ {
					ge = append(ge, ends[x.toks[k].Start]...)
				}
				if len(ge) == 0 {
					return
				}
				cands := x.boundaryCandidates(c, e, nil)
				gold := -1
				for i, k := range cands {
					_, end := trimGold(rs, x.toks[c].Start, x.span(c, k).End)
					if slices.Contains(ge, end) {
						gold = i
						break
					}
				}
				if gold < 0 {
					missed++
				}
				if gold < 0 || len(cands) < 2 {
					return
				}
				ex := boundaryExample{gold: gold, rule: len(cands) - 1}
				for _, k := range cands {
					var fs stringSink
					x.boundaryFeatures(c, e, k, v, &fs)
					ex.feats = append(ex.feats, fs.fs)
				}
				out = append(out, ex)
			}
		})
	}
	return out, nil
}

func trimGold(rs []rune, s, e int) (int, int) { return text.TrimReported(rs, s, e) }

// trainConditionalLogit fits weights that make each example's gold
// candidate the most probable among its candidates (softmax over them),
// by stochastic gradient ascent with a little L2 shrinkage. Features seen
// fewer than three times are left out, so no rare word carries weight.
func trainConditionalLogit(examples []boundaryExample, epochs int) map[string]float64 {
	count := map[string]int{}
	for _, ex := range examples {
		for _, fs := range ex.feats {
			for _, f := range fs {
				count[f]++
			}
		}
	}
	w := map[string]float64{}
	for ep := 0; ep < epochs; ep++ {
		lr := 0.2 / (1 + float64(ep))
		for _, ex := range examples {
			scores := make([]float64, len(ex.feats))
			mx := math.Inf(-1)
			for i, fs := range ex.feats {
				for _, f := range fs {
					scores[i] += w[f]
				}
				mx = max(mx, scores[i])
			}
			z := 0.0
			for i := range scores {
				scores[i] = math.Exp(scores[i] - mx)
				z += scores[i]
			}
			for i, fs := range ex.feats {
				g := -scores[i] / z
				if i == ex.gold {
					g += 1
				}
				for _, f := range fs {
					if count[f] >= 3 {
						w[f] += lr*g - lr*1e-3*w[f]
					}
				}
			}
		}
	}
	return w
}

// pickBest is boundaryEnd's choice: the rules' end unless another
// candidate scores higher.
func pickBest(ex boundaryExample, w map[string]float64) int {
	score := func(i int) float64 {
		s := 0.0
		for _, f := range ex.feats[i] {
			s += w[f]
		}
		return s
	}
	best, bs := ex.rule, score(ex.rule)
	for i := range ex.feats {
		if s := score(i); s > bs {
			best, bs = i, s
		}
	}
	return best
}
