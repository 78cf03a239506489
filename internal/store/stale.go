package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/store/schema"
)

// MaxStaleScan caps the items one StaleArticles call evaluates (the Scan's
// Limit), so one page costs a bounded number of read units however few
// articles are stale. It is also the default when the page has no limit.
const MaxStaleScan = 1000

// versionAttr is the metadata item's extractor version attribute
// (extractionState.Version); absent until the article's first extraction.
const versionAttr = "xv"

// StaleArticles returns one page of the ids of stored articles whose
// committed extraction is older than version below; an article never
// extracted (no version) counts as stale. It is the re-extraction backfill's
// source after an extractor upgrade, an operator's occasional job, so it is
// the one listing that scans: a single Scan request over the table, filtered
// to article metadata items and projected to the id.
//
// p.Limit bounds the items the Scan evaluates, not the ids it returns (at
// most MaxStaleScan; 0 means MaxStaleScan). Every item of the table counts,
// quotes and entity links included, so a page may hold fewer ids than its
// limit, or none at all with a non-empty next cursor: go on until next is
// "". The cursor is signed for this listing and this version; any other is
// pipeline.ErrInvalidCursor. Since and Until are ignored.
func (s *Store) StaleArticles(ctx context.Context, below int, p pipeline.Page) (ids []string, next string, err error) {
	if below < 1 {
		return nil, "", pipeline.Errorf(pipeline.EINVALID, "stale articles: version %d: want 1 or more", below)
	}
	scope := strconv.Itoa(below)
	c, err := s.decodeCursor(p.Cursor, "stale", scope)
	if err != nil {
		return nil, "", err
	}
	var start map[string]types.AttributeValue
	if c != nil {
		// A table scan resumes anywhere in the table: no partition to check.
		if start, err = (keyShape{attrs: tableKey}).check(c.Key); err != nil {
			return nil, "", err
		}
	}
	limit := p.Limit
	if limit <= 0 || limit > MaxStaleScan {
		limit = MaxStaleScan
	}
	filter := expression.Name(schema.SK).Equal(expression.Value(articleSK)).
		And(expression.Name(schema.PK).BeginsWith(articlePrefix)).
		And(expression.Or(
			expression.AttributeNotExists(expression.Name(versionAttr)),
			expression.Name(versionAttr).LessThan(expression.Value(below)),
		))
	expr, err := expression.NewBuilder().
		WithFilter(filter).
		WithProjection(expression.NamesList(expression.Name("id"))).
		Build()
	if err != nil {
		return nil, "", fmt.Errorf("build stale articles scan: %w", err)
	}
	out, err := s.db.Scan(ctx, &dynamodb.ScanInput{
		TableName:                 aws.String(s.table),
		FilterExpression:          expr.Filter(),
		ProjectionExpression:      expr.Projection(),
		ExpressionAttributeNames:  expr.Names(),
		ExpressionAttributeValues: expr.Values(),
		ExclusiveStartKey:         start,
		Limit:                     aws.Int32(int32(limit)),
	})
	// Capacity is not requested: Usage counts Scan's request only.
	s.record("Scan")
	if err != nil {
		return nil, "", fmt.Errorf("stale articles below v%d: %w", below, storeErr("Scan", err))
	}
	ids = make([]string, 0, len(out.Items))
	for _, it := range out.Items {
		id, ok := it["id"].(*types.AttributeValueMemberS)
		if !ok || id.Value == "" {
			continue // not written by PutArticle: nothing to re-extract
		}
		ids = append(ids, id.Value)
	}
	var nextKey map[string]string
	if out.LastEvaluatedKey != nil {
		nextKey = keyOf(out.LastEvaluatedKey, tableKey)
	}
	return ids, s.nextCursor(nextKey, cursor{Kind: "stale", Scope: scope}), nil
}
