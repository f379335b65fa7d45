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
type evidenceSlab struct {
	block []kg.Evidence
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
	if cap(s.block)-len(s.block) < n {
		s.block = make([]kg.Evidence, 0, evidenceBlock)
	}
	start := len(s.block)
	s.block = append(s.block, ev...)
	return s.block[start : start+n : start+n]
}
