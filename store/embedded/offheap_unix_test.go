//go:build unix

package embedded

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// The arena's blocks come from outside the Go heap: filling a megabyte of
// them leaves the heap about as it was, and the strings over them keep
// their values through collections.
func TestArenaBlocksLiveOutsideTheHeap(t *testing.T) {
	var a arena
	var ms0, ms1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms0)
	value := func(i int) string { return fmt.Sprintf("%04d%s", i, strings.Repeat("b", arenaMax-4)) }
	kept := make([]string, 0, 1024)
	for i := range 1024 {
		kept = append(kept, a.clone(value(i)))
	}
	runtime.GC()
	runtime.ReadMemStats(&ms1)
	if len(a.blocks) < 15 {
		t.Fatalf("1 MB of strings took %d blocks", len(a.blocks))
	}
	// The strings themselves (1 MB) would show; the slice of headers
	// (16 KB) and the block list may.
	if grew := int64(ms1.HeapAlloc) - int64(ms0.HeapAlloc); grew > 512<<10 {
		t.Fatalf("the heap grew by %d bytes for 1 MB of arena strings", grew)
	}
	for i := range kept {
		if kept[i] != value(i) {
			t.Fatalf("string %d changed after a collection", i)
		}
	}
}
