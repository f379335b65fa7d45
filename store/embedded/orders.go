package embedded

import (
	"slices"
	"sync"
)

// stableOrder keeps items sorted by a key that never changes once the item
// exists (a node's first-writer name, an edge's ID). Writers only append
// to pending; the first reader after a write merges pending into a new
// sorted slice in O(n), so a query never sorts the whole graph and a
// slice handed out is never modified.
type stableOrder struct {
	cmp     func(a, b int32) int
	mu      sync.Mutex
	sorted  []int32
	pending []int32
}

// add records a new item. The caller holds the store's write lock.
func (o *stableOrder) add(i int32) { o.pending = append(o.pending, i) }

// get returns the sorted items. The caller holds at least the read lock,
// which keeps writers (and so pending) still.
func (o *stableOrder) get() []int32 {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.pending) == 0 {
		return o.sorted
	}
	add := slices.Clone(o.pending)
	slices.SortFunc(add, o.cmp)
	o.sorted = mergeInto(o.sorted, add, o.cmp)
	o.pending = o.pending[:0]
	return o.sorted
}

// mergeInto returns a new slice holding the sorted slices old and add
// merged. Each item of add finds its place by binary search and the runs
// of old between are block-copied, so it costs O(k log n) comparisons
// rather than O(n) for k new items.
func mergeInto[T any](old, add []T, cmp func(a, b T) int) []T {
	out := make([]T, 0, len(old)+len(add))
	i := 0
	for _, x := range add {
		j, _ := slices.BinarySearchFunc(old[i:], x, func(e, t T) int {
			if c := cmp(e, t); c != 0 {
				return c
			}
			return -1 // equal keys: the old item first
		})
		out = append(out, old[i:i+j]...)
		out = append(out, x)
		i += j
	}
	return append(out, old[i:]...)
}

// movingOrder keeps every node sorted by a key that moves as documents
// arrive (mention count, first seen). Writers mark the nodes whose key
// changed; the first reader after a write drops them from the old order
// (which stays sorted, since nothing else moved), sorts just them and
// merges them back: O(n + k log n) instead of sorting the whole graph.
type movingOrder struct {
	cmp     func(a, b int32) int
	mu      sync.Mutex
	sorted  []int32
	dirty   []int32
	isDirty map[int32]bool
}

// touch records that node i is new or its key changed. The caller holds
// the store's write lock.
func (o *movingOrder) touch(i int32) {
	if o.isDirty == nil {
		o.isDirty = map[int32]bool{}
	}
	if !o.isDirty[i] {
		o.isDirty[i] = true
		o.dirty = append(o.dirty, i)
	}
}

// get returns the current order. The caller holds at least the read lock.
func (o *movingOrder) get() []int32 {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.dirty) == 0 {
		return o.sorted
	}
	keep := make([]int32, 0, len(o.sorted))
	for _, i := range o.sorted {
		if !o.isDirty[i] {
			keep = append(keep, i)
		}
	}
	add := slices.Clone(o.dirty)
	slices.SortFunc(add, o.cmp)
	o.sorted = mergeInto(keep, add, o.cmp)
	o.dirty = o.dirty[:0]
	clear(o.isDirty)
	return o.sorted
}
