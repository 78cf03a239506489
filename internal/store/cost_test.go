package store_test

import (
	"fmt"
	"testing"

	"github.com/newsquotes/newsquotes/internal/store"
)

// writeCalls counts the write requests of a usage.
func writeCalls(u store.Usage) int {
	return u.Requests["BatchWriteItem"] + u.Requests["TransactWriteItems"] + u.Requests["PutItem"] + u.Requests["UpdateItem"] + u.Requests["DeleteItem"]
}

// TestWriteCost measures what storing an article costs, in requests and in
// consumed capacity, and holds the write request count to the target:
// SaveExtraction of N quotes and M entities in at most 1 + ceil((N+M)/25)
// write calls (one transaction, then 25-item batches). The count is
// deterministic, so the assertion is fair; capacity units are logged.
func TestWriteCost(t *testing.T) {
	cases := []struct {
		name   string
		quotes int
		ents   int
	}{
		{"seed-like (9+4 quotes, 15 entities)", 13, 15},
		{"20 quotes, 15 entities", 20, 15},
		{"20 quotes, 5 entities", 20, 5},
	}
	s := newStore(t)
	c := ctx(t)
	for i, tc := range cases {
		a, x := fixture{url: fmt.Sprintf("https://news.example/cost%d", i), source: "s1", published: day0, nQuotes: tc.quotes, nEntities: tc.ents}.build()
		s.ResetUsage()
		if _, err := s.PutArticle(c, a); err != nil {
			t.Fatal(err)
		}
		put := s.Usage()
		s.ResetUsage()
		if err := s.SaveExtraction(c, a.ID, x); err != nil {
			t.Fatal(err)
		}
		save := s.Usage()
		s.ResetUsage()
		d, err := s.GetArticleDetail(c, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		read := s.Usage()
		s.ResetUsage()
		if err := s.SaveExtraction(c, a.ID, x); err != nil {
			t.Fatal(err)
		}
		again := s.Usage()

		bound := 1 + (tc.quotes+tc.ents+24)/25
		t.Logf("%s:\n"+
			"  PutArticle:        %d write request (%v), %.1f WCU\n"+
			"  SaveExtraction:    %d write requests (%v), %.1f WCU; %d read requests, %.1f RCU; bound %d\n"+
			"  GetArticleDetail:  %d request (%v), %.1f RCU, %d quotes, %d entities\n"+
			"  same again:        %d write requests, %d reads (%v)",
			tc.name,
			writeCalls(put), put.Requests, put.WriteUnits,
			writeCalls(save), save.Requests, save.WriteUnits, save.Total()-writeCalls(save), save.ReadUnits, bound,
			read.Total(), read.Requests, read.ReadUnits, len(d.Quotes), len(d.Entities),
			writeCalls(again), again.Total()-writeCalls(again), again.Requests)
		if n := writeCalls(save); n > bound {
			t.Errorf("%s: SaveExtraction made %d write requests, want at most %d", tc.name, n, bound)
		}
		if n := writeCalls(put); n != 1 {
			t.Errorf("%s: PutArticle made %d write requests, want 1", tc.name, n)
		}
		if read.Total() != 1 || read.Requests["Query"] != 1 {
			t.Errorf("%s: detail read took %v, want one Query", tc.name, read.Requests)
		}
		if n := writeCalls(again); n != 0 {
			t.Errorf("%s: saving the same extraction again made %d write requests", tc.name, n)
		}
	}
}

// BenchmarkSaveExtraction stores seed-like articles (13 quotes, 15
// entities), each new, and reports requests and capacity per article.
func BenchmarkSaveExtraction(b *testing.B) {
	s := newStore(b)
	c := ctx(b)
	b.ResetTimer()
	var writes, reads int
	var wcu float64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		a, x := fixture{url: fmt.Sprintf("https://news.example/bench%d", i), source: "s1", published: day0, nQuotes: 13, nEntities: 15}.build()
		if _, err := s.PutArticle(c, a); err != nil {
			b.Fatal(err)
		}
		s.ResetUsage()
		b.StartTimer()
		if err := s.SaveExtraction(c, a.ID, x); err != nil {
			b.Fatal(err)
		}
		u := s.Usage()
		writes += writeCalls(u)
		reads += u.Total() - writeCalls(u)
		wcu += u.WriteUnits
	}
	b.ReportMetric(float64(writes)/float64(b.N), "writes/article")
	b.ReportMetric(float64(reads)/float64(b.N), "reads/article")
	b.ReportMetric(wcu/float64(b.N), "WCU/article")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkArticleDetail reads a seed-like article with its quotes and
// entities.
func BenchmarkArticleDetail(b *testing.B) {
	s := newStore(b)
	c := ctx(b)
	a, x := fixture{url: "https://news.example/bench-detail", published: day0, nQuotes: 13, nEntities: 15}.build()
	save(b, s, a, x)
	s.ResetUsage()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.GetArticleDetail(c, a.ID); err != nil {
			b.Fatal(err)
		}
	}
	u := s.Usage()
	b.ReportMetric(float64(u.Total())/float64(b.N), "requests/read")
	b.ReportMetric(u.ReadUnits/float64(b.N), "RCU/read")
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/read")
}
