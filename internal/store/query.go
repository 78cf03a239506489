package store

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/store/schema"
)

var (
	tableKey = []string{schema.PK, schema.SK}
	gsi1Key  = []string{schema.PK, schema.SK, schema.GSI1PK, schema.GSI1SK}
	gsi2Key  = []string{schema.PK, schema.SK, schema.GSI2PK, schema.GSI2SK}
)

// maxFilteredRequests bounds the Query calls one filtered page may make; a
// page that hits it comes back short, with a cursor to go on.
const maxFilteredRequests = 8

// query runs one Query request and records it.
func (s *Store) query(ctx context.Context, in *dynamodb.QueryInput) (*dynamodb.QueryOutput, error) {
	in.TableName = aws.String(s.table)
	in.ReturnConsumedCapacity = types.ReturnConsumedCapacityTotal
	out, err := s.db.Query(ctx, in)
	if out != nil {
		s.record("Query", capOf(out.ConsumedCapacity)...)
	} else {
		s.record("Query")
	}
	if err != nil {
		return nil, storeErr("Query", err)
	}
	return out, nil
}

// queryPage reads up to limit items of a Query from start, following
// LastEvaluatedKey as needed (filters, 1 MB pages). next is the key of the
// last item returned when more may follow, nil at the end.
func (s *Store) queryPage(ctx context.Context, in *dynamodb.QueryInput, start map[string]types.AttributeValue, limit int, keyAttrs []string) (items []map[string]types.AttributeValue, next map[string]string, err error) {
	filtered := in.FilterExpression != nil
	for req := 0; ; req++ {
		want := limit - len(items)
		if filtered {
			want = limit
		}
		in.Limit = aws.Int32(int32(want))
		in.ExclusiveStartKey = start
		out, err := s.query(ctx, in)
		if err != nil {
			return nil, nil, err
		}
		for i, it := range out.Items {
			items = append(items, it)
			if len(items) == limit {
				if i == len(out.Items)-1 && out.LastEvaluatedKey == nil {
					return items, nil, nil
				}
				return items, keyOf(it, keyAttrs), nil
			}
		}
		if out.LastEvaluatedKey == nil {
			return items, nil, nil
		}
		start = out.LastEvaluatedKey
		if filtered && req+1 >= maxFilteredRequests {
			return items, keyOf(start, keyAttrs), nil
		}
	}
}

// timeBounds turns a page's Since/Until into sort key bounds for "time#id"
// sort keys: Since inclusive, Until exclusive ("T#id" sorts after "T").
func timeBounds(p pipeline.Page) (lo, hi string) {
	lo, hi = "0", "9"
	if !p.Since.IsZero() {
		lo = ts(p.Since)
	}
	if !p.Until.IsZero() {
		hi = ts(p.Until)
	}
	return lo, hi
}

func boundsScope(p pipeline.Page) string {
	f := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return ts(t)
	}
	return f(p.Since) + "|" + f(p.Until)
}

// timeIndexQuery builds a newest-first Query of GSI1 partition pk within the
// page's time bounds.
func timeIndexQuery(index, pkAttr, skAttr, pk string, p pipeline.Page) (*dynamodb.QueryInput, error) {
	lo, hi := timeBounds(p)
	kc := expression.Key(pkAttr).Equal(expression.Value(pk)).
		And(expression.Key(skAttr).Between(expression.Value(lo), expression.Value(hi)))
	expr, err := expression.NewBuilder().WithKeyCondition(kc).Build()
	if err != nil {
		return nil, err
	}
	return &dynamodb.QueryInput{
		IndexName:                 aws.String(index),
		KeyConditionExpression:    expr.KeyCondition(),
		ExpressionAttributeNames:  expr.Names(),
		ExpressionAttributeValues: expr.Values(),
		ScanIndexForward:          aws.Bool(false),
	}, nil
}

// gsi1TimePage reads one page of the GSI1 partition pk in time order
// (newest first, bounded by p.Since and p.Until), resuming from p.Cursor,
// which must be a cursor of this kind issued for this key and these bounds.
// It returns the items and the next page's cursor ("" at the end).
func (s *Store) gsi1TimePage(ctx context.Context, kind, key, pk string, p pipeline.Page) ([]map[string]types.AttributeValue, string, error) {
	scope := key + "|" + boundsScope(p)
	c, err := s.decodeCursor(p.Cursor, kind, scope)
	if err != nil {
		return nil, "", err
	}
	var start map[string]types.AttributeValue
	if c != nil {
		if start, err = (keyShape{gsi1Key, schema.GSI1PK, pk}).check(c.Key); err != nil {
			return nil, "", err
		}
	}
	in, err := timeIndexQuery(schema.GSI1, schema.GSI1PK, schema.GSI1SK, pk, p)
	if err != nil {
		return nil, "", err
	}
	raw, next, err := s.queryPage(ctx, in, start, clampLimit(p.Limit), gsi1Key)
	if err != nil {
		return nil, "", err
	}
	return raw, s.nextCursor(next, cursor{Kind: kind, Scope: scope}), nil
}
