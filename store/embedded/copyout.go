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
	c := *n
	c.Aliases = slices.Clone(n.Aliases)
	c.Attrs = maps.Clone(n.Attrs)
	c.Facts = slices.Clone(n.Facts)
	c.Mentions = slices.Clone(n.Mentions)
	c.Documents = slices.Clone(n.Documents)
	return c
}

// edgeOut returns a copy of e that shares no slice or map with it.
func edgeOut(e *kg.Edge) kg.Edge {
	c := *e
	c.Attrs = maps.Clone(e.Attrs)
	c.Evidence = slices.Clone(e.Evidence)
	c.Documents = slices.Clone(e.Documents)
	c.Clusters = slices.Clone(e.Clusters)
	return c
}

// documentOut returns a copy of d that shares no slice with it.
func documentOut(d *kg.Document) kg.Document {
	c := *d
	c.Signature = slices.Clone(d.Signature)
	c.Bands = slices.Clone(d.Bands)
	return c
}

// nodesOut copies the nodes with the given indexes into one new array and
// returns pointers to them.
func (s *state) nodesOut(idx []int32) []*kg.Node {
	vals := make([]kg.Node, len(idx))
	out := make([]*kg.Node, len(idx))
	for i, n := range idx {
		vals[i] = nodeOut(&s.nodes[n].n)
		out[i] = &vals[i]
	}
	return out
}

// edgesOut is nodesOut for edges.
func (s *state) edgesOut(idx []int32) []*kg.Edge {
	vals := make([]kg.Edge, len(idx))
	out := make([]*kg.Edge, len(idx))
	for i, e := range idx {
		vals[i] = edgeOut(&s.edges[e].e)
		out[i] = &vals[i]
	}
	return out
}
