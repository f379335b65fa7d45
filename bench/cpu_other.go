//go:build !unix

package bench

import "time"

// cpuTime is unknown on this platform; results then leave CPUPerRequest 0.
func cpuTime() time.Duration { return 0 }
