package pipeline

import "testing"

func FuzzParseExtractMessage(f *testing.F) {
	for _, s := range []string{`{"article_id":"a1"}`, `{}`, `null`, `[]`, `{"article_id":1}`, `{"article_id":"a"}{}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		m, err := ParseExtractMessage(body)
		if err == nil && m.ArticleID == "" {
			t.Errorf("%q: accepted without an article id", body)
		}
		if err != nil && ErrorCode(err) != EINVALID {
			t.Errorf("%q: code %s, want invalid", body, ErrorCode(err))
		}
	})
}
