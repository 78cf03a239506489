package quote

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsquotes/newsquotes/internal/entity"
	"github.com/newsquotes/newsquotes/internal/text"
)

// want is one expected quote: kind, text, resolved speaker name (""
// for an honest unknown), the speaker mention and cue when set.
type want struct {
	kind    Kind
	text    string
	name    string
	mention string
	cue     string
}

func run(s string) []Quote {
	return Extract(text.NewDocument(s), nil)
}

func describe(qs []Quote) string {
	var b strings.Builder
	for _, q := range qs {
		fmt.Fprintf(&b, "\n  %s %q speaker=%q mention=%q cue=%q", q.Kind, q.Text, q.Speaker.Name, q.Speaker.Mention, q.Cue)
	}
	return b.String()
}

func check(t *testing.T, in string, wants []want) {
	t.Helper()
	got := run(in)
	if len(got) != len(wants) {
		t.Fatalf("%q:\n got %d quotes, want %d:%s", in, len(got), len(wants), describe(got))
	}
	rs := []rune(in)
	for i, w := range wants {
		q := got[i]
		if q.Kind != w.kind || q.Text != w.text || q.Speaker.Name != w.name {
			t.Errorf("quote %d = %s %q speaker %q, want %s %q speaker %q%s", i, q.Kind, q.Text, q.Speaker.Name, w.kind, w.text, w.name, describe(got))
		}
		if w.mention != "" && q.Speaker.Mention != w.mention {
			t.Errorf("quote %d mention = %q, want %q", i, q.Speaker.Mention, w.mention)
		}
		if w.cue != "" && q.Cue != w.cue {
			t.Errorf("quote %d cue = %q, want %q", i, q.Cue, w.cue)
		}
		// Offsets are code points into the text.
		if q.Speaker.Mention != "" && string(rs[q.Speaker.Start:q.Speaker.End]) != q.Speaker.Mention {
			t.Errorf("quote %d speaker offsets [%d,%d) do not spell %q", i, q.Speaker.Start, q.Speaker.End, q.Speaker.Mention)
		}
		if len(q.Parts) == 0 && q.Kind != Indirect && string(rs[q.Start:q.End]) != q.Text {
			t.Errorf("quote %d offsets [%d,%d) spell %q, not %q", i, q.Start, q.End, string(rs[q.Start:q.End]), q.Text)
		}
		if q.Clause.Start > q.Start || q.Clause.End < q.End {
			t.Errorf("quote %d clause %v does not hold the quote [%d,%d)", i, q.Clause, q.Start, q.End)
		}
	}
}

func TestAttributionForms(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []want
	}{
		{"pronoun after the quote",
			"Mayor Tomas Berg visited the flooded district on Monday.\n\"We will rebuild the bridge by spring,\" he said.",
			[]want{{Direct, "We will rebuild the bridge by spring", "Tomas Berg", "he", "said"}}},
		{"cue then name",
			"\"Prices will fall next year,\" said Finance Minister Ruth Adler.",
			[]want{{Direct, "Prices will fall next year", "Ruth Adler", "Finance Minister Ruth Adler", "said"}}},
		{"name said colon",
			"Ruth Adler said: \"The budget is balanced.\"",
			[]want{{Direct, "The budget is balanced.", "Ruth Adler", "Ruth Adler", "said"}}},
		{"name said comma",
			"Ruth Adler said, \"The budget is balanced.\"",
			[]want{{Direct, "The budget is balanced.", "Ruth Adler", "Ruth Adler", "said"}}},
		{"appositive between name and verb",
			"\"We need more time,\" Omar Haddad, a senior aide to the governor, said.",
			[]want{{Direct, "We need more time", "Omar Haddad", "Omar Haddad", "said"}}},
		{"surname resolves to the full name",
			"Omar Haddad leads the defence team.\n\"The evidence is thin,\" Haddad said.",
			[]want{{Direct, "The evidence is thin", "Omar Haddad", "Haddad", "said"}}},
		{"participle after an opening phrase",
			"During a speech on Monday, Ruth Adler attacked the plan, saying, \"It will never pass.\"",
			[]want{{Direct, "It will never pass.", "Ruth Adler", "Ruth Adler", "saying"}}},
		{"subject before a dash parenthetical",
			"Omar Haddad -- who runs the port, which is also the city's largest employer -- told me, \"We are ready.\"",
			[]want{{Direct, "We are ready.", "Omar Haddad", "Omar Haddad", "told"}}},
		{"a noun that can be a cue, before the verb", "\"The impact remains very unclear,\" the IMF report stated.",
			[]want{{Direct, "The impact remains very unclear", "", "the IMF report", "stated"}}},
		{"'it' right after a quote", "\"His fortunes have changed since then,\" it added.",
			[]want{{Direct, "His fortunes have changed since then", "", "it", "added"}}},
		{"a speech verb that is often something else, right after the quote",
			"\"We are interested in being correct,\" he continued.",
			[]want{{Direct, "We are interested in being correct", "", "he", "continued"}}},
		{"an attribution with a colon introduces the next quote",
			"Omar Haddad and Ruth Adler spoke.\n\"We are refugees,\" Ms. Adler said. \"We are not terrorists.\" Mr. Haddad said: \"The attack was the work of terrorists.\"",
			[]want{
				{Direct, "We are refugees We are not terrorists.", "Ruth Adler", "Ms. Adler", "said"},
				{Direct, "The attack was the work of terrorists.", "Omar Haddad", "Mr. Haddad", "said"}}},
		{"an abbreviation ends the attribution before a quoted sentence that goes on",
			"\"The bridge must be rebuilt,\" said Ruth Adler, 20, of Jacksonville, Fla. \"We cannot wait for another year.\"",
			[]want{
				{Direct, "The bridge must be rebuilt We cannot wait for another year.", "Ruth Adler", "Ruth Adler", "said"}}},
		{"colon after a clause opening with a connective",
			"And Mr. Ruud gloated: \"I told you he would not be ready.\"",
			[]want{{Direct, "I told you he would not be ready.", "Ruud", "Mr. Ruud", ""}}},
		{"colon after a clause whose subject has an appositive",
			"Senate Leader Tom Ruud, R-Ky., delivered a blunt message to the mayor: \"It is time to quit attacking people.\"",
			[]want{{Direct, "It is time to quit attacking people.", "Tom Ruud", "Senate Leader Tom Ruud", ""}}},
		{"colon after a clause opening with a phrase set off by a comma",
			"Tom Ruud toured the county.\nAsked which county was his favorite, he demurred: \"Whichever one I am in at the moment.\"",
			[]want{{Direct, "Whichever one I am in at the moment.", "Tom Ruud", "he", ""}}},
		{"colon after a clause without a speech verb",
			"The election board was conclusive in its findings: \"Further discussion of this issue is unnecessary.\"",
			[]want{{Direct, "Further discussion of this issue is unnecessary.", "", "The election board", ""}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { check(t, tc.in, tc.want) })
	}
}

func TestSpeakerInPreviousParagraph(t *testing.T) {
	check(t, "Omar Haddad leads the defence team.\n\nHaddad, speaking to reporters outside the courthouse, said:\n\n\"The verdict is a disgrace. We will appeal.\"",
		[]want{{Direct, "The verdict is a disgrace. We will appeal.", "Omar Haddad", "Haddad", "said"}})
}

func TestPronounAndNominalResolution(t *testing.T) {
	in := "Defence Minister Karl Jensen arrived in Oslo on Friday.\n" +
		"The talks lasted eleven hours.\n" +
		"\"Nothing is agreed yet,\" the minister said.\n" +
		"Later, Prime Minister Eva Lund spoke to the press.\n" +
		"\"We are close,\" she said.\n" +
		"\"We keep talking,\" Jensen added."
	check(t, in, []want{
		{Direct, "Nothing is agreed yet", "Karl Jensen", "the minister", "said"},
		{Direct, "We are close", "Eva Lund", "she", "said"},
		{Direct, "We keep talking", "Karl Jensen", "Jensen", "added"},
	})
	// A description with a capitalised modifier is not a name; it renames
	// the person being quoted.
	check(t, "\"We will win,\" Karl Jensen said on Monday.\n\"The polls are wrong,\" the New York businessman said.",
		[]want{
			{Direct, "We will win", "Karl Jensen", "Karl Jensen", "said"},
			{Direct, "The polls are wrong", "Karl Jensen", "the New York businessman", "said"},
		})
	// A name inside a quotation is talked about, not talking: "she" is the
	// woman named before it.
	check(t, "Ann Berg shook her head. “Tom is much better about it than I am.” Over the years, she said, the ferry has kept the town in touch with Oslo.",
		[]want{{Indirect, "Over the years the ferry has kept the town in touch with Oslo", "Ann Berg", "she", "said"}})
}

func TestOutletIsNotTheSpeaker(t *testing.T) {
	tests := []struct{ name, in, mention, cue string }{
		{"quoted as saying by", "\"The ceasefire must hold,\" Jensen was quoted as saying by Reuters.", "Jensen", "was quoted as saying"},
		{"told outlet", "Jensen told Reuters: \"The ceasefire must hold.\"", "Jensen", "told"},
		{"interview with", "\"The ceasefire must hold,\" Jensen said in an interview with CNN.", "Jensen", "said"},
		{"outlet quoted X", "\"The ceasefire must hold,\" Reuters quoted Jensen as saying.", "Jensen", "quoted as saying"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := run("Karl Jensen is the defence minister.\n" + tc.in)
			var direct []Quote
			for _, q := range got {
				if q.Kind == Direct {
					direct = append(direct, q)
				}
			}
			if len(direct) != 1 || direct[0].Speaker.Name != "Karl Jensen" || direct[0].Speaker.Mention != tc.mention || direct[0].Cue != tc.cue {
				t.Errorf("got %s", describe(got))
			}
		})
	}
}

func TestMultiParagraphAndInterruptedQuotes(t *testing.T) {
	t.Run("multi-paragraph", func(t *testing.T) {
		got := run("Karl Jensen said:\n\"The first part of the statement is here.\n\"The second part ends it.\"")
		if len(got) != 1 || got[0].Text != "The first part of the statement is here. The second part ends it." || len(got[0].Parts) != 2 || got[0].Speaker.Name != "Karl Jensen" {
			t.Errorf("got %s", describe(got))
		}
	})
	t.Run("interrupted", func(t *testing.T) {
		got := run("Eva Lund spoke first.\n\"We will win,\" she said, \"and we will win soon.\"")
		if len(got) != 1 || got[0].Text != "We will win and we will win soon." || got[0].Speaker.Name != "Eva Lund" {
			t.Errorf("got %s", describe(got))
		}
	})
	t.Run("quote-only sentences follow the speaker", func(t *testing.T) {
		// A paragraph that is nothing but a quotation goes on with the
		// quote before it (as PolNeAR groups them): one quote, three parts.
		got := run("\"We are ready,\" Karl Jensen said. \"The army is ready too.\"\n\"Nobody doubts it.\"")
		if len(got) != 1 || got[0].Text != "We are ready The army is ready too. Nobody doubts it." || len(got[0].Parts) != 3 ||
			got[0].Speaker.Name != "Karl Jensen" {
			t.Errorf("got %s", describe(got))
		}
	})
	t.Run("a programme's title in the attribution does not stop the next sentence joining", func(t *testing.T) {
		got := run("Talks stalled.\n\"We are ready,\" Karl Jensen said on NRK's \"Morning News\" Sunday. \"The army is ready too.\"")
		if len(got) != 1 || got[0].Text != "We are ready The army is ready too." || len(got[0].Parts) != 2 || got[0].Speaker.Name != "Karl Jensen" {
			t.Errorf("got %s", describe(got))
		}
	})
	t.Run("a quote-only sentence after other words in its paragraph is its own quote", func(t *testing.T) {
		got := run("\"We are ready,\" Karl Jensen said.\nThe army agreed. \"Nobody doubts it.\"")
		if len(got) != 2 || got[1].Text != "Nobody doubts it." || got[1].Speaker.Name != "Karl Jensen" {
			t.Errorf("got %s", describe(got))
		}
	})
}

func TestMixedQuotes(t *testing.T) {
	in := "Karl Jensen condemned the strike, calling it \"an act of cowardice\" in a televised address.\n" +
		"He said that the court will review the \"unusual and troubling request\" next week."
	got := run(in)
	var mixed []Quote
	for _, q := range got {
		if q.Kind == Mixed {
			mixed = append(mixed, q)
		}
	}
	if len(mixed) != 2 {
		t.Fatalf("got %s", describe(got))
	}
	if mixed[0].Text != "an act of cowardice" || mixed[0].Speaker.Name != "Karl Jensen" || mixed[0].Cue != "calling" {
		t.Errorf("first mixed quote: %s", describe(mixed[:1]))
	}
	rs := []rune(in)
	if mixed[1].Text != "unusual and troubling request" || mixed[1].Speaker.Name != "Karl Jensen" ||
		string(rs[mixed[1].Clause.Start:mixed[1].Clause.End]) != "the court will review the \"unusual and troubling request\" next week" {
		t.Errorf("second mixed quote: %s clause %q", describe(mixed[1:]), string(rs[mixed[1].Clause.Start:mixed[1].Clause.End]))
	}
}

func TestIndirectSpeech(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []want
	}{
		{"said that", "Karl Jensen said that the talks would resume in March.",
			[]want{{Indirect, "the talks would resume in March", "Karl Jensen", "Karl Jensen", "said"}}},
		{"said without that", "Karl Jensen said on Friday the talks would resume in March.",
			[]want{{Indirect, "the talks would resume in March", "Karl Jensen", "Karl Jensen", "said"}}},
		{"urged", "Karl Jensen urged allies to send more aid, citing the coming winter.",
			[]want{{Indirect, "allies to send more aid", "Karl Jensen", "Karl Jensen", "urged"},
				{Indirect, "the coming winter", "Karl Jensen", "Karl Jensen", "citing"}}},
		{"according to", "According to the ministry, forty soldiers were wounded.",
			[]want{{Indirect, "forty soldiers were wounded", "", "the ministry", "according to"}}},
		{"trailing attribution", "The talks will resume in March, Karl Jensen said.",
			[]want{{Indirect, "The talks will resume in March", "Karl Jensen", "Karl Jensen", "said"}}},
		{"noun object ends before its time", "The farmers' union endorsed Karl Jensen for mayor on Monday, a blow to his rival.",
			[]want{{Indirect, "Karl Jensen for mayor", "", "The farmers' union", "endorsed"}}},
		{"according to after a whole clause", "The harvest fell by a third last year, according to the ministry, more than in any year since 1990.",
			[]want{{Indirect, "The harvest fell by a third last year", "", "the ministry", "according to"}}},
		{"a coordinated stance clause ends the first", "Karl Jensen has said the bridge will reopen in May, but he refuses to name a date.",
			[]want{{Indirect, "the bridge will reopen in May", "Karl Jensen", "Karl Jensen", "has said"},
				{Indirect, "to name a date", "Karl Jensen", "he", "refuses"}}},
		{"a new subject's attribution ends the clause", "Karl Jensen said the tax would raise money for schools, but economists agreed it was too small.",
			[]want{{Indirect, "the tax would raise money for schools", "Karl Jensen", "Karl Jensen", "said"},
				{Indirect, "it was too small", "", "economists", "agreed"}}},
		{"according to a source that is not a noun phrase", "But according to law enforcement officials, the account was linked to an old email address.",
			[]want{{Indirect, "the account was linked to an old email address", "", "law enforcement officials", "according to"}}},
		{"according to at the end", "She lost the Oregon primary but was leading in Kentucky, according to complete but unofficial returns.",
			[]want{{Indirect, "She lost the Oregon primary but was leading in Kentucky", "", "complete but unofficial returns", "according to"}}},
		{"the question of a participial 'asked'", "Asked by Karl Jensen whether the bridge would reopen, the mayor shrugged.",
			[]want{{Indirect, "whether the bridge would reopen", "Karl Jensen", "Karl Jensen", "Asked"}}},
		{"reported speech before a quote in the same sentence", "Karl Jensen said it takes time to build trust but added, \"I strongly support him.\"",
			[]want{{Indirect, "it takes time to build trust", "Karl Jensen", "Karl Jensen", "said"},
				{Direct, "I strongly support him.", "Karl Jensen", "Karl Jensen", "added"}}},
		{"a possessive subject after an opening phrase", "In a statement on Monday, Jensen's campaign said he will be represented by two lawyers.",
			[]want{{Indirect, "he will be represented by two lawyers", "", "Jensen's campaign", "said"}}},
		{"a sentence opening with 'But'", "But critics say the money could be better spent elsewhere.",
			[]want{{Indirect, "the money could be better spent elsewhere", "", "critics", "say"}}},
		{"a subject with a prepositional phrase", "Elected officials from both parties say he has forged a reputation as a hard worker.",
			[]want{{Indirect, "he has forged a reputation as a hard worker", "", "Elected officials from both parties", "say"}}},
		{"a subject with an adjective phrase", "People familiar with the plan said the talks would resume in May.",
			[]want{{Indirect, "the talks would resume in May", "", "People familiar with the plan", "said"}}},
		{"a poll reports what 'in' introduces", "In a Register poll last month, Karl Jensen had a ten-point lead.",
			[]want{{Indirect, "Karl Jensen had a ten-point lead", "", "a Register poll last month", "in"}}},
		{"'in' a place reports nothing", "In the harbour town of Tromsø, the ferry carried 41,000 passengers last year.", nil},
		{"according to a name with an appositive", "According to Karl Jensen, an analyst at Nordic Research, the network is still a cash generator.",
			[]want{{Indirect, "the network is still a cash generator", "Karl Jensen", "Karl Jensen", "according to"}}},
		{"a noun compound with a word that can be a cue", "Federal and state officials said the two raised money for a ski resort.",
			[]want{{Indirect, "the two raised money for a ski resort", "", "Federal and state officials", "said"}}},
		{"a collective noun speaks", "The officer was not wearing a camera, police said.",
			[]want{{Indirect, "The officer was not wearing a camera", "", "police", "said"}}},
		{"an abbreviation in parentheses does not end the sentence", "Rep. Karl Jensen (R-S.C.) said that claim smacked of hypocrisy.",
			[]want{{Indirect, "claim smacked of hypocrisy", "Karl Jensen", "Rep. Karl Jensen (R-S.C.)", "said"}}},
		{"final attribution with an appositive", "The first ad could start this week, said Karl Jensen, an adviser to the family who runs the group.",
			[]want{{Indirect, "The first ad could start this week", "Karl Jensen", "Karl Jensen", "said"}}},
		{"about before a number is no particle", "Karl Jensen has said about 20 people want the job.",
			[]want{{Indirect, "about 20 people want the job", "Karl Jensen", "Karl Jensen", "has said"}}},
		{"citing after a direct quote", `"The town has changed," Karl Jensen said in June, citing the new school and the repaired bridge.`,
			[]want{{Direct, "The town has changed", "Karl Jensen", "Karl Jensen", "said"},
				{Indirect, "the new school and the repaired bridge", "Karl Jensen", "", "citing"}}},
		{"referring to after a direct quote", `"We need calm," Karl Jensen told the crowd, referring to the protests of the previous week.`,
			[]want{{Direct, "We need calm", "Karl Jensen", "Karl Jensen", "told"},
				{Indirect, "the protests of the previous week", "Karl Jensen", "", "referring"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { check(t, tc.in, tc.want) })
	}
}

func TestHeadlineConvention(t *testing.T) {
	check(t, "'We Will Not Back Down': Jensen at Nordic Summit\nKarl Jensen spoke in Oslo.",
		[]want{{Direct, "We Will Not Back Down", "Karl Jensen", "Jensen", ":"}})
	check(t, "Mayor Hid Budget Problems From Voters, Karl Jensen Says\nKarl Jensen spoke on Monday.",
		[]want{{Indirect, "Mayor Hid Budget Problems From Voters", "Karl Jensen", "Karl Jensen", "Says"}})
}

func TestNotQuotes(t *testing.T) {
	tests := []struct{ name, in string }{
		{"scare quotes and names", "Police arrested a man who goes by the name \"Shorty\" on Tuesday."},
		{"title in quotes", "The band played \"Blue Harbour Nights\" twice at the festival."},
		{"related-link headline", "\"Prices Are Too High,\" Says Retail Group as Sales Slump"},
		{"newsletter line", "Sign up for our newsletter: \"The best of the week, in your inbox every Friday.\""},
		{"apostrophes", "The players' union chief said it's the fans' decision and O'Brien's call."},
		{"unclosed mark", "\"This is a stray mark that never closes and has no speaker"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, q := range run(tc.in) {
				if q.Kind != Indirect {
					t.Errorf("found a quote: %s", describe([]Quote{q}))
				}
			}
		})
	}
}

func TestStrayMarksDoNotDerailTheRest(t *testing.T) {
	in := "The board measured 12\" across and the \"odd mark stayed open.\n" +
		"\"We are done here,\" Eva Lund said.\n" +
		"\"He told me 'never again' twice,\" she said."
	check(t, in, []want{
		{Direct, "We are done here", "Eva Lund", "Eva Lund", "said"},
		{Direct, "He told me 'never again' twice", "Eva Lund", "she", "said"},
	})
}

func TestQuoteMarkStyles(t *testing.T) {
	for _, in := range []string{
		`"We are ready," Karl Jensen said.`,
		`“We are ready,” Karl Jensen said.`,
		`‘We are ready,’ Karl Jensen said.`,
		`«We are ready,» Karl Jensen said.`,
		`„We are ready,“ Karl Jensen said.`,
		`''We are ready,'' Karl Jensen said.`,
	} {
		t.Run(in, func(t *testing.T) {
			check(t, in, []want{{Direct, "We are ready", "Karl Jensen", "Karl Jensen", "said"}})
		})
	}
}

func TestAttributionWithoutVerb(t *testing.T) {
	check(t, "\"Regulation must keep pace with technology.\" — Commissioner Lena Ortiz",
		[]want{{Direct, "Regulation must keep pace with technology.", "Lena Ortiz", "Commissioner Lena Ortiz", "—"}})
}

func TestHonestUnknown(t *testing.T) {
	got := run("\"It was chaos,\" one witness said.\n\"We saw nothing,\" they said.")
	if len(got) != 2 {
		t.Fatalf("got %s", describe(got))
	}
	for _, q := range got {
		if q.Speaker.Name != "" || q.Confidence > 0.5 {
			t.Errorf("want an unknown speaker with low confidence: %s conf %.2f", describe([]Quote{q}), q.Confidence)
		}
	}
	if got[0].Speaker.Mention != "one witness" || got[1].Speaker.Mention != "they" {
		t.Errorf("mentions: %s", describe(got))
	}
}

func TestEntityResolution(t *testing.T) {
	in := "Karl Jensen arrived.\n\"We are ready,\" Jensen said."
	doc := text.NewDocument(in)
	ents := []entity.Entity{{ID: "p1", Type: entity.Person, Name: "Karl Jensen",
		Mentions: []entity.Mention{{Start: 0, End: 11}, {Start: 35, End: 41}}}}
	got := Extract(doc, ents)
	if len(got) != 1 || got[0].Speaker.Entity != "p1" || got[0].Speaker.Name != "Karl Jensen" {
		t.Errorf("got %s (entity %q)", describe(got), got[0].Speaker.Entity)
	}
}

func TestEmptyAndDegenerate(t *testing.T) {
	for _, in := range []string{"", "\n\n", "\"", "''", "“”", "said said said", "\"a\" \"b\" \"c\""} {
		if got := run(in); got == nil {
			t.Errorf("Extract(%q) = nil, want empty slice", in)
		}
	}
	if got := Extract(nil, nil); got == nil || len(got) != 0 {
		t.Errorf("Extract(nil) = %v", got)
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"\"A,\" she said, \"B.\"",
		"X said: \n\"a\n\"b\"",
		"'Q': Name at Event",
		"According to X, y z w.",
		"“A” ― Name\n«B,» said C (D-E.), a f, said.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		n := utf8.RuneCountInString(s)
		for _, q := range run(s) {
			if q.Start < 0 || q.End > n || q.Start > q.End || q.Clause.Start < 0 || q.Clause.End > n {
				t.Fatalf("bad offsets %+v in %q", q, s)
			}
			if q.Speaker.Mention != "" && (q.Speaker.Start < 0 || q.Speaker.End > n || q.Speaker.Start >= q.Speaker.End) {
				t.Fatalf("bad speaker %+v in %q", q.Speaker, s)
			}
		}
	})
}

// strayText is text full of unpaired quote marks and cue words.
func strayText(n int) string {
	pieces := []string{`"`, `“`, `”`, `'`, `’`, `‘`, ` said `, ` he `, `, `, `.`, "\n", ` Smith `, `«`, `»`, ` that `}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(pieces[(i*7+i/5)%len(pieces)])
	}
	return b.String()
}

// TestLinearOnStrayMarks runs a 5 MB text of stray marks: it must finish
// (the benchmark below measures how fast).
func TestLinearOnStrayMarks(t *testing.T) {
	if testing.Short() {
		t.Skip("5 MB input")
	}
	s := strayText(5 << 20)
	run(s)
	// One paragraph, no line breaks at all.
	run(strings.ReplaceAll(strayText(1<<20), "\n", " "))
}

func BenchmarkExtractStrayMarks(b *testing.B) {
	s := strayText(1 << 20)
	doc := text.NewDocument(s)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Extract(doc, nil)
	}
}

func TestSpeakerPhraseKeepsTheAppositive(t *testing.T) {
	in := "\"We need more time,\" Omar Haddad, a senior aide to the governor, said."
	got := run(in)
	rs := []rune(in)
	if len(got) != 1 {
		t.Fatalf("got %s", describe(got))
	}
	p := got[0].Speaker.Phrase
	if s := string(rs[p.Start:p.End]); s != "Omar Haddad, a senior aide to the governor" {
		t.Errorf("phrase = %q", s)
	}
}

func TestReportedSpeechAroundQuotes(t *testing.T) {
	t.Run("participle after a direct quote", func(t *testing.T) {
		got := run("\"We are not done,\" Karl Jensen told the group, adding that the vote would come in June.")
		if len(got) != 2 || got[1].Kind != Indirect || got[1].Text != "the vote would come in June" || got[1].Speaker.Name != "Karl Jensen" {
			t.Errorf("got %s", describe(got))
		}
	})
	t.Run("parenthetical attribution", func(t *testing.T) {
		got := run("The air had become so bad, Karl Jensen noted, that the city closed its schools.")
		if len(got) != 1 || got[0].Kind != Indirect || got[0].Speaker.Name != "Karl Jensen" || got[0].Cue != "noted" {
			t.Errorf("got %s", describe(got))
		}
	})
	t.Run("a month that is a name", func(t *testing.T) {
		got := run("Prime Minister Theresa May said that talks would start in May.")
		if len(got) != 1 || got[0].Speaker.Name != "Theresa May" || got[0].Text != "talks would start in May" {
			t.Errorf("got %s", describe(got))
		}
	})
}

func TestPronounGender(t *testing.T) {
	check(t, "Eva Lund arrived first. Karl Jensen came later.\n\"We are ready,\" she said.",
		[]want{{Direct, "We are ready", "Eva Lund", "she", "said"}})
	check(t, "Eva Lund arrived first. Karl Jensen came later.\n\"We are ready,\" he said.",
		[]want{{Direct, "We are ready", "Karl Jensen", "he", "said"}})
}

func TestHeadlineSays(t *testing.T) {
	check(t, "Karl Jensen Says Talks Will Resume in March\nThe talks stalled on Friday.",
		[]want{{Indirect, "Talks Will Resume in March", "Karl Jensen", "Karl Jensen", "Says"}})
	// A related-link headline opened by a quotation stays out.
	if got := run("\"Ferries Are Lifelines,\" Says Island Group"); len(got) != 0 {
		t.Errorf("related-link headline: %s", describe(got))
	}
}

func TestStrayMarkBeforeAQuoteInTheSameParagraph(t *testing.T) {
	check(t, "The \"Big Apple nickname stuck. \"We will win,\" Eva Lund said.",
		[]want{{Direct, "We will win", "Eva Lund", "Eva Lund", "said"}})
}

func TestReportingRulesFromPolNeARConventions(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []want
	}{
		{"participle after a comma", "Karl Jensen left the hall early, saying the terms were unfair to farmers.",
			[]want{{Indirect, "the terms were unfair to farmers", "Karl Jensen", "Karl Jensen", "saying"}}},
		{"participle after a dash", "Karl Jensen changed course – arguing that the port must stay open.",
			[]want{{Indirect, "the port must stay open", "Karl Jensen", "Karl Jensen", "arguing"}}},
		{"poll share as speaker", "The survey was large. Nearly half said they prefer a newcomer to the race.",
			[]want{{Indirect, "they prefer a newcomer to the race", "", "Nearly half", "said"}}},
		{"spelled-out percent", "Forty-one percent said the economy was getting worse.",
			[]want{{Indirect, "the economy was getting worse", "", "Forty-one percent", "said"}}},
		{"question quote then name said", "Talks stalled.\n“How long must the farmers wait?” Karl Jensen said.",
			[]want{{Direct, "How long must the farmers wait?", "Karl Jensen", "Karl Jensen", "said"}}},
		{"whole quoted sentence after a participle", "Karl Jensen criticized the plan, saying \"It will ruin the harbour towns.\"",
			[]want{{Direct, "It will ruin the harbour towns.", "Karl Jensen", "Karl Jensen", "saying"}}},
		{"that inside an opened clause", "Karl Jensen said it was clear that the port would close.",
			[]want{{Indirect, "it was clear that the port would close", "Karl Jensen", "Karl Jensen", "said"}}},
		{"subordinate clause stays in", "Karl Jensen said the port would close because the river froze.",
			[]want{{Indirect, "the port would close because the river froze", "Karl Jensen", "Karl Jensen", "said"}}},
		{"second attribution ends the clause", "The farmers said the port should stay open, and nearly half said it should grow.",
			[]want{
				{Indirect, "the port should stay open", "", "The farmers", "said"},
				{Indirect, "it should grow", "", "nearly half", "said"},
			}},
		{"contracted auxiliary", "He’s said the port will close soon.",
			[]want{{Indirect, "the port will close soon", "", "He", "’s said"}}},
		{"modifier before a title", "Talks stalled.\n“They are nervous,” said longtime pollster Ann Berg.",
			[]want{{Direct, "They are nervous", "Ann Berg", "longtime pollster Ann Berg", "said"}}},
		{"headline label with a setting", "Jensen to Farmers: The port will stay open all winter.\nKarl Jensen spoke in Oslo.",
			[]want{{Indirect, "The port will stay open all winter", "Karl Jensen", "Jensen", ":"}}},
		{"abbreviation ends a sentence", "Karl Jensen says the harbour will reopen in the U.S. He says the ships are ready.",
			[]want{
				{Indirect, "the harbour will reopen in the U.S.", "Karl Jensen", "Karl Jensen", "says"},
				{Indirect, "the ships are ready", "Karl Jensen", "He", "says"},
			}},
		{"a cue opening a coordinated predicate", "Karl Jensen welcomed the harbour deal and said the ferries would run all winter.",
			[]want{{Indirect, "the ferries would run all winter", "Karl Jensen", "Karl Jensen", "said"}}},
		{"a coordinated cue after a comma and 'but'", "Karl Jensen has disputed both reports, but says in hindsight he would have waited.",
			[]want{{Indirect, "in hindsight he would have waited", "Karl Jensen", "Karl Jensen", "says"}}},
		{"a plural subject modified by a name", "Harbour Authority officials said the pier would not reopen.",
			[]want{{Indirect, "the pier would not reopen", "", "Harbour Authority officials", "said"}}},
		{"a share of a group", "In Tromsø, half of the ferry workers said they were angry.",
			[]want{{Indirect, "they were angry", "", "half of the ferry workers", "said"}}},
		{"a share in words", "Two in three said they would vote for the harbour plan.",
			[]want{{Indirect, "they would vote for the harbour plan", "", "Two in three", "said"}}},
		{"a share before a named group", "Six in 10 Bergen ferry workers said the pier was unsafe.",
			[]want{{Indirect, "the pier was unsafe", "", "Six in 10 Bergen ferry workers", "said"}}},
		{"a share of a determined group, after 'But'", "But 55 percent of all voters say she does not have the votes.",
			[]want{{Indirect, "she does not have the votes", "", "55 percent of all voters", "say"}}},
		{"two coordinated plural heads after a possessive", "Her advisers and allies say she will spend the winter in Oslo.",
			[]want{{Indirect, "she will spend the winter in Oslo", "", "Her advisers and allies", "say"}}},
		{"coordinated names before the head", "Harbour Authority and Coast Guard spokesmen said the pier was closed.",
			[]want{{Indirect, "the pier was closed", "", "Harbour Authority and Coast Guard spokesmen", "said"}}},
		{"a description before the name is part of the source", "Republican presidential hopeful Karl Jensen said the port would close.",
			[]want{{Indirect, "the port would close", "Karl Jensen", "Republican presidential hopeful Karl Jensen", "said"}}},
		{"a possessive description", "His son Karl Jensen said the port would close.",
			[]want{{Indirect, "the port would close", "Karl Jensen", "His son Karl Jensen", "said"}}},
		{"a quantifier of a named group", "In Oslo, many Democrats said the port would close.",
			[]want{{Indirect, "the port would close", "Democrats", "many Democrats", "said"}}},
		{"an abstract noun before the name is no description", "No wonder Karl Jensen said the port would close.",
			[]want{{Indirect, "the port would close", "Karl Jensen", "Karl Jensen", "said"}}},
		{"the head before a preposition is the subject, and the name after it did not speak", "A spokesman for Karl Jensen said the port would close.",
			[]want{{Indirect, "the port would close", "", "A spokesman for Karl Jensen", "said"}}},
		{"a share of a named group", "In Oslo, 72 percent of Democrats said the port would close.",
			[]want{{Indirect, "the port would close", "", "72 percent of Democrats", "said"}}},
		{"a quantifier before 'of'", "Still, some of his supporters say the port should close.",
			[]want{{Indirect, "the port should close", "", "some of his supporters", "say"}}},
		{"a participle's speaker is the clause's subject, not a relative clause's", "Karl Jensen would not pay the architect who said he was owed money, saying, \"He did a poor job.\"",
			[]want{{Indirect, "he was owed money", "", "who", "said"}, {Direct, "He did a poor job.", "Karl Jensen", "Karl Jensen", "saying"}}},
		{"a description after 'said X' goes on past an age and a place", "Talks stalled.\n“The port will close,” said Ann Berg, 65, a teacher from Tromsø, Norway.",
			[]want{{Direct, "The port will close", "Ann Berg", "Ann Berg", "said"}}},
		{"a chanted question is a direct quote of the subject with its participle phrase", "Protesters marching through the streets chanted \"What curfew?\" as they passed the police line.",
			[]want{{Direct, "What curfew?", "", "Protesters marching through the streets", "chanted"}}},
		{"a name right before the participle says it, after a setting", "The ad ends with footage of Karl Jensen saying during the debate last week, “That makes me smart,” and nothing more.",
			[]want{{Direct, "That makes me smart", "Karl Jensen", "Karl Jensen", "saying"}}},
		{"a chant after 'while chanting,'; a plural opening the sentence is no name", "Fans marched to the stadium while chanting, \"Hands up, don't shoot.\"",
			[]want{{Direct, "Hands up, don't shoot.", "", "Fans", "chanting"}}},
		{"a second that-clause goes on with the content", "Ann Berg said the videos were unclear and that the footage released Friday showed nothing.",
			[]want{{Indirect, "the videos were unclear and that the footage released Friday showed nothing", "Ann Berg", "Ann Berg", "said"}}},
		{"an age before the appositive", "Ann Berg, 60, a teacher, said she was relieved by the vote.",
			[]want{{Indirect, "she was relieved by the vote", "Ann Berg", "Ann Berg", "said"}}},
		{"a possessive appositive after a final 'said X'", "The ferries will run all winter, said Ann Berg, the union's spokeswoman.",
			[]want{{Indirect, "The ferries will run all winter", "Ann Berg", "Ann Berg", "said"}}},
		{"the writer goes on after ', but he'", "Karl Jensen is promising lower fares and \"ferries, ferries, ferries,\" but he has also raised the port fees.",
			[]want{{Indirect, `lower fares and "ferries, ferries, ferries,"`, "Karl Jensen", "Karl Jensen", "is promising"}}},
		{"a relative clause set off by commas speaks for the name before it", "Ann Berg, who said in an interview that the pier was unsafe, resigned on Monday.",
			[]want{{Indirect, "the pier was unsafe", "Ann Berg", "who", "said"}}},
		{"'who' after an appositive's tail stays unresolved", "Ann Berg, a teacher from Bergen, Norway, who said she was relieved by the vote, left early.",
			[]want{{Indirect, "she was relieved by the vote", "", "who", "said"}}},
		{"a subordinate clause's content ends where the main clause resumes", "While Ann Berg said that the ferries were safe, she avoided the harbour all winter.",
			[]want{{Indirect, "the ferries were safe", "Ann Berg", "Ann Berg", "said"}}},
		{"a coordinated cue inside a relative clause", "Karl Jensen, who endorsed the mayor in May and said he would campaign with her, never came to Tromsø.",
			[]want{{Indirect, "the mayor in May", "Karl Jensen", "who", "endorsed"}, {Indirect, "he would campaign with her", "Karl Jensen", "who", "said"}}},
		{"a stance verb's object ends where a second verb begins", "Karl Jensen blasted the port authority and defended the harbour chief on Monday.",
			[]want{{Indirect, "the port authority", "Karl Jensen", "Karl Jensen", "blasted"}, {Indirect, "the harbour chief", "Karl Jensen", "Karl Jensen", "defended"}}},
		{"a poll share written with a percent sign", "On jobs, 42% say the economy is weak.",
			[]want{{Indirect, "the economy is weak", "", "42%", "say"}}},
		{"'those' with a prepositional phrase is a group", "Those over 60 say the ferries are too slow.",
			[]want{{Indirect, "the ferries are too slow", "", "Those over 60", "say"}}},
		{"'as X noted,' reports the main clause", "But as Ann Berg noted, the harbour is not safe in winter.",
			[]want{{Indirect, "the harbour is not safe in winter", "Ann Berg", "Ann Berg", "noted"}}},
		{"a relative clause's own subject and its gapped verb", "The council passed a budget, which critics said was unfair to the ferry workers.",
			[]want{{Indirect, "was unfair to the ferry workers", "", "critics", "said"}}},
		{"a programme's title after an outlet's name is no quote", `Ann Berg said on NRK's "Dagsrevyen" Sunday that the ferries were late.`,
			[]want{{Indirect, "the ferries were late", "Ann Berg", "Ann Berg", "said"}}},
		{"a title after a noun such as 'show' is no quote", `Karl Jensen called the plan "a floating disaster" on the show "Morning Port."`,
			[]want{{Mixed, "a floating disaster", "Karl Jensen", "Karl Jensen", "called"}}},
		{"a trailing 'according to' vouches for the 'with' clause before it", "The ferry lost money in 2015, with fares covering a third of its costs, according to the port authority.",
			[]want{{Indirect, "fares covering a third of its costs", "", "the port authority", "according to"}}},
		{"a trailing 'according to' vouches for the relative clause before it", "The mayor hired Ann Berg, who has opposed the bridge for years, according to the local paper.",
			[]want{{Indirect, "who has opposed the bridge for years", "", "the local paper", "according to"}}},
		{"'According to X,' after a colon", "It has not gone unnoticed: According to recent polls, Karl Jensen holds only 14 percent of the vote.",
			[]want{{Indirect, "Karl Jensen holds only 14 percent of the vote", "", "recent polls", "according to"}}},
		{"'when asked' late in a sentence ends the content and reports the question", "Karl Jensen said he needed time when asked whether he would endorse the mayor.",
			[]want{{Indirect, "he needed time", "Karl Jensen", "Karl Jensen", "said"}, {Indirect, "whether he would endorse the mayor", "", "", "asked"}}},
		{"'when asked to' is a request, not a question", "The videos show Karl Jensen leaving his car when asked to do so by the police.",
			[]want{{Indirect, "Karl Jensen leaving his car when asked to do so by the police", "", "The videos", "show"}}},
		{"'Asked' with its setting before the question", "Asked at a briefing Monday about the ferry, Ann Berg said nothing.",
			[]want{{Indirect, "about the ferry", "", "", "Asked"}}},
		{"wire triple marks after a nested quotation", "''I doubt voters will accept 'We will fix it,''' said Ann Berg.",
			[]want{{Direct, "I doubt voters will accept 'We will fix it,'", "Ann Berg", "Ann Berg", "said"}}},
		{"a poll's share before a participle says it", "The strikes have left 62 percent of ferry workers saying the port is unsafe.",
			[]want{{Indirect, "the port is unsafe", "", "62 percent of ferry workers", "saying"}}},
		{"'with' a share and a participle", "Most workers back the strike, with three in 10 saying the pay offer is too low.",
			[]want{{Indirect, "the pay offer is too low", "", "three in 10", "saying"}}},
		{"an inverted attribution inside the sentence", "The ferries, said Ann Berg, will run all winter.",
			[]want{{Indirect, "The ferries will run all winter", "Ann Berg", "Ann Berg", "said"}}},
		{"a parenthetical attribution after an opening 'By …' phrase", "By closing the line, Ann Berg said, the port can invite twice as many guests.",
			[]want{{Indirect, "By closing the line the port can invite twice as many guests", "Ann Berg", "Ann Berg", "said"}}},
		{"a setting before 'X said:' and a quotation is no content", "In one post Friday, Ann Berg said: \"The ferries will run all winter.\"",
			[]want{{Direct, "The ferries will run all winter.", "Ann Berg", "Ann Berg", "said"}}},
		{"an adverbial between the cue and the quotation is no content", "Karl Jensen said on the other hand, \"The bridge can wait.\"",
			[]want{{Direct, "The bridge can wait.", "Karl Jensen", "Karl Jensen", "said"}}},
		{"'plan' is a cue only in 'plans to'", "The Jensen ferry plan would cost the port millions. Karl Jensen plans to sell the old ferries.",
			[]want{{Indirect, "to sell the old ferries", "Karl Jensen", "Karl Jensen", "plans"}}},
		{"a stance word used as a noun is no cue", "The strongest support came from the islands. Voters strongly support the ferry tax, and a new poll shows the mayor ahead. Mr. Jensen's show aired on Thursday.",
			[]want{{Indirect, "the ferry tax", "", "Voters", "support"}, {Indirect, "the mayor ahead", "", "a new poll", "shows"}}},
		{"a spaced dash opens the writer's aside", "Ann Berg said the ferries would run all winter — a promise she made last year too.",
			[]want{{Indirect, "the ferries would run all winter", "Ann Berg", "Ann Berg", "said"}}},
		{"a pair of dashes sets off an aside inside the content", "Ann Berg said the ferries — old as they are — would run all winter.",
			[]want{{Indirect, "the ferries — old as they are — would run all winter", "Ann Berg", "Ann Berg", "said"}}},
		{"a linking adverb opening the content is the writer's", "Meanwhile, the ferries are late again, Karl Jensen wrote.",
			[]want{{Indirect, "the ferries are late again", "Karl Jensen", "Karl Jensen", "wrote"}}},
		{"content reported before the attribution loses its linking adverb", "As a result, the ferries will stop running in May, Ann Berg said.",
			[]want{{Indirect, "the ferries will stop running in May", "Ann Berg", "Ann Berg", "said"}}},
		{"a stance verb's object may be a name alone", "Karl Jensen, a former mayor of Tromsø, endorsed Berg.",
			[]want{{Indirect, "Berg", "Karl Jensen", "Karl Jensen", "endorsed"}}},
		{"'show up' is no stance", "Karl Jensen showed up at the debate with a new ferry plan.",
			nil},
		{"a bare plural subject after a subordinator", "After campaign aides insisted in June that the ferry would run, the port relented.",
			[]want{{Indirect, "the ferry would run", "", "campaign aides", "insisted"}}},
		{"a relative clause after a final 'said X,' reports more", "The ferry is old, said Karl Jensen, who emphasized that the engines were failing.",
			[]want{{Indirect, "The ferry is old", "Karl Jensen", "Karl Jensen", "said"}, {Indirect, "the engines were failing", "Karl Jensen", "who", "emphasized"}}},
		{"some verbs report only with their particle", "Karl Jensen talked about the new bridge. The ferries talked to each other by radio.",
			[]want{{Indirect, "the new bridge", "Karl Jensen", "Karl Jensen", "talked"}}},
		{"a stance adjective with its particle", "Ann Berg is critical of the bridge plan.",
			[]want{{Indirect, "the bridge plan", "Ann Berg", "Ann Berg", "is critical"}}},
		{"an object pronoun after 'told' is not content", "Karl Jensen told me on Friday. Ann Berg told her to leave the area.",
			[]want{{Indirect, "to leave the area", "Ann Berg", "Ann Berg", "told"}}},
		{"'said as much' and a programme's title report nothing", "Ann Berg said as much in an interview. Karl Jensen said Tuesday on “The Harbour Hour.”",
			nil},
		{"a title after an article or before 'radio program' is no quote", `Karl Jensen began taking calls from listeners to his "Keeping It Local" radio program. The "Harbour Safety Forum" opened on Monday.`,
			nil},
		{"a negated cue still reports", "But the mayor isn't saying if the port broke any laws. Karl Jensen did not say whether the ferry would run.",
			[]want{{Indirect, "if the port broke any laws", "", "the mayor", "isn't saying"}, {Indirect, "whether the ferry would run", "Karl Jensen", "Karl Jensen", "say"}}},
		{"an adverb before a time phrase between subject and cue", "The port authority just this month announced it would drop the fees.",
			[]want{{Indirect, "it would drop the fees", "", "The port authority", "announced"}}},
		{"a relative clause on a direct quote's speaker reports more", "\"The plan is simple,\" said Karl Jensen, who emphasized that the ferries would keep running.",
			[]want{{Direct, "The plan is simple", "Karl Jensen", "Karl Jensen", "said"}, {Indirect, "the ferries would keep running", "Karl Jensen", "who", "emphasized"}}},
		{"', which <cue>' after an organisation's name", "The fees were set by the Port Authority, which contended that the ferries lost money.",
			[]want{{Indirect, "the ferries lost money", "Port Authority", "which", "contended"}}},
		{"an indefinite pronoun is a source", "Not everyone agrees that the ferry is safe.",
			[]want{{Indirect, "the ferry is safe", "", "Not everyone", "agrees"}}},
		{"'one', 'another', 'many' opening a clause before the cue", "One says the ferry is late, while another says the bridge is closed. Many said the port was wrong.",
			[]want{{Indirect, "the ferry is late", "", "One", "says"}, {Indirect, "the bridge is closed", "", "another", "says"}, {Indirect, "the port was wrong", "", "Many", "said"}}},
		{"a stance noun after an adjective in -ous, or as another verb's object", "Ann Berg enjoyed tremendous support from the islands. Karl Jensen began taking calls from listeners on Monday.",
			nil},
		{"a stance verb's object ends where the subject's next act begins", "Ann Berg declined the post and has since left the port. Karl Jensen championed the ferries and extended their routes.",
			[]want{{Indirect, "the post", "Ann Berg", "Ann Berg", "declined"}, {Indirect, "the ferries", "Karl Jensen", "Karl Jensen", "championed"}}},
		{"a quoted fragment's clause ends before the scene", "Karl Jensen called the ferry plan a \"floating disaster\" during a stop in Tromsø on Monday.",
			[]want{{Mixed, "floating disaster", "Karl Jensen", "Karl Jensen", "called"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { check(t, tc.in, tc.want) })
	}
}

func TestMixedFragmentTakesTheOuterSayClause(t *testing.T) {
	in := "Karl Jensen said the mayor represents the \"same tired politics of the past.\""
	got := run(in)
	if len(got) != 1 || got[0].Kind != Mixed || got[0].Speaker.Name != "Karl Jensen" {
		t.Fatalf("got %s", describe(got))
	}
	rs := []rune(in)
	if c := string(rs[got[0].Clause.Start:got[0].Clause.End]); c != "the mayor represents the \"same tired politics of the past.\"" {
		t.Errorf("clause = %q", c)
	}
}

func TestSpeakerPhraseTakesTheDescription(t *testing.T) {
	tests := []struct{ in, phrase string }{
		{"Ann Berg, who runs the harbour trust, said the port would close.", "Ann Berg, who runs the harbour trust"},
		{"\"The port will close,\" said Ann Berg, senior fellow at the harbour trust.", "Ann Berg, senior fellow at the harbour trust"},
		{"Ann Berg, speaking after the vote, said the port would close.", "Ann Berg"},
	}
	for _, tc := range tests {
		got := run(tc.in)
		if len(got) != 1 {
			t.Fatalf("%q: got %s", tc.in, describe(got))
		}
		rs := []rune(tc.in)
		p := got[0].Speaker.Phrase
		if s := string(rs[p.Start:p.End]); s != tc.phrase {
			t.Errorf("%q: phrase = %q, want %q", tc.in, s, tc.phrase)
		}
	}
}

func TestNounIsNoCue(t *testing.T) {
	for _, in := range []string{
		"The farmers gave their support to the new mayor in the spring.",
		"Nobody expected the sudden shift in the support of rural voters toward the mayor.",
	} {
		if got := run(in); len(got) > 0 {
			t.Errorf("%q: found %s", in, describe(got))
		}
	}
}

// A transcript quoted paragraph by paragraph ("WALLACE: … ¶ "PENCE: …) is
// one line per speaker; the closing line that is not a transcript line
// is nothing.
func TestQuotedTranscriptLines(t *testing.T) {
	in := "Partial transcript as follows:\n\n" +
		"\"WALLACE: Let us start with the debate story. Why would he do that?\n\n" +
		"\"PENCE: Well, look, the campaign thinks this is a good idea.\n\n" +
		"\"Follow our reporter on Twitter.\""
	got := run(in)
	if len(got) != 2 {
		t.Fatalf("got %d quotes, want 2:%s", len(got), describe(got))
	}
	for i, w := range []struct{ mention, text string }{
		{"WALLACE", "Let us start with the debate story. Why would he do that"},
		{"PENCE", "Well, look, the campaign thinks this is a good idea"},
	} {
		if got[i].Speaker.Mention != w.mention || got[i].Text != w.text || got[i].Cue != ":" {
			t.Errorf("line %d = %q by %q (cue %q), want %q by %q", i, got[i].Text, got[i].Speaker.Mention, got[i].Cue, w.text, w.mention)
		}
	}
}

func TestSourcePhraseAfterTheCue(t *testing.T) {
	got := run("Talks stalled.\n“The port will close,” said Ann Berg, 65, a teacher from Tromsø, Norway, who voted for the plan.\n“The port will close,” said Eva Lund, head of the Harbour Fund, a lobby group.")
	if len(got) != 2 {
		t.Fatalf("got %d quotes, want 2:%s", len(got), describe(got))
	}
	in := []rune("Talks stalled.\n“The port will close,” said Ann Berg, 65, a teacher from Tromsø, Norway, who voted for the plan.\n“The port will close,” said Eva Lund, head of the Harbour Fund, a lobby group.")
	for i, want := range []string{"Ann Berg, 65, a teacher from Tromsø, Norway, who voted for the plan", "Eva Lund, head of the Harbour Fund, a lobby group"} {
		ph := got[i].Speaker.Phrase
		if s := string(in[ph.Start:ph.End]); s != want {
			t.Errorf("quote %d source phrase = %q, want %q", i, s, want)
		}
	}
}

// After the quoted words a writer's dash or ", but <verb>" goes on in the
// writer's own voice: the mixed quote's clause ends there.
func TestMixedClauseEndsWhereTheWriterGoesOn(t *testing.T) {
	for in, want := range map[string]string{
		"Karl Jensen dismissed the harbour deal as \"a floating disaster\" — a view few in Oslo share.":         `the harbour deal as "a floating disaster"`,
		"Karl Jensen described the vote as a \"terrible mistake,\" but stopped short of calling for a new one.": `the vote as a "terrible mistake,"`,
	} {
		got := run(in)
		if len(got) != 1 || got[0].Kind != Mixed {
			t.Fatalf("%q: got%s, want one mixed quote", in, describe(got))
		}
		rs := []rune(in)
		if c := string(rs[got[0].Clause.Start:got[0].Clause.End]); c != want {
			t.Errorf("%q: clause = %q, want %q", in, c, want)
		}
	}
}

// A whole quoted sentence after a comma or colon is the speaker's own
// words even when the cue stands a few phrases back or is a verb that
// leading attributions do not take; a complementizer or a reported
// clause between them makes the quotation a fragment of that clause.
func TestCueFarFromTheQuotedSentence(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []want
	}{
		{"object and setting between the cue and the quote",
			"Nora Blix told the morning host of a local radio station on Friday, \"We are not done with this fight.\"",
			[]want{{Direct, "We are not done with this fight.", "Nora Blix", "Nora Blix", "told"}}},
		{"a participial phrase between",
			"Nora Blix joked, putting on a thick accent, \"Welcome, friend! Come on up and sit down!\"",
			[]want{{Direct, "Welcome, friend! Come on up and sit down!", "Nora Blix", "Nora Blix", "joked"}}},
		{"a present-tense verb of speaking",
			"Nora Blix quips, \"Ask me again next year.\"",
			[]want{{Direct, "Ask me again next year.", "Nora Blix", "Nora Blix", "quips"}}},
		{"a coordinated verb before the cue",
			"Nora Blix paused and said, \"We will see about that.\"",
			[]want{{Direct, "We will see about that.", "Nora Blix", "Nora Blix", "said"}}},
		{"a trailing attribution names the speaker",
			"The letter praised the record of the mayor on housing: \"Her work has opened doors for a generation of renters,\" the union of tenants wrote.",
			[]want{{Direct, "Her work has opened doors for a generation of renters", "", "the union of tenants", "wrote"}}},
		{"a cue ending the previous paragraph with a colon",
			"Nora Blix insisted in a long letter to the harbour board:\n\n\"We will not give up on this crossing.\"",
			[]want{{Direct, "We will not give up on this crossing.", "Nora Blix", "Nora Blix", "insisted"}}},
		{"according to a source, then a whole quoted sentence",
			"According to Nora Blix, a lawyer for the town, \"The contract was never signed by anyone.\"",
			[]want{{Direct, "The contract was never signed by anyone.", "Nora Blix", "Nora Blix", "according to"}}},
		{"a quoted sentence introduced after a mixed fragment is its own quote",
			"Mayor Ann Berg told a radio station that the plan was \"a costly mistake,\" adding, \"He wasted the money of the whole town for years.\"",
			[]want{
				{Mixed, "a costly mistake", "Ann Berg", "Mayor Ann Berg", "told"},
				{Direct, "He wasted the money of the whole town for years.", "Ann Berg", "Mayor Ann Berg", "adding"}}},
		{"a complementizer right after the cue makes a fragment",
			"Nora Blix tweeted that, \"For those few people who doubt me, I will be there to answer the call!\"",
			[]want{{Mixed, "For those few people who doubt me, I will be there to answer the call!", "Nora Blix", "Nora Blix", "tweeted"}}},
		{"a complementizer makes a fragment",
			"Nora Blix hinted that during the long and difficult winter of floods, \"Nobody came to help us at all.\"",
			[]want{{Mixed, "Nobody came to help us at all", "Nora Blix", "Nora Blix", "hinted"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { check(t, tc.in, tc.want) })
	}
}

// `"A," said X, <more words>. "B."`: B goes on with X's words even when
// the attribution's sentence holds a quoted fragment of its own, which is
// then read on its own.
func TestQuoteGoesOnPastAFragmentInTheAttribution(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []want
	}{
		{"a fragment ending the attribution's sentence inside its marks",
			"\"The ferry will run again,\" said Nora Blix, who called the repairs \"a small miracle.\" \"We expect the first crossing on Monday.\"",
			[]want{
				{Direct, "The ferry will run again We expect the first crossing on Monday.", "Nora Blix", "Nora Blix", "said"},
				{Mixed, "a small miracle", "Nora Blix", "", "called"}}},
		{"a title inside the attribution, words after it",
			"\"Prices went up,\" Tom Ruud said, showing off the \"Buy Local\" badge the market had given him. \"Nobody complained about it.\"",
			[]want{
				// The badge's label after "the" is a name, not words said.
				{Direct, "Prices went up Nobody complained about it.", "Tom Ruud", "Tom Ruud", "said"}}},
		{"a quotation with its own attribution stays apart",
			"\"The ferry will run again,\" said Nora Blix, who called the repairs \"a small miracle.\" \"We expect the first crossing on Monday,\" Tom Ruud said.",
			[]want{
				{Direct, "The ferry will run again", "Nora Blix", "Nora Blix", "said"},
				{Mixed, "a small miracle", "Nora Blix", "", "called"},
				{Direct, "We expect the first crossing on Monday", "Tom Ruud", "Tom Ruud", "said"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { check(t, tc.in, tc.want) })
	}
}

// A quotation with its own trailing attribution, set off by dashes or
// brackets inside the writer's sentence, is a direct quote.
func TestQuoteSetOffByDashes(t *testing.T) {
	check(t, "Few were moved by the speech - \"It was the dullest hour of my year,\" one farmer said - and many left early.",
		[]want{{Direct, "It was the dullest hour of my year", "", "one farmer", "said"}})
	check(t, "The plan drew protests (\"We want our money back,\" wrote Ann Berg, a nurse) from members.",
		[]want{{Direct, "We want our money back", "Ann Berg", "Ann Berg", "wrote"}})
}

// A paragraph that opens a quotation after one left open is no
// continuation when it names its own speaker.
func TestContinuationWithItsOwnSpeaker(t *testing.T) {
	check(t, "“We will fix the roads,” Mayor Ann Berg said Friday. “We will fix all of them before winter.\n“Nobody believes that any more,” added Tom Ruud, a council member. “We heard the same promise last year.”",
		[]want{
			{Direct, "We will fix the roads We will fix all of them before winter.", "Ann Berg", "Mayor Ann Berg", "said"},
			{Direct, "Nobody believes that any more We heard the same promise last year.", "Tom Ruud", "Tom Ruud", "added"}})
}

// A quote-only sentence right after a mixed quote goes on with the mixed
// quote's speaker: PolNeAR reads both as one attribution, so the sentence
// joins the mixed quote as a further part, after the reported clause.
func TestQuotedSentenceAfterAMixedQuoteJoinsIt(t *testing.T) {
	in := "Tom Ruud has \"great respect for the engineers\" behind the bridge, Ann Berg said. \"But the budget is simply not there this year.\""
	got := run(in)
	if len(got) != 1 || got[0].Kind != Mixed || got[0].Speaker.Name != "Ann Berg" {
		t.Fatalf("got%s, want one mixed quote by Ann Berg", describe(got))
	}
	rs := []rune(in)
	var parts []string
	for _, p := range got[0].Parts {
		parts = append(parts, string(rs[p.Start:p.End]))
	}
	want := []string{`Tom Ruud has "great respect for the engineers" behind the bridge`, "But the budget is simply not there this year."}
	if strings.Join(parts, "|") != strings.Join(want, "|") {
		t.Errorf("parts = %q, want %q", parts, want)
	}
}

// After a quotation that opens its sentence and does not end it, the
// words up to the verb are the speaker's phrase even when they are longer
// or odder than a noun phrase reader takes.
func TestLooseTrailingAttribution(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []want
	}{
		{"a long institution after the name, and the quote goes on",
			"\"Building a bridge is hard,\" Ann Berg of the Centre for Coastal and Harbour Research Studies wrote in December. \"We are not there yet.\"",
			[]want{{Direct, "Building a bridge is hard We are not there yet.", "Ann Berg", "Ann Berg", "wrote"}}},
		{"a phrasal verb of speaking",
			"Nora Blix heard the question.\n\"That is simply not true,\" Nora Blix shot back.",
			[]want{{Direct, "That is simply not true", "Nora Blix", "Nora Blix", "shot back"}}},
		{"a sign or a letter reads",
			"The protesters carried a banner.\n\"Nobody asked us about the bridge,\" it read.",
			[]want{{Direct, "Nobody asked us about the bridge", "", "it", "read"}}},
		{"a verb of the manner of speaking",
			"\"Get off my land,\" Tom Ruud barked.",
			[]want{{Direct, "Get off my land", "Tom Ruud", "Tom Ruud", "barked"}}},
		{"an answer",
			"\"Whichever one I am in at the moment,\" Tom Ruud answered.",
			[]want{{Direct, "Whichever one I am in at the moment", "Tom Ruud", "Tom Ruud", "answered"}}},
		{"a number before the name after the verb",
			"\"The rules do not hold up. They are plainly wrong,\" said 9/11 widow Nora Blix.",
			[]want{{Direct, "The rules do not hold up. They are plainly wrong", "Nora Blix", "9/11 widow Nora Blix", "said"}}},
		{"a name ending like an adverb",
			"\"We had better years than this one, by far,\" the harbour master and union chair Ann Kelly told reporters.",
			[]want{{Direct, "We had better years than this one, by far", "Ann Kelly", "the harbour master and union chair Ann Kelly", "told"}}},
		{"coordinated roles",
			"\"I have been warning about this for years,\" the harbour master and port union chair said in a statement.",
			[]want{{Direct, "I have been warning about this for years", "", "the harbour master and port union chair", "said"}}},
		{"an appositive holding a quotation",
			"\"We have had better years than this one,\" Tom Ruud, wearing a cap and \"Go Team\" pins, said as the confetti fell.",
			[]want{{Direct, "We have had better years than this one", "Tom Ruud", "Tom Ruud", "said"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { check(t, tc.in, tc.want) })
	}
}

// Quoted words that do not open a sentence, after the cue, go on the
// writer's clause: a mixed quote, not a direct one; unless the sentence
// is nothing but the speaker, the verb and the quoted words.
func TestLowerCaseQuotationAfterTheCueIsMixed(t *testing.T) {
	for _, in := range []string{
		"When the flood came, Mayor Ann Berg said \"the bridge will be rebuilt by spring.\"",
		"When the flood came, Mayor Ann Berg said, \"the bridge will be rebuilt by spring.\"",
		"Mayor Ann Berg said on Friday that the ferry would run but said \"the bridge will be rebuilt by spring.\"",
	} {
		got := run(in)
		var mixed *Quote
		for i := range got {
			if got[i].Kind == Direct {
				t.Fatalf("%q: got a direct quote%s", in, describe(got))
			}
			if got[i].Kind == Mixed {
				mixed = &got[i]
			}
		}
		if mixed == nil {
			t.Fatalf("%q: got%s, want a mixed quote", in, describe(got))
		}
	}
	got := run("When the flood came, Mayor Ann Berg said, \"the bridge will be rebuilt by spring.\"")
	rs := []rune("When the flood came, Mayor Ann Berg said, \"the bridge will be rebuilt by spring.\"")
	if c := string(rs[got[0].Clause.Start:got[0].Clause.End]); c != "\"the bridge will be rebuilt by spring.\"" {
		t.Errorf("clause = %q, want the quotation without the cue's comma", c)
	}
	check(t, "Mayor Ann Berg said \"the bridge will be rebuilt by spring.\"",
		[]want{{Direct, "the bridge will be rebuilt by spring.", "Ann Berg", "Mayor Ann Berg", "said"}})
	check(t, "Mayor Ann Berg said: \"The bridge will be rebuilt by spring.\"",
		[]want{{Direct, "The bridge will be rebuilt by spring.", "Ann Berg", "Mayor Ann Berg", "said"}})
}

// A naming verb gives a name, not words spoken: `was labeled "Mostly
// True."` is no direct quote even though the name is capitalised.
func TestNamingVerbIsNoLeadingCue(t *testing.T) {
	for _, in := range []string{
		`When the fact checkers examined the claim, it was labeled "Mostly True."`,
		`The ferry, which the Herald once dubbed "The Slow Boat," sails at noon.`,
	} {
		for _, q := range run(in) {
			if q.Kind == Direct {
				t.Errorf("%q: got a direct quote%s", in, describe([]Quote{q}))
			}
		}
	}
}

func TestMixedQuoteAfterACoordinatedCue(t *testing.T) {
	// The first verb's object holds a title, not a quote, so no quote in
	// the sentence names the speaker yet: the coordinated cue takes the
	// first verb's subject.
	check(t, `Ann Berg praised the crews during a "Harbour Safety Forum" sponsored by the port and said she wants the ferries "safe and on time."`,
		[]want{{Mixed, "safe and on time", "Ann Berg", "Ann Berg", "said"}})
}

// sourceSpan is the speaker's source phrase as an evaluation reads it: the
// mention, or the whole phrase when it runs on past the mention.
func sourceSpan(in string, q Quote) string {
	s, e := q.Speaker.Start, q.Speaker.End
	if q.Speaker.Phrase.End > e {
		s, e = q.Speaker.Phrase.Start, q.Speaker.Phrase.End
	}
	return string([]rune(in)[s:e])
}

// The source phrase follows what the sentence says of the speaker: the
// description set off before a name, the people joined to it, the head
// of a post-modified subject. The name stays resolved.
func TestSourcePhraseBoundaries(t *testing.T) {
	tests := []struct{ in, source, name string }{
		{"Her campaign manager, Jo Ames, said the tour would go on.", "Her campaign manager, Jo Ames", "Jo Ames"},
		{"The head of the harbour board, Eva Lund, said the port would close.", "The head of the harbour board, Eva Lund", "Eva Lund"},
		{"Last week, the mayor's spokesman, Per Dahl, said the port would close.", "the mayor's spokesman, Per Dahl", "Per Dahl"},
		{"One of his aides, Jo Ames, told reporters the tour would go on.", "One of his aides, Jo Ames", "Jo Ames"},
		{"The state's harbour chairman, Jo Ames, said the port would close.", "The state's harbour chairman, Jo Ames", "Jo Ames"},
		{"One of the family's lawyers, Jo Ames, said the port would close.", "One of the family's lawyers, Jo Ames", "Jo Ames"},
		{"Her running mate, Jo Ames, said the port would close.", "Her running mate, Jo Ames", "Jo Ames"},
		// Not a description of the speaker: a phrase set before the clause.
		{"As a young teacher, Jo Ames said the school would close.", "Jo Ames", "Jo Ames"},
		{"After the crash of the ferry, Jo Ames said the port would close.", "Jo Ames", "Jo Ames"},
		{"One of the shipping firms, Nordline, said the port would close.", "Nordline", "Nordline"},
		{"The port will close and his rivals, Jo Ames said, will gain.", "Jo Ames", "Jo Ames"},
		// A place or a party after the name closes the appositive.
		{"Ann Berg, a teacher from Bergen, Norway, said the port would close.", "Ann Berg, a teacher from Bergen, Norway", "Ann Berg"},
		{"Ann Berg of Bergen, Norway, said the port would close.", "Ann Berg of Bergen, Norway", "Ann Berg"},
		{"Rep. Jo Ames, D-Ore., said the port would close.", "Rep. Jo Ames, D-Ore", "Jo Ames"},
		{"Senator Jo Ames, Republican of Oregon, said the port would close.", "Senator Jo Ames, Republican of Oregon", "Jo Ames"},
		{"The hall went quiet after a fisherman in Bergen, Norway, said the port would close.", "a fisherman in Bergen, Norway", ""},
		// The people joined to the subject by "and" speak with it.
		{"Jo Ames and her aides said the tour would go on.", "Jo Ames and her aides", ""},
		{"Unions, farmers and many mayors say the plan is unfair.", "Unions, farmers and many mayors", ""},
		{"Neither Jo Ames nor Eva Lund said the port would close.", "Neither Jo Ames nor Eva Lund", "*"},
		{"The storm hit Bergen and the mayor said the port would close.", "the mayor", ""},
		{"A woman waited for a photo and Jo Ames said the tour would go on.", "Jo Ames", "Jo Ames"},
		{"Ships are late, and the mayor said the port would close.", "the mayor", ""},
		// A negated auxiliary stands between the subject and the cue.
		{"The harbour workers don't believe the port will close.", "The harbour workers", ""},
		// A subject's post-modifiers reach the verb from the clause's start.
		{"A producer for the film studio told reporters the shoot would go on.", "A producer for the film studio", ""},
		{"Exit polls taken in Oslo found that most voters backed the plan.", "Exit polls taken in Oslo", "*"},
		{"A majority of the voters say the plan is unfair.", "A majority of the voters", "*"},
		{"The Council on Harbour Safety said the port would close.", "The Council on Harbour Safety", "*"},
		{"Jo Ames in a weekly column said the port would close.", "Jo Ames", "Jo Ames"},
		{"Jo Ames waited for hours at the harbour and said the port would close.", "Jo Ames", "Jo Ames"},
		// After the cue, an appositive of the speaker's organisation
		// belongs to the description.
		{"“The port will close,” said Per Dahl, director of the Fjord Trust, a small charity in Bergen.", "Per Dahl, director of the Fjord Trust, a small charity in Bergen", "Per Dahl"},
		{"“The port will close,” said Senator Per Dahl, Democrat of Oregon.", "Senator Per Dahl, Democrat of Oregon", "Per Dahl"},
		{"“The port will close,” said Per Dahl, Mayor Lund's chief of staff.", "Per Dahl, Mayor Lund's chief of staff", "Per Dahl"},
		{"“The port will close,” said Per Dahl, assistant director of the harbour.", "Per Dahl, assistant director of the harbour", "Per Dahl"},
		{"“The port will close,” said Per Dahl, however.", "Per Dahl", "Per Dahl"},
		// A cue after "to" takes the subject of the verb before it.
		{"The mayor is trying to convince the courts that the port is safe.", "The mayor", "*"},
		{"Her aides seem to think the port is safe.", "Her aides", ""},
		{"Talks stalled. Jo Ames went on to say, “The port will close.”", "Jo Ames", "Jo Ames"},
		{"Jo Ames doubled down on Monday and said the plan was “a floating disaster” for the town.", "Jo Ames", "Jo Ames"},
		// A pronoun after "that" is the relative clause's own subject.
		{"Mayor Jo Ames is drafting a plan that she hopes will save the port.", "she", "*"},
		// After the cue, a role's complement and a post-adjective's.
		{"“The port will close,” said a longtime adviser to the mayor.", "a longtime adviser to the mayor", ""},
		{"“The port will close,” said one person familiar with the talks.", "one person familiar with the talks", ""},
		{"“The port will close,” said one aide with knowledge of the talks.", "one aide with knowledge of the talks", ""},
		{"“The port will close,” said a longtime adviser to Mayor Jo Ames.", "a longtime adviser to Mayor Jo Ames", ""},
		{"“The port will close,” said Jo Ames's family.", "Jo Ames's family", ""},
		{"“The port will close,” said a group of skippers.", "a group of skippers", ""},
		// The words before a role describe the same person.
		{"Local radio host Jo Ames said the port would close.", "Local radio host Jo Ames", "Jo Ames"},
		{"Retired neurosurgeon Jo Ames said the port would close.", "Retired neurosurgeon Jo Ames", "Jo Ames"},
		{"Mayoral candidates Jo Ames and Eva Lund say the port will close.", "Mayoral candidates Jo Ames and Eva Lund", "*"},
		// Determiners and quantifiers open the subject.
		{"The two skippers agreed that the port would close.", "The two skippers", ""},
		{"The port closed after some Norwegians said the fees were too high.", "some Norwegians", "*"},
		{"The most recent survey shows the mayor is ahead.", "The most recent survey", ""},
		// More of the description: a home town after an age, "including",
		// a participle's time, the head of an appositive's preposition.
		{"“The port will close,” said Ann Berg, 31, of Bergen.", "Ann Berg, 31, of Bergen", "Ann Berg"},
		{"Several skippers, including Jo Ames, said the port would close.", "Several skippers, including Jo Ames", ""},
		{"A new survey conducted Friday shows the mayor is ahead.", "A new survey conducted Friday", ""},
		{"Ann Berg, head of the Harbour Fund, a lobby group, said the port would close.", "Ann Berg, head of the Harbour Fund, a lobby group", "Ann Berg"},
		{"Harbour offices across the country, including the one in Bergen, said the port would close.", "Harbour offices across the country, including the one in Bergen", ""},
		{"Ann Berg, a teacher in Bergen, who runs a sailing school, said the port would close.", "Ann Berg, a teacher in Bergen, who runs a sailing school", "Ann Berg"},
		{"Jo Ames, Acme's chief engineer, said the port would close.", "Jo Ames, Acme's chief engineer", "Jo Ames"},
		{"Jo Ames, Oslo director for the Harbour Fund, said the port would close.", "Jo Ames, Oslo director for the Harbour Fund", "Jo Ames"},
		{"The state's harbour committeeman, Jo Ames, said the port would close.", "The state's harbour committeeman, Jo Ames", "Jo Ames"},
		{"“The port will close,” said Jo Ames and her husband.", "Jo Ames and her husband", "*"},
		{"The Oslo Herald and the Bergen Post sued the town, saying the fees were unlawful.", "The Oslo Herald and the Bergen Post", "*"},
		{"Jo Ames's family said the port would close.", "Jo Ames's family", ""},
		{"“The port will close,” said a reporter for Oslo Today.", "a reporter for Oslo Today", ""},
		{"Federal prosecutors in April charged that the port owners had lied.", "Federal prosecutors", ""},
		{"Rep. Jo Ames (D-Ore.) said the port would close.", "Rep. Jo Ames (D-Ore.)", "Jo Ames"},
		{"“The port will close,” said Jo Ames (a view many skippers share).", "Jo Ames", "Jo Ames"},
		{"In an interview, longtime Labour pollster Jo Ames told the paper that the port would close.", "longtime Labour pollster Jo Ames", "Jo Ames"},
		{"The board dropped the plan, which the mayor's chief aide, Jo Ames, said would shut the port.", "the mayor's chief aide, Jo Ames", "Jo Ames"},
		{"Skippers left the harbour as one of the mayor's aides said the port would close.", "one of the mayor's aides", ""},
		// A past tense after the subject's noun starts the predicate.
		{"The harbour board sued the town, saying the fees were unlawful.", "The harbour board", ""},
		// After "according to X," a clause, not a description, goes on.
		{"According to the Oslo Herald, those papers show the mayor has asked ferry firms, and others, for money.", "the Oslo Herald", "*"},
	}
	for _, tc := range tests {
		got := run(tc.in)
		if len(got) != 1 {
			t.Errorf("%q: got%s, want one quote", tc.in, describe(got))
			continue
		}
		if s := sourceSpan(tc.in, got[0]); s != tc.source || got[0].Speaker.Name != tc.name && tc.name != "*" {
			t.Errorf("%q: source %q (name %q), want %q (%q)", tc.in, s, got[0].Speaker.Name, tc.source, tc.name)
		}
	}
}

// A naming or saying verb after "to" ("went on to call", "refused to
// describe") is the cue of a quoted fragment later in its clause, and the
// subject of the verb before "to" speaks.
func TestMixedQuoteAfterAnInfinitiveCue(t *testing.T) {
	tests := []struct {
		in   string
		want want
	}{
		{`Ann Berg went on to call the ferry fees "a tax on skippers."`,
			want{Mixed, "a tax on skippers", "Ann Berg", "Ann Berg", "call"}},
		{`Jo Ames refused to describe the harbour deal as "a failure."`,
			want{Mixed, "a failure", "Jo Ames", "Jo Ames", "describe"}},
		{`Ann Berg went on to say the ferry fees were "a tax on skippers."`,
			want{Mixed, "a tax on skippers", "Ann Berg", "Ann Berg", "say"}},
	}
	for _, tc := range tests {
		check(t, tc.in, []want{tc.want})
	}
}

// A participle cue's speaker is the subject of its sentence also when a
// linking word opens the sentence.
func TestMixedParticipleAfterALinkingWord(t *testing.T) {
	for _, in := range []string{
		`Then Ann Berg turned on the harbour board, calling its chairman a "tired old man."`,
		`But Ann Berg turned on the harbour board, calling its chairman a "tired old man."`,
		`Still, Ann Berg turned on the harbour board, calling its chairman a "tired old man."`,
	} {
		check(t, in, []want{{Mixed, "tired old man", "Ann Berg", "Ann Berg", "calling"}})
	}
}

// "refer to X as" names X with the quoted label: a mixed quote whose
// clause opens after "to".
func TestMixedQuoteAfterReferToAs(t *testing.T) {
	for _, tc := range []struct{ in, cue, clause string }{
		{`Ann Berg referred to the harbour board as "a club for old men."`, "referred", `the harbour board as "a club for old men."`},
		{`Jo Ames often refers to the ferry as "the slow boat."`, "refers", `the ferry as "the slow boat."`},
	} {
		got := run(tc.in)
		if len(got) != 1 || got[0].Kind != Mixed || got[0].Cue != tc.cue {
			t.Errorf("%q: got%s, want one mixed quote cued by %q", tc.in, describe(got), tc.cue)
			continue
		}
		if cl := string([]rune(tc.in)[got[0].Clause.Start:got[0].Clause.End]); cl != tc.clause {
			t.Errorf("%q: clause %q, want %q", tc.in, cl, tc.clause)
		}
	}
}

// A verb coordinated right after a quoted fragment ("and ranked", ",
// adding") closes the fragment's clause; a fragment after it is the
// coordinated verb's, with the same speaker.
func TestMixedQuoteEndsAtACoordinatedVerb(t *testing.T) {
	tests := []struct {
		in      string
		wants   []want
		clauses []string
	}{
		{`Ann Berg called the ferry fees "a tax on skippers" and ranked the harbour board among the "worst in Norway."`,
			[]want{{Mixed, "a tax on skippers", "Ann Berg", "Ann Berg", "called"}, {Mixed, "worst in Norway", "Ann Berg", "", "ranked"}},
			[]string{`the ferry fees "a tax on skippers"`, `the harbour board among the "worst in Norway."`}},
		{`Jo Ames said the ferry fees were "a tax on skippers," adding that the board was "asleep at the wheel."`,
			[]want{{Mixed, "a tax on skippers", "Jo Ames", "Jo Ames", "said"}, {Mixed, "asleep at the wheel", "Jo Ames", "", "adding"}},
			[]string{`the ferry fees were "a tax on skippers,"`, `the board was "asleep at the wheel."`}},
		{`Ann Berg said the ferry fees were "too high" and "unfair" and warned skippers of a "long winter."`,
			[]want{{Mixed, "too high", "Ann Berg", "Ann Berg", "said"}, {Mixed, "unfair", "Ann Berg", "Ann Berg", "said"}, {Mixed, "long winter", "Ann Berg", "", "warned"}},
			[]string{`the ferry fees were "too high" and "unfair"`, `the ferry fees were "too high" and "unfair"`, `skippers of a "long winter."`}},
	}
	for _, tc := range tests {
		check(t, tc.in, tc.wants)
		for i, q := range run(tc.in) {
			if cl := string([]rune(tc.in)[q.Clause.Start:q.Clause.End]); cl != tc.clauses[i] {
				t.Errorf("%q: quote %d clause %q, want %q", tc.in, i, cl, tc.clauses[i])
			}
		}
	}
}

// A contracted auxiliary written onto the subject ("I've", "we’d") is
// the verb's, not part of the speaker's mention or phrase.
func TestSpeakerMentionLeavesOutAContractedVerb(t *testing.T) {
	for _, tc := range []struct{ in, mention string }{
		{`I've told the board many times that the harbour needs a new pier.`, "I"},
		{`We’ve argued for a long time that the ferry fees hurt skippers.`, "We"},
		{`They'd warned that the pier would not last another winter.`, "They"},
	} {
		got := run(tc.in)
		found := false
		for _, q := range got {
			if q.Speaker.Mention == "" || !strings.HasPrefix(tc.mention, q.Speaker.Mention[:1]) {
				continue
			}
			found = true
			ph := string([]rune(tc.in)[q.Speaker.Phrase.Start:q.Speaker.Phrase.End])
			if q.Speaker.Mention != tc.mention || ph != tc.mention {
				t.Errorf("%q: mention %q, phrase %q, want %q", tc.in, q.Speaker.Mention, ph, tc.mention)
			}
		}
		if !found {
			t.Errorf("%q: got%s, want a quote spoken by %q", tc.in, describe(got), tc.mention)
		}
	}
}

// "She's expected to say": after a pronoun, "'s" is a contracted "is" or
// "has", and the pronoun alone is the subject of the verb before "to".
func TestSubjectBeforeAContractedIsAndTo(t *testing.T) {
	for _, in := range []string{
		`She's expected to announce that the ferry will run all winter.`,
		`He’s poised to argue that the harbour board broke its own rules.`,
	} {
		got := run(in)
		if len(got) != 1 {
			t.Errorf("%q: got%s, want one quote", in, describe(got))
			continue
		}
		want := strings.SplitN(strings.NewReplacer("’", "'").Replace(in), "'", 2)[0]
		if m := got[0].Speaker.Mention; m != want {
			t.Errorf("%q: mention %q, want %q", in, m, want)
		}
	}
}

// "used the opportunity to argue": the noun before "to" is no one who
// speaks; the subject of the verb that governs it is, or the noun's
// possessor ("Norway's refusal to admit").
func TestSubjectOfAVerbBeforeANounAndTo(t *testing.T) {
	for _, tc := range []struct{ in, cue, mention string }{
		{`The mayor used the opportunity to argue that the harbour needs a new pier.`, "argue", "The mayor"},
		{`Ann Berg took the chance to warn that the ferry fees were too high.`, "warn", "Ann Berg"},
		{`The row grew out of Norway's refusal to admit that the fees were too high.`, "admit", "Norway's"},
	} {
		got := run(tc.in)
		found := false
		for _, q := range got {
			if q.Cue != tc.cue {
				continue
			}
			found = true
			if q.Speaker.Mention != tc.mention {
				t.Errorf("%q: mention %q, want %q", tc.in, q.Speaker.Mention, tc.mention)
			}
		}
		if !found {
			t.Errorf("%q: got%s, want a quote cued by %q", tc.in, describe(got), tc.cue)
		}
	}
}

// In a title-case headline, an adverb between the name and the cue
// ("Ann Berg Just Announced …") is the verb's, not part of the name.
func TestHeadlineAdverbIsNotPartOfTheSpeaker(t *testing.T) {
	for _, tc := range []struct{ in, mention string }{
		{"Ann Berg Just Announced Her Plan For The Harbour\n\nThe plan was presented on Monday.", "Ann Berg"},
		{"Norway Finally Admits The Ferry Fees Were Too High\n\nThe fees were set in May.", "Norway"},
	} {
		got := run(tc.in)
		if len(got) == 0 {
			t.Errorf("%q: no quote, want one spoken by %q", tc.in, tc.mention)
			continue
		}
		if m := got[0].Speaker.Mention; m != tc.mention {
			t.Errorf("%q: mention %q, want %q", tc.in, m, tc.mention)
		}
	}
}

// "The board's statement said": the owner of the statement is the
// source, not the statement.
func TestOwnerOfAStatementIsTheSource(t *testing.T) {
	for _, tc := range []struct{ in, mention string }{
		{`The harbour board's statement said that the fees were fair.`, "The harbour board's"},
		{`Ann Berg's remarks suggested that the ferry would run all winter.`, "Ann Berg's"},
	} {
		got := run(tc.in)
		if len(got) != 1 {
			t.Errorf("%q: got%s, want one quote", tc.in, describe(got))
			continue
		}
		if m := got[0].Speaker.Mention; m != tc.mention {
			t.Errorf("%q: mention %q, want %q", tc.in, m, tc.mention)
		}
	}
}

// "A harbour poll last week found": the time phrase dates the poll and
// belongs to the source; after a person it is the verb's.
func TestTimePhraseAfterAPollBelongsToTheSource(t *testing.T) {
	for _, tc := range []struct{ in, mention string }{
		{`A harbour poll last week found that ferry use fell by half.`, "A harbour poll last week"},
		{`A harbour survey out this week found that ferry use fell by half.`, "A harbour survey out this week"},
		{`Ann Berg last week said that ferry use fell by half.`, "Ann Berg"},
	} {
		got := run(tc.in)
		if len(got) != 1 {
			t.Errorf("%q: got%s, want one quote", tc.in, describe(got))
			continue
		}
		if m := got[0].Speaker.Mention; m != tc.mention {
			t.Errorf("%q: mention %q, want %q", tc.in, m, tc.mention)
		}
	}
}

// "after some of her followers attacked", "Even some of her allies
// said": the quantifier's phrase opens the clause after "after" or
// "even" and is the whole subject.
func TestQuantifierSubjectAfterAfterOrEven(t *testing.T) {
	for _, tc := range []struct{ in, mention string }{
		{`The row grew after some of her followers attacked the harbour board.`, "some of her followers"},
		{`Even some of her allies have described the fees as a serious mistake.`, "some of her allies"},
	} {
		got := run(tc.in)
		if len(got) != 1 {
			t.Errorf("%q: got%s, want one quote", tc.in, describe(got))
			continue
		}
		if m := got[0].Speaker.Mention; m != tc.mention {
			t.Errorf("%q: mention %q, want %q", tc.in, m, tc.mention)
		}
	}
}

// "where local skippers say", "though public records indicate": the
// subordinator opens the clause and is not part of its plural subject.
func TestSubordinatorIsNotPartOfAPluralSubject(t *testing.T) {
	for _, tc := range []struct{ in, mention string }{
		{`The ferry stops at Bergen, where local skippers say the fees are too high.`, "local skippers"},
		{`He gave money to the party, though public records indicate he never joined it.`, "public records"},
	} {
		got := run(tc.in)
		if len(got) != 1 {
			t.Errorf("%q: got%s, want one quote", tc.in, describe(got))
			continue
		}
		if m := got[0].Speaker.Mention; m != tc.mention {
			t.Errorf("%q: mention %q, want %q", tc.in, m, tc.mention)
		}
	}
}

// "said Ann Ferry of the Harbour Federation": after the cue, the
// organisation after the name belongs to the speaker's phrase; a place
// does not.
func TestPhraseAfterTheCueTakesTheOrganisation(t *testing.T) {
	for _, tc := range []struct{ in, phrase string }{
		{`"The fees are too high," said Ann Ferry of the Harbour Federation.`, "Ann Ferry of the Harbour Federation"},
		{`The fees are too high, said Jo Ames of the Skippers Institute.`, "Jo Ames of the Skippers Institute"},
		{`"The fees are too high," said Ann Ferry of the Faroe Islands.`, "Ann Ferry"},
	} {
		got := run(tc.in)
		if len(got) != 1 {
			t.Errorf("%q: got%s, want one quote", tc.in, describe(got))
			continue
		}
		sp := got[0].Speaker
		ph := string([]rune(tc.in)[sp.Start:max(sp.End, sp.Phrase.End)])
		if ph != tc.phrase {
			t.Errorf("%q: phrase %q, want %q", tc.in, ph, tc.phrase)
		}
	}
}

// A noun phrase between dashes closed right before the cue belongs to
// the speaker's phrase; a relative clause there does not.
func TestPhraseTakesADashAppositiveBeforeTheCue(t *testing.T) {
	for _, tc := range []struct{ in, phrase string }{
		{`Jo Ames — a teacher from Bergen — says the fees are too high.`, "Jo Ames — a teacher from Bergen"},
		{`Skippers — and some ferry captains — say the fees are too high.`, "Skippers — and some ferry captains"},
		{`Jo Ames — who runs the ferry — said the fees were too high.`, "Jo Ames"},
	} {
		got := run(tc.in)
		if len(got) != 1 {
			t.Errorf("%q: got%s, want one quote", tc.in, describe(got))
			continue
		}
		sp := got[0].Speaker
		ph := string([]rune(tc.in)[sp.Start:max(sp.End, sp.Phrase.End)])
		if ph != tc.phrase {
			t.Errorf("%q: phrase %q, want %q", tc.in, ph, tc.phrase)
		}
	}
}

// "said the board's chief executive, Ann Berg": after the cue, the name
// set off after a role names the same person and joins the phrase.
func TestPhraseAfterTheCueTakesTheNameAfterARole(t *testing.T) {
	for _, tc := range []struct{ in, phrase string }{
		{`"The fees are too high," said the board's chief executive, Ann Berg.`, "the board's chief executive, Ann Berg"},
		{`The fees are too high, said the harbour master, Jo Ames.`, "the harbour master, Jo Ames"},
	} {
		got := run(tc.in)
		if len(got) != 1 {
			t.Errorf("%q: got%s, want one quote", tc.in, describe(got))
			continue
		}
		sp := got[0].Speaker
		ph := string([]rune(tc.in)[sp.Start:max(sp.End, sp.Phrase.End)])
		if ph != tc.phrase {
			t.Errorf("%q: phrase %q, want %q", tc.in, ph, tc.phrase)
		}
	}
}
