//go:build !unix

package embedded

// offHeapAlloc returns nil: systems without anonymous mappings through
// package syscall keep everything on the Go heap.
func offHeapAlloc(int) []byte { return nil }

// offHeapString reports false: nothing lives off the heap here.
func offHeapString(string) bool { return false }

// offHeapRange reports false: nothing lives off the heap here.
func offHeapRange(uintptr, uintptr) bool { return false }

// OffHeapBytes is 0: nothing lives off the heap here.
func OffHeapBytes() int64 { return 0 }
