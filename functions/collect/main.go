// Command collect is the scheduled collector Lambda: it reads the due
// sources, stores new articles and queues them for extraction. Invoked
// directly with {"action": "reextract"} it queues one page of articles
// extracted by an older extractor instead (the backfill after an upgrade).
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/newsquotes/newsquotes/internal/blob"
	"github.com/newsquotes/newsquotes/internal/fetch"
	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/queue"
	"github.com/newsquotes/newsquotes/internal/store"
)

func main() {
	log := newLogger()
	table, queueURL := os.Getenv("TABLE_NAME"), os.Getenv("QUEUE_URL")
	if table == "" || queueURL == "" {
		log.Error("TABLE_NAME and QUEUE_URL must be set")
		os.Exit(1)
	}
	fcfg, err := pipeline.FetchConfig(os.Getenv)
	if err != nil {
		log.Error("fetch config", "err", err)
		os.Exit(1)
	}
	// LoadDefaultConfig honours AWS_ENDPOINT_URL_DYNAMODB and _SQS, which
	// point the function at DynamoDB Local and a test sink.
	awsCfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		log.Error("aws config", "err", err)
		os.Exit(1)
	}
	st := store.New(dynamodb.NewFromConfig(awsCfg), table, store.WithLogger(log))
	client := fetch.New(fcfg)
	q := queue.New(sqs.NewFromConfig(awsCfg), queueURL)
	c := &pipeline.Collector{
		Sources:  st,
		Discover: pipeline.DiscoverWith(client),
		Fetch:    pipeline.FetchWith(client),
		Articles: st,
		Queue:    q,
		Lock:     st,
		Log:      log,
	}
	if bucket := os.Getenv("BUCKET_NAME"); bucket != "" {
		c.Raw = blob.New(s3.NewFromConfig(awsCfg), bucket)
	}
	r := &pipeline.Reextractor{Articles: st, Queue: q, Log: log}
	lambda.Start((&handler{collector: c, reextractor: r, log: log}).invoke)
}

func newLogger() *slog.Logger {
	var lvl slog.Level
	_ = lvl.UnmarshalText([]byte(os.Getenv("LOG_LEVEL")))
	return slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: lvl}))
}
