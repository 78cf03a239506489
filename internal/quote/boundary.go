package quote

import (
	_ "embed"
	"strconv"
	"strings"

	"github.com/newsquotes/newsquotes/internal/embedded"
)

// Where reported content ends is the hardest call in indirect speech: "He
// said the plan failed, a result that surprised no one" reports only "the
// plan failed", while "He said the plan failed, and that it cost too much"
// reports both. The rules in clauseEnd give a first end; a small log-linear
// model then picks the end among the places the clause could stop (commas,
// dashes, conjunctions, prepositions, or where the rules stopped). Its
// weights were learned from PolNeAR's training split (word features and
// weights only, no text; see boundary_train_test.go, which regenerates
// data/boundary.tsv.gz with -train-boundary; read it with zcat).

// The weights ship gzipped: the API's bootstrap has a size budget.
//
//go:embed data/boundary.tsv.gz
var boundaryTSVGz []byte

// boundaryWeights maps a feature's hash to its weight.
var boundaryWeights = parseBoundaryWeights(string(embedded.MustGunzip("quote boundary weights", boundaryTSVGz)))

func parseBoundaryWeights(tsv string) map[uint64]float64 {
	w := map[uint64]float64{}
	for line := range strings.Lines(tsv) {
		line = strings.TrimRight(line, "\n")
		if line == "" || line[0] == '#' {
			continue
		}
		f, v, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		if x, err := strconv.ParseFloat(v, 64); err == nil {
			w[featureHash(f)] = x
		}
	}
	return w
}

// A feature is prefix + a, then "|" + b and "|" + c when given. Sinks
// receive features in parts: the scorer hashes them without building
// strings, the trainer builds them.
type featureSink interface {
	add(prefix, a, b, c string)
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func featureHash(f string) uint64 { return fnvString(fnvOffset, f) }

// scoreSink sums the weights of the features it is given.
type scoreSink struct{ sum float64 }

func (s *scoreSink) add(prefix, a, b, c string) {
	h := fnvString(fnvString(fnvOffset, prefix), a)
	if b != "" {
		h = fnvString(fnvString(h, "|"), b)
	}
	if c != "" {
		h = fnvString(fnvString(h, "|"), c)
	}
	s.sum += boundaryWeights[h]
}

// stringSink collects the features as strings.
type stringSink struct{ fs []string }

func (s *stringSink) add(prefix, a, b, c string) {
	f := prefix + a
	if b != "" {
		f += "|" + b
	}
	if c != "" {
		f += "|" + c
	}
	s.fs = append(s.fs, f)
}

// boundaryWords can end reported content when the clause stops before them.
var boundaryWords = wordSet(`, ; : ( — – -- ― and but or while as including because after before when despite amid
	though although since until if which who where compared according on in at during with
	by for to from via over than even so without`)

// maxBoundaryCandidates bounds the work per clause.
const maxBoundaryCandidates = 24

// boundaryCandidates appends to buf the token positions in (c, e] where
// content [c, e) could end: boundary words outside quotations at least
// three tokens in and not before minContentEnd, and e itself.
func (x *extractor) boundaryCandidates(c, e int, buf []int) []int {
	for k := c + 3; k < e && len(buf) < maxBoundaryCandidates-1; k++ {
		t := &x.toks[k]
		if t.q >= 0 || !boundaryWords[t.lower] || k < x.minContentEnd {
			continue
		}
		buf = append(buf, k)
	}
	return append(buf, e)
}

// boundaryFeatures gives sink the features of ending content [c, e) at
// k, for cue v.
func (x *extractor) boundaryFeatures(c, e, k, v int, sink featureSink) {
	t := "END"
	if k < e {
		t = x.toks[k].lower
	}
	n, n2, p := "<s>", "<s>", x.boundaryWord(k-1)
	if k < len(x.toks) {
		n = x.boundaryWord(k)
		if k < e {
			n = x.boundaryWord(k + 1)
			n2 = x.boundaryWord(k + 2)
		}
	}
	cue := x.lowerAt(v)
	kind := "say"
	if stanceVerbs[cue] && !cueVerbs[cue] {
		kind = "stance"
	}
	sink.add("t:", t, "", "")
	sink.add("tn:", t, n, "")
	sink.add("tnn:", t, n, n2)
	sink.add("pt:", p, t, "")
	sink.add("tk:", t, kind, "")
	sink.add("tc:", t, cue, "")
	sink.add("td:", t, bucket(x.wordsIn(c, k)), "")
	sink.add("tr:", t, bucket(x.wordsIn(k, e)), "")
	sink.add("ns:", t, x.shape(k+1), "")
	if k < e && k+1 < e {
		// A new subject and verb after the boundary: the writer's clause.
		if s := x.npForward(k+1, min(e, k+8)); s > 0 && (x.is(s, lexClauseVerb) || x.isFiniteCue(s)) {
			sink.add("npv:", t, "", "")
		}
		if x.isCue(k+1) || x.isFiniteCue(k+1) {
			sink.add("ncue:", t, "", "")
		}
	}
}

// boundaryWord is the lower-cased token at i as a feature value, with
// numbers and capitalised words folded into classes.
func (x *extractor) boundaryWord(i int) string {
	if i < 0 || i >= len(x.toks) {
		return "<s>"
	}
	t := &x.toks[i]
	switch {
	case t.q >= 0 && t.mark:
		return "<q>"
	case !t.word:
		return t.lower
	case t.cap && !boundaryWords[t.lower] && t.lex&(lexPronoun|lexDeterminer) == 0:
		return "<Cap>"
	}
	if t.lower != "" && t.lower[0] >= '0' && t.lower[0] <= '9' {
		return "<num>"
	}
	return t.lower
}

// shape is a coarse class of the token at i.
func (x *extractor) shape(i int) string {
	if i >= len(x.toks) {
		return "end"
	}
	t := &x.toks[i]
	switch {
	case t.q >= 0:
		return "quote"
	case !t.word:
		return "punct"
	case t.lex&lexPronoun != 0:
		return "pron"
	case t.lex&lexDeterminer != 0:
		return "det"
	case t.cap:
		return "cap"
	case x.is(i, lexClauseVerb|lexAux):
		return "verb"
	}
	return "low"
}

func bucket(n int) string {
	switch {
	case n <= 3:
		return strconv.Itoa(n)
	case n <= 5:
		return "4-5"
	case n <= 8:
		return "6-8"
	case n <= 12:
		return "9-12"
	case n <= 20:
		return "13-20"
	}
	return "21+"
}

// boundaryEnd picks the end of content [c, e) after cue v: the candidate
// the model scores highest, or e when no weights are loaded.
func (x *extractor) boundaryEnd(c, e, v int) int {
	if len(boundaryWeights) == 0 || x.noBoundaryModel || e-c < 4 {
		return e
	}
	var cb [maxBoundaryCandidates]int
	cands := x.boundaryCandidates(c, e, cb[:0])
	if len(cands) == 1 {
		return e
	}
	// The rules' end stands unless another candidate scores higher.
	score := func(k int) float64 {
		var s scoreSink
		x.boundaryFeatures(c, e, k, v, &s)
		return s.sum
	}
	best, bestScore := e, score(e)
	for _, k := range cands[:len(cands)-1] {
		if s := score(k); s > bestScore {
			best, bestScore = k, s
		}
	}
	// Never leave trailing punctuation inside the content.
	for best > c && !x.toks[best-1].word && !(x.toks[best-1].q >= 0 && x.toks[best-1].mark) && x.toks[best-1].Text != ")" {
		best--
	}
	if best <= c {
		return e
	}
	return best
}
