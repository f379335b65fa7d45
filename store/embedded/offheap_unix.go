//go:build unix

package embedded

import (
	"sync"
	"syscall"
)

// offHeapChunk is how much address space one mapping takes. The arena's
// blocks are carved from it, so a small store (a test's) costs one block,
// not a chunk of its own.
const offHeapChunk = 4 << 20

// offHeap hands out arena blocks from anonymous memory mappings, outside
// the Go heap. The collector never looks inside them, and a string whose
// bytes live there costs it nothing: a pointer outside the heap is dropped
// at the first check, where a pointer into a heap block had its block
// found and its mark bit tested, once for each of the store's millions of
// IDs and names (a full collection of the full-scale store, one core:
// about a quarter shorter, see bench/RESULTS.md).
//
// The price is that the memory is never given back: a block may hold the
// bytes of strings that outlive the store that made them (an answer being
// written while the store closes), so no store can tell when its blocks
// are free. A store lives as long as its process in the server; the
// blocks of stores that tests open and close stay mapped until the test
// binary exits. Blocks hold bytes only, never pointers, which is what
// makes memory the collector does not see safe to use.
var offHeap struct {
	sync.Mutex
	free []byte
}

// offHeapBlock returns an empty block of capacity arenaBlock outside the
// Go heap, or on the heap when the system refuses a mapping.
func offHeapBlock() []byte {
	offHeap.Lock()
	defer offHeap.Unlock()
	if len(offHeap.free) < arenaBlock {
		m, err := syscall.Mmap(-1, 0, offHeapChunk, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
		if err != nil {
			// The heap works, only at a higher collection cost.
			return make([]byte, 0, arenaBlock)
		}
		offHeap.free = m
	}
	b := offHeap.free[:0:arenaBlock]
	offHeap.free = offHeap.free[arenaBlock:]
	return b
}
