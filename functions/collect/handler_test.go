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
	line, raw := onlyLogLine(t, out.String())
	if line["msg"] != "collect run" || line["articles_stored"] != float64(7) || line["event_id"] == nil {
		t.Errorf("summary line %s", raw)
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

type reextractorFunc func(context.Context, pipeline.ReextractRequest) (pipeline.ReextractSummary, error)

func (f reextractorFunc) Run(ctx context.Context, req pipeline.ReextractRequest) (pipeline.ReextractSummary, error) {
	return f(ctx, req)
}

func readEvent(t *testing.T, name string) json.RawMessage {
	t.Helper()
	b, err := os.ReadFile("../../events/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// unused fails the test when the handler takes the wrong path.
func unused(t *testing.T) (collectorFunc, reextractorFunc) {
	return func(context.Context) (pipeline.RunSummary, error) {
			t.Error("collection run")
			return pipeline.RunSummary{}, nil
		}, func(context.Context, pipeline.ReextractRequest) (pipeline.ReextractSummary, error) {
			t.Error("reextract run")
			return pipeline.ReextractSummary{}, nil
		}
}

// TestReextractAction runs events/collect-reextract.json: the request reaches
// the use case as sent, the response is the summary and one JSON line is
// logged.
func TestReextractAction(t *testing.T) {
	var out bytes.Buffer
	var got pipeline.ReextractRequest
	col, _ := unused(t)
	h := &handler{log: slog.New(slog.NewJSONHandler(&out, nil)), collector: col,
		reextractor: reextractorFunc(func(_ context.Context, req pipeline.ReextractRequest) (pipeline.ReextractSummary, error) {
			got = req
			return pipeline.ReextractSummary{Queued: 42, Next: "next-page", Version: 2}, nil
		})}
	resp, err := h.invoke(context.Background(), readEvent(t, "collect-reextract.json"))
	if err != nil {
		t.Fatal(err)
	}
	if got != (pipeline.ReextractRequest{Limit: 500}) {
		t.Errorf("request %+v, want limit 500 and no cursor", got)
	}
	b, err := json.Marshal(resp)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"queued":42,"next":"next-page","extractor_version":2}` {
		t.Errorf("response %s", b)
	}
	line, raw := onlyLogLine(t, out.String())
	if line["msg"] != "reextract page" || line["queued"] != float64(42) || line["next"] != "next-page" || line["more"] != true {
		t.Errorf("summary line %s", raw)
	}

	// The cursor is passed on; a failure is returned.
	boom := errors.New("queue unreachable")
	h.reextractor = reextractorFunc(func(_ context.Context, req pipeline.ReextractRequest) (pipeline.ReextractSummary, error) {
		got = req
		return pipeline.ReextractSummary{Queued: 10, Next: req.Cursor}, boom
	})
	if _, err := h.invoke(context.Background(), json.RawMessage(`{"action":"reextract","cursor":"c1"}`)); !errors.Is(err, boom) {
		t.Errorf("err %v", err)
	}
	if got != (pipeline.ReextractRequest{Cursor: "c1"}) {
		t.Errorf("request %+v", got)
	}
}

func TestScheduledEventStillCollects(t *testing.T) {
	_, re := unused(t)
	runs := 0
	h := &handler{log: slog.New(slog.DiscardHandler), reextractor: re,
		collector: collectorFunc(func(context.Context) (pipeline.RunSummary, error) {
			runs++
			return pipeline.RunSummary{ArticlesStored: 3}, nil
		})}
	for _, ev := range []json.RawMessage{readEvent(t, "collect-schedule.json"), json.RawMessage(`{}`)} {
		resp, err := h.invoke(context.Background(), ev)
		if err != nil {
			t.Fatal(err)
		}
		if sum, ok := resp.(pipeline.RunSummary); !ok || sum.ArticlesStored != 3 {
			t.Errorf("response %#v", resp)
		}
	}
	if runs != 2 {
		t.Errorf("%d collection runs, want 2", runs)
	}
}

func TestBadInvocationsAreRefused(t *testing.T) {
	col, re := unused(t)
	h := &handler{log: slog.New(slog.DiscardHandler), collector: col, reextractor: re}
	for _, ev := range []string{
		`{"action":"reindex"}`,
		`{"action":"reextract","limit":"lots"}`,
		`{"action":"reextract","limt":5}`,
		`[1,2]`,
		`"reextract"`,
	} {
		if _, err := h.invoke(context.Background(), json.RawMessage(ev)); pipeline.ErrorCode(err) != pipeline.EINVALID {
			t.Errorf("%s: %v, want EINVALID", ev, err)
		}
	}
}

// onlyLogLine returns the one JSON line a run logged, decoded and as written.
func onlyLogLine(t *testing.T, out string) (map[string]any, string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d log lines, want 1:\n%s", len(lines), out)
	}
	var line map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &line); err != nil {
		t.Fatal(err)
	}
	return line, lines[0]
}
