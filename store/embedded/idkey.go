package embedded

import (
	"cmp"
	"encoding/binary"
	"slices"
	"strings"
)

// idKey holds the first 16 bytes of an ID as two big-endian words, so
// comparing keys orders IDs as strings do up to those bytes. Sorting edges
// by ID then reads one dense array instead of two scattered objects (the
// record and the string's bytes) per comparison; only IDs that share their
// first 16 bytes fall back to comparing strings.
type idKey [2]uint64

func keyOfID(id string) idKey {
	var b [16]byte
	copy(b[:], id)
	return idKey{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])}
}

// less reports whether k orders before o.
func (k idKey) less(o idKey) bool { return k[0] < o[0] || k[0] == o[0] && k[1] < o[1] }

// compareNodes orders node indexes by node ID.
func (s *state) compareNodes(a, b int32) int {
	x, y := &s.nodeKeys[a], &s.nodeKeys[b]
	if c := cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1])); c != 0 {
		return c
	}
	return strings.Compare(s.nodes[a].n.ID, s.nodes[b].n.ID)
}

// compareEdges orders edge indexes by edge ID.
func (s *state) compareEdges(a, b int32) int {
	x, y := &s.edgeKeys[a], &s.edgeKeys[b]
	if c := cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1])); c != 0 {
		return c
	}
	return s.compareEdgeIDs(a, b)
}

// sortEdges sorts edge indexes by edge ID. The keys are gathered once
// into a local array and sorted there, so each comparison reads adjacent
// memory rather than two random places in a graph-sized array. scratch,
// when not nil, lends that array and keeps it for the next call.
func (s *state) sortEdges(es []int32, scratch *[]keyedEdge) {
	if len(es) < 2 {
		return
	}
	var ks []keyedEdge
	if scratch != nil {
		ks = slices.Grow((*scratch)[:0], len(es))[:len(es)]
		defer func() { *scratch = ks[:0] }()
	} else {
		ks = make([]keyedEdge, len(es))
	}
	for i, e := range es {
		ks[i] = keyedEdge{s.edgeKeys[e], e}
	}
	sortKeyed(ks)
	// Keys that are equal (IDs sharing their first 16 bytes) are ordered
	// by the whole ID.
	for i := 0; i < len(ks); {
		j := i + 1
		for j < len(ks) && ks[j].k == ks[i].k {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(ks[i:j], func(a, b keyedEdge) int { return s.compareEdgeIDs(a.e, b.e) })
		}
		i = j
	}
	for i := range ks {
		es[i] = ks[i].e
	}
}

// sortKeyed sorts by key alone: a quicksort (median-of-three pivot,
// insertion sort for short runs) whose comparison is inlined. Sorting a
// subgraph's hundred edges with slices.SortFunc spent most of its time
// in the call per comparison.
func sortKeyed(ks []keyedEdge) {
	for len(ks) > 12 {
		m, last := len(ks)/2, len(ks)-1
		if ks[m].k.less(ks[0].k) {
			ks[0], ks[m] = ks[m], ks[0]
		}
		if ks[last].k.less(ks[0].k) {
			ks[0], ks[last] = ks[last], ks[0]
		}
		if ks[last].k.less(ks[m].k) {
			ks[m], ks[last] = ks[last], ks[m]
		}
		p := ks[m].k
		i, j := 0, last
		for i <= j {
			for ks[i].k.less(p) {
				i++
			}
			for p.less(ks[j].k) {
				j--
			}
			if i <= j {
				ks[i], ks[j] = ks[j], ks[i]
				i++
				j--
			}
		}
		// Recurse into the shorter part and loop on the longer, so the
		// stack stays logarithmic.
		if j+1 < len(ks)-i {
			sortKeyed(ks[:j+1])
			ks = ks[i:]
		} else {
			sortKeyed(ks[i:])
			ks = ks[:j+1]
		}
	}
	for i := 1; i < len(ks); i++ {
		for j := i; j > 0 && ks[j].k.less(ks[j-1].k); j-- {
			ks[j], ks[j-1] = ks[j-1], ks[j]
		}
	}
}
