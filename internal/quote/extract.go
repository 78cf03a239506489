package quote

import (
	"cmp"
	"slices"
	"strings"

	"github.com/newsquotes/newsquotes/internal/entity"
	"github.com/newsquotes/newsquotes/internal/text"
)

// extractor holds one document's state while its quotes are found.
type extractor struct {
	doc   *text.Document
	rs    []rune
	toks  []tok
	quots []quotation
	sents []sentence
	ents  []entity.Entity
	res   *resolver
	out   []Quote
	// claimed marks sentences whose speech is already reported, so
	// indirect speech is not read from them again.
	claimed map[int]bool
	// claimedTok marks tokens already part of a quote, its cue or speaker.
	claimedTok []bool
	// sentenceSpeaker is the direct quote attributed in a sentence, for
	// participial cues later in it ("…," said X, calling it "…").
	sentenceSpeaker map[int]*Quote
	// lastInSentence is the last quote of a sentence, for coordinated cues
	// ("… but added that …").
	lastInSentence map[int]*Quote
	// bytesMapped tells that textOf can map code points to bytes of
	// doc.Text (scratch.mapBytes).
	bytesMapped bool
	// scratch holds the pooled memory behind toks.
	scratch *scratch
	// noBoundaryModel keeps the rules' content ends (boundary.go); the
	// model's training reads them.
	noBoundaryModel bool
	// clauseTrace, when set, records every content clause read after a
	// cue: the boundary model's training examples.
	clauseTrace func(c, e, v int)
	// minContentEnd, when set, is the earliest end the boundary model may
	// give a clause: a mixed quote's clause holds its quoted fragment.
	minContentEnd int
}

// attribution is who said something and with which cue, in tokens.
type attribution struct {
	s0, s1  int    // speaker mention tokens [s0, s1); s0 < 0 when none
	cue     string // the cue as written (":" for a colon, "—" for a dash)
	cuePos  int    // token index of the cue, -1 when none
	inherit *Quote // the speaker is the one of this earlier quote
	// phrase0, phrase1 fix the whole source phrase when the reader of the
	// attribution knows it ("according to X, an analyst at Y,"); 0 when
	// the phrase is found around the mention.
	phrase0, phrase1 int
}

// Extract finds the quotes of a document (direct, mixed and indirect) and
// attributes each to a speaker, resolving pronouns, nominals ("the
// minister") and surnames to the fullest name in the article and to its
// entity when one covers it. The quotes' strings are substrings of
// doc.Text where it is valid UTF-8, so they keep the article's text alive.
//
// The passes, in order:
//  1. prepare: pair quote marks (text.FindQuotations) and split sentences
//     that never end inside a quotation.
//  2. direct: each top-level quotation is attributed by the first rule
//     that fits: a run-on paragraph, the headline convention ('Q': X at
//     Event), a trailing attribution (", he said", "said X", "— X"), a
//     leading one ("X said:"), the end of the previous paragraph ("X, …,
//     said:"), or a quote-only sentence after an attributed quote.
//     Interrupted quotes and follow-on sentences join as Parts. What is
//     left is a mixed quote when a cue governs it (calling it "…"), and
//     otherwise a scare quote or title, which is dropped.
//  3. indirect: reported speech in the sentences not yet claimed ("X said
//     (that) …", "according to X, …", "…, X said.", "X urged …").
//  4. speakers are resolved by the resolver (resolve.go).
func Extract(doc *text.Document, entities []entity.Entity) []Quote {
	return extract(doc, entities, nil)
}

// extract is Extract with a hook that can set up the extractor before it
// runs (the boundary model's training uses it).
func extract(doc *text.Document, entities []entity.Entity, setup func(*extractor)) []Quote {
	if doc == nil || len(doc.Tokens) == 0 {
		return []Quote{}
	}
	sc := scratchPool.Get().(*scratch)
	defer sc.release()
	x := &extractor{scratch: sc, doc: doc, ents: entities, claimed: map[int]bool{}}
	if setup != nil {
		setup(x)
	}
	x.prepare()
	x.claimedTok = make([]bool, len(x.toks)+1)
	x.sentenceSpeaker = map[int]*Quote{}
	x.lastInSentence = map[int]*Quote{}
	x.direct()
	x.indirect()
	slices.SortStableFunc(x.out, func(a, b Quote) int { return cmp.Compare(a.Start, b.Start) })
	if x.out == nil {
		return []Quote{}
	}
	return x.out
}

// resolver indexes the article's names on first use: an article without
// quotes never needs them.
func (x *extractor) resolver() *resolver {
	if x.res == nil {
		x.res = newResolver(x)
	}
	return x.res
}

// before returns the token range of the sentence before quotation qi's
// opening mark, not reaching back past an earlier quotation.
func (x *extractor) before(qi int) (int, int) {
	q := x.quots[qi]
	s := x.sents[q.sent]
	a := s.t0
	for k := q.open - 1; k >= s.t0; k-- {
		if x.toks[k].q >= 0 {
			a = k + 1
			break
		}
	}
	return a, q.open
}

// after returns the tokens after quotation qi's closing mark to the end
// of its sentence or the next quotation.
func (x *extractor) after(qi int) (int, int) {
	q := x.quots[qi]
	if q.close < 0 {
		return q.t1, q.t1
	}
	s := x.sents[x.toks[q.close].sent]
	b := s.t1
	for k := q.close + 1; k < s.t1; k++ {
		if x.toks[k].q >= 0 {
			b = k
			break
		}
	}
	return q.close + 1, b
}

// contentEndsWith tells whether the quotation's words end with one of the
// given punctuation marks.
func (x *extractor) contentEndsWith(qi int, marks ...string) bool {
	q := x.quots[qi]
	if q.t1 <= q.t0 {
		return false
	}
	last := x.toks[q.t1-1].Text
	for _, m := range marks {
		if last == m {
			return true
		}
	}
	return false
}

// trailing reads an attribution after a quotation: `, he said`, `said X`,
// `X, a senior aide to Y, said`, `Zelenskyy was quoted as saying by
// Reuters`. It requires the attribution to start the tokens [a, b).
func (x *extractor) trailing(a, b int) (attribution, bool) {
	if a < b && (x.toks[a].Text == "," || isDash(x.toks[a].Text)) {
		a++
	}
	if a >= b {
		return attribution{}, false
	}
	// `"…" ― Sonya Smith`: a dash and a name closing the paragraph.
	if a > 0 && isDash(x.toks[a-1].Text) || isDash(x.toks[a].Text) {
		n := a
		if isDash(x.toks[a].Text) {
			n = a + 1
		}
		if e := x.npForward(n, b); e > 0 && x.capWord(n) && x.onlyPunct(e, b) && x.paraEndsBy(b) {
			d := a - 1
			if isDash(x.toks[a].Text) {
				d = a
			}
			return attribution{s0: n, s1: e, cue: x.toks[d].Text, cuePos: d}, true
		}
	}
	// `"…," Reuters quoted Zelenskyy as saying.`: the speaker is the one
	// quoted, not the outlet.
	for i := a; i < b && i < a+8; i++ {
		if x.lowerAt(i) != "quoted" || x.toks[i].cap {
			continue
		}
		e := x.npForward(i+1, b)
		if e > 0 && e+1 < b && x.lowerAt(e) == "as" && x.is(e+1, lexCue) {
			return attribution{s0: i + 1, s1: e, cue: "quoted as " + x.lowerAt(e+1), cuePos: i}, true
		}
		break
	}
	// "said X", "added the spokesman"
	if x.trailingCue(a) {
		v := a
		a2 := v + 1
		for a2 < b && x.is(a2, lexAux) {
			a2++
		}
		if e := x.npForward(a2, b); e > 0 {
			return attribution{s0: a2, s1: e, cue: x.str(v, x.cueWordsEnd(v, b)), cuePos: v}, true
		}
		if e := x.nameEndingPhrase(a2, b); e > 0 {
			return attribution{s0: a2, s1: e, cue: x.str(v, x.cueWordsEnd(v, b)), cuePos: v}, true
		}
		return attribution{}, false
	}
	// "he said", "X, a senior aide to Y, said", "the minister told Reuters"
	v := -1
	for i := a; i < b && i < a+30; i++ {
		if x.toks[i].Text == ";" || x.toks[i].Text == "." && (i+1 >= b || x.toks[i+1].cap) {
			break // a period inside "R-Ky.," or "(D-Md.)" does not end it
		}
		if x.trailingCue(i) || x.lowerAt(i) == "quoted" && x.lowerAt(i+1) == "as" {
			v = i
			break
		}
	}
	if v < 0 {
		return attribution{}, false
	}
	e := x.npForward(a, v)
	if e < 0 && x.lowerAt(a) == "it" {
		// `"…," it added.`: right after a quote, "it" is the report or
		// the organisation quoted; the resolver leaves it unnamed.
		e = a + 1
	}
	if e < 0 && x.toks[a].word && !x.toks[a].cap && a+1 < v && x.capWord(a+1) {
		// "panel Chairman Jason Chaffetz said"
		e = x.npForward(a+1, v)
	}
	if e < 0 {
		return attribution{}, false
	}
	// "Mr. Morgan of the Sierra Club said", "a narrator in the Clinton ad asks"
	if e < v && (x.lowerAt(e) == "of" || x.lowerAt(e) == "in" || x.lowerAt(e) == "at" || x.lowerAt(e) == "from" || x.lowerAt(e) == "for" || x.lowerAt(e) == "with") && v-e <= 7 {
		k := e + 1
		for k < v && x.toks[k].word && !x.is(k, lexAux) {
			k++
		}
		if k > e+1 {
			e = k
		}
	}
	// What lies between the phrase and the verb must be an appositive or
	// adverbs, never a new clause.
	rest := e
	if rest < v && x.toks[rest].Text == "," {
		closeAt := -1
		for k := v - 1; k > rest; k-- {
			if x.toks[k].Text == "," {
				closeAt = k
				break
			}
		}
		if closeAt < 0 && !(x.lowerAt(v-1) == ",") {
			return attribution{}, false
		}
		rest = v
	}
	for rest < v && (x.is(rest, lexAux) || strings.HasSuffix(x.lowerAt(rest), "ly") || x.isTimeWord(rest) || x.lowerAt(rest) == "on") {
		rest++
	}
	if rest != v {
		return attribution{}, false
	}
	cs := x.cueStart(v, e)
	return attribution{s0: a, s1: e, cue: x.str(cs, x.cueWordsEnd(v, b)), cuePos: v}, true
}

// nameEndingPhrase reads a few words ending in a capitalised name that
// close the attribution after "said": "said 9/11 widow Ann Berg." The
// noun phrase reader stops at such words; it returns the phrase's end, or
// -1.
func (x *extractor) nameEndingPhrase(a, b int) int {
	k := a
	for k < b && k < a+6 && x.toks[k].q < 0 && x.toks[k].Text != "," && !isTerminal(x.toks[k].Text) && x.toks[k].Text != ";" {
		k++
	}
	if k <= a+1 || k == a+6 || !x.capWord(k-1) || !x.capWord(k-2) || x.isCue(a) {
		return -1
	}
	if k < b && x.toks[k].Text != "," && !isTerminal(x.toks[k].Text) {
		return -1
	}
	return k
}

// trailingCue tells whether token i can be the verb of an attribution
// that follows a quotation. Right after a quote, a speech verb that is
// often something else at the head of a clause ("continued", "notes")
// can only be speech: `"…," he continued.`
func (x *extractor) trailingCue(i int) bool {
	return !x.isParticiple(i) && (x.isFiniteCue(i) || x.isSayCue(i)) || x.phrasalCue(i) ||
		x.lowerAt(i) == "read" && !x.toks[i].cap // `"…," the sign read.`
}

// phrasalCues are verbs of speaking made of a verb and a particle: "she
// went on", "Lee shot back", "as Berg points out".
var phrasalCues = map[string]string{
	"went": "on", "goes": "on", "shot": "back", "fired": "back", "hit": "back",
	"pointed": "out", "points": "out",
}

// phrasalCue tells whether token i opens a phrasal verb of speaking.
func (x *extractor) phrasalCue(i int) bool {
	p, ok := phrasalCues[x.lowerAt(i)]
	return ok && !x.toks[i].cap && x.lowerAt(i+1) == p
}

// cueWordsEnd is cueEnd over a phrasal verb's particle too.
func (x *extractor) cueWordsEnd(v, limit int) int {
	if x.phrasalCue(v) && v+2 <= limit {
		return v + 2
	}
	return x.cueEnd(v, limit)
}

func isDash(s string) bool { return s == "—" || s == "―" || s == "–" || s == "--" }

// paraEndsBy tells whether only punctuation is left in the paragraph from token i.
func (x *extractor) paraEndsBy(i int) bool {
	if i >= len(x.toks) {
		return true
	}
	p := x.doc.ParagraphTokens[x.toks[max(i-1, 0)].para]
	return p.End-i <= 6 && x.onlyPunct(i, p.End)
}

func (x *extractor) isParticiple(i int) bool { return strings.HasSuffix(x.lowerAt(i), "ing") }

// leading reads an attribution that introduces a quotation: `X said: "…"`,
// `X said, "…"`, `X told reporters: "…"`, `he said "…"`. [a, b) are the
// tokens of the sentence before the opening mark.
func (x *extractor) leading(a, b int) (attribution, bool) {
	if b <= a {
		return attribution{}, false
	}
	end := b - 1
	colon := x.toks[end].Text == ":" || x.toks[end].Text == ","
	if colon {
		end--
	}
	// The cue is the last token, or a few words before a colon ("told
	// reporters:", "said in a statement:", "wrote on Twitter:").
	v := -1
	for k := end; k >= a && k >= end-6; k-- {
		if x.isSayCue(k) || x.lowerAt(k) == "saying" {
			v = k
			break
		}
		if !colon || x.toks[k].q >= 0 {
			break
		}
	}
	if v < 0 {
		if colon && x.lowerAt(a) == "said" && x.toks[a].cap {
			// `Said Ellis: "…"`
			if e := x.npForward(a+1, end+1); e == end+1 {
				return attribution{s0: a + 1, s1: e, cue: x.str(a, a+1), cuePos: a}, true
			}
		}
		return attribution{}, false
	}
	if v != end && !colon {
		return attribution{}, false
	}
	if namingCues[x.lowerAt(v)] {
		// `it was labeled "Mostly True."`: a naming verb gives a name,
		// not words spoken; the mixed reader takes it.
		return attribution{}, false
	}
	for k := v + 1; k <= end; k++ {
		if complementizers[x.lowerAt(k)] {
			// `tweeted that, "…"`: the quotation goes on a reported clause.
			return attribution{}, false
		}
	}
	if x.isParticiple(v) {
		// "…, saying: "…"": the speaker is the subject of the clause.
		if s0, s1 := x.clauseSubject(a, v); s0 >= 0 {
			return attribution{s0: s0, s1: s1, cue: x.str(v, v+1), cuePos: v}, true
		}
		return attribution{}, false
	}
	s0, s1 := x.subjectBefore(x.cueStart(v, a), a)
	if s0 < 0 {
		// "She then urges him … and repeatedly says, "…"": the subject of
		// the first verb.
		j := v - 1
		for j > a && x.is(j, lexAux) {
			j--
		}
		if x.lowerAt(j) == "and" || x.lowerAt(j) == "but" {
			if e := x.npForward(a, v); e > 0 {
				return attribution{s0: a, s1: e, cue: x.str(v, v+1), cuePos: v}, true
			}
		}
	}
	if s0 < 0 {
		// "said Smith:" — the speaker follows the cue
		if e := x.npForward(v+1, end+1); e > 0 {
			return attribution{s0: v + 1, s1: e, cue: x.str(v, v+1), cuePos: v}, true
		}
		return attribution{}, false
	}
	cue := x.str(x.cueStart(v, a), x.cueWordsEnd(v, b))
	if colon && x.toks[b-1].Text == ":" && v == end {
		cue = x.str(x.cueStart(v, a), v+1)
	}
	return attribution{s0: s0, s1: s1, cue: cue, cuePos: v}, true
}

// clauseSubject finds the subject of the first finite cue verb in [a, b),
// or the noun phrase opening the clause.
func (x *extractor) clauseSubject(a, b int) (int, int) {
	if v := x.findCue(a, b, true); v >= 0 {
		// A relative clause's "who said" is not the clause's subject:
		// "Trump would not pay an architect who said he was stiffed,
		// saying, …".
		if s0, s1 := x.subjectBefore(x.cueStart(v, a), a); s0 >= 0 && !(s1 == s0+1 && relativePronouns[x.lowerAt(s0)]) {
			return s0, s1
		}
	}
	if e := x.npForward(a, b); e > 0 {
		return a, e
	}
	// "During a speech on Monday, Trump attacked Clinton, saying": an
	// opening adverbial phrase set off by a comma comes before the subject.
	if x.is(a, lexPreposition) {
		for c := a + 1; c < b; c++ {
			if x.toks[c].Text != "," {
				continue
			}
			if e := x.npForward(c+1, b); e > 0 && e < b && !x.toks[e].cap && x.toks[e].word && !x.is(e, lexPreposition) {
				return c + 1, e
			}
			break
		}
	}
	return -1, -1
}

var relativePronouns = map[string]bool{"who": true, "which": true, "that": true}

// direct finds the quotations that are quotes and attributes them.
func (x *extractor) direct() {
	var last *Quote // the last direct quote, for quote-only follow-ups
	lastPara := -1
	lastIdx := -1 // last's index in x.out
	for qi := 0; qi < len(x.quots); qi++ {
		q := &x.quots[qi]
		if q.done {
			continue
		}
		if x.contentWords(qi) == 0 || x.namesAWork(qi) {
			continue // `on ABC's "This Week"`, `the film "Taken"`: a title
		}
		ba, bb := x.before(qi)
		aa, ab := x.after(qi)
		sentStart := ba == x.sents[q.sent].t0 && x.onlyPunct(ba, bb)
		var at attribution
		found := false
		mixed := false
		continuation := false
		cue := ""

		switch {
		case q.Continues && last != nil && lastPara == q.para-1 && !x.ownAttribution(qi):
			// A multi-paragraph quote: this paragraph continues the last one.
			at = attribution{s0: -1, inherit: last}
			found = true
		case sentStart && x.headline(qi, aa, ab, &at):
			found = true
		case sentStart && x.trailingOK(qi, aa, ab, &at):
			found = true
		case !sentStart && x.leadingOK(qi, ba, bb, &at):
			found = true
		case sentStart && x.prevParaColon(qi, &at):
			found = true
		case sentStart && x.looseTrailing(qi, &at):
			found = true
		case sentStart && x.quoteOnlySentence(qi, aa, ab) && x.followsMixed(qi):
			// `He called the deal "a steal," Lee said. "B."`: B goes on
			// with the mixed quote's speaker and joins it as a part.
			x.quots[qi].done = true
			x.appendParts(len(x.out)-1, []int{qi})
			x.claimed[q.sent] = true
			continue
		case sentStart && x.quoteOnlySentence(qi, aa, ab) && last != nil && lastPara >= q.para-1 && lastPara >= 0 && !x.subheading(qi):
			at = attribution{s0: -1, inherit: last}
			found = true
			if lastPara == q.para-1 && lastIdx >= 0 && x.out[lastIdx].Kind == Direct && x.opensParagraph(qi) {
				// `"A," he said.` then a paragraph that is only `"B."`:
				// the speaker goes on, and B joins A's quote as a part.
				continuation = true
			}
		case !sentStart && x.trailingOK(qi, aa, ab, &at):
			// `The plan is "dead on arrival," he said.`: words before the
			// quotation make it a mixed quote, unless a dash or bracket
			// sets the quotation and its attribution off from them:
			// `Few were moved - "It was dull," one said - and many left.`
			found, mixed = true, !x.setOff(qi)
		}
		if !found {
			if x.mixedQuote(qi) {
				lastPara = q.para
			}
			continue
		}
		if at.cuePos >= 0 || at.cue != "" {
			cue = at.cue
		}
		parts := []int{qi}
		q.done = true
		// Interrupted quotes and quote-only sentences that follow in the
		// same paragraph belong to the same quote.
		if !mixed {
			for nj := qi + 1; nj < len(x.quots); nj++ {
				n := &x.quots[nj]
				if n.para != q.para || n.done || x.contentWords(nj) == 0 {
					break
				}
				prev := parts[len(parts)-1]
				if !x.joins(prev, nj) {
					// `"A," he said on CNN's "State of the Union." "B."`:
					// a title in the attribution is no quote, and B goes on.
					if nj+1 < len(x.quots) && x.titleBetween(prev, nj, nj+1) {
						n.done = true
						nj++
					} else if m := x.pastAttributionTail(prev, nj); m > 0 {
						// `"A," said Lee, who called the deal "a steal." "B."`:
						// B goes on; the fragment is left to be read on its own.
						nj = m
					} else {
						break
					}
				}
				x.quots[nj].done = true
				parts = append(parts, nj)
				if x.quots[nj].RunsOn {
					break
				}
			}
		}
		// A quote running on over paragraphs is one quote.
		for x.quots[parts[len(parts)-1]].RunsOn && !mixed {
			nj := parts[len(parts)-1] + 1
			if nj >= len(x.quots) || !x.quots[nj].Continues || x.quots[nj].done || x.ownAttribution(nj) {
				break
			}
			x.quots[nj].done = true
			parts = append(parts, nj)
		}
		if continuation && x.closesParagraph(parts[len(parts)-1]) {
			x.appendParts(lastIdx, parts)
			for _, p := range parts {
				x.claimed[x.quots[p].sent] = true
			}
			lastPara = x.quots[parts[len(parts)-1]].para
			last = &Quote{}
			*last = x.out[lastIdx]
			continue
		}
		var quote Quote
		if mixed {
			s := x.sents[q.sent]
			a := s.t0
			quote = x.makeQuote(Mixed, parts, at, cue)
			cl := x.span(a, x.quots[qi].close+1)
			quote.Clause = Span{cl.Start, cl.End}
		} else {
			quote = x.makeQuote(Direct, parts, at, cue)
		}
		for _, p := range parts {
			x.claimed[x.quots[p].sent] = true
			if c := x.quots[p].close; c >= 0 {
				x.claimed[x.toks[c].sent] = true
			}
		}
		x.out = append(x.out, quote)
		lastIdx = len(x.out) - 1
		lastPara = x.quots[parts[len(parts)-1]].para
		// Keep a pointer that survives appends.
		last = x.cloneLast()
		if c := x.quots[parts[len(parts)-1]].close; c >= 0 {
			x.sentenceSpeaker[x.toks[c].sent] = last
			x.lastInSentence[x.toks[c].sent] = last
		}
		if at.s0 >= 0 {
			for k := at.s0; k < at.s1; k++ {
				x.claimedTok[k] = true
			}
		}
	}
}

// looseTrailing reads an attribution after a quotation that opens its
// sentence and does not end it (`"…," X said`, `"…?" X asked`) when
// trailing cannot read the speaker's phrase: a long name ("Ann Berg of
// the Centre for Harbour and Coastal Studies wrote"), coordinated roles
// ("the mayor and party chair said"), an appositive holding a quotation.
// The phrase runs from the quotation to the verb, or to the comma that
// opens an appositive.
func (x *extractor) looseTrailing(qi int, at *attribution) bool {
	q := x.quots[qi]
	if q.close < 0 || q.t1 <= q.t0 {
		return false
	}
	a := q.close + 1
	s := x.sents[x.toks[q.close].sent]
	last := x.toks[q.t1-1].Text
	if a < s.t1 && x.toks[a].Text == "," {
		a++
	} else if last != "," && last != "?" && last != "!" {
		return false
	}
	if a >= s.t1 || x.toks[a].para != q.para {
		return false
	}
	r, ok := x.looseAttribution(a, s.t1)
	if ok {
		*at = r
	}
	return ok
}

// looseAttribution reads a speaker's phrase opening [a, limit) and the
// verb that follows it within looseTrailingReach tokens: the phrase runs
// to the verb, or to the comma that opens an appositive.
func (x *extractor) looseAttribution(a, limit int) (attribution, bool) {
	if t := x.toks[a]; !t.word || !t.cap && !x.is(a, lexDeterminer) && !x.isPronoun(a) || x.is(a, lexAux) {
		return attribution{}, false
	}
	v := -1
	for k := a + 1; k < limit && k < a+looseTrailingReach; k++ {
		if t := x.toks[k]; t.Text == ";" || isTerminal(t.Text) && t.q < 0 {
			return attribution{}, false
		}
		if x.toks[k].q < 0 && x.trailingCue(k) {
			v = k
			break
		}
	}
	if v < 0 {
		return attribution{}, false
	}
	e := x.cueStart(v, a)
	for e > a && (x.is(e-1, lexAux) || strings.HasSuffix(x.lowerAt(e-1), "ly") && !x.toks[e-1].cap) {
		e-- // "the mayor has also repeatedly said"; not "Ann Kelly said"
	}
	n := x.npForward(a, e)
	if n > 0 && n < e && x.toks[n].Text == "," {
		e = n // "X, wearing a hat and "Go" pins, said"
	}
	if e <= a {
		return attribution{}, false
	}
	at := attribution{s0: a, s1: e, cue: x.str(x.cueStart(v, a), x.cueWordsEnd(v, limit)), cuePos: v}
	k := a
	for k < e && x.capWord(k) {
		k++
	}
	if k > a && k < e && ppPreps[x.lowerAt(k)] {
		// "Ann Berg of the Centre for Coastal Studies": the name is the
		// mention, the whole phrase its source.
		at.s1, at.phrase0, at.phrase1 = k, a, e
	}
	return at, true
}

// looseTrailingReach is how far after the quotation looseTrailing looks
// for the verb.
const looseTrailingReach = 16

// followsMixed tells whether the last quote found is a mixed quote whose
// sentence comes right before quotation qi's, in its paragraph.
func (x *extractor) followsMixed(qi int) bool {
	if len(x.out) == 0 {
		return false
	}
	p := &x.out[len(x.out)-1]
	if p.Kind != Mixed {
		return false
	}
	q := x.quots[qi]
	k := x.tokenAt(p.End)
	if k < 0 || k >= len(x.toks) || x.toks[k].para != q.para {
		return false
	}
	return x.toks[k].sent == q.sent-1 || x.toks[k].sent == q.sent
}

// ownAttribution tells whether quotation qi is followed by an attribution
// of its own: `"…," added Lee.`
func (x *extractor) ownAttribution(qi int) bool {
	if x.quots[qi].close < 0 {
		return false
	}
	aa, ab := x.after(qi)
	var at attribution
	return x.trailingOK(qi, aa, ab, &at)
}

// setOff tells whether a dash or an opening bracket stands right before
// quotation qi.
func (x *extractor) setOff(qi int) bool {
	o := x.quots[qi].open
	return o > 0 && (isDash(x.toks[o-1].Text) || x.toks[o-1].Text == "-" || x.toks[o-1].Text == "(")
}

// opensParagraph tells whether quotation qi's opening mark is the first
// token of its paragraph.
func (x *extractor) opensParagraph(qi int) bool {
	o := x.quots[qi].open
	return o == 0 || x.toks[o-1].para != x.toks[o].para
}

// closesParagraph tells whether nothing but punctuation follows quotation
// qi in its paragraph.
func (x *extractor) closesParagraph(qi int) bool {
	c := x.quots[qi].close
	if c < 0 {
		return false
	}
	for k := c + 1; k < len(x.toks) && x.toks[k].para == x.toks[c].para; k++ {
		if x.toks[k].word {
			return false
		}
	}
	return true
}

// appendParts adds quotations parts, a paragraph that only goes on with
// the speaker's words, to the quote at x.out[i] as further parts.
func (x *extractor) appendParts(i int, parts []int) {
	q := &x.out[i]
	if len(q.Parts) == 0 {
		q.Parts = []Span{{q.Start, q.End}}
		if q.Kind == Mixed {
			// A mixed quote's first piece is its whole reported clause.
			q.Parts[0] = q.Clause
		}
	}
	texts := []string{q.Text}
	for _, p := range parts {
		qp := x.quots[p]
		q.Parts = append(q.Parts, Span{qp.Start, qp.End})
		texts = append(texts, x.textOf(qp.Start, qp.End))
		q.End = qp.End
	}
	q.Text = strings.Join(texts, " ")
	q.Clause = Span{min(q.Clause.Start, q.Start), q.End}
}

// cloneLast returns a stable copy of the last quote for inheritance.
func (x *extractor) cloneLast() *Quote {
	q := x.out[len(x.out)-1]
	return &q
}

// joins tells whether quotation nj continues the quote ending with
// quotation pj: `"A," she said, "B."` or `"A," she said. "B."` or `"A." "B."`.
func (x *extractor) joins(pj, nj int) bool {
	p, n := x.quots[pj], x.quots[nj]
	if p.close < 0 {
		return false
	}
	// A quotation with its own attribution is a quote of its own:
	// `"A," Moore said. "B," Clyburn said.`
	if n.close >= 0 {
		aa, ab := x.after(nj)
		var at attribution
		if x.trailingOK(nj, aa, ab, &at) {
			return false
		}
	}
	between := n.open - p.close - 1
	if between == 0 {
		return true
	}
	a, b := p.close+1, n.open
	if x.onlyPunct(a, b) {
		return x.endsItsSentence(nj)
	}
	// An attribution ending with a colon introduces the next quotation:
	// `"A." Smith said: "B."` are two quotes.
	if x.toks[b-1].Text == ":" {
		return false
	}
	// an attribution between them, ending with a comma or period
	at, ok := x.trailing(a, b)
	if !ok && (x.toks[a].Text == "," || x.contentEndsWith(pj, ",", "?", "!")) {
		start := a
		if x.toks[a].Text == "," {
			start++
		}
		if start < b {
			at, ok = x.looseAttribution(start, b)
		}
	}
	if ok {
		end := max(at.s1, x.cueWordsEnd(at.cuePos, b))
		// The next quotation goes on with the same words, or opens a new
		// sentence after the attribution: `"A," said X, smiling. "B."`
		if x.onlyPunct(end, b) || x.toks[b-1].Text == "," && x.startsLower(nj) {
			return x.endsItsSentence(nj)
		}
		// A new sentence after the attribution goes on with the speaker's
		// words, also when an abbreviation closes the attribution ("…,"
		// said Ann Berg of Tampa, Fla. "…").
		newSentence := isTerminal(x.toks[b-1].Text) || x.toks[n.open].sent != x.toks[b-1].sent
		return joinSentences && newSentence && x.endsItsSentence(nj)
	}
	return false
}

// titleBetween tells whether quotation tj is the title of a show, book or
// programme inside the attribution that follows quotation pj, with
// quotation nj opening the next sentence: `"A," Sanders said on CNN's
// "State of the Union" Sunday. "B."`.
func (x *extractor) titleBetween(pj, tj, nj int) bool {
	p, t, n := x.quots[pj], x.quots[tj], x.quots[nj]
	if p.close < 0 || t.close < 0 || n.done || t.para != p.para || n.para != p.para || !x.titleLike(tj) || x.contentWords(nj) == 0 {
		return false
	}
	if _, ok := x.trailing(p.close+1, t.open); !ok {
		return false
	}
	// After the title: at most a time word ("Sunday") and the end of the
	// sentence, inside the title's marks or after them.
	end := t.close + 1
	for end < n.open && (x.isTimeWord(end) || !x.toks[end].word) {
		end++
	}
	if end != n.open {
		return false
	}
	terminal := isTerminal(x.toks[n.open-1].Text) || t.t1 > t.t0 && isTerminal(x.toks[t.t1-1].Text)
	return terminal && x.endsItsSentence(nj)
}

// pastAttributionTail returns the quotation after the sentence that holds
// the attribution following quotation pj, when that sentence also holds
// quotations from nj on (`"A," said Lee, who called the plan "a steal."
// "B."`) and the returned one is a whole sentence going on with the
// speaker's words; else -1.
func (x *extractor) pastAttributionTail(pj, nj int) int {
	p, n := x.quots[pj], x.quots[nj]
	if p.close < 0 || n.para != p.para || p.close+1 >= n.open {
		return -1
	}
	if _, ok := x.trailing(p.close+1, n.open); !ok {
		return -1
	}
	sent := x.toks[p.close+1].sent
	for m := nj; m < len(x.quots) && m < nj+4; m++ {
		q := x.quots[m]
		if q.close < 0 || q.para != p.para || q.done {
			return -1
		}
		// `… called it "a steal." "B."`: a quotation ending a sentence
		// inside its marks ends the attribution's sentence too.
		ended := m > nj && x.contentEndsWith(m-1, ".", "?", "!") && x.onlyPunct(x.quots[m-1].close+1, q.open)
		if x.toks[q.open].sent == sent && !ended {
			if x.toks[q.close].sent != sent {
				return -1
			}
			continue
		}
		// The first quotation past the attribution's sentence must open
		// the next sentence and be all of it, with no attribution of its
		// own.
		if m == nj || !x.onlyPunct(x.quots[m-1].close+1, q.open) && x.toks[q.open-1].sent != sent {
			return -1
		}
		if !x.endsItsSentence(m) || !x.quotedSentence(m) {
			return -1
		}
		aa, ab := x.after(m)
		var at attribution
		if x.trailingOK(m, aa, ab, &at) {
			return -1
		}
		return m
	}
	return -1
}

// titleLike tells whether quotation qi reads as a title: a few words, each
// capitalised but the small ones ("Fox and Friends", "This Week").
func (x *extractor) titleLike(qi int) bool {
	q := x.quots[qi]
	words := 0
	for k := q.t0; k < q.t1; k++ {
		tk := x.toks[k]
		if !tk.word {
			continue
		}
		words++
		if !tk.cap && !titleSmallWords[tk.lower] {
			return false
		}
	}
	return words > 0 && words <= 8 && x.toks[q.t0].cap
}

var titleSmallWords = map[string]bool{"of": true, "the": true, "and": true, "a": true, "an": true, "in": true,
	"on": true, "for": true, "to": true, "with": true, "at": true}

// startsLower tells whether quotation qi opens with a lower-case word.
func (x *extractor) startsLower(qi int) bool {
	q := x.quots[qi]
	for i := q.t0; i < q.t1; i++ {
		if x.toks[i].word {
			return !x.toks[i].cap
		}
	}
	return false
}

// endsItsSentence tells whether nothing but punctuation follows
// quotation qi in its sentence (or only the next quotation).
func (x *extractor) endsItsSentence(qi int) bool {
	a, b := x.after(qi)
	return x.onlyPunct(a, b)
}

// onlyPunct tells whether tokens [a, b) hold no words.
func (x *extractor) onlyPunct(a, b int) bool {
	for i := a; i < b; i++ {
		if x.toks[i].word {
			return false
		}
	}
	return true
}

func (x *extractor) contentWords(qi int) int {
	q := x.quots[qi]
	n := 0
	for i := q.t0; i < q.t1 && i < len(x.toks); i++ {
		if x.toks[i].word {
			n++
		}
	}
	return n
}

// trailingOK accepts a trailing attribution after quotation qi.
func (x *extractor) trailingOK(qi, aa, ab int, at *attribution) bool {
	q := x.quots[qi]
	if q.close < 0 {
		return false
	}
	endsSentence := x.contentEndsWith(qi, ".")
	if aa < ab && x.toks[aa].Text == "," {
		endsSentence = false
	}
	if endsSentence {
		// `"…." Trump said.` — only a short sentence that is nothing but the
		// attribution.
		s := x.sents[x.toks[q.close].sent]
		if aa < len(x.toks) && x.toks[aa].sent != x.toks[q.close].sent {
			if x.toks[aa].para != x.toks[q.close].para {
				return false // an attribution never crosses a paragraph
			}
			s = x.sents[x.toks[aa].sent]
			aa, ab = s.t0, s.t1
			for k := aa; k < s.t1; k++ {
				if x.toks[k].q >= 0 {
					ab = k
					break
				}
			}
		}
		if ab > aa && x.toks[ab-1].Text == ":" && x.quotationFollows(ab) {
			return false // `"A." Smith said: "B."`: Smith introduces B
		}
		r, ok := x.trailing(aa, ab)
		if !ok {
			return false
		}
		if isDash(r.cue) {
			*at = r
			return true
		}
		end := r.cuePos + 1
		for end < ab && !x.toks[end].word {
			end++
		}
		if end < ab && !(end+1 >= ab) {
			return false
		}
		*at = r
		return true
	}
	r, ok := x.trailing(aa, ab)
	if !ok {
		return false
	}
	*at = r
	return true
}

// leadingOK accepts an attribution introducing quotation qi.
func (x *extractor) leadingOK(qi, ba, bb int, at *attribution) bool {
	lower := x.startsLower(qi)
	r, ok := x.leading(ba, bb)
	if lower && !(ok && r.s0 == x.sents[x.quots[qi].sent].t0 && r.cuePos >= bb-2 && x.onlyAuxBetween(r.s1, r.cuePos)) {
		// `When it came, Lee said "we were floored."`: words that do not
		// open a sentence go on the writer's clause, a mixed quote, unless
		// the sentence is nothing but the speaker, the verb and the words
		// (`Lee said "the vote was rigged."`).
		return false
	}
	inferred := false // the speaker is read off a clause, not a speech verb
	if !ok {
		r, ok = x.colonIntro(qi, ba, bb)
		inferred = ok
	}
	if !ok {
		r, ok = x.farLeading(qi, ba, bb)
	}
	if !ok {
		return false
	}
	// The quote must run to the end of its sentence (else it is mixed).
	q := x.quots[qi]
	if q.close >= 0 {
		aa, ab := x.after(qi)
		if !x.onlyPunct(aa, ab) {
			participle := aa+1 < ab && x.toks[aa].Text == "," && x.isCue(aa+1) && x.isParticiple(aa+1)
			tr, trOK := x.trailing(aa, ab)
			if !trOK && !participle && !(ab > aa && x.toks[aa].Text == "," && x.quotationFollows(ab)) {
				return false
			}
			if inferred && trOK && tr.s0 >= 0 {
				// `The letter praised her: "…," the union wrote.`: the
				// speech verb after the quote names who wrote it.
				r = tr
			}
		}
	}
	*at = r
	return true
}

// onlyAuxBetween tells whether tokens [a, b) are only auxiliaries,
// adverbs and time words: "Lee has also said", "Lee on Monday told".
func (x *extractor) onlyAuxBetween(a, b int) bool {
	for k := a; k < b; k++ {
		if !x.is(k, lexAux) && !x.isTimeWord(k) && x.lowerAt(k) != "on" && !(strings.HasSuffix(x.lowerAt(k), "ly") && !x.toks[k].cap) {
			return false
		}
	}
	return true
}

// colonIntro reads a clause without a speech verb that introduces a
// whole quoted sentence with a colon: `The board was conclusive in its
// findings: "Further discussion is unnecessary."` The speaker is the
// clause's subject.
func (x *extractor) colonIntro(qi, a, b int) (attribution, bool) {
	q := x.quots[qi]
	if b-1 <= a || x.toks[b-1].Text != ":" || q.t0 >= q.t1 || !x.toks[q.t0].cap || x.contentWords(qi) < 3 {
		return attribution{}, false
	}
	if x.hasQuotation(a, b-1) {
		return attribution{}, false
	}
	s0, s1 := x.colonSubject(a, b-1)
	if s0 < 0 || x.isPronoun(s0) && s1-s0 == 1 && (x.lowerAt(s0) == "it" || x.lowerAt(s0) == "this") {
		return attribution{}, false
	}
	return attribution{s0: s0, s1: s1, cuePos: -1}, true
}

// colonSubject finds the subject of the clause [a, b) before a colon and
// checks that its verb follows it: the clause may open with a connective
// ("And Lee gloated:") or a phrase set off by a comma ("Asked about it,
// he demurred:"), and an appositive may stand between the subject and
// the verb ("Lee, R-Ky., delivered a message:").
func (x *extractor) colonSubject(a, b int) (int, int) {
	verbAt := func(i int) bool {
		// The subject must be followed by its verb, not a particle: "Sign
		// up for our newsletter:" is an imperative.
		return i < b && x.toks[i].word && !x.toks[i].cap && !x.is(i, lexPreposition) && !particles[x.lowerAt(i)]
	}
	if s0, s1 := x.clauseSubject(a, b); s0 >= 0 && verbAt(s1) {
		return s0, s1
	}
	lo := a
	if conjunctions[x.lowerAt(lo)] && x.toks[lo].cap {
		lo++
	}
	for c := b - 1; c >= lo; c-- {
		if c > lo && x.toks[c].Text != "," {
			continue
		}
		start := c
		if c > lo || x.toks[c].Text == "," {
			start = c + 1
		}
		e := x.npForward(start, b)
		if e < 0 {
			continue
		}
		if verbAt(e) {
			return start, e
		}
		// "Lee, R-Ky., delivered": over an appositive to the verb.
		if x.toks[e].Text == "," {
			for k := e + 1; k < b && k <= e+8; k++ {
				if x.toks[k].Text == "," {
					if verbAt(k+1) && !x.isParticiple(k+1) {
						return start, e
					}
					break
				}
			}
		}
		if c <= lo {
			break
		}
	}
	return -1, -1
}

// farLeading reads an attribution whose cue stands further from the
// quotation than leading allows, or is a verb of speaking that leading
// does not take: `Lee told a local radio host on Friday, "We are not
// done."`, `Park joked, putting on an accent, "Welcome, friend!"`, `She
// quips, "Ask me next year."` Only a whole quoted sentence after a comma
// or colon qualifies, and no complementizer may stand between the cue and
// the quotation (`said that, "…"` reports a fragment of a clause).
func (x *extractor) farLeading(qi, a, b int) (attribution, bool) {
	q := x.quots[qi]
	if b-1 <= a || x.toks[b-1].Text != "," && x.toks[b-1].Text != ":" || !x.quotedSentence(qi) {
		return attribution{}, false
	}
	// `…: "…," the group wrote.` after the quotation names the speaker.
	if aa, ab := x.after(qi); x.toks[b-1].Text == ":" {
		if r, ok := x.trailing(aa, ab); ok {
			return r, true
		}
	}
	if r, ok := x.accordingIntro(a, b); ok {
		return r, true
	}
	return x.cueBefore(qi, a, b, x.sents[q.sent])
}

// accordingIntro reads `According to Lee, an aide to the mayor, "…"`:
// the source phrase runs from "to" to the comma before the quotation.
func (x *extractor) accordingIntro(a, b int) (attribution, bool) {
	for i := a; i+2 < b; i++ {
		if x.lowerAt(i) != "according" || x.lowerAt(i+1) != "to" {
			continue
		}
		if !x.onlyConnectives(a, i) || x.sourceAfter(i+2, b) != b-1 {
			return attribution{}, false
		}
		m := x.npForward(i+2, b-1)
		if m < 0 || m < b-1 && x.toks[m].Text != "," {
			m = b - 1
		}
		return attribution{s0: i + 2, s1: m, cuePos: i, cue: strings.ToLower(x.str(i, i+2)), phrase0: i + 2, phrase1: b - 1}, true
	}
	return attribution{}, false
}

// cueBefore finds the verb of speaking, up to farLeadingReach tokens
// before the comma or colon ending [a, b), and its speaker; s is the
// sentence holding [a, b).
func (x *extractor) cueBefore(qi, a, b int, s sentence) (attribution, bool) {
	v := -1
	for k := b - 2; k >= a && k >= b-farLeadingReach; k-- {
		t := x.toks[k]
		if t.q >= 0 || t.Text == ";" || isTerminal(t.Text) || complementizers[t.lower] {
			return attribution{}, false
		}
		// Only a verb: "post" and "statement" name the medium.
		if x.isFiniteCue(k) || x.isCue(k) && x.isParticiple(k) || x.phrasalCue(k) {
			v = k
			break
		}
	}
	if v < 0 || subjectPronouns[x.lowerAt(v+1)] {
		// `said she has what the job takes: "…"`: a reported clause.
		return attribution{}, false
	}
	if x.inSideClause(v, s.t0) && x.hasComma(v+1, b-1) {
		// `After Ray attacked him, Lee fired back, "…"`: the cue of a
		// subordinate clause is not the main clause's.
		return attribution{}, false
	}
	at, ok := x.mixedSpeaker(qi, v, s)
	if !ok {
		s0, s1 := x.coordVerbSubject(v, s.t0)
		if s0 < 0 {
			s0, s1 = x.coordSubject(v, s.t0)
		}
		if s0 < 0 {
			return attribution{}, false
		}
		at = attribution{s0: s0, s1: s1, cuePos: v}
	}
	at.cue = x.str(x.cueStart(v, s.t0), x.cueWordsEnd(v, b))
	return at, true
}

// coordVerbSubject finds the subject of a cue coordinated with a verb
// right before it: `Ito paused and said`, `she smiled but added`.
func (x *extractor) coordVerbSubject(v, lo int) (int, int) {
	j := v - 1
	for j >= lo && x.is(j, lexAux) {
		j--
	}
	if j-1 <= lo || x.lowerAt(j) != "and" && x.lowerAt(j) != "but" {
		return -1, -1
	}
	w := x.toks[j-1]
	if !w.word || w.cap || !strings.HasSuffix(w.lower, "ed") && !x.isFiniteCue(j-1) {
		return -1, -1
	}
	return x.subjectBefore(j-1, lo)
}

// hasComma tells whether tokens [a, b) hold a comma outside quotations.
func (x *extractor) hasComma(a, b int) bool {
	for k := a; k < b; k++ {
		if x.toks[k].Text == "," && x.toks[k].q < 0 {
			return true
		}
	}
	return false
}

// farLeadingReach is how many tokens farLeading looks back for the cue.
const farLeadingReach = 24

// complementizers open a reported clause: a quotation after them is a
// fragment of that clause, not the speaker's own sentence.
var complementizers = map[string]bool{"that": true, "whether": true, "if": true, "because": true}

// introducedSentence tells whether quotation qi is a whole sentence that
// an attribution of its own introduces: `…, adding, "We will win."`.
func (x *extractor) introducedSentence(qi int) bool {
	if !x.quotedSentence(qi) {
		return false
	}
	ba, bb := x.before(qi)
	var at attribution
	return bb > ba && x.leadingOK(qi, ba, bb, &at)
}

// quotedSentence tells whether quotation qi holds a whole sentence: it
// opens with a capital, has three words (two for a question or an
// exclamation) and reads as no title ("Make America Great Again").
func (x *extractor) quotedSentence(qi int) bool {
	q := x.quots[qi]
	if q.close < 0 || q.t1 <= q.t0 {
		return false
	}
	first := q.t0
	for first < q.t1 && !x.toks[first].word {
		first++
	}
	if first >= q.t1 || !x.toks[first].cap {
		return false
	}
	last := x.toks[q.t1-1].Text
	if n := x.contentWords(qi); n < 2 || n < 3 && last != "?" && last != "!" {
		return false
	}
	return !x.titleLike(qi)
}

var particles = map[string]bool{"up": true, "out": true, "off": true, "down": true, "now": true, "here": true}

func (x *extractor) quotationFollows(i int) bool {
	return i < len(x.toks) && x.toks[i].q >= 0 && x.toks[i].mark
}

// headline reads `'Quote Text': Speaker at Event`.
func (x *extractor) headline(qi, aa, ab int, at *attribution) bool {
	q := x.quots[qi]
	if q.close < 0 || aa >= ab || x.toks[aa].Text != ":" {
		return false
	}
	p := x.doc.ParagraphTokens[q.para]
	if q.open != p.Start {
		return false
	}
	e := x.npForward(aa+1, ab)
	if e < 0 || !x.capWord(aa+1) {
		return false
	}
	// The rest of the line is a short setting: "at EU Session", "on Iran".
	if e < ab && !x.is(e, lexPreposition) && x.toks[e].Text != "." {
		return false
	}
	if ab-aa > 12 {
		return false
	}
	*at = attribution{s0: aa + 1, s1: e, cue: ":", cuePos: aa}
	return true
}

// prevParaColon attributes a quotation opening a paragraph to a speaker
// introduced at the end of the previous one: `Zelenskyy, addressing …,
// said:`.
func (x *extractor) prevParaColon(qi int, at *attribution) bool {
	q := x.quots[qi]
	if q.para == 0 {
		return false
	}
	p := x.doc.ParagraphTokens[q.para]
	if q.open != p.Start {
		return false
	}
	pp := x.doc.ParagraphTokens[q.para-1]
	if pp.End <= pp.Start || x.toks[pp.End-1].Text != ":" {
		return false
	}
	last := x.toks[pp.End-1].sent
	s := x.sents[last]
	a := s.t0
	for k := pp.End - 2; k >= s.t0; k-- {
		if x.toks[k].q >= 0 {
			a = k + 1
			break
		}
	}
	r, ok := x.leading(a, pp.End)
	if !ok && x.quotedSentence(qi) {
		// `Ann Berg echoed:` or `Lee wrote in a letter to the board on
		// Friday:` before a paragraph that is all quotation.
		r, ok = x.cueBefore(qi, a, pp.End, s)
	}
	if !ok {
		return false
	}
	*at = r
	x.claimed[last] = true
	return true
}

// subheading tells whether quotation qi is a title-case line of its own
// in single marks ('All Bets Are Off.'), a section heading, not speech.
func (x *extractor) subheading(qi int) bool {
	q := x.quots[qi]
	p := x.doc.ParagraphTokens[q.para]
	if q.Double || q.open != p.Start || !x.onlyPunct(q.close+1, p.End) {
		return false
	}
	words, caps := 0, 0
	for i := q.t0; i < q.t1; i++ {
		if x.toks[i].word {
			words++
			if x.toks[i].cap {
				caps++
			}
		}
	}
	return words > 0 && words <= 12 && caps*3 >= words*2
}

// quoteOnlySentence tells whether quotation qi is all of its sentence.
func (x *extractor) quoteOnlySentence(qi, aa, ab int) bool {
	return x.onlyPunct(aa, ab)
}

// makeQuote builds a quote from quotation parts.
func (x *extractor) makeQuote(kind Kind, parts []int, at attribution, cue string) Quote {
	var texts []string
	var spans []Span
	for _, pi := range parts {
		q := x.quots[pi]
		s, e := x.trimContent(q.Start, q.End, kind == Mixed)
		if e <= s {
			continue
		}
		texts = append(texts, x.textOf(s, e))
		spans = append(spans, Span{s, e})
	}
	if len(spans) == 0 {
		q := x.quots[parts[0]]
		spans = []Span{{q.Start, q.End}}
		texts = []string{x.textOf(q.Start, q.End)}
	}
	if cue == "" && at.inherit != nil {
		cue = at.inherit.Cue // a follow-on sentence keeps its speaker's cue
	}
	qt := Quote{Text: strings.Join(texts, " "), Kind: kind, Start: spans[0].Start, End: spans[len(spans)-1].End, Cue: cue}
	if len(spans) > 1 {
		qt.Parts = spans
	}
	qt.Clause = Span{qt.Start, qt.End}
	sp, conf := x.resolver().speaker(at, qt.Start)
	qt.Speaker = sp
	qt.Confidence = conf
	if kind == Mixed {
		qt.Confidence *= 0.9
	}
	return qt
}

// trimContent trims spaces and a trailing comma (and, for a fragment, a
// trailing period that ends the sentence) from quoted words.
func (x *extractor) trimContent(s, e int, fragment bool) (int, int) {
	for s < e && isSpaceRune(x.rs[s]) {
		s++
	}
	for e > s {
		r := x.rs[e-1]
		if isSpaceRune(r) || r == ',' || (fragment && (r == '.' || r == ';')) {
			e--
			continue
		}
		break
	}
	return s, e
}

func isSpaceRune(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0'
}

var joinSentences = true
