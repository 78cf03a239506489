// Package text holds the text primitives shared by entity and quote
// extraction: code-point offsets, tokens, sentences, paragraphs and quote
// marks. All offsets are Unicode code points, as the output contract requires.
//
// Tokenisation rules, chosen for news text and for the entity tagger:
//   - Words keep internal apostrophes and hyphens ("don't", "O'Brien",
//     "large-scale"), but a final possessive or clitic "'s" / "’s" is its own
//     Word token ("Zelenskyy's" -> "Zelenskyy" + "'s"), as in Penn/UD
//     tokenisation, so names are never glued to their possessive.
//   - Known abbreviations ("Mr.", "Gen.", "Jan.", "Inc.") and letter-dot
//     acronyms and initials ("U.S.", "J.") keep their final period.
//   - Numbers keep internal separators ("1,000.5", "10:30", "3.5").
//   - "..." is one Punct token; "…" likewise.
//   - Every quote character (" “ ” ‘ ’ ' « » „ ‚ ‹ ›) that acts as a quote is
//     its own QuoteMark token; an apostrophe inside a word is part of the
//     word, and a trailing possessive apostrophe ("the Smiths'") is Punct.
package text

import (
	"sync"
	"unicode/utf8"
)

// Span is a half-open range [Start, End) of code points.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the span's length in code points.
func (s Span) Len() int { return s.End - s.Start }

// Contains tells whether the code point at pos lies inside the span.
func (s Span) Contains(pos int) bool { return pos >= s.Start && pos < s.End }

// Overlaps tells whether two spans share at least one code point.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// TokenKind classifies a token.
type TokenKind uint8

const (
	Word TokenKind = iota
	Number
	Punct
	QuoteMark
)

func (k TokenKind) String() string {
	switch k {
	case Word:
		return "Word"
	case Number:
		return "Number"
	case Punct:
		return "Punct"
	case QuoteMark:
		return "QuoteMark"
	}
	return "TokenKind(?)"
}

// Token is one word, number or punctuation mark.
type Token struct {
	Span
	Text string
	Kind TokenKind
}

// Document is an article body prepared once and shared by every extractor,
// so the text is decoded, tokenised and split only once.
type Document struct {
	Text       string
	Runes      []rune
	Tokens     []Token
	Sentences  []Span // code-point spans of sentences, in order
	Paragraphs []Span // code-point spans of paragraphs (blocks between newlines)

	// SentenceTokens[i] is the token index range [Start, End) of Sentences[i].
	SentenceTokens []Span
	// ParagraphTokens[i] is the token index range [Start, End) of Paragraphs[i].
	ParagraphTokens []Span
}

// NewDocument prepares s for extraction: it tokenises s and splits it into
// paragraphs (blocks separated by one or more newlines) and sentences (which
// never cross a paragraph boundary).
func NewDocument(s string) *Document {
	b := builderPool.Get().(*builder)
	defer b.release()
	rs := b.decode(s)
	b.paraToks, b.sents, b.sentToks = b.paraToks[:0], b.sents[:0], b.sentToks[:0]
	for _, p := range b.paras {
		first := len(b.toks)
		b.tokenize(p)
		b.paraToks = append(b.paraToks, Span{first, len(b.toks)})
	}
	d := &Document{Text: s, Runes: rs, Tokens: make([]Token, len(b.toks))}
	for i, t := range b.toks {
		// Field by field: while the garbage collector runs, storing a
		// whole Token takes a bulk write barrier, storing a string one
		// pointer's barrier.
		dt := &d.Tokens[i]
		dt.Span, dt.Text, dt.Kind = t.Span, s[t.from:t.to], t.kind
	}
	for _, pt := range b.paraToks {
		b.splitSentences(d.Tokens, pt.Start, pt.End)
	}
	b.spans(d)
	return d
}

// decode decodes s into code points, as ranging over s does (an invalid
// byte is U+FFFD), finding the paragraphs and the multi-byte code points on
// the way. It returns the code points in a slice of their own.
func (b *builder) decode(s string) []rune {
	if cap(b.runes) < len(s) {
		b.runes = make([]rune, len(s)) // never fewer bytes than code points
	}
	buf := b.runes[:len(s)]
	paras, wide := b.paras[:0], b.wide[:0]
	start := -1 // first code point of the current paragraph
	extra := 0  // bytes so far beyond one per code point
	i := 0
	for j := 0; j < len(s); i++ {
		if start >= 0 {
			// Inside a paragraph, most code points are ASCII.
			i, j = copyASCIILine(buf, i, s, j)
			if j == len(s) {
				break
			}
		}
		r := rune(s[j])
		if r < utf8.RuneSelf {
			j++
		} else {
			var w int
			r, w = utf8.DecodeRuneInString(s[j:])
			j += w
			if w > 1 {
				extra += w - 1
				wide = append(wide, wideRune{pos: i, extra: extra})
			}
		}
		buf[i] = r
		if r == '\n' || r == '\u2029' {
			if start >= 0 {
				paras = append(paras, Span{start, trimSpaceEnd(buf, start, i)})
				start = -1
			}
		} else if start < 0 && !isSpace(r) {
			start = i
		}
	}
	if start >= 0 {
		paras = append(paras, Span{start, trimSpaceEnd(buf, start, i)})
	}
	b.paras, b.wide = paras, wide
	rs := make([]rune, i)
	copy(rs, buf[:i])
	b.tokenizer = tokenizer{rs: rs, text: s, toks: b.toks[:0], wide: wide}
	return rs
}

// copyASCIILine copies the code points of s from byte j to buf from i, up
// to the first non-ASCII byte or newline, and returns where both stop.
func copyASCIILine(buf []rune, i int, s string, j int) (int, int) {
	src := s[j:]
	dst := buf[i:][:len(src)] // buf holds len(s) code points, and i <= j
	k := 0
	for ; k < len(src); k++ {
		c := src[k]
		if c >= utf8.RuneSelf || c == '\n' {
			break
		}
		dst[k] = rune(c)
	}
	return i + k, j + k
}

// trimSpaceEnd returns the end of rs[start:end] without its trailing
// white space; rs[start] is not a space.
func trimSpaceEnd(rs []rune, start, end int) int {
	for end > start+1 && isSpace(rs[end-1]) {
		end--
	}
	return end
}

// builder holds a Document's parts while NewDocument finds them. Builders
// are reused, so that a Document gets slices of exactly the right size, its
// spans in one allocation, for the price of a copy.
type builder struct {
	tokenizer
	runes                            []rune
	paras, paraToks, sents, sentToks []Span
}

var builderPool = sync.Pool{New: func() any { return new(builder) }}

// maxPooledRunes bounds the scratch kept for the next document, so that
// one huge input does not leave a huge builder behind.
const maxPooledRunes = 1 << 20

func (b *builder) release() {
	if cap(b.runes) > maxPooledRunes || cap(b.toks) > maxPooledRunes/4 {
		return
	}
	b.rs, b.text = nil, "" // pin neither the text nor its runes
	builderPool.Put(b)
}

// spans sets d's span slices to copies of the builder's, in one backing
// array. Empty ones are nil or empty as they always were: no paragraphs or
// no sentences give nil slices, but ParagraphTokens is never nil.
func (b *builder) spans(d *Document) {
	all := make([]Span, 2*len(b.paras)+2*len(b.sents))
	part := func(src []Span) []Span {
		n := copy(all, src)
		p := all[:n:n]
		all = all[n:]
		return p
	}
	d.ParagraphTokens = part(b.paraToks)
	if len(b.paras) > 0 {
		d.Paragraphs = part(b.paras)
	}
	if len(b.sents) > 0 {
		d.Sentences = part(b.sents)
		d.SentenceTokens = part(b.sentToks)
	}
}

// Slice returns the text of a span.
func (d *Document) Slice(s Span) string { return string(d.Runes[s.Start:s.End]) }

// TokenAt returns the index of the token containing code point pos, or -1.
func (d *Document) TokenAt(pos int) int {
	i := searchSpans(len(d.Tokens), func(i int) Span { return d.Tokens[i].Span }, pos)
	if i >= 0 && d.Tokens[i].Contains(pos) {
		return i
	}
	return -1
}

// SentenceAt returns the index of the sentence containing code point pos, or -1.
func (d *Document) SentenceAt(pos int) int {
	i := searchSpans(len(d.Sentences), func(i int) Span { return d.Sentences[i] }, pos)
	if i >= 0 && d.Sentences[i].Contains(pos) {
		return i
	}
	return -1
}

// ParagraphAt returns the index of the paragraph containing code point pos, or -1.
func (d *Document) ParagraphAt(pos int) int {
	i := searchSpans(len(d.Paragraphs), func(i int) Span { return d.Paragraphs[i] }, pos)
	if i >= 0 && d.Paragraphs[i].Contains(pos) {
		return i
	}
	return -1
}

// SentenceOfToken returns the index of the sentence holding token ti, or -1.
func (d *Document) SentenceOfToken(ti int) int {
	if ti < 0 || ti >= len(d.Tokens) {
		return -1
	}
	return d.SentenceAt(d.Tokens[ti].Start)
}

// searchSpans returns the last index whose span starts at or before pos.
func searchSpans(n int, at func(int) Span, pos int) int {
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if at(m).Start <= pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo - 1
}
