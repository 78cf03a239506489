package eval

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestBagOfWordsPRF(t *testing.T) {
	tests := []struct {
		pred, ref string
		p, r, f1  float64
	}{
		{"a b c", "a b c", 1, 1, 1},
		{"A, b!", "a b c d", 1, 0.5, 2.0 / 3},
		{"a a a", "a", 1.0 / 3, 1, 0.5},
		{"", "a", 0, 0, 0},
		{"", "", 1, 1, 1},
	}
	for _, tt := range tests {
		p, r, f1 := BagOfWordsPRF(tt.pred, tt.ref)
		if !artNear(p, tt.p) || !artNear(r, tt.r) || !artNear(f1, tt.f1) {
			t.Errorf("BagOfWordsPRF(%q, %q) = %.3f %.3f %.3f, want %.3f %.3f %.3f", tt.pred, tt.ref, p, r, f1, tt.p, tt.r, tt.f1)
		}
	}
}

func artNear(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func TestLenientMatch(t *testing.T) {
	tests := []struct {
		pred, ref string
		want      bool
	}{
		{"Stop Bombing First", "stop  bombing first", true},
		{"Stop Bombing First | The Quint", "Stop Bombing First", true},
		{"“Quoted” headline – yes", "\"Quoted\" headline - yes", true},
		{"Home", "Home improvement tips for the whole family this year", false},
		{"Stop Bomb", "Stop Bombing First", false},
		{"", "x", false},
	}
	for _, tt := range tests {
		if got := LenientMatch(tt.pred, tt.ref); got != tt.want {
			t.Errorf("LenientMatch(%q, %q) = %v, want %v", tt.pred, tt.ref, got, tt.want)
		}
	}
}

func TestAuthorMatch(t *testing.T) {
	tests := []struct {
		authors []string
		ref     string
		want    bool
	}{
		{[]string{"Dylan Bailey"}, "Dylan Bailey, MS, RD, FAND", true},
		{[]string{"Maria", "Katerina"}, "Maria & Katerina", true},
		{[]string{"Jane Doe"}, "John Roe", false},
		{nil, "John Roe", false},
		{[]string{"Ann"}, "Annabel Lee", false},
	}
	for _, tt := range tests {
		if got := AuthorMatch(tt.authors, tt.ref); got != tt.want {
			t.Errorf("AuthorMatch(%q, %q) = %v, want %v", tt.authors, tt.ref, got, tt.want)
		}
	}
}

func TestDateMatch(t *testing.T) {
	ist := time.FixedZone("IST", 5*3600+1800)
	if !DateMatch(time.Date(2022, 3, 1, 23, 0, 0, 0, ist), "2022-03-01") {
		t.Error("date in the page's zone should match")
	}
	if DateMatch(time.Time{}, "2022-03-01") {
		t.Error("zero time matched")
	}
}

// TestArticleSuites runs the article suites against ../shared when
// NEWSQUOTES_EVAL=1 (they take a while; `quotes eval` is the usual way).
func TestArticleSuites(t *testing.T) {
	if os.Getenv("NEWSQUOTES_EVAL") != "1" {
		t.Skip("set NEWSQUOTES_EVAL=1 to run the article evaluation")
	}
	shared := os.Getenv("NEWSQUOTES_SHARED")
	if shared == "" {
		shared = filepath.Join("..", "..", "..", "shared")
	}
	cfg := Config{SharedDir: shared}
	results, err := Run(cfg, os.Stdout, "seed-article", "articles")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if r.Failed() {
			t.Errorf("suite %s failed", r.Suite)
		}
	}
}
