package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/newsquotes/newsquotes/internal/localstack"
)

func init() {
	commands["crawl"] = command{
		summary: "one collection and extraction into DynamoDB Local, then exit (run without the API)",
		run:     runCrawl,
	}
}

func runCrawl(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("crawl", "[--sources FILE] [--log]",
		`Runs the collector and the extractor once, as the scheduled Lambdas do: starts
DynamoDB Local (in memory), collects from the demo site served on loopback (or
from the sources in FILE, such as sources.example.json), extracts quotes and
entities from every new article, prints what it found, and exits.`)
	sources := fs.String("sources", os.Getenv("SOURCES"), "a JSON array of sources to collect instead of the demo site (env SOURCES)")
	logs := fs.Bool("log", false, "print the use cases' JSON logs on stderr")
	if err := fs.Parse(args); err != nil {
		return err
	}
	o := localstack.Options{SourcesFile: *sources, Out: m.Stdout, NoServe: true}
	if *logs {
		o.Log = slog.New(slog.NewJSONHandler(m.Stderr, nil))
	}
	return localstack.Run(ctx, o)
}
