package dynamotest

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/newsquotes/newsquotes/internal/store/schema"
)

func TestMain(m *testing.M) { Main(m) }

func TestStartCreatesTableFromSchema(t *testing.T) {
	local := Start(t)
	name := local.CreateTable(t)
	out, err := local.Client.DescribeTable(context.Background(), &dynamodb.DescribeTableInput{TableName: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	if out.Table.TableStatus != types.TableStatusActive {
		t.Errorf("status %s, want ACTIVE", out.Table.TableStatus)
	}
	if got, want := len(out.Table.GlobalSecondaryIndexes), len(schema.Definition.Indexes); got != want {
		t.Errorf("%d indexes, want %d", got, want)
	}
	ttl, err := local.Client.DescribeTimeToLive(context.Background(), &dynamodb.DescribeTimeToLiveInput{TableName: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	if d := ttl.TimeToLiveDescription; d == nil || aws.ToString(d.AttributeName) != schema.TTL {
		t.Errorf("ttl = %+v, want attribute %s", d, schema.TTL)
	}
	// A second table in the same server: tests get one each.
	if other := local.CreateTable(t); other == name {
		t.Errorf("CreateTable returned %s twice", name)
	}
}
