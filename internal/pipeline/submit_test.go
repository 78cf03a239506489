package pipeline

import (
	"context"
	"errors"
	"testing"
)

type submitStore struct {
	written bool
	saved   int
}

func (s *submitStore) PutArticle(context.Context, StoredArticle) (bool, error) { return s.written, nil }
func (s *submitStore) SaveExtraction(context.Context, string, *Extraction) error {
	s.saved++
	return nil
}
func (s *submitStore) GetArticleDetail(_ context.Context, id string) (ArticleDetail, error) {
	return ArticleDetail{Article: StoredArticle{ID: id}, Quotes: []StoredQuote{}}, nil
}

func TestSubmit(t *testing.T) {
	page := func(body string) FetchFunc {
		return func(_ context.Context, u string) (*FetchedPage, error) {
			return &FetchedPage{URL: u, StatusCode: 200, ContentType: "text/html", Body: []byte(body)}, nil
		}
	}
	refused := func(context.Context, string) (*FetchedPage, error) {
		return nil, &Error{Code: EFORBIDDEN, Message: "the URL is not allowed"}
	}
	broken := func(context.Context, string) (*FetchedPage, error) { return nil, errors.New("connection reset") }
	for _, tc := range []struct {
		name, url string
		fetch     FetchFunc
		parse     ParseFunc
		written   bool
		code      string
	}{
		{"stored", "https://news.example/a?utm_source=x", page("<p>x</p>"), parsePage, true, ""},
		{"same content", "https://news.example/a", page("<p>x</p>"), parsePage, false, ""},
		{"not a URL", "javascript:alert(1)", page(""), parsePage, true, EINVALID},
		{"guard refuses", "http://169.254.169.254/latest", refused, parsePage, true, EFORBIDDEN},
		{"fetch fails", "https://news.example/a", broken, parsePage, true, EUNPROCESSABLE},
		{"not an article", "https://news.example/garbage", page("<p>x</p>"), parsePage, true, EUNPROCESSABLE},
		{"binary", "https://news.example/a.zip", page("PK\x03\x04\x00\x00\x01\x02"), parsePage, true, EUNPROCESSABLE},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := &submitStore{written: tc.written}
			s := &Submitter{Fetch: tc.fetch, Parse: tc.parse, Store: st}
			res, err := s.Submit(context.Background(), tc.url)
			if ErrorCode(err) != tc.code {
				t.Fatalf("err %v, want code %q", err, tc.code)
			}
			if tc.code != "" {
				return
			}
			if res.Created != tc.written || st.saved != 1 || res.Article.ID != ArticleID("https://news.example/a") {
				t.Errorf("res %+v saved %d", res, st.saved)
			}
		})
	}
}
