package embedded

import "unsafe"

// offHeapSlice returns n zeroed values of T outside the Go heap (see
// offHeap), or nil when there is no such memory. T's pointers, if any,
// must only ever point outside the heap.
func offHeapSlice[T any](n int) []T {
	var zero T
	b := offHeapAlloc(n * int(unsafe.Sizeof(zero)))
	if b == nil {
		return nil
	}
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(b))), n)
}
