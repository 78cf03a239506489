package entity

import (
	"unicode"
	"unicode/utf8"
)

// The tagger's features are hashed (template id mixed with value hashes), so
// extracting them allocates nothing and the model is a map from a 64-bit
// feature hash to one weight per label.

const (
	fCap      uint8 = 1 << iota // starts with an upper-case letter
	fAllCap                     // two or more letters, all upper case
	fFirst                      // first word of the sentence
	fLowerDoc                   // its lower-case form occurs in lower case in the document
	fCapDoc                     // occurs capitalised in a non-initial position in the document
	fDigit                      // contains a digit
	fAlpha                      // contains a letter
)

// tokFeat is what the feature templates need to know about one token.
type tokFeat struct {
	lower, shape, suf2, suf3, suf4, pre3 uint64
	gaz                                  uint16
	flags                                uint8
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func mix(a, b uint64) uint64 {
	h := a*0x9E3779B97F4A7C15 ^ b
	h ^= h >> 29
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 32
	return h
}

func runeClass(r rune) rune {
	switch {
	case unicode.IsUpper(r) || unicode.IsTitle(r):
		return 'X'
	case unicode.IsLetter(r):
		return 'x'
	case unicode.IsDigit(r):
		return 'd'
	}
	return r
}

// describe fills the word-level parts of a tokFeat (not the document flags).
func describe(w string) tokFeat {
	var t tokFeat
	t.lower = hashLower(w)
	h := uint64(fnvOffset)
	var last rune = -1
	run, letters, upper := 0, 0, 0
	first := true
	for _, r := range w {
		c := runeClass(r)
		switch c {
		case 'X':
			letters++
			upper++
			if first {
				t.flags |= fCap
			}
		case 'x':
			letters++
		case 'd':
			t.flags |= fDigit
		}
		first = false
		if c == last {
			run++
			if run >= 2 {
				continue
			}
		} else {
			last, run = c, 0
		}
		h ^= uint64(c)
		h *= fnvPrime
	}
	t.shape = h
	if letters > 0 {
		t.flags |= fAlpha
	}
	if letters >= 2 && upper == letters {
		t.flags |= fAllCap
	}
	t.suf2 = hashLower(lastRunes(w, 2))
	t.suf3 = hashLower(lastRunes(w, 3))
	t.suf4 = hashLower(lastRunes(w, 4))
	t.pre3 = hashLower(firstRunes(w, 3))
	return t
}

func lastRunes(s string, k int) string {
	i := len(s)
	for n := 0; n < k && i > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

func firstRunes(s string, k int) string {
	i := 0
	for n := 0; n < k && i < len(s); n++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// Template ids.
const (
	tBias uint64 = iota + 1
	tW
	tWm1
	tWp1
	tWm2
	tWp2
	tShape
	tShapeM1
	tShapeP1
	tSuf2
	tSuf3
	tPre3
	tWm1W
	tWWp1
	tShape3
	tFirstShape
	tGaz
	tGazM1
	tGazP1
	tFlags
	tFlagsM1
	tFlagsP1
	tShapeW1
	tCapRun
	tGazAll
	tFlagsWp1
	tWm1Flags
	tSuf4
	tWm1Wp1
)

var (
	padBOS = tokFeat{lower: 0xB05, shape: 0xB05, suf2: 0xB05, suf3: 0xB05, pre3: 0xB05}
	padEOS = tokFeat{lower: 0xE05, shape: 0xE05, suf2: 0xE05, suf3: 0xE05, pre3: 0xE05}
)

// features appends the feature hashes of token i of a sentence to out.
func features(ts []tokFeat, i int, out []uint64) []uint64 {
	at := func(j int) *tokFeat {
		if j < 0 {
			return &padBOS
		}
		if j >= len(ts) {
			return &padEOS
		}
		return &ts[j]
	}
	t, p, n := &ts[i], at(i-1), at(i+1)
	p2, n2 := at(i-2), at(i+2)
	out = append(out,
		tBias,
		mix(tW, t.lower),
		mix(tWm1, p.lower),
		mix(tWp1, n.lower),
		mix(tWm2, p2.lower),
		mix(tWp2, n2.lower),
		mix(tShape, t.shape),
		mix(tShapeM1, p.shape),
		mix(tShapeP1, n.shape),
		mix(tSuf2, t.suf2),
		mix(tSuf3, t.suf3),
		mix(tPre3, t.pre3),
		mix(mix(tWm1W, p.lower), t.lower),
		mix(mix(tWWp1, t.lower), n.lower),
		mix(mix(mix(tShape3, p.shape), t.shape), n.shape),
		mix(mix(tFlags, uint64(t.flags)), t.shape),
		mix(tFlagsM1, uint64(p.flags&(fCap|fAllCap|fFirst))),
		mix(tFlagsP1, uint64(n.flags&(fCap|fAllCap))),
		mix(mix(tShapeW1, t.shape), n.lower),
		mix(mix(tShapeW1+100, p.lower), t.shape),
		mix(mix(tGazAll, uint64(t.gaz&(1<<nGazBits-1)&^gMulti)), uint64(t.flags&(fCap|fFirst|fAllCap))),
		mix(mix(tFlagsWp1, uint64(t.flags&(fCap|fFirst))), n.lower),
		mix(mix(tWm1Flags, p.lower), uint64(t.flags&(fCap|fFirst))),
		mix(tSuf4, t.suf4),
		mix(mix(tWm1Wp1, p.lower), n.lower),
	)
	for b := 0; b < nGazBits; b++ {
		bit := uint16(1) << b
		if t.gaz&bit != 0 {
			out = append(out, mix(tGaz, uint64(b)), mix(mix(tGaz+100, uint64(b)), uint64(t.flags&(fCap|fFirst))))
		}
		if p.gaz&bit != 0 {
			out = append(out, mix(tGazM1, uint64(b)))
		}
		if n.gaz&bit != 0 {
			out = append(out, mix(tGazP1, uint64(b)))
		}
	}
	if t.flags&fCap != 0 {
		out = append(out, mix(tCapRun, uint64(capRun(ts, i))))
	}
	return out
}

// capRun is the length, capped at 4, of the run of capitalised words that
// token i belongs to.
func capRun(ts []tokFeat, i int) int {
	run := 1
	for j := i - 1; j >= 0 && ts[j].flags&fCap != 0 && run < 4; j-- {
		run++
	}
	for j := i + 1; j < len(ts) && ts[j].flags&fCap != 0 && run < 4; j++ {
		run++
	}
	return run
}

// docFlags computes the document-level case evidence for a set of
// sentences (given as their words): which lower-case forms occur in lower
// case, and which occur capitalised away from a sentence start.
type docCase map[uint64]uint8

func newDocCase() docCase { return docCase{} }

func (dc docCase) observe(words []string, lowers []uint64, firstIdx int) {
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) {
			dc[lowers[i]] |= fLowerDoc
		} else if unicode.IsUpper(r) && i > firstIdx {
			dc[lowers[i]] |= fCapDoc
		}
	}
}

// prepare builds the tokFeats of one sentence.
func prepare(words []string, dc docCase, g *gazetteer, buf []tokFeat) []tokFeat {
	ts := buf[:0]
	for _, w := range words {
		ts = append(ts, describe(w))
	}
	first := firstWordIndex(words)
	if first < len(ts) {
		ts[first].flags |= fFirst
	}
	var lowers [64]uint64
	var bits [64]uint16
	lw, bs := lowers[:0], bits[:0]
	if len(ts) > 64 {
		lw, bs = make([]uint64, 0, len(ts)), make([]uint16, 0, len(ts))
	}
	for i := range ts {
		lw = append(lw, ts[i].lower)
		bs = append(bs, 0)
		if dc != nil {
			ts[i].flags |= dc[ts[i].lower] & (fLowerDoc | fCapDoc)
		}
	}
	g.tag(lw, bs)
	for i := range ts {
		ts[i].gaz = bs[i]
	}
	return ts
}

// firstWordIndex is the index of the sentence's first word, skipping
// leading quotes and brackets.
func firstWordIndex(words []string) int {
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return i
		}
		if i >= 2 {
			return i
		}
	}
	return 0
}
