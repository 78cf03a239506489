package main

import (
	"context"
	"log/slog"

	"github.com/newsquotes/newsquotes/internal/localstack"
)

func init() {
	commands["serve"] = command{
		summary: "serve the HTTP API on localhost over an existing table",
		run:     runServe,
	}
}

func runServe(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("serve", "[--addr HOST:PORT] [--table NAME]",
		`Serves the HTTP API (the handler functions/api runs) with net/http. The table
is reached with the usual AWS configuration: set AWS_ENDPOINT_URL_DYNAMODB to
use DynamoDB Local. JSON request logs go to stderr.`)
	addr := fs.String("addr", "127.0.0.1:3000", "listen address")
	table := fs.String("table", "", "DynamoDB table (default: env TABLE_NAME, else "+localstack.Table+")")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return localstack.Serve(ctx, localstack.ServeOptions{
		Addr: *addr, Table: *table, Out: m.Stdout,
		Log: slog.New(slog.NewJSONHandler(m.Stderr, nil)),
	})
}
