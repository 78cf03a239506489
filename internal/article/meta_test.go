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
		{
			name: "a visible headline that og:title repeats beats a different json-ld headline",
			head: `<meta property="og:title" content="Seven days of ferry meals on a budget">` +
				`<script type="application/ld+json">{"@type":"Article","headline":"Sample menus"}</script>`,
			body: `<article><h1>Seven days of ferry meals on a budget</h1>` + para + `</article>`,
			want: "Seven days of ferry meals on a budget",
		},
		{
			name: "without og:title agreeing, the json-ld headline stands",
			head: `<script type="application/ld+json">{"@type":"Article","headline":"Sample menus for the ferry"}</script>`,
			body: `<article><h1>Seven days of ferry meals on a budget</h1>` + para + `</article>`,
			want: "Sample menus for the ferry",
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

// TestDateRules checks how the date the page shows is weighed against its
// metadata.
func TestDateRules(t *testing.T) {
	para := "<p>" + strings.Repeat(prose, 3) + "</p>"
	meta := func(pub, mod string) string {
		h := `<meta property="article:published_time" content="` + pub + `">`
		if mod != "" {
			h += `<meta property="article:modified_time" content="` + mod + `">`
		}
		return h
	}
	tests := []struct {
		name, head, byline, want string
	}{
		{"shown date earlier than the metadata's: the story predates its record",
			meta("2024-08-07T12:01:51Z", ""), "By Ann Lee · Dec 30, 2013", "2013-12-30"},
		{"metadata stamped at one moment, older dateline shown",
			meta("2025-11-20T16:02:46Z", "2025-11-20T16:02:46Z"), "Insights from Ann Lee, May 14, 2025", "2025-05-14"},
		{"a day earlier is a time zone, not an older story",
			meta("2025-12-03T01:30:00Z", ""), "By Ann Lee, December 2, 2025", "2025-12-03"},
		{"a day earlier than late evening UTC is no time zone's date",
			meta("2025-12-19T22:02:58Z", "2025-12-19T22:02:45Z"), "Dec 18, 2025 · 5 min read", "2025-12-18"},
		{"a later revision date leaves the first publication",
			meta("2024-02-21T11:54:45Z", "2025-10-26T18:41:45Z"), "By Ann Lee. Updated October 26, 2025", "2024-02-21"},
		{"the page shows the metadata's date beside an older one",
			meta("2025-04-24T16:12:49Z", ""), "First drafted March 2, 2019; posted April 24, 2025", "2025-04-24"},
		{"originally published, in words, by the byline",
			meta("2022-09-30T11:07:00Z", ""), "By Ann Lee. This article was originally published on 26 Sep 2019 at 4:12pm", "2019-09-26"},
		{"published meta name",
			`<meta name="published" content="July 17, 2025">`, "By Ann Lee", "2025-07-17"},
		{"only a modification date: the page's one date",
			`<meta property="article:modified_time" content="2023-06-12T10:39:42+00:00">`, "By Ann Lee", "2023-06-12"},
		{"ISO date and time printed in the byline",
			``, "Ann Lee 2022-11-23T08:10+02:00", "2022-11-23"},
		{"first published elsewhere dates the other publication",
			meta("2015-02-24T19:56:33Z", ""), "By Ann Lee</p>" + para + para + "<p>Originally published at www.example.org on November 18, 2011.", "2015-02-24"},
		{"the one unlabelled date by the byline is the last edit's day",
			meta("2024-09-06T13:12:36Z", "2025-11-14T06:49:57Z"), "Ann Lee, VP Technology, November 14, 2025", "2025-11-14"},
		{"an unlabelled date a day after the metadata's is its time zone",
			meta("2025-12-02T23:00:55Z", "2025-12-03T21:31:05Z"), "Words: Ann Lee. Published: 03 Dec 2025", "2025-12-02"},
		{"an all-numeric date read the other way round is the metadata's",
			meta("2024-10-09T16:07:00Z", ""), "By Ann Lee 10.09.2024", "2024-10-09"},
		{"metadata dated by the revision the byline labels as one",
			meta("2025-08-21T00:00:00Z", ""), "By Ann Lee, Published Apr 26, 2023 Updated Aug 21, 2025", "2023-04-26"},
		{"metadata that disagrees with itself: the date the byline shows",
			`<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-08-29T10:00:00+00:00","dateModified":"2025-12-15T12:15:15-08:00"}</script>` +
				`<meta name="date" content="November 25, 2025">`, "By Ann Lee Nov 25, 2025 5:00 am PST", "2025-11-25"},
		{"the same instant written in another zone is no disagreement",
			meta("2025-07-05T00:04:00+00:00", "") + `<meta name="date" content="2025-07-04T20:04:00-04:00">`, "By Ann Lee July 4, 2025", "2025-07-05"},
		{"a metadata date that is the last edit's is no publication date",
			meta("2017-12-15T08:50:02-05:00", "2018-07-24T14:15:58-04:00") + `<meta name="sailthru.date" content="2018-07-24">`,
			`By Ann Lee Updated <time datetime="2018-07-24T18:15:58+00:00">Jul 24, 2018, 2:15pm EDT</time>`, "2017-12-15"},
		{"a date entered without a time yields to the WebPage's timed stamp a day later",
			`<script type="application/ld+json">{"@graph":[{"@type":"Article","datePublished":"2023-05-17T00:00:00+0000"},{"@type":"WebPage","datePublished":"2023-05-18T04:39:05+00:00"}]}</script>`,
			"By Ann Lee", "2023-05-18"},
		{"but not to a WebPage stamp days later (a later crawl or edit)",
			`<script type="application/ld+json">{"@graph":[{"@type":"Article","datePublished":"2023-05-17T00:00:00+0000"},{"@type":"WebPage","datePublished":"2023-05-20T04:39:05+00:00"}]}</script>`,
			"By Ann Lee", "2023-05-17"},
		{"time element between first filing and last edit",
			meta("2013-03-11T11:11:07-07:00", "2026-02-18T07:49:16-08:00"), `<time datetime="2023-03-20T00:00:00-07:00">March 20, 2023</time>`, "2023-03-20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := "<html><head>" + tt.head + "</head><body><article><h1>Ministers agree budget deal</h1><p class=byline>" + tt.byline + "</p>" + para + "</article></body></html>"
			a, err := Extract([]byte(page), "https://example.com/a")
			if err != nil {
				t.Fatal(err)
			}
			if got := a.Published.Format("2006-01-02"); got != tt.want {
				t.Errorf("published = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestDatesIn(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want []string
	}{
		{strings.Repeat("words without years ", 20) + "Posted on September 30th, 2025 · Updated 2025-10-01T08:00", 4, []string{"2025-09-30", "2025-10-01"}},
		{"x12 May 2024", 2, nil}, // the day is part of a longer token
		{"12 May 2024; 03/04/2024; 9.10.2024", 2, []string{"2024-05-12", "2024-03-04"}},
		{"no date here, only 1999 problems", 3, nil},
		{"Post time: 01-04-2024; 25-12-2023; 1/2-2024", 3, []string{"2024-01-04", "2023-12-25"}},
	}
	for _, tt := range tests {
		var got []string
		for _, d := range datesIn(tt.in, tt.n) {
			got = append(got, d.t.Format("2006-01-02"))
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("datesIn(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
