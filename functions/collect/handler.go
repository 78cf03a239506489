package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/newsquotes/newsquotes/internal/pipeline"
)

type collector interface {
	Run(ctx context.Context) (pipeline.RunSummary, error)
}

type reextractor interface {
	Run(ctx context.Context, req pipeline.ReextractRequest) (pipeline.ReextractSummary, error)
}

type handler struct {
	collector   collector
	reextractor reextractor
	log         *slog.Logger
}

// actionReextract names the direct invocation that queues one page of
// articles extracted by an older extractor (events/collect-reextract.json).
const actionReextract = "reextract"

// reextractEvent is the direct invocation {"action": "reextract", "limit":
// 500, "cursor": "…"}.
type reextractEvent struct {
	Action string `json:"action"`
	pipeline.ReextractRequest
}

// invoke is the function's entry point: an event with an "action" is an
// operator's direct invocation, anything else (the schedule, any other JSON
// object) runs a collection.
func (h *handler) invoke(ctx context.Context, raw json.RawMessage) (any, error) {
	var probe struct {
		Action string `json:"action"`
	}
	if err := json.Unmarshal(raw, &probe); err != nil {
		return nil, &pipeline.Error{Code: pipeline.EINVALID, Message: "the event is not a JSON object", Err: err}
	}
	switch probe.Action {
	case "":
		var ev events.EventBridgeEvent
		if err := json.Unmarshal(raw, &ev); err != nil {
			return nil, &pipeline.Error{Code: pipeline.EINVALID, Message: "the event is not an EventBridge event", Err: err}
		}
		return h.handle(ctx, ev)
	case actionReextract:
		var ev reextractEvent
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&ev); err != nil {
			return nil, &pipeline.Error{Code: pipeline.EINVALID,
				Message: `want {"action": "reextract", "limit": N, "cursor": "…"}`, Err: err}
		}
		return h.reextract(ctx, ev.ReextractRequest)
	default:
		return nil, pipeline.Errorf(pipeline.EINVALID, "unknown action %q: want %q, or no action for a collection", probe.Action, actionReextract)
	}
}

// handle runs one collection for a scheduled event or a direct invocation
// (any JSON object) and logs the run's summary as one JSON line, whose msg
// and articles_stored field the stack's metric filter reads.
func (h *handler) handle(ctx context.Context, ev events.EventBridgeEvent) (pipeline.RunSummary, error) {
	log := h.logger(ctx)
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

// reextract queues one page of stale articles and logs its summary as one
// JSON line; the response's next cursor continues the backfill.
func (h *handler) reextract(ctx context.Context, req pipeline.ReextractRequest) (pipeline.ReextractSummary, error) {
	log := h.logger(ctx)
	sum, err := h.reextractor.Run(ctx, req)
	if err != nil {
		log.Error("reextract failed", "err", err, "queued", sum.Queued, "cursor", req.Cursor)
		return sum, err
	}
	log.LogAttrs(ctx, slog.LevelInfo, "reextract page",
		slog.Int("queued", sum.Queued), slog.Bool("more", sum.Next != ""), slog.String("next", sum.Next),
		slog.Int("extractor_version", sum.Version), slog.Int("limit", req.Limit))
	return sum, nil
}

func (h *handler) logger(ctx context.Context) *slog.Logger {
	if lc, ok := lambdacontext.FromContext(ctx); ok {
		return h.log.With("request_id", lc.AwsRequestID)
	}
	return h.log
}
