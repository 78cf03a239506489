package source

import (
	"bufio"
	"bytes"
	"fmt"
	"net/url"
	"strings"
)

// parseURLList reads a plain text list: one URL a line, blank lines and
// lines starting with # ignored, a trailing " # comment" dropped. Relative
// URLs resolve against the list's own URL. A bad line is reported and
// skipped.
func parseURLList(body []byte, listURL string) ([]Item, []error) {
	base, _ := url.Parse(listURL)
	var items []Item
	var problems []error
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if i := strings.Index(line, " #"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		if i := strings.Index(line, "\t#"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		u, ok := resolve(base, line)
		if !ok {
			problems = append(problems, fmt.Errorf("line %d: not an http(s) URL: %.200q", n, line))
			continue
		}
		items = append(items, Item{URL: u})
	}
	if err := sc.Err(); err != nil {
		problems = append(problems, fmt.Errorf("url list: %w", err))
	}
	return items, problems
}
