package lambdatest

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/newsquotes/newsquotes/internal/store/dynamotest"
)

// TestColdStart measures each function's init duration under the emulator
// against a hello-world aws-lambda-go bootstrap in the same run, and logs
// the figures (go test -v -run ColdStart). It fails only when a function
// does not start or the emulator reports no init; the target (<= 50 ms)
// is a figure to read, not a timed assertion.
func TestColdStart(t *testing.T) {
	const runs = 5
	// An empty table: the collector's run finds no sources and the warm
	// invocations measure only the handler's fixed cost.
	local := dynamotest.Start(t)
	env := map[string]string{
		"TABLE_NAME":                local.CreateTable(t),
		"QUEUE_URL":                 "http://127.0.0.1:9/000000000000/q",
		"LOG_LEVEL":                 "warn",
		"AWS_ENDPOINT_URL_DYNAMODB": local.Endpoint,
	}
	health := readEvent(t, "api-health.json")
	// The emulator starts a bootstrap on its first invocation, as Lambda
	// does on a cold start, so the first invocation's latency less a warm
	// one's is the init: process start, Go runtime, main's wiring.
	measure := func(pkg string, payload []byte) time.Duration {
		bin := Build(t, pkg, "amd64")
		var ds []time.Duration
		for range runs {
			fn := Start(t, bin, env)
			invoke := func() time.Duration {
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				defer cancel()
				start := time.Now()
				if _, err := fn.Invoke(ctx, payload); err != nil {
					t.Fatalf("%s: %v", pkg, err)
				}
				return time.Since(start)
			}
			cold := invoke()
			warm := invoke()
			for range 3 {
				warm = min(warm, invoke())
			}
			fn.Stop()
			ds = append(ds, cold-warm)
		}
		slices.Sort(ds)
		return ds[len(ds)/2]
	}
	hello := measure("./internal/lambdatest/testdata/hello", []byte(`{}`))
	for _, fn := range []struct {
		pkg     string
		payload []byte
	}{
		{"./functions/api", health},
		{"./functions/collect", readEvent(t, "collect-schedule.json")},
		{"./functions/extract", []byte(`{"Records":[]}`)},
	} {
		d := measure(fn.pkg, fn.payload)
		// For collect the first invocation also opens the first connections
		// to DynamoDB (its run reads the lock and the sources), so its figure
		// is an upper bound on init.
		t.Logf("cold start %-20s median (first - warm invocation) %6.2f ms, hello-world %6.2f ms, ratio %.2f", fn.pkg, ms(d), ms(hello), float64(d)/float64(hello))
	}
}

// TestBootstrapSize builds each function as deployed (linux/arm64,
// stripped, -tags lambda.norpc) and checks it stays within 15 MB.
func TestBootstrapSize(t *testing.T) {
	const limit = 15 << 20
	for _, pkg := range []string{"./functions/collect", "./functions/extract", "./functions/api"} {
		fi, err := os.Stat(Build(t, pkg, "arm64"))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("bootstrap %-20s linux/arm64 %.1f MB", pkg, float64(fi.Size())/(1<<20))
		if fi.Size() > limit {
			t.Errorf("%s bootstrap is %.1f MB, over 15 MB", pkg, float64(fi.Size())/(1<<20))
		}
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
