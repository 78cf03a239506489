//go:build !unix

package cputime

import "time"

// Process is not read here: 0.
func Process() time.Duration { return 0 }

// Thread is not read here: 0.
func Thread() time.Duration { return 0 }
