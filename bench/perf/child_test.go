package perf

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// childRun is what the parent learns about a finished child process.
type childRun struct {
	MaxRSSKB int64         // peak resident set, from the kernel's accounting
	CPU      time.Duration // user+sys of the whole child
	Wall     time.Duration
	Output   string // the tail of its stdout and stderr
}

// runProgram runs a program to completion and reads its peak RSS from
// ProcessState.SysUsage (getrusage of the reaped child).
func runProgram(ctx context.Context, env []string, name string, args ...string) (childRun, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	cr := childRun{Wall: time.Since(start), Output: tail(out.String(), 2000)}
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			cr.MaxRSSKB = ru.Maxrss // kilobytes on Linux
		}
		cr.CPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	if err != nil {
		return cr, fmt.Errorf("%s: %w: %s", filepath.Base(name), err, cr.Output)
	}
	return cr, nil
}

// buildPrograms builds packages of this module (paths relative to bench/)
// into dir with extra go build flags and returns the binaries' paths.
func buildPrograms(t testingTB, dir string, env []string, flags []string, pkgs ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, pkg := range pkgs {
		bin := filepath.Join(dir, filepath.Base(pkg))
		args := append([]string{"build", "-o", bin}, flags...)
		args = append(args, pkg)
		cmd := exec.Command(goTool(), args...)
		cmd.Dir = filepath.Join(repoRoot(), "bench")
		cmd.Env = append(os.Environ(), env...)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build %s: %v\n%s", pkg, err, b)
		}
		out[pkg] = bin
	}
	return out
}

type testingTB interface {
	Helper()
	Fatalf(format string, args ...any)
}

// goTool is the go command that built this test (GOROOT/bin/go), else the
// one on PATH.
func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return "go"
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

// cpuSelf is this process's user+system CPU time so far.
func cpuSelf() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
