package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"sync"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/newsquotes/newsquotes/internal/localstack"
	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/queue"
	"github.com/newsquotes/newsquotes/internal/store"
)

func init() {
	commands["reextract"] = command{
		summary: "after an extractor upgrade, re-extract the stored articles an older version extracted",
		run:     runReextract,
	}
}

// reextractReport is what `quotes reextract` prints: one JSON object.
type reextractReport struct {
	Version   int    `json:"extractor_version"`
	Pages     int    `json:"pages"`
	Queued    int    `json:"queued"`              // ids sent to the queue, or extracted here
	Extracted int    `json:"extracted,omitempty"` // without a queue: articles re-extracted
	Failed    int    `json:"failed,omitempty"`    // without a queue: extractions that failed
	Next      string `json:"next,omitempty"`      // resume with --cursor when the run stopped early
}

func runReextract(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("reextract", "[--table NAME] [--queue-url URL] [--limit N] [--page N] [--cursor C]",
		fmt.Sprintf(`Finds the stored articles whose quotes and entities an older extractor made
(version below %d, or never extracted) and has them extracted again, page by
page (a Scan of the table), until every article has been looked at or
--limit were queued. Prints a JSON summary; "next", when present, resumes a
run that stopped early (--cursor).

The table is reached with the usual AWS configuration (AWS_ENDPOINT_URL_DYNAMODB
points it at DynamoDB Local). With --queue-url (env QUEUE_URL, the deployed
stack's QueueUrl output) the ids go to the SQS queue and the extract function
does the work, as the collect function's {"action": "reextract"} invocation
does. Without a queue the articles are extracted in this process, as the
local stack does: the way for a DynamoDB Local table, since there is no local
queue. --limit is exact: near it, pages examine fewer items.`, pipeline.ExtractorVersion))
	table := fs.String("table", "", "DynamoDB table (default: env TABLE_NAME, else "+localstack.Table+")")
	queueURL := fs.String("queue-url", os.Getenv("QUEUE_URL"), "SQS queue of the extract function (env QUEUE_URL); empty: extract here")
	limit := fs.Int("limit", 0, "stop after queuing this many articles (0: all)")
	page := fs.Int("page", store.MaxStaleScan, fmt.Sprintf("stored items examined per Scan request (at most %d)", store.MaxStaleScan))
	cursor := fs.String("cursor", "", "resume from a previous run's \"next\"")
	logs := fs.Bool("log", false, "print the use cases' JSON logs on stderr")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("reextract takes no arguments, got %q", fs.Args())
	}
	if *limit < 0 || *page < 1 || *page > store.MaxStaleScan {
		return fmt.Errorf("--limit must be 0 or more and --page between 1 and %d", store.MaxStaleScan)
	}
	log := slog.New(slog.DiscardHandler)
	if *logs {
		log = slog.New(slog.NewJSONHandler(m.Stderr, nil))
	}

	awsCfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return fmt.Errorf("aws config: %w", err)
	}
	st := store.New(dynamodb.NewFromConfig(awsCfg), cmp.Or(*table, os.Getenv("TABLE_NAME"), localstack.Table), store.WithLogger(log))
	var q pipeline.Queue
	var local *extractHere
	if *queueURL != "" {
		q = queue.New(sqs.NewFromConfig(awsCfg), *queueURL)
	} else {
		local = &extractHere{x: &pipeline.Extractor{Articles: st, Saver: st, Log: log}, m: m}
		q = local
	}
	r := &pipeline.Reextractor{Articles: st, Queue: q, Log: log}

	rep := reextractReport{Version: pipeline.ExtractorVersion}
	req := pipeline.ReextractRequest{Cursor: *cursor}
	for {
		req.Limit = *page
		if *limit > 0 {
			// The page limit bounds items examined, so it also bounds ids returned.
			req.Limit = min(*page, *limit-rep.Queued)
		}
		sum, err := r.Run(ctx, req)
		rep.Pages++
		rep.Queued += sum.Queued
		rep.Next = sum.Next
		if err != nil {
			rep.finish(local)
			m.printReport(rep)
			return fmt.Errorf("page %d: %w", rep.Pages, err)
		}
		if sum.Next == "" || (*limit > 0 && rep.Queued >= *limit) {
			break
		}
		req.Cursor = sum.Next
	}
	rep.finish(local)
	m.printReport(rep)
	if rep.Failed > 0 {
		return fmt.Errorf("%d of %d articles failed to extract (listed on stderr)", rep.Failed, rep.Queued)
	}
	return nil
}

func (rep *reextractReport) finish(local *extractHere) {
	if local != nil {
		rep.Extracted, rep.Failed = local.counts()
	}
}

func (m *Main) printReport(rep reextractReport) {
	b, _ := json.Marshal(rep) // plain fields always marshal
	fmt.Fprintln(m.Stdout, string(b))
}

// extractHere is the queue when there is none: each id is extracted at once
// in this process. A failing article is reported on stderr and counted, and
// the others go on, as SQS would retry it alone.
type extractHere struct {
	x *pipeline.Extractor
	m *Main

	mu                sync.Mutex
	extracted, failed int
}

func (e *extractHere) Enqueue(ctx context.Context, ids []string) error {
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return err
		}
		_, err := e.x.ExtractArticle(ctx, id)
		e.mu.Lock()
		if err != nil {
			e.failed++
			fmt.Fprintf(e.m.Stderr, "reextract %s: %v\n", id, err)
		} else {
			e.extracted++
		}
		e.mu.Unlock()
	}
	return nil
}

func (e *extractHere) counts() (extracted, failed int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.extracted, e.failed
}
