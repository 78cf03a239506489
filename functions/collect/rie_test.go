package main

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/newsquotes/newsquotes/internal/lambdatest"
	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/store"
	"github.com/newsquotes/newsquotes/internal/store/dynamotest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	lambdatest.Cleanup()
	dynamotest.Stop()
	os.Exit(code)
}

// TestReextractUnderTheEmulator runs the bootstrap under the Lambda Runtime
// Interface Emulator with events/collect-reextract.json, against DynamoDB
// Local and the SQS test sink: the articles extracted by an older extractor,
// or never, are queued, the current ones are not.
func TestReextractUnderTheEmulator(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the bootstrap and runs the emulator")
	}
	local := dynamotest.Start(t)
	table := local.CreateTable(t)
	st := store.New(local.Client, table)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	want := dynamotest.SeedExtractions(t, ctx, st, "reextract", []int{0, 1, pipeline.ExtractorVersion, 0})

	sink := lambdatest.StartSQSSink(t)
	fn := lambdatest.Start(t, lambdatest.Build(t, "./functions/collect", "amd64"), map[string]string{
		"TABLE_NAME":                table,
		"QUEUE_URL":                 sink.QueueURL(),
		"AWS_ENDPOINT_URL_DYNAMODB": local.Endpoint,
		"AWS_ENDPOINT_URL_SQS":      sink.URL,
		"LOG_LEVEL":                 "info",
	})
	ev, err := os.ReadFile("../../events/collect-reextract.json")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := fn.Invoke(ctx, ev)
	if err != nil {
		t.Fatal(err)
	}
	var sum pipeline.ReextractSummary
	if err := json.Unmarshal(raw, &sum); err != nil {
		t.Fatalf("response %s: %v", raw, err)
	}
	// A table this small is one page.
	if sum.Queued != len(want) || sum.Next != "" || sum.Version != pipeline.ExtractorVersion {
		t.Errorf("response %s: want %d queued, no next cursor", raw, len(want))
	}
	var got []string
	for _, b := range sink.Bodies() {
		m, err := pipeline.ParseExtractMessage(b)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, m.ArticleID)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("queued %v, want %v", got, want)
	}
	if !fn.WaitOutput(`"msg":"reextract page"`, 5*time.Second) {
		t.Error("no summary log line in the function's output")
	}

	// A tampered cursor is a function error, and nothing is queued.
	sink.Reset()
	if _, err := fn.Invoke(ctx, []byte(`{"action":"reextract","cursor":"eyJ2IjoxfQ.AAAA"}`)); err == nil {
		t.Error("tampered cursor: no error")
	}
	if n := len(sink.Bodies()); n != 0 {
		t.Errorf("tampered cursor: %d messages sent", n)
	}
}
