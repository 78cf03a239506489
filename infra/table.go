package main

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/jsii-runtime-go"

	"github.com/newsquotes/newsquotes/internal/store/schema"
)

// newTable defines the single table from schema.Definition, the same definition the store's
// tests create in DynamoDB Local, so the deployed keys and indexes cannot drift from the code.
func newTable(stack awscdk.Stack) awsdynamodb.Table {
	def := schema.Definition
	table := awsdynamodb.NewTable(stack, jsii.String("Table"), &awsdynamodb.TableProps{
		PartitionKey: attribute(def.PartitionKey),
		SortKey:      attribute(def.SortKey),
		BillingMode:  awsdynamodb.BillingMode_PAY_PER_REQUEST,
		PointInTimeRecoverySpecification: &awsdynamodb.PointInTimeRecoverySpecification{
			PointInTimeRecoveryEnabled: jsii.Bool(true),
		},
		TimeToLiveAttribute: jsii.String(def.TTLAttribute),
		// The table is the system's record: deleting the stack leaves it in place.
		RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
	})
	for _, ix := range def.Indexes {
		gsi := &awsdynamodb.GlobalSecondaryIndexProps{
			IndexName:      jsii.String(ix.Name),
			PartitionKey:   attribute(ix.PartitionKey),
			SortKey:        attribute(ix.SortKey),
			ProjectionType: projection(ix.Projection),
		}
		if ix.Projection == schema.ProjectInclude {
			gsi.NonKeyAttributes = jsii.Strings(ix.NonKeyAttributes...)
		}
		table.AddGlobalSecondaryIndex(gsi)
	}
	pinLogicalID(table, "Table")
	return table
}

// attribute converts a schema key; an unnamed key (no sort key) is nil.
func attribute(k schema.Key) *awsdynamodb.Attribute {
	if k.Name == "" {
		return nil
	}
	var t awsdynamodb.AttributeType
	switch k.Type {
	case schema.String:
		t = awsdynamodb.AttributeType_STRING
	case schema.Number:
		t = awsdynamodb.AttributeType_NUMBER
	case schema.Binary:
		t = awsdynamodb.AttributeType_BINARY
	default:
		panic(fmt.Sprintf("schema: key %s: unknown attribute type %q", k.Name, k.Type))
	}
	return &awsdynamodb.Attribute{Name: jsii.String(k.Name), Type: t}
}

func projection(p schema.Projection) awsdynamodb.ProjectionType {
	switch p {
	case schema.ProjectAll:
		return awsdynamodb.ProjectionType_ALL
	case schema.ProjectKeysOnly:
		return awsdynamodb.ProjectionType_KEYS_ONLY
	case schema.ProjectInclude:
		return awsdynamodb.ProjectionType_INCLUDE
	}
	panic(fmt.Sprintf("schema: unknown projection %q", p))
}
