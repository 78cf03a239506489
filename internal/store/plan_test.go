package store

import (
	"reflect"
	"testing"
	"time"

	"github.com/newsquotes/newsquotes/internal/article"
	"github.com/newsquotes/newsquotes/internal/entity"
	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/quote"
)

func TestBuildPlanResolvesSpeakersAndMerges(t *testing.T) {
	//          0         1         2         3         4         5
	//          0123456789012345678901234567890123456789012345678901234
	body := `"We will talk to Kyiv," said Joe Biden. Mr Smith agreed.`
	art := pipeline.StoredArticle{ID: "a1", ContentHash: "h", Article: article.Article{Title: "T", CanonicalURL: "https://x/1", Published: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}}
	x := &pipeline.Extraction{
		Text:    body,
		Version: 3,
		Entities: []entity.Entity{
			{ID: "e1", Key: "joe biden", Type: entity.Person, Name: "Joe Biden", Aliases: []string{"Biden"}, Mentions: []entity.Mention{{Start: 28, End: 37}}},
			{ID: "e2", Key: "", Type: entity.GPE, Name: "Kyiv", Mentions: []entity.Mention{{Start: 16, End: 20}}},
			{ID: "e3", Key: "joe biden", Type: entity.Person, Name: "Joe Biden", Aliases: []string{"President Biden"}, Mentions: []entity.Mention{{Start: 60, End: 65}}},
			{ID: "e4", Name: "  "}, // no key at all: dropped
		},
		Quotes: []quote.Quote{
			{Text: "Mr Smith agreed", Kind: quote.Indirect, Start: 39, End: 54, Speaker: quote.Speaker{Name: "Mr  Smith"}},
			{Text: "We will talk to Kyiv,", Kind: quote.Direct, Start: 1, End: 22, Speaker: quote.Speaker{Name: "Biden"}},
			{Text: "We will talk to Kyiv!", Kind: quote.Direct, Start: 1, End: 22, Speaker: quote.Speaker{Name: "Biden"}}, // same id
		},
	}
	p, err := buildPlan(art, x)
	if err != nil {
		t.Fatal(err)
	}
	if p.hash != pipeline.ContentHash(body) || p.version != 3 {
		t.Errorf("hash %s version %d", p.hash, p.version)
	}
	if len(p.entities) != 2 || p.entities[0].Key != "joe biden" || p.entities[1].Key != "kyiv" {
		t.Fatalf("entities = %+v", p.entities)
	}
	if got := p.entities[0].Aliases; !reflect.DeepEqual(got, []string{"Biden", "President Biden"}) || len(p.entities[0].Mentions) != 2 {
		t.Errorf("merged entity = %+v", p.entities[0])
	}
	if len(p.quotes) != 2 {
		t.Fatalf("%d quotes, want 2 (same id merged)", len(p.quotes))
	}
	q0, q1 := p.quotes[0], p.quotes[1] // text order
	if q0.SpeakerKey != "joe biden" || !reflect.DeepEqual(q0.EntityKeys, []string{"kyiv"}) || q0.GSI1PK != "SPK#joe biden" {
		t.Errorf("quote 0: speaker %q entities %v gsi1 %q", q0.SpeakerKey, q0.EntityKeys, q0.GSI1PK)
	}
	if q1.SpeakerKey != "mr smith" || len(q1.EntityKeys) != 0 {
		t.Errorf("quote 1: speaker %q entities %v", q1.SpeakerKey, q1.EntityKeys)
	}
	if q0.GSI2PK[:len("DAY#2026-01-02#")] != "DAY#2026-01-02#" || q0.GSI2SK != "2026-01-02T03:04:05.000000000Z#"+q0.ID || q0.GSI3PK != q0.ID {
		t.Errorf("quote keys: %s %s %s", q0.GSI2PK, q0.GSI2SK, q0.GSI3PK)
	}
	if !reflect.DeepEqual(p.speakers, map[string]int{"joe biden": 1, "kyiv": 0}) {
		t.Errorf("speakers = %v (only known entities count)", p.speakers)
	}
	if !reflect.DeepEqual(p.links[1].QuoteIDs, []string{q0.ID}) || p.links[0].QuoteIDs != nil {
		t.Errorf("links: %v / %v", p.links[0].QuoteIDs, p.links[1].QuoteIDs)
	}
	want := []string{"E#joe biden", "E#kyiv", "Q#" + q0.ID, "Q#" + q1.ID}
	if q1.ID < q0.ID {
		want[2], want[3] = want[3], want[2]
	}
	if !reflect.DeepEqual(p.keys, want) {
		t.Errorf("keys = %v, want %v", p.keys, want)
	}
}
