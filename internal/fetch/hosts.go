package fetch

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// host is the politeness state of one host: a request rate and a cap on
// requests in flight.
type host struct {
	limiter *rate.Limiter
	slots   chan struct{}
}

type hosts struct {
	mu    sync.Mutex
	byKey map[string]*host
	rate  rate.Limit
	burst int
	conc  int
}

// maxHosts bounds memory in a long-lived process; politeness state for a
// host we have not seen for a while is cheap to lose.
const maxHosts = 10000

func newHosts(r rate.Limit, burst, conc int) *hosts {
	return &hosts{byKey: map[string]*host{}, rate: r, burst: burst, conc: conc}
}

func (hs *hosts) get(key string) *host {
	hs.mu.Lock()
	defer hs.mu.Unlock()
	h := hs.byKey[key]
	if h == nil {
		if len(hs.byKey) >= maxHosts {
			clear(hs.byKey)
		}
		h = &host{limiter: rate.NewLimiter(hs.rate, hs.burst), slots: make(chan struct{}, hs.conc)}
		hs.byKey[key] = h
	}
	return h
}

// acquire waits for a free slot and the rate limiter; release must be
// called when the response body has been read.
func (hs *hosts) acquire(ctx context.Context, key string) (release func(), err error) {
	h := hs.get(key)
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if err := h.limiter.Wait(ctx); err != nil {
		<-h.slots
		return nil, err
	}
	return func() { <-h.slots }, nil
}

// slowDown lowers a host's rate to honour a robots.txt Crawl-delay.
func (hs *hosts) slowDown(key string, delay time.Duration) {
	if delay <= 0 {
		return
	}
	h := hs.get(key)
	if r := rate.Every(delay); r < h.limiter.Limit() {
		h.limiter.SetLimit(r)
		h.limiter.SetBurst(1)
	}
}
