package text

import (
	"slices"
	"unicode"
)

// QuoteMarkRole says what a quote-like character does where it stands.
type QuoteMarkRole uint8

const (
	MarkNone       QuoteMarkRole = iota // not a quote mark at all
	MarkApostrophe                      // it's, O'Brien, players', '90s
	MarkOpening                         // starts a quotation
	MarkClosing                         // ends a quotation
	MarkAmbiguous                       // a straight mark with no telling context
)

// IsQuoteMarkRune reports whether r is a character that can be a quote mark or
// an apostrophe: straight and curly, single and double, guillemets, low-9.
func IsQuoteMarkRune(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '‘', '’', '„', '‚', '«', '»', '‹', '›', '‟', '‛':
		return true
	}
	return false
}

// IsDoubleQuoteMark reports whether r is a double quote mark.
func IsDoubleQuoteMark(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»', '‟':
		return true
	}
	return false
}

func qmAt(rs []rune, i int) rune {
	if i < 0 || i >= len(rs) {
		return ' '
	}
	return rs[i]
}

func qmWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// ClassifyQuoteMark tells the role of the quote character rs[i] from its
// neighbours alone. Pairing (FindQuotations) settles ambiguous marks and
// closing single marks that may be possessive apostrophes.
func ClassifyQuoteMark(rs []rune, i int) QuoteMarkRole {
	r := qmAt(rs, i)
	if !IsQuoteMarkRune(r) {
		return MarkNone
	}
	prev, next := qmAt(rs, i-1), qmAt(rs, i+1)
	prevWord, nextWord := qmWord(prev), qmWord(next)
	prevOpen := unicode.IsSpace(prev) || i == 0 || qmOpenPunct(prev)
	nextClose := unicode.IsSpace(next) || i == len(rs)-1 || qmClosePunct(next)
	switch r {
	case '«', '„', '‚', '‹', '‟', '‛':
		if r == '‹' || r == '‛' || r == '‚' {
			if prevWord && nextWord {
				return MarkApostrophe
			}
		}
		return MarkOpening
	case '»', '›':
		return MarkClosing
	case '“':
		// German „…“ closes with “; the pairing step handles that case.
		if nextClose && !prevOpen {
			return MarkClosing
		}
		return MarkOpening
	case '”':
		if prevOpen && !nextClose {
			return MarkOpening
		}
		return MarkClosing
	case '"':
		switch {
		case prevOpen && !nextClose:
			return MarkOpening
		case nextClose && !prevOpen:
			return MarkClosing
		}
		return MarkAmbiguous
	case '‘':
		if prevWord && nextWord {
			return MarkApostrophe
		}
		if qmElision(rs, i) {
			return MarkApostrophe
		}
		return MarkOpening
	default: // ’ and '
		if prevWord && nextWord {
			return MarkApostrophe // it's, O'Brien
		}
		if prevOpen && !nextClose {
			if qmElision(rs, i) {
				return MarkApostrophe
			}
			return MarkOpening
		}
		if nextClose && !prevOpen {
			return MarkClosing // or a plural possessive: settled by pairing
		}
		return MarkAmbiguous
	}
}

// qmElision reports an apostrophe standing for dropped letters at the start
// of a word: '90s, 'em, 'n', 'til, 'cause.
func qmElision(rs []rune, i int) bool {
	if unicode.IsDigit(qmAt(rs, i+1)) && unicode.IsDigit(qmAt(rs, i+2)) && !qmWord(qmAt(rs, i+3)) || qmAt(rs, i+3) == 's' && unicode.IsDigit(qmAt(rs, i+1)) {
		return true
	}
	var w []rune
	for j := i + 1; j < len(rs) && j < i+7 && unicode.IsLetter(rs[j]); j++ {
		w = append(w, unicode.ToLower(rs[j]))
	}
	if j := i + 1 + len(w); j < len(rs) && qmWord(rs[j]) {
		return false
	}
	switch string(w) {
	case "em", "n", "til", "cause", "tis", "twas", "bout", "round":
		return true
	}
	return false
}

func qmOpenPunct(r rune) bool {
	switch r {
	case '(', '[', '{', '—', '–', '-', '/', ':':
		return true
	}
	return IsQuoteMarkRune(r)
}

func qmClosePunct(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', ')', ']', '}', '—', '–', '-', '…', '/':
		return true
	}
	return IsQuoteMarkRune(r)
}

// Quotation is a span of text between a pair of quote marks within one
// paragraph.
type Quotation struct {
	Open      int // code point of the opening mark
	Close     int // code point of the closing mark; -1 when the quotation runs on into the next paragraph
	Span          // the words between the marks (to the paragraph's end when Close is -1)
	Double    bool
	Depth     int  // 0 for a top-level quotation, 1 for one nested inside another, ...
	RunsOn    bool // unclosed here, reopened at the start of the next paragraph
	Continues bool // reopens a quotation that ran on from the previous paragraph
	// CloseWidth is the closing mark's length: 1, or 2 for '' (wire copy's
	// double mark). The opening mark is Start-Open long.
	CloseWidth int
}

// qmPairRole classifies a two-character mark (”) at i from its context.
func qmPairRole(rs []rune, i int) QuoteMarkRole {
	prev, next := qmAt(rs, i-1), qmAt(rs, i+2)
	prevOpen := unicode.IsSpace(prev) || i == 0 || qmOpenPunct(prev)
	nextClose := unicode.IsSpace(next) || i+2 >= len(rs) || qmClosePunct(next)
	switch {
	case prevOpen && !nextClose:
		return MarkOpening
	case nextClose && !prevOpen:
		return MarkClosing
	}
	return MarkAmbiguous
}

const maxQuoteDepth = 16

type qmOpen struct {
	pos    int
	r      rune
	double bool
	width  int
}

// FindQuotations pairs the quote marks of rs, paragraph by paragraph
// (paragraphs are separated by newlines), in one pass and linear time.
//
// Marks are paired with a stack: a closing mark closes the innermost open
// mark of the same family (single or double), dropping unclosed single marks
// above it. A stray mark never spreads past its paragraph, so an odd count of
// marks cannot derail the rest of the text. A double quotation left open at
// a paragraph's end runs on when the next paragraph starts with an opening
// mark (the convention for multi-paragraph quotes); otherwise it is dropped.
// Possessive apostrophes (players') are told from closing single marks by
// whether a single quotation is open.
func FindQuotations(rs []rune) []Quotation {
	var out []Quotation
	var stack []qmOpen
	// The last closing single mark of each paragraph: a possessive
	// apostrophe ("the players’ union") is not taken for the close of an
	// open single quotation when a later closing mark can be.
	var lastSingleClose []int
	last := -1
	for i, r := range rs {
		if r == '\n' {
			lastSingleClose = append(lastSingleClose, last)
			last = -1
		} else if (r == '’' || r == '\'') && ClassifyQuoteMark(rs, i) == MarkClosing {
			last = i
		}
	}
	lastSingleClose = append(lastSingleClose, last)
	para := 0
	paraStart := 0
	continuing := false
	flush := func(end int) {
		// The paragraph [paraStart, end) is over: keep a top-level double
		// quotation that runs on into the next paragraph.
		if len(stack) > 0 && stack[0].double {
			next := end
			for next < len(rs) && unicode.IsSpace(rs[next]) {
				next++
			}
			if next < len(rs) && (IsDoubleQuoteMark(rs[next]) && ClassifyQuoteMark(rs, next) != MarkClosing || rs[next] == '\'' && qmAt(rs, next+1) == '\'' && qmPairRole(rs, next) == MarkOpening) {
				o := stack[0]
				stripEnd := end
				for stripEnd > o.pos+o.width && unicode.IsSpace(rs[stripEnd-1]) {
					stripEnd--
				}
				out = append(out, Quotation{Open: o.pos, Close: -1, Span: Span{o.pos + o.width, stripEnd}, Double: true, RunsOn: true, Continues: continuing && o.pos == qmParaStart(rs, paraStart)})
				stack = stack[:0]
				continuing = true
				return
			}
		}
		stack = stack[:0]
		continuing = false
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == '\n' {
			flush(i)
			paraStart = i + 1
			para++
			continue
		}
		if !IsQuoteMarkRune(r) && r != '`' {
			continue
		}
		if r == '\'' && i+2 < len(rs) && rs[i+1] == '\'' && rs[i+2] == '\'' && qmAt(rs, i+3) != '\'' &&
			len(stack) > 1 && !stack[len(stack)-1].double && stack[len(stack)-2].double {
			// ''' in wire copy closes a single quotation nested in a
			// double one: ' then ''. (He said, ''We heard 'yes.''' )
			j := len(stack) - 1
			o := stack[j]
			stack = stack[:j]
			out = append(out, Quotation{Open: o.pos, Close: i, Span: Span{o.pos + o.width, i}, Depth: j, CloseWidth: 1})
			continue
		}
		role := ClassifyQuoteMark(rs, i)
		double := IsDoubleQuoteMark(r)
		width := 1
		if (r == '\'' || r == '`') && i+1 < len(rs) && rs[i+1] == r {
			// '' and `` stand for a double mark in some wire copy.
			role, double, width, r = qmPairRole(rs, i), true, 2, '"'
			if rs[i] == '`' {
				role = MarkOpening
			}
		} else if r == '`' {
			continue
		}
		pos := i
		i += width - 1
		if role == MarkApostrophe || role == MarkNone {
			continue
		}
		// German „…“: a “ after an open „ closes it.
		if r == '“' && len(stack) > 0 && stack[len(stack)-1].r == '„' {
			role = MarkClosing
		}
		if role == MarkAmbiguous {
			role = MarkOpening
			if qmHasOpen(stack, double) {
				role = MarkClosing
			}
		}
		if role == MarkOpening && double && r == '"' && len(stack) > 0 && stack[len(stack)-1].double && stack[len(stack)-1].r == '"' {
			// A straight double mark cannot nest inside another: it closes,
			// unless it clearly opens a new sentence while the open one
			// began mid-sentence: then that one was a stray mark.
			top := stack[len(stack)-1]
			if ClassifyQuoteMark(rs, pos) == MarkOpening && qmSentenceStart(rs, pos) && !qmSentenceStart(rs, top.pos) {
				stack[len(stack)-1] = qmOpen{pos: pos, r: r, double: double, width: width}
				continue
			}
			role = MarkClosing
		}
		if role == MarkClosing && !double && i < lastSingleClose[para] && (qmAt(rs, i-1) == 's' || qmAt(rs, i-1) == 'S') &&
			qmAt(rs, i+1) == ' ' && unicode.IsLower(qmAt(rs, i+2)) {
			continue // possessive: the quotation closes later
		}
		if role == MarkOpening {
			if len(stack) == maxQuoteDepth {
				// Real quotes nest two or three deep; the oldest open mark
				// of a deeper stack is stray. Bounding the stack keeps
				// pairing linear on any input.
				copy(stack, stack[1:])
				stack = stack[:len(stack)-1]
			}
			stack = append(stack, qmOpen{pos: pos, r: r, double: double, width: width})
			continue
		}
		// MarkClosing: find the innermost open mark of the same family.
		j := len(stack) - 1
		for j >= 0 && stack[j].double != double {
			if !double {
				break // a single closer never closes across an open double: apostrophe
			}
			j--
		}
		if j < 0 || stack[j].double != double {
			continue // stray closing mark, or a possessive apostrophe
		}
		o := stack[j]
		stack = stack[:j]
		out = append(out, Quotation{Open: o.pos, Close: pos, Span: Span{o.pos + o.width, pos}, Double: double, Depth: j, CloseWidth: width,
			Continues: continuing && j == 0 && o.pos == qmParaStart(rs, paraStart)})
		if j == 0 {
			continuing = false
		}
	}
	flush(len(rs))
	qmSort(out)
	return out
}

func qmHasOpen(stack []qmOpen, double bool) bool {
	for k := len(stack) - 1; k >= 0; k-- {
		if stack[k].double == double {
			return true
		}
		if !double && stack[k].double {
			return false
		}
	}
	return false
}

// qmParaStart is the position of the first non-space rune of the
// paragraph starting at p.
func qmParaStart(rs []rune, p int) int {
	for p < len(rs) && unicode.IsSpace(rs[p]) && rs[p] != '\n' {
		p++
	}
	return p
}

// qmSort orders quotations by opening mark (they are found as they
// close, so nested ones come before their parents).
func qmSort(qs []Quotation) {
	slices.SortFunc(qs, func(a, b Quotation) int { return a.Open - b.Open })
}

// qmSentenceStart tells whether the mark at i opens a sentence: only
// spaces lie between it and the start of the paragraph or a full stop,
// question or exclamation mark.
func qmSentenceStart(rs []rune, i int) bool {
	j := i - 1
	for j >= 0 && (rs[j] == ' ' || rs[j] == '\t' || rs[j] == '\u00a0') {
		j--
	}
	return j < 0 || rs[j] == '\n' || rs[j] == '.' || rs[j] == '?' || rs[j] == '!'
}
