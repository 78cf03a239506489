package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/newsquotes/newsquotes/internal/pipeline"
)

// deadlineMargin is the time kept back at the end of an invocation: records
// not started by then are reported as failures and come back later.
const deadlineMargin = 5 * time.Second

type extractor interface {
	ExtractArticle(ctx context.Context, articleID string) (pipeline.ExtractResult, error)
}

type handler struct {
	extractor extractor
	log       *slog.Logger
}

// handle extracts each record's article and reports the records that
// failed, so SQS retries those alone (ReportBatchItemFailures). A record
// that panics fails alone too.
func (h *handler) handle(ctx context.Context, ev events.SQSEvent) (events.SQSEventResponse, error) {
	log := h.log
	if lc, ok := lambdacontext.FromContext(ctx); ok {
		log = log.With("request_id", lc.AwsRequestID)
	}
	resp := events.SQSEventResponse{BatchItemFailures: []events.SQSBatchItemFailure{}}
	for _, rec := range ev.Records {
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < deadlineMargin {
			log.Warn("deadline near: record left for redelivery", "message_id", rec.MessageId)
			resp.BatchItemFailures = append(resp.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: rec.MessageId})
			continue
		}
		start := time.Now()
		res, err := h.one(ctx, rec)
		if err != nil {
			log.Error("extract failed", "message_id", rec.MessageId, "article_id", res.ArticleID,
				"code", pipeline.ErrorCode(err), "err", err.Error(), "receive_count", rec.Attributes["ApproximateReceiveCount"])
			resp.BatchItemFailures = append(resp.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: rec.MessageId})
			continue
		}
		log.Info("extracted", "message_id", rec.MessageId, "article_id", res.ArticleID, "skipped", res.Skipped,
			"quotes", res.Quotes, "entities", res.Entities, "duration_ms", time.Since(start).Milliseconds())
	}
	return resp, nil
}

func (h *handler) one(ctx context.Context, rec events.SQSMessage) (res pipeline.ExtractResult, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	msg, err := pipeline.ParseExtractMessage(rec.Body)
	if err != nil {
		return res, err
	}
	res.ArticleID = msg.ArticleID
	return h.extractor.ExtractArticle(ctx, msg.ArticleID)
}
