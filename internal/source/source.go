// Package source reads the places articles are discovered from (RSS, Atom
// and JSON feeds, news sitemaps and sitemap indexes, section pages, plain
// URL lists) and turns each into a list of candidate article URLs.
package source

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"time"
)

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

// idPattern keeps ids safe as key parts and in URLs.
var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)

// Validate checks a source before it is stored or used: the id, the kind,
// an absolute http(s) URL, a non-negative weight and patterns that compile.
func (s Source) Validate() error {
	var errs []error
	if !idPattern.MatchString(s.ID) {
		errs = append(errs, fmt.Errorf("id %q: want 1-64 of a-z 0-9 . _ - starting with a letter or digit", s.ID))
	}
	switch s.Kind {
	case Feed, Sitemap, Section, URLList:
	default:
		errs = append(errs, fmt.Errorf("kind %q: want one of feed, sitemap, section, urls", s.Kind))
	}
	if u, err := url.Parse(s.URL); err != nil {
		errs = append(errs, fmt.Errorf("url: %w", err))
	} else if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("url %q: want an absolute http or https URL", s.URL))
	}
	if s.Weight < 0 {
		errs = append(errs, fmt.Errorf("weight %d: want 0 or more", s.Weight))
	}
	for _, p := range s.Include {
		if _, err := regexp.Compile(p); err != nil {
			errs = append(errs, fmt.Errorf("include %q: %w", p, err))
		}
	}
	for _, p := range s.Exclude {
		if _, err := regexp.Compile(p); err != nil {
			errs = append(errs, fmt.Errorf("exclude %q: %w", p, err))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("source %q: %w", s.ID, errors.Join(errs...))
	}
	return nil
}

// Due reports whether the source runs in collection number run (counting
// from 0), given its schedule weight.
func (s Source) Due(run int) bool {
	return s.Enabled && (s.Weight <= 1 || run%s.Weight == 0)
}
