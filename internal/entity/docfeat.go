package entity

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsquotes/newsquotes/internal/text"
)

// The tagger's run-time path works per word type: an article of a thousand
// tokens has a few hundred distinct words, so hashing, shape, gazetteer
// lookups and most feature weights are computed once per type. A token's
// emission scores are then the sum of role sums (the weights of the features
// that look at one token only: itself, or its neighbour at -2, -1, +1, +2)
// and of the few features over token pairs. Weights are integers, so the
// sums equal the per-feature sums of features() exactly.

// Roles of a token in another token's features.
const (
	roleSelf = iota
	rolePrev
	roleNext
	rolePrev2
	roleNext2
	nRoles
)

type roleSums [nRoles][nLabels]int32

// wordType is one distinct token string of the document.
type wordType struct {
	feat      tokFeat // word features and document case flags; no fFirst, no gazetteer bits
	gaz       uint16  // one-word gazetteer bits
	multi     []gazEntry
	lowerInit bool // starts with a lower-case letter
	upperInit bool // starts with an upper-case letter

	// The role sums for the first (gazetteer bits, flags) seen, which are
	// the same for almost every occurrence.
	cached bool
	cGaz   uint16
	cFlags uint8
	sums   *roleSums
}

// roleCache keeps the role sums of the tokFeats seen in earlier documents
// (it lives in a pooled tagScratch): most words of an article, and nearly
// all of its frequent ones, were in an earlier article, and one map lookup
// replaces twenty-odd lookups in the much larger model table.
type roleCache struct {
	idx    map[tokFeat]*roleSums
	chunks [][]roleSums
	n      int
}

const (
	roleCacheChunk = 1024
	roleCacheMax   = 24 * roleCacheChunk // about 5 MB
)

// get returns the role sums of t, computing them on a miss.
func (c *roleCache) get(m *model, t *tokFeat, fs []uint64) (*roleSums, []uint64) {
	if rs, ok := c.idx[*t]; ok {
		return rs, fs
	}
	ci, i := c.n/roleCacheChunk, c.n%roleCacheChunk
	if ci == len(c.chunks) {
		c.chunks = append(c.chunks, make([]roleSums, roleCacheChunk))
	}
	rs := &c.chunks[ci][i]
	c.n++
	fs = m.sumRoles(t, rs, fs)
	c.idx[*t] = rs
	return rs, fs
}

// trim empties the cache once it is full; it runs between documents, when
// no wordType points into it.
func (c *roleCache) trim() {
	if c.n >= roleCacheMax {
		clear(c.idx)
		c.n = 0
	}
}

// tagScratch holds Extract's per-document buffers for reuse.
type tagScratch struct {
	ids     map[string]int32
	types   []wordType
	typeOf  []int32
	caseOf  map[uint64]uint8
	lower   []uint64
	gazb    []uint16
	ts      []tokFeat
	multis  [][]gazEntry
	rs      []*roleSums
	em      [][nLabels]float32
	labels  []int
	pad     [2]roleSums // BOS, EOS
	padDone bool
	cache   roleCache
}

var scratchPool = sync.Pool{New: func() any {
	return &tagScratch{ids: map[string]int32{}, caseOf: map[uint64]uint8{}, cache: roleCache{idx: map[tokFeat]*roleSums{}}}
}}

func (s *tagScratch) release() {
	clear(s.ids)
	clear(s.caseOf)
	for i := range s.types {
		s.types[i] = wordType{}
	}
	s.types = s.types[:0]
	clear(s.multis[:cap(s.multis)])
	clear(s.rs[:cap(s.rs)])
	s.cache.trim()
	scratchPool.Put(s)
}

// grow returns b with length n, reusing its array when large enough.
func grow[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	b = b[:n]
	clear(b)
	return b
}

// internTypes fills s.typeOf, s.types and s.lower for the document's tokens,
// with the document-level case flags (as docCase computes them).
func (s *tagScratch) internTypes(d *text.Document, g *gazetteer) {
	n := len(d.Tokens)
	s.typeOf = grow(s.typeOf, n)
	s.lower = grow(s.lower, n)
	for i := range d.Tokens {
		w := d.Tokens[i].Text
		id, ok := s.ids[w]
		if !ok {
			id = int32(len(s.types))
			s.ids[w] = id
			t := wordType{feat: describe(w)}
			t.gaz = g.single[t.feat.lower]
			t.multi = g.multi[t.feat.lower]
			r, _ := utf8.DecodeRuneInString(w)
			t.lowerInit = unicode.IsLower(r)
			t.upperInit = !t.lowerInit && unicode.IsUpper(r)
			s.types = append(s.types, t)
		}
		s.typeOf[i] = id
		s.lower[i] = s.types[id].feat.lower
	}
	// Case evidence by lower-case form: seen in lower case anywhere, or
	// capitalised after the sentence's first word.
	for _, st := range d.SentenceTokens {
		first := st.Start + firstWordIndexTok(d.Tokens[st.Start:st.End])
		for i := st.Start; i < st.End; i++ {
			t := &s.types[s.typeOf[i]]
			if t.lowerInit {
				s.caseOf[t.feat.lower] |= fLowerDoc
			} else if t.upperInit && i > first {
				s.caseOf[t.feat.lower] |= fCapDoc
			}
		}
	}
	for i := range s.types {
		t := &s.types[i]
		t.feat.flags |= s.caseOf[t.feat.lower] & (fLowerDoc | fCapDoc)
	}
}

// firstWordIndexTok is firstWordIndex over tokens.
func firstWordIndexTok(toks []text.Token) int {
	for i, t := range toks {
		r, _ := utf8.DecodeRuneInString(t.Text)
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return i
		}
		if i >= 2 {
			return i
		}
	}
	return 0
}

// prepareSentence builds the tokFeats of the sentence in token range st, as
// prepare does, and stores the gazetteer bits in s.gazb.
func (s *tagScratch) prepareSentence(d *text.Document, st text.Span, g *gazetteer) []tokFeat {
	n := st.End - st.Start
	s.ts = grow(s.ts, n)
	s.multis = grow(s.multis, n)
	bits := s.gazb[st.Start:st.End]
	for i := range n {
		t := &s.types[s.typeOf[st.Start+i]]
		s.ts[i] = t.feat
		bits[i] = t.gaz
		s.multis[i] = t.multi
	}
	if n > 0 {
		s.ts[firstWordIndexTok(d.Tokens[st.Start:st.End])].flags |= fFirst
	}
	g.tagMulti(s.lower[st.Start:st.End], bits, s.multis)
	for i := range n {
		s.ts[i].gaz = bits[i]
	}
	return s.ts
}

// roleFeatures appends the features that look at token t alone, in role r.
func roleFeatures(t *tokFeat, r int, out []uint64) []uint64 {
	switch r {
	case roleSelf:
		out = append(out,
			tBias,
			mix(tW, t.lower),
			mix(tShape, t.shape),
			mix(tSuf2, t.suf2),
			mix(tSuf3, t.suf3),
			mix(tPre3, t.pre3),
			mix(mix(tFlags, uint64(t.flags)), t.shape),
			mix(mix(tGazAll, uint64(t.gaz&(1<<nGazBits-1)&^gMulti)), uint64(t.flags&(fCap|fFirst|fAllCap))),
			mix(tSuf4, t.suf4),
		)
		for b := 0; b < nGazBits; b++ {
			if t.gaz&(1<<b) != 0 {
				out = append(out, mix(tGaz, uint64(b)), mix(mix(tGaz+100, uint64(b)), uint64(t.flags&(fCap|fFirst))))
			}
		}
	case rolePrev:
		out = append(out,
			mix(tWm1, t.lower),
			mix(tShapeM1, t.shape),
			mix(tFlagsM1, uint64(t.flags&(fCap|fAllCap|fFirst))),
		)
		for b := 0; b < nGazBits; b++ {
			if t.gaz&(1<<b) != 0 {
				out = append(out, mix(tGazM1, uint64(b)))
			}
		}
	case roleNext:
		out = append(out,
			mix(tWp1, t.lower),
			mix(tShapeP1, t.shape),
			mix(tFlagsP1, uint64(t.flags&(fCap|fAllCap))),
		)
		for b := 0; b < nGazBits; b++ {
			if t.gaz&(1<<b) != 0 {
				out = append(out, mix(tGazP1, uint64(b)))
			}
		}
	case rolePrev2:
		out = append(out, mix(tWm2, t.lower))
	case roleNext2:
		out = append(out, mix(tWp2, t.lower))
	}
	return out
}

// pairFeatures appends the features of token i that look at two or more
// tokens. roleFeatures of the tokens around i plus these are features(ts, i).
func pairFeatures(ts []tokFeat, i int, out []uint64) []uint64 {
	t, p, n := &ts[i], &padBOS, &padEOS
	if i > 0 {
		p = &ts[i-1]
	}
	if i+1 < len(ts) {
		n = &ts[i+1]
	}
	out = append(out,
		mix(mix(tWm1W, p.lower), t.lower),
		mix(mix(tWWp1, t.lower), n.lower),
		mix(mix(mix(tShape3, p.shape), t.shape), n.shape),
		mix(mix(tShapeW1, t.shape), n.lower),
		mix(mix(tShapeW1+100, p.lower), t.shape),
		mix(mix(tFlagsWp1, uint64(t.flags&(fCap|fFirst))), n.lower),
		mix(mix(tWm1Flags, p.lower), uint64(t.flags&(fCap|fFirst))),
		mix(mix(tWm1Wp1, p.lower), n.lower),
	)
	if t.flags&fCap != 0 {
		run := 1
		for j := i - 1; j >= 0 && ts[j].flags&fCap != 0 && run < 4; j-- {
			run++
		}
		for j := i + 1; j < len(ts) && ts[j].flags&fCap != 0 && run < 4; j++ {
			run++
		}
		out = append(out, mix(tCapRun, uint64(run)))
	}
	return out
}

// sumRoles fills rs with the weight sums of t's features in every role.
func (m *model) sumRoles(t *tokFeat, rs *roleSums, fs []uint64) []uint64 {
	for r := range nRoles {
		fs = roleFeatures(t, r, fs[:0])
		rs[r] = [nLabels]int32{}
		for _, f := range fs {
			m.add(f, &rs[r])
		}
	}
	return fs
}

// add adds the weights of feature f to acc.
func (m *model) add(f uint64, acc *[nLabels]int32) {
	k := slotKey(f)
	fp := fingerprint(k)
	for i := (k >> 7) & m.mask; ; i = (i + 1) & m.mask {
		switch m.fp[i] {
		case fp:
			if s := &m.table[i]; s.key == k {
				for l := range acc {
					acc[l] += int32(s.w[l])
				}
				return
			}
		case 0:
			return
		}
	}
}

// emissionsSentence scores the tokens of one sentence (token range st) into
// s.em.
func (s *tagScratch) emissionsSentence(m *model, ts []tokFeat, st text.Span, fs []uint64) []uint64 {
	n := len(ts)
	if !s.padDone {
		fs = m.sumRoles(&padBOS, &s.pad[0], fs)
		fs = m.sumRoles(&padEOS, &s.pad[1], fs)
		s.padDone = true
	}
	s.rs = grow(s.rs, n)
	for i := range n {
		t := &s.types[s.typeOf[st.Start+i]]
		f := &ts[i]
		if t.cached && t.cGaz == f.gaz && t.cFlags == f.flags {
			s.rs[i] = t.sums
			continue
		}
		s.rs[i], fs = s.cache.get(m, f, fs)
		if !t.cached {
			t.cached, t.cGaz, t.cFlags, t.sums = true, f.gaz, f.flags, s.rs[i]
		}
	}
	role := func(j, r int) *[nLabels]int32 {
		if j < 0 {
			return &s.pad[0][r]
		}
		if j >= n {
			return &s.pad[1][r]
		}
		return &s.rs[j][r]
	}
	s.em = grow(s.em, n)
	for i := range n {
		acc := s.rs[i][roleSelf]
		for _, o := range [4]struct{ d, r int }{{-1, rolePrev}, {1, roleNext}, {-2, rolePrev2}, {2, roleNext2}} {
			w := role(i+o.d, o.r)
			for l := range acc {
				acc[l] += w[l]
			}
		}
		fs = pairFeatures(ts, i, fs[:0])
		for _, f := range fs {
			m.add(f, &acc)
		}
		for l := range acc {
			s.em[i][l] = float32(acc[l]) * m.scale
		}
	}
	return fs
}
