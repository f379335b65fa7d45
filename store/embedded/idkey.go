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
	return strings.Compare(s.edges[a].e.ID, s.edges[b].e.ID)
}

// sortEdges sorts edge indexes by edge ID. The keys are gathered once
// into a local array and sorted there, so each comparison reads adjacent
// memory rather than two random places in a graph-sized array.
func (s *state) sortEdges(es []int32) {
	if len(es) < 2 {
		return
	}
	type keyed struct {
		k idKey
		e int32
	}
	ks := make([]keyed, len(es))
	for i, e := range es {
		ks[i] = keyed{s.edgeKeys[e], e}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if c := cmp.Or(cmp.Compare(a.k[0], b.k[0]), cmp.Compare(a.k[1], b.k[1])); c != 0 {
			return c
		}
		return strings.Compare(s.edges[a.e].e.ID, s.edges[b.e].e.ID)
	})
	for i := range ks {
		es[i] = ks[i].e
	}
}
