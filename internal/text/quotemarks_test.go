package text

import (
	"strings"
	"testing"
)

// quoted lists the top-level quotations of s as their inner text.
func quoted(s string) []string {
	rs := []rune(s)
	var out []string
	for _, q := range FindQuotations(rs) {
		if q.Depth == 0 {
			out = append(out, string(rs[q.Start:q.End]))
		}
	}
	return out
}

func TestFindQuotations(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"straight double", `"We will win," she said.`, []string{"We will win,"}},
		{"curly double", `He said: “Not today.” Then he left.`, []string{"Not today."}},
		{"guillemets", `Elle a dit « non » hier.`, []string{" non "}},
		{"german low-high", `Er sagte „nein“ und ging.`, []string{"nein"}},
		{"curly single headline", `‘Fighting To Be Equal’: Minister at Summit`, []string{"Fighting To Be Equal"}},
		{"straight single", `'We are ready': coach`, []string{"We are ready"}},
		{"apostrophes are not quotes", `It's the players' union and O'Brien's call.`, nil},
		{"curly apostrophes", `It’s the players’ turn, isn’t it?`, nil},
		{"elision", `Rock 'n' roll from the '90s is 'em.`, nil},
		{"nested single in double", `"He told me 'never again' twice," she said.`, []string{"He told me 'never again' twice,"}},
		{"possessive inside single", `‘The players’ union will strike,’ he said.`, []string{"The players’ union will strike,"}},
		{"two quotes", `"A," she said, "B."`, []string{"A,", "B."}},
		{"stray opening mark does not derail", "He measured 5\" of rain.\n\"Next,\" she said.", []string{"Next,"}},
		{"unclosed quote dropped at paragraph end", "\"It never ends, he said.\nThen \"a reply\" came.", []string{"a reply"}},
		{"multi-paragraph", "\"First part.\n\"Second part.\"\nAfter.", []string{"First part.", "Second part."}},
		{"straight marks never nest", `"A" and "B"`, []string{"A", "B"}},
		{"wire double apostrophes", "''It isn't over,'' he said. ``Yes.''", []string{"It isn't over,", "Yes."}},
		{"stray mid-sentence mark before a quote", `The "Big Apple nickname stuck. "We will win," he said.`, []string{"We will win,"}},
		{"inches", `a 12" board and a 6' fence`, nil},
		{"wire triple closes a nested single, then the double", "''They told us 'wait,''' she said.", []string{"They told us 'wait,'"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := quoted(tc.in)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("FindQuotations(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestRunOnFlags(t *testing.T) {
	rs := []rune("\"One.\n\"Two.\n\"Three.\"")
	qs := FindQuotations(rs)
	if len(qs) != 3 {
		t.Fatalf("got %d quotations, want 3: %+v", len(qs), qs)
	}
	if !qs[0].RunsOn || qs[0].Continues || !qs[1].RunsOn || !qs[1].Continues || qs[2].RunsOn || !qs[2].Continues {
		t.Errorf("flags wrong: %+v", qs)
	}
}

func TestClassifyQuoteMark(t *testing.T) {
	tests := []struct {
		in   string
		i    int
		want QuoteMarkRole
	}{
		{`don't`, 3, MarkApostrophe},
		{`"go`, 0, MarkOpening},
		{`go" `, 2, MarkClosing},
		{`a"b`, 1, MarkAmbiguous},
		{`x ‘y`, 2, MarkOpening},
		{`y’ x`, 1, MarkClosing},
		{`the '90s`, 4, MarkApostrophe},
		{`abc`, 1, MarkNone},
	}
	for _, tc := range tests {
		if got := ClassifyQuoteMark([]rune(tc.in), tc.i); got != tc.want {
			t.Errorf("ClassifyQuoteMark(%q, %d) = %d, want %d", tc.in, tc.i, got, tc.want)
		}
	}
}

func strayMarks(n int) []rune {
	marks := []rune(`"“”‘’'«» a`)
	rs := make([]rune, n)
	for i := range rs {
		rs[i] = marks[(i*7+i/3)%len(marks)]
		if i%997 == 996 {
			rs[i] = '\n'
		}
	}
	return rs
}

func TestFindQuotationsStrayMarksLinear(t *testing.T) {
	rs := strayMarks(5 << 20)
	qs := FindQuotations(rs)
	for _, q := range qs {
		if q.Start < 0 || q.End > len(rs) || q.Start > q.End {
			t.Fatalf("bad span %+v", q)
		}
	}
}

func BenchmarkFindQuotationsStrayMarks(b *testing.B) {
	rs := strayMarks(5 << 20)
	b.SetBytes(int64(len(rs)))
	for b.Loop() {
		FindQuotations(rs)
	}
}

func FuzzFindQuotations(f *testing.F) {
	for _, s := range []string{`"A," she said, "B."`, "“x\n“y”", `'a' "b' c" ‘d’`, "„x“ «y» ‹z›", "''a 'b''' c ''' d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rs := []rune(s)
		for _, q := range FindQuotations(rs) {
			if q.Start < 0 || q.End > len(rs) || q.Start > q.End || q.Open >= q.Start {
				t.Fatalf("bad quotation %+v in %q", q, s)
			}
			if q.Close >= 0 && q.Close != q.End {
				t.Fatalf("close mismatch %+v", q)
			}
		}
	})
}
