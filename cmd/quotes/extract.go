package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/newsquotes/newsquotes/internal/article"
	"github.com/newsquotes/newsquotes/internal/entity"
	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/quote"
)

func init() {
	commands["extract"] = command{
		summary: "extract articles, quotes and entities from pages or text, as JSON Lines",
		run:     runExtract,
	}
}

// maxInputBytes caps one input read from a file or stdin.
const maxInputBytes = article.MaxPageBytes

// extractLine is one line of `quotes extract` output; the field names are
// the contract in shared/extract-output.md: add fields, never rename.
type extractLine struct {
	Input    string          `json:"input"`
	Article  extractArticle  `json:"article"`
	Quotes   []quote.Quote   `json:"quotes"`
	Entities []entity.Entity `json:"entities"`
}

type extractArticle struct {
	URL          string   `json:"url"`
	CanonicalURL string   `json:"canonical_url"`
	Title        string   `json:"title"`
	Authors      []string `json:"authors"`
	Published    string   `json:"published"`
	Modified     string   `json:"modified,omitempty"`
	SiteName     string   `json:"site_name"`
	Language     string   `json:"language"`
	Description  string   `json:"description,omitempty"`
	Text         string   `json:"text"`
}

type errorLine struct {
	Input string `json:"input"`
	Error string `json:"error"`
}

type extractOptions struct {
	text    bool
	pageURL string
	workers int
	getter  pageGetter
	stdin   io.Reader
}

func runExtract(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("extract", "[--text] [--url URL] [--workers N] [PATH|URL|-]...",
		`Extracts the article, its quotes with their speakers, and its entities from each
input: an HTML file, a directory (every file in it, by name), an http(s) URL
(fetched politely, private addresses refused), or - for stdin. Prints one JSON
object per input, in input order (see shared/extract-output.md). An input that
fails gets {"input", "error"} on its line and on stderr; the others still run,
and the exit status is 1.`)
	var opt extractOptions
	fs.BoolVar(&opt.text, "text", false, "inputs are plain text (paragraphs separated by newlines), not HTML")
	fs.StringVar(&opt.pageURL, "url", "", "the address the file was fetched from (canonical URL, relative links)")
	fs.IntVar(&opt.workers, "workers", runtime.GOMAXPROCS(0), "inputs processed in parallel")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("extract: no input given (a path, a URL, or - for stdin)")
	}
	if opt.workers < 1 {
		opt.workers = 1
	}
	inputs, err := expandInputs(fs.Args())
	if err != nil {
		return err
	}
	opt.getter = newPageGetter()
	opt.stdin = m.Stdin
	return m.extractAll(ctx, inputs, opt)
}

// expandInputs replaces each directory by the files in it, sorted by name.
func expandInputs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if a == "-" || isURL(a) {
			out = append(out, a)
			continue
		}
		st, err := os.Stat(a)
		if err != nil || !st.IsDir() {
			out = append(out, a) // a missing file is reported on its own line
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			return nil, fmt.Errorf("read directory %s: %w", a, err)
		}
		var names []string
		for _, e := range entries {
			if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") {
				names = append(names, e.Name())
			}
		}
		sort.Strings(names)
		for _, n := range names {
			out = append(out, filepath.Join(a, n))
		}
	}
	return out, nil
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// extractAll runs the inputs on a worker pool and writes their lines in input order.
func (m *Main) extractAll(ctx context.Context, inputs []string, opt extractOptions) error {
	results := make([]chan any, len(inputs))
	for i := range results {
		results[i] = make(chan any, 1)
	}
	sem := make(chan struct{}, opt.workers)
	var wg sync.WaitGroup
	go func() {
		for i, in := range inputs {
			sem <- struct{}{}
			wg.Add(1)
			go func() {
				defer func() { <-sem; wg.Done() }()
				line, err := extractOne(ctx, in, opt)
				if err != nil {
					results[i] <- errorLine{Input: in, Error: err.Error()}
					return
				}
				results[i] <- line
			}()
		}
	}()
	enc := json.NewEncoder(m.Stdout)
	enc.SetEscapeHTML(false)
	failed := 0
	for i := range inputs {
		v := <-results[i]
		if e, ok := v.(errorLine); ok {
			failed++
			fmt.Fprintf(m.Stderr, "quotes extract: %s: %s\n", e.Input, e.Error)
		}
		if err := enc.Encode(v); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
	}
	wg.Wait()
	if failed > 0 {
		return fmt.Errorf("extract: %d of %d inputs failed: %w", failed, len(inputs), errSilent)
	}
	return nil
}

// extractOne reads one input and runs the pipeline on it.
func extractOne(ctx context.Context, input string, opt extractOptions) (line extractLine, err error) {
	defer func() {
		// One pathological input must not take the others down with it.
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v", r)
		}
	}()
	var (
		data        []byte
		contentType string
		pageURL     = opt.pageURL
	)
	switch {
	case input == "-":
		data, err = readCapped(opt.stdin)
	case isURL(input):
		var page *fetchedPage
		page, err = opt.getter.get(ctx, input)
		if err == nil {
			data, contentType, pageURL = page.body, page.contentType, page.url
		}
	default:
		data, err = readFile(input)
	}
	if err != nil {
		return line, err
	}
	var x *pipeline.Extraction
	if opt.text {
		body := string(bytes.ToValidUTF8(data, []byte("\uFFFD")))
		a := &article.Article{URL: pageURL, CanonicalURL: pageURL, Paragraphs: textParagraphs(body)}
		x = pipeline.Analyze(a, body)
	} else {
		a, err := article.ExtractReader(bytes.NewReader(data), contentType, pageURL)
		if err != nil {
			return line, err
		}
		x = pipeline.Analyze(a, a.Text())
	}
	return toLine(input, x), nil
}

func toLine(input string, x *pipeline.Extraction) extractLine {
	a := x.Article
	authors := a.Authors
	if authors == nil {
		authors = []string{}
	}
	return extractLine{
		Input: input,
		Article: extractArticle{
			URL: a.URL, CanonicalURL: a.CanonicalURL, Title: a.Title, Authors: authors,
			Published: formatTime(a.Published), Modified: formatTime(a.Modified),
			SiteName: a.SiteName, Language: a.Language, Description: a.Description,
			Text: x.Text,
		},
		Quotes:   x.Quotes,
		Entities: x.Entities,
	}
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

// textParagraphs splits plain text into paragraphs, one per non-blank line.
func textParagraphs(s string) []article.Paragraph {
	var ps []article.Paragraph
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			ps = append(ps, article.Paragraph{Kind: article.KindText, Text: l})
		}
	}
	return ps
}

func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	data, err := readCapped(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return data, nil
}

func readCapped(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxInputBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxInputBytes {
		return nil, fmt.Errorf("input larger than %d bytes", maxInputBytes)
	}
	return data, nil
}
