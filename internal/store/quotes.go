package store

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/store/schema"
)

// GetQuote returns a quote by id: GSI3 (keys only) finds its item, GetItem
// reads it.
func (s *Store) GetQuote(ctx context.Context, id string) (pipeline.StoredQuote, error) {
	if !validID(id) {
		return pipeline.StoredQuote{}, fmt.Errorf("quote %q: %w", id, pipeline.ErrNotFound)
	}
	kc := expression.Key(schema.GSI3PK).Equal(expression.Value(id))
	expr, err := expression.NewBuilder().WithKeyCondition(kc).Build()
	if err != nil {
		return pipeline.StoredQuote{}, err
	}
	out, err := s.query(ctx, &dynamodb.QueryInput{
		IndexName:                 aws.String(schema.GSI3),
		KeyConditionExpression:    expr.KeyCondition(),
		ExpressionAttributeNames:  expr.Names(),
		ExpressionAttributeValues: expr.Values(),
		Limit:                     aws.Int32(1),
	})
	if err != nil {
		return pipeline.StoredQuote{}, fmt.Errorf("get quote %s: %w", id, err)
	}
	if len(out.Items) == 0 {
		return pipeline.StoredQuote{}, fmt.Errorf("quote %s: %w", id, pipeline.ErrNotFound)
	}
	key := map[string]types.AttributeValue{schema.PK: out.Items[0][schema.PK], schema.SK: out.Items[0][schema.SK]}
	got, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName:              aws.String(s.table),
		Key:                    key,
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal,
	})
	if got != nil {
		s.record("GetItem", capOf(got.ConsumedCapacity)...)
	} else {
		s.record("GetItem")
	}
	if err != nil {
		return pipeline.StoredQuote{}, fmt.Errorf("get quote %s: %w", id, storeErr("GetItem", err))
	}
	if got.Item == nil { // deleted by a re-extraction in between
		return pipeline.StoredQuote{}, fmt.Errorf("quote %s: %w", id, pipeline.ErrNotFound)
	}
	var q quoteItem
	if err := unmarshalMap(got.Item, &q); err != nil {
		return pipeline.StoredQuote{}, fmt.Errorf("decode quote %s: %w", id, err)
	}
	return q.StoredQuote, nil
}

// QuotesBySpeaker lists the quotes of a speaker (an entity key), newest
// first, from GSI1.
func (s *Store) QuotesBySpeaker(ctx context.Context, speakerKey string, p pipeline.Page) ([]pipeline.StoredQuote, string, error) {
	speakerKey = strings.TrimSpace(speakerKey)
	if speakerKey == "" {
		return nil, "", pipeline.Errorf(pipeline.EINVALID, "speaker key is required")
	}
	raw, next, err := s.gsi1TimePage(ctx, "spk", speakerKey, speakerPrefix+speakerKey, p)
	if err != nil {
		return nil, "", fmt.Errorf("quotes by speaker %s: %w", speakerKey, err)
	}
	qs, err := decodeQuotes(raw)
	if err != nil {
		return nil, "", err
	}
	return qs, next, nil
}

func decodeQuotes(raw []map[string]types.AttributeValue) ([]pipeline.StoredQuote, error) {
	out := make([]pipeline.StoredQuote, 0, len(raw))
	for _, it := range raw {
		var q quoteItem
		if err := unmarshalMap(it, &q); err != nil {
			return nil, fmt.Errorf("decode quote: %w", err)
		}
		out = append(out, q.StoredQuote)
	}
	return out, nil
}

// QuotesByEntity lists the quotes whose text mentions an entity, newest
// article first and in text order within an article. GSI1 lists the
// entity's article links (each holding the ids of the article's quotes that
// mention it); one BatchGetItem reads the page's quotes. The cursor is the
// last link read and how many of its quotes were returned.
func (s *Store) QuotesByEntity(ctx context.Context, entityKey string, p pipeline.Page) ([]pipeline.StoredQuote, string, error) {
	entityKey = strings.TrimSpace(entityKey)
	if entityKey == "" {
		return nil, "", pipeline.Errorf(pipeline.EINVALID, "entity key is required")
	}
	pk := entityPrefix + entityKey
	scope := entityKey + "|" + boundsScope(p)
	c, err := s.decodeCursor(p.Cursor, "ent", scope)
	if err != nil {
		return nil, "", err
	}
	limit := clampLimit(p.Limit)
	type ref struct{ articleID, quoteID string }
	var (
		refs  []ref
		start map[string]types.AttributeValue
		// position after the page: the link and how many of its quotes
		// were taken (0: all of them).
		lastLink map[string]string
		lastN    int
	)
	// take appends a link's quote ids from skip on; it reports a full page.
	take := func(l linkItem, key map[string]string, skip int) bool {
		for i := skip; i < len(l.QuoteIDs); i++ {
			if len(refs) == limit {
				if i > 0 { // else the page ended with the previous link
					lastLink, lastN = key, i
				}
				return true
			}
			refs = append(refs, ref{l.ArticleID, l.QuoteIDs[i]})
		}
		lastLink, lastN = key, 0
		return false
	}
	full := false
	if c != nil {
		if start, err = (keyShape{gsi1Key, schema.GSI1PK, pk}).check(c.Key); err != nil {
			return nil, "", err
		}
		if !strings.HasPrefix(c.Key[schema.PK], articlePrefix) || c.Key[schema.SK] != linkSKPrefix+entityKey {
			return nil, "", pipeline.ErrInvalidCursor
		}
		if c.N > 0 { // inside a link: read it again for its remaining quotes
			l, found, err := s.getLink(ctx, c.Key[schema.PK], c.Key[schema.SK])
			if err != nil {
				return nil, "", err
			}
			if found {
				full = take(l, c.Key, c.N)
			}
		}
	}
	in, err := timeIndexQuery(schema.GSI1, schema.GSI1PK, schema.GSI1SK, pk, p)
	if err != nil {
		return nil, "", err
	}
	more := true
	for req := 0; !full && more && req < maxFilteredRequests; req++ {
		in.Limit = aws.Int32(int32(limit))
		in.ExclusiveStartKey = start
		out, err := s.query(ctx, in)
		if err != nil {
			return nil, "", fmt.Errorf("quotes by entity %s: %w", entityKey, err)
		}
		for i, it := range out.Items {
			var l linkItem
			if err := unmarshalMap(it, &l); err != nil {
				return nil, "", fmt.Errorf("decode entity link: %w", err)
			}
			if full = take(l, keyOf(it, gsi1Key), 0); full {
				break
			}
			if i == len(out.Items)-1 && out.LastEvaluatedKey == nil {
				more = false
			}
		}
		if out.LastEvaluatedKey == nil {
			more = false
		} else if !full {
			start = out.LastEvaluatedKey
			lastLink, lastN = keyOf(start, gsi1Key), 0
		}
	}
	next := ""
	if (full || more) && lastLink != nil {
		next = s.encodeCursor(cursor{Kind: "ent", Scope: scope, Key: lastLink, N: lastN})
	}
	if len(refs) == 0 {
		return []pipeline.StoredQuote{}, next, nil
	}
	keys := make([]map[string]types.AttributeValue, len(refs))
	for i, r := range refs {
		keys[i] = itemKey(articlePK(r.articleID), quoteSKPrefix+r.quoteID)
	}
	items, err := s.batchGet(ctx, keys, nil, nil)
	if err != nil {
		return nil, "", fmt.Errorf("quotes by entity %s: %w", entityKey, err)
	}
	byID := map[string]pipeline.StoredQuote{}
	qs, err := decodeQuotes(items)
	if err != nil {
		return nil, "", err
	}
	for _, q := range qs {
		byID[q.ID] = q
	}
	out := make([]pipeline.StoredQuote, 0, len(refs))
	for _, r := range refs {
		if q, ok := byID[r.quoteID]; ok { // a re-extraction may have removed it
			out = append(out, q)
		}
	}
	return out, next, nil
}

func (s *Store) getLink(ctx context.Context, pk, sk string) (linkItem, bool, error) {
	var l linkItem
	switch err := s.get(ctx, pk, sk, &l); {
	case errors.Is(err, pipeline.ErrNotFound):
		return linkItem{}, false, nil
	case err != nil:
		return linkItem{}, false, fmt.Errorf("entity link: %w", err)
	}
	return l, true, nil
}

// RecentQuotes lists quotes across all articles, newest first. The day
// registry (partition DAYS) says which days have quotes, between p.Since and
// p.Until; each day's quotes are spread over DayShards GSI2 partitions,
// read in parallel positions and merged. The cursor holds the day and the
// position in each of its shards.
func (s *Store) RecentQuotes(ctx context.Context, p pipeline.Page) ([]pipeline.StoredQuote, string, error) {
	scope := boundsScope(p)
	c, err := s.decodeCursor(p.Cursor, "recent", scope)
	if err != nil {
		return nil, "", err
	}
	limit := clampLimit(p.Limit)
	loDay, hiDay := "0000-00-00", "9999-99-99"
	if !p.Since.IsZero() {
		loDay = day(p.Since)
	}
	if !p.Until.IsZero() {
		hiDay = day(p.Until.Add(-time.Nanosecond))
	}
	var shards []shardPos
	if c != nil {
		if _, err := time.Parse("2006-01-02", c.Day); err != nil || c.Day < loDay || c.Day > hiDay || len(c.Shard) != DayShards {
			return nil, "", pipeline.ErrInvalidCursor
		}
		shards = c.Shard
		for i, sp := range shards {
			if sp.Key == nil {
				continue
			}
			if sp.Done {
				return nil, "", pipeline.ErrInvalidCursor
			}
			if _, err := (keyShape{gsi2Key, schema.GSI2PK, fmt.Sprintf("%s%s#%d", dayPrefix, c.Day, i)}).check(sp.Key); err != nil {
				return nil, "", err
			}
		}
		hiDay = c.Day
	}
	days := &dayIter{s: s, lo: loDay, hi: hiDay}
	var out []pipeline.StoredQuote
	for {
		d, ok, err := days.next(ctx)
		if err != nil {
			return nil, "", fmt.Errorf("recent quotes: %w", err)
		}
		if !ok {
			return out, "", nil
		}
		if c == nil || d != c.Day {
			shards = make([]shardPos, DayShards)
		}
		c = nil
		for {
			got, done, err := s.readDay(ctx, d, shards, p, limit-len(out))
			if err != nil {
				return nil, "", fmt.Errorf("recent quotes of %s: %w", d, err)
			}
			out = append(out, got...)
			if len(out) == limit {
				return out, s.encodeCursor(cursor{Kind: "recent", Scope: scope, Day: d, Shard: shards}), nil
			}
			if done {
				break
			}
		}
	}
}

// readDay merges the next up-to-need quotes of a day's shards, newest
// first, advancing shards in place; done reports every shard exhausted.
// Each shard returns at most need items after its position, so the newest
// need of their union are the day's next need quotes.
func (s *Store) readDay(ctx context.Context, d string, shards []shardPos, p pipeline.Page, need int) (_ []pipeline.StoredQuote, done bool, _ error) {
	type cand struct {
		shard int
		sk    string
		item  map[string]types.AttributeValue
	}
	var cands []cand
	returned := make([]int, DayShards)
	after := make([]map[string]types.AttributeValue, DayShards) // LastEvaluatedKey of each shard
	for i := range shards {
		if shards[i].Done {
			continue
		}
		in, err := timeIndexQuery(schema.GSI2, schema.GSI2PK, schema.GSI2SK, fmt.Sprintf("%s%s#%d", dayPrefix, d, i), p)
		if err != nil {
			return nil, false, err
		}
		in.Limit = aws.Int32(int32(need))
		if shards[i].Key != nil {
			if in.ExclusiveStartKey, err = (keyShape{attrs: gsi2Key}).check(shards[i].Key); err != nil {
				return nil, false, err
			}
		}
		out, err := s.query(ctx, in)
		if err != nil {
			return nil, false, err
		}
		for _, it := range out.Items {
			sk := ""
			if v, ok := it[schema.GSI2SK].(*types.AttributeValueMemberS); ok {
				sk = v.Value
			}
			cands = append(cands, cand{i, sk, it})
		}
		returned[i] = len(out.Items)
		after[i] = out.LastEvaluatedKey
	}
	sort.Slice(cands, func(a, b int) bool { return cands[a].sk > cands[b].sk })
	if len(cands) > need {
		cands = cands[:need]
	}
	taken := make([]int, DayShards)
	raw := make([]map[string]types.AttributeValue, 0, len(cands))
	for _, c := range cands {
		shards[c.shard].Key = keyOf(c.item, gsi2Key)
		taken[c.shard]++
		raw = append(raw, c.item)
	}
	done = true
	for i := range shards {
		switch {
		case shards[i].Done:
		case taken[i] == returned[i] && after[i] == nil:
			shards[i] = shardPos{Done: true}
		case returned[i] == 0:
			// an empty page that is not the end: move past it
			shards[i].Key = keyOf(after[i], gsi2Key)
		}
		if !shards[i].Done {
			done = false
		}
	}
	qs, err := decodeQuotes(raw)
	return qs, done, err
}

// dayIter walks the day registry from hi down to lo, 30 days a Query.
type dayIter struct {
	s      *Store
	lo, hi string
	buf    []string
	start  map[string]types.AttributeValue
	end    bool
}

func (it *dayIter) next(ctx context.Context) (string, bool, error) {
	for len(it.buf) == 0 {
		if it.end {
			return "", false, nil
		}
		kc := expression.Key(schema.PK).Equal(expression.Value(daysPK)).
			And(expression.Key(schema.SK).Between(expression.Value(it.lo), expression.Value(it.hi)))
		expr, err := expression.NewBuilder().WithKeyCondition(kc).Build()
		if err != nil {
			return "", false, err
		}
		out, err := it.s.query(ctx, &dynamodb.QueryInput{
			KeyConditionExpression:    expr.KeyCondition(),
			ExpressionAttributeNames:  expr.Names(),
			ExpressionAttributeValues: expr.Values(),
			ScanIndexForward:          aws.Bool(false),
			ExclusiveStartKey:         it.start,
			Limit:                     aws.Int32(30),
		})
		if err != nil {
			return "", false, err
		}
		for _, item := range out.Items {
			it.buf = append(it.buf, skOf(item))
		}
		it.start = out.LastEvaluatedKey
		it.end = out.LastEvaluatedKey == nil
	}
	d := it.buf[0]
	it.buf = it.buf[1:]
	return d, true, nil
}
