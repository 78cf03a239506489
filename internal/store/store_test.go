package store_test

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsquotes/newsquotes/internal/article"
	"github.com/newsquotes/newsquotes/internal/entity"
	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/source"
	"github.com/newsquotes/newsquotes/internal/store"
)

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := pipeline.ErrorCode(err); got != code {
		t.Fatalf("error %v: code %q, want %q", err, got, code)
	}
}

func TestPutArticleWritesOnlyNewContent(t *testing.T) {
	s := newStore(t)
	c := ctx(t)
	a, _ := fixture{url: "https://news.example/a", source: "s1", published: day0, nQuotes: 2, nEntities: 3}.build()

	for i, want := range []bool{true, false, false} {
		written, err := s.PutArticle(c, a)
		if err != nil {
			t.Fatal(err)
		}
		if written != want {
			t.Errorf("put %d: written=%v, want %v", i, written, want)
		}
	}
	got, err := s.GetArticle(c, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Article.Paragraphs, a.Article.Paragraphs) || got.ContentHash != a.ContentHash ||
		got.Article.Title != a.Article.Title || !got.Article.Published.Equal(a.Article.Published) || got.SourceID != "s1" {
		t.Errorf("GetArticle = %+v\nwant %+v", got, a)
	}
	byURL, err := s.GetArticleByURL(c, a.Article.CanonicalURL)
	if err != nil || byURL.ID != a.ID {
		t.Errorf("GetArticleByURL = %v, %v", byURL.ID, err)
	}

	// Changed content is written again.
	b := a
	b.Article.Paragraphs = append([]article.Paragraph{{Kind: article.KindText, Text: "Update: new lead."}}, a.Article.Paragraphs...)
	b.ContentHash = pipeline.ContentHash(b.Article.Text())
	if written, err := s.PutArticle(c, b); err != nil || !written {
		t.Errorf("changed content: written=%v err=%v", written, err)
	}
	got, _ = s.GetArticle(c, a.ID)
	if got.ContentHash != b.ContentHash || len(got.Article.Paragraphs) != len(b.Article.Paragraphs) {
		t.Errorf("after change: hash %s, %d paragraphs", got.ContentHash, len(got.Article.Paragraphs))
	}

	_, err = s.GetArticle(c, pipeline.ArticleID("https://news.example/missing"))
	if !errors.Is(err, pipeline.ErrNotFound) {
		t.Errorf("missing article: %v, want ErrNotFound", err)
	}
	_, err = s.GetArticleByURL(c, "https://news.example/missing")
	wantCode(t, err, pipeline.ENOTFOUND)

	known, err := s.KnownArticles(c, []string{a.ID, pipeline.ArticleID("https://news.example/missing"), a.ID})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(known, map[string]bool{a.ID: true}) {
		t.Errorf("KnownArticles = %v", known)
	}
}

func TestKnownArticlesBatchesPast100(t *testing.T) {
	s := newStore(t)
	c := ctx(t)
	var ids []string
	for i := 0; i < 130; i++ {
		u := fmt.Sprintf("https://news.example/k%d", i)
		ids = append(ids, pipeline.ArticleID(u))
		if i%2 == 0 {
			a, _ := fixture{url: u, published: day0}.build()
			if _, err := s.PutArticle(c, a); err != nil {
				t.Fatal(err)
			}
		}
	}
	s.ResetUsage()
	known, err := s.KnownArticles(c, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(known) != 65 {
		t.Errorf("%d known, want 65", len(known))
	}
	if n := s.Usage().Requests["BatchGetItem"]; n != 2 {
		t.Errorf("%d BatchGetItem requests, want 2", n)
	}
}

func TestArticlesBySourcePagination(t *testing.T) {
	s := newStore(t)
	c := ctx(t)
	var want []string
	for i := 0; i < 7; i++ {
		a, _ := fixture{url: fmt.Sprintf("https://news.example/s1/%d", i), source: "s1", published: day0.Add(time.Duration(i) * time.Hour)}.build()
		if _, err := s.PutArticle(c, a); err != nil {
			t.Fatal(err)
		}
		want = append([]string{a.ID}, want...) // newest first
	}
	other, _ := fixture{url: "https://news.example/s2/0", source: "s2", published: day0}.build()
	if _, err := s.PutArticle(c, other); err != nil {
		t.Fatal(err)
	}

	var got []string
	var cursors []string
	p := pipeline.Page{Limit: 3}
	for page := 0; ; page++ {
		arts, next, err := s.ArticlesBySource(c, "s1", p)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			got = append(got, a.ID)
			if len(a.Article.Paragraphs) != 0 {
				t.Errorf("listing carries the body of %s", a.ID)
			}
		}
		if next == "" {
			break
		}
		if page > 5 {
			t.Fatal("pagination does not end")
		}
		cursors = append(cursors, next)
		p.Cursor = next
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("pages = %v\nwant   %v", got, want)
	}
	if len(cursors) != 2 {
		t.Errorf("%d cursors, want 2 (pages of 3, 3, 1)", len(cursors))
	}

	// Time bounds: Since inclusive, Until exclusive.
	arts, _, err := s.ArticlesBySource(c, "s1", pipeline.Page{Since: day0.Add(2 * time.Hour), Until: day0.Add(5 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 3 || arts[0].ID != want[2] || arts[2].ID != want[4] {
		t.Errorf("bounded listing = %d articles", len(arts))
	}

	// A cursor works only for the listing that issued it.
	_, _, err = s.ArticlesBySource(c, "s2", pipeline.Page{Cursor: cursors[0]})
	wantCode(t, err, pipeline.EINVALID)
	_, _, err = s.QuotesBySpeaker(c, "s1", pipeline.Page{Cursor: cursors[0]})
	wantCode(t, err, pipeline.EINVALID)
	for _, bad := range tamper(cursors[0]) {
		_, _, err := s.ArticlesBySource(c, "s1", pipeline.Page{Cursor: bad})
		if !errors.Is(err, pipeline.ErrInvalidCursor) {
			t.Errorf("cursor %q: %v, want ErrInvalidCursor", bad, err)
		}
	}
	// Another table's key signs differently.
	s2 := store.New(nil, "other-table")
	_, _, err = s2.ArticlesBySource(c, "s1", pipeline.Page{Cursor: cursors[0]})
	wantCode(t, err, pipeline.EINVALID)
}

// tamper returns corrupted variants of a cursor.
func tamper(cur string) []string {
	body, sig, _ := strings.Cut(cur, ".")
	payload, _ := base64.RawURLEncoding.DecodeString(body)
	forged := strings.Replace(string(payload), ":", ": ", 1) // same JSON, other bytes
	rnd := make([]byte, 48)
	rand.Read(rnd)
	flip := []byte(cur)
	flip[len(flip)/3] ^= 1
	return []string{
		"x", ".", "!!!", cur[:len(cur)-2], cur + "A", string(flip),
		base64.RawURLEncoding.EncodeToString(rnd),
		base64.RawURLEncoding.EncodeToString([]byte(forged)) + "." + sig,
		body + "." + base64.RawURLEncoding.EncodeToString(rnd[:16]),
		strings.Repeat("A", 5000),
	}
}

func TestArticleDetailIsOneQuery(t *testing.T) {
	s := newStore(t)
	c := ctx(t)
	a, x := fixture{url: "https://news.example/detail", published: day0, nQuotes: 13, nEntities: 15}.build()
	save(t, s, a, x)

	s.ResetUsage()
	d, err := s.GetArticleDetail(c, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if u := s.Usage(); u.Total() != 1 || u.Requests["Query"] != 1 {
		t.Errorf("detail took %v requests, want one Query", u.Requests)
	}
	if len(d.Quotes) != 13 || len(d.Entities) != 15 {
		t.Fatalf("detail: %d quotes, %d entities; want 13, 15", len(d.Quotes), len(d.Entities))
	}
	if d.Article.ExtractorVersion != 1 || len(d.Article.Article.Paragraphs) != len(a.Article.Paragraphs) {
		t.Errorf("detail article: version %d, %d paragraphs", d.Article.ExtractorVersion, len(d.Article.Article.Paragraphs))
	}
	for i, q := range d.Quotes {
		if q.Quote.Text != x.Quotes[i].Text {
			t.Errorf("quote %d = %q, want %q (text order)", i, q.Quote.Text, x.Quotes[i].Text)
		}
		if q.ID != pipeline.QuoteID(a.ID, x.Quotes[i]) || q.ArticleID != a.ID || q.ArticleTitle != a.Article.Title || !q.Published.Equal(day0) {
			t.Errorf("quote %d record = %+v", i, q)
		}
		wantSpeaker := x.Entities[i%15].Key
		wantKeys := []string{x.Entities[(i+1)%15].Key, x.Entities[(i+2)%15].Key}
		if q.SpeakerKey != wantSpeaker || !sameSet(q.EntityKeys, wantKeys) {
			t.Errorf("quote %d: speaker %q entities %v; want %q %v", i, q.SpeakerKey, q.EntityKeys, wantSpeaker, wantKeys)
		}
	}
	if d.Entities[0].Key != x.Entities[1].Key { // first mentioned: inside quote 0
		t.Errorf("first entity %q, want %q", d.Entities[0].Key, x.Entities[1].Key)
	}
	got, err := s.GetQuote(c, d.Quotes[3].ID)
	if err != nil || !reflect.DeepEqual(got, d.Quotes[3]) {
		t.Errorf("GetQuote = %+v, %v", got, err)
	}
	_, err = s.GetQuote(c, "qmissing")
	wantCode(t, err, pipeline.ENOTFOUND)
	_, err = s.GetArticleDetail(c, "amissing")
	wantCode(t, err, pipeline.ENOTFOUND)
}

func sameSet(a, b []string) bool {
	a, b = append([]string(nil), a...), append([]string(nil), b...)
	sort.Strings(a)
	sort.Strings(b)
	return reflect.DeepEqual(a, b)
}

// snapshot is everything the queries show about a set of speakers and
// entities, to compare before and after a write.
func snapshot(t *testing.T, s *store.Store, articleID string, keys []string) string {
	t.Helper()
	c := ctx(t)
	var b strings.Builder
	d, err := s.GetArticleDetail(c, articleID)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "version %d\n", d.Article.ExtractorVersion)
	for _, q := range d.Quotes {
		fmt.Fprintf(&b, "quote %s %s %q\n", q.ID, q.SpeakerKey, q.Quote.Text)
	}
	for _, e := range d.Entities {
		fmt.Fprintf(&b, "entity %s\n", e.Key)
	}
	for _, k := range keys {
		qs, _, err := s.QuotesBySpeaker(c, k, pipeline.Page{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qs {
			fmt.Fprintf(&b, "speaker %s: %s\n", k, q.ID)
		}
		qs, _, err = s.QuotesByEntity(c, k, pipeline.Page{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qs {
			fmt.Fprintf(&b, "mentions %s: %s\n", k, q.ID)
		}
		e, err := s.GetEntity(c, k)
		if err == nil {
			fmt.Fprintf(&b, "summary %s: articles %d quotes %d\n", k, e.Articles, e.Quotes)
		}
	}
	qs, _, err := s.RecentQuotes(c, pipeline.Page{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		fmt.Fprintf(&b, "recent %s\n", q.ID)
	}
	return b.String()
}

func keysOf(x *pipeline.Extraction) []string {
	var ks []string
	for _, e := range x.Entities {
		ks = append(ks, e.Key)
	}
	return ks
}

func TestSameArticleThreeTimesLeavesOneCopy(t *testing.T) {
	s := newStore(t)
	c := ctx(t)
	a, x := fixture{url: "https://news.example/idem", published: day0, nQuotes: 6, nEntities: 5}.build()
	var first string
	for i := 0; i < 3; i++ {
		if _, err := s.PutArticle(c, a); err != nil {
			t.Fatal(err)
		}
		s.ResetUsage()
		o, err := s.SaveExtractionOutcome(c, a.ID, x)
		if err != nil {
			t.Fatal(err)
		}
		want := store.Written
		if i > 0 {
			want = store.Unchanged
			if w := s.Usage().WriteUnits; s.Usage().Requests["BatchWriteItem"]+s.Usage().Requests["TransactWriteItems"] != 0 || w != 0 {
				t.Errorf("run %d wrote: %v, %.1f WCU", i, s.Usage().Requests, w)
			}
		}
		if o != want {
			t.Errorf("run %d: %v, want %v", i, o, want)
		}
		snap := snapshot(t, s, a.ID, keysOf(x))
		if i == 0 {
			first = snap
		} else if snap != first {
			t.Errorf("run %d changed what is stored:\n%s\nwant\n%s", i, snap, first)
		}
	}
	if n := strings.Count(first, "\nquote "); n != 6 {
		t.Errorf("%d quotes in detail, want 6", n)
	}
	for _, e := range x.Entities {
		sum, err := s.GetEntity(c, e.Key)
		if err != nil {
			t.Fatal(err)
		}
		wantQuotes := 0
		for i := 0; i < 6; i++ {
			if i%5 == indexOf(x.Entities, e.Key) {
				wantQuotes++
			}
		}
		if sum.Articles != 1 || sum.Quotes != wantQuotes || !sum.LastSeen.Equal(day0) || sum.Name != e.Name || sum.Type != e.Type {
			t.Errorf("summary %s = %+v; want 1 article, %d quotes", e.Key, sum, wantQuotes)
		}
	}
}

func indexOf(es []entity.Entity, key string) int {
	for i, e := range es {
		if e.Key == key {
			return i
		}
	}
	return -1
}

func TestReExtractionReplacesConsistently(t *testing.T) {
	s := newStore(t)
	c := ctx(t)
	url := "https://news.example/rex"
	a, x1 := fixture{url: url, published: day0, nQuotes: 8, nEntities: 6, tag: "v1"}.build()
	_, x2 := fixture{url: url, published: day0, nQuotes: 4, nEntities: 4, tag: "v2"}.build()
	x2.Version = 2
	x2.Text = x1.Text // the same article, extracted by a newer extractor
	keys := keysOf(x1)

	save(t, s, a, x1)
	v1 := snapshot(t, s, a.ID, keys)
	d1, _ := s.GetArticleDetail(c, a.ID)

	o, err := s.SaveExtractionOutcome(c, a.ID, x2)
	if err != nil || o != store.Written {
		t.Fatalf("v2: %v, %v", o, err)
	}
	v2 := snapshot(t, s, a.ID, keys)
	d2, _ := s.GetArticleDetail(c, a.ID)
	if len(d2.Quotes) != 4 || len(d2.Entities) != 4 || d2.Article.ExtractorVersion != 2 {
		t.Fatalf("after v2: %d quotes, %d entities, version %d", len(d2.Quotes), len(d2.Entities), d2.Article.ExtractorVersion)
	}
	for _, q := range d1.Quotes { // v1's quotes are gone from every index
		if _, err := s.GetQuote(c, q.ID); pipeline.ErrorCode(err) != pipeline.ENOTFOUND {
			t.Errorf("v1 quote %s still readable: %v", q.ID, err)
		}
		if strings.Contains(v2, q.ID) {
			t.Errorf("v1 quote %s still listed", q.ID)
		}
	}
	for _, k := range keys[4:] { // entities v2 no longer has
		sum, err := s.GetEntity(c, k)
		if err != nil || sum.Articles != 0 || sum.Quotes != 0 {
			t.Errorf("summary %s after v2 = %+v, %v; want 0 articles and quotes", k, sum, err)
		}
		ents, _, _ := s.EntitiesByPrefix(c, k, "", pipeline.Page{})
		if len(ents) != 0 {
			t.Errorf("type-ahead still offers %s", k)
		}
	}
	if v1 == v2 {
		t.Error("v2 changed nothing")
	}

	// v1 again, late: nothing changes.
	o, err = s.SaveExtractionOutcome(c, a.ID, x1)
	if err != nil || o != store.Stale {
		t.Fatalf("late v1: %v, %v; want stale", o, err)
	}
	if err := s.SaveExtraction(c, a.ID, x1); err != nil {
		t.Errorf("SaveExtraction of an older version: %v, want nil", err)
	}
	if got := snapshot(t, s, a.ID, keys); got != v2 {
		t.Errorf("late v1 changed the store:\n%s\nwant\n%s", got, v2)
	}

	// Changed content with the same extractor version replaces it too.
	_, x3 := fixture{url: url, published: day0, nQuotes: 3, nEntities: 3, tag: "v3"}.build()
	x3.Version = 2
	o, err = s.SaveExtractionOutcome(c, a.ID, x3)
	if err != nil || o != store.Written {
		t.Fatalf("new content, same version: %v, %v", o, err)
	}
	if d, _ := s.GetArticleDetail(c, a.ID); len(d.Quotes) != 3 {
		t.Errorf("after new content: %d quotes, want 3", len(d.Quotes))
	}
}

func TestParallelWritersOfOneArticle(t *testing.T) {
	s := newStore(t)
	c := ctx(t)
	url := "https://news.example/race"
	a, x1 := fixture{url: url, published: day0, nQuotes: 13, nEntities: 15}.build()
	_, x2 := fixture{url: url, published: day0, nQuotes: 5, nEntities: 6, tag: "v2"}.build()
	x2.Version, x2.Text = 2, x1.Text

	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.PutArticle(c, a); err != nil {
				errs <- fmt.Errorf("put: %w", err)
				return
			}
			if err := s.SaveExtraction(c, a.ID, x1); err != nil {
				errs <- fmt.Errorf("save: %w", err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	d, err := s.GetArticleDetail(c, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Quotes) != 13 || len(d.Entities) != 15 {
		t.Errorf("after 8 parallel writers: %d quotes, %d entities; want 13, 15", len(d.Quotes), len(d.Entities))
	}
	for _, e := range x1.Entities {
		if sum, err := s.GetEntity(c, e.Key); err != nil || sum.Articles != 1 {
			t.Errorf("summary %s: %+v, %v; want 1 article", e.Key, sum, err)
		}
	}

	// v1 and v2 racing: v2 wins, whatever the order, with no orphans.
	var wg2 sync.WaitGroup
	for i := 0; i < 6; i++ {
		x := x1
		if i%2 == 0 {
			x = x2
		}
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			if err := s.SaveExtraction(c, a.ID, x); err != nil {
				t.Errorf("racing save v%d: %v", x.Version, err)
			}
		}()
	}
	wg2.Wait()
	d, _ = s.GetArticleDetail(c, a.ID)
	if d.Article.ExtractorVersion != 2 || len(d.Quotes) != 5 || len(d.Entities) != 6 {
		t.Errorf("after v1/v2 race: version %d, %d quotes, %d entities; want 2, 5, 6", d.Article.ExtractorVersion, len(d.Quotes), len(d.Entities))
	}
	qs, _, _ := s.RecentQuotes(c, pipeline.Page{Limit: 100})
	if len(qs) != 5 {
		t.Errorf("recent quotes lists %d, want 5 (orphans?)", len(qs))
	}
	for _, e := range x1.Entities[6:] {
		if sum, _ := s.GetEntity(c, e.Key); sum.Articles != 0 {
			t.Errorf("summary %s: %d articles, want 0", e.Key, sum.Articles)
		}
	}
}

func TestBodySizeLimits(t *testing.T) {
	s := newStore(t)
	c := ctx(t)
	// 2 MB of prose-like repetitive text compresses well under 400 KB.
	a, _ := fixture{url: "https://news.example/long", published: day0}.build()
	para := strings.Repeat("The committee met again on Tuesday to discuss the budget. ", 40)
	for n := 0; n < 2<<20; n += len(para) {
		a.Article.Paragraphs = append(a.Article.Paragraphs, article.Paragraph{Kind: article.KindText, Text: para})
	}
	a.ContentHash = ""
	if written, err := s.PutArticle(c, a); err != nil || !written {
		t.Fatalf("2 MB compressible body: written=%v err=%v", written, err)
	}
	got, err := s.GetArticle(c, a.ID)
	if err != nil || len(got.Article.Paragraphs) != len(a.Article.Paragraphs) || got.Article.Text() != a.Article.Text() {
		t.Fatalf("2 MB body did not round-trip: %v", err)
	}

	// 2 MB that does not compress: a clear ETOOLARGE, nothing written.
	b, _ := fixture{url: "https://news.example/noise", published: day0}.build()
	noise := make([]byte, 2<<20)
	rand.Read(noise)
	b.Article.Paragraphs = []article.Paragraph{{Kind: article.KindText, Text: base64.StdEncoding.EncodeToString(noise)}}
	_, err = s.PutArticle(c, b)
	wantCode(t, err, pipeline.ETOOLARGE)
	if _, err := s.GetArticle(c, b.ID); pipeline.ErrorCode(err) != pipeline.ENOTFOUND {
		t.Errorf("oversized article was stored: %v", err)
	}
}

// corpus saves articles over three days and returns every stored quote.
func corpus(t *testing.T, s *store.Store) []pipeline.StoredQuote {
	t.Helper()
	c := ctx(t)
	var all []pipeline.StoredQuote
	for i := 0; i < 6; i++ {
		a, x := fixture{url: fmt.Sprintf("https://news.example/c%d", i), source: "s1",
			published: day0.Add(time.Duration(i) * 11 * time.Hour), nQuotes: 5 + i, nEntities: 6}.build()
		save(t, s, a, x)
		d, err := s.GetArticleDetail(c, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, d.Quotes...)
	}
	return all
}

// newestFirst orders quotes as the time-ordered listings do.
func newestFirst(qs []pipeline.StoredQuote) []string {
	qs = append([]pipeline.StoredQuote(nil), qs...)
	sort.SliceStable(qs, func(i, j int) bool {
		if !qs[i].Published.Equal(qs[j].Published) {
			return qs[i].Published.After(qs[j].Published)
		}
		return qs[i].ID > qs[j].ID
	})
	return ids(qs)
}

func ids(qs []pipeline.StoredQuote) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.ID
	}
	return out
}

type lister func(p pipeline.Page) ([]pipeline.StoredQuote, string, error)

// pages reads a listing to the end, limit at a time, checking each page size.
func pages(t *testing.T, list lister, p pipeline.Page) []string {
	t.Helper()
	var out []string
	for n := 0; ; n++ {
		qs, next, err := list(p)
		if err != nil {
			t.Fatal(err)
		}
		if len(qs) > p.Limit {
			t.Fatalf("page of %d, limit %d", len(qs), p.Limit)
		}
		if next != "" && len(qs) < p.Limit {
			t.Errorf("short page (%d) with a cursor", len(qs))
		}
		out = append(out, ids(qs)...)
		if next == "" {
			return out
		}
		if n > 100 {
			t.Fatal("pagination does not end")
		}
		for _, bad := range tamper(next)[5:] {
			q := p
			q.Cursor = bad
			if _, _, err := list(q); !errors.Is(err, pipeline.ErrInvalidCursor) {
				t.Fatalf("tampered cursor: %v, want ErrInvalidCursor", err)
			}
		}
		p.Cursor = next
	}
}

func TestQuoteListings(t *testing.T) {
	s := newStore(t)
	c := ctx(t)
	all := corpus(t, s)
	if len(all) != 45 {
		t.Fatalf("%d quotes stored, want 45", len(all))
	}

	t.Run("recent", func(t *testing.T) {
		list := func(p pipeline.Page) ([]pipeline.StoredQuote, string, error) { return s.RecentQuotes(c, p) }
		for _, limit := range []int{1, 4, 7, 100} {
			if got, want := pages(t, list, pipeline.Page{Limit: limit}), newestFirst(all); !reflect.DeepEqual(got, want) {
				t.Errorf("limit %d:\n got %v\nwant %v", limit, got, want)
			}
		}
		since, until := day0.Add(11*time.Hour), day0.Add(44*time.Hour)
		var want []pipeline.StoredQuote
		for _, q := range all {
			if !q.Published.Before(since) && q.Published.Before(until) {
				want = append(want, q)
			}
		}
		if got := pages(t, list, pipeline.Page{Limit: 5, Since: since, Until: until}); !reflect.DeepEqual(got, newestFirst(want)) {
			t.Errorf("bounded:\n got %v\nwant %v", got, newestFirst(want))
		}
		// The default page size is 20.
		qs, next, err := s.RecentQuotes(c, pipeline.Page{})
		if err != nil || len(qs) != store.DefaultLimit || next == "" {
			t.Errorf("default page: %d quotes, cursor %q, %v", len(qs), next, err)
		}
	})

	t.Run("speaker", func(t *testing.T) {
		key := "name02 personxx"
		var want []pipeline.StoredQuote
		for _, q := range all {
			if q.SpeakerKey == key {
				want = append(want, q)
			}
		}
		list := func(p pipeline.Page) ([]pipeline.StoredQuote, string, error) { return s.QuotesBySpeaker(c, key, p) }
		if got := pages(t, list, pipeline.Page{Limit: 2}); len(want) < 5 || !reflect.DeepEqual(got, newestFirst(want)) {
			t.Errorf("\n got %v\nwant %v", got, newestFirst(want))
		}
	})

	t.Run("entity", func(t *testing.T) {
		key := "name03 person"
		var want []pipeline.StoredQuote
		for _, q := range all {
			for _, k := range q.EntityKeys {
				if k == key {
					want = append(want, q)
				}
			}
		}
		// Newest article first, text order within an article.
		sort.SliceStable(want, func(i, j int) bool { return want[i].Published.After(want[j].Published) })
		list := func(p pipeline.Page) ([]pipeline.StoredQuote, string, error) { return s.QuotesByEntity(c, key, p) }
		for _, limit := range []int{1, 3, 100} {
			if got := pages(t, list, pipeline.Page{Limit: limit}); len(want) < 8 || !reflect.DeepEqual(got, ids(want)) {
				t.Errorf("limit %d:\n got %v\nwant %v", limit, got, ids(want))
			}
		}
	})

	t.Run("invalid", func(t *testing.T) {
		_, _, err := s.QuotesBySpeaker(c, "", pipeline.Page{})
		wantCode(t, err, pipeline.EINVALID)
		_, _, err = s.QuotesByEntity(c, " ", pipeline.Page{})
		wantCode(t, err, pipeline.EINVALID)
		_, next, _ := s.RecentQuotes(c, pipeline.Page{Limit: 3})
		_, _, err = s.RecentQuotes(c, pipeline.Page{Limit: 3, Since: day0, Cursor: next}) // other bounds
		wantCode(t, err, pipeline.EINVALID)
		_, _, err = s.QuotesByEntity(c, "name03 person", pipeline.Page{Cursor: next})
		wantCode(t, err, pipeline.EINVALID)
	})
}

func TestEntities(t *testing.T) {
	s := newStore(t)
	c := ctx(t)
	corpus(t, s)
	e, err := s.GetEntity(c, "name00 person")
	if err != nil {
		t.Fatal(err)
	}
	// name00 speaks quote 0 of each article, and quote 6 of the four with 7 or more.
	if e.Articles != 6 || e.Quotes != 10 || e.Type != entity.Person || !e.LastSeen.Equal(day0.Add(55*time.Hour)) {
		t.Errorf("GetEntity = %+v", e)
	}
	if !sameSet(e.Aliases, []string{"Name00 Person", "Person0"}) || !sameSet(e.Titles, []string{"Minister"}) {
		t.Errorf("aliases %v titles %v", e.Aliases, e.Titles)
	}
	_, err = s.GetEntity(c, "nobody")
	wantCode(t, err, pipeline.ENOTFOUND)

	var got []string
	p := pipeline.Page{Limit: 2}
	for {
		es, next, err := s.EntitiesByPrefix(c, "NAME0", "", p)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			got = append(got, e.Key)
		}
		if next == "" {
			break
		}
		p.Cursor = next
	}
	want := []string{"name00 person", "name01 personx", "name02 personxx", "name03 person", "name04 personx", "name05 personxx"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("prefix pages = %v", got)
	}
	orgs, _, err := s.EntitiesByPrefix(c, "name", entity.Org, pipeline.Page{})
	if err != nil || len(orgs) != 2 || orgs[0].Key != "name01 personx" || orgs[1].Key != "name04 personx" {
		t.Errorf("orgs = %+v, %v", orgs, err)
	}
	none, next, err := s.EntitiesByPrefix(c, "zz", "", pipeline.Page{})
	if err != nil || len(none) != 0 || next != "" {
		t.Errorf("no match: %v %q %v", none, next, err)
	}
	_, _, err = s.EntitiesByPrefix(c, "", "", pipeline.Page{})
	wantCode(t, err, pipeline.EINVALID)
}

func TestSourcesStateAndLocks(t *testing.T) {
	now := day0
	s := newStore(t, store.WithClock(func() time.Time { return now }))
	c := ctx(t)
	for _, id := range []string{"b", "a", "c"} {
		if err := s.PutSource(c, source.Source{ID: id, Kind: source.Feed, URL: "https://" + id + ".example/feed", Enabled: true, Include: []string{`/news/`}}); err != nil {
			t.Fatal(err)
		}
	}
	wantCode(t, s.PutSource(c, source.Source{ID: "x"}), pipeline.EINVALID)
	src, err := s.GetSource(c, "a")
	if err != nil || src.URL != "https://a.example/feed" || !src.Enabled || src.Include[0] != "/news/" {
		t.Errorf("GetSource = %+v, %v", src, err)
	}
	_, err = s.GetSource(c, "zz")
	wantCode(t, err, pipeline.ENOTFOUND)

	st, err := s.GetSourceState(c, "a")
	if err != nil || !reflect.DeepEqual(st, source.State{}) {
		t.Errorf("state before any run = %+v, %v", st, err)
	}
	want := source.State{SourceID: "a", ETag: `"abc"`, LastModified: "Tue, 24 Nov 2026 10:00:00 GMT",
		LastRun: day0, LastSuccess: day0, ErrorCount: 2, LastError: "timeout", Runs: 7}
	if err := s.PutSourceState(c, want); err != nil {
		t.Fatal(err)
	}
	st, err = s.GetSourceState(c, "a")
	if err != nil || !reflect.DeepEqual(st, want) {
		t.Errorf("GetSourceState = %+v, %v", st, err)
	}
	list, err := s.ListSources(c)
	if err != nil || len(list) != 3 || list[0].ID != "a" || list[2].ID != "c" {
		t.Errorf("ListSources = %+v, %v", list, err)
	}

	ls := s
	ok, err := ls.AcquireLock(c, "collector", "run-1", time.Minute)
	if err != nil || !ok {
		t.Fatalf("first acquire: %v %v", ok, err)
	}
	if ok, _ := ls.AcquireLock(c, "collector", "run-2", time.Minute); ok {
		t.Error("second owner got a held lock")
	}
	if ok, _ := ls.AcquireLock(c, "collector", "run-1", time.Minute); !ok {
		t.Error("owner could not renew its lock")
	}
	wantCode(t, ls.ReleaseLock(c, "collector", "run-2"), pipeline.ECONFLICT)
	now = now.Add(2 * time.Minute) // expired
	if ok, _ := ls.AcquireLock(c, "collector", "run-2", time.Minute); !ok {
		t.Error("expired lock not taken over")
	}
	if err := ls.ReleaseLock(c, "collector", "run-2"); err != nil {
		t.Error(err)
	}
	if err := ls.ReleaseLock(c, "collector", "run-2"); err != nil {
		t.Errorf("releasing a free lock: %v", err)
	}
	if ok, _ := ls.AcquireLock(c, "collector", "run-3", time.Minute); !ok {
		t.Error("released lock not free")
	}
}
