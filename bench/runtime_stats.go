package bench

import "runtime/metrics"

// runtimeSample is what the Go runtime has counted so far: the bytes
// allocated on the heap. The collector's cost grows with them, so the
// delta over a measurement shows what an operation costs beyond its own
// CPU time. (The runtime's GC CPU figure is not used: it is updated only
// when a cycle ends, so a measurement of a few seconds would be charged
// whole cycles or none.)
type runtimeSample struct {
	allocBytes uint64
}

var runtimeMetrics = []string{"/gc/heap/allocs:bytes"}

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
	return s
}
