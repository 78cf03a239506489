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
	d := &Document{Text: s}
	// Decode once, remembering each code point's byte offset so that token
	// texts can share the input string instead of allocating. Ranging over
	// the string (not []rune(s)) keeps the offsets right for invalid UTF-8.
	n := 0
	for range s {
		n++
	}
	d.Runes = make([]rune, n)
	offs := make([]int32, n+1)
	i := 0
	for b, r := range s {
		d.Runes[i] = r
		offs[i] = int32(b)
		i++
	}
	offs[n] = int32(len(s))
	d.Tokens = make([]Token, 0, n/5+4)
	d.paragraphs()
	for pi, p := range d.Paragraphs {
		first := len(d.Tokens)
		tokenize(d, offs, p)
		d.ParagraphTokens[pi] = Span{first, len(d.Tokens)}
		d.splitSentences(first, len(d.Tokens))
	}
	return d
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

// paragraphs fills Paragraphs: maximal runs of text between newlines, with
// surrounding white space trimmed; blank lines produce no paragraph.
func (d *Document) paragraphs() {
	rs := d.Runes
	start := -1
	last := -1 // last non-space code point of the current paragraph
	for i := 0; i <= len(rs); i++ {
		if i == len(rs) || rs[i] == '\n' || rs[i] == '\u2029' {
			if start >= 0 {
				d.Paragraphs = append(d.Paragraphs, Span{start, last + 1})
				start = -1
			}
			continue
		}
		if !isSpace(rs[i]) {
			if start < 0 {
				start = i
			}
			last = i
		}
	}
	d.ParagraphTokens = make([]Span, len(d.Paragraphs))
}
