package embedded

import "github.com/newsgraph/newsgraph/kg"

// evidenceSlab hands out short evidence lists from shared blocks: most
// edges carry one or two pieces of evidence, and a list of its own per
// edge would be an allocation the collector finds, marks and sweeps on
// every cycle. Lists are cut to their length (capacity equals length), so
// an append copies instead of writing into a neighbour, and no list is
// ever written after it was handed out: a merge builds a new list. A list
// replaced by a merge stays in its block until the store is dropped, so
// only short lists come from here: an edge merged k times leaves at most
// 1+2+...+slabMax dead entries behind. Only the store's one writer uses it.
type evidenceSlab struct{ listSlab[kg.Evidence] }

// The slabs' block size and the longest list they take, shared by every
// listSlab: a longer list is left to the collector (see listSlab.keep).
const (
	slabBlock = 4096
	slabMax   = 4
)

// keep returns ev in slab memory when it is short, else ev itself.
func (s *evidenceSlab) keep(ev []kg.Evidence) []kg.Evidence {
	return s.listSlab.keep(ev)
}

// stringSlab is evidenceSlab for short lists of document and cluster IDs:
// the one-element lists are shared (see state.shared), and the lists of
// two to four, which edges and nodes named by a few documents have, come
// from here.
type stringSlab struct{ listSlab[string] }

// listSlab is the memory of evidenceSlab and stringSlab: ordinary heap
// blocks, freed by the collector once the store and every list cut from
// them are gone.
type listSlab[T any] struct {
	block []T
}

// keep returns xs in slab memory when it is short, else xs itself.
func (s *listSlab[T]) keep(xs []T) []T {
	n := len(xs)
	if n == 0 || n > slabMax {
		return xs
	}
	if cap(s.block)-len(s.block) < n {
		s.block = make([]T, 0, slabBlock)
	}
	start := len(s.block)
	s.block = append(s.block, xs...)
	return s.block[start : start+n : start+n]
}
