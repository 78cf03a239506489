//go:build !linux

package article

import "time"

var start = time.Now()

// Elsewhere CPU time falls back to wall time.
func threadCPU() time.Duration  { return time.Since(start) }
func processCPU() time.Duration { return time.Since(start) }
