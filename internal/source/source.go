// Package source reads the places articles are discovered from (RSS, Atom
// and JSON feeds, news sitemaps and sitemap indexes, section pages, plain
// URL lists) and turns each into a list of candidate article URLs.
package source

import "time"

// Kind is how a source lists its articles.
type Kind string

const (
	Feed    Kind = "feed"    // RSS 0.9x/2.0, Atom, JSON Feed
	Sitemap Kind = "sitemap" // news sitemap or sitemap index
	Section Kind = "section" // an HTML page linking to articles
	URLList Kind = "urls"    // a plain text list, one URL a line
)

// Source is one configured place to collect from.
type Source struct {
	ID      string   `json:"id"`
	Kind    Kind     `json:"kind"`
	URL     string   `json:"url"`
	Name    string   `json:"name,omitempty"`
	Weight  int      `json:"weight,omitempty"`  // schedule weight: runs every Weight-th collection (0 or 1: every run)
	Include []string `json:"include,omitempty"` // URL regexps an article link must match (any)
	Exclude []string `json:"exclude,omitempty"` // URL regexps that drop a link
	Enabled bool     `json:"enabled"`
}

// State is what the collector remembers about a source between runs.
type State struct {
	SourceID     string    `json:"source_id"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	LastRun      time.Time `json:"last_run"`
	LastSuccess  time.Time `json:"last_success"`
	ErrorCount   int       `json:"error_count"`
	LastError    string    `json:"last_error,omitempty"`
	Runs         int       `json:"runs"`
}
