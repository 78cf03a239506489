package queue_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/newsquotes/newsquotes/internal/lambdatest"
	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/queue"
)

// TestEnqueueSendsOneMessagePerID drives the real SDK client against the
// loopback SQS sink (which rejects batches over ten).
func TestEnqueueSendsOneMessagePerID(t *testing.T) {
	sink := lambdatest.StartSQSSink(t)
	client := sqs.New(sqs.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(sink.URL),
		Credentials:  credentials.NewStaticCredentialsProvider("local", "local", ""),
	})
	var ids []string
	for i := range 23 {
		ids = append(ids, fmt.Sprintf("a%024d", i))
	}
	if err := queue.New(client, sink.QueueURL()).Enqueue(context.Background(), ids); err != nil {
		t.Fatal(err)
	}
	bodies := sink.Bodies()
	if len(bodies) != len(ids) {
		t.Fatalf("%d messages, want %d", len(bodies), len(ids))
	}
	for i, b := range bodies {
		m, err := pipeline.ParseExtractMessage(b)
		if err != nil || m.ArticleID != ids[i] {
			t.Errorf("message %d: %q (%v), want article %s", i, b, err, ids[i])
		}
	}
}
