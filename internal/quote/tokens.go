package quote

import (
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsquotes/newsquotes/internal/text"
)

// tok is a document token with the facts the rules ask about it.
type tok struct {
	text.Token
	lower string
	q     int // index of the top-level quotation holding it (its marks included), or -1
	para  int
	sent  int
	lex   uint32 // lexicon classes (lexbits.go)
	cap   bool   // starts with an upper-case letter
	word  bool   // a word or number
	mark  bool   // the opening or closing mark of that quotation
}

// quotation is a top-level quotation with its token range.
type quotation struct {
	text.Quotation
	open, close int // token indexes of the marks (close: -1 when it runs on)
	t0, t1      int // content tokens [t0, t1)
	para, sent  int
	done        bool
}

// sentence is a token range [t0, t1) that never crosses a paragraph and
// never ends inside a quotation.
type sentence struct {
	t0, t1 int
	para   int
}

func isTerminal(s string) bool { return s == "." || s == "!" || s == "?" }

func (x *extractor) prepare() {
	d := x.doc
	x.rs = d.Runes
	x.toks = x.scratch.tokens(len(d.Tokens))
	x.quots, x.sents = x.scratch.quots[:0], x.scratch.sents[:0]
	x.bytesMapped = x.scratch.mapBytes(d)
	x.lowerTokens()
	for pi, p := range d.ParagraphTokens {
		for i := p.Start; i < p.End && i < len(x.toks); i++ {
			x.toks[i].para = pi
		}
	}
	// Top-level quotations (nested ones are part of their parent).
	for _, q := range text.FindQuotations(x.rs) {
		if q.Depth != 0 {
			continue
		}
		qq := quotation{Quotation: q, open: x.tokenAt(q.Open), close: -1}
		if q.Close >= 0 {
			qq.close = x.tokenAt(q.Close + max(q.CloseWidth, 1) - 1)
		}
		if qq.open < 0 || q.Close >= 0 && qq.close < 0 {
			continue
		}
		qq.t0 = x.firstTokenFrom(q.Start)
		if x.toks[qq.open].End > q.Start { // the mark was glued into a word token
			qq.t0 = qq.open
		}
		qq.t1 = x.firstTokenFrom(q.End)
		if qq.close >= 0 && qq.t1 > qq.close {
			qq.t1 = qq.close
		}
		if qq.t1 < qq.t0 {
			continue
		}
		qq.para = x.toks[qq.open].para
		idx := len(x.quots)
		last := qq.t1
		if qq.close >= 0 {
			last = qq.close + 1
		}
		for i := qq.open; i < last && i < len(x.toks); i++ {
			x.toks[i].q = idx
		}
		for k := qq.open; k < qq.t0; k++ {
			x.toks[k].mark = true
		}
		if qq.close >= 0 {
			for k := qq.t1; k <= qq.close; k++ {
				x.toks[k].mark = true
			}
		}
		x.quots = append(x.quots, qq)
	}
	x.splitSentences()
	for i := range x.quots {
		x.quots[i].sent = x.toks[x.quots[i].open].sent
	}
	x.scratch.quots, x.scratch.sents = x.quots, x.sents // for their room
}

// scratch is the memory of one Extract call that does not outlive it,
// pooled: the token table alone is most of the bytes a call would
// otherwise allocate.
type scratch struct {
	toks    []tok
	wide    []wideRune // mapBytes
	lower   []byte     // lower-cased capitalised words, for tok.lower
	pending []lowerRef // tokens whose lower case is in lower
	quots   []quotation
	sents   []sentence
	res     resolver
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// mapBytes finds the multi-byte code points of d.Text, for textOf. It
// returns false when d.Text is not valid UTF-8 (an invalid byte is read as
// U+FFFD, which encodes otherwise) or has not len(d.Runes) code points.
func (s *scratch) mapBytes(d *text.Document) bool {
	t, wide := d.Text, s.wide[:0]
	n, extra := 0, 0 // code points so far; bytes beyond one per code point
	for j := 0; j < len(t); {
		if j+8 <= len(t) && load64(t, j)&0x8080808080808080 == 0 {
			j, n = j+8, n+8 // eight ASCII bytes, as most of an article is
			continue
		}
		if t[j] < utf8.RuneSelf {
			j, n = j+1, n+1
			continue
		}
		r, w := utf8.DecodeRuneInString(t[j:])
		if r == utf8.RuneError && w == 1 {
			return false
		}
		j, n, extra = j+w, n+1, extra+w-1
		wide = append(wide, wideRune{pos: n - 1, extra: extra})
	}
	s.wide = wide
	return n == len(d.Runes)
}

// wideRune is a multi-byte code point at pos, and the bytes beyond one per
// code point up to its end.
type wideRune struct{ pos, extra int }

// byteAt returns the byte offset of code point pos.
func (s *scratch) byteAt(pos int) int {
	i := sort.Search(len(s.wide), func(i int) bool { return s.wide[i].pos >= pos })
	if i == 0 {
		return pos
	}
	return pos + s.wide[i-1].extra
}

// load64 reads 8 bytes of s from i, little-endian (one load once compiled).
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// tokens returns a token table of length n, its contents unspecified.
func (s *scratch) tokens(n int) []tok {
	if cap(s.toks) < n {
		s.toks = make([]tok, n)
	}
	s.toks = s.toks[:n]
	return s.toks
}

// release returns s to the pool, without references into the document.
func (s *scratch) release() {
	clear(s.toks)
	s.res.release()
	scratchPool.Put(s)
}

// caseHash returns the byteCase bits of w or-ed, and its lexHash. Out of
// line, its loop keeps its variables in registers.
//
//go:noinline
func caseHash(w string) (c byte, h uint32) {
	h = lexHashSeed
	for i := 0; i < len(w); i++ {
		c |= byteCase[w[i]]
		h = lexHash(h, w[i])
	}
	return c, h
}

// lowerRef is a token that is not its own lower case, and where
// lowerTokens put its lower case in the buffer.
type lowerRef struct {
	tok, from, to int
	notASCII      bool
}

// Byte classes, bits so that they can be or-ed over a word.
const (
	hasUpper = 1 << iota // an ASCII upper-case letter
	notASCII
)

// byteCase and lowerByte answer, for one byte, what prepare and
// lowerClasses ask of every byte of a word: a table lookup is cheaper than
// comparisons.
var byteCase, lowerByte = func() (c, l [256]byte) {
	for b := range 256 {
		l[b] = byte(b)
	}
	for b := 'A'; b <= 'Z'; b++ {
		c[b], l[b] = hasUpper, byte(b+'a'-'A')
	}
	for b := utf8.RuneSelf; b < 256; b++ {
		c[b] = notASCII
	}
	return c, l
}()

func appendLowerASCII(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		buf = append(buf, lowerByte[s[i]])
	}
	return buf
}

// lowerTokens copies the document's tokens with their lower case,
// capitalisation and lexicon classes. Most tokens are lower-case ASCII,
// their own lower case: a first pass that calls nothing settles them. A
// second lower-cases the rest, capitalised ASCII words into one buffer that
// becomes one string, instead of a string each.
func (x *extractor) lowerTokens() {
	lex, src := lexIndex(), x.doc.Tokens
	toks := x.toks[:len(src)] // locals: stores through tk could alias x's fields
	pending := x.scratch.pending[:0]
	for i := range src {
		t, tk := &src[i], &toks[i]
		c, h := caseHash(t.Text)
		word := t.Kind == text.Word || t.Kind == text.Number
		// Field by field: a whole tok literal is built aside and copied.
		tk.Token, tk.lower, tk.lex = *t, t.Text, 0
		tk.q, tk.para, tk.sent = -1, -1, 0
		tk.cap, tk.word, tk.mark = false, word, false
		if c != 0 {
			pending = append(pending, lowerRef{tok: i, notASCII: c&notASCII != 0})
		} else if word { // every lexicon entry has a letter or a digit: only words are looked up
			tk.lex = lex.classes(h, t.Text)
		}
	}
	buf := x.scratch.lower[:0]
	for k := range pending {
		p, tk := &pending[k], &x.toks[pending[k].tok]
		r, _ := utf8.DecodeRuneInString(tk.Text)
		tk.cap = unicode.IsUpper(r)
		if p.notASCII {
			tk.lower = strings.ToLower(tk.Text)
			if tk.word {
				tk.lex = lex.classes(lexHashString(tk.lower), tk.lower)
			}
			continue
		}
		p.from = len(buf)
		buf = appendLowerASCII(buf, tk.Text)
		p.to = len(buf)
	}
	lowered := string(buf)
	for _, p := range pending {
		if tk := &x.toks[p.tok]; !p.notASCII {
			tk.lower = lowered[p.from:p.to]
			if tk.word {
				tk.lex = lex.classes(lexHashString(tk.lower), tk.lower)
			}
		}
	}
	x.scratch.lower, x.scratch.pending = buf, pending
	// "Trump showed up at the debate": the phrasal verb reports nothing.
	for i := 0; i+1 < len(x.toks); i++ {
		if t := &x.toks[i]; t.lex&lexCue != 0 && x.toks[i+1].lower == "up" && strings.HasPrefix(t.lower, "show") {
			t.lex = 0
		}
	}
}

// tokenAt returns the index of the token covering code point pos, or -1.
func (x *extractor) tokenAt(pos int) int {
	i := sort.Search(len(x.toks), func(i int) bool { return x.toks[i].End > pos })
	if i < len(x.toks) && x.toks[i].Start <= pos {
		return i
	}
	return -1
}

// firstTokenFrom returns the index of the first token starting at or after pos.
func (x *extractor) firstTokenFrom(pos int) int {
	return sort.Search(len(x.toks), func(i int) bool { return x.toks[i].Start >= pos })
}

// splitSentences splits each paragraph at terminal punctuation outside
// quotations, and after a quotation ending in terminal punctuation when a
// capitalised word follows.
func (x *extractor) splitSentences() {
	d := x.doc
	for pi, p := range d.ParagraphTokens {
		start := p.Start
		for i := p.Start; i < p.End; i++ {
			t := &x.toks[i]
			boundary := false
			if t.q < 0 && isTerminal(t.Text) {
				// A period with a word glued to it ("S.C.", "R-S.C.") is
				// inside an abbreviation, never a sentence end.
				boundary = i+1 >= p.End || x.opensSentence(i+1) && !(x.toks[i+1].word && x.toks[i+1].Start == t.End)
			} else if t.q < 0 && len(t.Text) > 2 && strings.HasSuffix(t.Text, ".") && i+1 < p.End && x.toks[i+1].cap && sentenceOpeners[x.toks[i+1].lower] {
				// "… in the U.S. He says …": an abbreviation ends the
				// sentence when a pronoun or article opens the next.
				boundary = true
			} else if t.q < 0 && len(t.Text) > 2 && strings.HasSuffix(t.Text, ".") && i+1 < p.End && x.opensQuotedSentence(i+1) {
				// `said Rachel Woolard of Jacksonville, Fla. "She has …."`
				boundary = true
			} else if t.mark && t.q >= 0 && x.quots[t.q].close == i && x.quots[t.q].t1 > 0 && isTerminal(x.toks[x.quots[t.q].t1-1].Text) {
				// `"…?" Clinton said.`: a name and its cue close the
				// quote's sentence rather than open a new one.
				boundary = i+1 < p.End && x.toks[i+1].cap && x.toks[i+1].word &&
					!(x.toks[x.quots[t.q].t1-1].Text != "." && x.attributionAt(i+1, p.End)) ||
					i+1 < p.End && x.opensCapitalQuotation(i+1)
			}
			if boundary {
				x.addSentence(start, i+1, pi)
				start = i + 1
			}
		}
		if start < p.End {
			x.addSentence(start, p.End, pi)
		}
	}
}

// opensQuotedSentence tells whether token i opens a quotation of a whole
// sentence: a capitalised first word and terminal punctuation inside.
func (x *extractor) opensQuotedSentence(i int) bool {
	t := &x.toks[i]
	if !t.mark || t.q < 0 {
		return false
	}
	q := x.quots[t.q]
	return q.open == i && q.close > i && q.t0 < q.t1 && x.toks[q.t0].cap && isTerminal(x.toks[q.t1-1].Text)
}

// opensCapitalQuotation tells whether token i opens a quotation whose
// first word is capitalised: `… "a steal." "We …"` starts a sentence.
func (x *extractor) opensCapitalQuotation(i int) bool {
	t := &x.toks[i]
	if !t.mark || t.q < 0 {
		return false
	}
	q := x.quots[t.q]
	return q.open == i && q.t0 < q.t1 && x.toks[q.t0].cap && x.toks[q.t0].word
}

func (x *extractor) opensSentence(i int) bool {
	t := &x.toks[i]
	if t.Kind == text.QuoteMark || t.mark {
		return true
	}
	if t.Text == "(" || t.Text == "[" {
		return true
	}
	return t.cap || t.Kind == text.Number
}

func (x *extractor) addSentence(t0, t1, para int) {
	si := len(x.sents)
	x.sents = append(x.sents, sentence{t0, t1, para})
	for i := t0; i < t1; i++ {
		x.toks[i].sent = si
	}
}

// span returns the code-point span of tokens [a, b).
func (x *extractor) span(a, b int) text.Span {
	if a >= b {
		return text.Span{}
	}
	return text.Span{Start: x.toks[a].Start, End: x.toks[b-1].End}
}

func (x *extractor) str(a, b int) string {
	s := x.span(a, b)
	return x.textOf(s.Start, s.End)
}

// textOf returns code points [s, e) of the article: a substring of its
// text when prepare could map code points to bytes, so that quotes share
// the article's memory as its tokens do, instead of encoding runes anew.
func (x *extractor) textOf(s, e int) string {
	if x.bytesMapped {
		return x.doc.Text[x.scratch.byteAt(s):x.scratch.byteAt(e)]
	}
	return string(x.rs[s:e])
}

func (x *extractor) lowerAt(i int) string {
	if i < 0 || i >= len(x.toks) {
		return ""
	}
	return x.toks[i].lower
}

// attributionAt tells whether a speaker and a say-verb start at token i
// ("Clinton said", "Sen. Ted Cruz (R-Texas) told reporters").
func (x *extractor) attributionAt(i, limit int) bool {
	e := x.npForward(i, min(limit, i+10))
	if e < 0 || e >= limit {
		return false
	}
	for e < limit && (x.lowerAt(e) == "has" || x.lowerAt(e) == "had" || x.lowerAt(e) == "later" || x.lowerAt(e) == "then") {
		e++
	}
	return x.isSayCue(e)
}

// sentenceOpeners open a sentence and are never part of a name after an
// abbreviation.
var sentenceOpeners = wordSet(`he she they it we i the but this there his her their its`)
