//go:build unix && !linux

package cputime

import (
	"syscall"
	"time"
)

// Process is the CPU time of the whole process, garbage collector included
// (getrusage: scheduler-tick resolution).
func Process() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Thread is not read here: 0.
func Thread() time.Duration { return 0 }
