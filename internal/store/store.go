package store

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"

	"github.com/newsquotes/newsquotes/internal/pipeline"
)

// Page sizes.
const (
	DefaultLimit = 20
	MaxLimit     = 100
)

// Store reads and writes the newsquotes table. It is safe for concurrent
// use; build one per process around one injected client.
type Store struct {
	db        *dynamodb.Client
	table     string
	cursorKey []byte
	log       *slog.Logger
	now       func() time.Time
	lease     time.Duration

	mu    sync.Mutex
	usage Usage
}

// Option configures a Store.
type Option func(*Store)

// WithCursorKey sets the key that signs page cursors. Without it cursors are
// signed with a key derived from the table name: still strictly validated,
// but forgeable by someone who knows the name (they can only point inside
// the listing they were issued for).
func WithCursorKey(key []byte) Option {
	return func(s *Store) { s.cursorKey = append([]byte(nil), key...) }
}

// WithLogger sets the logger (default slog.Default()).
func WithLogger(l *slog.Logger) Option { return func(s *Store) { s.log = l } }

// WithClock sets the clock used for locks and extraction leases.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// WithExtractionLease sets how long a committed extraction's item writes are
// presumed in flight (default 15 minutes, the Lambda maximum).
func WithExtractionLease(d time.Duration) Option { return func(s *Store) { s.lease = d } }

// New returns a Store over table, using client for every call. The client is
// built once by the caller (config.LoadDefaultConfig honours
// AWS_ENDPOINT_URL_DYNAMODB, which points it at DynamoDB Local).
func New(client *dynamodb.Client, table string, opts ...Option) *Store {
	sum := sha256.Sum256([]byte("newsquotes cursor key\x00" + table))
	s := &Store{
		db:        client,
		table:     table,
		cursorKey: sum[:],
		log:       slog.Default(),
		now:       time.Now,
		lease:     15 * time.Minute,
	}
	for _, o := range opts {
		o(s)
	}
	s.usage.Requests = map[string]int{}
	return s
}

// Usage counts the requests a Store made and the capacity DynamoDB reported
// as consumed (ReturnConsumedCapacity TOTAL), for measurements.
type Usage struct {
	Requests   map[string]int // by operation name
	ReadUnits  float64
	WriteUnits float64
}

// Total is the number of requests of all kinds.
func (u Usage) Total() int {
	n := 0
	for _, c := range u.Requests {
		n += c
	}
	return n
}

// Usage returns the usage since New or the last ResetUsage.
func (s *Store) Usage() Usage {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.usage
	u.Requests = make(map[string]int, len(s.usage.Requests))
	for k, v := range s.usage.Requests {
		u.Requests[k] = v
	}
	return u
}

// ResetUsage zeroes the usage counters.
func (s *Store) ResetUsage() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.usage = Usage{Requests: map[string]int{}}
}

func (s *Store) record(op string, ccs ...types.ConsumedCapacity) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.usage.Requests[op]++
	for _, cc := range ccs {
		if cc.CapacityUnits == nil {
			continue
		}
		switch op {
		case "GetItem", "Query", "BatchGetItem":
			s.usage.ReadUnits += *cc.CapacityUnits
		default:
			s.usage.WriteUnits += *cc.CapacityUnits
		}
	}
}

func capOf(cc *types.ConsumedCapacity) []types.ConsumedCapacity {
	if cc == nil {
		return nil
	}
	return []types.ConsumedCapacity{*cc}
}

// Item (un)marshalling uses the json tags the domain records already carry,
// so stored attributes have the same names as the API's JSON.
func marshalMap(v any) (map[string]types.AttributeValue, error) {
	return attributevalue.MarshalMapWithOptions(v, func(o *attributevalue.EncoderOptions) { o.TagKey = "json" })
}

func marshal(v any) (types.AttributeValue, error) {
	return attributevalue.MarshalWithOptions(v, func(o *attributevalue.EncoderOptions) { o.TagKey = "json" })
}

func unmarshalMap(m map[string]types.AttributeValue, v any) error {
	return attributevalue.UnmarshalMapWithOptions(m, v, func(o *attributevalue.DecoderOptions) { o.TagKey = "json" })
}

// storeErr maps a DynamoDB failure to a domain error: throttling that
// survived the SDK's retries is ETHROTTLED, an oversized item ETOOLARGE,
// a failed condition ECONFLICT; anything else is wrapped as is (EINTERNAL).
func storeErr(op string, err error) error {
	if err == nil {
		return nil
	}
	var pe *pipeline.Error
	if errors.As(err, &pe) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("dynamodb %s: %w", op, err)
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		switch ae.ErrorCode() {
		case "ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded":
			return &pipeline.Error{Code: pipeline.ETHROTTLED, Message: "storage is busy, retry later", Err: fmt.Errorf("dynamodb %s: %w", op, err)}
		case "ConditionalCheckFailedException":
			return &pipeline.Error{Code: pipeline.ECONFLICT, Message: "conflicting write", Err: fmt.Errorf("dynamodb %s: %w", op, err)}
		case "ValidationException":
			if strings.Contains(strings.ToLower(ae.ErrorMessage()), "size") {
				return &pipeline.Error{Code: pipeline.ETOOLARGE, Message: "item too large to store", Err: fmt.Errorf("dynamodb %s: %w", op, err)}
			}
		}
	}
	return fmt.Errorf("dynamodb %s: %w", op, err)
}

func isConditionFailed(err error) bool {
	var cf *types.ConditionalCheckFailedException
	return errors.As(err, &cf)
}

// cancellationCodes returns the per-item reasons of a cancelled
// transaction, or nil when err is not a cancellation.
func cancellationCodes(err error) []string {
	var tc *types.TransactionCanceledException
	if !errors.As(err, &tc) {
		return nil
	}
	codes := make([]string, len(tc.CancellationReasons))
	for i, r := range tc.CancellationReasons {
		if r.Code != nil {
			codes[i] = *r.Code
		}
	}
	if len(codes) == 0 {
		codes = []string{"Unknown"}
	}
	return codes
}

// backoff sleeps before retry attempt (0-based): exponential with full
// jitter, from 25 ms up to 2 s.
func backoff(ctx context.Context, attempt int) error {
	ceil := 25 * time.Millisecond << min(attempt, 7)
	if ceil > 2*time.Second {
		ceil = 2 * time.Second
	}
	d := time.Duration(rand.Int64N(int64(ceil)) + 1)
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func throttled(op string, what string) error {
	return &pipeline.Error{Code: pipeline.ETHROTTLED, Message: "storage is busy, retry later",
		Err: fmt.Errorf("dynamodb %s: %s still unprocessed after retries", op, what)}
}

func clampLimit(n int) int {
	switch {
	case n <= 0:
		return DefaultLimit
	case n > MaxLimit:
		return MaxLimit
	}
	return n
}
