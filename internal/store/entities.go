package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/newsquotes/newsquotes/internal/entity"
	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/store/schema"
)

// GetEntity returns an entity's summary across articles by its normalised
// key, or pipeline.ErrNotFound.
func (s *Store) GetEntity(ctx context.Context, key string) (pipeline.EntitySummary, error) {
	key = strings.TrimSpace(key)
	if key == "" {
		return pipeline.EntitySummary{}, fmt.Errorf("entity %q: %w", key, pipeline.ErrNotFound)
	}
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName:              aws.String(s.table),
		Key:                    itemKey(entityPrefix+key, entitySummary),
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal,
	})
	if out != nil {
		s.record("GetItem", capOf(out.ConsumedCapacity)...)
	} else {
		s.record("GetItem")
	}
	if err != nil {
		return pipeline.EntitySummary{}, fmt.Errorf("get entity %s: %w", key, storeErr("GetItem", err))
	}
	if out.Item == nil {
		return pipeline.EntitySummary{}, fmt.Errorf("entity %s: %w", key, pipeline.ErrNotFound)
	}
	var it summaryItem
	if err := unmarshalMap(out.Item, &it); err != nil {
		return pipeline.EntitySummary{}, fmt.Errorf("decode entity %s: %w", key, err)
	}
	return it.EntitySummary, nil
}

// EntitiesByPrefix lists entities whose normalised key starts with prefix
// (lower-cased), in key order, for type-ahead: GSI1 partition EP#<first
// letter>, begins_with on the key. typ "" matches any type. Entities no
// longer in any article are left out.
func (s *Store) EntitiesByPrefix(ctx context.Context, prefix string, typ entity.Type, p pipeline.Page) ([]pipeline.EntitySummary, string, error) {
	prefix = strings.ToLower(strings.TrimSpace(prefix))
	if prefix == "" {
		return nil, "", pipeline.Errorf(pipeline.EINVALID, "prefix is required")
	}
	if len(prefix) > 200 {
		return nil, "", pipeline.Errorf(pipeline.EINVALID, "prefix too long")
	}
	pk := typeaheadPK(prefix)
	scope := prefix + "|" + string(typ)
	c, err := s.decodeCursor(p.Cursor, "prefix", scope)
	if err != nil {
		return nil, "", err
	}
	var start map[string]types.AttributeValue
	if c != nil {
		if start, err = (keyShape{gsi1Key, schema.GSI1PK, pk}).check(c.Key); err != nil {
			return nil, "", err
		}
		if !strings.HasPrefix(c.Key[schema.GSI1SK], prefix) {
			return nil, "", pipeline.ErrInvalidCursor
		}
	}
	kc := expression.Key(schema.GSI1PK).Equal(expression.Value(pk)).
		And(expression.Key(schema.GSI1SK).BeginsWith(prefix))
	filter := expression.Name("articles").GreaterThan(expression.Value(0))
	if typ != "" {
		filter = filter.And(expression.Name("type").Equal(expression.Value(string(typ))))
	}
	expr, err := expression.NewBuilder().WithKeyCondition(kc).WithFilter(filter).Build()
	if err != nil {
		return nil, "", err
	}
	in := &dynamodb.QueryInput{
		IndexName:                 aws.String(schema.GSI1),
		KeyConditionExpression:    expr.KeyCondition(),
		FilterExpression:          expr.Filter(),
		ExpressionAttributeNames:  expr.Names(),
		ExpressionAttributeValues: expr.Values(),
	}
	raw, next, err := s.queryPage(ctx, in, start, clampLimit(p.Limit), gsi1Key)
	if err != nil {
		return nil, "", fmt.Errorf("entities by prefix %q: %w", prefix, err)
	}
	out := make([]pipeline.EntitySummary, 0, len(raw))
	for _, it := range raw {
		var e summaryItem
		if err := unmarshalMap(it, &e); err != nil {
			return nil, "", fmt.Errorf("decode entity: %w", err)
		}
		out = append(out, e.EntitySummary)
	}
	return out, s.nextCursor(next, cursor{Kind: "prefix", Scope: scope}), nil
}
