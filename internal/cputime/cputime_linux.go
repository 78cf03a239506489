package cputime

import (
	"syscall"
	"time"
	"unsafe"
)

const (
	clockProcessCPUTimeID = 2
	clockThreadCPUTimeID  = 3
)

// Process is the CPU time of the whole process (all threads, the garbage
// collector included), with nanosecond resolution.
func Process() time.Duration { return clock(clockProcessCPUTimeID) }

// Thread is the CPU time of the calling OS thread; lock the goroutine to
// its thread (runtime.LockOSThread) around what is measured.
func Thread() time.Duration { return clock(clockThreadCPUTimeID) }

func clock(id uintptr) time.Duration {
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, id, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}
