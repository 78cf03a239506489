package stress

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsquotes/newsquotes/bench/internal/apiload"
)

// TestAPILoad puts the local API (internal/httpapi over DynamoDB Local) under
// 200 concurrent clients for -loadtime (30 s; 5 s in -quick): no 5xx, no
// transport errors, and goroutines and heap back where they were once the
// load ends.
func TestAPILoad(t *testing.T) {
	const clients = 200
	stack := apiload.Start(t, 60)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	g0, heap0 := runtime.NumGoroutine(), ms.HeapInuse

	var lost []string
	var res apiload.Result
	defer func() {
		l := "nothing"
		if len(lost) > 0 {
			l = strings.Join(lost, "; ")
		}
		record(t, "API under load", fmt.Sprintf("%d clients for %s over %d query kinds: %d requests (%.0f/s), statuses %v",
			clients, *loadTime, len(stack.Queries), res.Requests, float64(res.Requests)/res.Duration.Seconds(), res.Status), l)
	}()
	res = apiload.Run(context.Background(), stack.URL, stack.Queries, clients, *loadTime, 5_000_000)
	var fivexx int
	for code, n := range res.Status {
		if code >= 500 {
			fivexx += n
		}
	}
	if fivexx > 0 {
		lost = append(lost, fmt.Sprintf("%d responses were 5xx", fivexx))
	}
	if res.Errors > 0 {
		lost = append(lost, fmt.Sprintf("%d requests failed in transport", res.Errors))
	}
	var names []string
	for name := range res.Latencies {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		l := slices.Clone(res.Latencies[name])
		slices.Sort(l)
		t.Logf("%-28s n=%6d p50 %6.1f ms p99 %7.1f ms", name, len(l), l[len(l)/2], l[min(len(l)-1, len(l)*99/100)])
	}
	// After the load: goroutines and heap must come back.
	deadline := time.Now().Add(15 * time.Second)
	var g int
	var heap uint64
	for {
		runtime.GC()
		runtime.ReadMemStats(&ms)
		g, heap = runtime.NumGoroutine(), ms.HeapInuse
		if (g <= g0+10 && heap <= heap0+32<<20) || time.Now().After(deadline) {
			break
		}
		time.Sleep(250 * time.Millisecond)
	}
	t.Logf("goroutines %d -> %d, heap in use %.1f -> %.1f MB", g0, g, float64(heap0)/(1<<20), float64(heap)/(1<<20))
	if g > g0+10 {
		lost = append(lost, fmt.Sprintf("goroutines grew %d -> %d", g0, g))
	}
	if heap > heap0+32<<20 {
		lost = append(lost, fmt.Sprintf("heap grew %.1f -> %.1f MB", float64(heap0)/(1<<20), float64(heap)/(1<<20)))
	}
	if len(lost) > 0 {
		t.Errorf("lost: %s", strings.Join(lost, "; "))
	}
}
