// Package cputime reads the CPU clocks the benchmarks report: the process's
// CPU time, garbage collection included, and the calling thread's. Where a
// clock cannot be read it returns 0, and benchmarks leave the figure out.
package cputime
