//go:build linux

package embedded

import (
	"runtime"
	"time"

	"golang.org/x/sys/unix"
)

// threadCPU is the CPU time the calling OS thread has used. Benchmarks pin
// their goroutine with runtime.LockOSThread and read it around each call,
// so that latency percentiles can be separated from time spent waiting
// for a CPU on a busy machine.
func threadCPU() time.Duration {
	// The thread's CPU clock has nanosecond resolution; getrusage's
	// figures advance by scheduler ticks (4 ms), too coarse for one call.
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return 0
	}
	return time.Duration(ts.Nano())
}

func lockThread()   { runtime.LockOSThread() }
func unlockThread() { runtime.UnlockOSThread() }
