package bench

import (
	"runtime/metrics"
	"time"
)

// runtimeSample is what the Go runtime has counted so far: bytes
// allocated on the heap and CPU time spent collecting garbage. Deltas
// over a measurement say how much of an operation's cost is the
// collector's, which the per-request CPU figure alone hides.
type runtimeSample struct {
	allocBytes uint64
	gcCPU      time.Duration
}

var runtimeMetrics = []string{"/gc/heap/allocs:bytes", "/cpu/classes/gc/total:cpu-seconds"}

func sampleRuntime() runtimeSample {
	ms := make([]metrics.Sample, len(runtimeMetrics))
	for i, name := range runtimeMetrics {
		ms[i].Name = name
	}
	metrics.Read(ms)
	var s runtimeSample
	if ms[0].Value.Kind() == metrics.KindUint64 {
		s.allocBytes = ms[0].Value.Uint64()
	}
	if ms[1].Value.Kind() == metrics.KindFloat64 {
		s.gcCPU = time.Duration(ms[1].Value.Float64() * float64(time.Second))
	}
	return s
}
