// Package text holds the text primitives shared by entity and quote
// extraction: code-point offsets, tokens, sentences, paragraphs and quote
// marks. All offsets are Unicode code points, as the output contract requires.
package text

import "unicode"

// Span is a half-open range [Start, End) of code points.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the span's length in code points.
func (s Span) Len() int { return s.End - s.Start }

// TokenKind classifies a token.
type TokenKind uint8

const (
	Word TokenKind = iota
	Number
	Punct
	QuoteMark
)

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
}

// NewDocument prepares s for extraction.
//
// This is a placeholder implementation (whitespace tokens, one sentence per
// paragraph) kept only until the real tokenizer and splitter land.
func NewDocument(s string) *Document {
	d := &Document{Text: s, Runes: []rune(s)}
	rs := d.Runes
	start := -1
	for i := 0; i <= len(rs); i++ {
		if i == len(rs) || rs[i] == '\n' {
			if start >= 0 {
				d.Paragraphs = append(d.Paragraphs, Span{start, i})
				d.Sentences = append(d.Sentences, Span{start, i})
				start = -1
			}
			continue
		}
		if start < 0 && !unicode.IsSpace(rs[i]) {
			start = i
		}
	}
	ts := -1
	for i := 0; i <= len(rs); i++ {
		if i == len(rs) || unicode.IsSpace(rs[i]) {
			if ts >= 0 {
				d.Tokens = append(d.Tokens, Token{Span: Span{ts, i}, Text: string(rs[ts:i])})
				ts = -1
			}
			continue
		}
		if ts < 0 {
			ts = i
		}
	}
	return d
}

// Slice returns the text of a span.
func (d *Document) Slice(s Span) string { return string(d.Runes[s.Start:s.End]) }
