package quote

import (
	"strings"
	"sync"
)

// Lexicon classes of a token, looked up once per token in prepare: the
// rules ask about the same few words many times, and a bit test is far
// cheaper than a string hash.
const (
	lexCue uint32 = 1 << iota
	lexFinite
	lexSay
	lexStance
	lexPronoun
	lexTime
	lexMonth
	lexTitle
	lexHeadlineCue
	lexDeterminer
	lexPreposition
	lexAux
	lexClauseOpener
	lexModifier
	lexConnector
	lexClauseVerb
	lexSubjectPronoun
	lexSubordinator
	// Derived from the verb lists, for isProgressive and stanceParticiple:
	// one bit instead of a stem looked up with each ending.
	lexProgressive      // the -ing form of a cue or stance verb
	lexStanceParticiple // a word whose stem, less any "ing", makes a stance verb
)

// lexClasses maps a lower-case word to its classes. It is built on first
// use, after every package-level lexicon is filled in.
var lexClasses = sync.OnceValue(func() map[string]uint32 {
	m := map[string]uint32{}
	for _, c := range []struct {
		set map[string]bool
		bit uint32
	}{
		{cueVerbs, lexCue}, {finiteCues, lexFinite}, {sayVerbs, lexSay}, {stanceVerbs, lexStance},
		{pronouns, lexPronoun}, {timeWords, lexTime}, {months, lexMonth}, {titleWords, lexTitle},
		{headlineCues, lexHeadlineCue}, {determiners, lexDeterminer}, {prepositions, lexPreposition},
		{auxAdverbs, lexAux}, {clauseOpeners, lexClauseOpener}, {modifierWords, lexModifier},
		{lowerConnectors, lexConnector}, {clauseVerbs, lexClauseVerb}, {subjectPronouns, lexSubjectPronoun},
		{subordinators, lexSubordinator},
	} {
		for w, ok := range c.set {
			if ok {
				m[w] |= c.bit
			}
		}
	}
	for _, set := range []map[string]bool{cueVerbs, stanceVerbs} {
		for w, ok := range set {
			for _, b := range stems(w, ok, "", "e", "s") {
				m[b+"ing"] |= lexProgressive
			}
		}
	}
	for w, ok := range stanceVerbs {
		for _, b := range stems(w, ok, "", "e", "s", "ed", "d") {
			m[b+"ing"] |= lexStanceParticiple
			if b != "" && !strings.HasSuffix(b, "ing") {
				m[b] |= lexStanceParticiple
			}
		}
	}
	return m
})

// stems returns each b with b+e == w for one of the endings, when ok.
func stems(w string, ok bool, endings ...string) []string {
	var bs []string
	for _, e := range endings {
		if b, cut := strings.CutSuffix(w, e); ok && cut {
			bs = append(bs, b)
		}
	}
	return bs
}

// is tells whether token i is in lexicon class c; false out of range.
func (x *extractor) is(i int, c uint32) bool {
	return i >= 0 && i < len(x.toks) && x.toks[i].lex&c != 0
}

// lexTable is lexClasses as an open-addressing table keyed by an FNV-1a
// hash of the lower-cased word. prepare looks up every word of an
// article, hashing each word's bytes as it lower-cases them; a probe here
// costs a fraction of a map lookup.
type lexTable struct {
	slots []lexSlot // a power of two in length, at most a quarter full
}

type lexSlot struct {
	word    string // "" for an empty slot: no lexicon entry is empty
	classes uint32
}

const lexHashSeed uint32 = 2166136261

// lexHash adds byte b to FNV-1a hash h.
func lexHash(h uint32, b byte) uint32 { return (h ^ uint32(b)) * 16777619 }

func lexHashString(s string) uint32 {
	h := lexHashSeed
	for i := 0; i < len(s); i++ {
		h = lexHash(h, s[i])
	}
	return h
}

var lexIndex = sync.OnceValue(func() *lexTable {
	m := lexClasses()
	n := 1
	for n < 4*len(m) {
		n *= 2
	}
	t := &lexTable{slots: make([]lexSlot, n)}
	for w, c := range m {
		i := t.find(lexHashString(w), w)
		t.slots[i] = lexSlot{w, c}
	}
	return t
})

// find returns the slot of w, or the empty slot where it would go.
func (t *lexTable) find(h uint32, w string) uint32 {
	mask := uint32(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		if s := &t.slots[i]; s.word == w || s.word == "" {
			return i
		}
	}
}

// classes returns the classes of w, whose hash is h.
func (t *lexTable) classes(h uint32, w string) uint32 {
	return t.slots[t.find(h, w)].classes
}
