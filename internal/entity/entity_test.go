package entity

import (
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/newsquotes/newsquotes/internal/benchdata"
	"github.com/newsquotes/newsquotes/internal/cputime"
	"github.com/newsquotes/newsquotes/internal/text"
)

func TestKey(t *testing.T) {
	tests := []struct{ a, b string }{
		{"Zelenskiy", "Zelensky"},
		{"Zelenskyy", "Zelensky"},
		{"Volodymyr Zelenskyy", "volodymyr zelensky"},
		{"Zelenskyy's", "Zelensky"},
		{"U.S.", "US"},
		{"François Hollande", "francois hollande"},
		{"Łukasz  Müller", "lukasz muller"},
		{"AT&T", "at and t"},
		{"Dmitrii", "Dmitry"},
		{"The Guardian", "Guardian"},
	}
	for _, tt := range tests {
		if Key(tt.a) != Key(tt.b) {
			t.Errorf("Key(%q)=%q != Key(%q)=%q", tt.a, Key(tt.a), tt.b, Key(tt.b))
		}
	}
	if Key("Michel") == Key("Michael") {
		t.Errorf("different names share a key")
	}
}

// find returns the entity having alias a.
func find(es []Entity, a string) *Entity {
	for i := range es {
		for _, x := range es[i].Aliases {
			if x == a {
				return &es[i]
			}
		}
	}
	return nil
}

func TestExtractClusters(t *testing.T) {
	type want struct {
		alias   string
		typ     Type
		name    string
		aliases []string // all must be in the same entity
		titles  []string
	}
	tests := []struct {
		text string
		want []want
	}{
		{
			"German Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin on Monday.\n" +
				"Scholz said the talks were useful. Macron, who arrived late, said nothing.\n" +
				"The European Commission and the EU member states welcomed the meeting.",
			[]want{
				{alias: "Olaf Scholz", typ: Person, name: "Olaf Scholz", aliases: []string{"Scholz"}, titles: []string{"German Chancellor"}},
				{alias: "Emmanuel Macron", typ: Person, name: "Emmanuel Macron", aliases: []string{"Macron"}, titles: []string{"French President"}},
				{alias: "Berlin", typ: GPE},
				{alias: "European Commission", typ: Org},
			},
		},
		{
			"The United Nations (UN) sent aid to Gaza. A UN spokesman, Stephane Dujarric, said the convoy reached Rafah.",
			[]want{
				{alias: "United Nations", typ: Org, name: "United Nations", aliases: []string{"UN"}},
				{alias: "Stephane Dujarric", typ: Person},
			},
		},
		{
			"U.S. Secretary of State Antony Blinken met Foreign Minister Wang Yi in Munich. Blinken said Wang listened.\n" +
				"Analysts at Morgan Stanley were not surprised.",
			[]want{
				{alias: "Antony Blinken", typ: Person, aliases: []string{"Blinken"}, titles: []string{"U.S. Secretary of State"}},
				{alias: "Wang Yi", typ: Person, aliases: []string{"Wang"}, titles: []string{"Foreign Minister"}},
				{alias: "Munich", typ: GPE},
				{alias: "Morgan Stanley", typ: Org},
			},
		},
		{
			"Kremlin spokesman Dmitry Peskov declined to comment. Jane Roe, a spokeswoman for the ministry, said no.",
			[]want{
				{alias: "Dmitry Peskov", typ: Person, titles: []string{"Kremlin spokesman"}},
				{alias: "Jane Roe", typ: Person, titles: []string{"spokeswoman for the ministry"}},
			},
		},
		{
			"The plan would fail, Okonkwo-Brathwaite said on Friday. \"It is late,\" Okonkwo-Brathwaite added.",
			[]want{{alias: "Okonkwo-Brathwaite", typ: Person}},
		},
		{
			"Cook was born in 1960. Qwertyuiop died in 2001.",
			[]want{{alias: "Cook", typ: Person}, {alias: "Qwertyuiop", typ: Person}},
		},
		{
			"White House press secretary Karine Jean-Pierre spoke. The former president Bill Clinton agreed.",
			[]want{
				{alias: "Karine Jean-Pierre", typ: Person, titles: []string{"White House press secretary"}},
				{alias: "Bill Clinton", typ: Person, titles: []string{"former president"}},
			},
		},
		{
			"Mr. Biden spoke with Prime Minister Rishi Sunak of Britain. Sunak thanked him.",
			[]want{
				{alias: "Rishi Sunak", typ: Person, aliases: []string{"Sunak"}, titles: []string{"Prime Minister"}},
			},
		},
	}
	for _, tt := range tests {
		es := Extract(text.NewDocument(tt.text))
		for _, w := range tt.want {
			e := find(es, w.alias)
			if e == nil {
				t.Errorf("%q: no entity with alias %q; got %v", tt.text[:30], w.alias, summary(es))
				continue
			}
			if e.Type != w.typ {
				t.Errorf("%q: type %s, want %s", w.alias, e.Type, w.typ)
			}
			if w.name != "" && e.Name != w.name {
				t.Errorf("%q: name %q, want %q", w.alias, e.Name, w.name)
			}
			for _, a := range w.aliases {
				if find([]Entity{*e}, a) == nil {
					t.Errorf("%q: alias %q not merged; aliases %q", w.alias, a, e.Aliases)
				}
			}
			for _, ti := range w.titles {
				found := false
				for _, x := range e.Titles {
					found = found || x == ti
				}
				if !found {
					t.Errorf("%q: title %q missing; titles %q", w.alias, ti, e.Titles)
				}
			}
		}
	}
}

func summary(es []Entity) string {
	var b strings.Builder
	for _, e := range es {
		b.WriteString(string(e.Type) + ":" + strings.Join(e.Aliases, "/") + " ")
	}
	return b.String()
}

// checkEntities holds for every input.
func checkEntities(t *testing.T, s string) {
	d := text.NewDocument(s)
	es := Extract(d)
	ids := map[string]bool{}
	for _, e := range es {
		if ids[e.ID] {
			t.Fatalf("duplicate id %q", e.ID)
		}
		ids[e.ID] = true
		if len(e.Mentions) == 0 || e.Name == "" {
			t.Fatalf("entity without mentions or name: %+v", e)
		}
		if !sort.SliceIsSorted(e.Mentions, func(i, j int) bool { return e.Mentions[i].Start < e.Mentions[j].Start }) {
			t.Fatalf("mentions not sorted: %+v", e.Mentions)
		}
		for _, m := range e.Mentions {
			if m.Start < 0 || m.End > len(d.Runes) || m.Start >= m.End {
				t.Fatalf("bad mention %+v in %d runes", m, len(d.Runes))
			}
			if got := d.Slice(text.Span{Start: m.Start, End: m.End}); got != m.Text {
				t.Fatalf("mention text %q != %q", m.Text, got)
			}
		}
	}
}

func TestExtractEdgeCases(t *testing.T) {
	for _, s := range []string{"", " ", "\n\n", "A", "The", "Mr.", "President", "President Smith",
		"'s", "I II III", "EU", "Ukrainian President", "ZELENSKY SAID", strings.Repeat("Big ", 300)} {
		checkEntities(t, s)
	}
	if es := Extract(nil); es == nil || len(es) != 0 {
		t.Errorf("Extract(nil) = %v", es)
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"Ukrainian President Volodymyr Zelenskiy said on Tuesday that Russia must stop.",
		"The European Union (EU) and NATO. Zelensky's aides met Mr. Putin's envoy.",
		"'Ukraine Fighting': Zelenskyy at EU Session", "Henry VIII of England", "the Council",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkEntities(t, s) })
}

func TestModelLoads(t *testing.T) {
	start := time.Now()
	m, err := loadModel()
	if err != nil {
		t.Fatal(err)
	}
	if m.features() == 0 {
		t.Fatal("empty model")
	}
	loadGazetteer()
	t.Logf("model %d features, first load %v", m.features(), time.Since(start))
}

const benchText = `Ukrainian President Volodymyr Zelenskiy said on Tuesday, 1 March, said that in order for peace talks to work towards a ceasefire, Russia must first stop bombing Ukrainian cities.
"It's necessary to at least stop bombing people, just stop the bombing and then sit down at the negotiating table," he said in a joint interview to the CNN and Reuters.
He further urged the international community to impose a no-fly zone over Ukraine, retaliating to statements by the US and others which had suggested that such a move would bring the US or NATO into war with Russia.
Amid the Russian invasion, Ukrainian President Zelensky on Tuesday, urged the European Union to prove that the bloc stands with Ukraine, a day after Kyiv signed a formal application to join the EU.
"This brutal, massive invasion of Ukraine is unjustified," said European Council President Charles Michel, calling Russian President Vladimir Putin's invasion "geopolitical terrorism."
He said that the Council will analyse the request by Ukraine to join the EU, but added that the decision is going to be difficult.
`

// BenchmarkPipeline measures tokenising + NER + clustering, as run on every
// article.
func BenchmarkPipeline(b *testing.B) {
	s := strings.Repeat(benchText, 10)
	loadModel()
	loadGazetteer()
	n := len(text.NewDocument(s).Tokens)
	cpu0 := cputime.Process()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Extract(text.NewDocument(s))
	}
	b.StopTimer()
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	// On a shared machine wall time undercounts; CPU time of the process
	// (GC included) gives the throughput of one core.
	if c := cputime.Process() - cpu0; c > 0 {
		b.ReportMetric(float64(n)*float64(b.N)/c.Seconds(), "tokens/cpu-s")
	}
}

func TestExtractConcurrent(t *testing.T) {
	want := summary(Extract(text.NewDocument(benchText)))
	done := make(chan string)
	for i := 0; i < 8; i++ {
		go func() { done <- summary(Extract(text.NewDocument(benchText))) }()
	}
	for i := 0; i < 8; i++ {
		if got := <-done; got != want {
			t.Fatalf("concurrent Extract differs:\n%s\n%s", got, want)
		}
	}
}

// BenchmarkPipelinePolNeAR measures tokenising + NER + clustering per
// article on the PolNeAR dev texts (skipped without ../shared).
func BenchmarkPipelinePolNeAR(b *testing.B) {
	texts := benchdata.PolNeARDevTexts(b)
	tokens := 0
	for _, t := range texts {
		tokens += len(text.NewDocument(t).Tokens)
	}
	Warm()
	cpu0 := cputime.Process()
	n := 0
	for b.Loop() {
		Extract(text.NewDocument(texts[n%len(texts)]))
		n++
	}
	if c := cputime.Process() - cpu0; c > 0 {
		b.ReportMetric(float64(n)/c.Seconds(), "articles/cpu-s")
		b.ReportMetric(float64(tokens)/float64(len(texts))*float64(n)/c.Seconds(), "tokens/cpu-s")
	}
}

func TestNameFixes(t *testing.T) {
	tests := []struct {
		text   string
		want   []string // names that must be entities
		gender map[string]string
		absent []string // surfaces that must not be entities or aliases
	}{
		{
			text:   "Chris Christie Calls Hillary Clinton a Liar\nChristie said on Monday that Clinton was wrong.",
			want:   []string{"Chris Christie", "Hillary Clinton"},
			absent: []string{"Chris Christie Calls Hillary Clinton"},
		},
		{
			text: "Dutch minister Piet van Dam said the plan would work, as did Bashar al-Assad.",
			want: []string{"Piet van Dam", "Bashar al-Assad"},
		},
		{
			text:   "Republicans want to repeal Obamacare. Obama said Obamacare works. As I’ve said, I’m Nancy Pelosi.",
			want:   []string{"Obama", "Nancy Pelosi"},
			absent: []string{"Obamacare", "As I’ve", "I’m Nancy", "As"},
		},
		{
			text:   "Mrs. Smith met Mr. Jones and Sarah Palin. Congresswoman Maxine Waters and Donald Trump spoke. Lee said hi.",
			want:   []string{"Smith", "Jones", "Sarah Palin", "Maxine Waters", "Donald Trump", "Lee"},
			gender: map[string]string{"Smith": "female", "Jones": "male", "Sarah Palin": "female", "Maxine Waters": "female", "Donald Trump": "male", "Lee": ""},
		},
		{
			text:   "The temple at Abydos was finished by Ramesses II in his ninth year.\nHe graduated from the temple school.",
			want:   []string{"Ramesses II"},
			absent: []string{"He"},
		},
		{
			text:   "The Spartans besieged Athens in the 5th century BC and again in 404 BC.",
			want:   []string{"Athens"},
			absent: []string{"BC"},
		},
		{
			text:   "Alfred the Great fought the Danes for years.",
			want:   []string{"Alfred the Great"},
			absent: []string{"Alfred"},
		},
	}
	for _, tt := range tests {
		es := Extract(text.NewDocument(tt.text))
		names := map[string]*Entity{}
		for i := range es {
			names[es[i].Name] = &es[i]
		}
		for _, n := range tt.want {
			if names[n] == nil {
				t.Errorf("%q: no entity %q in %s", tt.text, n, summary(es))
			}
		}
		for n, g := range tt.gender {
			if e := names[n]; e != nil && e.Gender != g {
				t.Errorf("%q: gender %q, want %q", n, e.Gender, g)
			}
		}
		for _, a := range tt.absent {
			if find(es, a) != nil {
				t.Errorf("%q: %q should not be an entity: %s", tt.text, a, summary(es))
			}
		}
	}
}

// FuzzKeyASCII checks Key's ASCII fast path against the general NFD path.
func FuzzKeyASCII(f *testing.F) {
	for _, s := range []string{"The Guardian's", "U.S. & A", "Zelenskiy", "O'Brien  Jr.", "a-b_c", "&&x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !isASCII(s) {
			return
		}
		if a, b := string(appendFoldedASCII(nil, s)), string(appendFoldedNFD(nil, s)); a != b {
			t.Errorf("%q: ASCII path %q, NFD path %q", s, a, b)
		}
	})
}

// A one-word place that is the subject of a sentence about "him" or "her",
// naming no one else, is a person; "City, State" stays a place.
func TestPronounSubjects(t *testing.T) {
	tests := []struct {
		text, name string
		want       Type
	}{
		{"Through his mother, Barrie was a cousin of the mayor.\nBarrie enrolled at the university, where he wrote reviews.", "Barrie", Person},
		{"She was kept at a base in Clearwater, Florida until she was eighteen.", "Florida", GPE},
	}
	for _, tt := range tests {
		es := Extract(text.NewDocument(tt.text))
		e := find(es, tt.name)
		if e == nil || e.Type != tt.want {
			t.Errorf("%q: %q should be a %v: %s", tt.text, tt.name, tt.want, summary(es))
		}
	}
}

// Place names the tagger may cut in two come back whole; two known
// places side by side stay two.
func TestJoinPlaces(t *testing.T) {
	es := Extract(text.NewDocument("The ship sailed from Saint Helena to Baja California, then to Australia and New Zealand."))
	for _, n := range []string{"Saint Helena", "Baja California"} {
		if e := find(es, n); e == nil || (e.Type != GPE && e.Type != Loc) {
			t.Errorf("no place %q in %s", n, summary(es))
		}
	}
	for _, n := range []string{"Helena", "Baja", "California"} {
		if find(es, n) != nil {
			t.Errorf("%q should be part of a longer place: %s", n, summary(es))
		}
	}
}

// A name ending in a place's head word is a place.
func TestPlaceHeads(t *testing.T) {
	es := Extract(text.NewDocument("Pearl Harbor was attacked."))
	if e := find(es, "Pearl Harbor"); e == nil || e.Type == Person {
		t.Errorf("Pearl Harbor should be a place: %s", summary(es))
	}
}

// After a preposition, a saint's name is the church named after them.
func TestSaintPlaces(t *testing.T) {
	es := Extract(text.NewDocument("The choir sang on the steps in front of St. Michael every summer."))
	for _, e := range es {
		if e.Type == Person {
			t.Errorf("no person here: %s", summary(es))
		}
	}
}

// A one-word name the article always calls "the X" is not a person.
func TestTheNames(t *testing.T) {
	doc := "The army held the Danevirke through the winter.\nThe wall south of the Danevirke fell in March, and the Danevirke was lost."
	es := Extract(text.NewDocument(doc))
	if e := find(es, "Danevirke"); e != nil && e.Type == Person {
		t.Errorf("Danevirke typed as a person: %s", summary(es))
	}
}

// A province or state is a place even where the tagger took it for a person,
// but not when a title or given name makes it a person's name.
func TestAdminRegions(t *testing.T) {
	g := loadGazetteer()
	for _, n := range []string{"Sichuan", "Emilia-Romagna", "Guangdong", "Lombardia"} {
		if !g.admin[Key(n)] {
			t.Errorf("%q should be a known admin region", n)
		}
	}
	for _, n := range []string{"Victoria", "Central", "Georgia"} {
		if g.admin[Key(n)] {
			t.Errorf("%q is a common word or given name and should be left out", n)
		}
	}
	es := Extract(text.NewDocument("Farmers in Sichuan and Emilia-Romagna said the harvest was poor."))
	for _, n := range []string{"Sichuan", "Emilia-Romagna"} {
		if e := find(es, n); e == nil || e.Type == Person {
			t.Errorf("%q should be a place: %s", n, summary(es))
		}
	}
}

// TestSurfaceIsSlice checks that a mention's surface, a substring of the
// text when it is valid UTF-8, is the text of its code points.
func TestSurfaceIsSlice(t *testing.T) {
	for _, s := range []string{
		benchText,
		"Société Générale’s chief, José Müller, said “no” to 北京 officials.\n\nA second paragraph.",
		"Caf\xe9 owner Jean Dupont met Banco \xff\xfe Santander in S\xc3o Paulo.",
	} {
		d := text.NewDocument(s)
		loadAll()
		m, _ := loadModel()
		sc := newTagScratch()
		x := &extractor{doc: d, m: m, g: loadGazetteer(), sc: sc}
		x.tag()
		x.indexBytes()
		for a := range d.Tokens {
			for b := a + 1; b <= min(a+4, len(d.Tokens)); b++ {
				want := d.Slice(text.Span{Start: d.Tokens[a].Start, End: d.Tokens[b-1].End})
				if got := x.surface(mention{a: a, b: b}); got != want {
					t.Fatalf("surface(%d, %d) = %q, want %q", a, b, got, want)
				}
			}
		}
	}
}
