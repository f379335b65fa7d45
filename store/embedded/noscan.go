package embedded

import "unsafe"

// noscanCopy returns a copy of xs in a heap object the collector marks but
// never scans: the object is allocated as words without pointers and
// viewed as []T. The collector frees it like any other object once nothing
// points to it, which off-heap memory cannot do, and a collection costs
// one mark for it instead of a walk over its elements. For a node's long
// mention list, replaced by a longer copy on every merge, that is the
// difference: off the heap each old copy would stay for good, and on the
// heap as itself each live copy is read word by word on every cycle (see
// bench/RESULTS.md for what a collection cost before and after).
//
// The rule is off-heap memory's (see offHeap): every pointer in xs must
// lead outside the heap, since the collector does not see the pointers
// in the copy and would not keep what they point to alive. Callers check
// xs with offHeapEvidence or offHeapElems first. An empty xs is returned
// as it is.
func noscanCopy[T any](xs []T) []T {
	if len(xs) == 0 {
		return xs
	}
	size := uintptr(len(xs)) * unsafe.Sizeof(xs[0])
	words := make([]uint64, (size+7)/8)
	c := unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(words))), len(xs))
	// Copy as bytes: a typed copy would run write barriers over pointers
	// that, by the rule above, the collector ignores anyway.
	copy(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(c))), size),
		unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(xs))), size))
	return c
}
