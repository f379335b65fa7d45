package embedded

import (
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// graphOut builds the summaries of the given nodes and edges from their
// rows (see summaryRows): what graph answers carry. The answer's strings
// are copied into one new string that its values share, so a caller may
// keep them after the store has changed or closed, and an answer costs a
// handful of allocations whatever its size.
//
// It works in two passes over the same rows in the same order: the first
// writes every string's bytes, the second cuts the one string at the
// lengths the rows give. An edge's ends are usually nodes of the answer,
// whose IDs it shares instead of copying them again.
func (s *state) graphOut(nodes, edges []int32) ([]*kg.Node, []*kg.Edge) {
	in := getMarks(len(s.nodes))
	defer in.release()
	for i, n := range nodes {
		in.set(n)
		in.pos[n] = int32(i)
	}
	text := &s.rows.text

	size, nAliases, nFacts := 0, 0, 0
	for _, n := range nodes {
		row := &s.rows.nodes[n]
		size += row.text.len() + row.first.len() + row.last.len()
		nAliases += int(row.nAliases)
		if row.facts > 0 {
			nFacts += len(s.nodes[n].n.Facts)
		}
	}
	for _, e := range edges {
		row := &s.rows.edges[e]
		size += row.id.len() + row.first.len() + row.last.len() + row.attrs.len()
		for _, end := range [2]int32{row.src, row.dst} {
			if !in.has(end) {
				size += int(s.rows.nodes[end].idLen)
			}
		}
	}

	var w strings.Builder
	w.Grow(size)
	for _, n := range nodes {
		row := &s.rows.nodes[n]
		for _, r := range [...]textRef{row.text, row.first, row.last} {
			text.writeTo(&w, r)
		}
	}
	for _, e := range edges {
		row := &s.rows.edges[e]
		for _, r := range [...]textRef{row.id, row.first, row.last, row.attrs} {
			text.writeTo(&w, r)
		}
		for _, end := range [2]int32{row.src, row.dst} {
			if !in.has(end) {
				w.Write(s.rows.nodeID(end))
			}
		}
	}
	c := cutter{s: w.String()}

	aliases := make([]string, nAliases)
	facts := make([]kg.Fact, 0, nFacts)
	nodeVals := make([]kg.Node, len(nodes))
	nodeOut := make([]*kg.Node, len(nodes))
	for i, n := range nodes {
		row, v := &s.rows.nodes[n], &nodeVals[i]
		v.Kind = kg.Kinds[row.kind]
		v.MentionCount, v.DocumentCount, v.Summary = int(row.mentions), int(row.documents), true
		var list, attrs string
		v.ID, v.Name, list, attrs = row.parts(c.next(row.text))
		v.FirstSeen, v.LastSeen = c.next(row.first), c.next(row.last)
		if row.nAliases > 0 {
			v.Aliases, aliases = aliases[:row.nAliases:row.nAliases], aliases[row.nAliases:]
			for k := range v.Aliases {
				v.Aliases[k], list = nextItem(list)
			}
		}
		v.Attrs = decodeAttrs(attrs)
		if row.facts > 0 {
			v.Facts = cut(&facts, s.nodes[n].n.Facts)
		}
		nodeOut[i] = v
	}

	edgeVals := make([]kg.Edge, len(edges))
	edgeOut := make([]*kg.Edge, len(edges))
	for i, e := range edges {
		row, v := &s.rows.edges[e], &edgeVals[i]
		v.Type = kg.RelTypes[row.typ]
		v.EvidenceCount, v.DocumentCount, v.ClusterCount, v.Summary = int(row.evidence), int(row.documents), int(row.clusters), true
		v.ID, v.FirstSeen, v.LastSeen = c.next(row.id), c.next(row.first), c.next(row.last)
		v.Attrs = decodeAttrs(c.next(row.attrs))
		ends := [2]*string{&v.Source, &v.Target}
		for k, end := range [2]int32{row.src, row.dst} {
			if in.has(end) {
				*ends[k] = nodeVals[in.pos[end]].ID
			} else {
				*ends[k] = c.nextN(int(s.rows.nodes[end].idLen))
			}
		}
		edgeOut[i] = v
	}
	return nodeOut, edgeOut
}

// summariesOut is graphOut for nodes alone.
func (s *state) summariesOut(idx []int32) []*kg.Node {
	ns, _ := s.graphOut(idx, nil)
	return ns
}

// cutter hands out consecutive parts of s.
type cutter struct {
	s   string
	off int
}

// next is the next part of s, as long as r.
func (c *cutter) next(r textRef) string {
	return c.nextN(r.len())
}

// nextN is the next n bytes of s.
func (c *cutter) nextN(n int) string {
	part := c.s[c.off : c.off+n]
	c.off += n
	return part
}

// decodeAttrs is the map appendAttrs encoded as s; nil for none.
func decodeAttrs(s string) map[string]string {
	if s == "" {
		return nil
	}
	m := make(map[string]string, 2)
	for s != "" {
		var k, v string
		k, s = nextItem(s)
		v, s = nextItem(s)
		m[k] = v
	}
	return m
}
