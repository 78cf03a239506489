package text

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func tokenTexts(d *Document) []string {
	out := make([]string, len(d.Tokens))
	for i, t := range d.Tokens {
		out[i] = t.Text
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string // tokens joined by |
	}{
		{`It's Zelenskyy's call, isn't it?`, `It|'s|Zelenskyy|'s|call|,|isn't|it|?`},
		{`O'Brien met Lt. Gen. Smith in the U.S. on Jan. 5.`, `O'Brien|met|Lt.|Gen.|Smith|in|the|U.S.|on|Jan.|5|.`},
		{`A large-scale war cost $1,000.50 (3.5%) at 10:30 a.m.`, `A|large-scale|war|cost|$|1,000.50|(|3.5|%|)|at|10:30|a.m.`},
		{`"Wait..." he said — then “go”.`, `"|Wait|...|"|he|said|—|then|“|go|”|.`},
		{`'Ukraine Fighting': Zelenskyy`, `'|Ukraine|Fighting|'|:|Zelenskyy`},
		{`the Smiths' house in the '90s`, `the|Smiths|'|house|in|the|'90s`},
		{`«Non», dit-il. „Ja“ ‚so‘ ‹x›`, `«|Non|»|,|dit-il|.|„|Ja|“|‚|so|‘|‹|x|›`},
		{`AT&T and J. K. Rowling`, `AT&T|and|J.|K.|Rowling`},
		{`Zelenskiy’s party`, `Zelenskiy|’s|party`},
	}
	for _, tt := range tests {
		d := NewDocument(tt.in)
		if got := strings.Join(tokenTexts(d), "|"); got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

func TestQuoteMarkKinds(t *testing.T) {
	d := NewDocument(`'Fighting', he said, "it's O'Brien's" ‘x’.`)
	var quotes []string
	for _, tk := range d.Tokens {
		if tk.Kind == QuoteMark {
			quotes = append(quotes, tk.Text)
		}
	}
	if got := strings.Join(quotes, ""); got != `''""‘’` {
		t.Errorf("quote marks = %q", got)
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`"It's necessary to sit down at the negotiating table," he said. He left.`,
			[]string{`"It's necessary to sit down at the negotiating table," he said.`, `He left.`}},
		{`He said: "We fight." Then he left.`, []string{`He said: "We fight."`, `Then he left.`}},
		{`Mr. Smith met Dr. Jones and Lt. Gen. Ray in the U.S. capital. They talked.`,
			[]string{`Mr. Smith met Dr. Jones and Lt. Gen. Ray in the U.S. capital.`, `They talked.`}},
		{`He works in the U.S. The job is hard.`, []string{`He works in the U.S.`, `The job is hard.`}},
		{`It opened on Jan. 5 under rule No. 3. Sen. Paul agreed.`,
			[]string{`It opened on Jan. 5 under rule No. 3.`, `Sen. Paul agreed.`}},
		{`If they join NATO... because Russia objects. Wait... Then go!`,
			[]string{`If they join NATO... because Russia objects.`, `Wait...`, `Then go!`}},
		{"Headline Without Stop\nBody starts here. Second one.",
			[]string{`Headline Without Stop`, `Body starts here.`, `Second one.`}},
		{"“We are fighting. So now, prove it.” said Michel.",
			[]string{"“We are fighting.", "So now, prove it.” said Michel."}},
		{`"Stop!" he shouted. George W. Bush agreed.`, []string{`"Stop!" he shouted.`, `George W. Bush agreed.`}},
		{`Really?! Yes.`, []string{`Really?!`, `Yes.`}},
		{`Acme Inc. The firm grew. Acme Inc. said so.`, []string{`Acme Inc.`, `The firm grew.`, `Acme Inc. said so.`}},
		{"one\n\n\ntwo", []string{"one", "two"}},
	}
	for _, tt := range tests {
		d := NewDocument(tt.in)
		var got []string
		for _, s := range d.Sentences {
			got = append(got, d.Slice(s))
		}
		if strings.Join(got, "‖") != strings.Join(tt.want, "‖") {
			t.Errorf("%q:\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestParagraphsAndOffsets(t *testing.T) {
	in := "  Ünïcödé “quotes”  \r\n\n second  para \n"
	d := NewDocument(in)
	if len(d.Paragraphs) != 2 {
		t.Fatalf("paragraphs = %d", len(d.Paragraphs))
	}
	if got := d.Slice(d.Paragraphs[0]); got != "Ünïcödé “quotes”" {
		t.Errorf("p0 = %q", got)
	}
	if got := d.Slice(d.Paragraphs[1]); got != "second  para" {
		t.Errorf("p1 = %q", got)
	}
	for _, tk := range d.Tokens {
		if d.Slice(tk.Span) != tk.Text {
			t.Errorf("token %q at %v slices to %q", tk.Text, tk.Span, d.Slice(tk.Span))
		}
	}
	if i := d.TokenAt(3); i != 0 {
		t.Errorf("TokenAt(3) = %d", i)
	}
	if i := d.TokenAt(1); i != -1 {
		t.Errorf("TokenAt(1) = %d", i)
	}
	if i := d.SentenceAt(d.Paragraphs[1].Start); i != 1 {
		t.Errorf("SentenceAt = %d", i)
	}
}

// checkInvariants holds for every input.
func checkInvariants(t *testing.T, s string) {
	d := NewDocument(s)
	if len(d.Runes) != utf8.RuneCountInString(s) {
		t.Fatalf("runes %d != %d", len(d.Runes), utf8.RuneCountInString(s))
	}
	prev := 0
	for i, tk := range d.Tokens {
		if tk.Start < prev || tk.End <= tk.Start || tk.End > len(d.Runes) {
			t.Fatalf("token %d %v out of order", i, tk.Span)
		}
		if utf8.ValidString(s) && d.Slice(tk.Span) != tk.Text {
			t.Fatalf("token %d text %q != %q", i, tk.Text, d.Slice(tk.Span))
		}
		prev = tk.End
	}
	if len(d.Sentences) != len(d.SentenceTokens) {
		t.Fatalf("sentences %d vs %d", len(d.Sentences), len(d.SentenceTokens))
	}
	ntok := 0
	for i, sp := range d.Sentences {
		st := d.SentenceTokens[i]
		ntok += st.Len()
		if st.Len() <= 0 || d.Tokens[st.Start].Start != sp.Start || d.Tokens[st.End-1].End != sp.End {
			t.Fatalf("sentence %d %v tokens %v mismatch", i, sp, st)
		}
		pi := d.ParagraphAt(sp.Start)
		if pi < 0 || sp.End > d.Paragraphs[pi].End {
			t.Fatalf("sentence %d %v crosses paragraph", i, sp)
		}
		if i > 0 && d.Sentences[i-1].End > sp.Start {
			t.Fatalf("sentences overlap")
		}
	}
	if ntok != len(d.Tokens) {
		t.Fatalf("sentences hold %d of %d tokens", ntok, len(d.Tokens))
	}
}

func FuzzDocument(f *testing.F) {
	for _, s := range []string{
		`"It's necessary," he said. Mr. Smith... 'x' ‘y’ U.S. 1,000.5 '90s`,
		"a\n\nb. C", "'", "''", "’s", "A.", "..", "U.S.A.", "J. K.", "x-", "\xff\xfe'",
		"«»„‚‹›", "Inc. The", "a.b.c", "'em 'til",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkInvariants(t, s) })
}

func BenchmarkNewDocument(b *testing.B) {
	s := strings.Repeat(`Ukrainian President Volodymyr Zelenskiy said on Tuesday, 1 March, that in order for peace talks to work, Russia must first stop bombing Ukrainian cities. "It's necessary to at least stop bombing people," he said in a joint interview to the CNN and Reuters.`+"\n", 200)
	n := len(NewDocument(s).Tokens)
	b.SetBytes(int64(len(s)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		NewDocument(s)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// TestNewDocumentReuse checks that NewDocument's reused scratch carries
// nothing from one document to the next, also under concurrent use, and
// that a Document's slices do not share spare capacity.
func TestNewDocumentReuse(t *testing.T) {
	inputs := []string{
		"“Long” ’n’ wide — «text» with ünïcödé, \xff bad bytes and Mr. Smith.\n\nSecond para. 'Quote' he said.\u2029Third",
		`Short "ascii" text. Another one.`,
		"", "  \n \n", "a",
		strings.Repeat("Ünïcödé paragraph, “quoted” words. ", 300) + "\n" + strings.Repeat("ASCII words. ", 500),
	}
	want := make([]*Document, len(inputs))
	for i, s := range inputs {
		want[i] = NewDocument(s)
	}
	done := make(chan error)
	for g := 0; g < 4; g++ {
		go func() {
			for k := 0; k < 50; k++ {
				for i := range inputs {
					i := (i + g + k) % len(inputs)
					if got := NewDocument(inputs[i]); !reflect.DeepEqual(got, want[i]) {
						done <- fmt.Errorf("document of input %d differs when built after others", i)
						return
					}
				}
			}
			done <- nil
		}()
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	d := NewDocument(inputs[0])
	pt, ss, st := slices.Clone(d.ParagraphTokens), slices.Clone(d.Sentences), slices.Clone(d.SentenceTokens)
	_ = append(d.Paragraphs, Span{-1, -1})
	_ = append(d.ParagraphTokens, Span{-1, -1})
	_ = append(d.Sentences, Span{-1, -1})
	if !slices.Equal(pt, d.ParagraphTokens) || !slices.Equal(ss, d.Sentences) || !slices.Equal(st, d.SentenceTokens) {
		t.Error("appending to one of a Document's span slices changed another")
	}
}
