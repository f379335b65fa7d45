package embedded

import (
	"maps"
	"slices"

	"github.com/newsgraph/newsgraph/kg"
)

// Values leave the store as copies: every slice and map of a returned
// node, edge or document is the caller's own, so a caller may keep it,
// change it or append to it without touching what the store holds, and a
// merge never changes a value a caller already has. Strings are immutable
// and are shared as they are.

// nodeOut returns a copy of n that shares no slice or map with it.
func nodeOut(n *kg.Node) kg.Node {
	c := n.Counted()
	c.Aliases = slices.Clone(n.Aliases)
	c.Attrs = maps.Clone(n.Attrs)
	c.Facts = slices.Clone(n.Facts)
	c.Mentions = slices.Clone(n.Mentions)
	c.Documents = slices.Clone(n.Documents)
	return c
}

// documentOut returns a copy of d that shares no slice with it.
func documentOut(d *kg.Document) kg.Document {
	c := *d
	c.Signature = slices.Clone(d.Signature)
	c.Bands = slices.Clone(d.Bands)
	return c
}

// outArena holds the lists of the values of one answer: each kind of
// list is cut from one array, so an answer of a hundred nodes costs a few
// allocations rather than one per list. Lists are cut to their length, so
// a caller's append copies instead of writing into its neighbour.
type outArena struct {
	ev   []kg.Evidence
	strs []string
}

// cut copies xs to the end of arena and returns the copy.
func cut[T any](arena *[]T, xs []T) []T {
	if len(xs) == 0 {
		return xs[:0:0] // nil stays nil; an empty list shares nothing
	}
	start := len(*arena)
	*arena = append(*arena, xs...)
	return (*arena)[start:len(*arena):len(*arena)]
}

// edge copies e, an edge buildEdge made, its lists into the arena. Its
// attribute map is already a new one (see buildEdge).
func (a *outArena) edge(e *kg.Edge) kg.Edge {
	c := e.Counted()
	c.Evidence = cut(&a.ev, e.Evidence)
	c.Documents = cut(&a.strs, e.Documents)
	c.Clusters = cut(&a.strs, e.Clusters)
	return c
}

// arenaFor returns an arena with room for the lists of the given edges.
func (s *state) arenaFor(edges []int32) *outArena {
	var ev, strs int
	a := &outArena{}
	for _, e := range edges {
		r := &s.edges[e]
		ev += len(r.evidence)
		strs += len(r.documents) + len(r.clusters)
	}
	a.ev = make([]kg.Evidence, 0, ev)
	a.strs = make([]string, 0, strs)
	return a
}

// edgesOut copies the edges with the given indexes, whole, into one new
// array and returns pointers to them.
func (s *state) edgesOut(idx []int32) []*kg.Edge {
	a := s.arenaFor(idx)
	vals := make([]kg.Edge, len(idx))
	out := make([]*kg.Edge, len(idx))
	for i, e := range idx {
		whole := s.wholeEdge(e)
		vals[i] = a.edge(&whole)
		out[i] = &vals[i]
	}
	return out
}
