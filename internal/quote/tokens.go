package quote

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsquotes/newsquotes/internal/text"
)

// tok is a document token with the facts the rules ask about it.
type tok struct {
	text.Token
	lower string
	cap   bool // starts with an upper-case letter
	word  bool // a word or number
	q     int  // index of the top-level quotation holding it (its marks included), or -1
	mark  bool // the opening or closing mark of that quotation
	para  int
	sent  int
	lex   uint32 // lexicon classes (lexbits.go)
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
	x.toks = make([]tok, len(d.Tokens))
	lex := lexClasses()
	for i, t := range d.Tokens {
		r, _ := utf8.DecodeRuneInString(t.Text)
		word := t.Kind == text.Word || t.Kind == text.Number
		lower, classes := strings.ToLower(t.Text), uint32(0)
		if word { // every lexicon entry has a letter or a digit
			classes = lex[lower]
		}
		x.toks[i] = tok{Token: t, lower: lower, cap: unicode.IsUpper(r), word: word, q: -1, para: -1, lex: classes}
	}
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
					!(x.toks[x.quots[t.q].t1-1].Text != "." && x.attributionAt(i+1, p.End))
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
	t := x.toks[i]
	if !t.mark || t.q < 0 {
		return false
	}
	q := x.quots[t.q]
	return q.open == i && q.close > i && q.t0 < q.t1 && x.toks[q.t0].cap && isTerminal(x.toks[q.t1-1].Text)
}

func (x *extractor) opensSentence(i int) bool {
	t := x.toks[i]
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
	return string(x.rs[s.Start:s.End])
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
var sentenceOpeners = map[string]bool{
	"he": true, "she": true, "they": true, "it": true, "we": true, "i": true, "the": true,
	"but": true, "this": true, "there": true, "his": true, "her": true, "their": true, "its": true,
}
