package quote

import (
	"math"
	"testing"

	"github.com/newsquotes/newsquotes/internal/text"
)

func TestBoundaryModelEndsContent(t *testing.T) {
	if len(boundaryWeights) == 0 {
		t.Fatal("no boundary weights embedded")
	}
	tests := []struct{ name, in, want string }{
		{"the writer's appositive to the content is cut", "Ann Berg said the ferries were late, a problem that has dogged the port for years.", "the ferries were late"},
		{"a relative clause about the content's object is cut", "Karl Jensen said the port lost money on the ferries, which carry 2,000 people a day.", "the port lost money on the ferries"},
		{"a second that-clause is kept", "Ann Berg said the ferries were late, and that the port had known for months.", "the ferries were late, and that the port had known for months"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			qs := run(tc.in)
			if len(qs) != 1 || qs[0].Text != tc.want {
				t.Fatalf("got %+v, want one quote %q", qs, tc.want)
			}
		})
	}
}

// The scorer hashes features in parts; the trainer writes them whole. Both
// must name the same features.
func TestBoundaryFeatureHashesMatchTheirNames(t *testing.T) {
	doc := text.NewDocument("Ann Berg said the ferries were late, a problem that has dogged the port, and that nobody cared.")
	clauses := 0
	extract(doc, nil, func(x *extractor) {
		x.clauseTrace = func(c, e, v int) {
			clauses++
			for _, k := range x.boundaryCandidates(c, e, nil) {
				var ss stringSink
				x.boundaryFeatures(c, e, k, v, &ss)
				want := 0.0
				for _, f := range ss.fs {
					want += boundaryWeights[featureHash(f)]
				}
				var sc scoreSink
				x.boundaryFeatures(c, e, k, v, &sc)
				if math.Abs(sc.sum-want) > 1e-9 {
					t.Errorf("candidate %d: hashed score %v, named score %v", k, sc.sum, want)
				}
				if len(ss.fs) < 9 {
					t.Errorf("candidate %d: %d features", k, len(ss.fs))
				}
			}
		}
	})
	if clauses == 0 {
		t.Fatal("no clause traced")
	}
}
