//go:build !unix

package embedded

// offHeapBlock returns an empty arena block. Systems without anonymous
// mappings through package syscall keep blocks on the Go heap.
func offHeapBlock() []byte { return make([]byte, 0, arenaBlock) }
