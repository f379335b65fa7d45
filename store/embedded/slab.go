package embedded

import "github.com/newsgraph/newsgraph/kg"

// evidenceSlab hands out short evidence lists from blocks of 4096
// entries. Most edges carry one or two pieces of evidence, and 1.5
// million such lists of their own were a fifth of the live objects the
// collector visited on every cycle. Lists are cut to their length
// (capacity equals length), so an append copies instead of writing into
// a neighbour. A list replaced by a merge stays in its block, so only
// short lists come from here: an edge merged k times leaves at most
// 1+2+...+evidenceSlabMax dead entries behind, where longer lists are
// freed as usual. Only the store's one writer uses it.
//
// A list whose strings all live off the heap (the interner's copies, see
// offHeap) goes to a block off the heap too, which the collector neither
// marks nor scans; any other list goes to a block on the heap.
type evidenceSlab struct {
	block []kg.Evidence // on the heap
	off   []kg.Evidence // off the heap: only strings offHeapString accepts
}

const (
	evidenceBlock   = 4096
	evidenceSlabMax = 4
)

// keep returns ev in slab memory when it is short, else ev itself.
func (s *evidenceSlab) keep(ev []kg.Evidence) []kg.Evidence {
	n := len(ev)
	if n == 0 || n > evidenceSlabMax {
		return ev
	}
	if offHeapEvidence(ev) {
		if cap(s.off)-len(s.off) < n {
			s.off = offHeapSlice[kg.Evidence](evidenceBlock)[:0]
		}
		if s.off != nil {
			start := len(s.off)
			s.off = append(s.off, ev...)
			return s.off[start : start+n : start+n]
		}
	}
	if cap(s.block)-len(s.block) < n {
		s.block = make([]kg.Evidence, 0, evidenceBlock)
	}
	start := len(s.block)
	s.block = append(s.block, ev...)
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
