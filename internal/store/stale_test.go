package store_test

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/store"
)

// staleTable stores articles never extracted (v0), extracted by v1 and by
// v2, each extracted one with quotes and entity links around its metadata
// item, and returns the ids older than v2, sorted.
func staleTable(t *testing.T, s *store.Store) (stale, fresh []string) {
	t.Helper()
	c := ctx(t)
	for i := 0; i < 9; i++ {
		a, x := fixture{url: fmt.Sprintf("https://news.example/stale/%d", i), source: "s1",
			published: day0.Add(time.Duration(i) * time.Hour), nQuotes: 2, nEntities: 3}.build()
		switch v := i % 3; v {
		case 0:
			if _, err := s.PutArticle(c, a); err != nil {
				t.Fatal(err)
			}
		default:
			x.Version = v
			save(t, s, a, x)
		}
		if i%3 == 2 {
			fresh = append(fresh, a.ID)
		} else {
			stale = append(stale, a.ID)
		}
	}
	sort.Strings(stale)
	return stale, fresh
}

func TestStaleArticlesPagesThroughOlderVersions(t *testing.T) {
	s := newStore(t)
	c := ctx(t)
	want, fresh := staleTable(t, s)

	seen := map[string]int{}
	var cursors []string
	p := pipeline.Page{Limit: 4} // evaluated items: pages straddle item collections
	for pages := 0; ; pages++ {
		if pages > 200 {
			t.Fatal("no end after 200 pages")
		}
		ids, next, err := s.StaleArticles(c, 2, p)
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) > p.Limit {
			t.Fatalf("page of %d ids, limit %d", len(ids), p.Limit)
		}
		for _, id := range ids {
			seen[id]++
		}
		if next == "" {
			break
		}
		cursors = append(cursors, next)
		p.Cursor = next
	}
	var got []string
	for id, n := range seen {
		got = append(got, id)
		if n != 1 {
			t.Errorf("%s returned %d times", id, n)
		}
	}
	sort.Strings(got)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("stale ids\n got %v\nwant %v (fresh %v)", got, want, fresh)
	}
	if len(cursors) < 2 {
		t.Fatalf("%d cursors: the listing did not page", len(cursors))
	}

	// Below v1 only the never-extracted articles are stale; one big page.
	ids, next, err := s.StaleArticles(c, 1, pipeline.Page{})
	if err != nil || next != "" {
		t.Fatalf("below 1: next %q err %v", next, err)
	}
	if len(ids) != 3 {
		t.Errorf("below 1: %v, want the 3 never extracted", ids)
	}
	// Below v3 every article is stale.
	ids, _, err = s.StaleArticles(c, 3, pipeline.Page{Limit: store.MaxStaleScan + 1})
	if err != nil || len(ids) != 9 {
		t.Errorf("below 3: %d ids, err %v; want 9", len(ids), err)
	}
	if _, _, err := s.StaleArticles(c, 0, pipeline.Page{}); pipeline.ErrorCode(err) != pipeline.EINVALID {
		t.Errorf("below 0: %v, want EINVALID", err)
	}
}

func TestStaleArticlesRejectsForeignCursors(t *testing.T) {
	s := newStore(t)
	c := ctx(t)
	staleTable(t, s)
	_, cur, err := s.StaleArticles(c, 2, pipeline.Page{Limit: 3})
	if err != nil || cur == "" {
		t.Fatalf("first page: cursor %q err %v", cur, err)
	}
	if _, _, err := s.StaleArticles(c, 2, pipeline.Page{Limit: 3, Cursor: cur}); err != nil {
		t.Fatalf("own cursor: %v", err)
	}
	_, bySource, err := s.ArticlesBySource(c, "s1", pipeline.Page{Limit: 2})
	if err != nil || bySource == "" {
		t.Fatalf("ArticlesBySource: cursor %q err %v", bySource, err)
	}
	flip := []byte(cur)
	i := strings.IndexByte(cur, '.') / 2
	flip[i] ^= 1
	for _, tc := range []struct {
		name   string
		below  int
		cursor string
	}{
		{"tampered", 2, string(flip)},
		{"truncated", 2, cur[:len(cur)-2]},
		{"other version", 3, cur},
		{"other listing", 2, bySource},
		{"not a cursor", 2, "garbage"},
		{"signature only", 2, cur[strings.IndexByte(cur, '.'):]},
	} {
		_, _, err := s.StaleArticles(c, tc.below, pipeline.Page{Limit: 3, Cursor: tc.cursor})
		if !errors.Is(err, pipeline.ErrInvalidCursor) {
			t.Errorf("%s cursor: %v, want ErrInvalidCursor", tc.name, err)
		}
	}
}
