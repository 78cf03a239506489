// Command api is the HTTP API Lambda (API Gateway HTTP API, payload v2).
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/newsquotes/newsquotes/internal/fetch"
	"github.com/newsquotes/newsquotes/internal/httpapi"
	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/store"
)

func main() {
	log := newLogger()
	table := os.Getenv("TABLE_NAME")
	if table == "" {
		log.Error("TABLE_NAME must be set")
		os.Exit(1)
	}
	fcfg, err := pipeline.FetchConfig(os.Getenv)
	if err != nil {
		log.Error("fetch config", "err", err)
		os.Exit(1)
	}
	awsCfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		log.Error("aws config", "err", err)
		os.Exit(1)
	}
	st := store.New(dynamodb.NewFromConfig(awsCfg), table, store.WithLogger(log))
	// Submitted URLs come from users: the client's SSRF guard checks every
	// address it connects to, redirects included. The API keeps no raw HTML
	// (the collector does): the S3 client would take its bootstrap past 15 MB,
	// and a submitted page is stored as its article and fetched again if
	// submitted again.
	submit := &pipeline.Submitter{Fetch: pipeline.FetchWith(fetch.New(fcfg)), Store: st, Log: log}
	api := &httpapi.API{Query: &pipeline.Querier{Store: st, Sources: st}, Submit: submit, Log: log}
	lambda.Start(handler(api))
}

func newLogger() *slog.Logger {
	var lvl slog.Level
	_ = lvl.UnmarshalText([]byte(os.Getenv("LOG_LEVEL")))
	return slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: lvl}))
}
