package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/newsquotes/newsquotes/internal/pipeline"
)

type collectorFunc func(context.Context) (pipeline.RunSummary, error)

func (f collectorFunc) Run(ctx context.Context) (pipeline.RunSummary, error) { return f(ctx) }

func scheduleEvent(t *testing.T) events.EventBridgeEvent {
	t.Helper()
	b, err := os.ReadFile("../../events/collect-schedule.json")
	if err != nil {
		t.Fatal(err)
	}
	var ev events.EventBridgeEvent
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatal(err)
	}
	return ev
}

// TestSummaryIsOneJSONLine checks the line the stack's metric filter reads:
// msg "collect run" with a top-level articles_stored.
func TestSummaryIsOneJSONLine(t *testing.T) {
	var out bytes.Buffer
	h := &handler{log: slog.New(slog.NewJSONHandler(&out, nil)), collector: collectorFunc(func(context.Context) (pipeline.RunSummary, error) {
		return pipeline.RunSummary{RunID: "r1", ArticlesStored: 7, PagesFailed: 1, Errors: []pipeline.RunError{{URL: "https://x.example/a", Stage: "fetch", Code: "unprocessable", Message: "HTTP 500"}}}, nil
	})}
	sum, err := h.handle(context.Background(), scheduleEvent(t))
	if err != nil || sum.ArticlesStored != 7 {
		t.Fatalf("sum %+v err %v", sum, err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d log lines, want 1:\n%s", len(lines), out.String())
	}
	var line map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &line); err != nil {
		t.Fatal(err)
	}
	if line["msg"] != "collect run" || line["articles_stored"] != float64(7) || line["event_id"] == nil {
		t.Errorf("summary line %s", lines[0])
	}
}

func TestRunErrorIsReturned(t *testing.T) {
	boom := errors.New("table unreachable")
	h := &handler{log: slog.New(slog.DiscardHandler), collector: collectorFunc(func(context.Context) (pipeline.RunSummary, error) {
		return pipeline.RunSummary{}, boom
	})}
	if _, err := h.handle(context.Background(), scheduleEvent(t)); !errors.Is(err, boom) {
		t.Errorf("err %v", err)
	}
}
