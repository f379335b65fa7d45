//go:build unix

package embedded

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/newsgraph/newsgraph/kg"
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

// onOffHeap reports whether the first element of xs lies off the heap.
func onOffHeap[T any](xs []T) bool {
	return offHeapString(unsafe.String((*byte)(unsafe.Pointer(unsafe.SliceData(xs))), int(unsafe.Sizeof(xs[0]))))
}

// Evidence lists and one-element document lists go off the heap only when
// every string in them is already there: a pointer from off-heap memory
// into the heap would be invisible to the collector.
func TestOnlyOffHeapStringsGoOffTheHeap(t *testing.T) {
	var a arena
	doc, quote := a.clone("doc:1"), a.clone("Commerce banned the sale.")
	heapQuote := strings.Clone("a quote the arena never saw")
	cases := []struct {
		name string
		ev   []kg.Evidence
		off  bool
	}{
		{"arena strings", []kg.Evidence{{DocumentID: doc, Quote: quote}, {DocumentID: doc, Quote: quote, Sentence: 1}}, true},
		{"a heap quote", []kg.Evidence{{DocumentID: doc, Quote: quote}, {DocumentID: doc, Quote: heapQuote}}, false},
		{"an empty quote", []kg.Evidence{{DocumentID: doc}}, false},
	}
	var s evidenceSlab
	for _, c := range cases {
		got := s.keep(c.ev)
		if !slices.Equal(got, c.ev) || cap(got) != len(got) {
			t.Fatalf("%s: kept %v (cap %d), want %v", c.name, got, cap(got), c.ev)
		}
		if onOffHeap(got) != c.off {
			t.Errorf("%s: off the heap = %v, want %v", c.name, !c.off, c.off)
		}
	}
	if offHeapString("") || offHeapString(heapQuote) || !offHeapString(quote) || !offHeapString(quote[3:9]) {
		t.Error("offHeapString misjudged a string")
	}

	st := newState()
	arenaDoc := st.bytes.clone("doc:2")
	if got := st.shared([]string{arenaDoc}); !onOffHeap(got) || got[0] != "doc:2" {
		t.Errorf("a one-element list of an arena string stayed on the heap: %v", got)
	}
	if got := st.shared([]string{strings.Clone("doc:3")}); onOffHeap(got) || got[0] != "doc:3" {
		t.Errorf("a one-element list of a heap string went off the heap: %v", got)
	}
	runtime.GC()
	if got := st.shared([]string{"doc:2"}); got[0] != "doc:2" || !onOffHeap(got) {
		t.Errorf("the shared list changed after a collection: %v", got)
	}
}

// A node's lower-cased names and the node lists of its alias keys live off
// the heap, and read as the node's names say.
func TestNodeNamesAndAliasListsGoOffTheHeap(t *testing.T) {
	s := synth{pool: 200, perDoc: 6, edgesPerDoc: 5}.store(100)
	defer s.Close()
	s.mu.RLock()
	defer s.mu.RUnlock()
	for i, r := range s.st.nodes {
		if r.lower != strings.ToLower(r.n.Name) || r.names != lowerNames(&r.n) {
			t.Fatalf("node %s: lower %q, names %q", r.n.ID, r.lower, r.names)
		}
		if !offHeapString(r.lower) || !offHeapString(r.names) {
			t.Fatalf("node %s: its lower-cased names stayed on the heap", r.n.ID)
		}
		k := kg.AliasKey(r.n.Name)
		list := s.st.alias[k]
		if !slices.Contains(list, int32(i)) {
			t.Fatalf("alias key %q does not list node %s", k, r.n.ID)
		}
		if len(list) <= slabMax && !onOffHeap(list) {
			t.Fatalf("the short list of alias key %q stayed on the heap", k)
		}
	}
}
