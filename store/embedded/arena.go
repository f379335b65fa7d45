package embedded

import (
	"strings"
	"unsafe"
)

// arena keeps the bytes of stored strings in blocks of 64 KB. A string
// of its own is an object the collector finds, marks and sweeps on every
// cycle; a block holds a thousand of them, and lies outside the Go heap
// where the system allows (see offHeap), so the collector skips them all.
// Bytes are only ever appended to a block, never changed, so the strings
// made over them stay valid and immutable. Only the store's one writer
// uses it.
type arena struct {
	blocks [][]byte // every block, the one being filled last; a ref names one by index
}

const (
	arenaBlock = 64 << 10
	// arenaMax is the longest string an arena takes: a longer one (a long
	// quote) gets its own allocation rather than waste a block's tail.
	arenaMax = 1 << 10
)

// ref names a string in an arena without a pointer: its block's index in
// the top 32 bits, its offset in that block in the next 16, its length in
// the low 16. Block size and arenaMax fit those widths.
type ref uint64

// clone returns a copy of s whose bytes live in the arena when s is short
// enough, else a copy of its own.
func (a *arena) clone(s string) string {
	if len(s) == 0 || len(s) > arenaMax {
		return strings.Clone(s)
	}
	c, _ := a.cloneRef(s)
	return c
}

// cloneRef copies s, which must be 1 to arenaMax bytes long, into the
// arena and returns the copy and its ref.
func (a *arena) cloneRef(s string) (string, ref) {
	if n := len(a.blocks); n == 0 || len(a.blocks[n-1])+len(s) > arenaBlock {
		a.blocks = append(a.blocks, newArenaBlock())
	}
	i := len(a.blocks) - 1
	b := &a.blocks[i]
	start := len(*b)
	*b = append(*b, s...)
	r := ref(i)<<32 | ref(start)<<16 | ref(len(s))
	return unsafe.String(&(*b)[start], len(s)), r
}

// at returns the string r names: the arena's own bytes, not a copy.
func (a *arena) at(r ref) string {
	return unsafe.String(&a.blocks[r>>32][r>>16&0xffff], int(r&0xffff))
}

// newArenaBlock returns an empty block, outside the Go heap where the
// system allows (see offHeap).
func newArenaBlock() []byte {
	if b := offHeapAlloc(arenaBlock); b != nil {
		return b[:0]
	}
	return make([]byte, 0, arenaBlock)
}
