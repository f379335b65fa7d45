//go:build unix

package embedded

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

// Lists the slab keeps must read the same after collections that free and
// reuse the heap around them, whatever their strings: a list put off the
// heap while one of its strings lived only on the heap would point at
// freed memory once the caller dropped its copy, and the collections and
// fresh allocations below would then overwrite the string.
func TestSlabListsSurviveCollections(t *testing.T) {
	var a arena
	var s evidenceSlab
	quote := func(i int) string { return fmt.Sprintf("quote %d %s", i, strings.Repeat("q", 40)) }
	kept := make([][]kg.Evidence, 0, 2000)
	for i := range 2000 {
		doc := a.clone(fmt.Sprintf("doc:%d", i%7))
		q := quote(i)
		if i%2 == 0 {
			q = a.clone(q) // every other quote lives off the heap
		}
		kept = append(kept, s.keep([]kg.Evidence{{DocumentID: doc, Quote: q, Sentence: i}}))
	}
	churnHeap()
	for i, ev := range kept {
		if ev[0].Quote != quote(i) || ev[0].DocumentID != fmt.Sprintf("doc:%d", i%7) || ev[0].Sentence != i {
			t.Fatalf("list %d reads %+v after collections", i, ev[0])
		}
		if onOffHeap(ev) != (i%2 == 0) {
			t.Fatalf("list %d: off the heap = %v, want %v", i, !(i%2 == 0), i%2 == 0)
		}
	}
}

// churnHeap runs collections that free and reuse the heap: what lived only
// on the heap and was dropped gets overwritten.
func churnHeap() {
	for range 5 {
		var garbage [][]byte
		for i := range 20000 {
			garbage = append(garbage, []byte(strings.Repeat("x", 48+i%32)))
		}
		runtime.KeepAlive(garbage)
		runtime.GC()
	}
}
