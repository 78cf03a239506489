package quote

import (
	"strings"

	"github.com/newsquotes/newsquotes/internal/text"
)

// namingCues introduce a name or label rather than speech when the quoted
// words are a single capitalised word ("a horse called "Shorty"").
var namingCues = wordSet(`called calling dubbed named labeled labelled branded nicknamed titled entitled described
	describing calls`)

// namingBase are the base forms of naming verbs: after "to" they cue a
// quoted label ("went on to call him a "fraud"", "refused to describe it
// as "a deal""); elsewhere the word is as often the noun ("his call for").
var namingBase = map[string]bool{"call": true, "describe": true, "label": true, "dub": true}

// objectCues take a person as object before the reported clause ("told
// reporters that", "urged the council to").
var objectCues = map[string]bool{
	"told": true, "tells": true, "tell": true, "telling": true, "urged": true, "urges": true,
	"urging": true, "asked": true, "asks": true, "asking": true, "warned": true, "warns": true,
	"reminded": true, "reminds": true, "informed": true, "assured": true, "assures": true,
	"advised": true, "convinced": true, "promised": true, "pressed": true,
}

// urgeCues report a request: the clause is the object and its infinitive,
// and it ends at the first comma.
var urgeCues = map[string]bool{
	"urged": true, "urges": true, "urging": true, "asked": true, "asks": true, "called": true,
	"calls": true, "pressed": true, "advised": true,
}

const maxClause = 160

// stanceVerbs report a position, belief or finding rather than words
// ("Trump wants …", "a poll shows …", "she criticized …"). PolNeAR-style
// attribution counts them as reported content; they are read only as
// indirect speech, never as the cue of a direct quote.
var stanceVerbs = wordSet(`support supports supported endorsed endorses criticized criticizes criticised accused
	accuses believe believes believed think thinks thought want wants wanted found finds
	show shows showed suggest suggests defended praised rejected denied questioned attacked
	blasted dismissed opposed opposes proposed hope hopes hoped fear fears feared worried
	insisted promised vowed pledged described cited know knows knew see sees saw blamed
	blames demanded demands agreed agree agrees plans plan planned argue argues argued claim
	claims claimed mentioned revealed reveals predicted predicts estimated estimates expects
	concluded recalled declined refused refuses denounced condemned backed backs called
	calls reported reports learned discussed acknowledged admitted questions`)

// learnedStanceVerbs are verbs that head an attribution at least a third
// of the times they occur in PolNeAR's training split (word counts only).
var learnedStanceVerbs = strings.Fields(`slams praises touts touted condemned condemns reiterated
	reiterates railed signaled signalled decried reminded stressed expressed pleaded cites cautioned
	indicated indicates denounced vows hints echoed ordered endorsed endorses asserted revealed
	complained forecast mentions emphasize considers lamented voiced portrayed predicted
	pointed conceded slammed highlighted projected mocked seeks deemed listed championed
	thanked recommended disclosed sought requested applauded threatened alleged alleges
	confirmed confirms remembered emphasized warned asked explained explains admits
	reaffirmed pledged insists insist`)

func init() {
	for _, w := range learnedStanceVerbs {
		stanceVerbs[w] = true
	}
}

// nounUse tells whether a stance word that is also a common noun is used
// as the noun at i: after a determiner, a possessive or a preposition, or,
// for a base form, after anything that cannot be its plural subject
// ("the shift in support", "a talk show host", "his new support"; but
// "voters support", "they show", "who strongly support").
func (x *extractor) nounUse(i int) bool {
	l := x.lowerAt(i)
	if !nounVerbs[l] || i == 0 {
		return false
	}
	p := &x.toks[i-1]
	if !p.word || p.q >= 0 {
		return false
	}
	if nounBefore[p.lower] || x.isPossessive(i-1) || p.lex&lexPreposition != 0 && p.lower != "to" && p.lower != "that" {
		return true
	}
	if strings.HasSuffix(l, "s") {
		// "a poll shows", "Trump calls"; but "taking calls", "took
		// questions": the object of another verb.
		return !p.cap && (strings.HasSuffix(p.lower, "ing") && len(p.lower) > 4 || p.lower == "took" || p.lower == "take" || p.lower == "takes" || p.lower == "answered")
	}
	plural := strings.HasSuffix(p.lower, "s") && !strings.HasSuffix(p.lower, "ous") && !strings.HasSuffix(p.lower, "ss") && !strings.HasSuffix(p.lower, "us")
	return !(p.cap || p.Kind == text.Number || p.lex&(lexPronoun|lexAux) != 0 || plural ||
		strings.HasSuffix(p.lower, "ly") || p.lower == "percent" || p.lower == "who" || p.lower == "that" || p.lower == "to" || p.lower == "not" || p.lower == "n't")
}

var nounVerbs = wordSet(`support show call claim demand fear view question attack praise back report supports
	shows calls claims demands fears views questions attacks reports backs`)

// particleCues report a stance or a topic only with their particle:
// verbs whose share of PolNeAR train attributions with it is high
// ("spoke about" 10 of 11, "railed against" 8 of 9, "pointed to" 16 of
// 23, "talked about" 15 of 25).
var particleCues = map[string]string{
	"talked": "about", "talks": "about", "talking": "about", "talk": "about",
	"spoke": "about", "speaks": "about", "speaking": "about",
	"railed": "against", "rails": "against", "railing": "against",
	"pointed": "to", "pointing": "to", "points": "to",
	"pushing": "for", "pushed": "for", "pushes": "for",
	"critical": "of", "supportive": "of", "wary": "of", "skeptical": "of",
}

var planWords = map[string]bool{"plan": true, "plans": true, "planned": true}

// isReportCue is a cue for indirect speech: a reporting verb, or a stance
// verb, in lower case and outside quotations.
func (x *extractor) isReportCue(i int) bool {
	if x.isFiniteCue(i) {
		return true
	}
	t := &x.toks[i]
	if t.q >= 0 || !t.word || t.cap {
		return false
	}
	if planWords[t.lower] && x.lowerAt(i+1) != "to" {
		return false // "a tax plan would …": the noun; "plans to" is the verb
	}
	if p, ok := particleCues[t.lower]; ok {
		// "talked about the wall", "railed against the deal": these
		// verbs report only with their particle.
		return x.lowerAt(i+1) == p
	}
	if x.nounUse(i) {
		return false // "the strongest support", "Mr. Hannity's show"
	}
	// "Trump charges that …": any reporting verb followed by "that".
	return t.lex&lexStance != 0 || t.lex&lexCue != 0 && !x.isParticiple(i) && x.lowerAt(i+1) == "that"
}

// isProgressive reads "is demanding", "is once again questioning": a
// form of "be", adverbs, and the -ing form of a reporting verb.
func (x *extractor) isProgressive(v, lo int) bool {
	t := &x.toks[v]
	if t.q >= 0 || t.cap || !strings.HasSuffix(t.lower, "ing") || len(t.lower) < 6 {
		return false
	}
	// A cue, or the -ing form of a cue or stance verb: its stem plus
	// nothing, "e" or "s" is one.
	if t.lex&(lexCue|lexProgressive) == 0 {
		return false
	}
	j := v - 1
	for j >= lo && (x.is(j, lexAux) && !isBe(x.lowerAt(j)) || x.lowerAt(j) == "again" || x.lowerAt(j) == "once") {
		j--
	}
	return j >= lo && (isBe(x.lowerAt(j)) || negatedBe[x.lowerAt(j)])
}

// negatedBe are the one-token negations of "be": "the mayor isn't saying".
var negatedBe = map[string]bool{
	"isn't": true, "wasn't": true, "aren't": true, "weren't": true,
	"isn’t": true, "wasn’t": true, "aren’t": true, "weren’t": true,
}

// clauseAfter returns the reported clause after cue verb v in sentence
// tokens up to limit: skipping a time phrase and "that", or an object for
// "told". It returns [c, e) or c < 0.
func (x *extractor) clauseAfter(v, limit int) (int, int) {
	c := x.cueEnd(v, limit)
	lv := x.lowerAt(v)
	if lv == "quoted" {
		return -1, -1
	}
	// "said Wednesday she …", "said last week the …": the time belongs to
	// the saying.
	if k := c; k+2 < limit {
		if l := x.lowerAt(k); l == "on" || l == "last" || l == "this" || l == "early" || l == "late" || l == "earlier" {
			k++
		}
		if x.isTimeWord(k) && x.lowerAt(k) != "year" && x.toks[k+1].word {
			c = k + 1
		}
	}
	if c < limit && x.toks[c].Text == ":" {
		c++
	}
	if (lv == "called" || lv == "calls" || lv == "calling") && x.lowerAt(c) == "for" || x.lowerAt(c) == "on" && (lv == "called" || lv == "calls" || lv == "calling") {
		c++
	}
	// "that" within a few words: "said on Tuesday that", "told reporters
	// that", "said on Tuesday, 1 March, said that"
	urge := urgeCues[lv]
	for k := c; k < limit && k < c+12 && !urge; k++ {
		l := x.lowerAt(k)
		if l == "that" && k+1 < limit && !x.isTerminalAt(k+1) {
			return k + 1, x.clauseEnd(k+1, limit, false)
		}
		if x.isPossessive(k) && k > c && x.capWord(k-1) {
			continue // "said on NRK's "Dagsrevyen" that": an outlet's, not "is"
		}
		if l == ";" || x.isFiniteCue(k) && l != lv || x.isCue(k) && x.isParticiple(k) || x.is(k, lexClauseVerb|lexSubjectPronoun) {
			break // "said it is not surprising that …": the clause opened already
		}
	}
	if objectCues[lv] && !urge {
		if objectPronouns[x.lowerAt(c)] {
			c++ // "told me on Friday that …", "told her to leave"
		} else if e := x.npForward(c, limit); e > 0 {
			c = e
		}
	}
	if c < limit && (x.toks[c].Text == "," || x.toks[c].Text == "." || x.toks[c].Text == "—") {
		return -1, -1
	}
	// A verb's particle belongs to the cue: "complained about his mic".
	if c+1 < limit && (verbParticles[x.lowerAt(c)] && !(x.lowerAt(c) == "about" && x.toks[c+1].Kind == text.Number) || lv == "referring" && x.lowerAt(c) == "to") && !x.isCue(v+1) {
		c++
	}
	// A verb that takes a noun phrase ("endorsed Clinton for president on
	// Thursday, …") reports only its object, up to the first comma.
	if !stanceVerbs[lv] || cueVerbs[lv] {
		return c, x.modelEnd(c, x.clauseEnd(c, limit, urge), v)
	}
	e := x.clauseEnd(c, limit, true)
	// … and before the time or setting of the act: "on Thursday", "in a
	// ruling", "last week".
	for k := c + 1; k+1 < e; k++ {
		l, n := x.lowerAt(k), x.lowerAt(k+1)
		if (l == "on" || l == "in" || l == "last" || l == "this" || l == "during" || l == "at") && (x.isTimeWord(k+1) || months[n] || mediaTails[n+" "+x.lowerAt(k+2)]) || x.isTimeWord(k) && !x.toks[k-1].word {
			return c, k
		}
		if x.isTimeWord(k) && (x.toks[k].cap || l == "yesterday" || l == "today") {
			return c, k
		}
		// "blasted Rubio and defended Cruz": the next verb reports
		// something else.
		if (l == "and" || l == "but") && x.toks[k+1].q < 0 && (x.isFiniteCue(k+1) || x.is(k+1, lexStance) && !x.isParticiple(k+1)) {
			return c, k
		}
		// "declined that assignment and has since left", "championed gay
		// rights and extended benefits": the subject's next act.
		if (l == "and" || l == "but") && k > c && x.toks[k+1].q < 0 && !x.toks[k+1].cap && (x.is(k+1, lexAux) && !x.is(k+1, lexStance) || strings.HasSuffix(n, "ed") && len(n) > 4) {
			return c, k
		}
	}
	return c, x.modelEnd(c, e, v)
}

// modelEnd records the clause for the boundary model's training, or lets
// the model pick its end.
func (x *extractor) modelEnd(c, e, v int) int {
	if x.clauseTrace != nil {
		x.clauseTrace(c, e, v)
	}
	return x.boundaryEnd(c, e, v)
}

func (x *extractor) isTerminalAt(i int) bool { return i < len(x.toks) && isTerminal(x.toks[i].Text) }

var verbParticles = map[string]bool{"about": true, "against": true, "of": true, "for": true}

// clauseEnd finds where a reported clause starting at c ends: at the
// sentence's end, before ", but added", ", adding", "; ", or (for a
// request) at the first comma.
func (x *extractor) clauseEnd(c, limit int, firstComma bool) int {
	// A reported clause is never longer than maxClause tokens; the bound
	// also keeps extraction linear on pathological text.
	if limit > c+maxClause {
		limit = c + maxClause
	}
	dashes := 0 // spaced dashes so far: the second of a pair closes an aside
	for k := c; k < limit; k++ {
		t := &x.toks[k]
		if t.q >= 0 {
			continue
		}
		if t.Text == ";" {
			return k
		}
		asideDash := isDash(t.Text) && x.spacedDash(k)
		if asideDash {
			dashes++
		}
		if k-c >= 3 && asideDash && dashes%2 == 1 && !x.dashPairAfter(k, limit) {
			// "… was a natural part of running — no different from …": a
			// spaced dash opens the writer's aside.
			return k
		}
		if k-c >= 3 && x.toks[k-1].q >= 0 && x.toks[k-1].mark && (isDash(t.Text) || t.lower == "but" && x.toks[k-2].Text == "," && strings.HasSuffix(x.lowerAt(k+1), "ed")) {
			// `as being in the "suburbs of St. Petersburg" — a metaphor
			// for …`, `as a "terrible situation," but stopped short of …`:
			// after the quoted words the writer goes on.
			return k
		}
		if (t.lower == "and" || t.lower == "but") && k-c >= 3 && subjectPronouns[x.lowerAt(k+1)] {
			// `…, but he has also intensified …`, `… "jobs, jobs," but he …`:
			// after a comma the writer goes on with a clause of their own.
			if p := x.toks[k-1]; p.Text == "," && p.q < 0 {
				return k - 1
			} else if p.q >= 0 && p.mark && x.toks[k-2].Text == "," {
				return k
			}
		}
		if (t.lower == "and" || t.lower == "but") && k > c && x.coordinatedCue(k+1, limit) {
			return k // "says Machado promised … and said she would …"
		}
		if (t.lower == "and" || t.lower == "but" || t.lower == "while") && k-c >= 3 && x.lowerAt(k+1) != "that" {
			// ("… and that the footage …" is a second reported clause.)
			// "… were worried, and more than 4 in 10 said …": a second
			// attribution with its own subject.
			e := x.npForward(k+1, min(limit, k+9))
			if e < 0 || !x.isFiniteCue(e) && !(x.is(e, lexStance) && x.toks[e].q < 0) || x.isParticiple(e) {
				e = x.shareForward(k+1, min(limit, k+9))
			}
			if e > 0 {
				if x.toks[k-1].Text == "," {
					return k - 1
				}
				return k
			}
		}
		if t.Text == "," && k+1 < limit {
			n := x.lowerAt(k + 1)
			if firstComma {
				return k
			}
			if (n == "but" || n == "and") && (x.coordinatedCue(k+2, limit) || x.subjectThenCue(k+2, limit)) {
				return k
			}

			if x.isCue(k+1) && x.isParticiple(k+1) {
				return k
			}
			if n == "according" && x.lowerAt(k+2) == "to" {
				return k
			}
			// "…, Mark Lee noted that …": a new attribution begins.
			if k-c >= 3 && (x.toks[k+1].cap || subjectPronouns[n]) {
				if e := x.npForward(k+1, min(limit, k+8)); e > 0 && x.isFiniteCue(e) && !x.isParticiple(e) {
					return k
				}
			}
			// A trailing participle or relative clause is about the
			// content, not part of it: ", contradicting …", ", which …".
			if k-c >= 3 && x.toks[k+1].word && !x.toks[k+1].cap && (x.isParticiple(k+1) || clauseTails[n]) {
				return k
			}
		}
		if k-c >= 4 && t.word && !t.cap && t.lex&lexSubordinator != 0 {
			return k
		}
		if k-c >= 2 && t.lower == "when" && x.lowerAt(k+1) == "asked" && questionOpeners[x.lowerAt(k+2)] && x.lowerAt(k+2) != "to" {
			return k // "… he needed time when asked whether …": a question follows
		}
		if k-c >= 3 && (t.lower == "during" || t.lower == "at" || t.lower == "after") && x.toks[k-1].q >= 0 && x.toks[k-1].mark {
			return k // `called the law a "crazy system" during a stop in Flint`
		}
		if k-c >= 3 && (t.lower == "in" || t.lower == "on") && k+2 < limit && mediaTails[x.lowerAt(k+1)+" "+x.lowerAt(k+2)] {
			return k
		}
	}
	e := limit
	for e > c && !x.toks[e-1].word && !(x.toks[e-1].q >= 0 && x.toks[e-1].mark) && x.toks[e-1].Text != ")" {
		e--
	}
	return e
}

// spacedDash tells whether the dash at k stands between spaces, as an
// aside's dash does (a hyphenated "pro-life" has none).
func (x *extractor) spacedDash(k int) bool {
	t := x.toks[k]
	return k > 0 && k+1 < len(x.toks) && x.toks[k-1].End < t.Start && t.End < x.toks[k+1].Start
}

// dashPairAfter tells whether another spaced dash (or hyphen) follows k
// before limit: the two set off an aside inside the content ("the law —
// if passed — would …").
func (x *extractor) dashPairAfter(k, limit int) bool {
	for j := k + 1; j < limit && j < k+25; j++ {
		if t := x.toks[j].Text; (isDash(t) || t == "-") && x.spacedDash(j) {
			return true
		}
	}
	return false
}

// clauseTails open a comma clause that ends the reported content.
var clauseTails = wordSet(`which who when while after before although though even compared despite as where amid
	since`)

// subordinators end reported content even without a comma.
var subordinators = map[string]bool{
	"while": true, "whereas": true, "amid": true,
}

// mediaTails are the settings of a statement: "in a statement", "on Twitter".
var mediaTails = map[string]bool{
	"a statement": true, "an interview": true, "a tweet": true, "twitter": true, "facebook": true,
	"a speech": true, "a letter": true, "an email": true, "a post": true, "the call": true,
}

// coordinatedCue reports a cue verb that opens a coordinated clause
// ("but added that", "and said").
func (x *extractor) coordinatedCue(k, limit int) bool {
	for k < limit && x.is(k, lexAux) {
		k++
	}
	return x.isFiniteCue(k)
}

// workNouns name a show, book or song before its quoted title.
var workNouns = wordSet(`show series film movie song album book program programme documentary column podcast
	novel memoir play musical episode hit sitcom drama anthem single poem`)

// namesAWork tells whether quotation qi is the title of a work: title-case
// words right after "on"/"in", an outlet's possessive, or a noun such as
// "show" (`on CNN's "State of the Union"`, `the song "Born in the USA"`).
func (x *extractor) namesAWork(qi int) bool {
	q := x.quots[qi]
	if q.open < 1 || !x.titleLike(qi) {
		return false
	}
	p := x.lowerAt(q.open - 1)
	if p == "on" || p == "in" || p == "the" || p == "a" || p == "an" || x.isPossessive(q.open-1) || workNouns[p] {
		return true // `on CNN's "State of the Union"`, `the "War On Drugs"`
	}
	if p == "," && workNouns[x.lowerAt(q.open-2)] {
		return true // `his 2002 book, "Make Your Kid a Millionaire,"`
	}
	// `his "Keepin' It Real" radio program`: the noun follows the title.
	if q.close >= 0 {
		n := q.close + 1
		if l := x.lowerAt(n); l == "radio" || l == "tv" || l == "television" {
			n++
		}
		return workNouns[x.lowerAt(n)]
	}
	return false
}

// mixedQuote reads quotation qi as a quoted fragment inside reported
// speech: `calling the invasion "geopolitical terrorism"`, `He said that
// the Council will analyse the "serious … request"`. It reports whether a
// quote was made.
func (x *extractor) mixedQuote(qi int) bool {
	q := &x.quots[qi]
	if q.close < 0 {
		return false
	}
	s := x.sents[q.sent]
	words := x.contentWords(qi)
	var at attribution
	v := -1
	// The nearest cue before the quotation whose speaker can be found.
	for k := q.open - 1; k >= s.t0 && k >= q.open-maxClause; k-- {
		if !(x.isFiniteCue(k) || x.isCue(k) && x.isParticiple(k) || namingCues[x.lowerAt(k)] && x.isCue(k) || x.isReportCue(k) ||
			namingBase[x.lowerAt(k)] && x.lowerAt(k-1) == "to" || x.refersAs(k, q.open) ||
			x.lowerAt(k) == "quoted" && x.lowerAt(k+1) == "as") {
			continue
		}
		lk := x.lowerAt(k)
		if namingCues[lk] && words < 2 && x.onlyDeterminers(k+1, q.open) {
			return false // `a horse called "Shorty"`
		}
		if a, ok := x.mixedSpeaker(qi, k, s); ok {
			at, v = a, k
			break
		}
		if x.isSayCue(k) && !x.isParticiple(k) && !namingCues[lk] && words >= 2 {
			// "The former first lady and U.S. senator said it was "a
			// mistake"": the cue is clear, the speaker is not. An honest
			// unknown.
			at, v = attribution{s0: -1, cuePos: k}, k
			break
		}
	}
	if v < 0 {
		return x.mixedTrailing(qi)
	}
	// "She said Trump represents the "same rigged system"": the clause of
	// the outer say-verb holds the inner one.
	for n := 0; n < 2 && at.s0 >= 0; n++ {
		j := at.s0 - 1
		if x.lowerAt(j) == "that" {
			j--
		}
		if j < s.t0 || !x.isSayCue(j) || x.isParticiple(j) || !x.isFiniteCue(j) {
			break
		}
		a, ok := x.mixedSpeaker(qi, j, s)
		if !ok {
			break
		}
		at, v = a, j
	}
	at.cue = x.str(x.cueStart(v, s.t0), x.cueEnd(v, s.t1))
	if x.wholeSentenceAfter(qi, v) {
		// `chanting "Hands up, don't shoot."`: a whole quoted sentence
		// right after the verb is a direct quote.
		qt := x.makeQuote(Direct, []int{qi}, at, at.cue)
		q.done = true
		x.out = append(x.out, qt)
		x.claimedTok[v] = true
		x.claimed[q.sent] = true
		x.lastInSentence[q.sent] = x.cloneLast()
		x.sentenceSpeaker[q.sent] = x.cloneLast()
		return true
	}
	x.minContentEnd = q.close + 1 // the clause holds the whole fragment
	c, e := x.clauseAfter(v, s.t1)
	x.minContentEnd = 0
	if c < 0 || c > q.open {
		c = x.cueEnd(v, s.t1)
	}
	for c < q.open && (x.toks[c].Text == "," || x.toks[c].Text == ":") {
		c++ // `said, "the …"`: the clause opens after the comma
	}
	if x.refersAs(v, q.open) && c <= v+1 {
		c = v + 2 // `referred to him as "…"`: "to" is the cue's
	}
	if e < q.close+1 {
		e = q.close + 1
	}
	// `called the deal "a steal" and ranked her among …`, `called it "a
	// waste," adding that …`: a verb coordinated right after the fragment
	// reports something else of the speaker, in a clause of its own.
	cv, last := -1, qi
	for nj := qi; nj < len(x.quots) && nj < qi+maxClause; nj++ {
		n := &x.quots[nj]
		if nj > qi && (n.sent != q.sent || n.close < 0 || n.close >= e || n.done || x.introducedSentence(nj)) {
			break
		}
		if cv = x.verbAfterFragment(n.close+1, s.t1); cv >= 0 {
			e, last = n.close+1, nj
			break
		}
	}
	qt := x.makeQuote(Mixed, []int{qi}, at, at.cue)
	cl := x.span(c, e)
	qt.Clause = Span{cl.Start, cl.End}
	q.done = true
	x.out = append(x.out, qt)
	for k := c; k < e; k++ {
		x.claimedTok[k] = true
	}
	if at.s0 >= 0 && !x.isParticiple(v) {
		for k := at.s0; k < at.s1; k++ {
			x.claimedTok[k] = true
		}
	}
	x.claimedTok[v] = true
	x.lastInSentence[q.sent] = x.cloneLast()
	// Later fragments of the same clause share the clause.
	for nj := qi + 1; nj < len(x.quots) && x.quots[nj].sent == q.sent; nj++ {
		n := &x.quots[nj]
		if n.close < 0 || n.close >= e || n.done || x.introducedSentence(nj) {
			break
		}
		if x.namesAWork(nj) {
			continue
		}
		o := x.makeQuote(Mixed, []int{nj}, at, at.cue)
		o.Clause = qt.Clause
		n.done = true
		x.out = append(x.out, o)
	}
	if cv >= 0 {
		x.coordinatedFragments(last, cv, s.t1, at)
	}
	return true
}

// verbAfterFragment returns the verb coordinated right after a quoted
// fragment closing before k ("… "a steal" and ranked", "… "a waste,"
// adding"), within [k, e), or -1.
func (x *extractor) verbAfterFragment(k, e int) int {
	i := k
	if i < e && x.toks[i].Text == "," {
		i++
	}
	if i < e && x.lowerAt(i) == "and" {
		i++
		if i < e && x.toks[i].q < 0 && x.toks[i].word && !x.toks[i].cap && !x.is(i, lexAux) &&
			(x.isFiniteCue(i) || strings.HasSuffix(x.lowerAt(i), "ed")) {
			return i
		}
		return -1
	}
	if i < e && x.toks[i].q < 0 && x.isCue(i) && x.isParticiple(i) {
		return i
	}
	return -1
}

// coordinatedFragments makes the quoted fragments in the clause of the
// coordinated verb at cv (up to limit) mixed quotes of the speaker at,
// cued by that verb.
func (x *extractor) coordinatedFragments(qi, cv, limit int, at attribution) {
	q := x.quots[qi]
	c, e := x.clauseAfter(cv, limit)
	if c < 0 || c > limit {
		c, e = cv+1, x.clauseEnd(cv+1, limit, false)
	}
	for c < e && (x.toks[c].Text == "," || x.toks[c].Text == ":") {
		c++
	}
	at.cuePos = cv
	at.cue = x.str(cv, cv+1)
	var frags []int
	for nj := qi + 1; nj < len(x.quots) && x.quots[nj].sent == q.sent; nj++ {
		n := &x.quots[nj]
		if n.close < 0 || n.open >= e || n.done || n.open < c || x.introducedSentence(nj) {
			break // `adding, "It is over."`: a quoted sentence is direct
		}
		if !x.namesAWork(nj) {
			frags = append(frags, nj)
		}
		e = max(e, n.close+1)
	}
	cl := x.span(c, e)
	for _, nj := range frags {
		o := x.makeQuote(Mixed, []int{nj}, at, at.cue)
		o.Clause = Span{cl.Start, cl.End}
		x.quots[nj].done = true
		x.out = append(x.out, o)
	}
	if len(frags) > 0 {
		for k := c; k < e; k++ {
			x.claimedTok[k] = true
		}
		x.claimedTok[cv] = true
	}
}

// mixedSpeaker finds who speaks through the cue at v for a fragment in
// sentence s: the subject of a finite cue, or for a participle ("…,
// calling it "…"") the speaker of the sentence.
func (x *extractor) mixedSpeaker(qi, v int, s sentence) (attribution, bool) {
	q := x.quots[qi]
	if x.isParticiple(v) || namingCues[x.lowerAt(v)] && x.sentenceSpeaker[q.sent] != nil {
		if sp := x.sentenceSpeaker[q.sent]; sp != nil {
			return attribution{s0: -1, inherit: sp, cuePos: v}, true
		}
		// "footage of Trump saying “…”": a name right before the
		// participle is who says it.
		if x.isParticiple(v) && v-1 > s.t0 && x.capWord(v-1) {
			if s0 := x.npBackward(v-1, s.t0); s0 >= 0 && !x.isPronoun(s0) {
				return attribution{s0: s0, s1: v, cuePos: v}, true
			}
		}
		if s0, s1 := x.clauseSubject(s.t0, v); s0 >= 0 {
			return attribution{s0: s0, s1: s1, cuePos: v}, true
		}
		// "Then he turned on Ames, calling her …": the writer's linking
		// word opens the sentence before the subject.
		if a := x.afterLinkingWord(s.t0, v); a > s.t0 {
			if s0, s1 := x.clauseSubject(a, v); s0 >= 0 {
				return attribution{s0: s0, s1: s1, cuePos: v}, true
			}
		}
		return attribution{}, false
	}
	s0, s1 := x.subjectBefore(x.cueStart(v, s.t0), s.t0)
	if s0 < 0 {
		// "He went on to call her a "fraud"": the subject of the verb
		// before "to" speaks (a verb of saying or naming only: "to
		// accept", "to show" report nothing of theirs).
		lv := x.lowerAt(v)
		if w := x.verbBeforeTo(v, s.t0); w >= 0 && (x.isSayCue(v) || namingCues[lv] || namingBase[lv]) {
			if a0, a1 := x.subjectHead(w, s.t0); a0 >= 0 {
				return attribution{s0: x.coordinatedBefore(a0, s.t0), s1: a1, cuePos: v}, true
			}
		}
		if b := x.coordBefore(v, s.t0); b != nil {
			return attribution{s0: -1, inherit: b, cuePos: v}, true
		}
		// "Clinton stressed … and said she has …: "…"": the subject of
		// the verb the cue is coordinated with.
		if a0, a1 := x.coordSubject(v, s.t0); a0 >= 0 {
			return attribution{s0: a0, s1: a1, cuePos: v}, true
		}
		return attribution{}, false
	}
	return attribution{s0: s0, s1: s1, cuePos: v}, true
}

// refersAs tells whether the word at k opens "refer(s/red) to … as" with
// the "as" before the quotation at open: `she referred to him as "a
// fraud"` names him as the quoted label does.
func (x *extractor) refersAs(k, open int) bool {
	switch x.lowerAt(k) {
	case "refer", "refers", "referred", "referring":
	default:
		return false
	}
	if x.lowerAt(k+1) != "to" {
		return false
	}
	for i := k + 2; i < open && i < k+12; i++ {
		if x.lowerAt(i) == "as" {
			return true
		}
	}
	return false
}

// afterLinkingWord returns the token after a one-word linking adverb and
// its optional comma at a ("Then", "But", "Still,"), or a.
func (x *extractor) afterLinkingWord(a, b int) int {
	if a+1 >= b || !sentenceAdverbs[x.lowerAt(a)] {
		return a
	}
	if x.toks[a+1].Text == "," {
		return a + 2
	}
	return a + 1
}

// onlyDeterminers tells whether [a, b) holds nothing but articles.
func (x *extractor) onlyDeterminers(a, b int) bool {
	for i := a; i < b; i++ {
		if l := x.lowerAt(i); l != "the" && l != "a" && l != "an" && l != "as" {
			return false
		}
	}
	return true
}

// mixedTrailing reads `A cashier who "steals" is held accountable, Warren
// said.`: the attribution closes the sentence after the fragment.
func (x *extractor) mixedTrailing(qi int) bool {
	q := &x.quots[qi]
	s := x.sents[q.sent]
	comma := -1
	for k := s.t1 - 1; k > q.close && k >= s.t1-20; k-- {
		if x.toks[k].Text == "," && x.toks[k].q < 0 {
			comma = k
			break
		}
	}
	if comma < 0 {
		return false
	}
	at, ok := x.trailing(comma, s.t1)
	if !ok || isDash(at.cue) {
		return false
	}
	end := max(at.s1, x.cueEnd(at.cuePos, s.t1))
	if !x.onlyPunct(end, s.t1) || x.anyClaimed(s.t0, comma) {
		return false
	}
	qt := x.makeQuote(Mixed, []int{qi}, at, at.cue)
	cl := x.span(s.t0, comma)
	qt.Clause = Span{cl.Start, cl.End}
	q.done = true
	x.out = append(x.out, qt)
	for k := s.t0; k < s.t1; k++ {
		x.claimedTok[k] = true
	}
	return true
}

// coordBefore returns the speaker of an earlier clause in the sentence
// when the cue at v is coordinated with it ("… but added that").
func (x *extractor) coordBefore(v, lo int) *Quote {
	j := v - 1
	for j >= lo && x.is(j, lexAux) {
		j--
	}
	if j < lo || (x.lowerAt(j) != "and" && x.lowerAt(j) != "but") {
		return nil
	}
	return x.lastInSentence[x.toks[v].sent]
}

// coordSubject returns the subject of the sentence when the cue at v
// opens a coordinated predicate: "Trump welcomed Khan's election and said
// …", "Clinton has disputed both critiques, but says …".
func (x *extractor) coordSubject(v, lo int) (int, int) {
	j := v - 1
	for j >= lo && auxAdverbs[x.lowerAt(j)] {
		j--
	}
	if j <= lo || (x.lowerAt(j) != "and" && x.lowerAt(j) != "but") {
		return -1, -1
	}
	a0, a1 := x.clauseSubject(lo, j)
	if a0 < 0 || a1 >= j || x.anyClaimed(a0, a1) {
		return -1, -1
	}
	return a0, a1
}

// indirect finds reported speech without quote marks: `X said (that) …`,
// `X urged …`, `according to X, …`, `…, X said.`
func (x *extractor) indirect() {
	for si, s := range x.sents {
		if x.claimed[si] {
			// A direct quote's sentence can still go on with reported
			// speech: `"…," he told the group, adding that …`.
			for v := s.t0; v < s.t1; v++ {
				// `"…," said Mr. Kamin, who emphasized that …`: a relative
				// clause on the speaker reports more of what they said.
				relative := v-2 > s.t0 && x.lowerAt(v-1) == "who" && x.toks[v-2].Text == "," && x.isReportCue(v) && !x.claimedTok[v]
				if !relative && (x.claimedTok[v] || !x.isCue(v) && !x.stanceParticiple(v) || !x.isParticiple(v) || v == s.t0 || x.toks[v-1].Text != ",") {
					continue
				}
				b := x.lastInSentence[si]
				if b == nil {
					continue
				}
				c, e := x.clauseAfter(v, s.t1)
				if c < 0 || x.wordsIn(c, e) < 3 || x.anyClaimed(c, e) || x.hasOpenQuotation(c, e) || x.hasQuotation(c, e) {
					continue
				}
				at := attribution{s0: -1, inherit: b, cuePos: v, cue: x.str(v, v+1)}
				if relative {
					at = attribution{s0: v - 1, s1: v, cuePos: v, cue: x.str(v, v+1)} // "who", resolved to the name before it
				}
				x.emitIndirect(c, e, at)
				v = e - 1
			}
			// …and can open with it before the quotation: `Pence said
			// it takes time but added, "…"`.
			if hi := x.firstQuotationIn(s); hi > s.t0 {
				x.reportedIn(sentence{s.t0, hi, s.para}, true)
			}
			continue
		}
		x.speakerLine(si)
		x.headlineSays(si)
		if x.claimed[si] {
			continue
		}
		x.accordingTo(si)
		x.askedAbout(si)
		x.reportedIn(s, false)
	}
}

// firstQuotationIn returns the first token of s inside a quotation, or
// s.t0 when there is none.
func (x *extractor) firstQuotationIn(s sentence) int {
	for k := s.t0; k < s.t1; k++ {
		if x.toks[k].q >= 0 {
			return k
		}
	}
	return s.t0
}

// reportedIn reads the reported speech of the cue verbs in sentence s.
// sharedSpeaker lets a speaker already attributed a quote in the sentence
// speak again.
func (x *extractor) reportedIn(s sentence, sharedSpeaker bool) {
	for v := s.t0; v < s.t1; v++ {
		progressive := x.isProgressive(v, s.t0)
		shareSays := x.isParticiple(v) && x.isCue(v) && x.shareBefore(v, s.t0) >= 0
		if x.claimedTok[v] || !x.isReportCue(v) && !progressive && !x.participleCue(v, s.t0) && !shareSays && !(x.lowerAt(v) == "quoted" && x.lowerAt(v+1) == "as") {
			continue
		}
		var at attribution
		if v > s.t0 && x.toks[v-1].Text == "," && !x.isParticiple(v) {
			// "…, said Brian Baker." closes the sentence.
			if c, _ := x.finalAttribution(v, s); c >= 0 {
				continue // "…, said X, who emphasized that …": a relative clause may report more
			}
		}
		if progressive {
			// "Republicans are slamming …": a progressive is finite.
		} else if x.isParticiple(v) {
			// "…, noting that …", "…, citing …": the speaker is the
			// clause's subject.
			if !x.participleCue(v, s.t0) && !shareSays {
				continue
			}
			if a0 := x.shareBefore(v, s.t0); a0 >= 0 {
				// "with 50 percent saying …": the share says it.
				at = attribution{s0: a0, s1: v, cuePos: v}
			} else if b := x.lastInSentence[x.toks[v].sent]; b != nil {
				at = attribution{s0: -1, inherit: b, cuePos: v}
			} else if a0, a1 := x.clauseSubject(s.t0, v); a0 >= 0 && !x.anyClaimed(a0, a1) {
				at = attribution{s0: a0, s1: a1, cuePos: v}
			} else {
				continue
			}
			at.cue = x.str(v, v+1)
			c, e := x.clauseAfter(v, s.t1)
			if c < 0 || x.wordsIn(c, e) < 2 || x.anyClaimed(c, e) || x.hasOpenQuotation(c, e) {
				continue
			}
			x.emitIndirect(c, e, at)
			v = e - 1
			continue
		}
		if sharedSpeaker && !x.isSayCue(v) {
			continue // "X criticized the plan, saying "…"": the quote says it
		}
		s0, s1 := x.subjectBefore(x.cueStart(v, s.t0), s.t0)
		if s0 >= 0 && x.anyClaimed(s0, s1) && !sharedSpeaker {
			continue
		}
		if s0 >= 0 && s1-s0 > 1 && nounBefore[x.lowerAt(s1-1)] {
			continue // "the shift in support", "their support": a noun, not a verb
		}
		if s0 < 0 {
			if b := x.coordBefore(v, s.t0); b != nil {
				at = attribution{s0: -1, inherit: b, cuePos: v}
			} else if a0, a1 := x.coordSubject(v, s.t0); a0 >= 0 {
				at = attribution{s0: a0, s1: a1, cuePos: v}
			} else if c, e := x.finalAttribution(v, s); c >= 0 {
				_ = e
				continue
			} else {
				continue
			}
		} else {
			if x.parenthetical(v, s) {
				break
			}
			at = attribution{s0: s0, s1: s1, cuePos: v}
		}
		at.cue = x.str(x.cueStart(v, s.t0), x.cueEnd(v, s.t1))
		c, e := x.clauseAfter(v, s.t1)
		minWords := 3
		if x.is(v, lexStance) {
			minWords = 2
			if c >= 0 && e > c && x.capWord(c) && x.npForward(c, e) == e {
				minWords = 1 // "He endorsed Clinton", "voters support Sanders"
			}
		}
		if c < 0 && at.s0 > s.t0 && x.lowerAt(at.s0-1) == "as" && (at.s0-1 == s.t0 || !x.toks[at.s0-2].word || conjunctions[x.lowerAt(at.s0-2)]) {
			// "As Comey noted, people involved could …": the main clause
			// is what was noted.
			if k := x.cueEnd(v, s.t1); k+1 < s.t1 && x.toks[k].Text == "," {
				c2, e2 := k+1, x.clauseEnd(k+1, s.t1, false)
				if x.wordsIn(c2, e2) >= 3 && !x.anyClaimed(c2, e2) && !x.hasOpenQuotation(c2, e2) {
					x.emitIndirect(c2, e2, at)
					v = e2 - 1
					continue
				}
			}
		}
		// `In one tweet, Trump said: "…"`, `Clinton said on the other
		// hand, "…"`: what stands between the cue and the quotation, or
		// before the subject, is the setting of the quote, not more of it.
		introducesQuote := sharedSpeaker && s.t1 > s.t0 && (x.toks[s.t1-1].Text == "," || x.toks[s.t1-1].Text == ":")
		if introducesQuote && (c < 0 && x.opensWithSetting(s.t0, v) || c >= 0 && (e == s.t1 || e == s.t1-1) && (x.wordsIn(c, e) < 5 || x.opensWithSetting(c, e))) {
			continue
		}
		if c < 0 || x.wordsIn(c, e) < minWords || x.anyClaimed(c, e) {
			// "…, he said." with the content before the attribution
			if c2, e2 := x.contentBefore(at.s0, v, s); c2 >= 0 && at.s0 >= 0 {
				x.emitIndirect(c2, e2, at)
				v = s.t1
			}
			continue
		}
		if x.hasOpenQuotation(c, e) {
			continue
		}
		if x.inSideClause(v, s.t0) {
			// "O'Donnell, who said in an interview that …, recalled",
			// "While Ramos said that …, he …": a relative or subordinate
			// clause set off by a comma ends at the next one.
			for k := c + 1; k < e; k++ {
				if x.toks[k].Text == "," && x.toks[k].q < 0 {
					e = k
					break
				}
			}
		}
		x.emitIndirect(c, e, at)
		v = e - 1
	}
}

// opensWithSetting tells whether the words from a open with a setting
// rather than a clause: a preposition, a subordinator or a participle
// ("In one tweet Friday", "As a phone rang", "Asked about …").
func (x *extractor) opensWithSetting(a, b int) bool {
	for a < b && (!x.toks[a].word || connectives[x.lowerAt(a)]) {
		a++
	}
	if a >= b {
		return true
	}
	l := x.lowerAt(a)
	return x.is(a, lexPreposition) || sideOpeners[l] || settingOpeners[l] || strings.HasSuffix(l, "ing") && !x.toks[a].cap || l == "asked"
}

var settingOpeners = map[string]bool{"as": true, "when": true, "once": true, "after": true, "before": true, "so": true}

// sideOpeners open a subordinate clause: a cue inside one reports up to
// the comma where the main clause resumes.
var sideOpeners = map[string]bool{
	"while": true, "although": true, "though": true, "whereas": true, "because": true,
	"since": true, "if": true, "unless": true, "once": true, "who": true, "which": true,
	"when": true, "after": true, "before": true,
}

// inSideClause reports whether cue v sits in a relative or subordinate
// clause: the words from the sentence start or the last comma before it
// open with "who", "while", "though"….
func (x *extractor) inSideClause(v, lo int) bool {
	k := x.cueStart(v, lo) - 1
	for k >= lo && !(x.toks[k].Text == "," && x.toks[k].q < 0) {
		k--
	}
	o := k + 1
	if x.lowerAt(o) == "even" {
		o++
	}
	if o >= v || !sideOpeners[x.lowerAt(o)] {
		return false
	}
	// A relative pronoun needs the comma: "the man who said" restricts.
	return k >= lo || x.lowerAt(o) != "who" && x.lowerAt(o) != "which"
}

// shareBefore finds a poll's share of respondents right before the
// participle v ("with 50 percent saying", "left 62 percent of voters
// saying", "with about three in 10 saying"): it returns its first token
// or -1.
func (x *extractor) shareBefore(v, lo int) int {
	e := v - 1
	// "… of voters", "… of Democratic voters": the group after the share.
	for k := e; k >= lo && k >= v-4; k-- {
		if x.lowerAt(k) == "of" {
			e = k - 1
			break
		}
		if !x.toks[k].word || x.toks[k].q >= 0 {
			break
		}
	}
	if e < lo {
		return -1
	}
	j := -1
	switch l := x.lowerAt(e); {
	case l == "percent" || l == "%":
		if e-1 >= lo && x.toks[e-1].Kind == text.Number {
			j = e - 1
		}
	case x.toks[e].Kind == text.Number || numberWord(l):
		if e-2 >= lo && x.lowerAt(e-1) == "in" && (x.toks[e-2].Kind == text.Number || numberWord(x.lowerAt(e-2))) {
			j = e - 2
		}
	}
	if j < 0 {
		return -1
	}
	for j-1 >= lo && shareModifiers[x.lowerAt(j-1)] && x.lowerAt(j-1) != "the" && x.lowerAt(j-1) != "a" {
		j--
	}
	if p := x.lowerAt(j - 1); j-1 >= lo && (p == "with" || p == "left" || p == "leaving" || p == ",") {
		return j
	}
	return -1
}

// finalAttribution handles `…, said X.` at a sentence's end.
func (x *extractor) finalAttribution(v int, s sentence) (int, int) {
	if v-1 < s.t0 || x.toks[v-1].Text != "," || v-s.t0 > maxClause {
		return -1, -1
	}
	if lv := x.lowerAt(v); stanceVerbs[lv] && !cueVerbs[lv] {
		return -1, -1 // "Jensen, a former mayor, endorsed Berg": no inversion
	}
	e := x.npForward(v+1, s.t1)
	if e < 0 {
		return -1, -1
	}
	// "…, said Brian Baker, an adviser to the family who runs the PAC."
	pe := x.phraseEnd(attribution{s0: v + 1, s1: e, cuePos: v})
	if !x.onlyPunct(e, s.t1) && !x.onlyPunct(pe, s.t1) {
		// "Part of the problem, say experts like Ann Berg, is the
		// ground itself": the sentence goes on after the attribution.
		if x.isSayCue(v) && !namingCues[x.lowerAt(v)] && pe < s.t1 && x.toks[pe].Text == "," && x.wordsIn(s.t0, v-1) >= 2 && x.wordsIn(pe+1, s.t1) >= 2 &&
			!x.anyClaimed(s.t0, s.t1) && !x.hasOpenQuotation(s.t0, s.t1) && x.findCue(pe+1, s.t1, true) < 0 {
			end := s.t1
			for end > pe+1 && !x.toks[end-1].word {
				end--
			}
			n := len(x.out)
			x.emitIndirect(s.t0, end, attribution{s0: v + 1, s1: e, cuePos: v, cue: x.str(v, v+1), phrase0: v + 1, phrase1: pe})
			if len(x.out) > n {
				before, after := x.span(s.t0, v-1), x.span(pe+1, end)
				q := &x.out[n]
				q.Parts = []Span{{before.Start, before.End}, {after.Start, after.End}}
				q.Text = x.textOf(before.Start, before.End) + " " + x.textOf(after.Start, after.End)
				return s.t0, end
			}
		}
		return -1, -1
	}
	if x.wordsIn(s.t0, v-1) < 3 || x.anyClaimed(s.t0, v-1) || x.hasOpenQuotation(s.t0, v-1) {
		return -1, -1
	}
	at := attribution{s0: v + 1, s1: e, cuePos: v, cue: x.str(v, v+1)}
	c, ce := s.t0, x.clauseEnd(s.t0, v-1, false)
	x.emitIndirect(c, ce, at)
	return c, ce
}

// contentBefore handles `…, X said.`: the reported clause opens the
// sentence and the attribution closes it.
func (x *extractor) contentBefore(s0, v int, s sentence) (int, int) {
	if s0 < 0 || s0-1 < s.t0 || x.toks[s0-1].Text != "," {
		return -1, -1
	}
	if e := x.cueEnd(v, s.t1); !x.onlyPunct(e, s.t1) {
		// allow "he said in a statement.", "he told reporters.", "they
		// said Friday, as they …"
		if !x.is(e, lexPreposition) && !objectCues[x.lowerAt(v)] && !x.isTimeWord(e) && x.toks[e].Text != "," && x.wordsIn(e, s.t1) > 3 {
			return -1, -1
		}
	}
	c, e := s.t0, s0-1
	if e-c > maxClause || x.wordsIn(c, e) < 3 || x.anyClaimed(c, e) || x.hasOpenQuotation(c, e) {
		return -1, -1
	}
	return c, e
}

// notSpeakers are labels that open a line with a colon but say nothing.
var notSpeakers = wordSet(`note update updated photo photos editor source sources related read watch video
	correction disclosure getty image credit warning breaking exclusive opinion analysis q a
	by tags topics share follow`)

// speakerLine reads a line opened by a name and a colon, as in a
// transcript ("WALLACE: …") or a headline ("Pence: Flowers Won't Be at
// Debate"): the rest of the line is what that speaker said.
func (x *extractor) speakerLine(si int) {
	s := x.sents[si]
	p := x.doc.ParagraphTokens[s.para]
	if s.t0 != p.Start {
		return
	}
	t0 := s.t0
	inQuote := false // a transcript quoted line by line: "WALLACE: … ¶ "PENCE: …
	if t0 < s.t1 && x.toks[t0].Kind == text.QuoteMark {
		if q := x.toks[t0].q; q >= 0 {
			if x.quots[q].open != t0 || x.quots[q].done {
				return
			}
			inQuote = true
		}
		t0++ // a transcript line opened by a stray mark: "WALLACE: …
	}
	e := -1
	if inQuote {
		// The label is inside the quotation, where capWord and npForward
		// do not look: read the capitalised words up to the colon.
		k := t0
		for k < s.t1 && k < t0+4 && x.toks[k].word && x.toks[k].cap {
			k++
		}
		if k > t0 {
			e = k
		}
	} else {
		e = x.npForward(t0, min(s.t1, t0+6))
	}
	if e < 0 || e >= p.End || !inQuote && !x.capWord(t0) {
		return
	}
	label := e // "Clinton to Voters:", "Ex-Aide at Rally:": the speaker, then a setting
	if l := x.lowerAt(e); (l == "to" || l == "at" || l == "on") && e+1 < p.End {
		if k := x.npForward(e+1, min(s.t1, e+7)); k > 0 && k < p.End {
			label = k
		}
	}
	if x.toks[label].Text != ":" {
		return
	}
	s.t0 = t0
	for k := s.t0; k < e; k++ {
		if notSpeakers[x.lowerAt(k)] || !inQuote && !x.capWord(k) && !x.isPossessive(k) && x.toks[k].Text != "." {
			return
		}
	}
	if inQuote && !x.allCaps(s.t0, e) {
		return // "WALLACE:", "MR. TRUMP:" — a transcript's label is in capitals
	}
	c := label + 1
	end := p.End
	for end > c && !x.toks[end-1].word && !(x.toks[end-1].q >= 0 && x.toks[end-1].mark && !inQuote) {
		end--
	}
	if x.wordsIn(c, end) < 3 || x.anyClaimed(c, end) || !inQuote && x.hasOpenQuotation(c, end) {
		return
	}
	x.emitIndirect(c, end, attribution{s0: s.t0, s1: e, cuePos: label, cue: ":"})
	for k := si; k < len(x.sents) && x.sents[k].para == s.para; k++ {
		x.claimed[k] = true
	}
}

// headlineSays reads a title-case headline line "Obama Says Museum Will
// Tell of 'Suffering and Delight'": the name before a capitalised cue is
// the speaker, the rest of the line what was said. A line opened by a
// quotation (a related-link headline) is left alone.
func (x *extractor) headlineSays(si int) {
	s := x.sents[si]
	p := x.doc.ParagraphTokens[s.para]
	if s.t0 != p.Start || !x.capWord(s.t0) || !x.titleCase(p.Start, p.End) {
		return
	}
	// "Mayor Hid Budget Problems, Former Auditor Says.": the attribution
	// closes the headline.
	v := p.End - 1
	for v > s.t0 && !x.toks[v].word {
		v--
	}
	if l := x.lowerAt(v); v > s.t0+3 && x.capWord(v) && (finiteCues[l] && sayVerbs[l] || headlineCues[l]) {
		for k := v - 1; k > s.t0+2 && k >= v-8; k-- {
			if x.toks[k].Text != "," {
				if !x.capWord(k) && !x.is(k, lexConnector) {
					break
				}
				continue
			}
			if k+1 < v && x.wordsIn(s.t0, k) >= 3 && !x.anyClaimed(s.t0, v) {
				x.emitIndirect(s.t0, k, attribution{s0: k + 1, s1: v, cuePos: v, cue: x.toks[v].Text})
				x.claimed[si] = true
				return
			}
			break
		}
	}
	for k := s.t0 + 1; k < p.End && k < s.t0+7; k++ {
		if !x.capWord(k) {
			return
		}
		if l := x.lowerAt(k); finiteCues[l] && sayVerbs[l] || headlineCues[l] {
			end := p.End
			for end > k+1 && !x.toks[end-1].word && !(x.toks[end-1].q >= 0 && x.toks[end-1].mark) {
				end--
			}
			if x.wordsIn(k+1, end) < 2 || x.anyClaimed(k+1, end) || x.hasOpenQuotation(k+1, end) {
				return
			}
			x.emitIndirect(k+1, end, attribution{s0: s.t0, s1: k, cuePos: k, cue: x.toks[k].Text})
			x.claimed[si] = true
			return
		}
	}
}

var headlineCues = wordSet(`says shows sees urges warns calls slams rips blasts vows claims denies insists admits
	tells backs endorses seeks`)

// titleCase tells whether most words of [a, b) are capitalised.
func (x *extractor) titleCase(a, b int) bool {
	words, caps := 0, 0
	for i := a; i < b; i++ {
		if x.toks[i].word {
			words++
			if x.toks[i].cap {
				caps++
			}
		}
	}
	return words >= 3 && words <= 25 && caps*4 >= words*3
}

// sourceAfter reads the source named after "according to" at i: a noun
// phrase with its appositive ("Brian Wieser, an analyst at Pivotal"), or
// whatever runs to the next comma or the sentence end ("law enforcement
// officials", "complete but unofficial returns", "reports emerging in the
// news media"). It returns the end (exclusive), or -1.
func (x *extractor) sourceAfter(i, limit int) int {
	if e := x.npForward(i, limit); e > 0 {
		at := attribution{s0: i, s1: e, cuePos: i - 2}
		if pe := x.phraseEnd(at); pe > e && pe < limit && x.toks[pe].Text == "," {
			return pe
		}
		if e >= limit || x.toks[e].Text == "," || isTerminal(x.toks[e].Text) {
			return e
		}
	}
	for k := i; k < limit && k < i+20; k++ {
		t := &x.toks[k]
		if t.q >= 0 {
			return -1
		}
		if t.Text == "," || isTerminal(t.Text) || t.Text == ";" {
			if x.wordsIn(i, k) == 0 {
				return -1
			}
			return k
		}
	}
	if limit-i <= 20 && x.wordsIn(i, limit) > 0 {
		return limit
	}
	return -1
}

// allCaps tells whether the words in [a, b) are written in capitals.
func (x *extractor) allCaps(a, b int) bool {
	for k := a; k < b; k++ {
		if x.toks[k].word && strings.ToUpper(x.toks[k].Text) != x.toks[k].Text {
			return false
		}
	}
	return true
}

// askedAbout reads the question of a participial "asked": `Asked by
// Matt Lauer whether she had practiced her speech, she said …`, `When
// asked about Sullivan, …`. The question is reported speech of the one
// who asked it, often unnamed.
func (x *extractor) askedAbout(si int) {
	s := x.sents[si]
	for i := s.t0; i < s.t1; i++ {
		if x.lowerAt(i) != "asked" || x.claimedTok[i] {
			continue
		}
		// "Asked …," opening the sentence, or "when asked …" anywhere:
		// "Ann Berg said nothing when asked whether …".
		if !(i < s.t0+3 && x.onlyConnectives(s.t0, i)) && !(i > s.t0 && (x.lowerAt(i-1) == "when" || x.lowerAt(i-1) == "if" && i < s.t0+3 || x.lowerAt(i-1) == "after" && i < s.t0+3)) {
			continue
		}
		at := attribution{s0: -1, cuePos: i, cue: x.str(i, i+1)}
		j := i + 1
		if x.lowerAt(j) == "by" {
			e := x.npForward(j+1, s.t1)
			if e < 0 {
				return
			}
			at.s0, at.s1 = j+1, e
			j = e
		}
		for j < s.t1 && (x.isTimeWord(j) || x.lowerAt(j) == "on" && x.isTimeWord(j+1) || x.lowerAt(j) == "again" || x.lowerAt(j) == "later") {
			j++
		}
		if !questionOpeners[x.lowerAt(j)] && (x.lowerAt(j) == "at" || x.lowerAt(j) == "during" || x.lowerAt(j) == "in") {
			// "Asked at a briefing Monday about …": the setting first.
			for k := j + 1; k < s.t1 && k < j+8 && x.toks[k].word && x.toks[k].q < 0; k++ {
				if questionOpeners[x.lowerAt(k)] && x.lowerAt(k) != "to" {
					j = k
					break
				}
			}
		}
		if !questionOpeners[x.lowerAt(j)] {
			return
		}
		e := j
		for e < s.t1 && x.toks[e].Text != "," && !isTerminal(x.toks[e].Text) && x.toks[e].q < 0 {
			e++
		}
		// Opening the sentence, the question ends at a comma; after
		// "when asked" late in the sentence, at the sentence's end.
		late := i >= s.t0+3
		if late && x.lowerAt(j) == "to" {
			return // "when asked to do so": a request, not a question
		}
		if e >= s.t1 || !late && x.toks[e].Text != "," || x.wordsIn(j, e) < 2 || x.anyClaimed(j, e) {
			return
		}
		x.emitIndirect(j, e, at)
		return
	}
}

var questionOpeners = map[string]bool{"about": true, "whether": true, "if": true, "why": true, "what": true,
	"which": true, "who": true, "how": true, "where": true, "when": true, "to": true}

// namesASurvey tells whether [a, b) is a poll or a study reporting
// figures: "a Des Moines Register poll last month", "the same survey".
// Such a source reports what "in" introduces just as "according to"
// would.
func (x *extractor) namesASurvey(a, b int) bool {
	if b-a > 12 || !x.is(a, lexDeterminer) && !x.capWord(a) && !strings.HasSuffix(x.lowerAt(b-1), "s") {
		return false
	}
	for k := a; k < b; k++ {
		if surveyNouns[x.lowerAt(k)] {
			return true
		}
	}
	return false
}

var surveyNouns = map[string]bool{"poll": true, "polls": true, "survey": true, "surveys": true,
	"study": true, "census": true}

// onlyConnectives tells whether [a, b) holds nothing but punctuation and
// words that join a sentence to the last ("But", "And", "Now").
func (x *extractor) onlyConnectives(a, b int) bool {
	for k := a; k < b; k++ {
		if x.toks[k].word && !connectives[x.lowerAt(k)] {
			return false
		}
	}
	return true
}

var connectives = map[string]bool{"but": true, "and": true, "yet": true, "so": true, "now": true,
	"still": true, "however": true, "also": true, "meanwhile": true, "indeed": true, "or": true}

func (x *extractor) accordingTo(si int) {
	s := x.sents[si]
	for i := s.t0; i+1 < s.t1; i++ {
		if x.claimedTok[i] {
			continue
		}
		n := 0 // the cue's length in tokens
		switch {
		case x.lowerAt(i) == "according" && x.lowerAt(i+1) == "to":
			n = 2
		case x.lowerAt(i) == "in" && x.toks[i].q < 0:
			n = 1
		default:
			continue
		}
		e := x.sourceAfter(i+n, s.t1)
		if e < 0 || n == 1 && !x.namesASurvey(i+1, e) {
			continue
		}
		m := x.npForward(i+n, e) // the mention: the name without its appositive
		if m < 0 || m < e && x.toks[m].Text != "," {
			m = e
		}
		at := attribution{s0: i + n, s1: m, cuePos: i, cue: strings.ToLower(x.str(i, i+n)), phrase0: i + n, phrase1: e}
		if x.onlyConnectives(s.t0, i) || i-1 > s.t0 && x.toks[i-1].Text == ":" {
			// "According to X, …", "…: According to X, …"
			c := e
			for c < s.t1 && c < e+40 && x.toks[c].Text != "," {
				c++
			}
			c++
			if c >= s.t1 {
				continue
			}
			end := x.clauseEnd(c, s.t1, false)
			if x.wordsIn(c, end) >= 3 && !x.anyClaimed(c, end) {
				x.emitIndirect(c, end, at)
			}
			return
		}
		if i-s.t0 > maxClause {
			return
		}
		if x.toks[i-1].Text == "," {
			c, end := x.lastClauseStart(s.t0, i-1), i-1
			if e < s.t1 && x.toks[e].Text == "," && x.wordsIn(c, i-1) <= 6 && x.wordsIn(e+1, s.t1) >= 3 && !x.anyClaimed(e+1, s.t1) && !x.hasOpenQuotation(e+1, s.t1) {
				// "The cause, according to X, was …": the content goes on
				// after the source.
				end = x.clauseEnd(e+1, s.t1, false)
			}
			if x.wordsIn(c, i-1) >= 3 && !x.anyClaimed(c, end) && !x.hasOpenQuotation(c, end) {
				x.emitIndirect(c, end, at)
			}
			return
		}
		if x.onlyPunct(e, s.t1) {
			// "… 46 percent to 39 percent according to a poll."
			c, end := x.lastClauseStart(s.t0, i), i
			if x.wordsIn(c, end) >= 3 && !x.anyClaimed(c, end) && !x.hasOpenQuotation(c, end) {
				x.emitIndirect(c, end, at)
			}
			return
		}
	}
}

// lastClauseStart finds where the last clause of [lo, end) opens: after
// ", with", ", and", ", but" or a colon, or at ", who"/", which". A trailing
// "according to X" vouches for that clause only: "Turnout fell, and
// [fewer young people voted], according to a poll".
func (x *extractor) lastClauseStart(lo, end int) int {
	for k := end - 4; k > lo; k-- {
		t := &x.toks[k]
		if t.q >= 0 {
			continue
		}
		if t.Text == ":" || t.Text == "(" {
			return k + 1
		}
		if t.Text != "," {
			continue
		}
		switch x.lowerAt(k + 1) {
		case "with":
			return k + 2
		case "who", "which":
			return k + 1
		}
	}
	return lo
}

func (x *extractor) wordsIn(a, b int) int {
	n := 0
	for i := a; i < b; i++ {
		if x.toks[i].word {
			n++
		}
	}
	return n
}

func (x *extractor) anyClaimed(a, b int) bool {
	for i := a; i < b; i++ {
		if x.claimedTok[i] {
			return true
		}
	}
	return false
}

// hasOpenQuotation tells whether [a, b) holds a quotation used as a quote.
func (x *extractor) hasOpenQuotation(a, b int) bool {
	for i := a; i < b; i++ {
		if q := x.toks[i].q; q >= 0 && x.quots[q].done {
			return true
		}
	}
	return false
}

// hasQuotation tells whether [a, b) holds any quotation mark of a pair.
func (x *extractor) hasQuotation(a, b int) bool {
	for i := a; i < b; i++ {
		if x.toks[i].q >= 0 {
			return true
		}
	}
	return false
}

// parenthetical reads `…, Mr. Obama noted, that …` and `…, as one of his
// advisers pointed out, …`: an attribution set off by commas inside the
// reported sentence. The whole sentence is the reported clause.
func (x *extractor) parenthetical(v int, s sentence) bool {
	e := x.cueEnd(v, s.t1)
	if s.t1-s.t0 > 2*maxClause || e >= s.t1 || x.toks[e].Text != "," && !(x.lowerAt(e) == "out" && e+1 < s.t1 && x.toks[e+1].Text == ",") {
		return false
	}
	s0, s1 := x.subjectBefore(x.cueStart(v, s.t0), s.t0)
	if s0 < 0 || s0-1 < s.t0 {
		return false
	}
	open := s0 - 1
	if x.lowerAt(open) == "as" && open-1 >= s.t0 {
		open--
	}
	if x.toks[open].Text != "," || x.wordsIn(s.t0, open) < 1 || x.anyClaimed(s.t0, s.t1) || x.hasOpenQuotation(s.t0, s.t1) {
		return false
	}
	end := s.t1
	for end > s.t0 && !x.toks[end-1].word {
		end--
	}
	n := len(x.out)
	x.emitIndirect(s.t0, end, attribution{s0: s0, s1: s1, cuePos: v, cue: x.str(x.cueStart(v, s.t0), x.cueEnd(v, s.t1))})
	if len(x.out) > n && e+1 < end {
		// The clause spans the sentence; its words leave the attribution
		// out: "Over the years, she said, email has helped" reports
		// "Over the years email has helped".
		before, after := x.span(s.t0, open), x.span(e+1, end)
		q := &x.out[n]
		q.Parts = []Span{{before.Start, before.End}, {after.Start, after.End}}
		q.Text = x.textOf(before.Start, before.End) + " " + x.textOf(after.Start, after.End)
	}
	return true
}

func (x *extractor) emitIndirect(c, e int, at attribution) {
	c = x.skipSentenceAdverb(c, e)
	if e <= c {
		return
	}
	// A passive agent ("proposed by Mr. Kerry") or a bare setting ("said
	// in his interview") is not reported content; a lone article is not
	// a speaker.
	opens := c == x.sents[x.toks[c].sent].t0 // "By closing the line, she said, …"
	if first := x.lowerAt(c); first == "by" && !opens || (first == "in" || first == "into" || first == "at") && x.wordsIn(c, e) < 4 {
		return
	}
	// "said as much", "said on "Meet the Press."": no content at all.
	if first := x.lowerAt(c); first == "as" && x.lowerAt(c+1) == "much" || (first == "on" || first == "in") && x.titleAt(c+1, e) {
		return
	}
	if at.s0 >= 0 && at.s1-at.s0 == 1 && (x.is(at.s0, lexDeterminer) && !standInSubjects[x.lowerAt(at.s0)] || x.isPossessive(at.s0)) {
		return
	}
	sp := x.span(c, e)
	txt := strings.TrimSpace(x.textOf(sp.Start, sp.End))
	qt := Quote{Text: txt, Kind: Indirect, Start: sp.Start, End: sp.End, Cue: at.cue, Clause: Span{sp.Start, sp.End}}
	speaker, conf := x.resolver().speaker(at, sp.Start)
	qt.Speaker = speaker
	qt.Confidence = conf * 0.8
	x.out = append(x.out, qt)
	for k := c; k < e; k++ {
		x.claimedTok[k] = true
	}
	if at.s0 >= 0 {
		for k := at.s0; k < at.s1; k++ {
			x.claimedTok[k] = true
		}
	}
	if at.cuePos >= 0 {
		x.claimedTok[at.cuePos] = true
		x.lastInSentence[x.toks[at.cuePos].sent] = x.cloneLast()
	}
}

// skipSentenceAdverb steps over a writer's linking adverb and its comma at
// the start of content [c, e): "Still, almost two in three …", "As a
// result, …". The link is the writer's, not part of what was reported.
func (x *extractor) skipSentenceAdverb(c, e int) int {
	for n := 1; n <= 3 && c+n < e; n++ {
		if x.toks[c+n].Text != "," {
			continue
		}
		if sentenceAdverbs[strings.ToLower(x.str(c, c+n))] {
			return c + n + 1
		}
		break
	}
	return c
}

var sentenceAdverbs = map[string]bool{
	"still": true, "also": true, "however": true, "meanwhile": true, "instead": true, "indeed": true,
	"moreover": true, "nonetheless": true, "nevertheless": true, "yet": true, "so": true, "then": true,
	"as a result": true, "in fact": true, "of course": true, "in addition": true, "for example": true,
	"in other words": true, "at the same time": true, "but": true, "and": true, "now": true,
}

var objectPronouns = map[string]bool{"me": true, "him": true, "her": true, "them": true, "us": true, "you": true}

// titleAt tells whether the tokens from i to e are only the quoted title
// of a work and punctuation.
func (x *extractor) titleAt(i, e int) bool {
	if i >= e || x.toks[i].q < 0 {
		return false
	}
	q := x.toks[i].q
	if x.quots[q].open != i || !x.namesAWork(q) {
		return false
	}
	for k := i; k < e; k++ {
		if x.toks[k].q != q && x.toks[k].word {
			return false
		}
	}
	return true
}

func isBe(w string) bool {
	return w == "is" || w == "are" || w == "was" || w == "were" || w == "'s" || w == "’s"
}

// participleCue reads a reporting participle set off by a comma or a dash
// after a clause ("…, saying the plan failed", "… – arguing that …").
func (x *extractor) participleCue(v, lo int) bool {
	if v-1 < lo || !x.isParticiple(v) || !x.isCue(v) && !x.stanceParticiple(v) {
		return false
	}
	p := x.toks[v-1].Text
	return p == "," || isDash(p)
}

// stanceParticiple reads the -ing form of a stance verb ("backing",
// "criticizing", "showing").
func (x *extractor) stanceParticiple(v int) bool {
	t := &x.toks[v]
	// "citing" gives a reason for what was said, not more of it.
	if t.q >= 0 || !t.word || t.cap || len(t.lower) < 6 {
		return false
	}
	if t.lower == "referring" {
		return true // "…, referring to the protests": whom or what the words were about
	}
	// Its stem, less any "ing", plus nothing, "e", "s", "ed" or "d" is a
	// stance verb.
	return t.lex&lexStanceParticiple != 0
}

// wholeSentenceAfter tells whether quotation qi follows say-verb v with
// nothing but a comma or colon between and holds a whole sentence: a
// capital first word, at least three words, and closing punctuation
// inside the marks.
func (x *extractor) wholeSentenceAfter(qi, v int) bool {
	q := x.quots[qi]
	if !x.isSayCue(v) || namingCues[x.lowerAt(v)] || q.close < 0 || q.t1 <= q.t0 {
		return false
	}
	last := x.toks[q.t1-1].Text
	// Two words will do for a question or an exclamation ("What
	// curfew?"); a statement needs three.
	if n := x.contentWords(qi); n < 2 || n < 3 && last != "?" && last != "!" {
		return false
	}
	e := x.cueEnd(v, q.open)
	if !x.onlyPunct(e, q.open) && !x.settingThenComma(e, q.open) {
		return false
	}
	first := q.t0
	for first < q.t1 && !x.toks[first].word {
		first++
	}
	return first < q.t1 && x.toks[first].cap && (isTerminal(last) || last == ",")
}

// settingThenComma tells whether [a, b) is a short setting of the saying
// closed by a comma: "saying during the debate last week, “…”".
func (x *extractor) settingThenComma(a, b int) bool {
	if b-a < 2 || b-a > 9 || x.toks[b-1].Text != "," || !prepositions[x.lowerAt(a)] && !x.isTimeWord(a) || complementizers[x.lowerAt(a)] {
		return false
	}
	for k := a; k < b-1; k++ {
		if !x.toks[k].word || x.toks[k].q >= 0 || x.isCue(k) {
			return false
		}
	}
	return true
}

// clauseVerbs and subjectPronouns show that a clause has begun: a "that"
// after them belongs to the reported clause, not to the cue.
var clauseVerbs = wordSet(`is was are were be been has have had will would could should can may might must does did
	do 's ’s`)

var subjectPronouns = map[string]bool{"he": true, "she": true, "it": true, "we": true, "i": true, "they": true}

// shareForward finds a poll share that starts at i and is followed by a
// verb ("more than 4 in 10 said"): it returns the share's end or -1.
func (x *extractor) shareForward(i, limit int) int {
	for e := i + 1; e < limit; e++ {
		if x.isFiniteCue(e) {
			if x.shareBackward(e-1, i) == i {
				return e
			}
			return -1
		}
	}
	return -1
}

// subjectThenCue reads a new attribution at k: a subject ("analysts",
// "the union", "she") and a reporting or stance verb ("…, but analysts
// agreed it was …").
func (x *extractor) subjectThenCue(k, limit int) bool {
	e := -1
	switch {
	case subjectPronouns[x.lowerAt(k)] || x.isPronoun(k):
		e = k + 1
	case k < limit && x.toks[k].word && !x.toks[k].cap && strings.HasSuffix(x.lowerAt(k), "s") && !x.isCue(k):
		e = k + 1
	default:
		e = x.npForward(k, min(limit, k+6))
	}
	if e < 0 || e >= limit {
		return false
	}
	for e < limit && x.is(e, lexAux) {
		e++
	}
	return e < limit && x.toks[e].q < 0 && !x.toks[e].cap && (x.isFiniteCue(e) || x.is(e, lexStance)) && !x.isParticiple(e)
}

// nounBefore are words after which a verb-like word is a noun ("the
// shift in support", "their support").
var nounBefore = map[string]bool{
	"the": true, "a": true, "an": true, "their": true, "his": true, "her": true, "its": true,
	"our": true, "my": true,
}
