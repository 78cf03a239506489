package text

import (
	"syscall"
	"time"
	"unsafe"
)

// processCPU is the CPU time of the whole process, garbage collector
// included, read from CLOCK_PROCESS_CPUTIME_ID (nanosecond resolution).
func processCPU() time.Duration {
	const clockProcessCPUTimeID = 2
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockProcessCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}
