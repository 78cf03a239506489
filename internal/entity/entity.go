// Package entity finds the people, organisations and places named in an
// article and clusters their mentions into entities with aliases and titles.
//
// Extract runs in four steps over a text.Document:
//
//  1. Tagging: a first-order averaged structured perceptron (Viterbi over
//     BIO labels for PER, ORG, LOC) with hashed features: the word and its
//     neighbours, shapes, affixes, gazetteer categories (countries, cities,
//     GeoNames places, regions, nationalities, titles, given names,
//     organisation words and names, SCOWL common words and proper nouns) and
//     document-level case evidence (is the word seen in lower case, or
//     capitalised mid-sentence, elsewhere in the article). Only the tokens
//     within one of a possible name (a capital, a digit, a word of no
//     lexicon, a gazetteer name) are scored; the rest, most of the text,
//     are O, as the full tagger labels them on news (gate_test.go).
//  2. Refinement: titles and honorifics ("Ukrainian President", "Mr.") are
//     split off person names and kept as titles; regnal numbers join the
//     name; places become GPE or LOC; lone nationalities become NORP.
//  3. Document consistency: known names keep their gazetteer type, a
//     surname keeps its person's type, one type per surface form, and the
//     mentions the tagger missed are added: repeats of a name or of a
//     surname in any spelling (by Key), acronyms, "the Council" after
//     "European Council", capitalised runs ending in an organisation word.
//  4. Clustering: same key, surname or family name to full name, acronym
//     to full name (EU / European Union), organisation head, gazetteer
//     variants (US / United States).
//
// The model (data/model.bin.gz) is trained by
// `go run ./internal/entity/cmd/train` on ../shared/bench/ner/train and is
// reproducible byte for byte; data/SOURCES.md lists every data file and its
// licence. Model and gazetteers load lazily on first use (or by Warm).
package entity

// Type is an entity's kind, using OntoNotes-style labels.
type Type string

const (
	Person Type = "PERSON"
	Org    Type = "ORG"
	GPE    Type = "GPE" // countries, cities, states
	Loc    Type = "LOC" // other places: regions, squares, rivers
	NORP   Type = "NORP"
	FAC    Type = "FAC"
)

// Mention is one occurrence of an entity, in code points into the text.
type Mention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text,omitempty"`
}

// Entity is one person, organisation or place in an article, with every
// mention of it.
type Entity struct {
	ID       string    `json:"id"`  // unique within the article
	Key      string    `json:"key"` // normalised, stable across articles
	Type     Type      `json:"type"`
	Name     string    `json:"name"` // fullest form, without titles
	Aliases  []string  `json:"aliases"`
	Titles   []string  `json:"titles"`
	Mentions []Mention `json:"mentions"`
	// Gender of a PERSON, "female" or "male", from a gendered title ("Mrs.",
	// "Congresswoman") or a given name only ever given to one sex; "" when
	// unknown or not a person.
	Gender string `json:"gender,omitempty"`
}
