// Command extract is the extraction Lambda, fed by SQS: for each queued
// article it stores the quotes and entities found in it.
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/newsquotes/newsquotes/internal/entity"
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
	awsCfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		log.Error("aws config", "err", err)
		os.Exit(1)
	}
	// Load the entity model while the runtime fetches the first event: init
	// stays fast and the first record does not pay the ~0.1 s load alone.
	go func() {
		if err := entity.Warm(); err != nil {
			log.Error("entity model", "err", err)
		}
	}()
	st := store.New(dynamodb.NewFromConfig(awsCfg), table, store.WithLogger(log))
	x := &pipeline.Extractor{Articles: st, Saver: st, Log: log}
	lambda.Start((&handler{extractor: x, log: log}).handle)
}

func newLogger() *slog.Logger {
	var lvl slog.Level
	_ = lvl.UnmarshalText([]byte(os.Getenv("LOG_LEVEL")))
	return slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: lvl}))
}
