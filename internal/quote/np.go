package quote

import (
	"strings"

	"github.com/newsquotes/newsquotes/internal/text"
)

// Noun-phrase readers: just enough grammar to find who is speaking next
// to a cue verb. Each works on token indexes and never looks past a limit.

func (x *extractor) isPronoun(i int) bool { return x.is(i, lexPronoun) }

func (x *extractor) isPossessive(i int) bool {
	l := x.lowerAt(i)
	return l == "'s" || l == "’s" || l == "'" || l == "’"
}

// capWord reports a capitalised word that can be part of a name.
func (x *extractor) capWord(i int) bool {
	if i < 0 || i >= len(x.toks) {
		return false
	}
	t := &x.toks[i]
	if t.lower == "today" && t.cap && i > 0 && x.toks[i-1].para == t.para && x.toks[i-1].word && x.toks[i-1].cap && x.toks[i-1].lex&(lexTime|lexPronoun|lexDeterminer) == 0 && x.toks[i-1].q == t.q {
		return true // "USA Today", a paper's name
	}
	if !t.word || !t.cap || t.q >= 0 || t.lex&(lexPronoun|lexTime) != 0 {
		return false
	}
	if t.lex&lexMonth != 0 {
		// "Theresa May" is a name; "in May" is a date. (At i == 0, p is
		// t, a month: false, as wanted.)
		p := &x.toks[max(i-1, 0)]
		return p.para == t.para && p.word && p.cap && p.lex&(lexMonth|lexTime|lexPronoun) == 0 && p.q < 0
	}
	return true
}

var months = wordSet(`january february march april june july august september october november december jan.
	feb. aug. sept. oct. nov. dec.`)

// npForward reads a speaker noun phrase starting at token i, stopping
// before limit. It returns the end (exclusive) or -1.
func (x *extractor) npForward(i, limit int) int {
	e := x.npForward1(i, limit)
	if e > 0 && e+1 < limit && x.lowerAt(e) == "and" && !x.isPronoun(i) {
		// "Jo Ames and her husband", "the Herald and the Gazette": the
		// people joined by "and" speak together.
		if e2 := x.npForward1(e+1, limit); e2 > 0 && !x.isPronoun(e+1) {
			return e2
		}
	}
	return e
}

func (x *extractor) npForward1(i, limit int) int {
	if i >= limit || i >= len(x.toks) || x.toks[i].q >= 0 {
		return -1
	}
	t := &x.toks[i]
	if t.lex&lexPronoun != 0 && t.lower != "it" && t.lower != "you" {
		return i + 1
	}
	if t.lex&lexClauseOpener != 0 {
		return -1 // "During …", "Once …" open a clause, not a name
	}
	if !t.cap && t.lex&lexModifier != 0 && i+1 < limit && (x.capWord(i+1) || x.is(i+1, lexTitle) || x.is(i+1, lexModifier)) {
		// "said longtime Democratic pollster Pat Caddell"
		if e := x.npForward(i+1, limit); e > 0 {
			return e
		}
		return -1
	}
	if t.lex&lexDeterminer != 0 && t.cap && t.lower != "one" {
		// "The Democratic nominee", "The New York Times": read as a
		// determiner phrase below.
	} else if x.capWord(i) || (t.lex&lexTitle != 0 && t.lex&lexDeterminer == 0) {
		j := i
		for j < limit {
			switch {
			case x.capWord(j):
				j++
			case x.toks[j].Text == "(" && j > i:
				// "Rep. Gwen Moore (D-Wis.)": keep the parenthetical
				k := j + 1
				for k < limit && k < j+8 && x.toks[k].Text != ")" {
					k++
				}
				// (Not a writer's aside: "Jo Ames (a view others share)".)
				if k < limit && x.toks[k].Text == ")" && k-j <= 5 && (x.toks[j+1].cap || x.toks[j+1].Kind == text.Number) {
					j = k + 1
					continue
				}
				return j
			case x.toks[j].lex&lexTitle != 0 && x.toks[j].word && !x.toks[j].cap && !x.isCue(j):
				j++ // "former President ...", "Obama's former campaign strategist"
			case j > i && x.toks[j].word && !x.toks[j].cap && j+1 < limit && x.capWord(j+1) && x.toks[j].lex&lexPreposition == 0 &&
				!x.isCue(j) && x.toks[j].lex&lexAux == 0 && x.toks[j].lex&lexDeterminer == 0 && x.toks[j].lex&lexConnector == 0 && x.toks[j].lower != "and" &&
				!strings.HasSuffix(x.toks[j].lower, "ed"):
				j++ // "Tulsa police Chief Chuck Jordan", "Trump lawyer Marc Kasowitz"
			case x.toks[j].lex&lexConnector != 0 && j > i && j+1 < limit && x.capWord(j+1):
				j++
			case x.isPossessive(j) && j > i && j+1 < limit && x.toks[j+1].word && !x.isCue(j+1):
				// "Trump's spokesman", "the campaign's manager": read on
				k := x.npForward(j+1, limit)
				if k < 0 {
					if x.bareNoun(j + 1) {
						return j + 2 // "Ames's family"
					}
					return j
				}
				return k
			default:
				if j == i {
					return -1
				}
				return j
			}
		}
		return j
	}
	if t.lex&lexDeterminer != 0 {
		j := i + 1
		last := -1
		for j < limit && j < i+8 {
			w := &x.toks[j]
			// A cue word right before the verb is the phrase's noun: "the
			// report said", "the IMF statement read".
			nounCue := x.isCue(j) && (j+1 == limit || x.isFiniteCue(j+1)) && !x.isParticiple(j)
			if !w.word || w.q >= 0 || x.isCue(j) && !nounCue || w.lex&lexAux != 0 {
				break
			}
			if last >= 0 && !w.cap && (strings.HasSuffix(w.lower, "ed") && !postParticiples[w.lower] || pastVerbs[w.lower]) {
				break // "His campaign sued the party", "The senator began"
			}
			// "a longtime adviser to the mayor", "one person with
			// knowledge of the talks": a role's or a person's complement.
			role := last >= 0 && (x.lowerAt(j) == "to" && x.roleWord(last) || x.lowerAt(j) == "with" && (x.lowerAt(j+1) == "knowledge" || x.lowerAt(j+1) == "ties"))
			if w.lex&lexPreposition != 0 && !role {
				break
			}
			if w.lower == "with" && role {
				// "with knowledge of the talks", "with ties to the firm"
				if l := x.lowerAt(j + 2); (l == "of" || l == "to") && j+3 < limit {
					if k := x.npForward(j+3, limit); k > 0 {
						return k
					}
				}
				return j + 2
			}
			if w.lower == "for" || w.lower == "of" || role {
				// "a spokesman for the campaign": one post-modifier
				if k := x.npForward(j+1, limit); k > 0 && last >= 0 {
					return k
				}
				if last >= 0 && j+1 < limit && x.bareNoun(j+1) && w.lower == "of" {
					return j + 2 // "a group of doctors"
				}
				break
			}
			if postAdjectives[w.lower] && last >= 0 && j+1 < limit && x.is(j+1, lexPreposition) {
				// "a source familiar with the plan", "one aide involved in
				// the talks"
				if k := x.npForward(j+2, limit); k > 0 {
					return k
				}
				break
			}
			last = j
			j++
		}
		if last < 0 {
			return -1
		}
		return last + 1
	}
	return -1
}

// npBackward reads a noun phrase that ends at token e (inclusive), not
// starting before lo. It returns its first token or -1.
var conjunctions = map[string]bool{"and": true, "but": true, "or": true, "yet": true, "so": true, "than": true, "then": true, "nor": true}

func (x *extractor) npBackward(e, lo int) int {
	if e >= lo && e >= 0 && x.toks[e].Text == ")" {
		// "Sen. David Perdue (R-Ga.) said": step over the parenthetical.
		for k := e - 1; k >= lo && k >= e-8; k-- {
			if x.toks[k].Text == "(" {
				if s := x.npBackward(k-1, lo); s >= 0 && x.capWord(k-1) {
					return s
				}
				return -1
			}
		}
		return -1
	}
	if e < lo || e < 0 || x.toks[e].q >= 0 || !x.toks[e].word {
		return -1
	}
	t := &x.toks[e]
	if conjunctions[t.lower] {
		return -1 // "… those relationships but added": no head noun here
	}
	if standInSubjects[t.lower] && (e == lo || !x.toks[e-1].word || x.toks[e-1].q >= 0 || connectives[x.lowerAt(e-1)] || x.lowerAt(e-1) == "while") && x.isReportCue(e+1) {
		return e // "One says …, while another says …", "Many said …"
	}
	if indefinitePeople[t.lower] {
		// "Not everyone finds …", "nobody said": with a "not" or "almost"
		// before it.
		if e-1 >= lo && (x.lowerAt(e-1) == "not" || x.lowerAt(e-1) == "almost" || x.lowerAt(e-1) == "nearly") {
			return e - 1
		}
		return e
	}
	if t.lex&lexPronoun != 0 || t.lower == "who" || t.lower == "which" && e-1 >= lo && x.toks[e-1].Text == "," {
		if t.lower == "you" {
			return -1
		}
		return e
	}
	if x.capWord(e) {
		j := e
		for j-1 >= lo {
			p := &x.toks[j-1]
			switch {
			case x.capWord(j - 1):
				j--
				continue
			case p.lex&lexConnector != 0 && j-2 >= lo && x.capWord(j-2):
				j--
				continue
			case p.word && !p.cap && p.lex&lexTitle != 0:
				j--
				continue
			case x.isPossessive(j-1) && j-2 >= lo && x.capWord(j-2):
				j -= 2
				continue
			}
			break
		}
		if j-1 >= lo && (x.toks[j-1].lower == "the") {
			j--
		}
		// A sentence-initial function word is not part of the name, but a
		// quantifier of a group is ("Some Democrats", "Other Republicans").
		group := strings.HasSuffix(x.toks[e].lower, "s") && groupQuantifiers[x.toks[j].lower]
		for j < e && !group && (x.toks[j].lex&lexDeterminer != 0 && x.toks[j].lower != "the" || x.toks[j].lex&lexClauseOpener != 0) {
			j++
		}
		if j == e && x.toks[e].lex&lexClauseOpener != 0 {
			return -1
		}
		// "Mr. Grassley and Mr. Leahy said": both are the source.
		if j-2 >= lo && x.lowerAt(j-1) == "and" && x.capWord(j-2) {
			if s := x.npBackward(j-2, lo); s >= 0 && !x.isPronoun(s) {
				return s
			}
		}
		return x.descriptorsBefore(j, lo)
	}
	// A common noun: look back for its determiner ("the 34-year-old
	// mother of three").
	ofs := 0
	for j := e - 1; j >= lo && j >= e-8; j-- {
		p := &x.toks[j]
		if p.lower == "of" && ofs == 0 && j < e {
			ofs++
			continue
		}
		if p.Text == "/" || p.Text == "-" {
			continue // "The Reuters/Ipsos poll"
		}
		if x.isPossessive(j) && j-1 >= lo {
			// "Trump's campaign", "the ad's narrator"
			if s := x.npBackward(j-1, lo); s >= 0 {
				return s
			}
			break
		}
		if !p.word || p.q >= 0 || x.isCue(j) || p.lex&lexAux != 0 || p.lex&lexPreposition != 0 || p.lex&lexPronoun != 0 {
			if x.isPossessive(j) && j-1 >= lo {
				if s := x.npBackward(j-1, lo); s >= 0 {
					return s
				}
			}
			break
		}
		if p.lex&lexDeterminer != 0 {
			// "The two lawmakers", "many other polls", "the mayor's
			// three aides": the determiners before it open the phrase.
			for j-1 >= lo && x.toks[j-1].q < 0 && (articles[x.lowerAt(j-1)] || groupQuantifiers[x.lowerAt(j-1)]) && x.lowerAt(j-1) != "other" {
				j--
			}
			if j-2 >= lo && x.isPossessive(j-1) && x.toks[j].lex&lexDeterminer != 0 && !articles[x.lowerAt(j)] {
				if s := x.npBackward(j-2, lo); s >= 0 && x.capWord(j-2) {
					return s
				}
			}
			// "a spokesman for the campaign": take the head before "for".
			// ("asked for a photo": a verb, not a head, before "for").
			if j-2 >= lo && (x.toks[j-1].lower == "for" || x.toks[j-1].lower == "of") && !x.isCue(j-2) && !strings.HasSuffix(x.lowerAt(j-2), "ed") {
				if s := x.npBackward(j-2, lo); s >= 0 && !x.isPronoun(s) {
					return s
				}
			}
			return j
		}
	}
	// "63 percent said", "nearly half said", "six in 10 said": a poll's
	// share of respondents.
	if q := x.shareBackward(e, lo); q >= 0 {
		return q
	}
	// A bare plural or a person noun at the start of a clause, with its
	// adjectives ("officials said", "top black lawmakers said").
	if strings.HasSuffix(t.lower, "s") || personNouns[t.lower] || pluralPeople[t.lower] {
		j := e
		ands := 0
		for j-1 >= lo && j > e-5 {
			p := &x.toks[j-1]
			if p.lower == "and" && ands == 0 && j-2 >= lo && x.toks[j-2].word && (j < e || strings.HasSuffix(x.lowerAt(j-2), "s") && !x.toks[j-2].cap) {
				ands++ // "Federal and state officials", "advisers and allies"
				j--
				continue
			}
			if p.cap && j-1 == lo && p.word && p.lex&lexPronoun == 0 && p.lex&lexClauseOpener == 0 {
				j-- // "Foreign policy analysts said"
				break
			}
			if x.capWord(j-1) && !clauseOpeners[p.lower] {
				// "Labor Department officials", "GOP primary voters": a
				// name modifies the head.
				k := j - 1
				for k-1 >= lo && k > e-7 && (x.capWord(k-1) || x.lowerAt(k-1) == "and" && k-2 >= lo && x.capWord(k-2)) {
					k-- // "White House and Pentagon spokesmen"
				}
				j = k
				break
			}
			// A cue word that is mostly a noun or adjective ("state
			// officials") modifies the head noun.
			// ("where local skippers say": a subordinator opens the clause.)
			if !p.word || p.q >= 0 || p.cap || x.isCue(j-1) && p.lex&lexFinite != 0 || p.lex&lexAux != 0 || p.lex&lexPreposition != 0 || p.lex&lexPronoun != 0 || p.lower == "and" || clauseOpeners[p.lower] && p.lower != "if" || relativePronouns[p.lower] {
				break
			}
			j--
		}
		if j < e && x.lowerAt(j) == "and" {
			j++
		}
		// "Her advisers", "all voters": a determiner opens the phrase.
		k := j
		if k-1 >= lo && groupDeterminers[x.lowerAt(k-1)] {
			k--
		}
		// "half of GOP primary voters", "55 percent of all voters", "six
		// in 10 Democratic voters": a share of the group.
		if k-2 >= lo && x.lowerAt(k-1) == "of" {
			if q := x.shareBackward(k-2, lo); q >= 0 {
				return q
			}
		}
		if k-1 >= lo && x.toks[k-1].Kind == text.Number {
			if q := x.shareBackward(k-1, lo); q >= 0 {
				return q
			}
		}
		if k < j && (k == lo || !x.toks[k-1].word || x.toks[k-1].q >= 0 || connectives[x.lowerAt(k-1)]) && x.lowerAt(k) != "the" {
			return k
		}
		if j == lo || !x.toks[j-1].word || x.toks[j-1].q >= 0 {
			return j
		}
		// "…, but analysts agreed": a coordinated clause opens there;
		// "But critics say": so does a sentence.
		if l := x.lowerAt(j - 1); (l == "but" || l == "and") && (j-2 >= lo && x.toks[j-2].Text == "," || j-1 == lo) {
			return j
		}
		// "a bill which critics said was unfair": a relative clause's
		// own subject.
		if l := x.lowerAt(j - 1); l == "which" || l == "that" {
			return j
		}
		// "After campaign aides insisted …", "When voters say …": a
		// subordinate clause's own subject.
		if l := x.lowerAt(j - 1); sideOpeners[l] || settingOpeners[l] || clauseSubordinators[l] && l != "if" || l == "where" {
			return j
		}
	}
	return -1
}

// roleNouns say what a person is, right before the name: "Republican
// presidential hopeful Donald Trump", "his son Donald Jr.".
var roleNouns = wordSet(`hopeful manager editor star mogul author son daughter wife husband brother sister father
	mother rival opponent donor pollster strategist adviser advisor aide analyst economist
	professor activist founder executive investor billionaire host anchor commentator
	columnist reporter correspondent chief expert historian scientist researcher journalist
	writer speaker frontrunner front-runner challenger incumbent operative consultant cousin
	friend partner colleague ally critic supporter voter resident owner chairman counsel
	surgeon neurosurgeon magnate tycoon titan co-host cohost physician candidate nominee
	mate attorney lawyer`)

// roleWord tells whether the lower-case word at i says what a person is
// ("host", "candidates", "neurosurgeon"), so the words before it describe
// the same person ("Conservative radio host").
func (x *extractor) roleWord(i int) bool {
	if i < 0 || i >= len(x.toks) {
		return false
	}
	t := &x.toks[i]
	if !t.word || t.cap {
		return false
	}
	l := t.lower
	if s := strings.TrimSuffix(l, "s"); s != l && len(s) > 2 {
		l = s // "candidates", "hopefuls"
	}
	return titleWords[l] || personNouns[l] || roleNouns[l] || x.roleLike(l)
}

// roleLike guesses from its ending whether a word describes a person
// ("novelist", "developer", "assistant", "liberal", "81-year-old"); the
// abstract nouns that end the same way and open a reduced relative ("the
// reason Obama gave", "an honor Trump", "no wonder Trump") do not.
func (x *extractor) roleLike(w string) bool {
	if notRoles[w] {
		return false
	}
	for _, suf := range []string{"ist", "or", "er", "ian", "ant", "ent", "al", "ive", "year-old", "ists", "ors", "ers", "ians", "ants", "ents", "als", "ives", "man", "woman"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}

var notRoles = map[string]bool{"honor": true, "wonder": true, "matter": true, "order": true, "number": true,
	"letter": true, "error": true, "factor": true, "sector": true, "answer": true, "other": true, "border": true,
	"water": true, "power": true, "paper": true, "center": true, "chapter": true, "summer": true, "winter": true,
	"moment": true, "statement": true, "comment": true, "event": true, "extent": true, "percent": true,
	"proposal": true, "deal": true, "total": true, "signal": true, "approval": true, "referral": true,
	"incentive": true, "initiative": true, "alternative": true, "motive": true, "objective": true}

// groupQuantifiers open a subject naming part of a group.
var groupQuantifiers = map[string]bool{"some": true, "many": true, "most": true, "other": true,
	"several": true, "few": true, "all": true, "both": true}

// descriptorsBefore extends a name that starts at j leftwards over the
// words describing it when they open the clause: "Republican presidential
// hopeful Donald Trump", "billionaire hedge fund manager Paul Singer",
// "His son Donald Jr.", "Trump's GOP primary rival Marco Rubio", "many
// Democrats". A source phrase includes them. It returns j when the words
// before the name are not such a description.
func (x *extractor) descriptorsBefore(j, lo int) int {
	k := j
	for k-1 >= lo && j-k < 7 {
		p := x.toks[k-1]
		switch {
		case x.isPossessive(k-1) && k-2 >= lo && x.toks[k-2].word && x.toks[k-2].q < 0:
			k -= 2 // "Trump's", read on over the owner
			continue
		case !p.word || p.q >= 0:
		case groupQuantifiers[p.lower] || p.lower == "his" || p.lower == "her" || p.lower == "their" || p.lower == "its" || p.lower == "the" || p.lower == "a" || p.lower == "an":
			k-- // a determiner opens the phrase: stop there
			if k == lo || !x.toks[k-1].word || connectives[x.lowerAt(k-1)] || groupQuantifiers[p.lower] && k == j-1 && !p.cap {
				// ("as many Republicans fear": a quantifier right before
				// the name is the subject's wherever it stands)
				return k
			}
			return j
		case x.isCue(k-1) || p.lex&(lexAux|lexPreposition|lexPronoun|lexConnector) != 0 || auxAdverbs[p.lower] || conjunctions[p.lower] || clauseOpeners[p.lower] && !p.cap:
		case !p.cap && (strings.HasSuffix(p.lower, "ed") || strings.HasSuffix(p.lower, "ing") || strings.HasSuffix(p.lower, "ly")) && !titleWords[p.lower]:
		case k == j && !x.roleWord(j) && !x.roleWord(j+1) && !p.cap && !x.roleWord(k-1):
			// The word next to the name must say what the person is
			// ("hopeful", "son"): "the reason President Obama gave" is no
			// description.
		default:
			k--
			continue
		}
		break
	}
	if k == j {
		return j
	}
	// The description must open the clause: at its start, after a comma or
	// a quotation, or after "but"/"and".
	if k == lo || !x.toks[k-1].word || connectives[x.lowerAt(k-1)] {
		if clauseOpeners[x.lowerAt(k)] && x.toks[k].cap {
			return j // "But", "In": not part of the phrase
		}
		return k
	}
	return j
}

// isCue reports a reporting verb in lower case (a capitalised "Says" is a
// headline, not a sentence).
func (x *extractor) isCue(i int) bool {
	if i < 0 || i >= len(x.toks) {
		return false
	}
	t := &x.toks[i]
	return t.q < 0 && t.word && !t.cap && t.lex&lexCue != 0
}

func (x *extractor) isFiniteCue(i int) bool { return x.isCue(i) && x.toks[i].lex&lexFinite != 0 }

func (x *extractor) isSayCue(i int) bool { return x.isCue(i) && x.toks[i].lex&lexSay != 0 }

// cueEnd extends a cue verb at v to its verb group: "was quoted as
// saying", "said in a statement". It returns the end (exclusive) of the
// cue words to report.
func (x *extractor) cueEnd(v, limit int) int {
	if x.lowerAt(v) == "quoted" && v+2 < limit && x.lowerAt(v+1) == "as" && x.is(v+2, lexCue) {
		return v + 3
	}
	return v + 1
}

// cueStart extends a cue verb back over auxiliaries ("was quoted", "has said").
func (x *extractor) cueStart(v, lo int) int {
	j := v
	for j-1 >= lo {
		switch l := x.lowerAt(j - 1); {
		case l == "was" || l == "is" || l == "has" || l == "had" || l == "have" || l == "were" || l == "are" || negatedBe[l]:
			j--
			continue
		case l == "'s" || l == "’s":
			// "he's said", "Trump's predicting"; not "Trump's plans".
			if l := x.lowerAt(v); j == v && (strings.HasSuffix(l, "ed") || strings.HasSuffix(l, "ing") || l == "said" || l == "told") {
				j--
				continue
			}
		}
		break
	}
	return j
}

// findCue returns the first cue verb in [a, b) outside quotations, or -1;
// "quoted" counts only in "quoted as saying".
func (x *extractor) findCue(a, b int, finite bool) int {
	for i := a; i < b; i++ {
		if x.toks[i].q >= 0 {
			continue
		}
		if x.lowerAt(i) == "quoted" && x.lowerAt(i+1) == "as" {
			return i
		}
		if finite && x.isFiniteCue(i) || !finite && x.isCue(i) {
			return i
		}
	}
	return -1
}

// subjectBefore finds the subject of the cue verb at v, looking no
// further back than lo. It skips auxiliaries and adverbs, a short time
// phrase ("on Tuesday"), and an appositive set off by commas
// ("Smith, a senior aide to Jones, said"). It returns the phrase [s, e).
func (x *extractor) subjectBefore(v, lo int) (int, int) {
	s, e := x.subjectHead(v, lo)
	if s < 0 {
		// "He went on to say, “…”": before a quotation, the subject of
		// the verb before "to" (elsewhere the reported clause would then
		// open at "to", PolNeAR's content does).
		if w := x.verbBeforeTo(v, lo); w >= 0 && x.quotationAfter(v) {
			if s2, e2 := x.subjectHead(w, lo); s2 >= 0 {
				return x.coordinatedBefore(s2, lo), e2
			}
		}
		return s, e
	}
	if w := x.verbBeforeTo(v, lo); w >= 0 {
		// "The mayor is trying to convince", "Her aides seem to think":
		// the subject is the one of the verb before "to".
		if s2, e2 := x.subjectHead(w, lo); s2 >= 0 {
			s, e = s2, e2
		}
	}
	if h := e - 1; h-1 >= s && utteranceNouns[x.lowerAt(h)] {
		// "The board's statement said": the owner of the words is the
		// source, as PolNeAR marks it.
		if x.isPossessive(h-1) && h-2 >= s {
			return x.coordinatedBefore(s, lo), h
		}
	}
	return x.coordinatedBefore(s, lo), e
}

// docNouns name polls and reports, which a time phrase after them dates.
var docNouns = wordSet(`poll polls survey surveys study studies report reports analysis`)

// utteranceNouns name what someone said: its owner is who said it.
var utteranceNouns = wordSet(`statement statements remarks comment comments claim claims message criticism
	response argument arguments attacks suggestion assertion`)

// headlineAdverb tells whether the word at i is an adverb capitalised in
// a title-case headline after a name: "Rick Perry Just Announced".
func (x *extractor) headlineAdverb(i, lo int) bool {
	return i-1 >= lo && x.toks[i].cap && headlineAdverbs[x.lowerAt(i)] && x.capWord(i-1)
}

var headlineAdverbs = wordSet(`just finally already also now still again officially reportedly actually`)

// verbBeforeTo returns the verb of "seem to think", "is trying to say"
// when the cue at v follows "to", or -1.
func (x *extractor) verbBeforeTo(v, lo int) int {
	j := v - 1
	for j > lo && x.is(j, lexAux) {
		j--
	}
	if x.lowerAt(j) != "to" || j-1 <= lo {
		return -1
	}
	w := j - 1
	if l := x.lowerAt(w); (l == "on" || l == "up") && w-1 > lo {
		w-- // "went on to say"
	}
	// ("She's expected to say": after a pronoun, "'s" is "is" or "has".)
	contracted := x.isPossessive(w-1) && w-2 >= lo && x.isPronoun(w-2)
	if t := &x.toks[w]; !t.word || t.cap || t.q >= 0 || x.is(w, lexAux) || x.isPossessive(w-1) && !contracted || articles[x.lowerAt(w-1)] {
		return -1 // "the plan to say", "Ames's decision to say": a noun
	}
	if contracted {
		return w - 1
	}
	return w
}

// coordinatedBefore extends a subject starting at s back over the phrases
// joined to it by "and" ("Jo Ames and her aides said", "Unions, farmers
// and many mayors say") when the whole opens its clause. It returns the
// first token of the whole, or s.
func (x *extractor) coordinatedBefore(s, lo int) int {
	if s-2 < lo || x.isPronoun(s) && x.lowerAt(s) != "they" && x.lowerAt(s) != "we" {
		return s
	}
	if l := x.lowerAt(s - 1); l != "and" && l != "nor" {
		return s
	}
	best := s
	k := s - 2
	serial := x.toks[k].Text == ","
	if serial {
		k-- // a serial comma, after two items or more
	}
	for n := 0; n < 4 && k >= lo; n++ {
		p := x.npBackward(k, lo)
		if p < 0 || p > k || p < k-6 || !x.toks[k].word || x.is(k, lexAux) {
			break
		}
		if (p == lo || !x.toks[p-1].word || p-1 == lo && connectives[x.lowerAt(p-1)]) && (!serial || n > 0) {
			best = p
		}
		if p-1 == lo && (x.lowerAt(p-1) == "neither" || x.lowerAt(p-1) == "both") {
			best = p - 1 // "Neither Ames nor Berg said"
		}
		if p-2 < lo || x.toks[p-1].Text != "," {
			break
		}
		k = p - 2
	}
	return best
}

// subjectHead finds the subject of the cue verb at v, up to the phrases
// coordinated with it.
func (x *extractor) subjectHead(v, lo int) (int, int) {
	j := v - 1
	for j >= lo && (x.is(j, lexAux) || x.lyAdverb(j) && j-1 >= lo && x.toks[j-1].word) {
		j--
	}
	j0 := j
	j = x.skipTimePhrase(j, lo)
	for j < j0 && j >= lo && x.is(j, lexAux) && j-1 >= lo && x.toks[j-1].word {
		j-- // "Wells Fargo just this month announced"
	}
	if j < j0 && j > lo && postParticiples[x.lowerAt(j)] {
		// "A new poll released Friday shows": the time belongs to the
		// participle, and both to the subject.
		if s := x.npBackward(j-1, lo); s >= 0 && !x.isPronoun(s) {
			return s, j0 + 1
		}
	}
	if j < lo || conjunctions[x.lowerAt(j)] && x.toks[j].word {
		return -1, -1 // "… and said": a second verb of the clause's subject
	}
	if x.toks[j].Text == "," || isDash(x.toks[j].Text) {
		// A parenthetical before the verb. Find where it opens.
		tailK := -1 // the comma before a place that ends it
		for k := j - 1; k >= lo && k >= j-30; k-- {
			if x.toks[k].q >= 0 && !x.toks[k].mark {
				continue
			}
			if x.toks[k].Text != "," && !isDash(x.toks[k].Text) || isDash(x.toks[j].Text) && !isDash(x.toks[k].Text) {
				continue // a dash closes what a dash opened, commas and all
			}
			// Tokens k+1..j-1 are the parenthetical.
			first := k + 1
			if first < j && x.placeTail(first, j, k) {
				// "Ann Berg, a teacher from Bergen, Norway, said": the
				// place closes an appositive that opens further back.
				if tailK < 0 {
					tailK = k
				}
				continue
			}
			if first < j && (x.appositiveStart(first) || x.partyAppositive(first, j) || k > lo && x.capWord(k-1) && x.describesRole(first, j)) {
				// "Yin Myint May, 60, a doctor, said": an age before
				// the appositive.
				for k-2 > lo && x.toks[k-1].Kind == text.Number && x.toks[k-2].Text == "," {
					k -= 2
				}
				if s := x.npBackward(k-1, lo); s >= 0 {
					rel := relativePronouns[x.lowerAt(first)] || x.lowerAt(first) == "whose"
					if s-2 >= lo && postPreps[x.lowerAt(s-1)] {
						// "Editorial pages across the country, including
						// …, said": the head before the preposition.
						if h := x.postmodifiedStart(s-1, lo); h >= 0 {
							comma := h > lo && x.toks[h-1].Text == ","
							if comma && h-2 > lo && x.appositiveStart(h) && x.toks[j].Text == "," {
								// "Ann Berg, head of the Fund, a lobby,
								// said": the appositive opens further back.
								k = h
								continue
							}
							if (!comma || x.toks[j].Text == ",") && !rel {
								return h, k
							}
						}
					}
					return s, k
				}
				return -1, -1
			}
			// "Amid the war, President Zelensky on Tuesday, urged": the
			// subject opens the part after the comma.
			if e := x.npForward(first, j); e > 0 && (e == j || x.is(e, lexPreposition) || x.isTimeWord(e)) {
				return first, e
			}
			break
		}
		// No opening comma: the subject opens the clause.
		if tailK >= 0 {
			if e := x.npForward(lo, j); e == tailK {
				return lo, e // "Ann Berg of Bergen, Norway, said"
			}
			// "after a woman in Bergen, Norway, asked": the head before
			// the place's preposition.
			p := tailK - 1
			for p > lo && x.capWord(p) {
				p--
			}
			if s := x.npBackward(p-1, lo); s >= 0 && p > lo && !x.isPronoun(s) {
				return s, tailK
			}
		}
		if e := x.npForward(lo, j); e > 0 && e < j && (x.is(e, lexPreposition) || x.isTimeWord(e)) {
			return lo, e
		}
		if e := x.npForward(lo, j); e == j {
			return lo, e
		}
		return -1, -1
	}
	if x.lowerAt(j) == "to" && j-1 > lo && x.toks[j-1].word && !x.toks[j-1].cap && !x.isPronoun(j-1) && !x.pluralOrPerson(j-1) && !x.is(j-1, lexAux) {
		// "Trump used the opportunity to argue", "she took the chance to
		// say": a noun that is no one's is the object of a verb whose
		// subject speaks.
		if h := j - 1; h-1 > lo && (x.isPossessive(h-1) || possessiveDeterminers[x.lowerAt(h-1)]) {
			// "Turkey's refusal to say", "his decision to say": the
			// possessor is the one to say.
			if !x.isPossessive(h - 1) {
				return h - 1, h
			}
			if s := x.npBackward(h-2, lo); s >= 0 && x.capWord(h-2) {
				return s, h
			}
		}
		if o := x.npBackward(j-1, lo); o > lo && o <= j-1 && x.toks[o-1].word && !x.toks[o-1].cap && !x.is(o-1, lexPreposition) {
			if s, e := x.subjectHead(o-1, lo); s >= 0 {
				return s, e
			}
		}
	}
	if x.toks[j].Text == "%" && j-1 >= lo && x.toks[j-1].Kind == text.Number {
		return j - 1, j + 1 // "42% say"
	}
	s := x.npBackward(j, lo)
	// (A pronoun after "that" or "who" is the relative clause's subject:
	// "an agenda that he hopes will …".)
	if s < 0 || s-1 >= lo && x.is(s-1, lexPreposition) && !x.isPronoun(s) {
		// "Those over 60 say", "those in the middle said".
		for k := j - 1; k >= lo && k >= j-5 && x.toks[k].q < 0; k-- {
			if x.lowerAt(k) == "those" && x.is(k+1, lexPreposition) && (k == lo || !x.toks[k-1].word || conjunctions[x.lowerAt(k-1)]) {
				return k, j + 1
			}
		}
		// "Those close to him say", "officials from both parties say",
		// "people familiar with the plan said": the head comes first.
		if a, b := x.postmodifiedSubject(j, lo); a >= 0 {
			return a, b
		}
		if a, b := x.prepModifiedSubject(j, lo); a >= 0 {
			return a, b
		}
	}
	if s < 0 {
		return -1, -1
	}
	// "A spokesman for Hillary Clinton said", "72 percent of Democrats
	// said", "some of his supporters say": the head before the
	// preposition is the subject.
	if s-2 >= lo && ppPreps[x.lowerAt(s-1)] {
		if h := x.ppHead(s-2, lo); h >= 0 {
			return h, j + 1
		}
	}
	// "A producer for the studio told", "Exit polls taken in Ohio found",
	// "some of her followers attacked": a noun phrase that reaches the verb
	// from its clause's start is the subject, post-modifiers and all.
	if s-2 >= lo && postPreps[x.lowerAt(s-1)] {
		if h := x.postmodifiedStart(s-1, lo); h >= 0 {
			return h, j + 1
		}
		// "Jo Ames in a statement said", "Jo Ames at the time said":
		// the phrase is the verb's; the name before it speaks.
		if l := x.lowerAt(s - 1); (l == "in" || l == "at" || l == "on" || l == "during") && x.capWord(s-2) && !x.capWord(s) && !x.capWord(s+1) {
			// (One word opening the sentence may be a verb: "Based on".)
			if n := x.npBackward(s-2, lo); n >= 0 && !(n == lo && n == s-2) && (n == lo || !x.toks[n-1].word || n-1 == lo && connectives[x.lowerAt(n-1)] || clauseSubordinators[x.lowerAt(n-1)]) {
				return n, s - 1
			}
		}
	}
	if j < j0 && (docNouns[x.lowerAt(j)] || x.lowerAt(j) == "out" && docNouns[x.lowerAt(j-1)]) {
		return s, j0 + 1 // "A new poll last week found": the time dates the poll
	}
	return s, j + 1
}

// postPreps open the post-modifier of a subject's head ("to" is left
// out: "pointed to a case to" is most often a verb's).
var postPreps = map[string]bool{"of": true, "for": true, "in": true, "at": true, "with": true, "by": true,
	"from": true, "on": true, "among": true, "across": true, "inside": true}

// postParticiples open a reduced relative after a noun: "a poll released
// Sunday by", "exit polls taken in", "a source familiar with".
var postParticiples = map[string]bool{"taken": true, "conducted": true, "released": true, "published": true,
	"led": true, "seen": true, "issued": true, "started": true, "run": true, "founded": true, "funded": true,
	"commissioned": true, "written": true, "obtained": true, "based": true, "sponsored": true, "organized": true,
	"backed": true, "affiliated": true, "linked": true, "tied": true, "connected": true, "allied": true,
	"aligned": true, "involved": true, "close": true, "familiar": true, "briefed": true, "loyal": true,
	"opposed": true, "knowledgeable": true, "interviewed": true, "surveyed": true, "polled": true}

// postmodifiedStart reads back from the preposition at p over a noun
// phrase with its post-modifiers ("A producer for the studio", "Exit polls
// taken in Ohio", "many in the party") to its clause's start: the
// sentence's start, a comma or quote, "But", a subordinator or a relative
// pronoun ("when someone in the crowd shouted"). It returns the phrase's
// first token or -1. A verb inside ("Jo Ames pointed to a case") shows as
// an unknown -ed word, or as a word before an article that opens an
// object ("sent a host to").
func (x *extractor) postmodifiedStart(p, lo int) int {
	if x.isTimeWord(p-1) && !postParticiples[x.lowerAt(p-2)] {
		return -1 // "began Sunday with"; not "a poll released Sunday by"
	}
	if l := x.lowerAt(p); x.capWord(p-1) && l != "of" && l != "for" && l != "from" && !x.capWord(p+1) && !(articles[x.lowerAt(p+1)] && x.capWord(p+2)) {
		return -1 // "Jo Ames in a statement said": the verb's, not the name's
	}
	h, article := -1, false
	for k := p - 1; k >= lo && k >= p-14; k-- {
		t := &x.toks[k]
		boundary := postPreps[t.lower] || postParticiples[t.lower] || t.lower == "and" || x.isPossessive(k)
		if article && !boundary {
			break // the article opens the phrase
		}
		article = false
		if !t.word {
			if x.isPossessive(k) || t.Text == "-" || t.Text == "%" {
				continue
			}
			break
		}
		if t.q >= 0 || x.isCue(k) && !postParticiples[t.lower] || t.lex&(lexAux|lexPronoun|lexClauseOpener) != 0 && !groupDeterminers[t.lower] && !determiners[t.lower] ||
			conjunctions[t.lower] && t.lower != "and" || relativePronouns[t.lower] || clauseSubordinators[t.lower] ||
			!t.cap && strings.HasSuffix(t.lower, "ed") && !postParticiples[t.lower] && !(h == k+1 && x.toks[h].Kind != text.Number && !articles[x.lowerAt(h)] && !strings.HasSuffix(x.lowerAt(h), "ly") && !x.capWord(k-1)) ||
			x.isTimeWord(k) && !postParticiples[x.lowerAt(k-1)] {
			break
		}
		if boundary {
			// A name takes only "of", "for" or "from" ("Jo Ames of the
			// union"; "Jo Ames in a statement" is the verb's).
			if k-1 >= lo && x.capWord(k-1) && postPreps[t.lower] && t.lower != "of" && t.lower != "for" && t.lower != "from" && !x.capWord(k+1) && !(articles[x.lowerAt(k+1)] && x.capWord(k+2)) {
				break
			}
			h = -1
			continue
		}
		article = articles[t.lower]
		h = k
	}
	if h < 0 {
		return -1
	}
	if l := x.lowerAt(h); !x.toks[h].cap && !determiners[l] && !groupQuantifiers[l] && !indefinites[l] && x.toks[h].Kind != text.Number && !x.pluralOrPerson(h) && !x.roleWord(h) && !reportNouns[l] {
		return -1 // "came of age in …": a verb, not a noun phrase, opens it
	}
	if h == lo || !x.toks[h-1].word || h-1 == lo && connectives[x.lowerAt(h-1)] || clauseSubordinators[x.lowerAt(h-1)] || relativePronouns[x.lowerAt(h-1)] {
		return h
	}
	return -1
}

// articles open a noun phrase; a word before one ends another phrase.
var articles = map[string]bool{"the": true, "a": true, "an": true, "his": true, "her": true, "their": true,
	"its": true, "this": true, "these": true, "those": true, "our": true, "my": true, "another": true}

// possessiveDeterminers own the noun after them: "his refusal to say".
var possessiveDeterminers = map[string]bool{"his": true, "her": true, "their": true, "its": true, "our": true, "my": true, "your": true}

// indefinites head a subject of people: "someone in the crowd".
var indefinites = map[string]bool{"someone": true, "somebody": true, "anyone": true, "anybody": true,
	"everyone": true, "everybody": true, "nobody": true, "none": true, "each": true, "any": true, "one": true}

// standInSubjects stand for people named or implied before when they open
// a clause on their own, right before its reporting verb.
var standInSubjects = map[string]bool{
	"one": true, "another": true, "many": true, "some": true, "others": true, "most": true,
	"few": true, "several": true, "both": true,
}

var indefinitePeople = map[string]bool{
	"everyone": true, "everybody": true, "nobody": true, "someone": true, "somebody": true,
	"anyone": true, "anybody": true,
}

// orgHeads end an organisation's name, besides orgWords: "the Harbour
// Federation", "the Eurasia Group".
var orgHeads = wordSet(`federation institution coalition alliance society league fund project council
	forum initiative caucus partnership network`)

// clauseOpeningWords may stand right before a clause's subject: "after
// some of her followers attacked", "Even some of his allies said".
var clauseOpeningWords = wordSet(`after before since until even`)

var ppPreps = map[string]bool{"of": true, "for": true, "in": true, "by": true, "from": true, "at": true, "with": true, "among": true}

// ppHead reads the head phrase ending at e of a subject with a
// prepositional phrase after it: a share ("72 percent"), a quantifier
// ("some", "many"), or a common noun with its determiner ("A spokesman",
// "Exit polls", "A study"). The phrase must open its clause. It returns its
// first token or -1.
func (x *extractor) ppHead(e, lo int) int {
	t := x.toks[e]
	if !t.word || t.q >= 0 || t.cap && e != lo || x.isCue(e) || t.lex&(lexAux|lexPreposition|lexPronoun) != 0 && !groupQuantifiers[t.lower] {
		return -1
	}
	opens := func(h int) bool {
		l := x.lowerAt(h - 1)
		return h == lo || !x.toks[h-1].word || connectives[l] || clauseSubordinators[l] || l == "as" || relativePronouns[l] || clauseOpeningWords[l]
	}
	if h := x.shareBackward(e, lo); h >= 0 {
		return h
	}
	if groupQuantifiers[t.lower] || t.lower == "one" || t.lower == "none" || t.lower == "any" || t.lower == "each" {
		h := e
		for h-1 >= lo && shareModifiers[x.lowerAt(h-1)] {
			h--
		}
		if opens(h) {
			return h
		}
		return -1
	}
	if !(x.pluralOrPerson(e) || roleNouns[t.lower] || reportNouns[t.lower]) {
		return -1
	}
	h := x.npBackward(e, lo)
	if h < 0 {
		// A bare plural: "Exit polls", "Legislative leaders".
		h = e
		for h-1 >= lo && h > e-3 && x.toks[h-1].word && x.toks[h-1].q < 0 && !x.isCue(h-1) && x.toks[h-1].lex&(lexAux|lexPreposition|lexPronoun|lexConnector) == 0 && !conjunctions[x.lowerAt(h-1)] && !clauseOpeners[x.lowerAt(h-1)] {
			h--
		}
	}
	if opens(h) {
		return h
	}
	return -1
}

// reportNouns are the documents and findings that "say" things: "A study
// by …", "Polls in …".
var reportNouns = map[string]bool{"poll": true, "polls": true, "survey": true, "study": true, "report": true,
	"review": true, "analysis": true, "projection": true, "statement": true, "footage": true, "email": true,
	"memo": true, "letter": true, "research": true, "source": true, "person": true, "polling": true, "average": true}

// prepModifiedSubject reads a subject whose head, a plural or a person
// noun opening the clause, is followed by a prepositional phrase ending
// at j: "elected officials from both parties", "a spokesman for the
// campaign".
func (x *extractor) prepModifiedSubject(j, lo int) (int, int) {
	for k := j - 1; k > lo && k >= j-6; k-- {
		if !x.toks[k].word || x.toks[k].q >= 0 {
			return -1, -1
		}
		if !subjectPreps[x.lowerAt(k)] {
			continue
		}
		h := k - 1
		if !x.toks[h].word || x.toks[h].cap || !x.pluralOrPerson(h) {
			return -1, -1
		}
		s := x.npBackward(h, lo)
		if s >= 0 && (s == lo || !x.toks[s-1].word || connectives[x.lowerAt(s-1)]) {
			return s, j + 1
		}
		return -1, -1
	}
	return -1, -1
}

// pluralPeople are plural heads that do not end in s.
var pluralPeople = map[string]bool{"spokesmen": true, "spokeswomen": true, "people": true, "men": true,
	"women": true, "spokespeople": true, "congressmen": true, "businessmen": true, "children": true}

// groupDeterminers open a plural subject: "Her advisers", "all voters".
var groupDeterminers = map[string]bool{"her": true, "his": true, "their": true, "its": true, "our": true,
	"all": true, "many": true, "most": true, "some": true, "these": true, "those": true}

var subjectPreps = map[string]bool{"from": true, "of": true, "in": true, "at": true, "across": true, "for": true}

// pluralOrPerson tells whether the word at i heads a phrase of people:
// a plural or a person noun ("officials", "spokesman").
func (x *extractor) pluralOrPerson(i int) bool {
	l := x.lowerAt(i)
	return strings.HasSuffix(l, "s") && !strings.HasSuffix(l, "ss") || personNouns[l]
}

// postmodifiedSubject reads a subject whose head is followed by an
// adjective phrase ending at j: "Those close to him", "people familiar
// with the plan", "sources briefed on the talks".
func (x *extractor) postmodifiedSubject(j, lo int) (int, int) {
	for k := j - 1; k > lo && k >= j-8; k-- {
		if !x.toks[k].word || x.toks[k].q >= 0 {
			return -1, -1
		}
		if !postAdjectives[x.lowerAt(k)] && !(strings.HasSuffix(x.lowerAt(k), "ing") && !x.toks[k].cap && !x.isCue(k)) {
			continue // "Protesters marching through the streets" reads on
		}
		h := k - 1
		if x.lowerAt(h) == "those" {
			return h, j + 1
		}
		if x.pluralOrPerson(h) {
			if s := x.npBackward(h, lo); s >= 0 {
				return s, j + 1
			}
		}
		return -1, -1
	}
	return -1, -1
}

var postAdjectives = map[string]bool{"close": true, "familiar": true, "briefed": true, "knowledgeable": true,
	"involved": true, "opposed": true, "loyal": true, "aligned": true, "allied": true}

// appositiveStart tells whether the words at i open an appositive or
// relative clause rather than a subject.
func (x *extractor) appositiveStart(i int) bool {
	t := &x.toks[i]
	switch t.lower {
	case "a", "an", "the", "who", "whose", "which", "himself", "herself", "itself", "speaking",
		"his", "her", "their", "its", "former", "then", "now", "like", "as", "in", "at", "on", "during",
		"according", "after", "before", "when", "while", "for", "with", "also", "however", "though":
		return true
	}
	if !t.cap && t.word && t.lex&lexPronoun == 0 {
		return true // "Megan Hester, senior associate at …, said"
	}
	if !t.cap && t.word && t.lex&lexTitle != 0 {
		return true
	}
	if i+1 < len(x.toks) && t.cap && x.isPossessive(i+1) {
		return true // "China, Pyongyang's only ally, said"
	}
	return t.Kind == text.Number // a number: "Smith, 45, said"
}

var timeWords = wordSet(`monday tuesday wednesday thursday friday saturday sunday today yesterday tonight morning
	afternoon evening night week month year weekend`)

func (x *extractor) isTimeWord(i int) bool { return x.is(i, lexTime) }

// skipTimePhrase steps back over "on Tuesday", "last week", "Tuesday".
func (x *extractor) skipTimePhrase(j, lo int) int {
	if j-2 >= lo && x.is(j, lexMonth) && x.lowerAt(j-1) == "in" && x.pluralOrPerson(j-2) && !x.toks[j-2].cap && !reportNouns[x.lowerAt(j-2)] {
		return j - 2 // "prosecutors in April charged"; not "a poll in April found"
	}
	if j < lo || !x.isTimeWord(j) {
		return j
	}
	k := j - 1
	if k >= lo {
		switch x.lowerAt(k) {
		case "on", "last", "this", "earlier", "late", "early", "that", "in":
			k--
		}
	}
	if k >= lo && (x.lowerAt(k) == "on" || x.lowerAt(k) == "the") {
		k--
	}
	return k
}

// phraseEnd extends a speaker mention over an appositive set off by
// commas: "Omar Haddad, a senior aide to the governor, said" and "said
// Alan Cole, an economist at the Tax Foundation." It returns the end
// token (exclusive) of the whole source phrase.
func (x *extractor) phraseEnd(at attribution) int {
	e := at.s1
	if at.cuePos >= 0 && at.cuePos < at.s0 && e < len(x.toks) && x.lowerAt(e) == "of" && e-1 >= at.s0 && x.capWord(e-1) {
		// "said Ann Ferry of the Harbour Federation": the organisation
		// after a name is part of the phrase.
		limit := x.sents[x.toks[at.s0].sent].t1
		if k := x.npForward(e+1, limit); k > e+1 && k <= limit && x.capWord(k-1) && (orgWords[x.lowerAt(k-1)] || orgHeads[x.lowerAt(k-1)]) {
			e = k
		}
	}
	if e+1 < len(x.toks) && isDash(x.toks[e].Text) && at.cuePos > e+2 && at.cuePos-e < 30 {
		// "Jo Ames — a teacher from Bergen — says", "Skippers — and
		// some captains — say": a noun phrase between dashes closed
		// right before the cue describes or adds to the speaker; a
		// relative or adverbial clause there does not.
		c := x.cueStart(at.cuePos, e) - 1
		l := x.lowerAt(e + 1)
		clause := relativePronouns[l] || l == "whose" || clauseOpeners[l] && l != "and" || x.isParticiple(e+1) && l != "including" || x.is(e+1, lexPreposition) && l != "including" && l != "and"
		if c > e+1 && isDash(x.toks[c].Text) && !clause && !x.hasOpenQuotation(e+1, c) {
			return c
		}
	}
	if e >= len(x.toks) || x.toks[e].Text != "," || e+1 >= len(x.toks) {
		return e
	}
	if at.cuePos > e+2 && at.cuePos-e < 30 {
		// "Ann Lee, who runs the group, said": everything between the
		// commas before the cue describes the speaker.
		c := x.cueStart(at.cuePos, e)
		if x.toks[c-1].Text == "," && c-1 > e+1 && x.describes(e+1, c-1) {
			return c - 1
		}
	}
	if at.cuePos >= 0 && at.cuePos < at.s0 && !x.capWord(e-1) && x.capWord(e+1) {
		// "said the board's chief executive, Ann Berg.": the name after
		// a role names the same person.
		k := e + 1
		for k < len(x.toks) && k < e+5 && x.capWord(k) {
			k++
		}
		if k-e-1 >= 2 && k < len(x.toks) && (x.toks[k].Text == "," || isTerminal(x.toks[k].Text)) && x.describesRole(at.s0, e) {
			return k
		}
	}
	// "said Bob Marsh, senior fellow at the institute, who …": after the
	// cue, a lower-case description of the speaker is part of the phrase.
	// ("said Ann Berg, will run …": a verb goes on with the sentence.)
	after := at.cuePos >= 0 && at.cuePos < at.s0 && x.toks[e+1].word && !x.toks[e+1].cap && !x.is(e+1, lexAux|lexClauseVerb) && x.describes(e+1, e+2)
	if !after && !x.nounAppositive(e+1) {
		return e
	}
	sent := x.toks[at.s0].sent
	limit := x.sents[sent].t1
	if at.cuePos > e {
		limit = at.cuePos
	}
	rel := false // a relative clause inside the description may hold verbs
	for k := e + 1; k < limit && k < e+30; k++ {
		t := &x.toks[k]
		if t.q >= 0 {
			return e
		}
		rel = rel || relativePronouns[t.lower] || t.lower == "whose"
		if !rel && at.cuePos < at.s0 && (t.lex&lexAux != 0 && t.word && !auxAdverbs[t.lower] || x.isSayCue(k) && !x.isParticiple(k) && !namingCues[t.lower]) {
			// "According to the survey, 51 percent said …": a clause,
			// not a description, follows the comma.
			return e
		}
		if t.Text == "," && at.cuePos >= 0 && at.cuePos < at.s0 && x.isSayCue(at.cuePos) && k+1 < limit && x.continuesPhrase(k+1, x.toks[k-1].Kind == text.Number) {
			// "said Roy Hermann, 65, who caucused for Sanders", "said Alan
			// Berger, a gynecologist from Englewood, New Jersey": the
			// description goes on after the comma.
			continue
		}
		if t.Text == "," || isTerminal(t.Text) || t.Text == ";" || isDash(t.Text) {
			return k
		}
	}
	if at.cuePos > e {
		return e
	}
	return min(limit, e+30)
}

// continuesPhrase tells whether the words at i, after a comma inside a
// speaker's description, go on describing the speaker: a relative clause
// ("…, who caucused for Sanders"), an appositive after an age, or a place
// ("Englewood, New Jersey"). An appositive of the organisation ("…, a
// liberal think tank") is left out, as PolNeAR's source spans mostly
// leave it out.
func (x *extractor) continuesPhrase(i int, afterAge bool) bool {
	switch x.lowerAt(i) {
	case "who", "whose":
		return true
	case "of", "from":
		return afterAge // "Ann Berg, 31, of Bergen"
	}
	if x.nounAppositive(i) {
		// "Roy Hermann, 65, a retired teacher"; "Eva Lund, head of the
		// Harbour Fund, a lobby group": the organisation's appositive
		// belongs to the description too.
		return true
	}
	// A place: capitalised words up to the next comma or the end.
	j := i
	for j < len(x.toks) && x.capWord(j) {
		j++
	}
	return j > i && j-i <= 3 && j < len(x.toks) && (x.toks[j].Text == "," || isTerminal(x.toks[j].Text))
}

// clauseOpeners are capitalised at a sentence's start but never part of
// a name: "But Fowler said", "Although Trump says".
var clauseOpeners = wordSet(`but and although though so yet everything while when if as after before because since
	still however meanwhile then now also even in on at for with last today yesterday
	instead indeed moreover or once until where whether why how during despite amid
	following under over about from by through throughout across against among without
	within unlike like`)

// nounAppositive tells whether the words at i open a noun-phrase
// appositive ("a senior aide to …", "the chief executive of …", "45",
// "R-Ky."), the kind a source phrase includes, rather than a relative or
// participial clause.
func (x *extractor) nounAppositive(i int) bool {
	t := &x.toks[i]
	switch t.lower {
	case "a", "an", "the", "his", "her", "their", "its", "one", "another", "former", "then", "now":
		return true
	}
	if t.Kind == text.Number {
		return true
	}
	if t.word && !t.cap && (t.lex&lexTitle != 0 || personNouns[t.lower]) {
		return true
	}
	if t.cap && i+1 < len(x.toks) && x.isPossessive(i+1) {
		return true // "Angie Holan, Politifact's editor"
	}
	if t.word && !t.cap && (roleNouns[t.lower] || x.roleLike(t.lower) && !strings.HasSuffix(t.lower, "al") && t.lex&(lexAux|lexClauseOpener|lexPreposition|lexConnector) == 0 && !notAppositives[t.lower]) {
		return true // "assistant secretary of state", "co-founder of …"
	}
	if t.lower == "also" && i+1 < len(x.toks) && (articles[x.lowerAt(i+1)] || x.is(i+1, lexTitle)) {
		return true // "also a candidate"
	}
	if t.cap && x.partyAppositive(i, min(i+3, len(x.toks))) {
		return true // "Democrat of Oregon"
	}
	// "President Obama's budget director", "Oslo harbour master": a name
	// that owns or modifies the title.
	if x.capWord(i) {
		k := i
		for k < len(x.toks) && k < i+4 && x.capWord(k) {
			k++
		}
		if k < len(x.toks) && (x.isPossessive(k) || x.toks[k].word && !x.toks[k].cap && (roleNouns[x.lowerAt(k)] || titleWords[x.lowerAt(k)] || personNouns[x.lowerAt(k)])) {
			return true
		}
	}
	// A party and state tag: "R-Ky.", "D-Md."
	return t.cap && len(t.Text) <= 6 && strings.Contains(t.Text, "-")
}

// shareWords name a share of a group of people.
var shareWords = map[string]bool{
	"percent": true, "half": true, "majority": true, "plurality": true, "minority": true,
	"third": true, "thirds": true, "quarter": true, "quarters": true, "fifth": true, "fifths": true,
}

// shareModifiers come before a share: "nearly half", "more than 4 in 10".
var shareModifiers = wordSet(`nearly almost about roughly only just than more fewer less over some a the another
	around two three one four five six seven eight nine`)

// shareBackward reads a share of respondents ending at e ("63 percent",
// "Twenty-four percent", "nearly half", "six in 10") that opens its
// clause, and returns its first token or -1.
func (x *extractor) shareBackward(e, lo int) int {
	t := &x.toks[e]
	j := e
	switch {
	case shareWords[t.lower]:
	case (t.Kind == text.Number || numberWord(t.lower)) && e-2 >= lo && x.lowerAt(e-1) == "in" && (x.toks[e-2].Kind == text.Number || shareModifiers[x.lowerAt(e-2)] || numberWord(x.lowerAt(e-2))):
		j = e - 2
	default:
		return -1
	}
	for j-1 >= lo && j > e-6 {
		p := &x.toks[j-1]
		if p.Kind == text.Number || p.Text == "-" || p.word && !p.cap && shareModifiers[p.lower] || p.word && j-1 == lo && !clauseOpeners[p.lower] {
			j--
			continue
		}
		if p.word && p.cap && numberWord(p.lower) {
			j--
			continue
		}
		break
	}
	if j == e && !shareWords[t.lower] || t.lower == "percent" && j == e {
		return -1
	}
	if j == lo || !x.toks[j-1].word || x.toks[j-1].q >= 0 || coordinators[x.lowerAt(j-1)] {
		return j
	}
	return -1
}

var coordinators = map[string]bool{"and": true, "but": true, "while": true, "whereas": true}

func numberWord(w string) bool {
	if i := strings.IndexByte(w, '-'); i > 0 {
		w = w[:i]
	}
	switch w {
	case "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
		"twelve", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "half",
		"nearly", "almost", "about", "roughly", "only":
		return true
	}
	return false
}

// describes tells whether [a, b) reads as a description of a speaker set
// off by commas: no quotation, no sentence break, no cue, and not a time
// or place phrase ("on Tuesday", "in a statement").
func (x *extractor) describes(a, b int) bool {
	if l := x.lowerAt(a); prepositions[l] && l != "who" && l != "whose" || x.isTimeWord(a) || x.isParticiple(a) && l != "including" || x.is(a, lexClauseOpener) && x.lowerAt(a) != "now" {
		return false
	}
	for k := a; k < b; k++ {
		t := &x.toks[k]
		if t.q >= 0 || isTerminal(t.Text) || t.Text == ";" || x.isCue(k) && x.lowerAt(k-1) != "who" {
			return false
		}
	}
	return true
}

// modifierWords describe a speaker's standing before a title or name
// ("longtime Democratic pollster …", "Republican vice-presidential
// nominee …").
var modifierWords = wordSet(`longtime veteran top senior former current outgoing incoming acting deputy interim
	retired presidential vice-presidential congressional gubernatorial conservative liberal
	progressive independent political longtime- prominent influential veteran- chief`)

// phraseStart extends a speaker mention back over the modifiers of its
// title ("longtime Democratic pollster Pat Caddell") for the source phrase.
func (x *extractor) phraseStart(at attribution) int {
	lo := x.sents[x.toks[at.s0].sent].t0
	j := at.s0
	for j-1 >= lo && j > at.s0-4 {
		t := &x.toks[j-1]
		if t.q >= 0 || !t.word {
			break
		}
		if t.cap && t.lex&lexClauseOpener == 0 && t.lex&lexDeterminer == 0 && x.capWord(j-1) && j-1 > lo || !t.cap && t.lex&lexModifier != 0 {
			j--
			continue
		}
		break
	}
	if j == at.s0 || x.toks[j].cap && x.toks[j].lex&lexModifier == 0 && j != at.s0 && !x.toks[j].cap {
		return at.s0
	}
	return j
}

// leadDescription reads a description of the speaker set off before the
// name, "Her campaign manager, Jo Ames, said" or "The head of the party,
// Jo Ames, said", which a source phrase includes. The name [s0, s1) must
// stand between commas (or before the cue) and the description must open
// its clause and end in a word for a person. It returns the description's
// first token, or s0 when there is none.
func (x *extractor) leadDescription(s0, s1 int) int {
	if s0 < 2 || s1 >= len(x.toks) || x.toks[s0-1].Text != "," || !x.capWord(s0) || x.toks[s1].Text != "," && !x.isCue(s1) && !x.is(s1, lexAux) {
		return s0
	}
	lo := x.sents[x.toks[s0].sent].t0
	e := s0 - 2 // the description's last word
	head := -1  // its head: the last word before a post-modifier
	d := e
	for ; d >= lo && d > e-12; d-- {
		t := &x.toks[d]
		if x.isPossessive(d) && d > lo && x.toks[d-1].word {
			continue // "Carter's press secretary"
		}
		// A cue word after an article or before "'s" is a noun ("The
		// state's envoy", "the report's author").
		nounCue := x.isPossessive(d+1) || d > lo && (articles[x.lowerAt(d-1)] || x.isPossessive(d-1))
		if !t.word || t.q >= 0 || x.isCue(d) && !nounCue || t.lex&(lexAux|lexPronoun) != 0 && !groupDeterminers[t.lower] {
			break
		}
		if l := t.lower; l == "of" || l == "for" || l == "at" || l == "to" || l == "on" || l == "in" {
			head = d - 1 // "The director of the Centre"
			continue
		}
		if t.lex&lexPreposition != 0 || conjunctions[t.lower] && t.lower != "and" || clauseOpeners[t.lower] && d != lo {
			break
		}
	}
	d++
	if head < 0 {
		head = e
	}
	if d > e || head < d || x.toks[d].lex&lexClauseOpener != 0 {
		return s0
	}
	// It opens a clause: at the sentence's start, after "But", a comma
	// ("Last week, the party's leader, …") or "When" ("and his rivals,
	// Obama said" joins a phrase, not a clause).
	if d != lo && x.toks[d-1].word && !(d-1 == lo && connectives[x.lowerAt(d-1)]) && !clauseSubordinators[x.lowerAt(d-1)] && !relativePronouns[x.lowerAt(d-1)] {
		return s0
	}
	o := d
	for o < e && x.capWord(o) && !x.isPossessive(o) {
		o++ // "Mr. Smith's aide"
	}
	if f := x.lowerAt(d); !determiners[f] && !(x.toks[d].cap && x.isPossessive(o)) {
		return s0 // "The party's leader", "Her aide", "Ohio's governor"
	}
	h := x.lowerAt(head)
	if h == "one" && head < e {
		// "One of his aides, Jo Ames, said"; not "One of the firms, Acme".
		n := head + 2
		for n < e && !ppPreps[x.lowerAt(n+1)] {
			n++
		}
		if l := x.lowerAt(n); x.roleWord(n) || pluralPeople[l] {
			return d
		}
		return s0
	}
	if x.toks[head].cap && !titleWords[h] || x.pluralOrPerson(head) && !personNouns[h] || !(personNouns[h] || roleNouns[h] || titleWords[h] || x.roleLike(h) && d == lo) {
		return s0 // after a comma, a role must be plain: not "After the murder, Ames said"
	}
	return d
}

// clauseSubordinators open a clause whose subject follows: "When the governor,
// Jo Ames, said …".
var clauseSubordinators = map[string]bool{"when": true, "while": true, "because": true,
	"although": true, "though": true, "if": true, "whereas": true}

// placeTail tells whether [first, j), after the comma at k, is the state
// or country of a place named just before ("from Bergen, Norway"), not a
// subject of its own.
func (x *extractor) placeTail(first, j, k int) bool {
	if k < 1 || !x.capWord(k-1) || !x.capWord(first) {
		return false
	}
	// A state or country is one word, or two after a compass word ("New
	// York", "South Dakota"); a person's name after the comma is a subject.
	switch j - first {
	case 1:
	case 2:
		switch x.lowerAt(first) {
		case "new", "north", "south", "east", "west", "rhode":
		default:
			return false
		}
	default:
		return false
	}
	p := k - 1
	for p > k-4 && p > 0 && x.capWord(p) {
		p--
	}
	switch x.lowerAt(p) {
	case "from", "in", "of", "at", "near", "outside":
		return true
	}
	return false
}

// partyAppositive tells whether [first, j) is a party tag after a name:
// "Jo Ames, D-Ore., said", "Jo Ames, Republican of Oregon, said".
func (x *extractor) partyAppositive(first, j int) bool {
	t := &x.toks[first]
	if j-first == 2 && x.toks[first+1].Text == "." {
		j-- // "D-Ore."
	}
	if j-first == 1 && t.cap && len(t.Text) <= 7 && strings.Contains(t.Text, "-") && (t.Text[0] == 'R' || t.Text[0] == 'D' || t.Text[0] == 'I') {
		return true
	}
	switch t.lower {
	case "republican", "democrat", "independent":
		l := x.lowerAt(first + 1)
		return first+1 < j && (l == "of" || l == "from")
	}
	return false
}

// notAppositives end like a word for a person but open an adverbial
// ("…, however, said", "…, eager to jab, said").
var notAppositives = map[string]bool{"however": true, "after": true, "later": true, "eager": true,
	"over": true, "under": true, "whether": true, "either": true, "neither": true, "never": true,
	"rather": true, "further": true, "together": true, "ever": true, "sooner": true, "earlier": true}

// quotationAfter tells whether a quotation opens after the cue at v and a
// comma or colon: "went on to say, “…”".
func (x *extractor) quotationAfter(v int) bool {
	k := v + 1
	if k+1 >= len(x.toks) || x.toks[k].Text != "," && x.toks[k].Text != ":" {
		return false // "come to believe "that …"": a fragment, not a quotation
	}
	return x.toks[k+1].q >= 0
}

// bareNoun tells whether the word at i is a lower-case noun for people
// that stands without a determiner: "family", "doctors".
func (x *extractor) bareNoun(i int) bool {
	if i >= len(x.toks) {
		return false
	}
	t := &x.toks[i]
	return t.word && !t.cap && t.q < 0 && !x.isCue(i) && t.lex&(lexAux|lexPreposition|lexPronoun|lexDeterminer) == 0 &&
		(x.roleWord(i) || pluralPeople[t.lower] || t.lower == "family" || t.lower == "staff" || t.lower == "team")
}

// describesRole tells whether [a, b) holds a lower-case word for a role,
// so that it describes the name before it rather than names a speaker:
// "Jo Ames, Acme's executive director, said", "Jo Ames, Oslo director
// for the fund, said".
func (x *extractor) describesRole(a, b int) bool {
	for k := a; k < b && k < a+6; k++ {
		if x.toks[k].q >= 0 || x.isCue(k) {
			return false
		}
		if x.roleWord(k) && !x.toks[k].cap {
			return true
		}
	}
	return false
}

// pastVerbs are common irregular past tenses: after a subject's noun they
// start the predicate ("The senator began", "His office put out").
var pastVerbs = map[string]bool{"began": true, "sought": true, "took": true, "put": true, "gave": true,
	"made": true, "sent": true, "wrote": true, "won": true, "lost": true, "ran": true, "spent": true,
	"went": true, "came": true, "saw": true, "found": true, "held": true, "kept": true, "left": true,
	"met": true, "paid": true, "brought": true, "bought": true, "felt": true, "got": true, "had": true,
	"did": true, "became": true, "chose": true, "drew": true, "fell": true, "rose": true, "struck": true,
	"stood": true, "spoke": true, "threw": true, "broke": true, "hit": true, "cut": true, "set": true}

// lyAdverb tells whether the word at i is an adverb in -ly ("later",
// "repeatedly") and not a noun ("family", "ally", "rally"), which follows
// an owner or an article.
func (x *extractor) lyAdverb(i int) bool {
	t := &x.toks[i]
	if !t.word || t.cap || !strings.HasSuffix(t.lower, "ly") || lyNouns[t.lower] {
		return false
	}
	return i == 0 || !x.isPossessive(i-1) && !articles[x.lowerAt(i-1)]
}

var lyNouns = map[string]bool{"family": true, "ally": true, "rally": true, "assembly": true, "supply": true,
	"monopoly": true, "anomaly": true, "bully": true, "daily": true, "weekly": true, "quarterly": true}
