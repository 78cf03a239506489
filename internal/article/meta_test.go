package article

import (
	"strings"
	"testing"
)

// TestTitleRules checks how the title is chosen among JSON-LD, <meta>,
// <title> and the visible h1.
func TestTitleRules(t *testing.T) {
	para := "<p>" + strings.Repeat(prose, 3) + "</p>"
	tests := []struct {
		name, head, body, want string
	}{
		{
			name: "json-ld name that is the publisher's name is no title",
			head: `<title>Ministers agree budget deal - Daily Example</title>` +
				`<meta property="og:site_name" content="Daily Example - news as it happens">` +
				`<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ministers strike budget deal","name":"Daily Example","publisher":{"@type":"Organization","name":"Daily Example"}}</script>`,
			body: `<article><h1>Ministers strike budget deal</h1>` + para + `</article>`,
			want: "Ministers strike budget deal",
		},
		{
			name: "json-ld name that is the title, beside a tagline headline",
			head: `<title>Ministers agree budget deal | Daily Example</title>` +
				`<script type="application/ld+json">{"@type":"NewsArticle","headline":"Read all about it today","name":"Ministers agree budget deal"}</script>`,
			body: `<article><h2>Ministers agree budget deal</h2>` + para + `</article>`,
			want: "Ministers agree budget deal",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract([]byte("<html><head>"+tt.head+"</head><body>"+tt.body+"</body></html>"), "https://example.com/a")
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.want {
				t.Errorf("title = %q, want %q", a.Title, tt.want)
			}
		})
	}
}
