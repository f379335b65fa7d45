//go:build !linux

package embedded

import "time"

// threadCPU is unavailable here; CPU percentiles then read zero.
func threadCPU() time.Duration { return 0 }

func lockThread()   {}
func unlockThread() {}
