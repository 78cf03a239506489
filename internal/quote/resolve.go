package quote

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsquotes/newsquotes/internal/entity"
)

// candidate is a named person an anaphor ("he", "the minister") may point
// back to: a speaker or the subject of a sentence.
type candidate struct {
	pos     int // code point where the mention starts
	key     string
	name    string
	lower   string // name lower-cased, the key of gender
	entity  string
	speaker bool // the subject of a reporting verb
	para    int
}

// resolver turns speaker mentions into names: entity mentions first, then
// the fullest form of a surname in the article, then pronouns and
// nominals to the most recent compatible named person.
type resolver struct {
	x       *extractor
	mention []entMention // entity mentions by start
	byKey   map[string]int
	names   []nameInfo  // byKey's values index it
	cands   []candidate // by pos
	gender  map[string]byte
	entKeys map[*entity.Entity]entityKey // keyOfEntity's answers
	titles  []string                     // nameTokens' answer, reused
}

type entityKey struct{ key, lower string }

// release drops r's references into the article, keeping its room.
func (r *resolver) release() {
	r.x = nil
	clear(r.mention)
	clear(r.cands)
	clear(r.titles)
	clear(r.byKey)
	clear(r.names)
	clear(r.gender)
	clear(r.entKeys)
}

type entMention struct {
	start, end int
	ent        *entity.Entity
}

type nameInfo struct {
	name   string
	words  int      // wordCount(name)
	titles []string // a set: a name has few titles
	entity string
}

func (ni *nameInfo) addTitle(t string) {
	if !slices.Contains(ni.titles, t) {
		ni.titles = append(ni.titles, t)
	}
}

// wordCount is len(strings.Fields(s)) without the slice.
func wordCount(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		sp := s[i] <= ' ' && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

// plausibleEntity rejects a person "name" that runs over a title-case
// headline ("Chris Christie Calls Hillary Clinton"): a reporting verb
// inside it means two names were glued together.
func plausibleEntity(e *entity.Entity) bool {
	if e.Type != entity.Person {
		return true
	}
	first := true
	for w := range strings.FieldsSeq(e.Name) {
		if !first && lowerClasses(w)&(lexFinite|lexHeadlineCue|lexSay) != 0 {
			return false
		}
		first = false
	}
	return true
}

// lowerClasses returns the lexicon classes of w lower-cased, without
// making the lower-case string when w is short and ASCII.
func lowerClasses(w string) uint32 {
	var buf [32]byte
	b := buf[:0]
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return lexClasses()[strings.ToLower(w)]
		}
		b = append(b, lowerByte[w[i]])
	}
	return lexClasses()[string(b)]
}

// lastField is the last of strings.Fields(s), without the slice; "" when
// there is none.
func lastField(s string) string {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	if i := strings.LastIndexFunc(s, unicode.IsSpace); i >= 0 {
		_, w := utf8.DecodeRuneInString(s[i:])
		return s[i+w:]
	}
	return s
}

// nameKey folds a surname so that spelling variants meet:
// Zelenskiy, Zelenskyy and Zelensky share a key.
func nameKey(w string) string { return foldName(strings.ToLower(w)) }

// foldName is nameKey of a word already lower-cased, as tok.lower is.
func foldName(w string) string {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	for len(w) > 4 && (strings.HasSuffix(w, "y") || strings.HasSuffix(w, "i")) {
		w = w[:len(w)-1]
	}
	return w
}

// newResolver indexes x's names in the pooled resolver of its scratch:
// its maps and slices keep their room from one article to the next.
func newResolver(x *extractor) *resolver {
	r := &x.scratch.res
	r.x, r.mention, r.cands, r.titles, r.names = x, r.mention[:0], r.cands[:0], r.titles[:0], r.names[:0]
	if r.byKey == nil {
		r.byKey, r.gender, r.entKeys = map[string]int{}, map[string]byte{}, map[*entity.Entity]entityKey{}
	}
	for i := range x.ents {
		e := &x.ents[i]
		if !plausibleEntity(e) {
			continue
		}
		for _, m := range e.Mentions {
			r.mention = append(r.mention, entMention{m.Start, m.End, e})
		}
	}
	slices.SortFunc(r.mention, func(a, b entMention) int { return cmp.Compare(a.start, b.start) })
	r.indexNames()
	r.collectCandidates()
	return r
}

// name returns the nameInfo of a surname key, or nil.
func (r *resolver) name(key string) *nameInfo {
	if i, ok := r.byKey[key]; ok {
		return &r.names[i]
	}
	return nil
}

// nameOf returns the nameInfo of a surname key, made when missing. The
// pointer is good until the next call: names may move as they grow.
func (r *resolver) nameOf(key string) *nameInfo {
	if i, ok := r.byKey[key]; ok {
		return &r.names[i]
	}
	r.byKey[key] = len(r.names)
	r.names = append(r.names, nameInfo{})
	return &r.names[len(r.names)-1]
}

// nameTokens strips titles and descriptors from a capitalised run
// [a, b): "European Council President Charles Michel" -> Charles Michel.
func (r *resolver) nameTokens(a, b int) (int, []string) {
	x := r.x
	start := a
	titles := r.titles[:0] // the caller is done with the last answer
	for k := a; k < b; k++ {
		l := x.lowerAt(k)
		if x.is(k, lexTitle) && k+1 < b {
			start = k + 1
			titles = append(titles, l)
		}
		if k+1 < b && x.is(k, lexHeadlineCue|lexSay) {
			start = k + 1 // a headline: "Christie Calls Hillary Clinton"
			titles = titles[:0]
		}
	}
	for start < b && (x.lowerAt(start) == "the" || x.is(start, lexConnector) || x.isPossessive(start) || !x.toks[start].word) {
		start++
	}
	// Leading nationality adjectives with no title after them.
	for start+1 < b && isDemonym(x.toks[start].Text) {
		start++
	}
	end := b
	for end > start && (x.isPossessive(end-1) || !x.toks[end-1].word) {
		end--
	}
	if end-start > 4 {
		start = end - 4
	}
	r.titles = titles
	return start, titles
}

func isDemonym(w string) bool {
	if r, _ := utf8.DecodeRuneInString(w); w == "" || !unicode.IsUpper(r) {
		return false
	}
	if c := w[len(w)-1]; c != 'n' && c != 'e' && c != 'h' && c != 'c' {
		return false // the last letter of no suffix below: the common case
	}
	for _, s := range []string{"ian", "ean", "ese", "ish", "can", "ench", "ic"} {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// indexNames records, for each surname key, the fullest name the article
// gives it and the titles it goes with.
func (r *resolver) indexNames() {
	x := r.x
	for i := 0; i < len(x.toks); {
		if !x.capWord(i) && !(x.is(i, lexTitle) && x.toks[i].word && i+1 < len(x.toks) && x.capWord(i+1)) {
			i++
			continue
		}
		j := i
		for j < len(x.toks) && x.toks[j].para == x.toks[i].para && (x.capWord(j) || (x.is(j, lexTitle) && x.toks[j].word) ||
			x.is(j, lexConnector) && j+1 < len(x.toks) && x.capWord(j+1) && j > i) {
			j++
		}
		if j == i {
			j = i + 1
		}
		r.addName(i, j)
		i = j
	}
	for i := range x.ents {
		e := &x.ents[i]
		if e.Type != entity.Person || e.Name == "" || !plausibleEntity(e) {
			continue
		}
		ni := r.nameOf(r.keyOfEntity(e).key)
		ni.name, ni.words, ni.entity = e.Name, wordCount(e.Name), e.ID
		for _, t := range e.Titles {
			for w := range strings.FieldsSeq(strings.ToLower(t)) {
				ni.addTitle(w)
			}
		}
	}
}

func (r *resolver) addName(a, b int) {
	x := r.x
	s, titles := r.nameTokens(a, b)
	if s >= b {
		return
	}
	e := b
	for e > s && (x.isPossessive(e-1) || !x.toks[e-1].word) {
		e--
	}
	if e <= s {
		return
	}
	key := foldName(x.toks[e-1].lower)
	ni := r.nameOf(key)
	if ni.entity == "" && e-s <= 4 {
		if name := x.str(s, e); wordCount(name) > ni.words {
			ni.name, ni.words = name, wordCount(name)
		}
	}
	for _, t := range titles {
		ni.addTitle(t)
		if femaleWords[t] {
			r.gender[key] = 'f'
		} else if maleWords[t] {
			r.gender[key] = 'm'
		}
	}
}

// collectCandidates lists named subjects of cue verbs and sentence
// subjects that entities mark as people, in text order.
func (r *resolver) collectCandidates() {
	x := r.x
	for v := range x.toks {
		if !x.isFiniteCue(v) && !(x.lowerAt(v) == "quoted" && x.lowerAt(v+1) == "as") {
			continue
		}
		s := x.sents[x.toks[v].sent]
		if s0, s1 := x.subjectBefore(x.cueStart(v, s.t0), s.t0); s0 >= 0 && !x.isPronoun(s0) {
			r.addCandidate(s0, s1, true)
		} else if e := x.npForward(v+1, s.t1); e > 0 && !x.isPronoun(v+1) && x.capWord(v+1) && x.isSayCue(v) && !namingCues[x.lowerAt(v)] &&
			(e >= s.t1 || !x.toks[e].word) {
			r.addCandidate(v+1, e, true) // `"…," said Ruth Adler.`
		}
	}
	r.titledAndSubjectNames()
	for _, m := range r.mention {
		if m.ent.Type != entity.Person {
			continue
		}
		ti := x.tokenAt(m.start)
		if ti < 0 || x.toks[ti].q >= 0 {
			continue // a name inside a quotation is talked about, not talking
		}
		te := x.firstTokenFrom(m.end)
		s := x.sents[x.toks[ti].sent]
		subject := ti == s.t0 || ti == s.t0+1 && !x.toks[s.t0].word
		if te < s.t1 && !x.isPossessive(te) && x.toks[te].word && !x.toks[te].cap && !x.is(te, lexPreposition) {
			subject = true
		}
		if subject {
			k := r.keyOfEntity(m.ent)
			r.cands = append(r.cands, candidate{pos: m.start, name: m.ent.Name, lower: k.lower, entity: m.ent.ID, key: k.key, para: x.toks[ti].para})
			r.nameGender(k.lower)
		}
	}
	slices.SortStableFunc(r.cands, func(a, b candidate) int { return cmp.Compare(a.pos, b.pos) })
}

// titledAndSubjectNames adds the people the text itself marks as people
// when no entity does: a name after a title ("Defence Minister Karl
// Jensen") and a two-word name opening a sentence before a verb ("Eva
// Lund spoke").
func (r *resolver) titledAndSubjectNames() {
	x := r.x
	for i := 0; i < len(x.toks); {
		if !x.capWord(i) {
			i++
			continue
		}
		j := i
		for j < len(x.toks) && x.toks[j].para == x.toks[i].para && (x.capWord(j) || x.is(j, lexConnector) && j+1 < len(x.toks) && x.capWord(j+1)) {
			j++
		}
		st, titles := r.nameTokens(i, j)
		titled := false
		for _, t := range titles {
			if personTitle[t] {
				titled = true
			}
		}
		sent := x.sents[x.toks[i].sent]
		subject := i == sent.t0 && j-st >= 2 && j < sent.t1 && x.toks[j].word && !x.toks[j].cap && !x.is(j, lexPreposition)
		if st < j && (titled || subject) && !r.isOrgLike(i, j) && !x.isPossessive(j) {
			r.addCandidate(i, j, false)
		}
		i = j
	}
}

// personTitle are the title words that only people carry.
var personTitle = wordSet(`president minister chancellor senator sen. rep. gov. governor mayor secretary judge mr.
	mrs. ms. dr. prof. king queen prince pope commissioner ambassador spokesman spokeswoman
	chairman chairwoman ceo gen. general sheriff chief director congressman congresswoman
	speaker leader premier justice`)

// keyOfEntity returns the surname key of an entity's name, and the name
// lower-cased.
func (r *resolver) keyOfEntity(e *entity.Entity) entityKey {
	if k, ok := r.entKeys[e]; ok {
		return k
	}
	k := entityKey{lower: strings.ToLower(e.Name)}
	if last := lastField(e.Name); last != "" {
		k.key = nameKey(last)
	}
	r.entKeys[e] = k
	return k
}

func (r *resolver) addCandidate(s0, s1 int, speaker bool) {
	x := r.x
	if !x.capWord(s1-1) && !x.isPossessive(s1-1) {
		// "the spokesman": not a name; resolved later by its title
		return
	}
	name, ent, key := r.named(s0, s1)
	if name == "" || r.isOrgLike(s0, s1) {
		return
	}
	// Without an entity, only a full name ("Eva Lund") is surely a
	// person; a lone capitalised word may be a committee or a place.
	if ent == "" && wordCount(name) < 2 {
		return
	}
	lower := strings.ToLower(name)
	r.cands = append(r.cands, candidate{pos: x.toks[s0].Start, key: key, name: name, lower: lower, entity: ent, speaker: speaker, para: x.toks[s0].para})
	r.nameGender(lower)
}

// nameGender records a person's gender from a common given name, unless
// the text has already told it. The key is the full name lower-cased, so
// Bill and Hillary Clinton stay apart.
func (r *resolver) nameGender(key string) {
	if r.gender[key] != 0 {
		return
	}
	first, n := "", 0
	for w := range strings.FieldsSeq(key) {
		if n == 0 {
			first = w
		}
		if n++; n == 2 {
			break
		}
	}
	if n < 2 {
		return
	}
	switch {
	case femaleNames[first] && !maleNames[first]:
		r.gender[key] = 'f'
	case maleNames[first] && !femaleNames[first]:
		r.gender[key] = 'm'
	}
}

var orgWords = wordSet(`house party committee department times news post council union university inc. corp.
	campaign administration agency office court government ministry journal press network
	institute center centre group association commission board bureau foundation church
	congress senate parliament police army democrats republicans poll survey report cnn
	reuters fbi cia nato eu un kremlin pentagon gop ap bbc fox tribune herald magazine
	company bank`)

func (r *resolver) isOrgLike(a, b int) bool {
	x := r.x
	st, _ := r.nameTokens(a, b)
	for k := st; k < b; k++ {
		if orgWords[x.lowerAt(k)] {
			return true
		}
	}
	if m := r.entityAt(x.toks[a].Start, x.toks[b-1].End); m != nil && m.Type != entity.Person {
		return true
	}
	return false
}

// entityAt returns the entity with a mention overlapping [s, e).
func (r *resolver) entityAt(s, e int) *entity.Entity {
	i := sort.Search(len(r.mention), func(i int) bool { return r.mention[i].end > s })
	var best *entity.Entity
	for ; i < len(r.mention) && r.mention[i].start < e; i++ {
		m := r.mention[i]
		if m.end > s {
			if best == nil || m.ent.Type == entity.Person {
				best = m.ent
			}
		}
	}
	return best
}

// named resolves a capitalised mention to the fullest name and entity.
func (r *resolver) named(s0, s1 int) (name, ent, key string) {
	x := r.x
	// The entity must cover the mention's head: "the former secretary of
	// state and current Democratic presidential nominee" is not the NORP
	// "Democratic".
	head := s1 - 1
	if x.toks[head].Text == ")" || x.toks[head].Text == "," {
		head = s0
	}
	if e := r.entityAt(x.toks[head].Start, x.toks[head].End); e != nil && e.Name != "" && lowerClasses(e.Name)&lexClauseOpener == 0 &&
		(e.Type == entity.Person || x.capWord(s1-1)) {
		// Keep the entity, but not a name shorter than the one the
		// sentence spells out ("Piet" for "Piet van Dam").
		if own, _, k := r.ownName(s0, s1); wordCount(own) > wordCount(e.Name) && strings.Contains(own, e.Name) {
			return own, e.ID, k
		}
		return e.Name, e.ID, r.keyOfEntity(e).key
	}
	return r.ownName(s0, s1)
}

// ownName resolves a capitalised mention without entities: the fullest
// form of its surname in the article.
func (r *resolver) ownName(s0, s1 int) (name, ent, key string) {
	x := r.x
	// Drop a trailing party tag and a place: "Rep. Jane Doe (D-Md.)",
	// "Elijah Cummings of Maryland", "Mr. Morgan of the Sierra Club".
	if x.toks[s1-1].Text == ")" {
		for k := s1 - 2; k > s0; k-- {
			if x.toks[k].Text == "(" {
				s1 = k
				break
			}
		}
	}
	for k := s0 + 1; k < s1; k++ {
		if x.lowerAt(k) == "of" && x.capWord(k-1) && !x.is(k-1, lexTitle) {
			s1 = k
			break
		}
	}
	// A phrase headed by a common noun names no one: "Federal and state
	// officials", "the campaign's manager".
	if last := &x.toks[s1-1]; last.word && !x.capWord(s1-1) && last.lex&lexPronoun == 0 {
		return "", "", ""
	}
	// Find the capitalised core: the last run of capitalised words
	// ("Board chairman Piet van Dam" -> Piet van Dam).
	b := s1
	for b > s0 && !x.capWord(b-1) {
		b--
	}
	if b <= s0 {
		return "", "", ""
	}
	a := b - 1
	for a-1 >= s0 && (x.capWord(a-1) || x.is(a-1, lexConnector) && a-2 >= s0 && x.capWord(a-2)) {
		a--
	}
	for a < b-1 && (determiners[x.lowerAt(a)] || clauseOpeners[x.lowerAt(a)]) {
		a++ // "Some Democrats": the quantifier is no part of the name
	}
	st, _ := r.nameTokens(a, b)
	if st >= b || b-st == 1 && st == a && (x.is(st, lexTitle) || x.is(st, lexClauseOpener) || isDemonym(x.toks[st].Text)) {
		return "", "", "" // "Democratic", "During": not a name
	}
	if b-st == 1 && st == x.sents[x.toks[st].sent].t0 && strings.HasSuffix(x.lowerAt(st), "s") {
		return "", "", "" // "Fans marched …": a plural capitalised only because it opens the sentence
	}
	own := x.str(st, b)
	key = foldName(x.toks[b-1].lower)
	if ni := r.name(key); ni != nil && ni.name != "" {
		on, of := fields(own)
		nn, nf := fields(ni.name)
		if nn >= on && (on == 1 || strings.EqualFold(of, nf)) {
			return ni.name, ni.entity, key
		}
	}
	return own, "", key
}

// fields returns len(strings.Fields(s)) and the first field, without the
// slice.
func fields(s string) (n int, first string) {
	for w := range strings.FieldsSeq(s) {
		if n == 0 {
			first = w
		}
		n++
	}
	return n, first
}

// speaker resolves an attribution to a Speaker and a confidence.
func (r *resolver) speaker(at attribution, pos int) (Speaker, float64) {
	x := r.x
	if at.inherit != nil {
		return at.inherit.Speaker, at.inherit.Confidence * 0.9
	}
	if at.s0 < 0 || at.s1 <= at.s0 {
		return Speaker{}, 0.2
	}
	for at.s1-1 > at.s0 && x.headlineAdverb(at.s1-1, at.s0) {
		at.s1-- // "Rick Perry Just Announced …": the adverb is the verb's
	}
	sp := x.span(at.s0, at.s1)
	out := Speaker{Mention: x.textOf(sp.Start, sp.End), Start: sp.Start, End: sp.End}
	ph := x.span(x.phraseStart(at), x.phraseEnd(at))
	if at.phrase1 > at.phrase0 {
		ph = x.span(at.phrase0, at.phrase1)
	}
	if d := x.leadDescription(at.s0, at.s1); d < at.s0 {
		// "Her campaign manager, Jo Ames, said": the description before
		// the name is part of what the sentence calls the speaker.
		dsp := x.span(d, at.s1)
		out.Start, out.Mention = dsp.Start, x.textOf(dsp.Start, dsp.End)
		ph.Start = min(ph.Start, dsp.Start)
	}
	if n := x.cliticLen(at.s1 - 1); n > 0 && out.End == sp.End {
		// "I've said", "we'd argued": the contracted verb is not part of
		// who speaks.
		if ph.End == out.End {
			ph.End -= n
		}
		out.End -= n
		out.Mention = x.textOf(out.Start, out.End)
	}
	out.Phrase = Span{ph.Start, ph.End}
	if x.shareBackward(at.s1-1, at.s0) == at.s0 {
		// "Nearly half said": a share of respondents names no one.
		return out, 0.5
	}
	first := x.lowerAt(at.s0)
	switch {
	case at.s1-at.s0 == 1 && (first == "he" || first == "she"):
		g := byte('m')
		if first == "she" {
			g = 'f'
		}
		if c := r.antecedent(sp.Start, g, ""); c != nil {
			out.Name, out.Entity = c.name, c.entity
			if r.genderOf(c) == 0 {
				r.gender[c.lower] = g
			}
			return out, 0.75
		}
		return out, 0.35
	case at.s1-at.s0 == 1 && (first == "who" || first == "which"):
		// "Ann Berg, who said …", "the Port Authority, which said …": the
		// relative pronoun stands for the name just before it (not for
		// the tail of an appositive: "Berg, a teacher from Bergen, who").
		if a0, a1 := at.s0-2, at.s0-1; a0 >= 0 && x.toks[a1].Text == "," && x.capWord(a0) {
			lo := x.sents[x.toks[at.s0].sent].t0
			if a := x.npBackward(a0, lo); a >= 0 && (a == lo || x.toks[a-1].Text != ",") {
				if ant, conf := r.speaker(attribution{s0: a, s1: a1, cuePos: -1}, pos); ant.Name != "" {
					out.Name, out.Entity = ant.Name, ant.Entity
					return out, conf * 0.9
				}
			}
		}
		return out, 0.35
	case at.s1-at.s0 == 1 && pronouns[first]:
		return out, 0.35 // I, we, they: an honest unknown
	}
	// "A spokesman for Hillary Clinton", "72 percent of Democrats": a
	// common noun before the preposition heads the phrase, and the name
	// after it is not who spoke.
	head := x.lowerAt(at.s1 - 1)
	pp := false
	for k := at.s0 + 1; k < at.s1-1; k++ {
		if l := x.lowerAt(k); (ppPreps[l] || l == "to") && x.toks[k-1].word && !x.capWord(k-1) && (!titleWords[x.lowerAt(k-1)] || l != "of" && l != "in" && l != "at") {
			// ("secretary of state John Kerry" is John Kerry.) The head
			// may still be a nominal: "the former aide to the mayor".
			head, pp = x.lowerAt(k-1), true
			break
		}
	}
	hasName := false
	for k := at.s0; k < at.s1 && !pp; k++ {
		hasName = hasName || x.capWord(k) && !(k == at.s0 && determiners[first])
	}
	if hasName {
		name, ent, key := r.named(at.s0, at.s1)
		if name != "" {
			out.Name, out.Entity = name, ent
			_ = key
			return out, 0.9
		}
	}
	// A nominal: "the minister", "the New York businessman".
	if personNouns[head] {
		if c := r.antecedent(sp.Start, 0, head); c != nil {
			out.Name, out.Entity = c.name, c.entity
			return out, 0.65
		}
		// No one holds that title here: a definite description ("the
		// New York businessman") most often renames the person the
		// story has been quoting.
		if first == "the" {
			if c := r.antecedent(sp.Start, 0, ""); c != nil {
				out.Name, out.Entity = c.name, c.entity
				return out, 0.5
			}
		}
	}
	// "Trump's spokesman" and the like stay unresolved.
	return out, 0.4
}

// antecedent returns the most recent named person before pos compatible
// with gender g (0: any) and, when title is set, holding that title.
func (r *resolver) genderOf(c *candidate) byte {
	if g := r.gender[c.lower]; g != 0 {
		return g
	}
	return r.gender[c.key]
}

func (r *resolver) antecedent(pos int, g byte, title string) *candidate {
	i := sort.Search(len(r.cands), func(i int) bool { return r.cands[i].pos >= pos })
	para := r.x.toks[max(r.x.firstTokenFrom(pos)-1, 0)].para
	if title == "" {
		// The most recent speaker, over the last two paragraphs, wins over
		// a person merely named since ("… Officer Betty Shelby …," she said,
		// after a quote by Clinton).
		for k := i - 1; k >= 0 && k >= i-40 && r.cands[k].para >= para-2; k-- {
			c := &r.cands[k]
			if !c.speaker {
				continue
			}
			if cg := r.genderOf(c); g != 0 && cg != 0 && cg != g {
				continue
			}
			return c
		}
	}
	for k := i - 1; k >= 0 && k >= i-40; k-- {
		c := &r.cands[k]
		if g != 0 {
			if cg := r.genderOf(c); cg != 0 && cg != g {
				continue
			}
		}
		if title != "" {
			ni := r.name(c.key)
			if ni == nil || !slices.Contains(ni.titles, title) {
				continue
			}
		}
		return c
	}
	return nil
}

// verbClitics are contracted auxiliaries written onto their subject.
var verbClitics = []string{"'ve", "’ve", "'d", "’d", "'ll", "’ll", "'re", "’re", "'m", "’m"}

// cliticLen returns the length in runes of a contracted auxiliary that
// ends the word at i ("I've", "they’re"), or 0.
func (x *extractor) cliticLen(i int) int {
	if i < 0 || i >= len(x.toks) || !x.toks[i].word {
		return 0
	}
	w := x.toks[i].Text
	for _, c := range verbClitics {
		if strings.HasSuffix(w, c) && len(w) > len(c) {
			return utf8.RuneCountInString(c)
		}
	}
	return 0
}
