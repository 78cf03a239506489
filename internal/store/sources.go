package store

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/source"
	"github.com/newsquotes/newsquotes/internal/store/schema"
)

// Sources and their states share the partition SOURCES (a few hundred small
// items at most), so listing them is one Query.

// PutSource stores a source's configuration, replacing it.
func (s *Store) PutSource(ctx context.Context, src source.Source) error {
	if !validID(src.ID) {
		return pipeline.Errorf(pipeline.EINVALID, "invalid source id %q", src.ID)
	}
	if src.URL == "" || src.Kind == "" {
		return pipeline.Errorf(pipeline.EINVALID, "source %s needs a kind and a URL", src.ID)
	}
	return s.put(ctx, "put source "+src.ID, sourceItem{PK: sourcesPK, SK: sourceSKPrefix + src.ID, Source: src}, nil)
}

// GetSource returns a source by id, or pipeline.ErrNotFound.
func (s *Store) GetSource(ctx context.Context, id string) (source.Source, error) {
	var it sourceItem
	if err := s.get(ctx, sourcesPK, sourceSKPrefix+id, &it); err != nil {
		return source.Source{}, fmt.Errorf("source %s: %w", id, err)
	}
	return it.Source, nil
}

// ListSources returns every configured source, in id order.
func (s *Store) ListSources(ctx context.Context) ([]source.Source, error) {
	kc := expression.Key(schema.PK).Equal(expression.Value(sourcesPK)).
		And(expression.Key(schema.SK).BeginsWith(sourceSKPrefix))
	expr, err := expression.NewBuilder().WithKeyCondition(kc).Build()
	if err != nil {
		return nil, err
	}
	in := &dynamodb.QueryInput{
		KeyConditionExpression:    expr.KeyCondition(),
		ExpressionAttributeNames:  expr.Names(),
		ExpressionAttributeValues: expr.Values(),
	}
	var out []source.Source
	for {
		res, err := s.query(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("list sources: %w", err)
		}
		for _, raw := range res.Items {
			var it sourceItem
			if err := unmarshalMap(raw, &it); err != nil {
				return nil, fmt.Errorf("decode source: %w", err)
			}
			out = append(out, it.Source)
		}
		if res.LastEvaluatedKey == nil {
			return out, nil
		}
		in.ExclusiveStartKey = res.LastEvaluatedKey
	}
}

// GetSourceState returns what the collector remembers about a source; the
// zero State when it has never run.
func (s *Store) GetSourceState(ctx context.Context, id string) (source.State, error) {
	var it stateItem
	err := s.get(ctx, sourcesPK, statePrefix+id, &it)
	if pipeline.ErrorCode(err) == pipeline.ENOTFOUND {
		return source.State{}, nil
	}
	if err != nil {
		return source.State{}, fmt.Errorf("source state %s: %w", id, err)
	}
	return it.State, nil
}

// PutSourceState stores a source's state, replacing it.
func (s *Store) PutSourceState(ctx context.Context, st source.State) error {
	if !validID(st.SourceID) {
		return pipeline.Errorf(pipeline.EINVALID, "invalid source id %q", st.SourceID)
	}
	return s.put(ctx, "put source state "+st.SourceID, stateItem{PK: sourcesPK, SK: statePrefix + st.SourceID, State: st}, nil)
}

// AcquireLock takes the named lock for owner until ttl from now. It
// succeeds when the lock is free, expired or already owner's (which renews
// it); false when someone else holds it. Expired lock items are also swept
// by DynamoDB's TTL.
func (s *Store) AcquireLock(ctx context.Context, name, owner string, ttl time.Duration) (bool, error) {
	if name == "" || owner == "" || ttl <= 0 {
		return false, pipeline.Errorf(pipeline.EINVALID, "lock needs a name, an owner and a positive ttl")
	}
	now := s.now()
	exp := now.Add(ttl)
	cond := expression.AttributeNotExists(expression.Name(schema.PK)).
		Or(expression.Name("expires_at").LessThan(expression.Value(now.UnixMilli()))).
		Or(expression.Name("owner").Equal(expression.Value(owner)))
	err := s.put(ctx, "acquire lock "+name, lockItem{
		PK: lockPrefix + name, SK: lockSK, Owner: owner,
		ExpiresAt: exp.UnixMilli(), TTL: exp.Add(time.Second).Unix(),
	}, &cond)
	if isConditionFailed(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, nil
}

// ReleaseLock frees the named lock if owner holds it. Releasing a lock that
// is gone is fine; one held by another owner is ECONFLICT.
func (s *Store) ReleaseLock(ctx context.Context, name, owner string) error {
	cond := expression.AttributeNotExists(expression.Name(schema.PK)).
		Or(expression.Name("owner").Equal(expression.Value(owner)))
	expr, err := expression.NewBuilder().WithCondition(cond).Build()
	if err != nil {
		return err
	}
	out, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{
		TableName:                 aws.String(s.table),
		Key:                       itemKey(lockPrefix+name, lockSK),
		ConditionExpression:       expr.Condition(),
		ExpressionAttributeNames:  expr.Names(),
		ExpressionAttributeValues: expr.Values(),
		ReturnConsumedCapacity:    types.ReturnConsumedCapacityTotal,
	})
	if out != nil {
		s.record("DeleteItem", capOf(out.ConsumedCapacity)...)
	} else {
		s.record("DeleteItem")
	}
	if isConditionFailed(err) {
		return pipeline.Errorf(pipeline.ECONFLICT, "lock %s is held by another owner", name)
	}
	if err != nil {
		return fmt.Errorf("release lock %s: %w", name, storeErr("DeleteItem", err))
	}
	return nil
}

// put writes one item, optionally conditional. A failed condition comes
// back as the SDK's ConditionalCheckFailedException for the caller to judge.
func (s *Store) put(ctx context.Context, what string, item any, cond *expression.ConditionBuilder) error {
	av, err := marshalMap(item)
	if err != nil {
		return fmt.Errorf("%s: marshal: %w", what, err)
	}
	in := &dynamodb.PutItemInput{
		TableName:              aws.String(s.table),
		Item:                   av,
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal,
	}
	if cond != nil {
		expr, err := expression.NewBuilder().WithCondition(*cond).Build()
		if err != nil {
			return err
		}
		in.ConditionExpression = expr.Condition()
		in.ExpressionAttributeNames = expr.Names()
		in.ExpressionAttributeValues = expr.Values()
	}
	out, err := s.db.PutItem(ctx, in)
	if out != nil {
		s.record("PutItem", capOf(out.ConsumedCapacity)...)
	} else {
		s.record("PutItem")
	}
	if err != nil {
		if isConditionFailed(err) {
			return err
		}
		return fmt.Errorf("%s: %w", what, storeErr("PutItem", err))
	}
	return nil
}

// get reads one item into v, or returns pipeline.ErrNotFound.
func (s *Store) get(ctx context.Context, pk, sk string, v any) error {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName:              aws.String(s.table),
		Key:                    itemKey(pk, sk),
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal,
	})
	if out != nil {
		s.record("GetItem", capOf(out.ConsumedCapacity)...)
	} else {
		s.record("GetItem")
	}
	if err != nil {
		return storeErr("GetItem", err)
	}
	if out.Item == nil {
		return pipeline.ErrNotFound
	}
	if err := unmarshalMap(out.Item, v); err != nil {
		return fmt.Errorf("decode %s/%s: %w", pk, sk, err)
	}
	return nil
}
