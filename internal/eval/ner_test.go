package eval

import (
	"reflect"
	"testing"

	"github.com/newsquotes/newsquotes/internal/entity/corpus"
)

func TestNERScore(t *testing.T) {
	gold := []corpus.Span{{Start: 0, End: 2, Type: "PER"}, {Start: 5, End: 6, Type: "LOC"}, {Start: 8, End: 10, Type: "ORG"}}
	pred := []corpus.Span{{Start: 0, End: 2, Type: "PER"}, {Start: 5, End: 7, Type: "LOC"}, {Start: 8, End: 10, Type: "LOC"}, {Start: 12, End: 13, Type: "PER"}}
	s := newNERScore()
	s.add(pred, gold)
	if c := s.exact["micro"]; c.tp != 1 || c.np != 4 || c.ng != 3 {
		t.Errorf("exact micro = %+v", *c)
	}
	if c := s.lenient; c.tp != 2 {
		t.Errorf("lenient tp = %d, want 2 (PER exact, LOC overlap)", c.tp)
	}
	if c := s.mergedL; c.tp != 3 {
		t.Errorf("merged lenient tp = %d, want 3 (ORG/LOC merged)", c.tp)
	}
	if c := s.mergedE; c.tp != 2 {
		t.Errorf("merged exact tp = %d, want 2", c.tp)
	}
	if f := s.exact["PER"].f1(); f < 0.66 || f > 0.67 {
		t.Errorf("PER F1 = %.3f, want 2/3", f)
	}
}

func TestPresentAliases(t *testing.T) {
	txt := "Charles Michel spoke. Volodymyr Zelenskiy and Zelenskyy met; Putin's envoy too."
	got := nerPresentAliases(txt, []string{"Charles Michel", "Michel", "Volodymyr Zelenskiy", "Zelenskiy", "Zelenskyy", "Zelensky", "Putin"})
	want := []string{"Volodymyr Zelenskiy", "Charles Michel", "Zelenskyy", "Putin"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("present = %q, want %q", got, want)
	}
	if pudDoc("w01001-0002") != "w01001" || pudDoc("x") != "x" {
		t.Errorf("pudDoc")
	}
}
