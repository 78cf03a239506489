package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/newsquotes/newsquotes/internal/pipeline"
)

type extractorFunc func(context.Context, string) (pipeline.ExtractResult, error)

func (f extractorFunc) ExtractArticle(ctx context.Context, id string) (pipeline.ExtractResult, error) {
	return f(ctx, id)
}

func loadSQS(t *testing.T, name string) events.SQSEvent {
	t.Helper()
	b, err := os.ReadFile("../../events/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var ev events.SQSEvent
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatal(err)
	}
	return ev
}

func failedIDs(r events.SQSEventResponse) []string {
	var out []string
	for _, f := range r.BatchItemFailures {
		out = append(out, f.ItemIdentifier)
	}
	return out
}

func TestEachRecordSucceedsOrFailsAlone(t *testing.T) {
	ev := loadSQS(t, "extract-sqs.json")
	if len(ev.Records) < 2 {
		t.Fatalf("extract-sqs.json has %d records, want 2 or more", len(ev.Records))
	}
	var seen []string
	h := &handler{log: slog.New(slog.DiscardHandler), extractor: extractorFunc(func(_ context.Context, id string) (pipeline.ExtractResult, error) {
		seen = append(seen, id)
		if id == "a0123456789abcdef01234567" {
			panic("extractor bug")
		}
		return pipeline.ExtractResult{ArticleID: id, Quotes: 3}, nil
	})}
	resp, err := h.handle(context.Background(), ev)
	if err != nil {
		t.Fatal(err)
	}
	got := failedIDs(resp)
	if len(got) != 1 || got[0] != ev.Records[0].MessageId {
		t.Errorf("failures %v, want only the panicking record %s", got, ev.Records[0].MessageId)
	}
	if len(seen) != len(ev.Records) {
		t.Errorf("extracted %d of %d records: a panic must not stop the batch", len(seen), len(ev.Records))
	}
}

func TestMalformedAndMissingRecordsFail(t *testing.T) {
	ev := loadSQS(t, "extract-sqs-bad-record.json")
	h := &handler{log: slog.New(slog.DiscardHandler), extractor: extractorFunc(func(_ context.Context, id string) (pipeline.ExtractResult, error) {
		return pipeline.ExtractResult{}, pipeline.ErrNotFound
	})}
	resp, err := h.handle(context.Background(), ev)
	if err != nil {
		t.Fatal(err)
	}
	if got := failedIDs(resp); len(got) != 2 {
		t.Errorf("failures %v, want both records (one missing article, one malformed body)", got)
	}
}

func TestAllGoodReportsNoFailures(t *testing.T) {
	h := &handler{log: slog.New(slog.DiscardHandler), extractor: extractorFunc(func(_ context.Context, id string) (pipeline.ExtractResult, error) {
		return pipeline.ExtractResult{ArticleID: id}, nil
	})}
	resp, err := h.handle(context.Background(), loadSQS(t, "extract-sqs.json"))
	if err != nil || len(resp.BatchItemFailures) != 0 {
		t.Errorf("resp %+v err %v", resp, err)
	}
	b, _ := json.Marshal(resp)
	if string(b) != `{"batchItemFailures":[]}` {
		t.Errorf("response %s", b)
	}
}
