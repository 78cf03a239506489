// Package corpus reads the named-entity corpora used to train and evaluate
// the entity tagger: IOB2/CoNLL token-per-line files and GUM CoNLL-U files
// with Entity= bracket annotations, from which NER-style name spans are
// derived. Labels are normalised to BIO tags over PER, ORG and LOC.
package corpus

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"os"
	"strconv"
	"strings"
)

// Sentence is one tokenised sentence with its gold BIO labels.
type Sentence struct {
	Doc        string   // document id, when the corpus has one
	ID         string   // sentence id ("# sent_id = ..."), when given
	Text       string   // the sentence text, when the corpus gives it
	Words      []string // tokens
	Labels     []string // "O", "B-PER", "I-ORG", ...
	SpaceAfter []bool   // whether a space follows each token (CoNLL-U only)
	NewPar     bool     // the sentence starts a paragraph (CoNLL-U "# newpar")
}

// Span is a labelled token range [Start, End).
type Span struct {
	Start, End int
	Type       string
}

// Spans returns the labelled spans of BIO labels. An I- tag that does not
// continue a span of its type opens one.
func Spans(labels []string) []Span {
	var out []Span
	cur := -1
	for i, l := range labels {
		typ := ""
		if len(l) > 2 && (l[0] == 'B' || l[0] == 'I') && l[1] == '-' {
			typ = l[2:]
		}
		if cur >= 0 && (typ == "" || l[0] == 'B' || typ != out[cur].Type) {
			cur = -1
		}
		if typ == "" {
			continue
		}
		if cur < 0 {
			out = append(out, Span{Start: i, End: i + 1, Type: typ})
			cur = len(out) - 1
		} else {
			out[cur].End = i + 1
		}
	}
	return out
}

// MapLabel normalises a corpus label to PER/ORG/LOC BIO or "O".
// IO-scheme files (wikigold) are converted to BIO by ReadColumns.
func MapLabel(l string) string {
	if len(l) < 3 || l[1] != '-' {
		return "O"
	}
	p, typ := l[:1], strings.ToLower(l[2:])
	switch typ {
	case "per", "person":
		typ = "PER"
	case "org", "corporation", "group":
		typ = "ORG"
	case "loc", "location", "gpe":
		typ = "LOC"
	default:
		return "O"
	}
	if p != "B" && p != "I" {
		return "O"
	}
	return p + "-" + typ
}

// ReadColumns reads a token-per-line file: columns separated by tabs or
// spaces, the token in column tokenCol and the label in labelCol (0-based);
// sentences separated by blank (or white-space-only) lines; "#" comment lines
// ("# text = ..." is kept) and -DOCSTART- lines skipped. IO tags are turned
// into BIO.
func ReadColumns(path string, tokenCol, labelCol int) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Sentence
	var cur Sentence
	docN := 0
	flush := func() {
		if len(cur.Words) > 0 {
			cur.Labels = ioToBIO(cur.Labels)
			cur.Doc = strconv.Itoa(docN)
			out = append(out, cur)
		}
		cur = Sentence{}
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		if strings.HasPrefix(line, "# text = ") {
			cur.Text = strings.TrimPrefix(line, "# text = ")
			continue
		}
		if strings.HasPrefix(line, "# sent_id = ") {
			cur.ID = strings.TrimPrefix(line, "# sent_id = ")
			continue
		}
		if strings.HasPrefix(line, "#") && (len(cur.Words) == 0) && !strings.Contains(line, "\t") {
			if strings.HasPrefix(line, "# newdoc") {
				docN++
			}
			continue
		}
		var cols []string
		if strings.Contains(line, "\t") {
			cols = strings.Split(line, "\t")
		} else {
			cols = strings.Fields(line)
		}
		if len(cols) <= tokenCol || len(cols) <= labelCol {
			if len(cols) == tokenCol+1 && len(cols) > 0 { // token only
				cols = append(cols, "O")
			} else {
				continue
			}
		}
		if cols[tokenCol] == "-DOCSTART-" {
			flush()
			docN++
			continue
		}
		if cols[tokenCol] == "" {
			continue
		}
		cur.Words = append(cur.Words, cols[tokenCol])
		cur.Labels = append(cur.Labels, MapLabel(cols[labelCol]))
	}
	flush()
	return out, sc.Err()
}

// ioToBIO turns I- tags that start a span into B- tags.
func ioToBIO(ls []string) []string {
	prev := "O"
	for i, l := range ls {
		if strings.HasPrefix(l, "I-") && (prev == "O" || prev[2:] != l[2:]) {
			ls[i] = "B-" + l[2:]
		}
		prev = ls[i]
	}
	return ls
}

// GUM reading ---------------------------------------------------------------

type gumToken struct {
	form       string
	upos, xpos string
	spaceAfter bool
}

type gumMention struct {
	group      string
	etype      string
	start, end int // sentence token indices, end exclusive
	minspan    []int
	identity   string
	named      bool
}

// GUMDoc is one GUM document: sentences with derived name-span labels.
type GUMDoc struct {
	ID        string
	Sentences []Sentence
}

// ReadGUM reads a GUM CoNLL-U file and derives NER-style name spans:
// person / organization / place mentions whose minspan holds a proper noun
// (UPOS PROPN or XPOS NNP/NNPS); the span runs from the first to the last such
// minspan token that is not inside a nested named mention; leading title
// words and trailing possessives are stripped. person -> PER,
// organization -> ORG, place -> LOC.
func ReadGUM(path string) (*GUMDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseGUM(f, path)
}

func parseGUM(r io.Reader, name string) (*GUMDoc, error) {
	doc := &GUMDoc{ID: name}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var toks []gumToken
	var text string
	var mentions []*gumMention
	var open []*gumMention
	newPar := false
	flush := func() {
		if len(toks) == 0 {
			return
		}
		s := gumSentence(doc.ID, text, toks, mentions)
		s.NewPar = newPar
		newPar = false
		doc.Sentences = append(doc.Sentences, s)
		toks, mentions, text = nil, nil, ""
		// GUM mentions never cross sentences; drop any unclosed ones.
		open = open[:0]
	}
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			flush()
			continue
		}
		if strings.HasPrefix(line, "#") {
			if strings.HasPrefix(line, "# newdoc id = ") {
				doc.ID = strings.TrimPrefix(line, "# newdoc id = ")
			}
			if strings.HasPrefix(line, "# text = ") {
				text = strings.TrimPrefix(line, "# text = ")
			}
			if line == "# newpar" || strings.HasPrefix(line, "# newpar ") {
				newPar = true
			}
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 10 || strings.ContainsAny(cols[0], "-.") {
			continue
		}
		idx := len(toks)
		t := gumToken{form: cols[1], upos: cols[3], xpos: cols[4], spaceAfter: true}
		for _, m := range strings.Split(cols[9], "|") {
			if m == "SpaceAfter=No" {
				t.spaceAfter = false
			}
			if !strings.HasPrefix(m, "Entity=") {
				continue
			}
			e := m[len("Entity="):]
			for len(e) > 0 {
				if e[0] == '(' {
					j := strings.IndexAny(e[1:], "()")
					var attr string
					closed := false
					if j < 0 {
						attr, e = e[1:], ""
					} else {
						attr = e[1 : 1+j]
						closed = e[1+j] == ')'
						e = e[1+j:]
						if closed {
							e = e[1:]
						}
					}
					gm := newMention(attr, idx)
					if closed {
						gm.end = idx + 1
						mentions = append(mentions, gm)
					} else {
						open = append(open, gm)
					}
					continue
				}
				j := strings.IndexByte(e, ')')
				if j < 0 {
					break
				}
				grp := e[:j]
				e = e[j+1:]
				for k := len(open) - 1; k >= 0; k-- {
					if open[k].group == grp {
						open[k].end = idx + 1
						mentions = append(mentions, open[k])
						open = append(open[:k], open[k+1:]...)
						break
					}
				}
			}
		}
		toks = append(toks, t)
	}
	flush()
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return doc, nil
}

func newMention(attr string, start int) *gumMention {
	parts := strings.SplitN(attr, "-", 8)
	m := &gumMention{start: start}
	if len(parts) > 0 {
		m.group = parts[0]
	}
	if len(parts) > 1 {
		m.etype = parts[1]
	}
	if len(parts) > 5 {
		for _, s := range strings.Split(parts[5], ",") {
			if n, err := strconv.Atoi(s); err == nil {
				m.minspan = append(m.minspan, n)
			}
		}
	}
	if len(parts) > 7 {
		m.identity, _ = url.PathUnescape(parts[7])
	}
	return m
}

var gumTitles = map[string]bool{
	"president": true, "mr.": true, "mrs.": true, "ms.": true, "dr.": true, "prof.": true,
	"mr": true, "mrs": true, "ms": true, "dr": true, "sir": true, "senator": true,
	"sen.": true, "governor": true, "gov.": true, "general": true, "gen.": true,
	"minister": true, "prime": true, "king": true, "queen": true, "prince": true,
	"princess": true, "pope": true, "saint": true, "st.": true, "lord": true, "lady": true,
	"judge": true, "justice": true, "chancellor": true, "secretary": true, "mayor": true,
	"professor": true, "rev.": true, "reverend": true, "captain": true, "capt.": true,
	"lt.": true, "col.": true, "sgt.": true, "rep.": true, "representative": true,
	"emperor": true, "empress": true, "chairman": true, "officer": true, "detective": true,
}

func isProper(t gumToken) bool {
	return t.upos == "PROPN" || t.xpos == "NNP" || t.xpos == "NNPS"
}

func gumSentence(doc, text string, toks []gumToken, ms []*gumMention) Sentence {
	s := Sentence{Doc: doc, Text: text}
	for _, t := range toks {
		s.Words = append(s.Words, t.form)
		s.SpaceAfter = append(s.SpaceAfter, t.spaceAfter)
		s.Labels = append(s.Labels, "O")
	}
	typ := map[string]string{"person": "PER", "organization": "ORG", "place": "LOC"}
	// named: minspan holds a proper noun.
	var named []*gumMention
	for _, m := range ms {
		if typ[m.etype] == "" {
			continue
		}
		for _, o := range m.minspan {
			i := m.start + o - 1
			if i >= m.start && i < m.end && i < len(toks) && isProper(toks[i]) {
				m.named = true
				break
			}
		}
		if m.named {
			named = append(named, m)
		}
	}
	for _, m := range named {
		inNested := func(i int) bool {
			for _, n := range named {
				if n != m && n.start >= m.start && n.end <= m.end && (n.end-n.start) < (m.end-m.start) && i >= n.start && i < n.end {
					return true
				}
			}
			return false
		}
		first, last := -1, -1
		for _, o := range m.minspan {
			i := m.start + o - 1
			if i < m.start || i >= m.end || i >= len(toks) || !isProper(toks[i]) || inNested(i) {
				continue
			}
			if first < 0 || i < first {
				first = i
			}
			if i > last {
				last = i
			}
		}
		if first < 0 {
			continue
		}
		for first <= last && gumTitles[strings.ToLower(toks[first].form)] {
			first++
		}
		for last >= first && (toks[last].form == "'s" || toks[last].form == "'" || toks[last].form == "’s") {
			last--
		}
		if first > last {
			continue
		}
		clash := false
		for i := first; i <= last; i++ {
			if s.Labels[i] != "O" {
				clash = true
			}
		}
		if clash {
			continue
		}
		t := typ[m.etype]
		s.Labels[first] = "B-" + t
		for i := first + 1; i <= last; i++ {
			s.Labels[i] = "I-" + t
		}
	}
	return s
}

// Detokenize joins words into text and returns each word's code-point span.
// With spaceAfter it follows it; otherwise it uses text when the words can
// be found in it in order, and else joins with single spaces.
func Detokenize(words []string, spaceAfter []bool, text string) (string, [][2]int) {
	spans := make([][2]int, len(words))
	if spaceAfter == nil && text != "" {
		rs := []rune(text)
		pos := 0
		ok := true
		for i, w := range words {
			wr := []rune(w)
			j := indexRunes(rs, wr, pos)
			if j < 0 || j-pos > 3 {
				ok = false
				break
			}
			spans[i] = [2]int{j, j + len(wr)}
			pos = j + len(wr)
		}
		if ok {
			return text, spans
		}
	}
	var b strings.Builder
	n := 0
	for i, w := range words {
		if i > 0 && (spaceAfter == nil || spaceAfter[i-1]) {
			b.WriteByte(' ')
			n++
		}
		l := len([]rune(w))
		spans[i] = [2]int{n, n + l}
		b.WriteString(w)
		n += l
	}
	return b.String(), spans
}

func indexRunes(rs, w []rune, from int) int {
	for i := from; i+len(w) <= len(rs); i++ {
		match := true
		for k := range w {
			if rs[i+k] != w[k] {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}
