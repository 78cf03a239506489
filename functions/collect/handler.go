package main

import (
	"context"
	"log/slog"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/newsquotes/newsquotes/internal/pipeline"
)

type collector interface {
	Run(ctx context.Context) (pipeline.RunSummary, error)
}

type handler struct {
	collector collector
	log       *slog.Logger
}

// handle runs one collection for a scheduled event or a direct invocation
// (any JSON object) and logs the run's summary as one JSON line, whose msg
// and articles_stored field the stack's metric filter reads.
func (h *handler) handle(ctx context.Context, ev events.EventBridgeEvent) (pipeline.RunSummary, error) {
	log := h.log
	if lc, ok := lambdacontext.FromContext(ctx); ok {
		log = log.With("request_id", lc.AwsRequestID)
	}
	if ev.ID != "" {
		log = log.With("event_id", ev.ID, "scheduled_time", ev.Time)
	}
	sum, err := h.collector.Run(ctx)
	if err != nil {
		log.Error("collect run failed", "err", err)
		return sum, err
	}
	log.LogAttrs(ctx, slog.LevelInfo, "collect run", slog.Any("", sum))
	return sum, nil
}
