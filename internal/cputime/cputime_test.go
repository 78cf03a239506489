package cputime

import (
	"runtime"
	"testing"
)

// Both clocks advance while this thread works, and the thread's by no more
// than the process's.
func TestClocksAdvance(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the clocks are read on linux")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	p0, t0 := Process(), Thread()
	x := 0
	for i := 0; i < 20_000_000; i++ {
		x += i ^ (x >> 3)
	}
	_ = x
	dp, dt := Process()-p0, Thread()-t0
	if dt <= 0 || dp <= 0 {
		t.Fatalf("clocks did not advance: process %v, thread %v", dp, dt)
	}
	if dt > dp {
		t.Errorf("thread CPU %v above process CPU %v", dt, dp)
	}
}
