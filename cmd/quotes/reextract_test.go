package main

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/newsquotes/newsquotes/internal/lambdatest"
	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/store"
	"github.com/newsquotes/newsquotes/internal/store/dynamotest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	dynamotest.Stop()
	os.Exit(code)
}

// staleTable fills a fresh DynamoDB Local table with articles at versions 0
// (never extracted), 1 and the current one, points the AWS configuration at
// it and returns the store, the table and the stale ids (sorted).
func staleTable(t *testing.T) (*store.Store, string, []string) {
	t.Helper()
	local := dynamotest.Start(t)
	table := local.CreateTable(t)
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL_DYNAMODB": local.Endpoint, "AWS_REGION": "us-east-1",
		"AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local", "AWS_EC2_METADATA_DISABLED": "true",
		"QUEUE_URL": "", "TABLE_NAME": "",
	} {
		t.Setenv(k, v)
	}
	st := store.New(local.Client, table)
	ctx := context.Background()
	// Versions 0, 1, current, 0, 1, current, 0: four stale articles.
	versions := make([]int, 7)
	for i := range versions {
		if versions[i] = i % 3; versions[i] == 2 {
			versions[i] = pipeline.ExtractorVersion
		}
	}
	stale := dynamotest.SeedExtractions(t, ctx, st, "cli", versions)
	slices.Sort(stale)
	return st, table, stale
}

func decodeReport(t *testing.T, out string) reextractReport {
	t.Helper()
	var rep reextractReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("output %q: %v", out, err)
	}
	return rep
}

// Without a queue the stale articles are extracted in this process, over
// several small pages, and a second run finds nothing left.
func TestReextractExtractsHereWithoutAQueue(t *testing.T) {
	st, table, stale := staleTable(t)
	out, errOut, err := runMain(t, "", "reextract", "--table", table, "--page", "3")
	if err != nil {
		t.Fatalf("reextract: %v\n%s", err, errOut)
	}
	rep := decodeReport(t, out)
	if rep.Queued != len(stale) || rep.Extracted != len(stale) || rep.Failed != 0 || rep.Next != "" || rep.Pages < 2 {
		t.Errorf("report %s: want %d queued and extracted over several pages", out, len(stale))
	}
	for _, id := range stale {
		a, err := st.GetArticle(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if a.ExtractorVersion != pipeline.ExtractorVersion {
			t.Errorf("%s still at v%d", id, a.ExtractorVersion)
		}
	}
	out, _, err = runMain(t, "", "reextract", "--table", table)
	if rep := decodeReport(t, out); err != nil || rep.Queued != 0 {
		t.Errorf("second run: %s, %v: want nothing queued", out, err)
	}
}

// With a queue the ids go to SQS (the test sink); --limit stops early with a
// cursor that resumes where the run stopped.
func TestReextractSendsToTheQueueAndResumes(t *testing.T) {
	_, table, stale := staleTable(t)
	sink := lambdatest.StartSQSSink(t)
	t.Setenv("AWS_ENDPOINT_URL_SQS", sink.URL)

	out, errOut, err := runMain(t, "", "reextract", "--table", table, "--queue-url", sink.QueueURL(), "--limit", "2", "--page", "3")
	if err != nil {
		t.Fatalf("reextract: %v\n%s", err, errOut)
	}
	first := decodeReport(t, out)
	if first.Queued > 2 || first.Next == "" {
		t.Fatalf("limited run %s: want at most 2 queued and a cursor", out)
	}
	out, errOut, err = runMain(t, "", "reextract", "--table", table, "--queue-url", sink.QueueURL(), "--cursor", first.Next)
	if err != nil {
		t.Fatalf("resumed: %v\n%s", err, errOut)
	}
	if rest := decodeReport(t, out); rest.Next != "" || first.Queued+rest.Queued != len(stale) {
		t.Errorf("resumed run %s after %d: want %d in all", out, first.Queued, len(stale))
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
	if !slices.Equal(got, stale) {
		t.Errorf("sent %v, want each stale id once: %v", got, stale)
	}

	_, _, err = runMain(t, "", "reextract", "--table", table, "--queue-url", sink.QueueURL(), "--cursor", "forged."+strings.Repeat("A", 22))
	if err == nil || pipeline.ErrorCode(err) != pipeline.EINVALID {
		t.Errorf("forged cursor: %v, want EINVALID", err)
	}
}
