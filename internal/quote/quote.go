// Package quote finds what was said in an article (direct, mixed and indirect
// quotes) and who said it, resolving pronouns and surnames to entities.
package quote

// Kind tells how the words are reported.
type Kind string

const (
	Direct   Kind = "direct"   // the content is wholly inside quote marks
	Mixed    Kind = "mixed"    // reported speech holding a quoted fragment
	Indirect Kind = "indirect" // reported speech with no quote marks
)

// Span is a half-open range of code points into the article text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Speaker is who a quote is attributed to.
type Speaker struct {
	Name    string `json:"name"`    // resolved fullest name; empty when unknown
	Mention string `json:"mention"` // the words the sentence uses
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Entity  string `json:"entity"` // entity id, or empty
	// Phrase is the whole source phrase, with an appositive when the
	// sentence gives one ("Omar Haddad, a senior aide to the governor").
	Phrase Span `json:"phrase"`
}

// Quote is one attributed statement.
type Quote struct {
	Text       string  `json:"text"`
	Kind       Kind    `json:"kind"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Speaker    Speaker `json:"speaker"`
	Cue        string  `json:"cue"`
	Clause     Span    `json:"clause"`
	Confidence float64 `json:"confidence"`
	// Parts are the quoted pieces of an interrupted or run-on quote
	// (`"A," she said, "B."`), or a mixed quote's clause and the quoted
	// sentences that go on with it; empty when the quote is one piece.
	Parts []Span `json:"parts,omitempty"`
}
