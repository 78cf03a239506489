package entity

import (
	"fmt"
	"io"
	"math/rand/v2"

	"github.com/newsquotes/newsquotes/internal/entity/corpus"
)

// TrainDoc is one training document: its sentences share document-level
// case evidence, as the sentences of an article do at run time.
type TrainDoc struct {
	Sentences []corpus.Sentence
}

// TrainOptions tunes Train.
type TrainOptions struct {
	Epochs int
	MinAbs float32    // drop features whose weights are all smaller than this
	Dev    []TrainDoc // scored after each epoch (model selection only)
	Log    io.Writer
	Seed   uint64
}

type trainSent struct {
	off   []int32 // feature offsets, flattened
	start []int   // start of each token's features in off (len n+1)
	gold  []int
}

// Train fits the averaged structured perceptron on docs and returns the
// serialised model (the format embedded as data/model.bin.gz).
func Train(docs []TrainDoc, opt TrainOptions) ([]byte, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 8
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	g := loadGazetteer()
	m := newModel()
	var sents []trainSent
	var buf []tokFeat
	var fs []uint64
	for _, d := range docs {
		dc := docCaseOf(d.Sentences)
		for _, s := range d.Sentences {
			buf = prepare(s.Words, dc, g, buf)
			ts := trainSent{start: make([]int, 0, len(s.Words)+1)}
			for i := range buf {
				ts.start = append(ts.start, len(ts.off))
				fs = features(buf, i, fs[:0])
				for _, f := range fs {
					off, ok := m.index[f]
					if !ok {
						off = int32(len(m.w))
						m.index[f] = off
						m.w = append(m.w, make([]float32, nLabels)...)
					}
					ts.off = append(ts.off, off)
				}
				ts.gold = append(ts.gold, labelIndex(s.Labels[i]))
			}
			ts.start = append(ts.start, len(ts.off))
			sents = append(sents, ts)
		}
	}
	fmt.Fprintf(opt.Log, "train: %d sentences, %d features\n", len(sents), len(m.index))
	acc := make([]float64, len(m.w))
	var tacc [nLabels + 1][nLabels]float64
	c := 1.0
	rng := rand.New(rand.NewPCG(opt.Seed, 7))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	var em [][nLabels]float32
	var pred []int
	update := func(ts *trainSent, i, l int, d float32) {
		for _, off := range ts.off[ts.start[i]:ts.start[i+1]] {
			m.w[int(off)+l] += d
			acc[int(off)+l] += c * float64(d)
		}
	}
	for ep := 1; ep <= opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, toks := 0, 0
		for _, si := range order {
			ts := &sents[si]
			n := len(ts.gold)
			em = em[:0]
			for i := 0; i < n; i++ {
				var e [nLabels]float32
				for _, off := range ts.off[ts.start[i]:ts.start[i+1]] {
					ws := m.w[off : off+nLabels]
					for l := range e {
						e[l] += ws[l]
					}
				}
				em = append(em, e)
			}
			pred = m.viterbi(em, pred)
			toks += n
			for i := 0; i < n; i++ {
				gp, pp := nLabels, nLabels
				if i > 0 {
					gp, pp = ts.gold[i-1], pred[i-1]
				}
				if ts.gold[i] != pred[i] {
					errs++
					update(ts, i, ts.gold[i], 1)
					update(ts, i, pred[i], -1)
				}
				if ts.gold[i] != pred[i] || gp != pp {
					m.trans[gp][ts.gold[i]]++
					tacc[gp][ts.gold[i]] += c
					m.trans[pp][pred[i]]--
					tacc[pp][pred[i]] -= c
				}
			}
			c++
		}
		avg := averaged(m, acc, &tacc, c)
		fmt.Fprintf(opt.Log, "epoch %d: token errors %.4f", ep, float64(errs)/float64(toks))
		if len(opt.Dev) > 0 {
			p, r, f := scoreDocs(avg, opt.Dev)
			fmt.Fprintf(opt.Log, "  dev P %.3f R %.3f F1 %.3f", p, r, f)
		}
		fmt.Fprintln(opt.Log)
	}
	avg := averaged(m, acc, &tacc, c)
	return avg.marshal(opt.MinAbs)
}

func averaged(m *model, acc []float64, tacc *[nLabels + 1][nLabels]float64, c float64) *model {
	a := &model{index: m.index, w: make([]float32, len(m.w))}
	for i, w := range m.w {
		a.w[i] = float32(float64(w) - acc[i]/c)
	}
	for i := range m.trans {
		for j := range m.trans[i] {
			a.trans[i][j] = float32(float64(m.trans[i][j]) - tacc[i][j]/c)
		}
	}
	return a
}

func docCaseOf(ss []corpus.Sentence) docCase {
	dc := newDocCase()
	for _, s := range ss {
		lw := make([]uint64, len(s.Words))
		for i, w := range s.Words {
			lw[i] = hashLower(w)
		}
		dc.observe(s.Words, lw, firstWordIndex(s.Words))
	}
	return dc
}

// tagWords runs the tagger on pre-tokenised sentences of one document.
func tagWords(m *model, ss []corpus.Sentence) [][]int {
	g := loadGazetteer()
	dc := docCaseOf(ss)
	var out [][]int
	var buf []tokFeat
	var fs []uint64
	for _, s := range ss {
		buf = prepare(s.Words, dc, g, buf)
		em := make([][nLabels]float32, len(buf))
		for i := range buf {
			fs = features(buf, i, fs[:0])
			m.emissions(fs, &em[i])
		}
		out = append(out, m.viterbi(em, nil))
	}
	return out
}

// scoreDocs is exact-span typed micro P/R/F1 on gold-tokenised documents.
func scoreDocs(m *model, docs []TrainDoc) (p, r, f float64) {
	var tp, np, ng int
	for _, d := range docs {
		preds := tagWords(m, d.Sentences)
		for si, s := range d.Sentences {
			pl := make([]string, len(preds[si]))
			for i, l := range preds[si] {
				pl[i] = labelNames[l]
			}
			gs := corpus.Spans(s.Labels)
			ps := corpus.Spans(pl)
			ng += len(gs)
			np += len(ps)
			set := map[corpus.Span]bool{}
			for _, x := range gs {
				set[x] = true
			}
			for _, x := range ps {
				if set[x] {
					tp++
				}
			}
		}
	}
	if np > 0 {
		p = float64(tp) / float64(np)
	}
	if ng > 0 {
		r = float64(tp) / float64(ng)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}
