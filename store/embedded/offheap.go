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

// offHeapList reports whether xs may be kept in off-heap memory as far as
// its own array goes: the array lies outside the heap, or xs is nil. A
// non-nil empty slice is refused for the reason offHeapString refuses an
// empty string. What the elements point to is the caller's to check.
func offHeapList[T any](xs []T) bool {
	p := unsafe.SliceData(xs)
	if p == nil {
		return true
	}
	var zero T
	return len(xs) > 0 && offHeapRange(uintptr(unsafe.Pointer(p)), uintptr(len(xs))*unsafe.Sizeof(zero))
}

// offHeapOrEmpty is offHeapString that also accepts the empty string whose
// pointer is nil, the zero value of a field never set.
func offHeapOrEmpty(s string) bool {
	return unsafe.StringData(s) == nil || offHeapString(s)
}
