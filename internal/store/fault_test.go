package store_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/store"
	"github.com/newsquotes/newsquotes/internal/store/dynamotest"
)

// DynamoDB Local never throttles or leaves items unprocessed, so these
// tests make the real client do what the service does under load: a
// middleware holds back part of a BatchWriteItem (really not writing it) and
// hands it back as UnprocessedItems, or answers with a throttling error.

type initFunc = func(context.Context, middleware.InitializeInput, middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error)

func withMiddleware(c *dynamodb.Client, name string, fn initFunc) *dynamodb.Client {
	return dynamodb.New(c.Options(), func(o *dynamodb.Options) {
		o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
			return st.Initialize.Add(middleware.InitializeMiddlewareFunc(name, fn), middleware.After)
		})
	})
}

// holdBack makes the first n BatchWriteItem calls process only half their
// requests and return the rest as unprocessed.
func holdBack(c *dynamodb.Client, n int32) (*dynamodb.Client, *atomic.Int32) {
	calls := &atomic.Int32{}
	return withMiddleware(c, "hold-back", func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
		bw, ok := in.Parameters.(*dynamodb.BatchWriteItemInput)
		if !ok || calls.Add(1) > n {
			return next.HandleInitialize(ctx, in)
		}
		held := map[string][]types.WriteRequest{}
		sent := *bw
		sent.RequestItems = map[string][]types.WriteRequest{}
		for table, reqs := range bw.RequestItems {
			half := (len(reqs) + 1) / 2
			sent.RequestItems[table] = reqs[:half]
			if half < len(reqs) {
				held[table] = reqs[half:]
			}
		}
		in.Parameters = &sent
		out, md, err := next.HandleInitialize(ctx, in)
		if err == nil {
			out.Result.(*dynamodb.BatchWriteItemOutput).UnprocessedItems = held
		}
		return out, md, err
	}), calls
}

func TestUnprocessedItemsAreRetried(t *testing.T) {
	local := dynamotest.Start(t)
	table := local.CreateTable(t)
	client, calls := holdBack(local.Client, 4)
	s := store.New(client, table)
	c := ctx(t)
	a, x := fixture{url: "https://news.example/unprocessed", published: day0, nQuotes: 13, nEntities: 15}.build()
	save(t, s, a, x)
	if calls.Load() < 5 {
		t.Errorf("%d BatchWriteItem calls; the held-back items were not retried", calls.Load())
	}
	d, err := store.New(local.Client, table).GetArticleDetail(c, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Quotes) != 13 || len(d.Entities) != 15 {
		t.Errorf("after retries: %d quotes, %d entities; want 13, 15", len(d.Quotes), len(d.Entities))
	}
}

func TestThrottlingIsETHROTTLED(t *testing.T) {
	local := dynamotest.Start(t)
	table := local.CreateTable(t)
	c := ctx(t)
	a, x := fixture{url: "https://news.example/throttled", published: day0, nQuotes: 3, nEntities: 3}.build()
	if _, err := store.New(local.Client, table).PutArticle(c, a); err != nil {
		t.Fatal(err)
	}

	throttle := withMiddleware(local.Client, "throttle", func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
		return middleware.InitializeOutput{}, middleware.Metadata{}, &smithy.GenericAPIError{Code: "ProvisionedThroughputExceededException", Message: "slow down"}
	})
	s := store.New(throttle, table)
	_, err := s.GetArticle(c, a.ID)
	wantCode(t, err, pipeline.ETHROTTLED)
	_, _, err = s.RecentQuotes(c, pipeline.Page{})
	wantCode(t, err, pipeline.ETHROTTLED)
	wantCode(t, s.SaveExtraction(c, a.ID, x), pipeline.ETHROTTLED)

	// Items the service never accepts: ETHROTTLED after the store's retries.
	never := withMiddleware(local.Client, "never", func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
		if bw, ok := in.Parameters.(*dynamodb.BatchWriteItemInput); ok {
			return middleware.InitializeOutput{Result: &dynamodb.BatchWriteItemOutput{UnprocessedItems: bw.RequestItems}}, middleware.Metadata{}, nil
		}
		return next.HandleInitialize(ctx, in)
	})
	err = store.New(never, table).SaveExtraction(c, a.ID, x)
	wantCode(t, err, pipeline.ETHROTTLED)
}

// A writer that dies after its commit leaves the article's items
// incomplete: while its lease runs others wait (and give up with
// ECONFLICT); after it, the same extraction is repaired and a newer one
// replaces it with no orphans.
func TestDeadWriterIsRepaired(t *testing.T) {
	local := dynamotest.Start(t)
	table := local.CreateTable(t)
	c := ctx(t)
	url := "https://news.example/dead-writer"
	a, x1 := fixture{url: url, published: day0, nQuotes: 13, nEntities: 15}.build()
	_, x2 := fixture{url: url, published: day0, nQuotes: 4, nEntities: 4, tag: "v2"}.build()
	x2.Version, x2.Text = 2, x1.Text

	now := day0
	clock := store.WithClock(func() time.Time { return now })
	ok := store.New(local.Client, table, clock)
	if _, err := ok.PutArticle(c, a); err != nil {
		t.Fatal(err)
	}
	// v1 commits, then every batch write fails: the writer "dies".
	never := withMiddleware(local.Client, "never", func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
		if _, isBatch := in.Parameters.(*dynamodb.BatchWriteItemInput); isBatch {
			return middleware.InitializeOutput{}, middleware.Metadata{}, &smithy.GenericAPIError{Code: "InternalServerError", Message: "gone"}
		}
		return next.HandleInitialize(ctx, in)
	})
	if err := store.New(never, table, clock).SaveExtraction(c, a.ID, x1); err == nil {
		t.Fatal("dying writer reported success")
	}
	if d, _ := ok.GetArticleDetail(c, a.ID); len(d.Quotes) != 0 {
		t.Fatalf("half-written extraction shows %d quotes", len(d.Quotes))
	}

	// Within the lease a newer extraction waits, then gives up.
	_, err := ok.SaveExtractionOutcome(c, a.ID, x2)
	wantCode(t, err, pipeline.ECONFLICT)

	// After the lease the same extraction is repaired.
	now = now.Add(16 * time.Minute)
	o, err := ok.SaveExtractionOutcome(c, a.ID, x1)
	if err != nil || o != store.Repaired {
		t.Fatalf("after the lease: %v, %v; want repaired", o, err)
	}
	d, _ := ok.GetArticleDetail(c, a.ID)
	if len(d.Quotes) != 13 || len(d.Entities) != 15 {
		t.Errorf("repaired: %d quotes, %d entities", len(d.Quotes), len(d.Entities))
	}
	if o, _ := ok.SaveExtractionOutcome(c, a.ID, x1); o != store.Unchanged {
		t.Errorf("after repair: %v, want unchanged", o)
	}

	// A crash again, then a newer version takes over once the lease is over.
	now = now.Add(time.Minute)
	_, x3 := fixture{url: url, published: day0, nQuotes: 9, nEntities: 9, tag: "v3"}.build()
	x3.Version, x3.Text = 3, x1.Text
	if err := store.New(never, table, clock).SaveExtraction(c, a.ID, x3); err == nil {
		t.Fatal("dying writer reported success")
	}
	now = now.Add(16 * time.Minute)
	x4 := x2
	x4.Version = 4
	if o, err := ok.SaveExtractionOutcome(c, a.ID, x4); err != nil || o != store.Written {
		t.Fatalf("v4 after a dead v3: %v, %v", o, err)
	}
	qs, _, _ := ok.RecentQuotes(c, pipeline.Page{Limit: 100})
	if d, _ := ok.GetArticleDetail(c, a.ID); len(d.Quotes) != 4 || len(d.Entities) != 4 || len(qs) != 4 {
		t.Errorf("v4: %d quotes, %d entities, %d recent; want 4, 4, 4", len(d.Quotes), len(d.Entities), len(qs))
	}
}
