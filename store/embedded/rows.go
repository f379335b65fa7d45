package embedded

import (
	"encoding/binary"
	"maps"
	"slices"

	"github.com/newsgraph/newsgraph/kg"
)

// Summary rows hold what a graph answer carries of each node and edge
// (see kg.Node.Summarized and kg.Edge.Summarized) in arrays of fixed-size
// rows without pointers, their strings in large byte blocks. A
// neighbourhood touches a few hundred nodes and edges spread over the
// whole store: read from the records, each costs several cache misses
// (the record, then every string and map it points to); read from rows,
// one row and a few bytes in the same blocks. The collector does not scan
// rows or blocks, since they hold no pointers.
//
// Rows are derived data, kept by state's merges under the write lock and
// read under the read lock; the records (nodeRec, edgeRec) stay the
// source of truth, for whole values and for snapshots.

// textRef addresses bytes in textBlocks: block number, offset, length.
type textRef struct{ block, off, n uint32 }

// textBlockSize is the size of one text block. Bigger blocks mean fewer
// pointers for the collector to follow, smaller ones less unused tail.
const textBlockSize = 1 << 20

// textBlocks is append-only storage for the rows' strings. Bytes once
// written never change, so a textRef stays valid for the store's life.
// Text that a merge replaces is left behind unused; merges that change a
// name, aliases, attributes or dates are rare next to those that only add
// evidence, which change counts alone.
type textBlocks struct {
	blocks [][]byte
}

// add stores b and returns where it is.
func (t *textBlocks) add(b []byte) textRef { return addText(t, b) }

// addString is add for a string.
func (t *textBlocks) addString(s string) textRef { return addText(t, s) }

func addText[T string | []byte](t *textBlocks, b T) textRef {
	if len(b) == 0 {
		return textRef{}
	}
	last := len(t.blocks) - 1
	if last < 0 || cap(t.blocks[last])-len(t.blocks[last]) < len(b) {
		t.blocks = append(t.blocks, make([]byte, 0, max(textBlockSize, len(b))))
		last++
	}
	blk := t.blocks[last]
	off := len(blk)
	t.blocks[last] = append(blk, b...)
	return textRef{block: uint32(last), off: uint32(off), n: uint32(len(b))}
}

// bytes returns the stored bytes r addresses. The caller must not change
// them.
func (t *textBlocks) bytes(r textRef) []byte {
	if r.n == 0 {
		return nil
	}
	return t.blocks[r.block][r.off : r.off+r.n : r.off+r.n]
}

// nodeRow is a node's summary: strings by reference, lists by count.
// Facts are rare and hold evidence, so a node with facts has them copied
// from its record.
type nodeRow struct {
	id, name, first, last textRef
	aliases               textRef // see appendList
	attrs                 textRef // see appendAttrs
	nAliases              uint32
	mentions, documents   uint32
	facts                 uint32
	kind                  uint8
}

// edgeRow is an edge's summary. Its source and target IDs are those of
// the nodes' rows.
type edgeRow struct {
	id, first, last               textRef
	attrs                         textRef
	src, dst                      int32
	evidence, documents, clusters uint32
	typ                           uint8
}

// summaryRows is the rows of every node and edge, by index.
type summaryRows struct {
	text    textBlocks
	nodes   []nodeRow
	edges   []edgeRow
	scratch []byte
}

// reserve sizes the row arrays for a snapshot's numbers of nodes and
// edges, already capped by state.reserve.
func (r *summaryRows) reserve(nodes, edges uint64) {
	r.nodes = make([]nodeRow, 0, nodes)
	r.edges = make([]edgeRow, 0, edges)
}

// addNode appends the row of n, the node at the next index.
func (r *summaryRows) addNode(n *kg.Node, kind uint8) {
	row := nodeRow{kind: kind}
	r.setNode(&row, nil, n)
	r.nodes = append(r.nodes, row)
}

// updateNode refreshes row i after a merge turned old into n.
func (r *summaryRows) updateNode(i int32, old, n *kg.Node) {
	r.setNode(&r.nodes[i], old, n)
}

// setNode writes n into row, storing only the strings that differ from
// old's (all of them when old is nil).
func (r *summaryRows) setNode(row *nodeRow, old, n *kg.Node) {
	row.mentions, row.documents, row.facts = uint32(len(n.Mentions)), uint32(len(n.Documents)), uint32(len(n.Facts))
	if old == nil || old.ID != n.ID {
		row.id = r.text.addString(n.ID)
	}
	if old == nil || old.Name != n.Name {
		row.name = r.text.addString(n.Name)
	}
	if old == nil || old.FirstSeen != n.FirstSeen {
		row.first = r.text.addString(n.FirstSeen)
	}
	if old == nil || old.LastSeen != n.LastSeen {
		row.last = r.text.addString(n.LastSeen)
	}
	if old == nil || !slices.Equal(old.Aliases, n.Aliases) {
		r.scratch = appendList(r.scratch[:0], n.Aliases)
		row.aliases, row.nAliases = r.text.add(r.scratch), uint32(len(n.Aliases))
	}
	if old == nil || !maps.Equal(old.Attrs, n.Attrs) {
		r.scratch = appendAttrs(r.scratch[:0], n.Attrs)
		row.attrs = r.text.add(r.scratch)
	}
}

// addEdge appends the row of e, the edge at the next index, between the
// nodes src and dst.
func (r *summaryRows) addEdge(e *kg.Edge, src, dst int32, typ uint8) {
	row := edgeRow{src: src, dst: dst, typ: typ}
	r.setEdge(&row, nil, e)
	r.edges = append(r.edges, row)
}

// updateEdge refreshes row j after a merge turned old into e.
func (r *summaryRows) updateEdge(j int32, old, e *kg.Edge) {
	r.setEdge(&r.edges[j], old, e)
}

func (r *summaryRows) setEdge(row *edgeRow, old, e *kg.Edge) {
	row.evidence, row.documents, row.clusters = uint32(len(e.Evidence)), uint32(len(e.Documents)), uint32(len(e.Clusters))
	if old == nil || old.ID != e.ID {
		row.id = r.text.addString(e.ID)
	}
	if old == nil || old.FirstSeen != e.FirstSeen {
		row.first = r.text.addString(e.FirstSeen)
	}
	if old == nil || old.LastSeen != e.LastSeen {
		row.last = r.text.addString(e.LastSeen)
	}
	if old == nil || !maps.Equal(old.Attrs, e.Attrs) {
		r.scratch = appendAttrs(r.scratch[:0], e.Attrs)
		row.attrs = r.text.add(r.scratch)
	}
}

// appendList encodes xs as a sequence of length-prefixed strings.
func appendList(b []byte, xs []string) []byte {
	for _, x := range xs {
		b = binary.AppendUvarint(b, uint64(len(x)))
		b = append(b, x...)
	}
	return b
}

// appendAttrs encodes m as appendList does its keys and values, key
// before value, keys in order so that equal maps encode alike.
func appendAttrs(b []byte, m map[string]string) []byte {
	for _, k := range slices.Sorted(maps.Keys(m)) {
		b = binary.AppendUvarint(b, uint64(len(k)))
		b = append(b, k...)
		b = binary.AppendUvarint(b, uint64(len(m[k])))
		b = append(b, m[k]...)
	}
	return b
}

// nextItem splits the first length-prefixed item off s, an encoding
// appendList or appendAttrs wrote.
func nextItem(s string) (item, rest string) {
	n, k := uvarintString(s)
	return s[k : k+int(n)], s[k+int(n):]
}

// uvarintString is binary.Uvarint for a string, which the rows' own
// encoding always makes well formed.
func uvarintString(s string) (uint64, int) {
	var x uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		x |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			return x, i + 1
		}
	}
	panic("embedded: truncated row text")
}
