package gctune

import (
	"context"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// maxScale bounds how far Pace raises the percentage above the policy's:
// a store that lives nearly all outside the heap must not turn the
// collector off; the memory limit bounds the heap in any case.
const maxScale = 8

// Pace keeps the policy's percentage meaning what it says when part of the
// process's live data is outside the Go heap, where the runtime does not
// count it: the embedded store's strings, lists and most edge records
// (external reports their bytes). GOGC lets garbage grow to a share of the
// live data before a collection; counting only the heap, moving records
// off it made collections cheaper but more frequent, each new cycle
// re-marking what was left. Pace sets the percentage to
// policy × (heap live + external) / heap live, checked every interval
// until ctx ends, so the garbage between collections is the policy's
// share of all the live data, as it was when the records were on the
// heap. A policy with the collector off is left alone.
func Pace(ctx context.Context, p Policy, external func() int64, interval time.Duration) {
	pace(ctx, p, external, interval, func(percent int) { debug.SetGCPercent(percent) })
}

// pace is Pace with the runtime's setter replaced, for tests.
func pace(ctx context.Context, p Policy, external func() int64, interval time.Duration, set func(int)) {
	if p.Percent == Off {
		return
	}
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	applied := p.Percent
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		metrics.Read(sample)
		var live int64
		if sample[0].Value.Kind() == metrics.KindUint64 {
			live = int64(sample[0].Value.Uint64())
		}
		if want := pacedPercent(p.Percent, live, external()); want != applied && changed(applied, want) {
			set(want)
			applied = want
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// pacedPercent is base scaled by (live + external) / live, at most
// maxScale times base; base when nothing is known of the heap yet.
func pacedPercent(base int, live, external int64) int {
	if live <= 0 || external <= 0 {
		return base
	}
	scaled := float64(base) * float64(live+external) / float64(live)
	return int(min(scaled, float64(base*maxScale)))
}

// changed reports whether want differs from applied by more than a
// twentieth, so that the small drift of the live heap between collections
// does not reset the pacer every interval.
func changed(applied, want int) bool {
	d := want - applied
	return d*20 > applied || -d*20 > applied
}
