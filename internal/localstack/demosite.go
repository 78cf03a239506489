package localstack

import (
	"embed"
	"fmt"
	"html"
	"net/http"
	"strings"
	"time"
)

// The demo site: three news pages and an RSS feed listing them, served on
// loopback so `make run` and the emulator tests collect without the
// internet. seed-article.html is the project's seed page.
//
//go:embed demo/*.html
var demoFS embed.FS

// DemoPage is one article of the demo site.
type DemoPage struct {
	Path      string
	File      string
	Title     string
	Published time.Time
}

// DemoPages are the demo site's articles, newest first.
var DemoPages = []DemoPage{
	{"/local/libraries-sunday-opening", "demo/library-hours.html", "Libraries to open on Sundays as reading scheme expands", time.Date(2026, 11, 22, 14, 5, 0, 0, time.UTC)},
	{"/local/harbour-bridge-repairs", "demo/harbour-bridge.html", "Council approves harbour bridge repairs after years of delay", time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)},
	{"/world/zelenskyy-stop-bombing-ceasefire-talks", "demo/seed-article.html", "Stop Bombing First, Then Talk Ceasefire: Zelenskyy to Russia", time.Date(2022, 3, 1, 15, 44, 0, 0, time.UTC)},
}

// DemoFeedPath is where the demo site serves its RSS feed.
const DemoFeedPath = "/feed.xml"

// DemoSite serves the demo site. Links in the feed are absolute, built from
// the request's Host, so it works on any loopback port.
func DemoSite() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /robots.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "User-agent: *\nAllow: /\n")
	})
	mux.HandleFunc("GET "+DemoFeedPath, func(w http.ResponseWriter, r *http.Request) {
		base := "http://" + r.Host
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<rss version=\"2.0\"><channel>\n")
		b.WriteString("<title>Demo news</title><link>" + base + "/</link><description>newsquotes demo site</description>\n")
		for _, p := range DemoPages {
			fmt.Fprintf(&b, "<item><title>%s</title><link>%s%s</link><guid>%s%s</guid><pubDate>%s</pubDate></item>\n",
				html.EscapeString(p.Title), base, p.Path, base, p.Path, p.Published.Format(time.RFC1123Z))
		}
		b.WriteString("</channel></rss>\n")
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, b.String())
	})
	for _, p := range DemoPages {
		body, err := demoFS.ReadFile(p.File)
		if err != nil {
			panic(err) // embedded: cannot happen
		}
		mux.HandleFunc("GET "+p.Path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write(body)
		})
	}
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!DOCTYPE html><html><head><title>Demo news</title></head><body><h1>Demo news</h1><ul>")
		for _, p := range DemoPages {
			fmt.Fprintf(w, `<li><a href="%s">%s</a></li>`, p.Path, html.EscapeString(p.Title))
		}
		fmt.Fprint(w, "</ul></body></html>")
	})
	return mux
}
