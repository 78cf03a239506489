package quote

import (
	"github.com/newsquotes/newsquotes/internal/entity"
	"github.com/newsquotes/newsquotes/internal/text"
)

// Extract finds the quotes of a document and attributes them, resolving
// speakers against the document's entities.
// Placeholder until the extractor lands: it finds nothing.
func Extract(doc *text.Document, entities []entity.Entity) []Quote {
	return []Quote{}
}
