// Package entity finds the people, organisations and places named in an
// article and clusters their mentions into entities with aliases and titles.
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
}
