package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/newsquotes/newsquotes/internal/entity"
	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/store/schema"
)

// Outcome says what SaveExtractionOutcome did.
type Outcome int

const (
	// Written: a new extraction was committed and its items written.
	Written Outcome = iota + 1
	// Unchanged: the same extraction (version and content) is stored
	// complete; nothing was written.
	Unchanged
	// Stale: a newer extractor version is stored; nothing was written.
	Stale
	// Repaired: the same extraction was committed but a writer died before
	// all its items were written; the missing items were written.
	Repaired
)

func (o Outcome) String() string {
	switch o {
	case Written:
		return "written"
	case Unchanged:
		return "unchanged"
	case Stale:
		return "stale"
	case Repaired:
		return "repaired"
	}
	return "none"
}

// Limits of one extraction. A transaction holds at most 100 items: the
// article, the day registry and one entity summary per entity.
const (
	maxSummaryUpdates = 98
	maxChildItemBytes = 300 * 1024
	maxSaveAttempts   = 10
)

// SaveExtraction stores an article's quotes and entities (see
// SaveExtractionOutcome). An extraction older than the stored one is a no-op
// that returns nil and logs at Info; use SaveExtractionOutcome to tell.
func (s *Store) SaveExtraction(ctx context.Context, articleID string, x *pipeline.Extraction) error {
	o, err := s.SaveExtractionOutcome(ctx, articleID, x)
	if o == Stale {
		s.log.InfoContext(ctx, "older extraction ignored", "article", articleID, "version", x.Version)
	}
	return err
}

// SaveExtractionOutcome stores the quotes and entities extracted from a
// stored article, replacing a previous extraction consistently.
//
// The article's metadata item holds the committed extraction: version,
// content hash, generation and the sort keys of its child items (quotes and
// entity links, which live in the article's item collection). A save
//  1. reads the article (consistent) and, when it had an extraction, the
//     keys and generations of its child items (one Query);
//  2. stops when the stored version is newer (Stale) or the same
//     extraction is stored complete (Unchanged); waits while another
//     writer's items are still in flight (its lease);
//  3. commits in one transaction: the article's new extraction state
//     (conditional on the generation read, so concurrent savers serialise),
//     the entity summaries' counter deltas and the day registry;
//  4. writes the child items with BatchWriteItem, stamped with the new
//     generation, and deletes the old ones the new extraction does not have.
//
// Readers show only children of the committed generation, so a reader never
// sees two extractions mixed. A writer that dies between 3 and 4 leaves the
// article incomplete; the next save of any version repairs it once the
// lease has passed.
func (s *Store) SaveExtractionOutcome(ctx context.Context, articleID string, x *pipeline.Extraction) (Outcome, error) {
	if x == nil || x.Version <= 0 {
		return 0, pipeline.Errorf(pipeline.EINVALID, "extraction without a version")
	}
	if !validID(articleID) {
		return 0, pipeline.Errorf(pipeline.EINVALID, "invalid article id %q", articleID)
	}
	for attempt := 0; ; attempt++ {
		if attempt >= maxSaveAttempts {
			return 0, pipeline.Errorf(pipeline.ECONFLICT, "extraction of article %s is being written by another worker; retry later", articleID)
		}
		if attempt > 0 {
			if err := backoff(ctx, attempt+1); err != nil {
				return 0, err
			}
		}
		art, err := s.getArticleMeta(ctx, articleID)
		if err != nil {
			return 0, fmt.Errorf("save extraction: %w", err)
		}
		plan, err := buildPlan(art.record(), x)
		if err != nil {
			return 0, err
		}
		st := art.extractionState
		if st.Version > plan.version {
			return Stale, nil
		}
		var existing map[string]int
		if st.Gen > 0 {
			if existing, err = s.childGens(ctx, articleID); err != nil {
				return 0, fmt.Errorf("save extraction %s: %w", articleID, err)
			}
		}
		complete := st.complete(existing)
		busy := st.BusyUntil > s.now().UnixMilli()
		if st.Version == plan.version && st.Hash == plan.hash {
			switch {
			case complete:
				return Unchanged, nil
			case busy:
				continue // its writer is still at step 4
			case slices.Equal(st.Keys, plan.keys):
				if err := s.writeChildren(ctx, plan, st.Gen, existing); err != nil {
					return 0, fmt.Errorf("repair extraction %s: %w", articleID, err)
				}
				return Repaired, nil
			}
		}
		if !complete && busy {
			continue
		}
		retry, err := s.commitExtraction(ctx, art, plan)
		if err != nil {
			return 0, fmt.Errorf("save extraction %s: %w", articleID, err)
		}
		if retry {
			continue
		}
		if err := s.writeChildren(ctx, plan, st.Gen+1, existing); err != nil {
			return 0, fmt.Errorf("save extraction %s: %w", articleID, err)
		}
		return Written, nil
	}
}

// complete reports whether the committed children are all stored with the
// committed generation and nothing else is.
func (st extractionState) complete(existing map[string]int) bool {
	if st.Gen == 0 {
		return false
	}
	if len(existing) != len(st.Keys) {
		return false
	}
	for _, k := range st.Keys {
		if g, ok := existing[k]; !ok || g != st.Gen {
			return false
		}
	}
	return true
}

// extractionPlan is an extraction turned into items.
type extractionPlan struct {
	articleID string
	version   int
	hash      string
	published time.Time
	quotes    []quoteItem
	links     []linkItem
	keys      []string       // sorted sort keys of quotes and links
	speakers  map[string]int // entity key -> quotes it speaks, for every linked entity
	entities  []entity.Entity
}

// buildPlan derives the items of an extraction. Quotes and entities with the
// same id or key are merged, so the plan never writes one key twice.
func buildPlan(art pipeline.StoredArticle, x *pipeline.Extraction) (extractionPlan, error) {
	p := extractionPlan{
		articleID: art.ID,
		version:   x.Version,
		published: published(art),
		speakers:  map[string]int{},
	}
	switch {
	case x.Text != "":
		p.hash = pipeline.ContentHash(x.Text)
	case x.Article != nil && len(x.Article.Paragraphs) > 0:
		p.hash = pipeline.ContentHash(x.Article.Text())
	default:
		p.hash = art.ContentHash
	}

	// Entities, merged by key.
	byKey := map[string]int{}
	byID := map[string]string{}
	byName := map[string]string{}
	for _, e := range x.Entities {
		k := entityKey(e)
		if k == "" || len(k) > 512 {
			continue
		}
		if e.ID != "" {
			byID[e.ID] = k
		}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if n = strings.ToLower(strings.TrimSpace(n)); n != "" {
				if _, ok := byName[n]; !ok {
					byName[n] = k
				}
			}
		}
		if i, ok := byKey[k]; ok {
			m := &p.entities[i]
			m.Aliases = union(m.Aliases, e.Aliases)
			m.Titles = union(m.Titles, e.Titles)
			m.Mentions = append(m.Mentions, e.Mentions...)
			continue
		}
		e.Key = k
		byKey[k] = len(p.entities)
		p.entities = append(p.entities, e)
		p.speakers[k] = 0
	}

	// Quotes, merged by id, in text order.
	qs := slices.Clone(x.Quotes)
	sort.SliceStable(qs, func(i, j int) bool { return qs[i].Start < qs[j].Start })
	seen := map[string]bool{}
	mentions := map[string][]string{} // entity key -> quote ids mentioning it
	pub := ts(p.published)
	for _, q := range qs {
		id := pipeline.QuoteID(art.ID, q)
		if seen[id] {
			continue
		}
		seen[id] = true
		speaker := ""
		if k, ok := byID[q.Speaker.Entity]; ok && q.Speaker.Entity != "" {
			speaker = k
		} else if n := strings.ToLower(strings.Join(strings.Fields(q.Speaker.Name), " ")); n != "" {
			speaker = n
			if k, ok := byName[n]; ok {
				speaker = k
			}
		}
		if _, ok := p.speakers[speaker]; ok && speaker != "" {
			p.speakers[speaker]++
		}
		var keys []string
		for _, e := range p.entities {
			for _, m := range e.Mentions {
				if m.Start >= q.Start && m.End <= q.End && m.End > m.Start {
					keys = append(keys, e.Key)
					mentions[e.Key] = append(mentions[e.Key], id)
					break
				}
			}
		}
		it := quoteItem{
			PK:     articlePK(art.ID),
			SK:     quoteSKPrefix + id,
			GSI2PK: fmt.Sprintf("%s%s#%d", dayPrefix, day(p.published), dayShard(id)),
			GSI2SK: pub + "#" + id,
			GSI3PK: id,
			StoredQuote: pipeline.StoredQuote{
				ID:           id,
				ArticleID:    art.ID,
				ArticleURL:   firstNonEmpty(art.Article.CanonicalURL, art.Article.URL),
				ArticleTitle: art.Article.Title,
				Published:    p.published,
				SpeakerKey:   speaker,
				EntityKeys:   keys,
				Quote:        q,
			},
		}
		if speaker != "" {
			it.GSI1PK = speakerPrefix + speaker
			it.GSI1SK = pub + "#" + id
		}
		p.quotes = append(p.quotes, it)
		p.keys = append(p.keys, it.SK)
	}
	for _, e := range p.entities {
		p.links = append(p.links, linkItem{
			PK:        articlePK(art.ID),
			SK:        linkSKPrefix + e.Key,
			GSI1PK:    entityPrefix + e.Key,
			GSI1SK:    pub + "#" + art.ID,
			ArticleID: art.ID,
			Entity:    e,
			QuoteIDs:  mentions[e.Key],
		})
		p.keys = append(p.keys, linkSKPrefix+e.Key)
	}
	sort.Strings(p.keys)
	for _, q := range p.quotes {
		if b, _ := json.Marshal(q); len(b) > maxChildItemBytes {
			return p, &pipeline.Error{Code: pipeline.ETOOLARGE, Message: fmt.Sprintf("quote %s too large to store (%d bytes)", q.ID, len(b))}
		}
	}
	for _, l := range p.links {
		if b, _ := json.Marshal(l); len(b) > maxChildItemBytes {
			return p, &pipeline.Error{Code: pipeline.ETOOLARGE, Message: fmt.Sprintf("entity %s too large to store (%d bytes)", l.Entity.Key, len(b))}
		}
	}
	return p, nil
}

func union(a, b []string) []string {
	for _, s := range b {
		if !slices.Contains(a, s) {
			a = append(a, s)
		}
	}
	return a
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// childGens returns the sort keys of an article's quotes and entity links
// with the generation each carries (consistent Query, keys only).
func (s *Store) childGens(ctx context.Context, articleID string) (map[string]int, error) {
	kc := expression.Key(schema.PK).Equal(expression.Value(articlePK(articleID))).
		And(expression.Key(schema.SK).GreaterThan(expression.Value(bodySK)))
	proj := expression.NamesList(expression.Name(schema.SK), expression.Name("xg"))
	expr, err := expression.NewBuilder().WithKeyCondition(kc).WithProjection(proj).Build()
	if err != nil {
		return nil, err
	}
	in := &dynamodb.QueryInput{
		KeyConditionExpression:    expr.KeyCondition(),
		ProjectionExpression:      expr.Projection(),
		ExpressionAttributeNames:  expr.Names(),
		ExpressionAttributeValues: expr.Values(),
		ConsistentRead:            aws.Bool(true),
	}
	gens := map[string]int{}
	for {
		out, err := s.query(ctx, in)
		if err != nil {
			return nil, err
		}
		for _, it := range out.Items {
			var c struct {
				SK  string `json:"SK"`
				Gen int    `json:"xg"`
			}
			if err := unmarshalMap(it, &c); err != nil {
				return nil, fmt.Errorf("decode child key: %w", err)
			}
			gens[c.SK] = c.Gen
		}
		if out.LastEvaluatedKey == nil {
			return gens, nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}

// commitExtraction runs step 3 of SaveExtractionOutcome. retry is true when
// the transaction lost a race (the article or a summary changed since it was
// read) and the save should start over.
func (s *Store) commitExtraction(ctx context.Context, art articleItem, p extractionPlan) (retry bool, err error) {
	old := art.extractionState
	touched := map[string]bool{}
	for _, e := range p.entities {
		touched[e.Key] = true
	}
	var removed []string
	for k := range old.Speakers {
		if !touched[k] {
			removed = append(removed, k)
		}
	}
	sort.Strings(removed)
	if n := len(p.entities) + len(removed); n > maxSummaryUpdates {
		return false, &pipeline.Error{Code: pipeline.ETOOLARGE,
			Message: fmt.Sprintf("extraction touches %d entities; at most %d per article", n, maxSummaryUpdates)}
	}
	lastSeen, dayKnown, err := s.readBeforeCommit(ctx, p)
	if err != nil {
		return false, err
	}

	gen := old.Gen + 1
	keys := p.keys
	if keys == nil {
		keys = []string{}
	}
	speakersAV, err := marshal(p.speakers)
	if err != nil {
		return false, err
	}
	upd := expression.Set(expression.Name("xv"), expression.Value(p.version)).
		Set(expression.Name("xgen"), expression.Value(gen)).
		Set(expression.Name("xhash"), expression.Value(p.hash)).
		Set(expression.Name("xkeys"), expression.Value(keys)).
		Set(expression.Name("xents"), expression.Value(speakersAV)).
		Set(expression.Name("xday"), expression.Value(day(p.published))).
		Set(expression.Name("xbusy"), expression.Value(s.now().Add(s.lease).UnixMilli()))
	cond := expression.AttributeExists(expression.Name(schema.PK))
	if old.Gen == 0 {
		cond = cond.And(expression.AttributeNotExists(expression.Name("xgen")))
	} else {
		cond = cond.And(expression.Name("xgen").Equal(expression.Value(old.Gen)))
	}
	items := []types.TransactWriteItem{}
	u, err := s.updateItem(itemKey(articlePK(art.ID), articleSK), upd, &cond)
	if err != nil {
		return false, err
	}
	items = append(items, types.TransactWriteItem{Update: u})
	if len(p.quotes) > 0 && !dayKnown {
		// Only the day's first extraction writes the registry item, so
		// concurrent extractions do not all contend on it.
		items = append(items, types.TransactWriteItem{Put: &types.Put{
			TableName: aws.String(s.table),
			Item:      itemKey(daysPK, day(p.published)),
		}})
	}
	pub := ts(p.published)
	for _, e := range p.entities {
		da := 0
		if _, ok := old.Speakers[e.Key]; !ok {
			da = 1
		}
		upd := expression.Set(expression.Name(schema.GSI1PK), expression.Value(typeaheadPK(e.Key))).
			Set(expression.Name(schema.GSI1SK), expression.Value(e.Key)).
			Set(expression.Name("key"), expression.Value(e.Key)).
			Set(expression.Name("type"), expression.IfNotExists(expression.Name("type"), expression.Value(string(e.Type)))).
			Set(expression.Name("name"), expression.IfNotExists(expression.Name("name"), expression.Value(e.Name))).
			Add(expression.Name("articles"), expression.Value(da)).
			Add(expression.Name("quotes"), expression.Value(p.speakers[e.Key]-old.Speakers[e.Key]))
		if ss := stringSet(append([]string{e.Name}, e.Aliases...)); ss != nil {
			upd = upd.Add(expression.Name("aliases"), expression.Value(ss))
		}
		if ss := stringSet(e.Titles); ss != nil {
			upd = upd.Add(expression.Name("titles"), expression.Value(ss))
		}
		var c *expression.ConditionBuilder
		if seen, ok := lastSeen[e.Key]; !ok || seen < pub {
			// Only ever move LastSeen forward: the condition makes a
			// concurrent later article win (this transaction retries).
			upd = upd.Set(expression.Name("last_seen"), expression.Value(pub))
			cc := expression.AttributeNotExists(expression.Name("last_seen")).
				Or(expression.Name("last_seen").LessThan(expression.Value(pub)))
			c = &cc
		}
		u, err := s.updateItem(itemKey(entityPrefix+e.Key, entitySummary), upd, c)
		if err != nil {
			return false, err
		}
		items = append(items, types.TransactWriteItem{Update: u})
	}
	for _, k := range removed {
		upd := expression.Add(expression.Name("articles"), expression.Value(-1)).
			Add(expression.Name("quotes"), expression.Value(-old.Speakers[k]))
		u, err := s.updateItem(itemKey(entityPrefix+k, entitySummary), upd, nil)
		if err != nil {
			return false, err
		}
		items = append(items, types.TransactWriteItem{Update: u})
	}
	in := &dynamodb.TransactWriteItemsInput{TransactItems: items, ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal}
	for attempt := 0; ; attempt++ {
		codes, err := s.transact(ctx, in)
		switch {
		case err == nil:
			return false, nil
		case codes == nil:
			return false, err
		case slices.Contains(codes, "ConditionalCheckFailed"):
			return true, nil
		case attempt+1 < maxTxAttempts && retryableCancel(codes):
			if err := backoff(ctx, attempt); err != nil {
				return false, err
			}
		default:
			return false, cancelErr("commit extraction of "+art.ID, codes, err)
		}
	}
}

func (s *Store) updateItem(key map[string]types.AttributeValue, upd expression.UpdateBuilder, cond *expression.ConditionBuilder) (*types.Update, error) {
	b := expression.NewBuilder().WithUpdate(upd)
	if cond != nil {
		b = b.WithCondition(*cond)
	}
	expr, err := b.Build()
	if err != nil {
		return nil, fmt.Errorf("build update: %w", err)
	}
	return &types.Update{
		TableName:                 aws.String(s.table),
		Key:                       key,
		UpdateExpression:          expr.Update(),
		ConditionExpression:       expr.Condition(),
		ExpressionAttributeNames:  expr.Names(),
		ExpressionAttributeValues: expr.Values(),
	}, nil
}

func stringSet(ss []string) types.AttributeValue {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return &types.AttributeValueMemberSS{Value: out}
}

// readBeforeCommit reads, in one BatchGetItem per 100 keys, the stored
// LastSeen of the plan's entity summaries (sort-key format) and whether the
// day registry already has the plan's day.
func (s *Store) readBeforeCommit(ctx context.Context, p extractionPlan) (lastSeen map[string]string, dayKnown bool, err error) {
	keys := make([]map[string]types.AttributeValue, 0, len(p.entities)+1)
	for _, e := range p.entities {
		keys = append(keys, itemKey(entityPrefix+e.Key, entitySummary))
	}
	if len(p.quotes) > 0 {
		keys = append(keys, itemKey(daysPK, day(p.published)))
	}
	items, err := s.batchGet(ctx, keys, aws.String("#pk, #k, #ls"), map[string]string{"#pk": schema.PK, "#k": "key", "#ls": "last_seen"})
	if err != nil {
		return nil, false, err
	}
	lastSeen = map[string]string{}
	for _, it := range items {
		var v struct {
			PK       string `json:"PK"`
			Key      string `json:"key"`
			LastSeen string `json:"last_seen"`
		}
		if err := unmarshalMap(it, &v); err != nil {
			continue
		}
		if v.PK == daysPK {
			dayKnown = true
		} else if v.Key != "" {
			lastSeen[v.Key] = v.LastSeen
		}
	}
	return lastSeen, dayKnown, nil
}

// writeChildren runs step 4: puts the plan's items stamped with gen and
// deletes existing children the plan does not have.
func (s *Store) writeChildren(ctx context.Context, p extractionPlan, gen int, existing map[string]int) error {
	reqs := make([]types.WriteRequest, 0, len(p.quotes)+len(p.links))
	want := map[string]bool{}
	for _, q := range p.quotes {
		q.Gen = gen
		av, err := marshalMap(q)
		if err != nil {
			return fmt.Errorf("marshal quote %s: %w", q.ID, err)
		}
		reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: av}})
		want[q.SK] = true
	}
	for _, l := range p.links {
		l.Gen = gen
		av, err := marshalMap(l)
		if err != nil {
			return fmt.Errorf("marshal entity %s: %w", l.Entity.Key, err)
		}
		reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: av}})
		want[l.SK] = true
	}
	stale := make([]string, 0, len(existing))
	for sk := range existing {
		if !want[sk] {
			stale = append(stale, sk)
		}
	}
	sort.Strings(stale)
	for _, sk := range stale {
		reqs = append(reqs, types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: itemKey(articlePK(p.articleID), sk)}})
	}
	return s.batchWrite(ctx, reqs)
}

// batchWrite writes 25 requests per BatchWriteItem, retrying
// UnprocessedItems with exponential backoff and jitter; what is still
// unprocessed after that is ETHROTTLED.
func (s *Store) batchWrite(ctx context.Context, reqs []types.WriteRequest) error {
	for len(reqs) > 0 {
		n := min(len(reqs), 25)
		pending := reqs[:n]
		reqs = reqs[n:]
		for attempt := 0; len(pending) > 0; attempt++ {
			if attempt > 0 {
				if attempt >= 10 {
					return throttled("BatchWriteItem", fmt.Sprintf("%d items", len(pending)))
				}
				if err := backoff(ctx, attempt); err != nil {
					return err
				}
			}
			out, err := s.db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{
				RequestItems:           map[string][]types.WriteRequest{s.table: pending},
				ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal,
			})
			if out != nil {
				s.record("BatchWriteItem", out.ConsumedCapacity...)
			} else {
				s.record("BatchWriteItem")
			}
			if err != nil {
				return storeErr("BatchWriteItem", err)
			}
			pending = out.UnprocessedItems[s.table]
		}
	}
	return nil
}

// GetArticleDetail returns an article with its quotes (text order) and
// entities in one Query over its item collection (continued only if the
// collection passes 1 MB). Only children of the committed extraction are
// shown.
func (s *Store) GetArticleDetail(ctx context.Context, id string) (pipeline.ArticleDetail, error) {
	var d pipeline.ArticleDetail
	if !validID(id) {
		return d, fmt.Errorf("article %q: %w", id, pipeline.ErrNotFound)
	}
	kc := expression.Key(schema.PK).Equal(expression.Value(articlePK(id)))
	expr, err := expression.NewBuilder().WithKeyCondition(kc).Build()
	if err != nil {
		return d, err
	}
	in := &dynamodb.QueryInput{
		KeyConditionExpression:    expr.KeyCondition(),
		ExpressionAttributeNames:  expr.Names(),
		ExpressionAttributeValues: expr.Values(),
	}
	var (
		meta   *articleItem
		body   *bodyItem
		quotes []quoteItem
		links  []linkItem
	)
	for {
		out, err := s.query(ctx, in)
		if err != nil {
			return d, fmt.Errorf("article detail %s: %w", id, err)
		}
		for _, it := range out.Items {
			sk := skOf(it)
			var derr error
			switch {
			case sk == articleSK:
				meta = &articleItem{}
				derr = unmarshalMap(it, meta)
			case sk == bodySK:
				body = &bodyItem{}
				derr = unmarshalMap(it, body)
			case strings.HasPrefix(sk, quoteSKPrefix):
				var q quoteItem
				derr = unmarshalMap(it, &q)
				quotes = append(quotes, q)
			case strings.HasPrefix(sk, linkSKPrefix):
				var l linkItem
				derr = unmarshalMap(it, &l)
				links = append(links, l)
			}
			if derr != nil {
				return d, fmt.Errorf("decode %s of article %s: %w", sk, id, derr)
			}
		}
		if out.LastEvaluatedKey == nil {
			break
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
	if meta == nil {
		return d, fmt.Errorf("article %s: %w", id, pipeline.ErrNotFound)
	}
	d.Article = meta.record()
	if body != nil {
		ps, err := decompressBody(body.Body)
		if err != nil {
			return d, fmt.Errorf("decompress body %s: %w", id, err)
		}
		d.Article.Article.Paragraphs = ps
	}
	gen := meta.Gen
	d.Quotes = []pipeline.StoredQuote{}
	for _, q := range quotes {
		if q.Gen == gen {
			d.Quotes = append(d.Quotes, q.StoredQuote)
		}
	}
	sort.SliceStable(d.Quotes, func(i, j int) bool { return d.Quotes[i].Quote.Start < d.Quotes[j].Quote.Start })
	d.Entities = []entity.Entity{}
	for _, l := range links {
		if l.Gen == gen {
			d.Entities = append(d.Entities, l.Entity)
		}
	}
	sort.SliceStable(d.Entities, func(i, j int) bool { return firstMention(d.Entities[i]) < firstMention(d.Entities[j]) })
	return d, nil
}

func firstMention(e entity.Entity) int {
	m := int(^uint(0) >> 1)
	for _, x := range e.Mentions {
		m = min(m, x.Start)
	}
	return m
}
