package stress

import (
	"context"
	"io"
	"log/slog"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"golang.org/x/time/rate"

	"github.com/newsquotes/newsquotes/internal/fetch"
	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/source"
	"github.com/newsquotes/newsquotes/internal/store"
)

// loopbackFetch is the collector's fetch client allowed to reach 127.0.0.1
// (as `make run` configures it), with short timeouts so faults show fast.
func loopbackFetch(perHostRate rate.Limit, conc int) *fetch.Client {
	cfg := fetch.DefaultConfig()
	cfg.AllowLoopback = true
	cfg.DialAllow = func(ap netip.AddrPort) bool { return ap.Addr().Unmap().IsLoopback() }
	cfg.Timeout = 2 * time.Second
	cfg.MaxBodyBytes = 5 << 20
	cfg.PerHostRate, cfg.PerHostBurst, cfg.PerHostConcurrency = perHostRate, max(1, conc), conc
	cfg.RetryBackoff = 50 * time.Millisecond
	cfg.Retries = 1
	return fetch.New(cfg)
}

// memQueue records what the collector queues. SQS itself is not emulated
// here: the collector's contract with it is Enqueue, and the table state
// is what the scenarios check.
type memQueue struct {
	mu  sync.Mutex
	ids []string
}

func (q *memQueue) Enqueue(_ context.Context, ids []string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.ids = append(q.ids, ids...)
	return nil
}

func (q *memQueue) IDs() []string {
	q.mu.Lock()
	defer q.mu.Unlock()
	return slices.Clone(q.ids)
}

func quietLog() *slog.Logger { return slog.New(slog.NewJSONHandler(io.Discard, nil)) }

// newCollector wires the collection use case as functions/collect does,
// in process, over st.
func newCollector(st *store.Store, fc *fetch.Client, q pipeline.Queue) *pipeline.Collector {
	return &pipeline.Collector{
		Sources:  st,
		Discover: pipeline.DiscoverWith(fc),
		Fetch:    pipeline.FetchWith(fc),
		Articles: st,
		Queue:    q,
		Lock:     st,
		Log:      quietLog(),
	}
}

func putFeeds(t *testing.T, st *store.Store, base string, paths ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for i, p := range paths {
		src := source.Source{ID: "feed" + strings.Repeat("x", 0) + string(rune('a'+i)), Kind: source.Feed, URL: base + p, Name: "loopback " + p, Enabled: true}
		if err := st.PutSource(ctx, src); err != nil {
			t.Fatal(err)
		}
	}
}

// census counts a table's items by kind (the SK's prefix) and lists the
// article ids. A scan is fine here: it checks the final state, it is not a
// request path.
type census struct {
	kinds    map[string]int
	articles []string
	items    map[string]string // PK|SK -> a digest of the item, for "nothing changed"
}

func takeCensus(t *testing.T, client *dynamodb.Client, table string) census {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c := census{kinds: map[string]int{}, items: map[string]string{}}
	p := dynamodb.NewScanPaginator(client, &dynamodb.ScanInput{TableName: aws.String(table), ConsistentRead: aws.Bool(true)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatalf("scan %s: %v", table, err)
		}
		for _, it := range page.Items {
			pk, sk := attrS(it["PK"]), attrS(it["SK"])
			kind, _, _ := strings.Cut(sk, "#")
			if strings.HasPrefix(pk, "ART#") {
				kind = "article:" + kind
				if sk == "A" {
					c.articles = append(c.articles, strings.TrimPrefix(pk, "ART#"))
				}
			} else {
				k, _, _ := strings.Cut(pk, "#")
				kind = k + ":" + kind
			}
			c.kinds[kind]++
			c.items[pk+"|"+sk] = digest(it)
		}
	}
	slices.Sort(c.articles)
	return c
}

func attrS(v types.AttributeValue) string {
	if s, ok := v.(*types.AttributeValueMemberS); ok {
		return s.Value
	}
	return ""
}

// digest renders an item with its keys sorted, leaving out attributes
// that record when something was last done rather than what is stored.
func digest(it map[string]types.AttributeValue) string {
	keys := make([]string, 0, len(it))
	for k := range it {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k + "=" + render(it[k]) + ";")
	}
	return b.String()
}

func render(v types.AttributeValue) string {
	switch x := v.(type) {
	case *types.AttributeValueMemberS:
		return "S:" + x.Value
	case *types.AttributeValueMemberN:
		return "N:" + x.Value
	case *types.AttributeValueMemberB:
		return "B:" + string(x.Value)
	case *types.AttributeValueMemberBOOL:
		if x.Value {
			return "true"
		}
		return "false"
	case *types.AttributeValueMemberSS:
		s := slices.Clone(x.Value)
		slices.Sort(s)
		return "SS:" + strings.Join(s, ",")
	case *types.AttributeValueMemberL:
		var parts []string
		for _, e := range x.Value {
			parts = append(parts, render(e))
		}
		return "L[" + strings.Join(parts, ",") + "]"
	case *types.AttributeValueMemberM:
		return "M{" + digest(x.Value) + "}"
	case *types.AttributeValueMemberNULL:
		return "null"
	}
	return "?"
}

// changed lists the items that differ between two censuses.
func changed(a, b census) []string {
	var out []string
	for k, v := range a.items {
		if w, ok := b.items[k]; !ok {
			out = append(out, "removed "+k)
		} else if w != v {
			out = append(out, "changed "+k)
		}
	}
	for k := range b.items {
		if _, ok := a.items[k]; !ok {
			out = append(out, "added "+k)
		}
	}
	slices.Sort(out)
	return out
}
