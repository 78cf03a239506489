// Package peakrss reports this process's own peak resident set size.
//
// Why not getrusage's ru_maxrss of the child, read by the parent: on Linux,
// exec records the hiwater RSS of the memory the process had before it into
// ru_maxrss, and Go starts children with vfork semantics (CLONE_VM), so
// that "before" is the parent's whole address space. A child of a large
// benchmark process would report the parent's size. VmHWM in
// /proc/self/status is the peak of the program's own memory only.
package peakrss

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// Self returns VmHWM in kilobytes, or 0 where /proc is not available.
func Self() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				return 0
			}
			return kb
		}
	}
	return 0
}
