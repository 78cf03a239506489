//go:build !linux

package text

import "time"

var start = time.Now()

// processCPU falls back to wall time where the process CPU clock is not read.
func processCPU() time.Duration { return time.Since(start) }
