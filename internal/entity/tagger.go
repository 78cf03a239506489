package entity

import (
	"bytes"
	"cmp"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"
)

// Labels of the sequence tagger (BIO over PER, ORG, LOC).
const nLabels = 7

const (
	lO = iota
	lBPer
	lIPer
	lBOrg
	lIOrg
	lBLoc
	lILoc
)

var labelNames = [nLabels]string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"}

func labelIndex(s string) int {
	for i, n := range labelNames {
		if n == s {
			return i
		}
	}
	return lO
}

// allowed tells whether label cur may follow label prev (prev == nLabels
// means the sentence start): I-X only continues B-X or I-X.
func allowed(prev, cur int) bool { return allowedTab[prev][cur] }

var allowedTab = func() (t [nLabels + 1][nLabels]bool) {
	for p := 0; p <= nLabels; p++ {
		for c := 0; c < nLabels; c++ {
			t[p][c] = c == lO || c%2 == 1 || p != nLabels && p != lO && (p+1)/2 == c/2
		}
	}
	return t
}()

// model is a first-order structured perceptron: hashed emission features
// with one weight per label, plus label transition weights.
type model struct {
	index map[uint64]int32 // training: feature -> offset into w
	w     []float32
	trans [nLabels + 1][nLabels]float32 // row nLabels: sentence start

	// Run time: an open-addressing table whose slots hold the feature and
	// its quantised weights together, so a lookup touches one cache line.
	table []slot
	fp    []uint8 // per slot: fingerprint(key), 0 when empty
	mask  uint64
	scale float32
	// runTrans: trans masked by maskTrans, for a model that no longer
	// changes (nil while training).
	runTrans *[nLabels + 1][nLabels]float32
	runTo    *[nLabels][nLabels]float32 // runTrans by label, then previous label
	// capRunW[r]: the weights of the capitalised-run feature for a run of
	// r (1 to 4), the one feature with so few values.
	capRunW [5][nLabels]int32
}

type slot struct {
	key uint64 // 0: empty
	w   [nLabels]int16
	_   [32 - 8 - 2*nLabels]byte // 32 bytes: a slot never straddles two cache lines
}

func (m *model) features() int {
	if m.table != nil {
		n := 0
		for _, s := range m.table {
			if s.key != 0 {
				n++
			}
		}
		return n
	}
	return len(m.index)
}

// slotKey keeps 0 free to mark empty slots.
func slotKey(f uint64) uint64 {
	if f == 0 {
		return 1
	}
	return f
}

// fingerprint is a slot key's top bits, never 0. The fingerprints (a byte
// a slot, 256 KB) stay in a core's L2 cache where the slots do not, so a
// feature the model lacks is mostly rejected without touching the slots
// (one in 128 of the others' fingerprints matches by chance).
func fingerprint(k uint64) uint8 { return uint8(k>>56) | 1 }

func (m *model) insert(f uint64, w [nLabels]int16) {
	k := slotKey(f)
	for i := (k >> 7) & m.mask; ; i = (i + 1) & m.mask {
		if m.table[i].key == 0 || m.table[i].key == k {
			m.table[i] = slot{key: k, w: w}
			m.fp[i] = fingerprint(k)
			return
		}
	}
}

func newModel() *model { return &model{index: map[uint64]int32{}} }

func (m *model) emissions(feats []uint64, out *[nLabels]float32) {
	if m.table != nil {
		var acc [nLabels]int32
		for _, f := range feats {
			k := slotKey(f)
			for i := (k >> 7) & m.mask; ; i = (i + 1) & m.mask {
				s := &m.table[i]
				if s.key == k {
					for l := range acc {
						acc[l] += int32(s.w[l])
					}
					break
				}
				if s.key == 0 {
					break
				}
			}
		}
		for l := range out {
			out[l] = float32(acc[l]) * m.scale
		}
		return
	}
	*out = [nLabels]float32{}
	for _, f := range feats {
		if off, ok := m.index[f]; ok {
			ws := m.w[off : off+nLabels : off+nLabels]
			for l := range out {
				out[l] += ws[l]
			}
		}
	}
}

// maskTrans sets t to the transition weights, with -Inf where a transition
// is not allowed.
func (m *model) maskTrans(t *[nLabels + 1][nLabels]float32) {
	for p := range t {
		for l := range t[p] {
			if allowed(p, l) {
				t[p][l] = m.trans[p][l]
			} else {
				t[p][l] = float32(math.Inf(-1))
			}
		}
	}
}

// viterbi returns the best label sequence given per-token emission scores.
func (m *model) viterbi(em [][nLabels]float32, out []int) []int {
	return m.viterbiSegment(em, nLabels, false, out)
}

// viterbiSegment returns the best label sequence for a run of tokens that
// follows label prev (nLabels: the sentence start) and, if endO, is followed
// by a token labelled O. Disallowed transitions get -Inf, which never beats
// a finite score, so the inner loop needs no branch on them; it is unrolled
// (the same sums and comparisons, in the same order, as a loop over every
// previous label that keeps the first best).
func (m *model) viterbiSegment(em [][nLabels]float32, prev int, endO bool, out []int) []int {
	n := len(em)
	out = out[:0]
	if n == 0 {
		return out
	}
	negInf := float32(math.Inf(-1))
	trans := m.runTrans
	if trans == nil { // training: the weights change
		trans = new([nLabels + 1][nLabels]float32)
		m.maskTrans(trans)
	}
	var bbuf [64][nLabels]int8
	back := bbuf[:0]
	if n > len(bbuf) {
		back = make([][nLabels]int8, 0, n)
	}
	back = back[:n]
	// to[l][p]: the weight of label p before label l.
	to := m.runTo
	if to == nil {
		t := transposed(trans)
		to = &t
	}
	var score [nLabels]float32
	for l := 0; l < nLabels; l++ {
		score[l] = trans[prev][l] + em[0][l]
	}
	for i := 1; i < n; i++ {
		var next [nLabels]float32
		bk := &back[i]
		// O and B-X may follow any label: the best of seven, first wins.
		for _, l := range [...]int{lO, lBPer, lBOrg, lBLoc} {
			t := &to[l]
			best, arg := score[0]+t[0], int8(0)
			if s := score[1] + t[1]; s > best {
				best, arg = s, 1
			}
			if s := score[2] + t[2]; s > best {
				best, arg = s, 2
			}
			if s := score[3] + t[3]; s > best {
				best, arg = s, 3
			}
			if s := score[4] + t[4]; s > best {
				best, arg = s, 4
			}
			if s := score[5] + t[5]; s > best {
				best, arg = s, 5
			}
			if s := score[6] + t[6]; s > best {
				best, arg = s, 6
			}
			next[l] = best + em[i][l]
			bk[l] = arg
		}
		// I-X follows only B-X or I-X.
		for _, l := range [...]int{lIPer, lIOrg, lILoc} {
			best, arg := score[l-1]+to[l][l-1], int8(l-1)
			if s := score[l] + to[l][l]; s > best {
				best, arg = s, int8(l)
			}
			next[l] = best + em[i][l]
			bk[l] = arg
		}
		score = next
	}
	if endO {
		for l := range score {
			score[l] += trans[l][lO]
		}
	}
	best, arg := negInf, 0
	for l := 0; l < nLabels; l++ {
		if score[l] > best {
			best, arg = score[l], l
		}
	}
	out = slices.Grow(out, n)[:n]
	for i := n - 1; i >= 0; i-- {
		out[i] = arg
		arg = int(back[i][arg])
	}
	return out
}

// transposed returns the transitions between labels by label, then
// previous label.
func transposed(trans *[nLabels + 1][nLabels]float32) (to [nLabels][nLabels]float32) {
	for p := range nLabels {
		for l := range nLabels {
			to[l][p] = trans[p][l]
		}
	}
	return to
}

// Serialised model: gzip of
//
//	"NQNER1" | nLabels u8 | trans (nLabels+1)*nLabels f32 | scale f32 | count u32 |
//	count * (feature u64 delta-varint, nLabels * i16 weight/scale)
var modelMagic = []byte("NQNER1")

func (m *model) marshal(minAbs float32) ([]byte, error) {
	type entry struct {
		f   uint64
		off int32
	}
	var es []entry
	var maxAbs float32
	for f, off := range m.index {
		keep := false
		for _, w := range m.w[off : off+nLabels] {
			a := float32(math.Abs(float64(w)))
			if a >= minAbs {
				keep = true
			}
			if a > maxAbs {
				maxAbs = a
			}
		}
		if keep {
			es = append(es, entry{f, off})
		}
	}
	slices.SortFunc(es, func(a, b entry) int { return cmp.Compare(a.f, b.f) })
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	var raw bytes.Buffer
	raw.Write(modelMagic)
	raw.WriteByte(nLabels)
	binary.Write(&raw, binary.LittleEndian, m.trans)
	binary.Write(&raw, binary.LittleEndian, scale)
	binary.Write(&raw, binary.LittleEndian, uint32(len(es)))
	var prev uint64
	var vb [binary.MaxVarintLen64]byte
	for _, e := range es {
		raw.Write(vb[:binary.PutUvarint(vb[:], e.f-prev)])
		prev = e.f
		for _, w := range m.w[e.off : e.off+nLabels] {
			q := int16(math.Round(float64(w / scale)))
			binary.Write(&raw, binary.LittleEndian, q)
		}
	}
	var out bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if _, err := zw.Write(raw.Bytes()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func unmarshalModel(b []byte) (*model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("entity model: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("entity model: %w", err)
	}
	if !bytes.HasPrefix(raw, modelMagic) || len(raw) < len(modelMagic)+1 || raw[len(modelMagic)] != nLabels {
		return nil, errors.New("entity model: bad header")
	}
	r := bytes.NewReader(raw[len(modelMagic)+1:])
	m := newModel()
	var scale float32
	var count uint32
	if err := binary.Read(r, binary.LittleEndian, &m.trans); err != nil {
		return nil, err
	}
	if err := binary.Read(r, binary.LittleEndian, &scale); err != nil {
		return nil, err
	}
	if err := binary.Read(r, binary.LittleEndian, &count); err != nil {
		return nil, err
	}
	size := uint64(1)
	for size < uint64(count)*2 {
		size <<= 1
	}
	m.table = make([]slot, size+1) // the last slot: an empty sentinel, never probed
	m.fp = make([]uint8, size)
	m.mask = size - 1
	m.scale = scale
	m.index = nil
	m.runTrans = new([nLabels + 1][nLabels]float32)
	m.maskTrans(m.runTrans)
	to := transposed(m.runTrans)
	m.runTo = &to
	var f uint64
	rest := raw[len(raw)-r.Len():]
	for i := uint32(0); i < count; i++ {
		d, n := binary.Uvarint(rest)
		if n <= 0 || len(rest) < n+2*nLabels {
			return nil, errors.New("entity model: truncated")
		}
		rest = rest[n:]
		f += d
		var q [nLabels]int16
		for l := range q {
			q[l] = int16(binary.LittleEndian.Uint16(rest[2*l:]))
		}
		rest = rest[2*nLabels:]
		m.insert(f, q)
	}
	for r := 1; r < len(m.capRunW); r++ {
		m.addAll([]uint64{mix(tCapRun, uint64(r))}, &m.capRunW[r])
	}
	return m, nil
}

//go:embed data/model.bin.gz
var modelData []byte

var (
	modelOnce sync.Once
	theModel  *model
	modelErr  error
)

// loadModel decodes the embedded model on first use, keeping package init
// cheap.
func loadModel() (*model, error) {
	modelOnce.Do(func() {
		theModel, modelErr = unmarshalModel(modelData)
	})
	return theModel, modelErr
}
