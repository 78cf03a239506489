// Package queue sends extraction requests to Amazon SQS: the collector's
// side of the queue between the collect and extract functions.
package queue

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/newsquotes/newsquotes/internal/pipeline"
)

// BatchSize is the most messages one SendMessageBatch call takes.
const BatchSize = 10

// SQS implements pipeline.Queue.
type SQS struct {
	client *sqs.Client
	url    string
}

// New returns a queue sending to queueURL.
func New(client *sqs.Client, queueURL string) *SQS {
	return &SQS{client: client, url: queueURL}
}

// Enqueue sends one message per article id, in batches of ten. Entries SQS
// rejects are retried once; ids that still fail are named in the error.
func (q *SQS) Enqueue(ctx context.Context, ids []string) error {
	var failed []string
	for start := 0; start < len(ids); start += BatchSize {
		batch := ids[start:min(start+BatchSize, len(ids))]
		left, err := q.send(ctx, batch)
		if err == nil && len(left) > 0 {
			left, err = q.send(ctx, left)
		}
		if err != nil {
			return fmt.Errorf("sqs send %d messages: %w", len(batch), err)
		}
		failed = append(failed, left...)
	}
	if len(failed) > 0 {
		return fmt.Errorf("sqs rejected %d messages: %s", len(failed), strings.Join(failed, ","))
	}
	return nil
}

// send sends one batch and returns the ids SQS did not accept.
func (q *SQS) send(ctx context.Context, ids []string) ([]string, error) {
	entries := make([]types.SendMessageBatchRequestEntry, len(ids))
	for i, id := range ids {
		body, err := json.Marshal(pipeline.ExtractMessage{ArticleID: id})
		if err != nil {
			return nil, err
		}
		entries[i] = types.SendMessageBatchRequestEntry{Id: aws.String(strconv.Itoa(i)), MessageBody: aws.String(string(body))}
	}
	out, err := q.client.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: aws.String(q.url), Entries: entries})
	if err != nil {
		return nil, err
	}
	var left []string
	for _, f := range out.Failed {
		i, err := strconv.Atoi(aws.ToString(f.Id))
		if err != nil || i < 0 || i >= len(ids) {
			return nil, fmt.Errorf("unexpected failed entry id %q", aws.ToString(f.Id))
		}
		left = append(left, ids[i])
	}
	return left, nil
}
