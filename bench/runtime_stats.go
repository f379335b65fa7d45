package bench

import "runtime/metrics"

// runtimeSample is what the Go runtime has counted so far: the bytes
// allocated on the heap, and the collections finished. The collector's
// cost grows with the bytes, so their delta over a measurement shows what
// an operation costs beyond its own CPU time; a collection that overlaps
// a measurement is what puts most slow requests in it, so the count tells
// a p99 that met one from one that did not. (The runtime's GC CPU figure is not used: it is updated only
// when a cycle ends, so a measurement of a few seconds would be charged
// whole cycles or none.)
type runtimeSample struct {
	allocBytes uint64
	gcCycles   uint64
}

var runtimeMetrics = []string{"/gc/heap/allocs:bytes", "/gc/cycles/total:gc-cycles"}

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
	if ms[1].Value.Kind() == metrics.KindUint64 {
		s.gcCycles = ms[1].Value.Uint64()
	}
	return s
}
