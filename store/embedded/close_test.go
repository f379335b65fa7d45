package embedded

import (
	"context"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

// residentBytes is the process's resident memory after a full collection
// that returns freed memory to the system, from /proc/self/statm.
func residentBytes(t *testing.T) int64 {
	t.Helper()
	runtime.GC()
	debug.FreeOSMemory()
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		t.Skip("no /proc/self/statm:", err)
	}
	f := strings.Fields(string(b))
	pages, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return pages * int64(os.Getpagesize())
}

// TestCloseFreesMemory opens and closes a store over the same data 50
// times, reading from it each time: Close must give back what the store
// held, so resident memory stays flat however often a process does it.
func TestCloseFreesMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a store of some size")
	}
	dir := t.TempDir()
	data := synth{pool: 3000, perDoc: 10, edgesPerDoc: 14}
	s := openT(t, dir, WithoutSync())
	ctx := context.Background()
	for i := range 300 {
		if _, err := s.Ingest(ctx, data.doc(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// Reopened with the smallest threshold, the store snapshots the log it
	// replayed, so the cycles below load a snapshot, as a restart does.
	s = openT(t, dir, WithoutSync(), WithSnapshotEvery(1))
	waitSnapshot(t, s, dir, 1)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	cycle := func() {
		s := openT(t, dir, WithoutSync(), WithSnapshotEvery(0))
		_, name := data.entity(3)
		if _, err := s.Neighborhood(ctx, kg.NeighborhoodQuery{ID: kg.NodeID(kg.KindEntity, name), Depth: 2}); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	// The first cycles set up what any process keeps: runtime structures,
	// the page cache's share of the files.
	for range 5 {
		cycle()
	}
	base := residentBytes(t)
	held := func() int64 {
		s := openT(t, dir, WithoutSync(), WithSnapshotEvery(0))
		defer s.Close()
		return residentBytes(t) - base
	}()
	for range 45 {
		cycle()
	}
	after := residentBytes(t)
	t.Logf("resident after 5 cycles %.1f MB, after 50 %.1f MB; one open store holds %.1f MB",
		float64(base)/(1<<20), float64(after)/(1<<20), float64(held)/(1<<20))
	// Flat: over 45 more cycles memory grows by less than two stores'
	// worth, where a store left behind by Close would add one store per
	// cycle, 45 in all. The slack is the runtime's and the race
	// detector's own bookkeeping.
	if held <= 0 {
		t.Fatalf("an open store shows no resident memory (%d bytes): the test measures nothing", held)
	}
	if grew := after - base; grew > 2*held {
		t.Errorf("resident memory grew by %.1f MB over 45 open/close cycles (one store holds %.1f MB)", float64(grew)/(1<<20), float64(held)/(1<<20))
	}
}
