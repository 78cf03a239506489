package entity

import (
	"strings"
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
//
// Two pair features join a neighbour's word with the token's own fCap and
// fFirst bits only; a neighbour's role sums hold them for each of the four
// values of those bits (roleFlags), so that they too are looked up once per
// word rather than once per token. Two more join a neighbour's word with
// the token's shape; the sums hold them for the two commonest shapes
// (roleShapes), and a token of another shape looks them up.

// Roles of a token in another token's features.
const (
	roleSelf = iota
	rolePrev
	roleNext
	rolePrev2
	roleNext2
	// roleFlags+2k, roleFlags+2k+1: the token before, and after, a token
	// whose fCap and fFirst bits are capFirst[k]; side by side, as a
	// token's neighbours use them.
	roleFlags
	// roleShapes+2k, roleShapes+2k+1: the token before, and after, a token
	// of shape commonShapes[k].
	roleShapes = roleFlags + 2*len(capFirst)
	nRoles     = roleShapes + 2*len(commonShapes)
)

// commonShapes are the shapes of lower-case and capitalised words of three
// letters or more, most of the tokens the tagger scores.
var commonShapes = [2]uint64{describe("word").shape, describe("Word").shape}

// shapeIndex is the index of shape in commonShapes, or -1.
func shapeIndex(shape uint64) int {
	for k, c := range commonShapes {
		if shape == c {
			return k
		}
	}
	return -1
}

// capFirst are the values of a token's fCap and fFirst bits, by
// capFirstIndex.
var capFirst = [4]uint8{0, fCap, fFirst, fCap | fFirst}

func capFirstIndex(flags uint8) int { return int(flags&fCap) | int(flags&fFirst)>>1 }

type roleSums [nRoles][nLabels]int32

// word is what the tagger knows about one token string. A pooled
// tagScratch keeps its words across documents: most words of an article,
// and nearly all of its frequent ones, were in an earlier article, so one
// map lookup replaces the word's description, its gazetteer lookups and the
// twenty-odd model lookups of its role sums.
//
// The fields the tagger and indexTokens read for every token fill the
// word's first two cache lines; the rules' cached strings come last.
type word struct {
	feat tokFeat // describe(text): no document flags, no gazetteer bits
	doc  uint32  // the last document (tagScratch.doc) that used the word
	id   int32   // its type index in that document

	form      *caseForm
	multi     []gazEntry
	variants  []variant
	gaz       uint16 // one-word gazetteer bits
	bits      uint16 // w* bits for the rules (low byte), tUpper, tPronoun: a token's tokBits but tWord
	lowerInit bool   // starts with a lower-case letter
	upperInit bool   // starts with an upper-case letter
	capInit   bool   // startsUpper(text): an upper- or title-case letter
	cand      bool   // has a capital or a digit, or is "@" or "#": may be (by) a name

	keyOK  bool // key is set
	key    string
	folded string   // strings.ToLower(text)
	_      [24]byte // 192 bytes: a word of the pool starts a cache line
}

// caseForm is the case evidence, in one document, for the words sharing a
// lower-case form.
type caseForm struct {
	doc   uint32 // the document (tagScratch.doc) flags is for
	flags uint8  // fLowerDoc, fCapDoc
}

// Word bits for the rules.
const (
	wReporting       uint8 = 1 << iota // a reporting verb ("said")
	wHuman                             // a verb with a human subject ("born")
	wRoman                             // a regnal number
	wNotOrgAcronym                     // an all-capitals word that is no organisation
	wAcronymShape                      // isAcronymShape
	wConnectorFolded                   // a name connector in any case ("of", "Van")
	wPersonal                          // a third-person personal pronoun in any case
	wContraction                       // isContraction ("I’m", "can’t")
)

// Token bits above a word's rule bits (extractor.tokBits).
const (
	tUpper   uint16 = 1 << (8 + iota) // startsUpper
	tWord                             // a text.Word token
	tPronoun                          // in pronouns, in lower case
)

// variant holds a word's role sums for one combination of gazetteer bits
// and flags (document case evidence, sentence start).
type variant struct {
	gaz   uint16
	flags uint8
	sums  *roleSums
}

// keyCl is a node of a list of clusters having a key.
type keyCl struct {
	ci   int32 // the cluster
	next int32 // 1 + the index of the next node, 0: none
}

// wordsMax bounds the words a tagScratch keeps (a few MB).
const wordsMax = 30000

// tagScratch holds Extract's buffers and the word cache.
type tagScratch struct {
	short    *shortWords
	words    map[string]*word
	pool     []word // words are allocated from here in chunks
	sums     []roleSums
	doc      uint32
	types    []*word // the document's distinct words
	tflags   []uint8 // their document case flags
	typeOf   []int32
	forms    map[uint64]*caseForm // by lower-case hash
	lower    []uint64
	gazb     []uint16
	tokByte  []int32
	tokBits  []uint16
	titleTok []bool
	ms       []mention // the extractor's mentions
	added    []mention // consistency's new mentions
	// consistency's buffers
	at           []int32 // regnalNames
	inside       []bool
	votes        map[string]int
	vs           []vote
	covered      []bool
	endsAt       []int32
	sentOf       []int32
	capToks      []int32
	verbToks     []int32
	personalToks []int32
	personal     []bool
	named        []bool
	order        []int32
	sorted       []mention
	surnames     map[string]bool
	orgInner     map[string]bool
	singles      map[string]Type
	seen         map[string]bool
	byFirst      map[uint64]int32 // first word -> its forms in formNodes
	formNodes    []keyCl
	nameForms    []nameForm
	heads        map[uint64]bool
	theCounts    map[string]int32
	theCs        []theCount
	// cluster's buffers
	cls    []cluster
	ids    map[string]int // entity ids given
	idBuf  []byte
	idEnds []int32
	// mentionKey's keys of the document's multi-token spans
	spanKeys map[[2]int32]string
	byKey    map[string]int32 // key -> its clusters in keyCls
	byCanon  map[string]int32
	keyCls   []keyCl
	ts       []tokFeat
	multis   [][]gazEntry
	rs       []*roleSums
	em       [][nLabels]float32
	labels   []int
	seg      []int
	active   []bool
	noGate   bool        // score and decode whole sentences (tests)
	pad      [2]roleSums // BOS, EOS
	padOK    bool
}

var scratchPool = sync.Pool{New: func() any { return newTagScratch() }}

func newTagScratch() *tagScratch {
	return &tagScratch{words: map[string]*word{}, forms: map[uint64]*caseForm{}, short: new(shortWords), votes: map[string]int{},
		byKey: map[string]int32{}, byCanon: map[string]int32{},
		surnames: map[string]bool{}, orgInner: map[string]bool{}, singles: map[string]Type{}, seen: map[string]bool{},
		byFirst: map[uint64]int32{}, heads: map[uint64]bool{}, theCounts: map[string]int32{}, ids: map[string]int{},
		spanKeys: map[[2]int32]string{}}
}

func (s *tagScratch) release() {
	clear(s.types[:cap(s.types)])
	s.types = s.types[:0]
	clear(s.multis[:cap(s.multis)])
	clear(s.rs[:cap(s.rs)])
	clear(s.votes) // its keys are the document's text
	clear(s.byKey)
	clear(s.byCanon)
	clear(s.surnames)
	clear(s.orgInner)
	clear(s.singles)
	clear(s.seen)
	clear(s.byFirst)
	clear(s.heads)
	clear(s.theCounts)
	clear(s.ids)
	clear(s.spanKeys)
	clear(s.nameForms[:cap(s.nameForms)]) // the document's hashes
	clear(s.ms[:cap(s.ms)])               // and its strings
	clear(s.added[:cap(s.added)])
	if len(s.words) >= wordsMax {
		clear(s.words)
		clear(s.forms)
		*s.short = shortWords{}
		s.pool, s.sums = nil, nil
	}
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

func (s *tagScratch) newWord(text string, g *gazetteer) *word {
	if len(s.pool) == 0 {
		s.pool = make([]word, 256)
	}
	w := &s.pool[0]
	s.pool = s.pool[1:]
	text = strings.Clone(text) // the cache outlives the document
	*w = word{feat: describe(text)}
	w.gaz = g.single[w.feat.lower]
	w.form = s.forms[w.feat.lower]
	if w.form == nil {
		w.form = &caseForm{}
		s.forms[w.feat.lower] = w.form
	}
	w.multi = g.multi[w.feat.lower]
	r, _ := utf8.DecodeRuneInString(text)
	w.lowerInit = unicode.IsLower(r)
	w.upperInit = !w.lowerInit && unicode.IsUpper(r)
	w.capInit = startsUpper(text)
	w.cand = text == "@" || text == "#" ||
		strings.IndexFunc(text, func(r rune) bool { return unicode.IsUpper(r) || unicode.IsTitle(r) || unicode.IsDigit(r) }) >= 0
	var rule uint8
	for _, f := range [...]struct {
		set map[string]bool
		bit uint8
	}{{reportingVerbs, wReporting}, {humanVerbs, wHuman}, {romanNumerals, wRoman}, {notOrgAcronyms, wNotOrgAcronym}} {
		if f.set[text] {
			rule |= f.bit
		}
	}
	if isAcronymShape(text) {
		rule |= wAcronymShape
	}
	folded := strings.ToLower(text)
	w.folded = folded
	if lowerConnectors[folded] {
		rule |= wConnectorFolded
	}
	if personalPronouns[folded] {
		rule |= wPersonal
	}
	if isContraction(text) {
		rule |= wContraction
	}
	w.bits = uint16(rule)
	if w.capInit {
		w.bits |= tUpper
	}
	if pronouns[folded] {
		w.bits |= tPronoun
	}
	s.words[text] = w
	return w
}

func (s *tagScratch) newSums() *roleSums {
	if len(s.sums) == 0 {
		s.sums = make([]roleSums, 256)
	}
	rs := &s.sums[0]
	s.sums = s.sums[1:]
	return rs
}

// internTypes fills s.typeOf, s.types and s.lower for the document's tokens,
// and the document-level case flags (as docCase computes them).
func (s *tagScratch) internTypes(d *text.Document, g *gazetteer) {
	n := len(d.Tokens)
	s.typeOf = grow(s.typeOf, n)
	s.lower = grow(s.lower, n)
	s.doc++
	s.tflags = s.tflags[:0]
	// Case evidence by lower-case form: seen in lower case anywhere, or
	// capitalised after the sentence's first word.
	sts := d.SentenceTokens
	si, first := 0, -1
	for i := range d.Tokens {
		w := s.lookup(d.Tokens[i].Text, g)
		if w.doc != s.doc {
			w.doc, w.id = s.doc, int32(len(s.types))
			s.types = append(s.types, w)
			s.tflags = append(s.tflags, 0)
		}
		id := w.id
		s.typeOf[i] = id
		s.lower[i] = w.feat.lower
		for si < len(sts) && sts[si].End <= i {
			si++
		}
		if si == len(sts) || sts[si].Start > i {
			continue // in no sentence
		}
		if sts[si].Start == i {
			first = i + firstWordIndexTok(d.Tokens[i:sts[si].End])
		}
		if w.lowerInit {
			s.tflags[id] |= fLowerDoc
		} else if w.upperInit && i > first {
			s.tflags[id] |= fCapDoc
		}
	}
	// Pool the evidence of the words that share a lower-case form.
	for i, w := range s.types {
		if w.form.doc != s.doc {
			w.form.doc, w.form.flags = s.doc, 0
		}
		w.form.flags |= s.tflags[i]
	}
	for i, w := range s.types {
		s.tflags[i] = w.form.flags
	}
}

// shortWords is a direct-mapped cache of the words of at most 8 bytes (nine
// tokens in ten, and the most frequent ones) in front of tagScratch.words:
// its 192 KB stay in a core's L2 cache where the map and its keys do not,
// and hold the few thousand short words of a few hundred articles.
type shortWords [8192]struct {
	packed uint64 // the text's bytes, little-endian; with n, the text exactly
	n      uint8  // its length; 0: empty slot
	w      *word
}

// lookup returns the word for text, making it if new.
func (s *tagScratch) lookup(text string, g *gazetteer) *word {
	if len(text) > 8 || len(text) == 0 {
		w := s.words[text]
		if w == nil {
			w = s.newWord(text, g)
		}
		return w
	}
	var packed uint64
	for i := len(text) - 1; i >= 0; i-- {
		packed = packed<<8 | uint64(text[i])
	}
	e := &s.short[mix(packed, uint64(len(text)))&(uint64(len(s.short))-1)]
	if e.n == uint8(len(text)) && e.packed == packed {
		return e.w
	}
	w := s.words[text]
	if w == nil {
		w = s.newWord(text, g)
	}
	e.packed, e.n, e.w = packed, uint8(len(text)), w
	return w
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
		id := s.typeOf[st.Start+i]
		w := s.types[id]
		s.ts[i] = w.feat
		s.ts[i].flags |= s.tflags[id]
		bits[i] = w.gaz
		s.multis[i] = w.multi
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
	default:
		if r >= roleShapes {
			if k := (r - roleShapes) / 2; (r-roleShapes)%2 == 0 {
				out = append(out, mix(mix(tShapeW1+100, t.lower), commonShapes[k]))
			} else {
				out = append(out, mix(mix(tShapeW1, commonShapes[k]), t.lower))
			}
		} else if k := (r - roleFlags) / 2; (r-roleFlags)%2 == 0 {
			out = append(out, mix(mix(tWm1Flags, t.lower), uint64(capFirst[k])))
		} else {
			out = append(out, mix(mix(tFlagsWp1, uint64(capFirst[k])), t.lower))
		}
	}
	return out
}

// pairFeatures returns the features of token i that look at two or more
// tokens, but for those always in the neighbours' role sums (roleFlags) and
// the capitalised run's (model.capRunW); the last two are in the role sums
// too when the token's shape is common (roleShapes). With roleFeatures of
// the tokens around i, in their roles, they are features(ts, i).
func pairFeatures(ts []tokFeat, i int) [6]uint64 {
	t, p, n := &ts[i], &padBOS, &padEOS
	if i > 0 {
		p = &ts[i-1]
	}
	if i+1 < len(ts) {
		n = &ts[i+1]
	}
	return [...]uint64{
		mix(mix(tWm1W, p.lower), t.lower),
		mix(mix(tWWp1, t.lower), n.lower),
		mix(mix(mix(tShape3, p.shape), t.shape), n.shape),
		mix(mix(tWm1Wp1, p.lower), n.lower),
		// In the neighbours' role sums when t has a common shape:
		mix(mix(tShapeW1, t.shape), n.lower),
		mix(mix(tShapeW1+100, p.lower), t.shape),
	}
}

// sumRoles fills rs with the weight sums of t's features in every role.
func (m *model) sumRoles(t *tokFeat, rs *roleSums, fs []uint64) []uint64 {
	for r := range nRoles {
		fs = roleFeatures(t, r, fs[:0])
		rs[r] = [nLabels]int32{}
		m.addAll(fs, &rs[r])
	}
	return fs
}

// addAll adds the weights of features fs to acc. It first reads the
// fingerprints at all the features' home slots, whose cache misses then
// overlap, and only then probes.
func (m *model) addAll(fs []uint64, acc *[nLabels]int32) {
	table, fps, mask := m.table, m.fp, m.mask
	var home [16]uint8
	pre := len(fs) <= len(home)
	if pre {
		for j, f := range fs {
			home[j] = fps[(slotKey(f)>>7)&mask]
		}
	}
	for j, f := range fs {
		k := slotKey(f)
		fp := fingerprint(k)
		i := (k >> 7) & mask
		if pre && home[j] == 0 {
			continue // the home slot is empty: not in the model
		}
		for ; ; i = (i + 1) & mask {
			c := fps[i]
			if c == fp {
				if s := &table[i]; s.key == k {
					for l := range acc {
						acc[l] += int32(s.w[l])
					}
					break
				}
			} else if c == 0 {
				break
			}
		}
	}
}

// gateReach is how many tokens on each side of a candidate token the
// tagger scores; tokens farther from every candidate are O. One token each
// side bridges "Bank of America" and "Osama bin Laden" and catches words
// the model adds to a name ("Iowa county", "du Motel").
const gateReach = 1

// featureReach is how far the features of a token look (see features).
const featureReach = 2

// candGaz are the gazetteer bits that make a token a candidate.
const candGaz = (1<<nGazBits - 1) &^ gLexLower

// tagSentence labels the tokens of one sentence (token range st) into
// s.labels. Most tokens of news text are common lower-case words among
// common lower-case words, which the model labels O: only the runs of
// tokens within gateReach of a candidate (a word with a capital or a digit,
// a word of no lexicon, a gazetteer name, the word after "@" or "#") are
// scored and decoded, each run as its own sequence between O labels. Where
// the full decoding labels every skipped token O the result is the same;
// TestGateMatchesFullTagger counts where it does not.
func (s *tagScratch) tagSentence(m *model, ts []tokFeat, st text.Span, fs []uint64) []uint64 {
	n := len(ts)
	s.labels = grow(s.labels, n) // all lO
	// s.rs[j+featureReach]: token j's role sums, filled on demand, with
	// the BOS and EOS pads around.
	s.rs = grow(s.rs, n+2*featureReach)
	for j := range featureReach {
		s.rs[j], s.rs[n+featureReach+j] = &s.pad[0], &s.pad[1]
	}
	s.em = grow(s.em, n)
	if s.noGate {
		fs = s.emissions(m, ts, st, 0, n, fs)
		s.labels = m.viterbi(s.em[:n], s.labels[:0])
		return fs
	}
	s.active = grow(s.active, n)
	for i := range n {
		w := s.types[s.typeOf[st.Start+i]]
		if w.cand || ts[i].gaz&candGaz != 0 || ts[i].gaz == 0 && ts[i].flags&fAlpha != 0 {
			for j := max(i-gateReach, 0); j < min(i+gateReach+1, n); j++ {
				s.active[j] = true
			}
		}
	}
	for a := 0; a < n; {
		if !s.active[a] {
			a++
			continue
		}
		b := a + 1
		for b < n && s.active[b] {
			b++
		}
		fs = s.emissions(m, ts, st, a, b, fs)
		prev := lO
		if a == 0 {
			prev = nLabels
		}
		seg := m.viterbiSegment(s.em[a:b], prev, b < n, s.seg[:0])
		copy(s.labels[a:b], seg)
		s.seg = seg
		a = b
	}
	return fs
}

// emissions scores tokens [a, b) of one sentence (token range st) into
// s.em[a:b].
func (s *tagScratch) emissions(m *model, ts []tokFeat, st text.Span, a, b int, fs []uint64) []uint64 {
	n := len(ts)
	if !s.padOK {
		fs = m.sumRoles(&padBOS, &s.pad[0], fs)
		fs = m.sumRoles(&padEOS, &s.pad[1], fs)
		s.padOK = true
	}
tokens:
	for i := max(a-featureReach, 0); i < min(b+featureReach, n); i++ {
		if s.rs[i+featureReach] != nil {
			continue
		}
		w := s.types[s.typeOf[st.Start+i]]
		f := &ts[i]
		for _, v := range w.variants {
			if v.gaz == f.gaz && v.flags == f.flags {
				s.rs[i+featureReach] = v.sums
				continue tokens
			}
		}
		rs := s.newSums()
		fs = m.sumRoles(f, rs, fs)
		w.variants = append(w.variants, variant{gaz: f.gaz, flags: f.flags, sums: rs})
		s.rs[i+featureReach] = rs
	}
	for i := a; i < b; i++ {
		rs := s.rs[i : i+2*featureReach+1 : i+2*featureReach+1] // tokens i-2 .. i+2
		acc := rs[2][roleSelf]
		p2, p, nx, n2 := &rs[0][rolePrev2], &rs[1][rolePrev], &rs[3][roleNext], &rs[4][roleNext2]
		k := capFirstIndex(ts[i].flags)
		pf, nf := &rs[1][roleFlags+2*k], &rs[3][roleFlags+2*k+1]
		for l := range acc {
			acc[l] += p2[l] + p[l] + nx[l] + n2[l] + pf[l] + nf[l]
		}
		if ts[i].flags&fCap != 0 {
			cr := &m.capRunW[capRun(ts, i)]
			for l := range acc {
				acc[l] += cr[l]
			}
		}
		pk := pairFeatures(ts, i)
		if k := shapeIndex(ts[i].shape); k >= 0 {
			ps, ns := &rs[1][roleShapes+2*k], &rs[3][roleShapes+2*k+1]
			for l := range acc {
				acc[l] += ps[l] + ns[l]
			}
			m.addAll(pk[:4], &acc)
		} else {
			m.addAll(pk[:], &acc)
		}
		for l := range acc {
			s.em[i][l] = float32(acc[l]) * m.scale
		}
	}
	return fs
}
