package embedded

import (
	"bytes"
	"slices"

	"github.com/newsgraph/newsgraph/kg"
)

// An edge is stored in two parts: its record holds its lists (evidence,
// documents, clusters) and its ends, and its row (see summaryRows) holds
// everything else. The record is then three list headers, which is most
// of what the collector has to follow for an edge; the ID, attributes
// and dates, which would be a string, a map and more pointers per edge,
// live in the rows' pointer-free memory.

// buildEdge is the kg.Edge of a record and its row. Its attribute map is
// new, decoded from the row; its lists are the stored ones, shared: a
// caller that hands it out copies them (edgeOutAt, outArena.edge).
func buildEdge(rec *edgeRec, row *edgeRow, text *textBlocks, source, target string) kg.Edge {
	return buildEdgeWithID(rec, row, text, text.str(row.id), source, target)
}

// buildEdgeWithID is buildEdge for a caller that has the edge's ID.
func buildEdgeWithID(rec *edgeRec, row *edgeRow, text *textBlocks, id, source, target string) kg.Edge {
	return kg.Edge{
		ID: id, Type: kg.RelTypes[rec.typ], Source: source, Target: target,
		Attrs:    decodeAttrs(text.str(row.attrs)),
		Evidence: rec.evidence, Documents: rec.documents, Clusters: rec.clusters,
		FirstSeen: text.str(row.first), LastSeen: text.str(row.last),
	}
}

// wholeEdge is edge j, its lists shared (see buildEdge).
func (s *state) wholeEdge(j int32) kg.Edge {
	return s.wholeEdgeWithID(j, s.edgeID(j))
}

// wholeEdgeWithID is wholeEdge for a caller that has the edge's ID, which
// saves building it again.
func (s *state) wholeEdgeWithID(j int32, id string) kg.Edge {
	rec, row := &s.edges[j], &s.rows.edges[j]
	return buildEdgeWithID(rec, row, &s.rows.text, id, s.nodes[rec.src].n.ID, s.nodes[rec.dst].n.ID)
}

// edgeOutAt is edge j as a copy the caller owns: buildEdge's strings and
// attribute map are new, so only the stored lists are copied.
func (s *state) edgeOutAt(j int32) kg.Edge {
	e := s.wholeEdge(j).Counted()
	e.Evidence, e.Documents, e.Clusters = slices.Clone(e.Evidence), slices.Clone(e.Documents), slices.Clone(e.Clusters)
	return e
}

// edgeID is edge j's ID.
func (s *state) edgeID(j int32) string { return s.rows.text.str(s.rows.edges[j].id) }

// compareEdgeID compares edge j's ID with id, without building a string.
func (s *state) compareEdgeID(j int32, id string) int {
	var buf [32]byte
	return -compareStringBytes(id, s.rows.text.appendTo(buf[:0], s.rows.edges[j].id))
}

// compareEdgeIDs compares the IDs of edges a and b.
func (s *state) compareEdgeIDs(a, b int32) int {
	var x, y [32]byte
	return bytes.Compare(s.rows.text.appendTo(x[:0], s.rows.edges[a].id), s.rows.text.appendTo(y[:0], s.rows.edges[b].id))
}

// compareStringBytes is strings.Compare(s, string(b)) without the copy.
func compareStringBytes(s string, b []byte) int {
	for i := 0; i < len(s) && i < len(b); i++ {
		if s[i] != b[i] {
			if s[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(s) < len(b):
		return -1
	case len(s) > len(b):
		return 1
	}
	return 0
}

// edgeIndex finds an edge's index by its ID. IDs of the usual shape
// ("rel:" and 16 hex digits, see kg.EdgeID) are keyed by the number they
// spell, which keeps the map free of pointers and of the ID strings;
// others, which only a hand-made extraction has, by the string.
type edgeIndex struct {
	packed map[uint64]int32
	other  map[string]int32
}

func newEdgeIndex(size uint64) edgeIndex {
	return edgeIndex{packed: make(map[uint64]int32, size), other: map[string]int32{}}
}

// get returns the index of the edge with ID id.
func (x *edgeIndex) get(id string) (int32, bool) {
	if r, ok := packString(id); ok && r.block == packedRelID {
		j, found := x.packed[uint64(r.off)<<32|uint64(r.n)]
		return j, found
	}
	j, found := x.other[id]
	return j, found
}

// put records that the edge with ID id has index j.
func (x *edgeIndex) put(id string, j int32) {
	if r, ok := packString(id); ok && r.block == packedRelID {
		x.packed[uint64(r.off)<<32|uint64(r.n)] = j
		return
	}
	x.other[id] = j
}
