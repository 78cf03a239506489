package entity

import (
	"cmp"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsquotes/newsquotes/internal/text"
)

// mention is a typed token span found in the document, before clustering.
type mention struct {
	a, b   int // token range [a, b)
	typ    Type
	title  string // title phrase before (or inside) the name, if any
	ta, tb int    // token range of the title phrase (ta == tb: none)
	appos  string // title in an appositive after the name, if any
	key    string // Key of the surface text
	entity int    // cluster index
}

// Extract finds and clusters the entities of a document: a structured
// perceptron tags PER/ORG/LOC spans sentence by sentence (with gazetteer and
// document-level case features), then rule passes split off titles, make
// types consistent per surface form, add missed repeats and surname-only
// mentions, and cluster mentions into entities (same key, surname, acronym,
// organisation head, gazetteer variants).
func Extract(doc *text.Document) []Entity {
	if doc == nil || len(doc.Tokens) == 0 {
		return []Entity{}
	}
	loadAll()
	m, err := loadModel()
	if err != nil {
		slog.Error("entity model", "err", err)
		return []Entity{}
	}
	sc := scratchPool.Get().(*tagScratch)
	defer sc.release()
	x := &extractor{doc: doc, m: m, g: loadGazetteer(), sc: sc, ms: sc.ms[:0]}
	x.tag()
	x.indexBytes()
	x.indexTokens()
	x.refine()
	x.consistency()
	es := x.cluster()
	sc.ms = x.ms
	return es
}

type extractor struct {
	doc      *text.Document
	m        *model
	g        *gazetteer
	lower    []uint64 // lower-case hash per token
	gazb     []uint16 // gazetteer bits per token
	ms       []mention
	titleTok []bool // tokens inside a title phrase
	sc       *tagScratch
	// tokByte: each token's byte offset in doc.Text, when the text is valid
	// UTF-8 (nil otherwise), so that a mention's surface is a substring.
	tokByte []int32
	sentOf  []int32 // doc.SentenceOfToken of each token
	// Tokens the per-token rules may act on, in order: capitalised, or
	// words of acronym shape (capToks); reporting and human verbs
	// (verbToks); third-person personal pronouns (personalToks).
	capToks, verbToks, personalToks []int32
	// tokBits: per token, its word's rule bits (low byte), tUpper and
	// tWord: the rules' most asked facts, in 2 bytes a token instead of
	// behind two indirections.
	tokBits []uint16
}

// sent is x.doc.SentenceOfToken(i), looked up.
func (x *extractor) sent(i int) int {
	if i < 0 || i >= len(x.sentOf) {
		return -1
	}
	return int(x.sentOf[i])
}

// indexTokens sets x.sentOf: the sentence holding each token's first
// code point, or -1, as SentenceOfToken finds it by binary search, in one
// pass (tokens and sentences are in text order); and x.capToks,
// x.verbToks and x.personalToks; and x.tokBits (here, not while
// interning, so that the tagger does not pay for what only the rules
// read).
func (x *extractor) indexTokens() {
	d := x.doc
	sc := x.sc
	sc.tokBits = grow(sc.tokBits, len(d.Tokens))
	x.tokBits = sc.tokBits
	caps, verbs, personal := sc.capToks[:0], sc.verbToks[:0], sc.personalToks[:0]
	const some = tUpper | uint16(wAcronymShape|wReporting|wHuman|wPersonal)
	for i, id := range sc.typeOf[:len(d.Tokens)] {
		b := sc.types[id].bits
		if d.Tokens[i].Kind == text.Word {
			b |= tWord
		}
		x.tokBits[i] = b
		if b&some == 0 {
			continue // most tokens
		}
		if b&tUpper != 0 || b&tWord != 0 && uint8(b)&wAcronymShape != 0 {
			caps = append(caps, int32(i))
		}
		if uint8(b)&(wReporting|wHuman) != 0 {
			verbs = append(verbs, int32(i))
		}
		if b&tWord != 0 && uint8(b)&wPersonal != 0 {
			personal = append(personal, int32(i))
		}
	}
	x.capToks, x.verbToks, x.personalToks = caps, verbs, personal
	x.sc.capToks, x.sc.verbToks, x.sc.personalToks = caps, verbs, personal
	x.sc.sentOf = grow(x.sc.sentOf, len(d.Tokens))
	x.sentOf = x.sc.sentOf
	ss := d.Sentences
	toks := d.Tokens
	sentOf := x.sentOf[:len(toks)]
	si := -1 // the last sentence starting at or before the token
	for i := range sentOf {
		pos := toks[i].Start
		for si+1 < len(ss) && ss[si+1].Start <= pos {
			si++
		}
		if si >= 0 && pos < ss[si].End {
			sentOf[i] = int32(si)
		} else {
			sentOf[i] = -1
		}
	}
}

func (x *extractor) tok(i int) string { return x.doc.Tokens[i].Text }

// contraction is isContraction of token i's text, computed once per word.
func (x *extractor) contraction(i int) bool { return x.tokBits[i]&uint16(wContraction) != 0 }

// upper is startsUpper of token i's text, computed once per word.
func (x *extractor) upper(i int) bool { return x.tokBits[i]&tUpper != 0 }

// rule is the w* bits of token i's word.
func (x *extractor) rule(i int) uint8 { return uint8(x.tokBits[i]) }

// isWord tells whether token i is of kind text.Word.
func (x *extractor) isWord(i int) bool { return x.tokBits[i]&tWord != 0 }

// word returns the tagger's word for token i, which caches facts the
// rules ask about every token.
func (x *extractor) word(i int) *word { return x.sc.types[x.sc.typeOf[i]] }

// key is Key of token i's text, computed once per word.
func (x *extractor) key(i int) string {
	w := x.word(i)
	if !w.keyOK {
		w.key, w.keyOK = Key(x.tok(i)), true
	}
	return w.key
}

// mentionKey is Key(x.surface(m)); a one-word mention's is its word's,
// computed once per word (the surface is the token's text when tokByte
// is set).
func (x *extractor) mentionKey(m mention) string {
	if m.b-m.a == 1 && x.tokByte != nil {
		return x.key(m.a)
	}
	// The rules ask again for the keys of the spans they move or join.
	span := [2]int32{int32(m.a), int32(m.b)}
	if k, ok := x.sc.spanKeys[span]; ok {
		return k
	}
	k := Key(x.surface(m))
	x.sc.spanKeys[span] = k
	return k
}

// folded is strings.ToLower of token i's text, computed once per word.
func (x *extractor) folded(i int) string { return x.word(i).folded }

// fieldsAtMost tells whether len(strings.Fields(s)) <= n, without
// building the fields.
func fieldsAtMost(s string, n int) bool {
	fields, in := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			if fields++; fields > n {
				return false
			}
		}
	}
	return true
}

func (x *extractor) tag() {
	d := x.doc
	s := x.sc
	s.internTypes(d, x.g)
	x.lower = s.lower
	s.gazb = grow(s.gazb, len(d.Tokens))
	x.gazb = s.gazb
	var fs []uint64
	for _, st := range d.SentenceTokens {
		ts := s.prepareSentence(d, st, x.g)
		fs = s.tagSentence(x.m, ts, st, fs)
		cur := -1
		for i, l := range s.labels {
			ti := st.Start + i
			if l == lO || l%2 == 1 || cur < 0 {
				cur = -1
				if l != lO {
					x.ms = append(x.ms, mention{a: ti, b: ti + 1, typ: labelType(l)})
					cur = len(x.ms) - 1
				}
				continue
			}
			x.ms[cur].b = ti + 1
		}
	}
}

func labelType(l int) Type {
	switch (l + 1) / 2 {
	case 1:
		return Person
	case 2:
		return Org
	}
	return Loc
}

func isWordTok(t text.Token) bool { return t.Kind == text.Word || t.Kind == text.Number }

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

var lowerConnectors = map[string]bool{
	"of": true, "the": true, "and": true, "for": true, "de": true, "du": true, "la": true,
	"le": true, "von": true, "van": true, "der": true, "den": true, "del": true, "da": true,
	"di": true, "al": true, "bin": true, "on": true, "in": true, "&": true, "y": true,
}

// refine trims spans, splits titles off person names, types places, and
// drops spans that are not names.
func (x *extractor) refine() {
	toks := x.doc.Tokens
	x.splitHeadlineNames()
	out := x.ms[:0]
	extended := false
	for _, m := range x.ms {
		// Trim punctuation, quotes, possessives, contractions ("I’m",
		// "Can’t") and lower-case edge words.
		contraction := false
		for m.a < m.b && (!isWordTok(toks[m.a]) || x.rule(m.a)&wConnectorFolded != 0 && !x.upper(m.a) || x.contraction(m.a)) {
			contraction = contraction || x.contraction(m.a)
			m.a++
		}
		for m.b > m.a && (!isWordTok(toks[m.b-1]) || isPossessive(toks[m.b-1].Text) || lowerConnectors[toks[m.b-1].Text] || x.contraction(m.b-1)) {
			contraction = contraction || x.contraction(m.b-1)
			m.b--
		}
		if m.a >= m.b {
			continue
		}
		// What is left of "As I’ve" is no name.
		if contraction && m.b-m.a == 1 && x.gazb[m.a]&gLexLower != 0 && x.gazb[m.a]&gGiven == 0 {
			continue
		}
		if m.typ == Person && m.b-m.a == 1 && x.tokBits[m.a]&tPronoun != 0 {
			continue // a sentence-initial "He" or "She"
		}
		if m.b-m.a == 1 && notOrgAcronyms[toks[m.a].Text] {
			continue // "BC", "GDP", "CEO": abbreviations, not names
		}
		if m.typ == Person && m.b-m.a == 1 && isCompoundNoun(x.folded(m.a)) {
			continue // "Obamacare", "Bridgegate": named after a person, not one
		}
		if m.typ == Person {
			// Name particles join the name: "Piet van Dam", "Bashar al-Assad".
			if b := x.particleEnd(m.b); b > m.b {
				m.b, extended = b, true
			}
			// A leading nationality is not part of a name: "Scotsman James Watt".
			for m.b-m.a >= 2 && x.gazb[m.a]&anyDemonym != 0 && x.gazb[m.a+1]&anyTitle == 0 && x.gazb[m.a]&gGiven == 0 {
				m.a++
			}
			// Leading title words inside the span: "President Zelenskiy".
			t := -1
			for i := m.a; i < m.b-1; i++ {
				if x.gazb[i]&anyTitle != 0 {
					t = i
				} else if x.gazb[i]&anyDemonym != 0 || (x.upper(i) && x.gazb[i]&gGiven == 0 && t < 0 && i+1 < m.b && x.gazb[i+1]&anyTitle != 0) {
					continue
				} else {
					break
				}
			}
			if t >= 0 {
				m.title = x.spanText(m.a, t+1)
				m.ta, m.tb = m.a, t+1
				m.a = t + 1
			}
			if m.title == "" {
				m.ta, m.tb = x.titleBefore(m.a)
				if m.tb > m.ta {
					m.title = x.spanText(m.ta, m.tb)
				}
			}
			m.appos = x.appositiveTitle(m.b)
			// An epithet belongs to a lone given name: "Louis the German",
			// "Alfred the Great".
			// The epithet is common words or a nationality, not a name.
			epithet := func(i int) bool {
				return i < len(toks) && toks[i].Kind == text.Word && x.upper(i) && !isAcronymShape(toks[i].Text) &&
					x.gazb[i]&(gLexLower|anyDemonym) != 0 && x.gazb[i]&(anyTitle|gOrgWord) == 0 &&
					x.sent(i) == x.sent(m.a)
			}
			if m.b-m.a == 1 && x.gazb[m.a]&gGiven != 0 && m.b+1 < len(toks) && toks[m.b].Text == "the" && epithet(m.b+1) {
				m.b += 2
				for m.b-m.a < 5 && epithet(m.b) {
					m.b++
				}
				extended = true
			}
			// Regnal numbers belong to the name: "Henry VIII", "Amyntas I".
			if m.b < len(toks) && romanNumerals[toks[m.b].Text] && toks[m.b].Start-toks[m.b-1].End == 1 &&
				x.sent(m.b) == x.sent(m.a) {
				m.b++
			}
		}
		// A name ending in a place's head word is a place: "Pearl Harbor",
		// "Hudson River". Not "Park": a family name too.
		if m.typ == Person && m.b-m.a >= 2 && x.upper(m.b-1) && toks[m.b-1].Text != "Park" &&
			locHeads[x.folded(m.b-1)] {
			m.typ, m.title, m.ta, m.tb, m.appos = Loc, "", 0, 0, ""
		}
		// A one- or two-word "person" that is exactly a province or state
		// ("Sichuan", "Emilia-Romagna") is that place, unless a title or
		// given name comes before it ("Governor Sichuan" is a person).
		if m.typ == Person && m.ta == m.tb && (m.a == 0 || x.gazb[m.a-1]&(anyTitle|gGiven) == 0) {
			if x.g.admin[x.mentionKey(m)] && fieldsAtMost(x.surface(m), 2) {
				m.typ, m.title, m.ta, m.tb, m.appos = GPE, "", 0, 0, ""
			}
		}
		// A lone demonym ("Ukrainian", "Europeans") is a NORP, not a name.
		if m.b-m.a == 1 && x.gazb[m.a]&(gCountry|gCity|gRegion) == 0 && (x.gazb[m.a]&anyDemonym != 0 || x.pluralDemonym(m.a)) {
			m.typ = NORP
		}
		// A lone title word is not a name.
		if m.b-m.a == 1 && x.gazb[m.a]&anyTitle != 0 && m.typ == Person {
			continue
		}
		if !hasUpperWord(toks[m.a:m.b]) {
			continue
		}
		out = append(out, m)
	}
	x.ms = out
	if extended { // drop what an extended name now covers
		out = x.ms[:0]
		end := -1
		for _, m := range x.ms {
			if m.a < end && m.b <= end {
				continue
			}
			if m.b > end {
				end = m.b
			}
			out = append(out, m)
		}
		x.ms = out
	}
	// Demonyms inside a title ("Ukrainian President") are part of the title.
	x.sc.titleTok = grow(x.sc.titleTok, len(toks))
	x.titleTok = x.sc.titleTok
	for _, m := range x.ms {
		for i := m.ta; i < m.tb; i++ {
			x.titleTok[i] = true
		}
	}
	out = x.ms[:0]
	for _, m := range x.ms {
		if m.typ == NORP && x.titleTok[m.a] {
			continue
		}
		out = append(out, m)
	}
	x.ms = out
	for i := range x.ms {
		x.ms[i].key = x.mentionKey(x.ms[i])
		if x.ms[i].typ == Loc {
			x.ms[i].typ = x.placeType(x.ms[i])
		}
	}
}

// splitHeadlineNames splits person spans at verbs in title-case lines,
// where capitalisation says nothing: "Chris Christie Calls Hillary Clinton"
// names two people, and "Chris Christie Calls" one.
func (x *extractor) splitHeadlineNames() {
	var out []mention
	for mi, m := range x.ms {
		if m.typ != Person || m.b-m.a < 3 || !x.headlineCase(m.a) {
			if out != nil {
				out = append(out, m)
			}
			continue
		}
		a := m.a
		var parts []mention
		for k := m.a + 1; k < m.b; k++ {
			if x.headlineVerb(k) {
				if k > a {
					parts = append(parts, mention{a: a, b: k, typ: Person})
				}
				a = k + 1
			}
		}
		if len(parts) == 0 && a == m.a {
			if out != nil {
				out = append(out, m)
			}
			continue
		}
		if a < m.b {
			parts = append(parts, mention{a: a, b: m.b, typ: Person})
		}
		if out == nil {
			out = append(make([]mention, 0, len(x.ms)+2), x.ms[:mi]...)
		}
		out = append(out, parts...)
	}
	if out != nil {
		x.ms = out
	}
}

// headlineVerb tells whether token k of a title-case line is a verb glued
// between names: a common lower-case word (never a name) with a verb's
// ending or a reporting verb ("Calls", "Slams", "Says", "Endorsed").
func (x *extractor) headlineVerb(k int) bool {
	if x.gazb[k]&(gGiven|gSurname|gLexProper|anyTitle|anyDemonym) != 0 || x.gazb[k]&gLexLower == 0 {
		return false
	}
	w := x.folded(k)
	if reportingVerbs[w] || humanVerbs[w] {
		return true
	}
	n := len(w)
	return n >= 4 && (w[n-1] == 's' && w[n-2] != 's' && w[n-2] != 'u' && w[n-2] != 'i' || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing"))
}

// isContraction tells whether w is a pronoun or verb contraction ("I’m",
// "Can’t", "we’ve"), never part of a name ("O’Brien", "D’Souza").
func isContraction(w string) bool {
	i := strings.LastIndexAny(w, "'’")
	if i <= 0 {
		return false
	}
	_, size := utf8.DecodeRuneInString(w[i:])
	switch w[i+size:] {
	case "m", "ve", "ll", "re", "d", "t":
		return true
	}
	return false
}

// isCompoundNoun tells whether a capitalised word is a noun made from a
// name ("Obamacare", "Watergate"), not a name.
func isCompoundNoun(l string) bool {
	for _, suf := range [...]string{"care", "gate", "mania", "nomics", "ism"} {
		if len(l) >= len(suf)+3 && strings.HasSuffix(l, suf) {
			return true
		}
	}
	return false
}

// pronouns are never names.
var pronouns = map[string]bool{
	"he": true, "she": true, "it": true, "they": true, "we": true, "i": true, "you": true,
	"his": true, "her": true, "him": true, "them": true, "their": true, "its": true,
}

// nameParticles join the words of a name: "van Dam", "de la Cruz".
var nameParticles = map[string]bool{
	"van": true, "von": true, "de": true, "da": true, "del": true, "della": true, "der": true,
	"den": true, "di": true, "du": true, "la": true, "le": true, "bin": true, "ibn": true,
	"al": true, "el": true, "dos": true, "das": true, "ter": true, "ten": true,
}

// particleEnd extends a person name ending before token b over name
// particles and the capitalised word after them ("van der Dam"), or over
// an Arabic article glued to a name ("al-Assad"); it returns the new end.
func (x *extractor) particleEnd(b int) int {
	toks := x.doc.Tokens
	adjacent := func(i int) bool {
		return i < len(toks) && toks[i].Start-toks[i-1].End <= 1 && x.sent(i) == x.sent(i-1)
	}
	if adjacent(b) && toks[b].Kind == text.Word {
		if w := toks[b].Text; len(w) > 3 && (strings.HasPrefix(w, "al-") || strings.HasPrefix(w, "el-") || strings.HasPrefix(w, "bin-")) {
			if r, _ := utf8.DecodeRuneInString(w[strings.IndexByte(w, '-')+1:]); unicode.IsUpper(r) {
				return b + 1
			}
		}
	}
	j := b
	for j < b+2 && adjacent(j) && nameParticles[toks[j].Text] {
		j++
	}
	if j > b && adjacent(j) && toks[j].Kind == text.Word && x.upper(j) && x.gazb[j]&(anyTitle|gOrgWord) == 0 {
		return j + 1
	}
	return b
}

func hasUpperWord(ts []text.Token) bool {
	for _, t := range ts {
		if startsUpper(t.Text) {
			return true
		}
	}
	return false
}

func isPossessive(s string) bool {
	return s == "'s" || s == "’s" || s == "'" || s == "’" || s == "'S" || s == "’S"
}

// titleBefore returns the title phrase right before token a: a title word
// adjacent to the name, extended left over capitalised words, demonyms and
// further title words ("European Council President", "Ukrainian President").
func (x *extractor) titleBefore(a int) (int, int) {
	toks := x.doc.Tokens
	i := a - 1
	if i < 0 || x.gazb[i]&anyTitle == 0 || x.sent(i) != x.sent(a) {
		return a, a
	}
	first := i
	for j := i - 1; j >= 0 && a-j <= 6; j-- {
		t := toks[j]
		if t.Kind != text.Word || toks[j+1].Start-t.End > 1 {
			break
		}
		if x.gazb[j]&(anyTitle|anyDemonym) != 0 || (startsUpper(t.Text) && j > 0 && isWordTok(toks[j-1]) && !x.upper(j-1)) || (startsUpper(t.Text) && x.gazb[j] != 0) {
			first = j
			continue
		}
		if startsUpper(t.Text) && (j == 0 || !isWordTok(toks[j-1]) || x.upper(j-1) || x.gazb[j-1]&(anyTitle|anyDemonym) != 0) {
			first = j
			continue
		}
		if titleModifiers[t.Text] {
			first = j
			continue
		}
		break
	}
	// Do not start a title with a sentence-initial function word.
	for first < i && (!x.upper(first) && !titleModifiers[toks[first].Text] || isArticle(toks[first].Text)) {
		first++
	}
	return first, i + 1
}

var romanNumerals = map[string]bool{
	"I": true, "II": true, "III": true, "IV": true, "V": true, "VI": true, "VII": true,
	"VIII": true, "IX": true, "X": true, "XI": true, "XII": true, "XIII": true, "XIV": true,
	"XV": true, "XVI": true, "XVII": true, "XVIII": true,
}

// pluralDemonym tells whether token i is the plural of a nationality
// ("Europeans", "Slavs").
func (x *extractor) pluralDemonym(i int) bool {
	w := x.tok(i)
	if len(w) < 4 || w[len(w)-1] != 's' {
		return false
	}
	return x.g.single[hashLower(w[:len(w)-1])]&anyDemonym != 0
}

var locHeads = map[string]bool{
	"square": true, "river": true, "sea": true, "ocean": true, "mountain": true,
	"mountains": true, "mount": true, "lake": true, "bay": true, "gulf": true, "street": true,
	"avenue": true, "road": true, "valley": true, "desert": true, "island": true,
	"islands": true, "peninsula": true, "strait": true, "coast": true, "park": true,
	"bridge": true, "canal": true, "forest": true, "hills": true, "region": true,
	"plain": true, "plains": true, "cape": true, "basin": true, "channel": true,
	"harbor": true, "harbour": true,
}

// placeCategory is x.g.placeCategory(x.surface(m)), with the mention's
// key from mentionKey.
func (x *extractor) placeCategory(m mention) uint16 {
	return x.g.catOf[x.mentionKey(m)] & (gCountry | gCity | gRegion)
}

func (x *extractor) placeType(m mention) Type {
	switch c := x.placeCategory(m); {
	case c&(gCountry|gCity) != 0:
		return GPE
	case c&gRegion != 0:
		return Loc
	}
	if locHeads[x.folded(m.b-1)] {
		return Loc
	}
	return GPE
}

func (x *extractor) surface(m mention) string { return x.spanText(m.a, m.b) }

// spanText is the text of tokens [a, b): a substring of the document's
// text, not a copy, when x.tokByte is set.
func (x *extractor) spanText(a, b int) string {
	toks := x.doc.Tokens
	if x.tokByte != nil {
		return x.doc.Text[x.tokByte[a] : int(x.tokByte[b-1])+len(toks[b-1].Text)]
	}
	return x.doc.Slice(text.Span{Start: toks[a].Start, End: toks[b-1].End})
}

// indexBytes sets x.tokByte, for surface.
func (x *extractor) indexBytes() {
	s := x.sc
	s.tokByte = grow(s.tokByte, len(x.doc.Tokens))
	if tokenBytes(x.doc, s.tokByte) {
		x.tokByte = s.tokByte
	}
}

// tokenBytes sets buf[i] to the byte offset of token i in d.Text. It
// reports false when d.Text is not valid UTF-8: then a code point of
// d.Runes may stand for bytes it does not encode to, and only d.Slice is
// right.
func tokenBytes(d *text.Document, buf []int32) bool {
	if !utf8.ValidString(d.Text) {
		return false
	}
	// Step over the text's bytes, not d.Runes: the text is four times
	// smaller, and ValidString just read it into the cache.
	s := d.Text
	off, r := 0, 0 // the byte offset of code point r
	for i, t := range d.Tokens {
		for ; r < t.Start; r++ {
			if s[off] < utf8.RuneSelf {
				off++
			} else {
				_, w := utf8.DecodeRuneInString(s[off:])
				off += w
			}
		}
		buf[i] = int32(off)
		off += len(t.Text)
		r = t.End
	}
	return true
}

// consistency gives every surface form one type (the majority, ties to the
// first), then adds mentions the tagger missed: repeats of a multi-word name
// or acronym, surnames of people and heads of organisations ("the Council"
// after "European Council").
// vote is the types a surface form's mentions have, and the first one.
type vote struct {
	n     typeCounts
	first Type
}

func (x *extractor) consistency() {
	x.orgOfRuns()
	// Known names keep their gazetteer type: "EU" is an organisation even in
	// a headline where it looks like a place.
	for i := range x.ms {
		m := &x.ms[i]
		if m.typ == Person || m.typ == NORP {
			continue
		}
		switch c := x.g.catOf[m.key]; {
		case c&(gOrg|gOrgRule) != 0:
			m.typ = Org
		case c&(gCountry|gCity) != 0:
			m.typ = GPE
		case c&gRegion != 0:
			m.typ = Loc
		}
	}
	x.regnalNames()
	// "in front of St. Michael", "the church of St. Peter": after a
	// preposition a saint's name names the church, a place.
	for i := range x.ms {
		m := &x.ms[i]
		if m.typ == Person && m.a > 1 && saintWords[x.tok(m.a-1)] && churchPrepositions[x.tok(m.a-2)] &&
			x.sent(m.a-2) == x.sent(m.a) {
			for j := m.ta; j < m.tb; j++ {
				x.titleTok[j] = false
			}
			m.a--
			m.typ, m.title, m.ta, m.tb, m.appos = Loc, "", 0, 0, ""
			m.key = x.mentionKey(*m)
		}
	}
	// A known given name and one more word is a person's name, whatever
	// the tagger thought ("Walt Disney"), unless the word is a place or an
	// organisation's head ("Victoria Station") or the name is a province
	// ("Emilia-Romagna").
	for i := range x.ms {
		m := &x.ms[i]
		if m.typ == Person || m.typ == NORP || m.b-m.a != 2 || x.gazb[m.a]&gGiven == 0 ||
			x.gazb[m.a]&(gLexLower|gGeo|gCountry|gCity|gRegion|gOrg|gOrgRule) != 0 ||
			x.gazb[m.a+1]&(gOrgWord|gGeo|gCountry|gCity|gRegion|gOrg|gOrgRule|gLexLower|anyTitle|anyDemonym) != 0 ||
			locHeads[x.folded(m.a+1)] || x.g.catOf[m.key] != 0 || x.g.admin[m.key] || !x.upper(m.a+1) {
			continue
		}
		m.typ = Person
	}
	x.pronounSubjects()
	// A word that is the surname of a full name in this article refers to
	// that person ("Paris" after "Valeska Paris").
	surnames := x.sc.surnames
	for _, m := range x.ms {
		if m.typ == Person && m.b-m.a >= 2 && x.gazb[m.b-1]&anyDemonym == 0 {
			last := m.b - 1
			if romanNumerals[x.tok(last)] {
				last-- // "Thutmose" after "Thutmose III"
			}
			surnames[x.key(last)] = true
		}
	}
	// A word that is part of an organisation's name in this article and is
	// no one's surname names that organisation ("Scientology" after "Church
	// of Scientology").
	orgInner := x.sc.orgInner
	for _, m := range x.ms {
		if m.typ == Org && m.b-m.a >= 2 {
			for i := m.a; i < m.b; i++ {
				if x.upper(i) && x.gazb[i]&(gOrgWord|anyTitle|gCountry|gCity|gRegion|gGiven|anyDemonym) == 0 && x.rule(i)&wConnectorFolded == 0 {
					orgInner[x.key(i)] = true
				}
			}
		}
	}
	for i := range x.ms {
		m := &x.ms[i]
		if m.b-m.a == 1 && m.typ != Person && m.typ != NORP && surnames[m.key] {
			m.typ = Person
		}
		if m.b-m.a == 1 && m.typ == Person && !surnames[m.key] && orgInner[m.key] {
			m.typ = Org
		}
	}
	votes := x.sc.votes // key -> index in vs
	clear(votes)
	vs := x.sc.vs[:0]
	for _, m := range x.ms {
		vi, ok := votes[m.key]
		if !ok {
			vi = len(vs)
			vs = append(vs, vote{first: m.typ})
			votes[m.key] = vi
		}
		vs[vi].n.add(m.typ)
	}
	for i := range x.ms {
		v := &vs[votes[x.ms[i].key]]
		best, bn := v.first, v.n.of(v.first)
		for _, c := range v.n.c[:v.n.n] {
			if c.n > bn {
				best, bn = c.t, c.n
			}
		}
		x.ms[i].typ = best
	}
	x.sc.vs = vs
	x.theNames(surnames)

	toks := x.doc.Tokens
	x.sc.covered = grow(x.sc.covered, len(toks))
	covered := x.sc.covered
	for _, m := range x.ms {
		for i := m.a; i < m.b; i++ {
			covered[i] = true
		}
	}
	// A reporting verb right after capitalised words the tagger left alone
	// names a speaker: "Rafferty said", "Van Sickle told reporters". An
	// unknown "place" that says something is a person too.
	x.sc.endsAt = grow(x.sc.endsAt, len(toks)+1)
	endsAt := x.sc.endsAt // token -> 1 + the last mention ending there, 0: none
	for mi, m := range x.ms {
		endsAt[m.b] = int32(mi) + 1
	}
	for _, tv := range x.verbToks {
		v := int(tv)
		// i: where the subject ends; "was born" and "has died" skip the auxiliary.
		i := v
		switch {
		case x.rule(v)&(wReporting|wHuman) != 0:
			if v > 0 && auxiliaries[toks[v-1].Text] {
				i = v - 1
			}
		default:
			continue
		}
		if i == 0 || toks[v].Text == "born" && i == v {
			continue
		}
		if mi := int(endsAt[i]) - 1; mi >= 0 {
			m := &x.ms[mi]
			if m.typ == Org && m.b-m.a == 1 && !isAcronymShape(x.tok(m.a)) && x.gazb[m.a]&(gOrg|gOrgRule|gOrgWord|gLexLower) == 0 && x.g.catOf[m.key]&(gOrg|gOrgRule) == 0 {
				m.typ = Person // an unknown one-word "organisation" that speaks
			} else if (m.typ == GPE || m.typ == Loc) && x.placeCategory(*m) == 0 && !x.g.admin[m.key] {
				known := false
				for j := m.a; j < m.b; j++ {
					known = known || x.gazb[j]&(gGeo|gCountry|gCity|gRegion) != 0
				}
				if !known {
					m.typ = Person
				}
			}
			continue
		}
		a := i
		for a > 0 && i-a < 3 && !covered[a-1] && !x.titleTok[a-1] && toks[a-1].Kind == text.Word && x.upper(a-1) &&
			x.gazb[a-1]&(anyTitle|anyDemonym|gOrg|gOrgWord|gCountry|gCity|gRegion) == 0 && !isAcronymShape(toks[a-1].Text) && !x.contraction(a-1) && toks[a].Start-toks[a-1].End <= 1 {
			a--
		}
		if a == i || (i-a == 1 && (x.tokBits[a]&tPronoun != 0 || x.gazb[a]&gLexLower != 0 && !humanVerbs[toks[v].Text])) || x.sent(a) != x.sent(i) {
			continue
		}
		// Only at the start of a clause: sentence start or after a comma,
		// quote or conjunction.
		if a > 0 {
			p := toks[a-1]
			if !(p.Kind == text.QuoteMark || p.Text == "," || p.Text == "and" || p.Text == "but" || x.sent(a-1) != x.sent(a)) {
				continue
			}
		}
		nm := mention{a: a, b: i, typ: Person}
		nm.key = x.mentionKey(nm)
		x.ms = append(x.ms, nm)
		for j := a; j < i; j++ {
			covered[j] = true
		}
	}
	x.sortByStart()
	// Candidate forms: multi-word names as hash sequences; one-word names
	// and person surnames by Key, so other spellings match ("Zelenskyy").
	forms := x.sc.nameForms[:0]
	singles := x.sc.singles
	seen := x.sc.seen
	for _, m := range x.ms {
		if m.typ == NORP {
			continue
		}
		if m.b-m.a == 1 {
			if _, ok := singles[m.key]; !ok && x.upper(m.a) {
				singles[m.key] = m.typ
			}
			continue
		}
		if !seen[m.key] {
			seen[m.key] = true
			forms = append(forms, nameForm{seq: x.lower[m.a:m.b], typ: m.typ})
		}
		if m.typ == Person {
			last := m.b - 1
			if romanNumerals[x.tok(last)] && last > m.a {
				last--
			}
			k := x.key(last)
			if _, ok := singles[k]; !ok && x.upper(last) && x.gazb[last]&(anyTitle|anyDemonym) == 0 && !romanNumerals[x.tok(last)] {
				singles[k] = Person
			}
		}
	}
	// The forms by first word: lists in nodes, latest form first.
	byFirst := x.sc.byFirst
	nodes := x.sc.formNodes[:0]
	for i, f := range forms {
		nodes = append(nodes, keyCl{ci: int32(i), next: byFirst[f.seq[0]]})
		byFirst[f.seq[0]] = int32(len(nodes))
	}
	x.sc.nameForms, x.sc.formNodes = forms, nodes
	added := x.sc.added[:0]
	next := 0 // the first token after the last repeat found
	for _, ti := range x.capToks {
		i := int(ti)
		if i < next || covered[i] || x.titleTok[i] || !x.upper(i) || !x.isWord(i) {
			continue
		}
		n := 0
		var typ Type
		// The longest form that matches, the earliest of equal length:
		// the list runs from the latest form, so an equal one replaces.
		for nd := byFirst[x.lower[i]]; nd > 0; nd = nodes[nd-1].next {
			f := forms[nodes[nd-1].ci]
			if i+len(f.seq) > len(toks) || len(f.seq) < n {
				continue
			}
			ok := true
			for j, h := range f.seq {
				if covered[i+j] || x.lower[i+j] != h {
					ok = false
					break
				}
			}
			if ok {
				n, typ = len(f.seq), f.typ
			}
		}
		if n == 0 && len(singles) > 0 {
			// Not a word that continues into another capitalised word
			// ("Michel" in "Michel Barnier" is someone else).
			next := i+1 < len(toks) && toks[i+1].Kind == text.Word && x.upper(i+1) && toks[i+1].Start-toks[i].End <= 1
			if t, ok := singles[x.key(i)]; ok && !next {
				n, typ = 1, t
			}
		}
		if n == 0 {
			continue
		}
		nm := mention{a: i, b: i + n, typ: typ}
		if nm.typ == Person {
			nm.ta, nm.tb = x.titleBefore(i)
			if nm.tb > nm.ta {
				nm.title = x.spanText(nm.ta, nm.tb)
				for j := nm.ta; j < nm.tb; j++ {
					x.titleTok[j] = true
				}
			}
		}
		nm.key = x.mentionKey(nm)
		added = append(added, nm)
		for j := nm.a; j < nm.b; j++ {
			covered[j] = true
		}
		next = nm.b
	}
	// Capitalised runs that end in an organisation word: "European Parliament".
	next = 0
	for _, ti := range x.capToks {
		i := int(ti)
		if i < next || covered[i] || !x.upper(i) || !x.isWord(i) || x.gazb[i]&anyTitle != 0 {
			continue
		}
		j := i
		for j < len(toks) && !covered[j] && toks[j].Kind == text.Word && (x.upper(j) || lowerConnectors[toks[j].Text] && toks[j].Text != "and" && j+1 < len(toks) && x.upper(j+1)) {
			j++
		}
		a := i
		if strings.EqualFold(toks[a].Text, "the") {
			a++
		}
		if j-a >= 2 && x.gazb[j-1]&gOrgWord != 0 && !x.headlineCase(i) {
			nm := mention{a: a, b: j, typ: Org}
			nm.key = x.mentionKey(nm)
			added = append(added, nm)
			for k := a; k < j; k++ {
				covered[k] = true
			}
		}
		next = j + 1
	}
	// Acronyms: an all-capitals word the tagger left alone is an
	// organisation, unless it is a common word ("WHO" stays unless in
	// brackets) or the sentence is a shouted headline.
	for _, ti := range x.capToks {
		i := int(ti)
		if covered[i] || x.titleTok[i] || !x.isWord(i) || x.rule(i)&(wRoman|wNotOrgAcronym|wAcronymShape) != wAcronymShape {
			continue
		}
		bracketed := i > 0 && i+1 < len(toks) && toks[i-1].Text == "(" && toks[i+1].Text == ")"
		if x.gazb[i]&(gLexLower|gCountry|gCity|gRegion|anyDemonym|anyTitle) != 0 && !bracketed || x.headlineCase(i) && !bracketed {
			continue
		}
		nm := mention{a: i, b: i + 1, typ: Org}
		if c := x.g.catOf[x.key(i)]; c&(gCountry|gCity) != 0 {
			nm.typ = GPE
		}
		nm.key = x.key(i)
		added = append(added, nm)
		covered[i] = true
	}
	// Organisation heads: "the Council" after "European Council".
	heads := x.sc.heads
	for _, m := range x.ms {
		if m.typ == Org && m.b-m.a >= 2 && x.gazb[m.b-1]&gOrgWord != 0 {
			heads[x.lower[m.b-1]] = true
		}
	}
	for _, ti := range x.capToks {
		i := int(ti)
		if i >= 1 && !covered[i] && x.upper(i) && heads[x.lower[i]] && strings.EqualFold(toks[i-1].Text, "the") &&
			!(i+1 < len(toks) && x.upper(i+1) && toks[i+1].Kind == text.Word) {
			nm := mention{a: i, b: i + 1, typ: Org}
			nm.key = x.mentionKey(nm)
			added = append(added, nm)
			covered[i] = true
		}
	}
	// Nationalities from the gazetteer, outside names and titles.
	for _, ti := range x.capToks {
		i := int(ti)
		if !covered[i] && !x.titleTok[i] && x.gazb[i]&anyDemonym != 0 && x.upper(i) && !(i+1 < len(toks) && x.gazb[i+1]&anyTitle != 0) {
			nm := mention{a: i, b: i + 1, typ: NORP}
			nm.key = x.mentionKey(nm)
			added = append(added, nm)
		}
	}
	x.sc.added = added
	if len(added) > 0 {
		x.ms = append(x.ms, added...)
		x.sortByStart()
	}
	x.joinPlaces()
}

// joinPlaces mends place names the tagger cut in two: a saint's prefix
// ("Saint Helena") and an unknown word one space before a place ("Baja
// California"; "Australia New Zealand" stays two).
func (x *extractor) joinPlaces() {
	toks := x.doc.Tokens
	place := func(t Type) bool { return t == GPE || t == Loc }
	out := x.ms[:0]
	for _, m := range x.ms {
		if place(m.typ) && m.a > 0 && saintWords[x.tok(m.a-1)] && x.sent(m.a-1) == x.sent(m.a) &&
			(len(out) == 0 || out[len(out)-1].b <= m.a-1) {
			m.a--
			m.key = x.mentionKey(m)
		}
		if n := len(out); n > 0 && place(m.typ) && place(out[n-1].typ) && out[n-1].b == m.a && x.placeCategory(out[n-1]) == 0 &&
			toks[m.a].Start-toks[m.a-1].End == 1 && x.sent(m.a) == x.sent(m.a-1) {
			p := &out[n-1]
			p.b = m.b
			p.key = x.mentionKey(*p)
			continue
		}
		out = append(out, m)
	}
	x.ms = out
}

var churchPrepositions = map[string]bool{"of": true, "at": true, "in": true, "near": true}

var saintWords = map[string]bool{"St.": true, "St": true, "Saint": true, "Ste.": true, "Sainte": true}

// pronounSubjects types a one-word place or organisation as a person when
// it is the subject of a clause in a sentence that names no one else yet
// says "he", "his", "she" or "her": "Through his grandmother, Mishima
// was ...", "Barrie enrolled at the University where he ...". Countries
// and known organisations keep their type; the vote that follows spreads
// the majority to the word's other mentions.
func (x *extractor) pronounSubjects() {
	toks := x.doc.Tokens
	if len(x.ms) == 0 {
		return
	}
	one := false // a one-word place or organisation
	for i := range x.ms {
		m := &x.ms[i]
		if m.b-m.a == 1 && (m.typ == GPE || m.typ == Loc || m.typ == Org) {
			one = true
			break
		}
	}
	if !one {
		return
	}
	// By 1 + sentence index (-1: in no sentence): sentences with a
	// third-person pronoun, sentences naming a person.
	x.sc.personal = grow(x.sc.personal, len(x.doc.Sentences)+1)
	x.sc.named = grow(x.sc.named, len(x.doc.Sentences)+1)
	personal, named := x.sc.personal, x.sc.named
	for _, i := range x.personalToks {
		personal[x.sent(int(i))+1] = true
	}
	for _, m := range x.ms {
		if m.typ == Person {
			named[x.sent(m.a)+1] = true
		}
	}
	for i := range x.ms {
		m := &x.ms[i]
		if m.b-m.a != 1 || (m.typ != GPE && m.typ != Loc && m.typ != Org) || isAcronymShape(x.tok(m.a)) {
			continue
		}
		s := x.sent(m.a)
		if !personal[s+1] || named[s+1] || x.gazb[m.a]&(gCountry|gRegion|gOrg|gOrgWord|anyDemonym|gLexLower) != 0 ||
			x.g.catOf[m.key]&(gCountry|gRegion|gOrg|gOrgRule) != 0 {
			continue
		}
		// The subject: first in its sentence or after a comma, before a
		// lower-case word.
		if m.a > 0 && x.sent(m.a-1) == s && (toks[m.a-1].Text != "," ||
			m.a > 1 && x.upper(m.a-2) && toks[m.a-2].Kind == text.Word) { // "Clearwater, Florida"
			continue
		}
		if m.b >= len(toks) || toks[m.b].Kind != text.Word || x.upper(m.b) || x.sent(m.b) != s {
			continue
		}
		m.typ = Person
	}
}

var personalPronouns = map[string]bool{"he": true, "his": true, "him": true, "she": true, "her": true, "himself": true, "herself": true}

// theNames types as a place a one-word "person" that the article calls
// "the X" every time, at least twice ("the Danevirke"): people's names do
// not take the article, unless plural ("the Kennedys").
func (x *extractor) theNames(surnames map[string]bool) {
	counts := x.sc.theCounts // key -> 1 + index in cs
	cs := x.sc.theCs[:0]
	for _, m := range x.ms {
		if m.typ != Person || m.b-m.a != 1 {
			continue
		}
		ci := counts[m.key]
		if ci == 0 {
			cs = append(cs, theCount{})
			ci = int32(len(cs))
			counts[m.key] = ci
		}
		c := &cs[ci-1]
		c.all++
		if m.a > 0 && strings.EqualFold(x.tok(m.a-1), "the") && m.title == "" {
			c.the++
		}
	}
	for i := range x.ms {
		m := &x.ms[i]
		if m.typ != Person || m.b-m.a != 1 || surnames[m.key] || x.gazb[m.a]&gGiven != 0 || strings.HasSuffix(x.tok(m.a), "s") {
			continue
		}
		if c := cs[counts[m.key]-1]; c.all >= 2 && c.the == c.all {
			m.typ = Loc
		}
	}
}

// theCount counts a one-word person's mentions, and those after "the".
type theCount struct{ all, the int }

// regnalNames types one capitalised word and a Roman numeral as a
// person, whatever the tagger thought: "Ramesses II", "Thutmose III". The
// word must stand alone ("World War II" is no one) and not be a common
// word ("Phase II", "Chapter IV"); a bare "I" is the pronoun.
func (x *extractor) regnalNames() {
	toks := x.doc.Tokens
	numeral := func(j int) bool { return x.rule(j)&wRoman != 0 && toks[j].Text != "I" }
	some := false
	for _, tj := range x.capToks {
		if j := int(tj); j >= 1 && numeral(j) {
			some = true
			break
		}
	}
	if !some {
		return
	}
	x.sc.at = grow(x.sc.at, len(toks))
	x.sc.inside = grow(x.sc.inside, len(toks))
	at := x.sc.at // 1 + the index of the last mention starting at a token, 0: none
	inside := x.sc.inside
	for mi, m := range x.ms {
		at[m.a] = int32(mi) + 1
		for i := m.a; i < m.b; i++ {
			inside[i] = true
		}
	}
	var added []mention
	for _, tj := range x.capToks {
		j := int(tj)
		if j < 1 || !numeral(j) {
			continue
		}
		k := j - 1
		if toks[k].Kind != text.Word || !x.upper(k) || isAcronymShape(toks[k].Text) || toks[j].Start-toks[k].End != 1 ||
			x.sent(j) != x.sent(k) ||
			x.gazb[k]&(gLexLower|anyTitle|anyDemonym|gOrgWord|gCountry|gCity|gRegion|gOrg|gOrgRule) != 0 {
			continue
		}
		if k > 0 && toks[k-1].Kind == text.Word && x.upper(k-1) && toks[k].Start-toks[k-1].End <= 1 &&
			x.sent(k-1) == x.sent(k) {
			continue // "World War II"
		}
		if mi := int(at[k]) - 1; mi >= 0 {
			m := &x.ms[mi]
			if m.b == k+1 || m.b == j+1 {
				m.typ, m.b = Person, j+1
				m.key = x.mentionKey(*m)
			}
			continue
		}
		if inside[k] || inside[j] {
			continue
		}
		nm := mention{a: k, b: j + 1, typ: Person}
		nm.key = x.mentionKey(nm)
		added = append(added, nm)
	}
	if len(added) > 0 {
		x.ms = append(x.ms, added...)
		x.sortByStart()
	}
}

// cluster groups mentions into entities.
func (x *extractor) cluster() []Entity {
	// The clusters reuse the pooled ones' arrays.
	cls := x.sc.cls[:0]
	// The clusters holding a key in keys, and in canonKeys: lists in
	// x.sc.keyCls (1 + the index of the first node, 0: none), so that the
	// same-key search looks up a mention's keys instead of testing every
	// cluster.
	byKey, byCanon := x.sc.byKey, x.sc.byCanon
	nodes := x.sc.keyCls[:0]
	push := func(heads map[string]int32, key string, ci int) {
		nodes = append(nodes, keyCl{ci: int32(ci), next: heads[key]})
		heads[key] = int32(len(nodes))
	}
	newCl := func(mi int) int {
		m := &x.ms[mi]
		var c *cluster
		if len(cls) < cap(cls) {
			cls = cls[:len(cls)+1]
			c = &cls[len(cls)-1]
			*c = cluster{keys: c.keys[:0], lastKeys: c.lastKeys[:0], firstKeys: c.firstKeys[:0], canonKeys: c.canonKeys[:0], ms: c.ms[:0]}
		} else {
			cls = append(cls, cluster{})
			c = &cls[len(cls)-1]
		}
		c.typ = m.typ
		if m.b-m.a == 1 {
			c.selfAcr = acronymForm(x.tok(m.a))
		}
		return len(cls) - 1
	}
	addTo := func(ci, mi int) {
		c := &cls[ci]
		m := &x.ms[mi]
		m.entity = ci
		c.ms = append(c.ms, mi)
		if c.keys.add(m.key) {
			push(byKey, m.key, ci)
			if ck, ok := x.g.canonK[m.key]; ok {
				if c.canonKeys.add(ck) {
					push(byCanon, ck, ci)
				}
			}
		}
		if m.b-m.a == 2 && m.typ == Person {
			c.firstKeys.add(x.key(m.a))
		}
		if m.b-m.a >= 2 {
			c.lastKeys.add(x.key(m.b - 1))
			if len(m.key) > len(c.long) {
				c.long = m.key
				c.acr = x.acronym(*m)
			}
		}
	}
	compatible := func(a, b Type) bool {
		return a == b || (a == GPE || a == Loc) && (b == GPE || b == Loc)
	}
	for mi := range x.ms {
		m := x.ms[mi]
		k := m.key
		if m.typ == GPE || m.typ == Loc {
			if c, ok := x.g.canonK[k]; ok {
				k = c
			}
		}
		found := -1
		// Same key (or gazetteer canonical key): the latest compatible
		// cluster that has one.
		for _, n := range [3]int32{byKey[m.key], byKey[k], byCanon[k]} {
			for ; n > 0; n = nodes[n-1].next {
				if ci := int(nodes[n-1].ci); ci > found && compatible(cls[ci].typ, m.typ) {
					found = ci
				}
			}
		}
		single := m.b-m.a == 1
		if found < 0 && m.typ == Person {
			// A surname alone refers back to the full name ("Van Sickle"
			// after "Barry Van Sickle"); a full name absorbs an earlier
			// surname-only cluster.
			last := x.key(m.b - 1)
			for ci := len(cls) - 1; ci >= 0 && found < 0; ci-- {
				c := &cls[ci]
				if c.typ != Person {
					continue
				}
				if single && c.lastKeys.has(k) || !single && c.keys.has(last) && len(c.lastKeys) == 0 {
					found = ci
					break
				}
				// Family name first ("Wang" after "Wang Yi"), or a first
				// name for a full name; surnames were tried first.
				if single && c.firstKeys.has(k) {
					found = ci
					break
				}
				if !single {
					for _, ck := range c.keys {
						if n := len(ck) - len(k); n > 0 && ck[n-1] == ' ' && ck[n:] == k {
							found = ci
							break
						}
					}
				}
			}
		}
		if found < 0 && single && (m.typ == Org || m.typ == GPE || m.typ == Loc) {
			wAcr := acronymForm(x.tok(m.a))
			for ci := len(cls) - 1; ci >= 0; ci-- {
				c := &cls[ci]
				if c.typ != m.typ && !compatible(c.typ, m.typ) && c.typ != Org {
					continue
				}
				if c.acr != "" && wAcr == c.acr {
					found = ci
					break
				}
				if m.typ == Org && c.typ == Org && c.lastKeys.has(k) && x.gazb[m.a]&gOrgWord != 0 {
					found = ci
					break
				}
			}
		}
		if found < 0 && !single && (m.typ == Org || m.typ == GPE) {
			// A full name after its acronym: "EU ... European Union".
			acr := x.acronym(m)
			for ci := len(cls) - 1; ci >= 0 && acr != ""; ci-- {
				c := &cls[ci]
				if c.long == "" && c.selfAcr == acr {
					found = ci
					break
				}
			}
		}
		if found < 0 {
			found = newCl(mi)
		}
		addTo(found, mi)
	}
	x.sc.keyCls = nodes
	// Build entities.
	out := make([]Entity, 0, len(cls))
	x.sc.cls = cls
	// The entities' mentions and aliases are cut from one array each (every
	// mention is in one cluster and gives at most one alias), their titles
	// from a growing one: a few allocations a document, not a few an
	// entity. Each cut has its own capacity, so that an append to one
	// entity's slice never writes into the next one's.
	mentions := make([]Mention, 0, len(x.ms))
	aliases := make([]string, 0, len(x.ms))
	var titles []string
	for ci := range cls {
		c := &cls[ci]
		// The cluster's type: the majority of its mentions, preferring names.
		typ := c.typ
		var counts typeCounts
		for _, mi := range c.ms {
			counts.add(x.ms[mi].typ)
		}
		for _, tc := range counts.c[:counts.n] {
			if tc.n > counts.of(typ) {
				typ = tc.t
			}
		}
		e := Entity{Type: typ, Titles: []string{}}
		m0, a0, t0 := len(mentions), len(aliases), len(titles)
		bestName, bestKey, bestLen := "", "", -1
		for _, mi := range c.ms {
			m := &x.ms[mi]
			s := x.surface(*m)
			sp := text.Span{Start: x.doc.Tokens[m.a].Start, End: x.doc.Tokens[m.b-1].End}
			mentions = append(mentions, Mention{Start: sp.Start, End: sp.End, Text: s})
			if !slices.Contains(aliases[a0:], s) {
				aliases = append(aliases, s)
			}
			for _, t := range [2]string{m.title, m.appos} {
				if t != "" && !slices.Contains(titles[t0:], t) {
					titles = append(titles, t)
				}
			}
			n := m.b - m.a
			score := n*100 + utf8.RuneCountInString(s)
			if isAllCaps(s) && n == 1 {
				score -= 50
			}
			if score > bestLen {
				bestName, bestKey, bestLen = s, m.key, score // m.key is Key(s)
			}
		}
		e.Mentions = mentions[m0:len(mentions):len(mentions)]
		e.Aliases = aliases[a0:len(aliases):len(aliases)]
		if len(titles) > t0 {
			e.Titles = titles[t0:len(titles):len(titles)]
		}
		key := bestKey
		if typ == GPE || typ == Loc {
			if cn, ok := x.g.canon[key]; ok && slices.Contains(e.Aliases, cn) {
				bestName, key = cn, Key(cn)
			}
		}
		e.Name = bestName
		e.Key = key
		if typ == Person {
			e.Gender = personGender(&e)
		}
		slices.SortStableFunc(e.Mentions, func(a, b Mention) int { return cmp.Compare(a.Start, b.Start) })
		out = append(out, e)
	}
	x.setIDs(out)
	return out
}

// setIDs gives each entity its id: its key with "-" for " " (its type when
// the key is empty), numbered from the second entity with that id on. The
// ids are cut from one string.
func (x *extractor) setIDs(es []Entity) {
	buf, ends := x.sc.idBuf[:0], x.sc.idEnds[:0]
	for i := range es {
		if k := es[i].Key; k != "" {
			for j := 0; j < len(k); j++ {
				if c := k[j]; c == ' ' {
					buf = append(buf, '-')
				} else {
					buf = append(buf, c)
				}
			}
		} else {
			buf = append(buf, strings.ToLower(string(es[i].Type))...)
		}
		ends = append(ends, int32(len(buf)))
	}
	all := string(buf)
	x.sc.idBuf, x.sc.idEnds = buf, ends
	ids := x.sc.ids
	start := int32(0)
	for i := range es {
		id := all[start:ends[i]]
		start = ends[i]
		if n := ids[id]; n > 0 {
			ids[id] = n + 1
			id += "-" + strconv.Itoa(n+1)
		} else {
			ids[id] = 1
		}
		es[i].ID = id
	}
}

// cluster is a group of mentions being built into an entity.
type cluster struct {
	typ       Type
	keys      keySet // full keys of its names
	lastKeys  keySet // keys of surnames / last words
	firstKeys keySet // keys of first words of two-word person names
	canonKeys keySet // gazetteer canonical keys of its keys
	long      string // longest key, for acronyms
	acr       string
	ms        []int
	// selfAcr is acronymForm of the first mention's word when that
	// mention is one word, else "".
	selfAcr string
}

// keySet is a small set of keys (a cluster has a few).
type keySet []string

func (ks keySet) has(k string) bool { return slices.Contains(ks, k) }

// add adds k and tells whether it was new.
func (ks *keySet) add(k string) bool {
	if ks.has(k) {
		return false
	}
	*ks = append(*ks, k)
	return true
}

// typeCounts counts mentions by type, in the order the types first occur.
type typeCounts struct {
	c [6]struct { // one per Type
		t Type
		n int
	}
	n int
}

func (tc *typeCounts) add(t Type) {
	for i := range tc.c[:tc.n] {
		if tc.c[i].t == t {
			tc.c[i].n++
			return
		}
	}
	if tc.n < len(tc.c) {
		tc.c[tc.n].t, tc.c[tc.n].n = t, 1
		tc.n++
	}
}

func (tc *typeCounts) of(t Type) int {
	for _, c := range tc.c[:tc.n] {
		if c.t == t {
			return c.n
		}
	}
	return 0
}

func isAllCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n > 0
}

// acronym returns the upper-case initials of a multi-word name, skipping
// connectors: "European Union" -> "EU", "North Atlantic Treaty
// Organization" -> "NATO".
func (x *extractor) acronym(m mention) string {
	if m.b-m.a < 2 {
		return ""
	}
	var buf [32]byte
	b := buf[:0]
	for i := m.a; i < m.b; i++ {
		if x.rule(i)&wConnectorFolded != 0 || !isWordTok(x.doc.Tokens[i]) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(x.tok(i))
		b = utf8.AppendRune(b, unicode.ToUpper(r))
	}
	return string(b)
}

// acronymForm returns token w without its dots when that is an acronym
// ("U.S." -> "US"): two or more code points, letters all capitals; else "".
func acronymForm(w string) string {
	w = strings.ReplaceAll(w, ".", "")
	if utf8.RuneCountInString(w) < 2 || !isAllCaps(w) {
		return ""
	}
	return w
}

// headlineCase tells whether token i's sentence is in title case (most
// words capitalised), where capitalisation says nothing about names.
func (x *extractor) headlineCase(i int) bool {
	si := x.sent(i)
	if si < 0 {
		return false
	}
	st := x.doc.SentenceTokens[si]
	words, caps := 0, 0
	for k := st.Start; k < st.End; k++ {
		t := x.doc.Tokens[k]
		if t.Kind != text.Word || len(t.Text) < 4 {
			continue
		}
		words++
		if startsUpper(t.Text) {
			caps++
		}
	}
	return words >= 3 && caps*4 >= words*3
}

// Warm loads the tagger model, the gazetteers and the given-name genders
// now instead of on the first Extract (about 0.1 s of CPU, on two cores in
// parallel). Package init stays cheap; the extract Lambda calls Warm in its
// init phase so that no invocation pays for it. Safe to call many times and
// from many goroutines.
func Warm() error {
	loadAll()
	_, err := loadModel()
	return err
}

var allOnce sync.Once

// loadAll decodes the model and the gazetteers side by side (about 50 ms of
// CPU each), so a first Extract on two cores waits for the slower only.
func loadAll() {
	allOnce.Do(func() {
		done := make(chan struct{})
		go func() {
			defer close(done)
			loadModel()
		}()
		loadGazetteer()
		loadGivenSex()
		<-done
	})
}

// isAcronymShape tells whether w is 2 to 6 capital letters (digits and one
// "&" allowed): "FTU", "M5S", "AT&T".
func isAcronymShape(w string) bool {
	n, letters := 0, 0
	for _, r := range w {
		n++
		switch {
		case unicode.IsUpper(r):
			letters++
		case unicode.IsDigit(r) || r == '&':
		default:
			return false
		}
	}
	return letters >= 2 && n <= 6
}

// notOrgAcronyms are all-capital words that are not organisations.
var notOrgAcronyms = map[string]bool{
	"BC": true, "BCE": true, "AD": true, "CE": true, "AM": true, "PM": true, "TV": true,
	"OK": true, "GDP": true, "CEO": true, "CFO": true, "COO": true, "CTO": true, "MP": true,
	"MPs": true, "DNA": true, "RNA": true, "HIV": true, "AIDS": true, "PC": true, "ID": true,
	"VIP": true, "FAQ": true, "USB": true, "PDF": true, "GPS": true, "UFO": true, "IQ": true,
	"KM": true, "KG": true, "MPH": true, "RPM": true, "AC": true, "DC": true, "UV": true,
	"CD": true, "DVD": true, "LED": true, "LCD": true, "VR": true, "AI": true, "IT": true,
	"PR": true, "HR": true, "QC": true, "Jr": true, "Sr": true, "PhD": true, "BA": true,
	"MA": true, "BSc": true, "MSc": true, "LGBT": true, "LGBTQ": true, "COVID": true,
	"SARS": true, "GMT": true, "UTC": true, "EST": true, "PST": true, "USD": true,
	"EUR": true, "GBP": true, "VAT": true, "ATM": true, "SUV": true, "CCTV": true,
}

// appositiveTitle returns the title in an appositive right after a name:
// "Anthony Fauci, the former director of the NIAID," -> "former director of
// the NIAID"; "Peskov, a Kremlin spokesman, said" -> "Kremlin spokesman".
// The phrase must hold a title word and end at a comma or the sentence end.
func (x *extractor) appositiveTitle(b int) string {
	toks := x.doc.Tokens
	if b+2 >= len(toks) || toks[b].Text != "," {
		return ""
	}
	si := x.sent(b)
	st := x.doc.SentenceTokens[si]
	i := b + 1
	switch x.folded(i) {
	case "the", "a", "an":
		i++
	}
	start, hasTitle := i, false
	j := i
	for ; j < st.End && j-start < 12; j++ {
		t := toks[j]
		if t.Text == "," || t.Kind == text.QuoteMark || (t.Kind == text.Punct && isSentenceEnd(t.Text)) {
			break
		}
		if t.Kind != text.Word && t.Kind != text.Number && t.Text != "-" && t.Text != "'s" {
			return ""
		}
		if x.gazb[j]&anyTitle != 0 {
			hasTitle = true
		}
	}
	if !hasTitle || j == start || (j < st.End && toks[j].Text != "," && !isSentenceEnd(toks[j].Text)) {
		return ""
	}
	if j-start > 1 && x.gazb[start]&anyTitle == 0 && x.gazb[j-1]&anyTitle == 0 && !hasOf(toks[start:j]) {
		return ""
	}
	return x.spanText(start, j)
}

func isSentenceEnd(s string) bool { return s == "." || s == "!" || s == "?" }

func hasOf(ts []text.Token) bool {
	for _, t := range ts {
		if t.Text == "of" || t.Text == "for" || t.Text == "at" {
			return true
		}
	}
	return false
}

// humanVerbs have people for subjects ("Wright was born", "Smith died").
var humanVerbs = map[string]bool{
	"born": true, "died": true, "married": true, "studied": true, "graduated": true,
	"starred": true, "resigned": true, "retired": true, "sang": true, "believed": true,
	"felt": true, "decided": true, "hoped": true, "learned": true, "testified": true,
	"apologised": true, "apologized": true, "smiled": true, "laughed": true,
}

// auxiliaries may stand between a subject and its verb.
var auxiliaries = map[string]bool{"was": true, "has": true, "had": true, "is": true, "were": true}

// reportingVerbs introduce a speaker's words ("Smith said").
var reportingVerbs = map[string]bool{
	"said": true, "says": true, "told": true, "tells": true, "added": true, "adds": true,
	"noted": true, "explained": true, "argued": true, "wrote": true, "writes": true,
	"stated": true, "insisted": true, "warned": true, "announced": true, "claimed": true,
	"tweeted": true, "replied": true, "recalled": true, "asked": true, "acknowledged": true,
	"admitted": true, "declared": true, "testified": true, "urged": true, "conceded": true,
}

// orgOfRuns makes "Church of Scientology", "Ministry of Defence", "Bank of
// England" one organisation: an organisation head word, "of" (and "the"),
// then capitalised words. Mentions inside the run give way to it.
func (x *extractor) orgOfRuns() {
	toks := x.doc.Tokens
	var add []mention
	next := 0 // the first token after the last run found
	for _, ti := range x.capToks {
		i := int(ti)
		if i+2 >= len(toks) {
			break
		}
		if i < next || x.gazb[i]&gOrgWord == 0 || !x.upper(i) || toks[i+1].Text != "of" {
			continue
		}
		j := i + 2
		if j < len(toks) && toks[j].Text == "the" {
			j++
		}
		k := j
		for k < len(toks) && toks[k].Kind == text.Word && x.upper(k) && x.gazb[k]&anyTitle == 0 &&
			x.sent(k) == x.sent(i) {
			k++
		}
		if k == j {
			continue
		}
		a := i
		// Keep capitalised words before the head: "Russian Ministry of Defence"
		// stays "Ministry of Defence", but "Royal Bank of Canada" is whole.
		for a > 0 && toks[a-1].Kind == text.Word && x.upper(a-1) && x.gazb[a-1]&(anyDemonym|anyTitle) == 0 &&
			x.sent(a-1) == x.sent(i) && !x.sentenceStart(a-1) {
			a--
		}
		// Only when no mention sticks out of the run.
		ok := true
		for _, m := range x.ms {
			if m.a < k && a < m.b && (m.a < a || m.b > k) {
				ok = false
				break
			}
		}
		if !ok || x.headlineCase(i) {
			continue
		}
		nm := mention{a: a, b: k, typ: Org}
		nm.key = x.mentionKey(nm)
		add = append(add, nm)
		next = k
	}
	if len(add) == 0 {
		return
	}
	out := x.ms[:0]
	for _, m := range x.ms {
		inside := false
		for _, n := range add {
			if m.a >= n.a && m.b <= n.b {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, m)
		}
	}
	x.ms = append(out, add...)
	x.sortByStart()
}

// nameForm is a multi-word name as lower-case hashes, for consistency's
// search of its repeats.
type nameForm struct {
	seq []uint64
	typ Type
}

// sortByStart sorts mentions by their first token. slices.SortFunc runs
// the same pdqsort as sort.Slice (both generated from one template), so
// mentions starting at one token keep the order sort.Slice gave them,
// without sort.Slice's reflection.
func (x *extractor) sortByStart() {
	// Sorting indices makes the same comparisons, so the same permutation,
	// as sorting the mentions, and moves 4 bytes instead of 104.
	ms := x.ms
	order := grow(x.sc.order, len(ms))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(i, j int32) int { return cmp.Compare(ms[i].a, ms[j].a) })
	sorted := append(x.sc.sorted[:0], ms...)
	for k, i := range order {
		ms[k] = sorted[i]
	}
	clear(sorted) // its strings are the document's
	x.sc.order, x.sc.sorted = order, sorted[:0]
}

// sentenceStart tells whether token i begins its sentence.
func (x *extractor) sentenceStart(i int) bool {
	si := x.sent(i)
	return si >= 0 && x.doc.SentenceTokens[si].Start == i
}

// titleModifiers are lower-case words that belong to a title before a name:
// "White House press secretary", "former President", "deputy foreign minister".
var titleModifiers = map[string]bool{
	"press": true, "former": true, "deputy": true, "acting": true, "senior": true,
	"chief": true, "vice": true, "assistant": true, "associate": true, "executive": true,
	"managing": true, "interim": true, "foreign": true, "defence": true, "defense": true,
	"finance": true, "interior": true, "health": true, "justice": true, "economy": true,
	"trade": true, "education": true, "energy": true, "environment": true,
	"transport": true, "culture": true, "labour": true, "labor": true, "prime": true,
	"general": true, "communications": true, "national": true, "security": true,
	"opposition": true, "party": true, "state": true, "army": true, "police": true,
}

func isArticle(w string) bool {
	switch w {
	case "the", "The", "a", "A", "an", "An", "THE":
		return true
	}
	return false
}
