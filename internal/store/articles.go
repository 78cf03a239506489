package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/newsquotes/newsquotes/internal/article"
	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/store/schema"
)

// maxBodyBytes keeps the body item, key and attribute names included, under
// DynamoDB's 400 KB item limit.
const maxBodyBytes = 400*1024 - 2*1024

// maxTxAttempts bounds retries of a transaction cancelled by a conflicting
// transaction on the same items.
const maxTxAttempts = 6

func validID(id string) bool {
	return id != "" && len(id) <= 200 && !strings.ContainsAny(id, "#\x00")
}

// PutArticle stores an article: its metadata item and its gzip-compressed
// body item, in one transaction, only when the article is new or its
// ContentHash changed. written is false, and nothing is written, for the same
// content again. The extraction state of a stored article is left alone:
// SaveExtraction notices a changed hash and replaces the extraction.
func (s *Store) PutArticle(ctx context.Context, a pipeline.StoredArticle) (written bool, err error) {
	if a.ID == "" {
		u := a.Article.CanonicalURL
		if u == "" {
			u = a.Article.URL
		}
		if u == "" {
			return false, pipeline.Errorf(pipeline.EINVALID, "article has no id and no URL")
		}
		a.ID = pipeline.ArticleID(u)
	}
	if !validID(a.ID) {
		return false, pipeline.Errorf(pipeline.EINVALID, "invalid article id %q", a.ID)
	}
	if a.ContentHash == "" {
		a.ContentHash = pipeline.ContentHash(a.Article.Text())
	}
	body, err := compressBody(a.Article.Paragraphs)
	if err != nil {
		return false, fmt.Errorf("compress body of %s: %w", a.ID, err)
	}
	if len(body) > maxBodyBytes {
		return false, &pipeline.Error{Code: pipeline.ETOOLARGE,
			Message: fmt.Sprintf("article body too large: %d bytes compressed, at most %d", len(body), maxBodyBytes)}
	}
	meta := a.Article
	meta.Paragraphs = nil
	metaAV, err := marshal(meta)
	if err != nil {
		return false, fmt.Errorf("marshal article %s: %w", a.ID, err)
	}
	upd := expression.Set(expression.Name("id"), expression.Value(a.ID)).
		Set(expression.Name("article"), expression.Value(metaAV)).
		Set(expression.Name("content_hash"), expression.Value(a.ContentHash)).
		Set(expression.Name("fetched_at"), expression.Value(a.FetchedAt))
	if a.SourceID != "" {
		upd = upd.Set(expression.Name("source_id"), expression.Value(a.SourceID)).
			Set(expression.Name(schema.GSI1PK), expression.Value(sourceIdxPfx+a.SourceID)).
			Set(expression.Name(schema.GSI1SK), expression.Value(ts(published(a))+"#"+a.ID))
	} else {
		upd = upd.Remove(expression.Name("source_id")).Remove(expression.Name(schema.GSI1PK)).Remove(expression.Name(schema.GSI1SK))
	}
	if a.RawHTMLKey != "" {
		upd = upd.Set(expression.Name("raw_html_key"), expression.Value(a.RawHTMLKey))
	} else {
		upd = upd.Remove(expression.Name("raw_html_key"))
	}
	cond := expression.AttributeNotExists(expression.Name(schema.PK)).
		Or(expression.Name("content_hash").NotEqual(expression.Value(a.ContentHash)))
	expr, err := expression.NewBuilder().WithUpdate(upd).WithCondition(cond).Build()
	if err != nil {
		return false, fmt.Errorf("build article update: %w", err)
	}
	bodyAV, err := marshalMap(bodyItem{PK: articlePK(a.ID), SK: bodySK, Hash: a.ContentHash, Body: body})
	if err != nil {
		return false, fmt.Errorf("marshal body %s: %w", a.ID, err)
	}
	in := &dynamodb.TransactWriteItemsInput{
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal,
		TransactItems: []types.TransactWriteItem{
			{Update: &types.Update{
				TableName:                 aws.String(s.table),
				Key:                       itemKey(articlePK(a.ID), articleSK),
				UpdateExpression:          expr.Update(),
				ConditionExpression:       expr.Condition(),
				ExpressionAttributeNames:  expr.Names(),
				ExpressionAttributeValues: expr.Values(),
			}},
			{Put: &types.Put{TableName: aws.String(s.table), Item: bodyAV}},
		},
	}
	for attempt := 0; ; attempt++ {
		codes, err := s.transact(ctx, in)
		switch {
		case err == nil:
			return true, nil
		case codes == nil:
			return false, fmt.Errorf("put article %s: %w", a.ID, err)
		case codes[0] == "ConditionalCheckFailed":
			return false, nil // same content already stored
		case attempt+1 < maxTxAttempts && retryableCancel(codes):
			if err := backoff(ctx, attempt); err != nil {
				return false, err
			}
		default:
			return false, cancelErr("put article "+a.ID, codes, err)
		}
	}
}

// transact runs TransactWriteItems; on cancellation it returns the
// per-item reason codes along with the error.
func (s *Store) transact(ctx context.Context, in *dynamodb.TransactWriteItemsInput) ([]string, error) {
	// The SDK fills ClientRequestToken into in and keeps it across its own
	// retries, which makes them idempotent (a lost response is not applied
	// twice). Each call of ours is a new attempt after a cancellation, so it
	// needs a new token: reusing one could replay the cancelled outcome.
	in.ClientRequestToken = nil
	out, err := s.db.TransactWriteItems(ctx, in)
	if out != nil {
		s.record("TransactWriteItems", out.ConsumedCapacity...)
	} else {
		s.record("TransactWriteItems")
	}
	if err == nil {
		return nil, nil
	}
	if codes := cancellationCodes(err); codes != nil {
		return codes, err
	}
	return nil, storeErr("TransactWriteItems", err)
}

// retryableCancel reports a cancellation caused by contention rather than
// by a condition: another transaction on the same items, or throttling.
func retryableCancel(codes []string) bool {
	retry := false
	for _, c := range codes {
		switch c {
		case "TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded":
			retry = true
		case "", "None":
		default:
			return false
		}
	}
	return retry
}

func cancelErr(what string, codes []string, err error) error {
	for _, c := range codes {
		switch c {
		case "ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded":
			return &pipeline.Error{Code: pipeline.ETHROTTLED, Message: "storage is busy, retry later", Err: fmt.Errorf("%s: %w", what, err)}
		case "ValidationError":
			if strings.Contains(strings.ToLower(err.Error()), "size") {
				return &pipeline.Error{Code: pipeline.ETOOLARGE, Message: "item too large to store", Err: fmt.Errorf("%s: %w", what, err)}
			}
		}
	}
	return &pipeline.Error{Code: pipeline.ECONFLICT, Message: "conflicting write, retry", Err: fmt.Errorf("%s: %v: %w", what, codes, err)}
}

func itemKey(pk, sk string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		schema.PK: &types.AttributeValueMemberS{Value: pk},
		schema.SK: &types.AttributeValueMemberS{Value: sk},
	}
}

func compressBody(ps []article.Paragraph) ([]byte, error) {
	if ps == nil {
		ps = []article.Paragraph{}
	}
	raw, err := json.Marshal(ps)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(raw); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// maxBodyExpand refuses a stored body that inflates past this, whatever
// wrote it.
const maxBodyExpand = 64 << 20

func decompressBody(b []byte) ([]article.Paragraph, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(io.LimitReader(zr, maxBodyExpand+1))
	if err != nil {
		return nil, err
	}
	if len(raw) > maxBodyExpand {
		return nil, fmt.Errorf("body inflates past %d bytes", maxBodyExpand)
	}
	var ps []article.Paragraph
	if err := json.Unmarshal(raw, &ps); err != nil {
		return nil, err
	}
	return ps, nil
}

// GetArticle returns an article with its body (one Query over its metadata
// and body items), or pipeline.ErrNotFound.
func (s *Store) GetArticle(ctx context.Context, id string) (pipeline.StoredArticle, error) {
	if !validID(id) {
		return pipeline.StoredArticle{}, fmt.Errorf("article %q: %w", id, pipeline.ErrNotFound)
	}
	kc := expression.Key(schema.PK).Equal(expression.Value(articlePK(id))).
		And(expression.Key(schema.SK).Between(expression.Value(articleSK), expression.Value(bodySK)))
	expr, err := expression.NewBuilder().WithKeyCondition(kc).Build()
	if err != nil {
		return pipeline.StoredArticle{}, err
	}
	out, err := s.query(ctx, &dynamodb.QueryInput{
		KeyConditionExpression:    expr.KeyCondition(),
		ExpressionAttributeNames:  expr.Names(),
		ExpressionAttributeValues: expr.Values(),
	})
	if err != nil {
		return pipeline.StoredArticle{}, fmt.Errorf("get article %s: %w", id, err)
	}
	var (
		meta  *articleItem
		paras []article.Paragraph
	)
	for _, it := range out.Items {
		switch skOf(it) {
		case articleSK:
			var a articleItem
			if err := unmarshalMap(it, &a); err != nil {
				return pipeline.StoredArticle{}, fmt.Errorf("decode article %s: %w", id, err)
			}
			meta = &a
		case bodySK:
			var b bodyItem
			if err := unmarshalMap(it, &b); err != nil {
				return pipeline.StoredArticle{}, fmt.Errorf("decode body %s: %w", id, err)
			}
			if paras, err = decompressBody(b.Body); err != nil {
				return pipeline.StoredArticle{}, fmt.Errorf("decompress body %s: %w", id, err)
			}
		}
	}
	if meta == nil {
		return pipeline.StoredArticle{}, fmt.Errorf("article %s: %w", id, pipeline.ErrNotFound)
	}
	rec := meta.record()
	rec.Article.Paragraphs = paras
	return rec, nil
}

func skOf(item map[string]types.AttributeValue) string {
	if v, ok := item[schema.SK].(*types.AttributeValueMemberS); ok {
		return v.Value
	}
	return ""
}

// GetArticleByURL returns the article whose canonical URL is canonicalURL.
// Article ids derive from canonical URLs, so this is GetArticle of that id.
func (s *Store) GetArticleByURL(ctx context.Context, canonicalURL string) (pipeline.StoredArticle, error) {
	if canonicalURL == "" {
		return pipeline.StoredArticle{}, fmt.Errorf("article by empty URL: %w", pipeline.ErrNotFound)
	}
	a, err := s.GetArticle(ctx, pipeline.ArticleID(canonicalURL))
	if err != nil {
		return a, err
	}
	if a.Article.CanonicalURL != "" && a.Article.CanonicalURL != canonicalURL {
		return pipeline.StoredArticle{}, fmt.Errorf("article %s: %w", canonicalURL, pipeline.ErrNotFound)
	}
	return a, nil
}

// getArticleMeta reads an article's metadata item with a strongly
// consistent read.
func (s *Store) getArticleMeta(ctx context.Context, id string) (articleItem, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName:              aws.String(s.table),
		Key:                    itemKey(articlePK(id), articleSK),
		ConsistentRead:         aws.Bool(true),
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal,
	})
	if out != nil {
		s.record("GetItem", capOf(out.ConsumedCapacity)...)
	} else {
		s.record("GetItem")
	}
	if err != nil {
		return articleItem{}, storeErr("GetItem", err)
	}
	if out.Item == nil {
		return articleItem{}, fmt.Errorf("article %s: %w", id, pipeline.ErrNotFound)
	}
	var a articleItem
	if err := unmarshalMap(out.Item, &a); err != nil {
		return articleItem{}, fmt.Errorf("decode article %s: %w", id, err)
	}
	return a, nil
}

// KnownArticles reports which of ids are stored (BatchGetItem of keys only,
// 100 per request), for the collector's dedupe.
func (s *Store) KnownArticles(ctx context.Context, ids []string) (map[string]bool, error) {
	known := make(map[string]bool, len(ids))
	var keys []map[string]types.AttributeValue
	seen := map[string]bool{}
	for _, id := range ids {
		if !validID(id) || seen[id] {
			continue
		}
		seen[id] = true
		keys = append(keys, itemKey(articlePK(id), articleSK))
	}
	items, err := s.batchGet(ctx, keys, aws.String("#pk"), map[string]string{"#pk": schema.PK})
	if err != nil {
		return nil, fmt.Errorf("known articles: %w", err)
	}
	for _, it := range items {
		if v, ok := it[schema.PK].(*types.AttributeValueMemberS); ok {
			known[strings.TrimPrefix(v.Value, articlePrefix)] = true
		}
	}
	return known, nil
}

// batchGet reads keys 100 at a time, retrying UnprocessedKeys with backoff.
func (s *Store) batchGet(ctx context.Context, keys []map[string]types.AttributeValue, projection *string, names map[string]string) ([]map[string]types.AttributeValue, error) {
	var items []map[string]types.AttributeValue
	for len(keys) > 0 {
		n := min(len(keys), 100)
		pending := map[string]types.KeysAndAttributes{s.table: {Keys: keys[:n], ProjectionExpression: projection, ExpressionAttributeNames: names}}
		keys = keys[n:]
		for attempt := 0; len(pending) > 0; attempt++ {
			if attempt > 0 {
				if attempt >= 8 {
					return nil, throttled("BatchGetItem", "keys")
				}
				if err := backoff(ctx, attempt); err != nil {
					return nil, err
				}
			}
			out, err := s.db.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{
				RequestItems:           pending,
				ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal,
			})
			if out != nil {
				s.record("BatchGetItem", out.ConsumedCapacity...)
			} else {
				s.record("BatchGetItem")
			}
			if err != nil {
				return nil, storeErr("BatchGetItem", err)
			}
			items = append(items, out.Responses[s.table]...)
			pending = out.UnprocessedKeys
		}
	}
	return items, nil
}

// ArticlesBySource lists a source's articles, newest first. Listed
// articles carry metadata only (no Paragraphs): GetArticle has the body.
func (s *Store) ArticlesBySource(ctx context.Context, sourceID string, p pipeline.Page) ([]pipeline.StoredArticle, string, error) {
	raw, next, err := s.gsi1TimePage(ctx, "src", sourceID, sourceIdxPfx+sourceID, p)
	if err != nil {
		return nil, "", fmt.Errorf("articles by source %s: %w", sourceID, err)
	}
	out := make([]pipeline.StoredArticle, 0, len(raw))
	for _, it := range raw {
		var a articleItem
		if err := unmarshalMap(it, &a); err != nil {
			return nil, "", fmt.Errorf("decode article: %w", err)
		}
		out = append(out, a.record())
	}
	return out, next, nil
}

// nextCursor encodes c at key next, or "" at the end.
func (s *Store) nextCursor(next map[string]string, c cursor) string {
	if next == nil {
		return ""
	}
	c.Key = next
	return s.encodeCursor(c)
}
