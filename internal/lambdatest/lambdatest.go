// Package lambdatest runs Lambda bootstraps under the real AWS Lambda
// Runtime Interface Emulator (aws-lambda-rie), bound to loopback, so the
// functions are tested the way Lambda runs them: built for linux with
// -tags lambda.norpc, started by the emulator, invoked over its HTTP API.
//
//	bin := lambdatest.Build(t, "./functions/api", "amd64")
//	fn := lambdatest.Start(t, bin, map[string]string{"TABLE_NAME": table})
//	out, err := fn.Invoke(ctx, payload)
package lambdatest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// RIEEnv overrides where the emulator binary is looked for.
const RIEEnv = "AWS_LAMBDA_RIE"

// RepoRoot is the directory holding go.mod, walking up from the working
// directory.
func RepoRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// FindRIE returns the emulator's path: $AWS_LAMBDA_RIE, .tools/bin, or PATH.
func FindRIE(tb testing.TB) string {
	tb.Helper()
	if p := os.Getenv(RIEEnv); p != "" {
		return p
	}
	if p := filepath.Join(RepoRoot(tb), ".tools", "bin", "aws-lambda-rie"); isExecutable(p) {
		return p
	}
	if p, err := exec.LookPath("aws-lambda-rie"); err == nil {
		return p
	}
	tb.Fatalf("aws-lambda-rie not found in .tools/bin or on PATH: run `make tools` (or set %s)", RIEEnv)
	return ""
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

var builds struct {
	sync.Mutex
	dir   string
	cache map[string]string
}

// Build compiles pkg (a path relative to the repository root, such as
// "./functions/api") into a linux bootstrap for goarch, as deployed:
// CGO off, -tags lambda.norpc, trimmed and stripped. Builds are cached for
// the life of the test binary.
func Build(tb testing.TB, pkg, goarch string) string {
	tb.Helper()
	builds.Lock()
	defer builds.Unlock()
	key := pkg + "@" + goarch
	if p, ok := builds.cache[key]; ok {
		return p
	}
	if builds.dir == "" {
		d, err := os.MkdirTemp("", "lambdatest-")
		if err != nil {
			tb.Fatal(err)
		}
		builds.dir, builds.cache = d, map[string]string{}
	}
	out := filepath.Join(builds.dir, strings.NewReplacer("/", "_", ".", "_").Replace(key), "bootstrap")
	cmd := exec.Command("go", "build", "-tags", "lambda.norpc", "-trimpath", "-ldflags=-s -w", "-o", out, pkg)
	cmd.Dir = RepoRoot(tb)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH="+goarch)
	if b, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("build %s for linux/%s: %v\n%s", pkg, goarch, err, b)
	}
	builds.cache[key] = out
	return out
}

// Cleanup removes the cached builds; call it from TestMain after m.Run.
func Cleanup() {
	builds.Lock()
	defer builds.Unlock()
	if builds.dir != "" {
		_ = os.RemoveAll(builds.dir)
		builds.dir, builds.cache = "", nil
	}
}

// Function is a bootstrap running under the emulator.
type Function struct {
	URL string // the emulator's invoke endpoint
	out *syncBuffer
	cmd *exec.Cmd
}

// Start runs bootstrap under the emulator with env (plus PATH, HOME and
// dummy AWS credentials and region unless env sets them) and waits until
// the emulator accepts invocations. The emulator initialises the function
// lazily, on the first Invoke, as Lambda does on a cold start. Stopped at
// the end of the test.
func Start(tb testing.TB, bootstrap string, env map[string]string) *Function {
	tb.Helper()
	if runtime.GOOS != "linux" {
		tb.Skip("the Lambda emulator runs linux bootstraps")
	}
	rie := FindRIE(tb)
	apiPort, rtPort := freePort(tb), freePort(tb)
	full := map[string]string{
		"PATH":                      os.Getenv("PATH"),
		"HOME":                      os.Getenv("HOME"),
		"AWS_REGION":                "us-east-1",
		"AWS_ACCESS_KEY_ID":         "local",
		"AWS_SECRET_ACCESS_KEY":     "local",
		"AWS_EC2_METADATA_DISABLED": "true",
		"AWS_LAMBDA_FUNCTION_NAME":  filepath.Base(filepath.Dir(bootstrap)),
	}
	for k, v := range env {
		full[k] = v
	}
	cmd := exec.Command(rie,
		"--runtime-interface-emulator-address", "127.0.0.1:"+strconv.Itoa(apiPort),
		"--runtime-api-address", "127.0.0.1:"+strconv.Itoa(rtPort),
		bootstrap)
	cmd.Dir = filepath.Dir(bootstrap)
	for k, v := range full {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		tb.Fatalf("start %s: %v", rie, err)
	}
	f := &Function{URL: fmt.Sprintf("http://127.0.0.1:%d/2015-03-31/functions/function/invocations", apiPort), out: out, cmd: cmd}
	tb.Cleanup(func() {
		f.Stop()
		if tb.Failed() {
			tb.Logf("emulator output for %s:\n%s", bootstrap, f.Output())
		}
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", apiPort), 200*time.Millisecond)
		if err == nil {
			c.Close()
			return f
		}
		if time.Now().After(deadline) {
			tb.Fatalf("emulator did not listen on %d: %v\n%s", apiPort, err, out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Stop kills the emulator and the function.
func (f *Function) Stop() {
	if f.cmd != nil && f.cmd.Process != nil {
		_ = syscall.Kill(-f.cmd.Process.Pid, syscall.SIGKILL)
		_ = f.cmd.Wait()
		f.cmd = nil
	}
}

// Output is everything the emulator and the function printed so far.
func (f *Function) Output() string { return f.out.String() }

// WaitOutput waits until the output holds substr or timeout passes. The
// emulator copies the function's stdout asynchronously, so a log line may
// land just after the invocation's response.
func (f *Function) WaitOutput(substr string, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for {
		if strings.Contains(f.out.String(), substr) {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// ErrFunction reports a function error (the handler returned an error or
// panicked): the emulator answers 200 with an error payload, or 5xx.
var ErrFunction = errors.New("function error")

// Invoke sends one event and returns the function's response payload.
func (f *Function) Invoke(ctx context.Context, payload []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, f.URL, bytes.NewReader(payload))
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("invoke: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("invoke: read: %w", err)
	}
	if resp.StatusCode != http.StatusOK || bytes.HasPrefix(bytes.TrimSpace(body), []byte(`{"errorMessage"`)) {
		return body, fmt.Errorf("%w: HTTP %d: %s", ErrFunction, resp.StatusCode, body)
	}
	return body, nil
}

func freePort(tb testing.TB) int {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
