package quote

import "sync"

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
		{lowerConnectors, lexConnector},
	} {
		for w, ok := range c.set {
			if ok {
				m[w] |= c.bit
			}
		}
	}
	return m
})

// is tells whether token i is in lexicon class c; false out of range.
func (x *extractor) is(i int, c uint32) bool {
	return i >= 0 && i < len(x.toks) && x.toks[i].lex&c != 0
}
