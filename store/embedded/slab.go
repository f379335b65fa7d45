package embedded

import "github.com/newsgraph/newsgraph/kg"

// evidenceSlab hands out short evidence lists from blocks of 4096
// entries. Most edges carry one or two pieces of evidence, and 1.5
// million such lists of their own were a fifth of the live objects the
// collector visited on every cycle. Lists are cut to their length
// (capacity equals length), so an append copies instead of writing into
// a neighbour. A list replaced by a merge stays in its block, so only
// short lists come from here: an edge merged k times leaves at most
// 1+2+...+slabMax dead entries behind, where longer lists are
// freed as usual: as copies the collector marks but does not scan when
// their strings are all off the heap (noscanCopy), else as they are. Only
// the store's one writer uses it.
//
// A list whose strings all live off the heap (the interner's copies, see
// offHeap) goes to a block off the heap too, which the collector neither
// marks nor scans; any other list goes to a block on the heap.
type evidenceSlab struct{ listSlab[kg.Evidence] }

// The slabs' block size and the longest list they take, shared by every
// listSlab: a longer list is left to the collector (see listSlab.keep).
const (
	slabBlock = 4096
	slabMax   = 4
)

// keep returns ev in slab memory when it is short, else ev itself.
func (s *evidenceSlab) keep(ev []kg.Evidence) []kg.Evidence {
	return s.listSlab.keep(ev, offHeapEvidence(ev))
}

// stringSlab is evidenceSlab for short lists of document and cluster IDs:
// the one-element lists are shared (see state.shared), and the lists of
// two to four, which edges and nodes named by a few documents have, come
// from here.
type stringSlab struct{ listSlab[string] }

// keep returns xs in slab memory when it is short, else xs itself.
func (s *stringSlab) keep(xs []string) []string {
	return s.listSlab.keep(xs, offHeapElems(xs))
}

// listSlab is the memory of evidenceSlab and stringSlab.
type listSlab[T any] struct {
	block []T // on the heap
	off   []T // off the heap: only lists whose pointers all lead there
}

// keep returns xs in slab memory when it is short; a longer xs whose
// pointers all lead outside the heap (off) as a copy the collector does
// not scan (noscanCopy), any other as itself.
func (s *listSlab[T]) keep(xs []T, off bool) []T {
	n := len(xs)
	if n > slabMax && off {
		return noscanCopy(xs)
	}
	if n == 0 || n > slabMax {
		return xs
	}
	if off {
		if cap(s.off)-len(s.off) < n {
			s.off = offHeapSlice[T](slabBlock)[:0]
		}
		if s.off != nil {
			start := len(s.off)
			s.off = append(s.off, xs...)
			return s.off[start : start+n : start+n]
		}
	}
	if cap(s.block)-len(s.block) < n {
		s.block = make([]T, 0, slabBlock)
	}
	start := len(s.block)
	s.block = append(s.block, xs...)
	return s.block[start : start+n : start+n]
}

// offHeapEvidence reports whether every string of ev may be kept off the
// heap.
func offHeapEvidence(ev []kg.Evidence) bool {
	for i := range ev {
		if !offHeapString(ev[i].DocumentID) || !offHeapString(ev[i].Quote) {
			return false
		}
	}
	return true
}
