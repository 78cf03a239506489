package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/newsquotes/newsquotes/internal/localstack"
)

func init() {
	commands["run"] = command{
		summary: "the local stack: DynamoDB Local, one collection and extraction, the API on :3000",
		run:     runLocal,
	}
}

func runLocal(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("run", "[--sources FILE] [--addr HOST:PORT] [--log]",
		`Starts DynamoDB Local (in memory), creates the table, collects once from a
demo news site served on loopback (or from the sources in FILE, such as
sources.example.json), extracts quotes and entities from every new article,
prints what it found with example curl commands, and serves the HTTP API
until Ctrl-C, which stops everything it started.`)
	sources := fs.String("sources", os.Getenv("SOURCES"), "a JSON array of sources to collect instead of the demo site (env SOURCES)")
	addr := fs.String("addr", "127.0.0.1:3000", "the API's listen address")
	logs := fs.Bool("log", false, "print the use cases' JSON logs on stderr")
	if err := fs.Parse(args); err != nil {
		return err
	}
	o := localstack.Options{Addr: *addr, SourcesFile: *sources, Out: m.Stdout}
	if *logs {
		o.Log = slog.New(slog.NewJSONHandler(m.Stderr, nil))
	}
	return localstack.Run(ctx, o)
}
