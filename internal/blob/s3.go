// Package blob keeps raw fetched pages in Amazon S3, so an article can be
// re-extracted later without fetching it again.
package blob

import (
	"bytes"
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// S3 implements pipeline.RawStore.
type S3 struct {
	client *s3.Client
	bucket string
}

// New returns a raw-page store writing to bucket.
func New(client *s3.Client, bucket string) *S3 {
	return &S3{client: client, bucket: bucket}
}

// PutRaw stores one page under key.
func (s *S3) PutRaw(ctx context.Context, key string, body []byte, contentType string) error {
	if contentType == "" {
		contentType = "text/html"
	}
	_, err := s.client.PutObject(ctx, &s3.PutObjectInput{
		Bucket:        aws.String(s.bucket),
		Key:           aws.String(key),
		Body:          bytes.NewReader(body),
		ContentLength: aws.Int64(int64(len(body))),
		ContentType:   aws.String(contentType),
	})
	if err != nil {
		return fmt.Errorf("s3 put %s/%s: %w", s.bucket, key, err)
	}
	return nil
}
