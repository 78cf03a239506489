package localstack

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/newsquotes/newsquotes/internal/store/dynamotest"
)

// TestServeUsesTheEnvironmentsEndpoint is `quotes serve` against DynamoDB
// Local, reached through AWS_ENDPOINT_URL_DYNAMODB as the Lambdas reach it.
func TestServeUsesTheEnvironmentsEndpoint(t *testing.T) {
	local := dynamotest.Start(t)
	table := local.CreateTable(t)
	t.Setenv("AWS_ENDPOINT_URL_DYNAMODB", local.Endpoint)
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("AWS_ACCESS_KEY_ID", "local")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "local")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, ServeOptions{Addr: "127.0.0.1:0", Table: table, Out: io.Discard, Ready: func(u string) { ready <- u }})
	}()
	var base string
	select {
	case base = <-ready:
	case err := <-done:
		t.Fatalf("Serve: %v", err)
	}
	src := `{"id":"demo","kind":"feed","url":"https://news.example/feed.xml","enabled":true}`
	resp, err := http.Post(base+"/sources", "application/json", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST /sources: %d", resp.StatusCode)
	}
	resp, err = http.Get(base + "/sources")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"id":"demo"`) {
		t.Errorf("GET /sources: %d %s", resp.StatusCode, body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve: %v", err)
	}
}
