package store_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/store"
	"github.com/newsquotes/newsquotes/internal/store/dynamotest"
)

// The way functions build their client: the default config, pointed at
// DynamoDB Local by the standard AWS_ENDPOINT_URL_DYNAMODB.
func TestClientFromEnvironment(t *testing.T) {
	local := dynamotest.Start(t)
	table := local.CreateTable(t)
	t.Setenv("AWS_ENDPOINT_URL_DYNAMODB", local.Endpoint)
	t.Setenv("AWS_ACCESS_KEY_ID", "local")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "local")
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("AWS_CONFIG_FILE", "/dev/null")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
	c := ctx(t)
	cfg, err := config.LoadDefaultConfig(c)
	if err != nil {
		t.Fatal(err)
	}
	s := store.New(dynamodb.NewFromConfig(cfg), table)
	a, _ := fixture{url: "https://news.example/env", published: day0}.build()
	if written, err := s.PutArticle(c, a); err != nil || !written {
		t.Fatalf("PutArticle through the environment's endpoint: %v %v", written, err)
	}
	if _, err := store.New(local.Client, table).GetArticle(c, a.ID); err != nil {
		t.Errorf("article not in DynamoDB Local: %v", err)
	}
	_, err = s.GetArticle(c, "amissing")
	if pipeline.ErrorCode(err) != pipeline.ENOTFOUND {
		t.Errorf("missing: %v", err)
	}
}
