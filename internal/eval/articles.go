package eval

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/newsquotes/newsquotes/internal/article"
	"github.com/newsquotes/newsquotes/internal/text"
)

// The article suites score internal/article against:
//   - seed-article: the project's seed page and its gold file; every check
//     must pass.
//   - articles: WCXB dev (793 real article pages: body bag-of-words F1,
//     title, author, date) and mozilla/readability's test pages (title,
//     byline, date, language, site name).
//
// Matching rules, used by every metric below:
//   - norm(s): lower case, every run of non-letter/digit characters becomes
//     one space, trimmed. Curly and straight quotes, dashes and case
//     therefore never decide a match.
//   - title exact: the strings are equal after trimming white space.
//   - title lenient: norm(pred) == norm(ref), or one contains the other at
//     word boundaries and the shorter is at least 30% of the longer (site
//     names and section labels around a headline are tolerated, a one-word
//     fragment is not). A page Extract turns away as no article (a test
//     page with a few words of body) is scored on the title its
//     NotArticleError carries; its body and other fields count as missed.
//   - author (WCXB, one string per page, may list several people): norm of
//     our first author is contained in text.Fold(ref) at word boundaries, or text.Fold(ref) is
//     contained in text.Fold(all our authors joined). Counted over pages whose
//     ground truth has an author.
//   - byline (readability): the same rule against the expected byline.
//   - date: the calendar date of our Published, in the page's own zone,
//     equals the expected date (first 10 characters). Over pages that have
//     one.
//   - language: equal after lower-casing and treating "_" as "-".
//   - site name: artNorm equality, over pages that have one.

func init() {
	Register(Suite{Name: "seed-article", Order: 10, Run: runSeedArticle})
	Register(Suite{Name: "articles", Order: 20, Run: runArticles})
}

// Floors sit just under what the extractor reaches (measured 2026-11-25), so
// a regression fails CI. Raise them when the extractor improves.
const (
	floorWCXBPrecision    = 0.940 // 0.945
	floorWCXBRecall       = 0.965 // 0.973
	floorWCXBF1           = 0.945 // 0.9512
	floorWCXBTitleExact   = 0.800 // 0.807
	floorWCXBTitleLenient = 0.902 // 0.909
	floorWCXBAuthor       = 0.825 // 0.833
	floorWCXBDate         = 0.898 // 0.901 (594 of 659; one page is 0.0015)
	floorReadTitle        = 0.778 // 0.785
	floorReadTitleLenient = 0.938 // 0.946 (one page is 0.008)
	floorReadByline       = 0.840 // 0.855 (one page is 0.013)
	floorReadDate         = 0.935 // 0.970 (one page is 0.030)
	floorReadLang         = 0.990 // 1.000
	floorReadSite         = 0.915 // 0.935 (one page is 0.016)
)

// ---- seed

type artSeedGold struct {
	URL     string `json:"url"`
	Article struct {
		CanonicalURL  string   `json:"canonical_url"`
		Title         string   `json:"title"`
		SiteName      string   `json:"site_name"`
		Authors       []string `json:"authors"`
		Published     string   `json:"published"`
		Language      string   `json:"language"`
		MustContain   []string `json:"body_must_contain"`
		MustNotContin []string `json:"body_must_not_contain"`
	} `json:"article"`
}

func runSeedArticle(cfg Config) ([]Metric, error) {
	dir := cfg.Path("fixtures", "seed")
	goldPath := filepath.Join(dir, "seed-article.gold.json")
	if err := cfg.Require(goldPath); err != nil {
		return nil, err
	}
	var gold artSeedGold
	if err := artReadJSON(goldPath, &gold); err != nil {
		return nil, err
	}
	page, err := os.ReadFile(filepath.Join(dir, "seed-article.html"))
	if err != nil {
		return nil, fmt.Errorf("seed page: %w", err)
	}
	a, err := article.Extract(page, gold.URL)
	if err != nil {
		return nil, fmt.Errorf("seed page: %w", err)
	}
	check := func(name string, ok bool, got string) Metric {
		m := Metric{Name: name, Floor: 1}
		if ok {
			m.Value = 1
		} else {
			m.Note = "got " + got
		}
		return m
	}
	g := gold.Article
	pub := ""
	if !a.Published.IsZero() {
		pub = a.Published.Format(time.RFC3339)
	}
	ms := []Metric{
		check("canonical_url", a.CanonicalURL == g.CanonicalURL, a.CanonicalURL),
		check("title", a.Title == g.Title, a.Title),
		check("site_name", a.SiteName == g.SiteName, a.SiteName),
		check("authors", strings.Join(a.Authors, "|") == strings.Join(g.Authors, "|"), strings.Join(a.Authors, "|")),
		check("published", pub == g.Published, pub),
		check("language", a.Language == g.Language, a.Language),
	}
	body := a.Text()
	var missing, leaked []string
	for _, s := range g.MustContain {
		if !strings.Contains(body, s) {
			missing = append(missing, s)
		}
	}
	for _, s := range g.MustNotContin {
		if strings.Contains(body, s) {
			leaked = append(leaked, s)
		}
	}
	ms = append(ms,
		Metric{Name: "body must contain", Value: artFraction(len(g.MustContain)-len(missing), len(g.MustContain)), Floor: 1, Note: artNoteList("missing", missing)},
		Metric{Name: "body must not contain", Value: artFraction(len(g.MustNotContin)-len(leaked), len(g.MustNotContin)), Floor: 1, Note: artNoteList("leaked", leaked)},
	)
	return ms, nil
}

func artNoteList(label string, xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return label + ": " + strings.Join(xs, "; ")
}

// ---- WCXB and readability pages

func runArticles(cfg Config) ([]Metric, error) {
	wcxb := cfg.Path("bench", "articles", "wcxb-dev")
	rp := cfg.Path("bench", "articles", "readability-pages", "test-pages")
	if err := cfg.Require(filepath.Join(wcxb, "ground-truth-articles.jsonl.gz")); err != nil {
		return nil, err
	}
	if err := cfg.Require(rp); err != nil {
		return nil, err
	}
	ms, err := scoreWCXB(cfg, wcxb)
	if err != nil {
		return nil, err
	}
	rms, err := scoreReadabilityPages(cfg, rp)
	if err != nil {
		return nil, err
	}
	return append(ms, rms...), nil
}

// WCXBPage is one WCXB ground-truth record.
type WCXBPage struct {
	ID     string `json:"file_id"`
	Source string `json:"_source_file"` // dev/ground-truth/<id>.json; some lines carry no file_id
	URL    string `json:"url"`
	Truth  struct {
		Title       *string `json:"title"`
		Author      *string `json:"author"`
		PublishDate *string `json:"publish_date"`
		MainContent string  `json:"main_content"`
	} `json:"ground_truth"`
}

// LoadWCXB reads the ground truth of a WCXB folder (limit 0: all pages).
func LoadWCXB(dir string, limit int) ([]WCXBPage, error) {
	f, err := os.Open(filepath.Join(dir, "ground-truth-articles.jsonl.gz"))
	if err != nil {
		return nil, fmt.Errorf("wcxb: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("wcxb ground truth: %w", err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var pages []WCXBPage
	for sc.Scan() {
		var p WCXBPage
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return nil, fmt.Errorf("wcxb ground truth line %d: %w", len(pages)+1, err)
		}
		if p.ID == "" {
			p.ID = strings.TrimSuffix(filepath.Base(p.Source), ".json")
		}
		pages = append(pages, p)
		if limit > 0 && len(pages) >= limit {
			break
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("wcxb ground truth: %w", err)
	}
	return pages, nil
}

// ReadGzip reads a gzip-compressed file.
func ReadGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return io.ReadAll(zr)
}

type artWCXBScore struct {
	p, r, f1                 float64
	titleExact, titleLenient bool
	hasAuthor, authorOK      bool
	hasDate, dateOK          bool
	failed                   bool
	elapsed                  time.Duration
}

func scoreWCXB(cfg Config, dir string) ([]Metric, error) {
	pages, err := LoadWCXB(dir, cfg.Limit)
	if err != nil {
		return nil, err
	}
	scores := make([]artWCXBScore, len(pages))
	errs := make([]error, len(pages))
	artParallel(cfg.Workers, len(pages), func(i int) {
		pg := pages[i]
		raw, err := ReadGzip(filepath.Join(dir, "html", pg.ID+".html.gz"))
		if err != nil {
			errs[i] = err
			return
		}
		start := time.Now()
		a, err := article.Extract(raw, pg.URL)
		s := artWCXBScore{elapsed: time.Since(start)}
		t := pg.Truth
		if t.Author != nil && strings.TrimSpace(*t.Author) != "" {
			s.hasAuthor = true
		}
		if t.PublishDate != nil && strings.TrimSpace(*t.PublishDate) != "" {
			s.hasDate = true
		}
		if err != nil {
			s.failed = true
			// A page turned away as no article still names its title.
			var na *article.NotArticleError
			if t.Title != nil && errors.As(err, &na) {
				s.titleExact = strings.TrimSpace(na.Title) == strings.TrimSpace(*t.Title)
				s.titleLenient = LenientMatch(na.Title, *t.Title)
			}
			scores[i] = s
			return
		}
		s.p, s.r, s.f1 = BagOfWordsPRF(a.Text(), t.MainContent)
		if t.Title != nil {
			s.titleExact = strings.TrimSpace(a.Title) == strings.TrimSpace(*t.Title)
			s.titleLenient = LenientMatch(a.Title, *t.Title)
		}
		if s.hasAuthor {
			s.authorOK = AuthorMatch(a.Authors, *t.Author)
		}
		if s.hasDate {
			s.dateOK = DateMatch(a.Published, *t.PublishDate)
		}
		scores[i] = s
	})
	for _, e := range errs {
		if e != nil {
			return nil, fmt.Errorf("wcxb: %w", e)
		}
	}
	var sp, sr, sf float64
	var te, tl, na, ao, nd, do, failed int
	times := make([]float64, 0, len(scores))
	for _, s := range scores {
		sp += s.p
		sr += s.r
		sf += s.f1
		te += artB2i(s.titleExact)
		tl += artB2i(s.titleLenient)
		na += artB2i(s.hasAuthor)
		ao += artB2i(s.authorOK)
		nd += artB2i(s.hasDate)
		do += artB2i(s.dateOK)
		failed += artB2i(s.failed)
		times = append(times, float64(s.elapsed.Microseconds())/1000)
	}
	n := float64(len(scores))
	return []Metric{
		{Name: "wcxb body precision", Value: sp / n, Floor: floorWCXBPrecision},
		{Name: "wcxb body recall", Value: sr / n, Floor: floorWCXBRecall},
		{Name: "wcxb body F1", Value: sf / n, Floor: floorWCXBF1, Note: fmt.Sprintf("%.4f; target 0.95; go-trafilatura 0.938, readeck 0.934", sf/n)},
		{Name: "wcxb title exact", Value: artFraction(te, len(scores)), Floor: floorWCXBTitleExact},
		{Name: "wcxb title lenient", Value: artFraction(tl, len(scores)), Floor: floorWCXBTitleLenient, Note: "target 0.90"},
		{Name: "wcxb author", Value: artFraction(ao, na), Floor: floorWCXBAuthor, Note: fmt.Sprintf("of %d pages with an author; target 0.80", na)},
		{Name: "wcxb publish date exact", Value: artFraction(do, nd), Floor: floorWCXBDate, Note: fmt.Sprintf("%d of %d pages with a date; target 0.90", do, nd)},
		ReportOnly("wcxb pages failed", float64(failed), "docs", fmt.Sprintf("of %d", len(scores))),
		ReportOnly("wcxb median wall time", artMedian(times), "ms", "per page, parallel run; see BenchmarkExtractWCXB for CPU time"),
	}, nil
}

type artReadabilityMeta struct {
	Title         *string `json:"title"`
	Byline        *string `json:"byline"`
	Lang          *string `json:"lang"`
	SiteName      *string `json:"siteName"`
	PublishedTime *string `json:"publishedTime"`
}

func scoreReadabilityPages(cfg Config, dir string) ([]Metric, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("readability pages: %w", err)
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	if cfg.Limit > 0 && len(names) > cfg.Limit {
		names = names[:cfg.Limit]
	}
	type res struct {
		title, titleLenient, hasByline, byline, hasDate, date, hasLang, lang, hasSite, site bool
		err                                                                                 error
	}
	out := make([]res, len(names))
	artParallel(cfg.Workers, len(names), func(i int) {
		d := filepath.Join(dir, names[i])
		var want artReadabilityMeta
		if err := artReadJSON(filepath.Join(d, "expected-metadata.json"), &want); err != nil {
			out[i].err = err
			return
		}
		raw, err := ReadGzip(filepath.Join(d, "source.html.gz"))
		if err != nil {
			out[i].err = err
			return
		}
		var r res
		a, xerr := article.Extract(raw, "http://fakehost/test/page.html")
		if xerr != nil {
			a = &article.Article{}
			var na *article.NotArticleError
			if errors.As(xerr, &na) {
				a.Title = na.Title // scored: the page's title is still right or wrong
			}
		}
		if want.Title != nil {
			r.title = text.Fold(a.Title) == text.Fold(*want.Title)
			r.titleLenient = LenientMatch(a.Title, *want.Title)
		}
		if s := artDeref(want.Byline); s != "" {
			r.hasByline = true
			r.byline = AuthorMatch(a.Authors, s) || LenientMatch(strings.Join(a.Authors, ", "), s)
		}
		if s := artDeref(want.PublishedTime); s != "" {
			r.hasDate = true
			r.date = DateMatch(a.Published, s)
		}
		if s := artDeref(want.Lang); s != "" {
			r.hasLang = true
			r.lang = artNormLang(a.Language) == artNormLang(s)
		}
		if s := artDeref(want.SiteName); s != "" {
			r.hasSite = true
			r.site = text.Fold(a.SiteName) == text.Fold(s)
		}
		out[i] = r
	})
	var t, tl, nb, b, nd, dt, nl, l, ns, s int
	for _, r := range out {
		if r.err != nil {
			return nil, fmt.Errorf("readability pages: %w", r.err)
		}
		t += artB2i(r.title)
		tl += artB2i(r.titleLenient)
		nb += artB2i(r.hasByline)
		b += artB2i(r.byline)
		nd += artB2i(r.hasDate)
		dt += artB2i(r.date)
		nl += artB2i(r.hasLang)
		l += artB2i(r.lang)
		ns += artB2i(r.hasSite)
		s += artB2i(r.site)
	}
	return []Metric{
		{Name: "readability title", Value: artFraction(t, len(out)), Floor: floorReadTitle, Note: fmt.Sprintf("normalised equality, %d pages", len(out))},
		{Name: "readability title lenient", Value: artFraction(tl, len(out)), Floor: floorReadTitleLenient, Note: "target 0.95; 6 pages expect a metadata title over a different visible h1 (WCXB labels the h1)"},
		{Name: "readability byline", Value: artFraction(b, nb), Floor: floorReadByline, Note: fmt.Sprintf("of %d pages with one; target 0.85", nb)},
		{Name: "readability date", Value: artFraction(dt, nd), Floor: floorReadDate, Note: fmt.Sprintf("of %d pages with one", nd)},
		{Name: "readability language", Value: artFraction(l, nl), Floor: floorReadLang, Note: fmt.Sprintf("of %d pages with one", nl)},
		{Name: "readability site name", Value: artFraction(s, ns), Floor: floorReadSite, Note: fmt.Sprintf("of %d pages with one", ns)},
	}, nil
}

// ---- metrics

var artWordRE = regexp.MustCompile(`\w+`)

// BagOfWordsPRF is WCXB's body metric: lower-cased \w+ tokens as a multiset;
// P = overlap/|pred|, R = overlap/|ref|. Empty prediction and reference
// score 1; one side empty scores 0.
func BagOfWordsPRF(pred, ref string) (p, r, f1 float64) {
	pw := artWordRE.FindAllString(strings.ToLower(pred), -1)
	rw := artWordRE.FindAllString(strings.ToLower(ref), -1)
	if len(pw) == 0 && len(rw) == 0 {
		return 1, 1, 1
	}
	if len(pw) == 0 || len(rw) == 0 {
		return 0, 0, 0
	}
	counts := make(map[string]int, len(rw))
	for _, w := range rw {
		counts[w]++
	}
	overlap := 0
	for _, w := range pw {
		if counts[w] > 0 {
			counts[w]--
			overlap++
		}
	}
	p = float64(overlap) / float64(len(pw))
	r = float64(overlap) / float64(len(rw))
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}

// LenientMatch is the lenient title rule described at the top of this file.
func LenientMatch(pred, ref string) bool {
	a, b := text.Fold(pred), text.Fold(ref)
	if a == "" || b == "" {
		return a == b
	}
	if a == b {
		return true
	}
	short, long := a, b
	if len(short) > len(long) {
		short, long = long, short
	}
	if len(short)*10 < len(long)*3 {
		return false
	}
	return strings.Contains(" "+long+" ", " "+short+" ")
}

// AuthorMatch is the author rule described at the top of this file.
func AuthorMatch(authors []string, ref string) bool {
	r := text.Fold(ref)
	if r == "" || len(authors) == 0 {
		return false
	}
	first := text.Fold(authors[0])
	if first != "" && strings.Contains(" "+r+" ", " "+first+" ") {
		return true
	}
	return strings.Contains(" "+text.Fold(strings.Join(authors, " "))+" ", " "+r+" ")
}

// DateMatch compares the calendar date of t, in its own zone, with the first
// ten characters (YYYY-MM-DD) of ref.
func DateMatch(t time.Time, ref string) bool {
	ref = strings.TrimSpace(ref)
	if t.IsZero() || len(ref) < 10 {
		return false
	}
	return t.Format("2006-01-02") == ref[:10]
}

func artNormLang(s string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "_", "-")
}

// ---- helpers

func artParallel(workers, n int, fn func(i int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

func artReadJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func artFraction(num, den int) float64 {
	if den == 0 {
		return 0
	}
	return float64(num) / float64(den)
}

func artB2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func artDeref(s *string) string {
	if s == nil {
		return ""
	}
	return strings.TrimSpace(*s)
}

func artMedian(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[len(s)/2]
}
