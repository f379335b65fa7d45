//go:build unix

package embedded

import (
	"cmp"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"unsafe"
)

// offHeapChunk is how much address space one mapping takes. Allocations
// are carved from it, so a small store (a test's) costs a few blocks, not
// a chunk of its own.
const offHeapChunk = 4 << 20

// offHeap hands out memory from anonymous mappings, outside the Go heap.
// The collector never looks inside it, and a pointer into it costs the
// collector nothing: a pointer outside the heap is dropped at the first
// check, where a pointer into a heap object has its object's span looked
// up (a cache miss) and its mark bit tested, on every cycle, for each of
// the store's millions of strings and lists (a full collection of the
// full-scale store, one core: a quarter to a third shorter, see
// bench/RESULTS.md).
//
// Two rules make memory the collector does not see safe:
//   - It holds bytes, or pointers into itself or the binary's constants,
//     never a pointer into the heap: the collector would not see that
//     pointer and could free what it points to. Code that puts strings
//     here checks them with offHeapString first, and edge records are
//     checked whole (offHeapEdge).
//   - It is never given back. A store cannot know when its memory is
//     free: an answer being written may still hold its strings while it
//     closes. A store lives as long as its process in the server; the
//     memory of stores that tests open and close stays mapped until the
//     test binary exits.
var offHeap struct {
	sync.Mutex
	free   []byte
	chunks [][2]uintptr // [start, end) of every mapping, by start
	// ranges is chunks as offHeapRange reads it, without the lock: a copy
	// replaced whole when a mapping is added. A merge checks every string
	// of a node's mention list, thousands for a hub, so the check must
	// not take a lock per string.
	ranges atomic.Pointer[[][2]uintptr]
}

// OffHeapBytes is how much memory the embedded stores of this process have
// mapped outside the Go heap: their strings and short lists. The runtime's
// heap statistics and GOMEMLIMIT do not count it, so the server exports it
// as a metric; it only grows, since the memory is never given back.
func OffHeapBytes() int64 {
	offHeap.Lock()
	defer offHeap.Unlock()
	return int64(len(offHeap.chunks)) * offHeapChunk
}

// offHeapAlloc returns n zeroed bytes (n at most offHeapChunk), aligned to
// eight bytes, outside the Go heap; nil when the system refuses a mapping.
func offHeapAlloc(n int) []byte {
	offHeap.Lock()
	defer offHeap.Unlock()
	n = (n + 7) &^ 7
	if len(offHeap.free) < n {
		m, err := syscall.Mmap(-1, 0, offHeapChunk, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
		if err != nil {
			return nil
		}
		start := uintptr(unsafe.Pointer(unsafe.SliceData(m)))
		c := [2]uintptr{start, start + uintptr(len(m))}
		i, _ := slices.BinarySearchFunc(offHeap.chunks, start, byStart)
		offHeap.chunks = slices.Insert(offHeap.chunks, i, c)
		ranges := slices.Clone(offHeap.chunks)
		offHeap.ranges.Store(&ranges)
		offHeap.free = m
	}
	b := offHeap.free[:n:n]
	offHeap.free = offHeap.free[n:]
	return b
}

// offHeapString reports whether s may be kept in off-heap memory: its
// bytes lie in memory offHeapAlloc handed out. An empty string is refused:
// its pointer may still point into a heap object, and one copied back to
// the heap after that object was freed would be a bad pointer.
func offHeapString(s string) bool {
	if len(s) == 0 {
		return false
	}
	return offHeapRange(uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(len(s)))
}

// offHeapRange reports whether the n bytes at p (n > 0) lie in memory
// offHeapAlloc handed out.
func offHeapRange(p, n uintptr) bool {
	r := offHeap.ranges.Load()
	if r == nil {
		return false
	}
	chunks := *r
	i, found := slices.BinarySearchFunc(chunks, p, byStart)
	if !found {
		i-- // the last mapping that starts before p
	}
	return i >= 0 && p+n <= chunks[i][1]
}

// byStart orders a mapping against an address by the mapping's start.
func byStart(c [2]uintptr, p uintptr) int { return cmp.Compare(c[0], p) }
