package localstack

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsquotes/newsquotes/internal/pipeline"
	"github.com/newsquotes/newsquotes/internal/store/dynamolocal"
	"github.com/newsquotes/newsquotes/internal/store/dynamotest"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestRunCollectsTheDemoSiteAndServesIt is `make run` in a test: the demo
// site collected into DynamoDB Local, extracted, and the API answering with
// the seed page's speakers until the context ends.
func TestRunCollectsTheDemoSiteAndServesIt(t *testing.T) {
	if _, err := dynamolocal.JarDir(); err != nil && os.Getenv(dynamotest.SkipEnv) == "1" {
		t.Skipf("DynamoDB Local not available (%s=1): %v", dynamotest.SkipEnv, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	out := &lockedBuffer{}
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Addr: "127.0.0.1:0", Out: out, Ready: func(u string) { ready <- u }})
	}()
	var base string
	select {
	case base = <-ready:
	case err := <-done:
		t.Fatalf("Run returned before serving: %v\n%s", err, out.String())
	case <-ctx.Done():
		t.Fatalf("not serving after 3 minutes:\n%s", out.String())
	}

	resp, err := http.Get(base + "/speakers?prefix=charles")
	if err != nil {
		t.Fatal(err)
	}
	var page pipeline.EntityPage
	err = json.NewDecoder(resp.Body).Decode(&page)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET /speakers: %d %v", resp.StatusCode, err)
	}
	found := false
	for _, e := range page.Entities {
		found = found || e.Key == "charles michel"
	}
	if !found {
		t.Errorf("GET /speakers?prefix=charles: %+v", page.Entities)
	}

	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}
	text := out.String()
	for _, want := range []string{
		"new articles", "extracted", "Charles Michel", "curl -s '", "==> stopping",
		DemoPages[0].Title, // progress names each fetched page
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
}
