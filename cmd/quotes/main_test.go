package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runMain runs the program with args and returns stdout, stderr and the error.
func runMain(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	m := NewMain(strings.NewReader(stdin), &out, &errOut)
	err := m.Run(context.Background(), args)
	return out.String(), errOut.String(), err
}

func decodeLines(t *testing.T, s string) []map[string]any {
	t.Helper()
	var lines []map[string]any
	dec := json.NewDecoder(strings.NewReader(s))
	for dec.More() {
		var v map[string]any
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("output is not JSON Lines: %v\n%s", err, s)
		}
		lines = append(lines, v)
	}
	return lines
}

func TestExtractTextKeepsInputVerbatim(t *testing.T) {
	path := filepath.Join("testdata", "sample.txt")
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := runMain(t, "", "extract", "--text", "--url", "https://example.com/a", path)
	if err != nil {
		t.Fatalf("extract: %v", err)
	}
	lines := decodeLines(t, out)
	if len(lines) != 1 {
		t.Fatalf("got %d lines, want 1", len(lines))
	}
	art := lines[0]["article"].(map[string]any)
	if art["text"] != string(want) {
		t.Errorf("article.text = %q, want the input verbatim", art["text"])
	}
	if art["url"] != "https://example.com/a" {
		t.Errorf("article.url = %v", art["url"])
	}
	for _, k := range []string{"quotes", "entities"} {
		if _, ok := lines[0][k].([]any); !ok {
			t.Errorf("%s is %T, want a JSON array", k, lines[0][k])
		}
	}
}

func TestExtractReportsEachFailingInputOnItsLine(t *testing.T) {
	good := filepath.Join("testdata", "sample.txt")
	out, stderr, err := runMain(t, "", "extract", "--text", "--workers", "3", good, "testdata/missing.txt", good)
	if err == nil {
		t.Fatal("want a non-nil error when an input fails")
	}
	lines := decodeLines(t, out)
	if len(lines) != 3 {
		t.Fatalf("got %d lines, want 3 (one per input, in order)", len(lines))
	}
	if lines[0]["error"] != nil || lines[2]["error"] != nil {
		t.Errorf("good inputs reported errors: %v / %v", lines[0]["error"], lines[2]["error"])
	}
	if lines[1]["input"] != "testdata/missing.txt" || lines[1]["error"] == nil {
		t.Errorf("line 2 = %v, want the missing file's error", lines[1])
	}
	if !strings.Contains(stderr, "missing.txt") {
		t.Errorf("stderr does not name the failing input: %q", stderr)
	}
}

func TestExtractStdinText(t *testing.T) {
	out, _, err := runMain(t, "He said nothing.\n", "extract", "--text", "-")
	if err != nil {
		t.Fatalf("extract: %v", err)
	}
	lines := decodeLines(t, out)
	if len(lines) != 1 || lines[0]["input"] != "-" {
		t.Fatalf("lines = %v", lines)
	}
}

func TestExtractDirectoryInNameOrder(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"b.txt", "a.txt", ".hidden"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("Text "+n+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, _, err := runMain(t, "", "extract", "--text", dir)
	if err != nil {
		t.Fatalf("extract: %v", err)
	}
	lines := decodeLines(t, out)
	if len(lines) != 2 {
		t.Fatalf("got %d lines, want 2", len(lines))
	}
	if !strings.HasSuffix(lines[0]["input"].(string), "a.txt") || !strings.HasSuffix(lines[1]["input"].(string), "b.txt") {
		t.Errorf("inputs out of order: %v, %v", lines[0]["input"], lines[1]["input"])
	}
}

func TestUnknownCommand(t *testing.T) {
	if _, _, err := runMain(t, "", "frobnicate"); err == nil {
		t.Fatal("want an error for an unknown command")
	}
}

// TestExtractHTMLContract runs the bundled sample page through `quotes
// extract` and checks the fields every evaluation reads.
func TestExtractHTMLContract(t *testing.T) {
	page := filepath.Join("..", "..", "internal", "article", "testdata", "seed-article.html")
	out, _, err := runMain(t, "", "extract", "--url", "https://news.example.org/world/story?utm_source=x", page)
	if err != nil {
		t.Fatalf("extract: %v", err)
	}
	lines := decodeLines(t, out)
	if len(lines) != 1 {
		t.Fatalf("got %d lines, want 1", len(lines))
	}
	art := lines[0]["article"].(map[string]any)
	for _, k := range []string{"url", "canonical_url", "title", "published", "site_name", "language", "text"} {
		if s, _ := art[k].(string); s == "" {
			t.Errorf("article.%s is empty", k)
		}
	}
	body := []rune(art["text"].(string))
	quotes := lines[0]["quotes"].([]any)
	if len(quotes) == 0 {
		t.Fatal("no quotes")
	}
	for _, v := range quotes {
		q := v.(map[string]any)
		start, end := int(q["start"].(float64)), int(q["end"].(float64))
		if start < 0 || end > len(body) || start >= end {
			t.Fatalf("quote offsets [%d,%d) outside the body (%d code points)", start, end, len(body))
		}
		sp := q["speaker"].(map[string]any)
		if sp["name"] == "" {
			t.Errorf("quote %q has no resolved speaker", q["text"])
		}
	}
	ents := lines[0]["entities"].([]any)
	if len(ents) == 0 {
		t.Fatal("no entities")
	}
	for _, v := range ents {
		e := v.(map[string]any)
		for _, m := range e["mentions"].([]any) {
			mm := m.(map[string]any)
			start, end := int(mm["start"].(float64)), int(mm["end"].(float64))
			if start < 0 || end > len(body) || start >= end {
				t.Fatalf("mention [%d,%d) of %v outside the body", start, end, e["name"])
			}
		}
	}
}
