package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/newsquotes/newsquotes/internal/article"
	"github.com/newsquotes/newsquotes/internal/entity"
	"github.com/newsquotes/newsquotes/internal/quote"
	"github.com/newsquotes/newsquotes/internal/text"
)

// The quote suites score internal/quote (with the entities it resolves
// speakers against):
//   - seed-quotes: the seed article's 9 direct and mixed quotes and 4
//     indirect ones, each with its speaker, and no false quotes.
//   - quotes: PolNeAR dev (84 annotated political news articles).
//
// Matching rules:
//   - Tokens are runs of letters and digits; a span's tokens are those
//     wholly inside it. A quote's tokens are those of its parts when it has
//     them (an interrupted direct quote; reported content around a
//     parenthetical "she said"), else of its clause (mixed and indirect:
//     the whole reported content, as PolNeAR annotates it).
//   - Direct quotes: one-to-one pairs, best token-overlap F1 first; a pair
//     counts at F1 >= 0.8 (and, reported, >= 0.3).
//   - Speaker right (matched direct quotes): the predicted mention overlaps
//     a gold source span, or the resolved name shares a capitalised name
//     word with the gold source text.
//   - Unknown speaker: a predicted direct quote with no speaker mention.
//   - Exact source spans use the speaker's whole phrase (with its
//     appositive), as PolNeAR's source spans do.
//   - All kinds, lenient: a pair when the prediction covers >= 30% of the
//     gold content tokens and >= 50% of its own tokens are inside them.
//   - Exact spans: spans are trimmed of white space, quote marks and
//     punctuation at both ends and of a leading "that" (PolNeAR includes
//     the complementizer, the output contract does not), then compared by
//     (start, end), each content
//     piece on its own, as span-level F1 is counted in the published
//     PolNeAR results.
//   - Seed: a gold quote is found when a predicted quote of a compatible
//     kind has token F1 >= 0.8 with it; its speaker is right when the
//     resolved name is one of the gold entity's name or aliases.

func init() {
	Register(Suite{Name: "seed-quotes", Order: 16, Run: runSeedQuotes})
	Register(Suite{Name: "quotes", Order: 40, Run: runQuotes})
}

// Floors, just under what the extractor reaches.
const (
	floorSeedQuotes       = 1.0
	floorSeedSpeakers     = 1.0
	floorSeedIndirect     = 1.0
	floorSeedPrecision    = 1.0
	floorDirectF1         = 0.916 // 0.9235
	floorDirectF1Loose    = 0.938 // 0.946
	floorSpeakerAcc       = 0.970 // 0.979
	floorKnownSpeaker     = 0.99
	floorLenientF1        = 0.708 // 0.715
	floorExactContentF1   = 0.587 // 0.594
	floorExactSourceF1    = 0.709 // 0.716
	floorHTMLSameAsText   = 1.0
	floorDirectPrecision  = 0.916 // 0.923
	floorDirectRecall     = 0.916 // 0.923
	floorLenientPrecision = 0.858 // 0.865
	floorLenientRecall    = 0.602 // 0.609
	floorNameAgreement    = 0.970 // 0.979
)

// AnalyzeQuotes runs what the pipeline runs on a body: entities, then
// quotes resolved against them.
func AnalyzeQuotes(body string) ([]quote.Quote, []entity.Entity) {
	doc := text.NewDocument(body)
	ents := entity.Extract(doc)
	return quote.Extract(doc, ents), ents
}

// ---- token sets

// qTokens lists the [start, end) code-point spans of the letter-and-digit
// runs of a text.
func qTokens(rs []rune) [][2]int {
	var out [][2]int
	start := -1
	for i := 0; i <= len(rs); i++ {
		w := i < len(rs) && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i]))
		if w && start < 0 {
			start = i
		} else if !w && start >= 0 {
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	return out
}

// qSet returns the indexes of the tokens wholly inside the spans.
func qSet(toks [][2]int, spans ...quote.Span) map[int]bool {
	set := map[int]bool{}
	for _, s := range spans {
		i := sort.Search(len(toks), func(i int) bool { return toks[i][0] >= s.Start })
		for ; i < len(toks) && toks[i][1] <= s.End; i++ {
			set[i] = true
		}
	}
	return set
}

func qOverlap(a, b map[int]bool) int {
	if len(a) > len(b) {
		a, b = b, a
	}
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return n
}

func qF1(a, b map[int]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	o := float64(qOverlap(a, b))
	return 2 * o / float64(len(a)+len(b))
}

// qPair pairs predictions with gold items one to one, best score first,
// keeping pairs whose score passes ok. It returns gold index per
// prediction (-1 when unpaired).
func qPair(np, ng int, score func(p, g int) float64, ok func(p, g int) bool) []int {
	type cand struct {
		p, g int
		s    float64
	}
	var cs []cand
	for p := 0; p < np; p++ {
		for g := 0; g < ng; g++ {
			if ok(p, g) {
				cs = append(cs, cand{p, g, score(p, g)})
			}
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].s > cs[j].s })
	pm := make([]int, np)
	for i := range pm {
		pm[i] = -1
	}
	gu := make([]bool, ng)
	for _, c := range cs {
		if pm[c.p] < 0 && !gu[c.g] {
			pm[c.p] = c.g
			gu[c.g] = true
		}
	}
	return pm
}

// quoteSpans returns the spans a quote's tokens are taken from.
func quoteSpans(q quote.Quote) []quote.Span {
	if len(q.Parts) > 0 {
		// An interrupted quote, or reported content around a
		// parenthetical attribution ("Over the years, she said, …"): the
		// pieces, without the attribution between them.
		return q.Parts
	}
	if q.Kind == quote.Direct {
		return []quote.Span{{Start: q.Start, End: q.End}}
	}
	return []quote.Span{q.Clause}
}

// ---- seed

type seedQuoteGold struct {
	Entities []struct {
		ID      string   `json:"id"`
		Name    string   `json:"name"`
		Aliases []string `json:"aliases"`
	} `json:"entities"`
	Quotes []struct {
		Kind    string `json:"kind"`
		Speaker string `json:"speaker"`
		Text    string `json:"text"`
	} `json:"quotes"`
	Indirect []struct {
		Kind    string `json:"kind"`
		Speaker string `json:"speaker"`
		Text    string `json:"text"`
	} `json:"indirect_quotes"`
	NotQuotes []string `json:"not_quotes"`
	URL       string   `json:"url"`
}

// qWords is the lower-cased word sequence of s, for matching texts.
func qWords(s string) map[string]int {
	m := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		m[w]++
	}
	return m
}

func qTextF1(a, b string) float64 {
	wa, wb := qWords(a), qWords(b)
	na, nb, o := 0, 0, 0
	for w, c := range wa {
		na += c
		o += min(c, wb[w])
	}
	for _, c := range wb {
		nb += c
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return 2 * float64(o) / float64(na+nb)
}

type seedScore struct {
	found, right, indFound, indRight, predicted, falseQuotes, trap int
	misses                                                         []string
}

func scoreSeed(g *seedQuoteGold, qs []quote.Quote) seedScore {
	aliases := map[string]map[string]bool{}
	for _, e := range g.Entities {
		m := map[string]bool{strings.ToLower(e.Name): true}
		for _, a := range e.Aliases {
			m[strings.ToLower(a)] = true
		}
		aliases[e.ID] = m
	}
	var sc seedScore
	sc.predicted = len(qs)
	used := make([]bool, len(qs))
	match := func(text, speaker string, kinds ...quote.Kind) (bool, bool) {
		best, bi := 0.0, -1
		for i, q := range qs {
			if used[i] {
				continue
			}
			okKind := false
			for _, k := range kinds {
				okKind = okKind || q.Kind == k
			}
			if !okKind {
				continue
			}
			if f := qTextF1(q.Text, text); f > best {
				best, bi = f, i
			}
		}
		if bi < 0 || best < 0.8 {
			return false, false
		}
		used[bi] = true
		return true, aliases[speaker][strings.ToLower(qs[bi].Speaker.Name)]
	}
	for _, gq := range g.Quotes {
		f, r := match(gq.Text, gq.Speaker, quote.Direct, quote.Mixed)
		sc.found += b2i(f)
		sc.right += b2i(r)
		if !r {
			sc.misses = append(sc.misses, fmt.Sprintf("%.30q", gq.Text))
		}
	}
	for _, gq := range g.Indirect {
		f, r := match(gq.Text, gq.Speaker, quote.Indirect)
		sc.indFound += b2i(f)
		sc.indRight += b2i(r)
		if !r {
			sc.misses = append(sc.misses, fmt.Sprintf("%.30q", gq.Text))
		}
	}
	for i, q := range qs {
		if !used[i] {
			sc.falseQuotes++
			sc.misses = append(sc.misses, fmt.Sprintf("false %.30q", q.Text))
		}
		for _, nq := range g.NotQuotes {
			if qTextF1(q.Text, nq) >= 0.5 {
				sc.trap++
			}
		}
	}
	return sc
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func qFrac(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func runSeedQuotes(cfg Config) ([]Metric, error) {
	dir := cfg.Path("fixtures", "seed")
	goldPath := filepath.Join(dir, "seed-article.gold.json")
	if err := cfg.Require(goldPath); err != nil {
		return nil, err
	}
	var g seedQuoteGold
	b, err := os.ReadFile(goldPath)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &g); err != nil {
		return nil, fmt.Errorf("seed gold: %w", err)
	}
	txt, err := os.ReadFile(filepath.Join(dir, "seed-article.txt"))
	if err != nil {
		return nil, err
	}
	qs, _ := AnalyzeQuotes(string(txt))
	sc := scoreSeed(&g, qs)
	nd, ni := len(g.Quotes), len(g.Indirect)
	note := strings.Join(sc.misses, "; ")
	ms := []Metric{
		{Name: "seed direct+mixed found", Value: qFrac(sc.found, nd), Floor: floorSeedQuotes, Note: fmt.Sprintf("%d/%d", sc.found, nd)},
		{Name: "seed direct+mixed right speaker", Value: qFrac(sc.right, nd), Floor: floorSeedSpeakers, Note: fmt.Sprintf("%d/%d %s", sc.right, nd, note)},
		{Name: "seed indirect found with speaker", Value: qFrac(sc.indRight, ni), Floor: floorSeedIndirect, Note: fmt.Sprintf("%d/%d found, %d right", sc.indFound, ni, sc.indRight)},
		{Name: "seed precision (no false quotes)", Value: qFrac(sc.predicted-sc.falseQuotes, sc.predicted), Floor: floorSeedPrecision, Note: fmt.Sprintf("%d false of %d, %d traps", sc.falseQuotes, sc.predicted, sc.trap)},
	}
	// The HTML page holds the same body with paragraphs joined by blank
	// lines: `quotes extract` on it must find the same quotes.
	page, err := os.ReadFile(filepath.Join(dir, "seed-article.html"))
	if err != nil {
		return ms, err
	}
	a, err := article.Extract(page, g.URL)
	if err != nil {
		ms = append(ms, ReportOnly("seed html same quotes as text", 0, "", "article: "+err.Error()))
		return ms, nil
	}
	hq, _ := AnalyzeQuotes(a.Text())
	hs := scoreSeed(&g, hq)
	same := len(hq) == len(qs)
	for i := 0; same && i < len(hq); i++ {
		same = hq[i].Text == qs[i].Text && hq[i].Kind == qs[i].Kind && hq[i].Speaker.Name == qs[i].Speaker.Name
	}
	ms = append(ms,
		Metric{Name: "seed html same quotes as text", Value: float64(b2i(same)), Floor: floorHTMLSameAsText, Note: fmt.Sprintf("%d quotes from html, %d from text", len(hq), len(qs))},
		ReportOnly("seed html quotes right speaker", qFrac(hs.right+hs.indRight, nd+ni), "", fmt.Sprintf("%d false", hs.falseQuotes)),
	)
	return ms, nil
}

// ---- PolNeAR

type pnSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

type pnAttr struct {
	Doc     string   `json:"doc"`
	Kind    string   `json:"kind"`
	Source  []pnSpan `json:"source"`
	Cue     []pnSpan `json:"cue"`
	Content []pnSpan `json:"content"`
}

func loadPolNeAR(dir string, limit int) (map[string][]pnAttr, []string, error) {
	f, err := os.Open(filepath.Join(dir, "attributions.jsonl"))
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	byDoc := map[string][]pnAttr{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var a pnAttr
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, nil, fmt.Errorf("attributions.jsonl: %w", err)
		}
		byDoc[a.Doc] = append(byDoc[a.Doc], a)
	}
	if err := sc.Err(); err != nil {
		return nil, nil, err
	}
	ents, err := os.ReadDir(filepath.Join(dir, "text"))
	if err != nil {
		return nil, nil, err
	}
	var docs []string
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".txt") {
			docs = append(docs, strings.TrimSuffix(e.Name(), ".txt"))
		}
	}
	sort.Strings(docs)
	if limit > 0 && len(docs) > limit {
		docs = docs[:limit]
	}
	return byDoc, docs, nil
}

// qTrim narrows a span to the words compared (text.TrimReported):
// PolNeAR's content spans open with the complementizer and quote marks
// that ours leave out, as the output contract does.
func qTrim(rs []rune, s quote.Span) quote.Span {
	s.Start, s.End = text.TrimReported(rs, s.Start, s.End)
	return s
}

type prf struct{ tp, np, ng int }

func (c prf) p() float64 { return qFrac(c.tp, c.np) }
func (c prf) r() float64 { return qFrac(c.tp, c.ng) }
func (c prf) f() float64 {
	p, r := c.p(), c.r()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// PolNeARScore accumulates the quote metrics over documents.
type PolNeARScore struct {
	direct8, direct3               prf
	matched, speakerRight, unknown int
	unresolved                     int
	predDirect                     int
	lenient                        prf
	goldKind, goldKindHit          map[string]int
	exactContent, exactSource      prf
	docs                           int
	wireDirect                     int
	// named counts matched direct quotes whose gold source holds a name;
	// namedRight those whose resolved name shares a name word with it.
	named, namedRight int
}

func newPolNeARScore() *PolNeARScore {
	return &PolNeARScore{goldKind: map[string]int{}, goldKindHit: map[string]int{}}
}

// isName tells whether a gold source is a proper name: its head, the last
// word before any comma or parenthesis, is capitalised. "The New York
// businessman" is a description, not a name.
func isName(s string) bool {
	if isPronoun(s) {
		return false
	}
	if i := strings.IndexAny(s, ",("); i > 0 {
		s = s[:i]
	}
	ws := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' && r != '.' && r != '\'' && r != '’' })
	if len(ws) == 0 {
		return false
	}
	head := strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(ws[len(ws)-1], "'s"), "’s"), ".")
	r := []rune(head)
	return len(r) > 0 && unicode.IsUpper(r[0])
}

func nameWords(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
		if r := []rune(w); len(r) > 1 && unicode.IsUpper(r[0]) {
			m[strings.ToLower(w)] = true
		}
	}
	return m
}

// wireDirect tells whether every content span of a gold attribution is
// wholly inside ” … ” marks (wire copy's double quotes). PolNeAR's kind
// field counts only " “ ” as double marks; by its own definition these
// attributions are direct, so the suite scores them as direct.
func wireDirect(rs []rune, a pnAttr) bool {
	if len(a.Content) == 0 {
		return false
	}
	for _, c := range a.Content {
		st, en := max(c.Start, 0), min(c.End, len(rs))
		for st < en && unicode.IsSpace(rs[st]) {
			st++
		}
		for en > st && (unicode.IsSpace(rs[en-1]) || rs[en-1] == '.' || rs[en-1] == ',') {
			en--
		}
		if en-st < 5 || string(rs[st:st+2]) != "''" && string(rs[st:st+2]) != "``" || string(rs[en-2:en]) != "''" {
			return false
		}
		if strings.Contains(string(rs[st+2:en-2]), "''") {
			return false
		}
	}
	return true
}

func (s *PolNeARScore) add(body string, gold []pnAttr, qs []quote.Quote) {
	s.docs++
	rs := []rune(body)
	for i := range gold {
		if gold[i].Kind != "direct" && wireDirect(rs, gold[i]) {
			gold[i].Kind = "direct"
			s.wireDirect++
		}
	}
	toks := qTokens(rs)
	// Direct quotes.
	var gd []pnAttr
	var gdSets []map[int]bool
	for _, g := range gold {
		if g.Kind == "direct" {
			gd = append(gd, g)
			gdSets = append(gdSets, qSet(toks, pnSpans(g.Content)...))
		}
	}
	var pd []quote.Quote
	var pdSets []map[int]bool
	for _, q := range qs {
		if q.Kind == quote.Direct {
			pd = append(pd, q)
			pdSets = append(pdSets, qSet(toks, quoteSpans(q)...))
			if q.Speaker.Mention == "" {
				s.unknown++
			}
			if q.Speaker.Name == "" {
				s.unresolved++
			}
		}
	}
	s.predDirect += len(pd)
	score := func(p, g int) float64 { return qF1(pdSets[p], gdSets[g]) }
	for _, th := range []float64{0.8, 0.3} {
		pm := qPair(len(pd), len(gd), score, func(p, g int) bool { return score(p, g) >= th })
		c := &s.direct8
		if th < 0.5 {
			c = &s.direct3
		}
		c.np += len(pd)
		c.ng += len(gd)
		for p, g := range pm {
			if g < 0 {
				continue
			}
			c.tp++
			if th < 0.5 {
				continue
			}
			s.matched++
			if speakerRight(rs, pd[p].Speaker, gd[g].Source) {
				s.speakerRight++
			}
			// Name resolution where the gold source names someone.
			if len(gd[g].Source) > 0 && isName(gd[g].Source[0].Text) {
				s.named++
				gw := nameWords(gd[g].Source[0].Text)
				for w := range nameWords(pd[p].Speaker.Name) {
					if gw[w] {
						s.namedRight++
						break
					}
				}
			}
		}
	}
	// All kinds, lenient.
	var ga []map[int]bool
	for _, g := range gold {
		ga = append(ga, qSet(toks, pnSpans(g.Content)...))
		s.goldKind[g.Kind]++
	}
	var pa []map[int]bool
	seen := map[string]bool{}
	for _, q := range qs {
		k := fmt.Sprint(quoteSpans(q))
		if seen[k] {
			continue
		}
		seen[k] = true
		pa = append(pa, qSet(toks, quoteSpans(q)...))
	}
	lok := func(p, g int) bool {
		o := qOverlap(pa[p], ga[g])
		return len(ga[g]) > 0 && len(pa[p]) > 0 && float64(o) >= 0.3*float64(len(ga[g])) && float64(o) >= 0.5*float64(len(pa[p]))
	}
	pm := qPair(len(pa), len(ga), func(p, g int) float64 { return qF1(pa[p], ga[g]) }, lok)
	s.lenient.np += len(pa)
	s.lenient.ng += len(ga)
	for _, g := range pm {
		if g >= 0 {
			s.lenient.tp++
			s.goldKindHit[gold[g].Kind]++
		}
	}
	// Exact spans.
	gc, gs := map[quote.Span]bool{}, map[quote.Span]bool{}
	for _, g := range gold {
		for _, c := range g.Content {
			gc[qTrim(rs, quote.Span{Start: c.Start, End: c.End})] = true
		}
		for _, c := range g.Source {
			gs[qTrim(rs, quote.Span{Start: c.Start, End: c.End})] = true
		}
	}
	pc, ps := map[quote.Span]bool{}, map[quote.Span]bool{}
	for _, q := range qs {
		for _, sp := range quoteSpans(q) {
			pc[qTrim(rs, sp)] = true
		}
		if q.Speaker.Mention != "" {
			src := quote.Span{Start: q.Speaker.Start, End: q.Speaker.End}
			if q.Speaker.Phrase.End > src.End {
				src = q.Speaker.Phrase
			}
			ps[qTrim(rs, src)] = true
		}
	}
	exact := func(c *prf, pred, gold map[quote.Span]bool) {
		c.np += len(pred)
		c.ng += len(gold)
		for k := range pred {
			if gold[k] {
				c.tp++
			}
		}
	}
	exact(&s.exactContent, pc, gc)
	exact(&s.exactSource, ps, gs)
}

func pnSpans(ss []pnSpan) []quote.Span {
	out := make([]quote.Span, len(ss))
	for i, s := range ss {
		out[i] = quote.Span{Start: s.Start, End: s.End}
	}
	return out
}

func isPronoun(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "he", "she", "they", "i", "we", "it", "you", "who":
		return true
	}
	return false
}

// speakerRight applies the speaker rule: the mention overlaps a gold
// source span, or the resolved name shares a name word with it.
func speakerRight(rs []rune, sp quote.Speaker, src []pnSpan) bool {
	if len(src) == 0 {
		return sp.Mention == ""
	}
	for _, g := range src {
		if sp.Mention != "" && sp.Start < g.End && g.Start < sp.End {
			return true
		}
		gw := nameWords(g.Text)
		for w := range nameWords(sp.Name) {
			if gw[w] {
				return true
			}
		}
	}
	return false
}

func runQuotes(cfg Config) ([]Metric, error) {
	dir := cfg.Path("bench", "quotes", "polnear-dev")
	if err := cfg.Require(filepath.Join(dir, "attributions.jsonl")); err != nil {
		return nil, err
	}
	byDoc, docs, err := loadPolNeAR(dir, cfg.Limit)
	if err != nil {
		return nil, err
	}
	s := newPolNeARScore()
	var elapsed time.Duration
	for _, d := range docs {
		b, err := os.ReadFile(filepath.Join(dir, "text", d+".txt"))
		if err != nil {
			return nil, err
		}
		start := time.Now()
		qs, _ := AnalyzeQuotes(string(b))
		elapsed += time.Since(start)
		s.add(string(b), byDoc[d], qs)
	}
	return s.metrics(elapsed), nil
}

func (s *PolNeARScore) metrics(elapsed time.Duration) []Metric {
	kindNote := func(k string) string {
		return fmt.Sprintf("%d/%d", s.goldKindHit[k], s.goldKind[k])
	}
	ms := []Metric{
		{Name: "direct F1 (overlap >= 0.8)", Value: s.direct8.f(), Floor: floorDirectF1, Note: fmt.Sprintf("P %.3f R %.3f (%d/%d pred, %d gold, %d of them in '' marks)", s.direct8.p(), s.direct8.r(), s.direct8.tp, s.direct8.np, s.direct8.ng, s.wireDirect)},
		{Name: "direct precision (>= 0.8)", Value: s.direct8.p(), Floor: floorDirectPrecision},
		{Name: "direct recall (>= 0.8)", Value: s.direct8.r(), Floor: floorDirectRecall},
		{Name: "direct F1 (overlap >= 0.3)", Value: s.direct3.f(), Floor: floorDirectF1Loose, Note: fmt.Sprintf("P %.3f R %.3f", s.direct3.p(), s.direct3.r())},
		{Name: "speaker accuracy (matched direct)", Value: qFrac(s.speakerRight, s.matched), Floor: floorSpeakerAcc, Note: fmt.Sprintf("%d/%d", s.speakerRight, s.matched)},
		{Name: "known speaker rate (direct)", Value: 1 - qFrac(s.unknown, s.predDirect), Floor: floorKnownSpeaker, Note: fmt.Sprintf("unknown %d/%d = %.3f", s.unknown, s.predDirect, qFrac(s.unknown, s.predDirect))},
		ReportOnly("unresolved name rate (direct)", qFrac(s.unresolved, s.predDirect), "", "no resolved name (they, we, a spokesman)"),
		{Name: "resolved name agrees (named gold sources)", Value: qFrac(s.namedRight, s.named), Floor: floorNameAgreement, Note: fmt.Sprintf("%d/%d matched direct quotes whose gold source is a name", s.namedRight, s.named)},
		{Name: "all kinds lenient F1", Value: s.lenient.f(), Floor: floorLenientF1, Note: fmt.Sprintf("P %.3f R %.3f", s.lenient.p(), s.lenient.r())},
		{Name: "all kinds lenient precision", Value: s.lenient.p(), Floor: floorLenientPrecision},
		{Name: "all kinds lenient recall", Value: s.lenient.r(), Floor: floorLenientRecall},
		ReportOnly("recall direct (lenient)", qFrac(s.goldKindHit["direct"], s.goldKind["direct"]), "", kindNote("direct")),
		ReportOnly("recall mixed (lenient)", qFrac(s.goldKindHit["mixed"], s.goldKind["mixed"]), "", kindNote("mixed")),
		ReportOnly("recall indirect (lenient)", qFrac(s.goldKindHit["indirect"], s.goldKind["indirect"]), "", kindNote("indirect")),
		{Name: "exact content F1", Value: s.exactContent.f(), Floor: floorExactContentF1, Note: fmt.Sprintf("P %.3f R %.3f", s.exactContent.p(), s.exactContent.r())},
		{Name: "exact source F1", Value: s.exactSource.f(), Floor: floorExactSourceF1, Note: fmt.Sprintf("P %.3f R %.3f", s.exactSource.p(), s.exactSource.r())},
	}
	if s.docs > 0 && elapsed > 0 {
		ms = append(ms, ReportOnly("speed (entities + quotes)", float64(s.docs)/elapsed.Seconds(), "docs/s", "one core; see BenchmarkQuotesPolNeAR for the benchmark"))
	}
	return ms
}
