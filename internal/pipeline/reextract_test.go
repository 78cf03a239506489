package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"
)

// staleFake lists ids from a slice, limit ids per page, with the position as
// the cursor; the real listing is tested against DynamoDB Local.
type staleFake struct {
	ids    []string
	belows []int
	err    error
}

func (f *staleFake) StaleArticles(_ context.Context, below int, p Page) ([]string, string, error) {
	f.belows = append(f.belows, below)
	if f.err != nil {
		return nil, "", f.err
	}
	start := 0
	if p.Cursor != "" {
		n, err := strconv.Atoi(p.Cursor)
		if err != nil {
			return nil, "", ErrInvalidCursor
		}
		start = n
	}
	end := min(start+p.Limit, len(f.ids))
	if end == len(f.ids) {
		return f.ids[start:end], "", nil
	}
	return f.ids[start:end], strconv.Itoa(end), nil
}

// failingQueue records batches and fails the call numbered failAt (1-based).
type failingQueue struct {
	batches [][]string
	failAt  int
}

func (q *failingQueue) Enqueue(_ context.Context, ids []string) error {
	if len(ids) > queueBatchSize {
		return fmt.Errorf("batch of %d", len(ids))
	}
	if len(q.batches)+1 == q.failAt {
		return errors.New("queue unreachable")
	}
	q.batches = append(q.batches, append([]string(nil), ids...))
	return nil
}

func staleIDs(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("a%03d", i)
	}
	return out
}

func TestReextractQueuesEachPageInBatches(t *testing.T) {
	lister := &staleFake{ids: staleIDs(57)}
	q := &failingQueue{}
	r := &Reextractor{Articles: lister, Queue: q}
	req := ReextractRequest{Limit: 25}
	for page := 0; ; page++ {
		if page > 10 {
			t.Fatal("no end after 10 pages")
		}
		sum, err := r.Run(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Version != ExtractorVersion {
			t.Errorf("summary version %d", sum.Version)
		}
		want := min(25, 57-25*page)
		if sum.Queued != want {
			t.Errorf("page %d: queued %d, want %d", page, sum.Queued, want)
		}
		if sum.Next == "" {
			break
		}
		req.Cursor = sum.Next
	}
	var queued []string
	for _, b := range q.batches {
		queued = append(queued, b...)
	}
	if fmt.Sprint(queued) != fmt.Sprint(lister.ids) {
		t.Errorf("queued %v\nwant %v", queued, lister.ids)
	}
	if len(q.batches) != 3+3+1 { // 25 = 10+10+5 twice, then 7
		t.Errorf("%d batches, want 7", len(q.batches))
	}
	for _, b := range lister.belows {
		if b != ExtractorVersion {
			t.Errorf("asked for articles below v%d, want v%d", b, ExtractorVersion)
		}
	}
}

func TestReextractQueueFailureKeepsThePage(t *testing.T) {
	q := &failingQueue{failAt: 2}
	r := &Reextractor{Articles: &staleFake{ids: staleIDs(30)}, Queue: q}
	sum, err := r.Run(context.Background(), ReextractRequest{Limit: 25, Cursor: "3"})
	if err == nil {
		t.Fatal("no error from a failing queue")
	}
	if sum.Queued != 10 || sum.Next != "3" {
		t.Errorf("summary %+v: want 10 queued and the request's cursor again", sum)
	}
}

func TestReextractListErrors(t *testing.T) {
	r := &Reextractor{Articles: &staleFake{err: ErrInvalidCursor}, Queue: &failingQueue{}}
	_, err := r.Run(context.Background(), ReextractRequest{Cursor: "x"})
	if !errors.Is(err, ErrInvalidCursor) || ErrorCode(err) != EINVALID {
		t.Errorf("bad cursor: %v", err)
	}
	if _, err := r.Run(context.Background(), ReextractRequest{Limit: -1}); ErrorCode(err) != EINVALID {
		t.Errorf("negative limit: %v", err)
	}
}
