package text

import (
	"strings"
	"unicode"
)

// sentenceStarters are capitalised words that, after an abbreviation which
// may end a sentence ("Inc.", "U.S.", an initial), signal a new sentence.
var sentenceStarters = map[string]bool{
	"the": true, "a": true, "an": true, "he": true, "she": true, "it": true, "they": true,
	"we": true, "i": true, "you": true, "but": true, "and": true, "in": true, "on": true,
	"at": true, "this": true, "that": true, "these": true, "those": true, "there": true,
	"his": true, "her": true, "its": true, "their": true, "our": true, "my": true,
	"if": true, "when": true, "while": true, "after": true, "before": true, "as": true,
	"for": true, "since": true, "so": true, "yet": true, "however": true, "meanwhile": true,
	"also": true, "what": true, "who": true, "why": true, "how": true, "where": true,
	"one": true, "some": true, "many": true, "most": true, "all": true, "no": true,
	"not": true, "officials": true, "last": true, "earlier": true, "later": true,
	"both": true, "each": true, "other": true, "such": true, "both.": true, "to": true,
	"with": true, "by": true, "from": true, "under": true, "during": true, "still": true,
}

// isSentenceStarter tells whether w, lower-cased, is a sentence starter.
func isSentenceStarter(w string) bool {
	v, _ := lookupLower(sentenceStarters, w)
	return v
}

func isTerminal(t string) bool {
	switch t {
	case ".", "!", "?", "…", "?!", "!?":
		return true
	}
	return len(t) >= 2 && strings.Trim(t, ".") == "" // ".." "..."
}

func isClosing(t Token) bool {
	switch t.Text {
	case ")", "]", "}", "”", "»", "’", "›", "\"", "'":
		return true
	}
	return false
}

// abbrevEnd classifies a Word token that ends with a period: 0 not an
// abbreviation (the period is its own token), 1 never ends a sentence
// ("Mr."), 2 may end one ("Inc.", "U.S.", an initial).
func abbrevEnd(w string) int {
	if len(w) < 2 || w[len(w)-1] != '.' {
		return 0
	}
	if mayEnd, ok := lookupLower(abbrevs, w[:len(w)-1]); ok {
		if mayEnd {
			return 2
		}
		return 1
	}
	return 2 // letter-dot acronym or initial
}

// splitSentences appends the sentences of the paragraph whose tokens are
// toks[first:last].
func (b *builder) splitSentences(toks []Token, first, last int) {
	start := first
	emit := func(end int) { // tokens [start, end)
		if end > start {
			b.sents = append(b.sents, Span{toks[start].Start, toks[end-1].End})
			b.sentToks = append(b.sentToks, Span{start, end})
		}
		start = end
	}
	for i := first; i < last; i++ {
		t := &toks[i]
		brk := false
		switch {
		case t.Kind == Punct && isTerminal(t.Text):
			brk = true
		case t.Kind == Word:
			switch abbrevEnd(t.Text) {
			case 0, 1:
				continue
			case 2:
				// Ends a sentence only when a clear sentence starter follows.
				if i+1 < last {
					n := toks[i+1]
					if n.Kind != Word || !isSentenceStarter(n.Text) || !startsUpper(n.Text) {
						continue
					}
				}
				brk = true
			}
		}
		if !brk {
			continue
		}
		// Take in further terminal marks and closing quotes / brackets that
		// touch the terminal ("end.\"", "end?!", "end.)").
		j := i + 1
		for j < last && toks[j].Start == toks[j-1].End && (isClosing(toks[j]) || (toks[j].Kind == Punct && isTerminal(toks[j].Text))) {
			j++
		}
		if j >= last {
			i = j - 1
			continue
		}
		n := toks[j]
		// A lower-case word, a comma or similar continues the sentence:
		// `"Stop!" he said.`, `NATO... because`.
		if !opensSentence(n) {
			i = j - 1
			continue
		}
		emit(j)
		i = j - 1
	}
	emit(last)
}

// opensSentence tells whether a token can begin a new sentence.
func opensSentence(t Token) bool {
	switch t.Kind {
	case Word:
		return startsUpper(t.Text)
	case Number:
		return true
	case QuoteMark:
		return true
	}
	switch t.Text {
	case "(", "[", "-", "–", "—", "•", "*", "¿", "¡":
		return true
	}
	return false
}

func startsUpper(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r) || unicode.IsTitle(r) || (!unicode.IsLower(r) && unicode.IsLetter(r))
	}
	return false
}
