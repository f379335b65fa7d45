package embedded

import (
	"encoding/binary"
	"encoding/hex"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

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

// textRef is a string of the rows: bytes in textBlocks (block number,
// offset, length), or, for the two most common shapes, the string packed
// into the reference itself, which costs no memory read to write out:
// an ISO date (a node's or an edge's first and last seen; see packedDate)
// or an edge ID (see packedRelID). Reading one through textBlocks.writeTo
// gives back the very bytes that were stored.
type textRef struct{ block, off, n uint32 }

const (
	// packedDate marks a textRef whose off is a date "YYYY-MM-DD" as the
	// number YYYYMMDD.
	packedDate = math.MaxUint32 - iota
	// packedRelID marks a textRef whose off and n are the high and low
	// halves of the 64-bit number an edge ID "rel:" + 16 hex digits spells
	// (see kg.EdgeID).
	packedRelID
)

// len is the length of the string r stands for.
func (r textRef) len() int {
	switch r.block {
	case packedDate:
		return len("2006-01-02")
	case packedRelID:
		return len("rel:") + 16
	}
	return int(r.n)
}

// packString returns s packed into a textRef, if it has a shape that
// packs.
func packString(s string) (textRef, bool) {
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		y, ok1 := digits(s[0:4])
		m, ok2 := digits(s[5:7])
		d, ok3 := digits(s[8:10])
		if ok1 && ok2 && ok3 {
			return textRef{block: packedDate, off: uint32(y*10000 + m*100 + d)}, true
		}
	}
	if len(s) == 20 && strings.HasPrefix(s, "rel:") && isLowerHex(s[4:]) {
		x, err := strconv.ParseUint(s[4:], 16, 64)
		if err == nil {
			return textRef{block: packedRelID, off: uint32(x >> 32), n: uint32(x)}, true
		}
	}
	return textRef{}, false
}

// digits is the value of s when s is all ASCII digits.
func digits(s string) (int, bool) {
	v := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		v = v*10 + int(s[i]-'0')
	}
	return v, true
}

func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// textBlockSize is the size of one text block. Bigger blocks mean fewer
// pointers for the collector to follow, smaller ones less unused tail.
const textBlockSize = 1 << 20

// textBlocks is append-only storage for the rows' strings. Bytes once
// written never change, so a textRef stays valid as long as the blocks it
// was made for. Text that a merge replaces is left behind unused and
// counted; summaryRows.compact copies the live text to new blocks once the
// unused part outgrows it, so that a node renamed or re-aliased on every
// merge costs memory in proportion to what it holds, not to its history.
type textBlocks struct {
	blocks [][]byte
	size   int // bytes written
	unused int // bytes written that no row refers to any more
	// dates holds the string of every packed date added, so that reading
	// one back as a string does not allocate: a store has a few thousand
	// dates, shared by millions of nodes and edges. Only add writes it,
	// under the store's write lock.
	dates map[uint32]string
}

// add stores b and returns where it is.
func (t *textBlocks) add(b []byte) textRef { return addText(t, b) }

// addString is add for a string, packed when it has a shape that packs.
func (t *textBlocks) addString(s string) textRef {
	if r, ok := packString(s); ok {
		if _, known := t.dates[r.off]; r.block == packedDate && !known {
			if t.dates == nil {
				t.dates = map[uint32]string{}
			}
			t.dates[r.off] = strings.Clone(s)
		}
		return r
	}
	return addText(t, s)
}

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
	t.size += len(b)
	return textRef{block: uint32(last), off: uint32(off), n: uint32(len(b))}
}

// bytes returns the stored bytes r addresses, which must not be packed.
// The caller must not change them.
func (t *textBlocks) bytes(r textRef) []byte {
	if r.n == 0 {
		return nil
	}
	return t.blocks[r.block][r.off : r.off+r.n : r.off+r.n]
}

// writeTo writes the string r stands for to w.
func (t *textBlocks) writeTo(w *strings.Builder, r textRef) {
	if r.block < packedRelID {
		w.Write(t.bytes(r))
		return
	}
	var buf [32]byte
	w.Write(t.appendTo(buf[:0], r))
}

// appendTo appends the string r stands for to b.
func (t *textBlocks) appendTo(b []byte, r textRef) []byte {
	switch r.block {
	case packedDate:
		d := [10]byte{4: '-', 7: '-'}
		v := r.off
		for _, i := range [...]int{9, 8, 6, 5, 3, 2, 1, 0} {
			d[i] = byte('0' + v%10)
			v /= 10
		}
		return append(b, d[:]...)
	case packedRelID:
		var x [8]byte
		binary.BigEndian.PutUint32(x[:4], r.off)
		binary.BigEndian.PutUint32(x[4:], r.n)
		return hex.AppendEncode(append(b, "rel:"...), x[:])
	}
	return append(b, t.bytes(r)...)
}

// str is the string r stands for, a new copy.
func (t *textBlocks) str(r textRef) string {
	if r.len() == 0 {
		return ""
	}
	if s, ok := t.dates[r.off]; ok && r.block == packedDate {
		return s
	}
	var buf [32]byte
	return string(t.appendTo(buf[:0], r))
}

// nodeRow is a node's summary: strings by reference, lists by count.
// The ID, name, aliases and attributes are one text, written whole again
// when any of them changes, so that reading them is one memory access
// rather than one per string. Facts are rare and hold evidence, so a node
// with facts has them copied from its record.
type nodeRow struct {
	text                       textRef // ID, name, aliases (see appendList), attributes (see appendAttrs)
	idLen, nameLen, aliasesLen uint32  // the lengths of the first three parts of text
	first, last                textRef
	nAliases                   uint32
	mentions, documents, facts uint32
	kind                       uint8
}

// parts splits a node's text, as read back whole, into its ID, name,
// encoded aliases and encoded attributes.
func (row *nodeRow) parts(text string) (id, name, aliases, attrs string) {
	a, b, c := row.idLen, row.idLen+row.nameLen, row.idLen+row.nameLen+row.aliasesLen
	return text[:a], text[a:b], text[b:c], text[c:]
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
	r.compactIfWasteful()
}

// setNode writes n into row, storing only what differs from old (all of
// it when old is nil).
func (r *summaryRows) setNode(row *nodeRow, old, n *kg.Node) {
	row.mentions, row.documents, row.facts = uint32(len(n.Mentions)), uint32(len(n.Documents)), uint32(len(n.Facts))
	if old == nil {
		old = &kg.Node{} // a new row's references all stand for ""
	}
	r.setString(&row.first, old.FirstSeen, n.FirstSeen)
	r.setString(&row.last, old.LastSeen, n.LastSeen)
	if old.ID != "" && old.ID == n.ID && old.Name == n.Name && slices.Equal(old.Aliases, n.Aliases) && maps.Equal(old.Attrs, n.Attrs) {
		return
	}
	b := append(r.scratch[:0], n.ID...)
	b = append(b, n.Name...)
	b = appendList(b, n.Aliases)
	aliasesEnd := len(b)
	b = appendAttrs(b, n.Attrs)
	r.scratch = b
	r.replace(&row.text, r.text.add(b))
	row.idLen, row.nameLen = uint32(len(n.ID)), uint32(len(n.Name))
	row.aliasesLen = uint32(aliasesEnd - len(n.ID) - len(n.Name))
	row.nAliases = uint32(len(n.Aliases))
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
	r.compactIfWasteful()
}

func (r *summaryRows) setEdge(row *edgeRow, old, e *kg.Edge) {
	row.evidence, row.documents, row.clusters = uint32(len(e.Evidence)), uint32(len(e.Documents)), uint32(len(e.Clusters))
	if old == nil {
		old = &kg.Edge{} // a new row's references all stand for ""
	}
	r.setString(&row.id, old.ID, e.ID)
	r.setString(&row.first, old.FirstSeen, e.FirstSeen)
	r.setString(&row.last, old.LastSeen, e.LastSeen)
	if old.ID == "" || !maps.Equal(old.Attrs, e.Attrs) {
		r.scratch = appendAttrs(r.scratch[:0], e.Attrs)
		r.replace(&row.attrs, r.text.add(r.scratch))
	}
}

// setString stores s at *ref when it differs from was, the string *ref
// holds.
func (r *summaryRows) setString(ref *textRef, was, s string) {
	if was != s {
		r.replace(ref, r.text.addString(s))
	}
}

// replace points *ref at new, counting the text it pointed at as unused.
func (r *summaryRows) replace(ref *textRef, new textRef) {
	if ref.block < packedRelID {
		r.text.unused += int(ref.n)
	}
	*ref = new
}

// compactAt is how much unused text compact waits for: below it, copying
// the live text would cost more than the memory it frees.
const compactAt = 16 << 20

// compactIfWasteful compacts when the unused text exceeds both compactAt
// and the live text, so the blocks never hold more than about twice what
// the rows refer to, and each byte is copied a bounded number of times.
func (r *summaryRows) compactIfWasteful() {
	if r.text.unused > compactAt && r.text.unused > r.text.size-r.text.unused {
		r.compact()
	}
}

// compact copies the text every row refers to into new blocks. Readers
// hold the store's read lock and compact runs under its write lock; a
// snapshot being written keeps the old blocks it was given (see view).
func (r *summaryRows) compact() {
	old := r.text
	r.text = textBlocks{dates: old.dates}
	move := func(ref *textRef) {
		if ref.block < packedRelID && ref.n > 0 {
			*ref = r.text.add(old.bytes(*ref))
		}
	}
	for i := range r.nodes {
		row := &r.nodes[i]
		move(&row.text)
		move(&row.first)
		move(&row.last)
	}
	for j := range r.edges {
		row := &r.edges[j]
		move(&row.id)
		move(&row.first)
		move(&row.last)
		move(&row.attrs)
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

// nodeID is the bytes of node i's ID. The caller must not change them.
func (r *summaryRows) nodeID(i int32) []byte {
	row := &r.nodes[i]
	return r.text.bytes(row.text)[:row.idLen]
}
