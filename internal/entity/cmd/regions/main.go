// Command regions writes the admin-region gazetteer
// internal/entity/data/admin-regions.txt.gz from the country-region-data npm
// package (MIT, Copyright (c) 2022 Benjamin Keen):
//
//	npm pack country-region-data@4.1.0 && tar xzf country-region-data-4.1.0.tgz
//	go run ./internal/entity/cmd/regions -json package/data.json
//
// It keeps the names of every country's first-level regions (provinces,
// states, counties), one a line, sorted and de-duplicated. Names with a
// qualifier in brackets or after a comma are left out: text seldom spells
// them that way.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"sort"
	"strings"
)

func main() {
	in := flag.String("json", "package/data.json", "data.json from the country-region-data package")
	out := flag.String("out", "internal/entity/data/admin-regions.txt.gz", "output file (gzip)")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		slog.Error("regions", "err", err)
		os.Exit(1)
	}
}

type country struct {
	Name    string `json:"countryName"`
	Regions []struct {
		Name string `json:"name"`
	} `json:"regions"`
}

func run(in, out string) error {
	b, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var cs []country
	if err := json.Unmarshal(b, &cs); err != nil {
		return fmt.Errorf("parse %s: %w", in, err)
	}
	names := map[string]bool{}
	for _, c := range cs {
		for _, r := range c.Regions {
			n := strings.TrimSpace(r.Name)
			if n == "" || strings.ContainsAny(n, "\n|#(),/") {
				continue
			}
			names[n] = true
		}
	}
	list := make([]string, 0, len(names))
	for n := range names {
		list = append(list, n)
	}
	sort.Strings(list)
	head := "# First-level administrative regions of every country. country-region-data npm package 4.1.0 (MIT, Copyright (c) 2022 Benjamin Keen). Built by internal/entity/cmd/regions.\n"
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write([]byte(head + strings.Join(list, "\n") + "\n"))
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}
