package embedded

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"maps"
	"slices"

	"github.com/newsgraph/newsgraph/kg"
)

// A snapshot file holds the whole graph as it stood when the log segment
// it is named after ended. It starts with snapMagic; then come records
// framed as in the log (length, CRC-32C, payload; see EncodeRecord). The
// first payload byte says what a record holds:
//
//	H  header: uvarint segment, documents, nodes, edges
//	S  strings added to the table: uvarint count, then each as uvarint length and bytes
//	D  documents, N nodes, E edges: uvarint count, then each value
//	T  trailer: the header's numbers again
//
// A value names a recurring string by its uvarint index in the table (0
// is the empty string), so each ID, name, date and quote is stored once;
// strings that occur once (edge IDs, document texts) are written in place.
// A list or map is written as uvarint n+1 and its items, 0 meaning nil, so
// a value reads back exactly as it was stored. A file without its trailer
// (a write cut short) or with a bad checksum anywhere is not used.
const (
	snapMagic = "NGKGSNP1"
	// snapChunk is the payload size after which a record is closed: small
	// enough to keep a reader's buffer small, large enough that framing
	// costs nothing.
	snapChunk = 1 << 20
)

const (
	snapHeader  = 'H'
	snapStrings = 'S'
	snapDocs    = 'D'
	snapNodes   = 'N'
	snapEdges   = 'E'
	snapTrailer = 'T'
)

// errSnapshot marks a snapshot that cannot be used: torn, damaged or not
// a snapshot at all.
var errSnapshot = errors.New("unusable snapshot")

// snapView is what a snapshot writes: the stored documents and the
// records of the nodes and edges, in index order, as they stood at the
// end of log segment seq. Records are copy-on-write, so the view stays
// valid while the store goes on merging.
type snapView struct {
	seq   uint64
	docs  []*kg.Document
	nodes []*nodeRec
	edges []edgeRec
	// The edges' rows and their text as they stood: rows change in place,
	// so they are copied; text blocks only grow, so the block list is.
	edgeRows []edgeRow
	text     textBlocks
}

// view captures the state for a snapshot. The caller is the store's one
// writer, so nothing changes while it copies.
func (s *state) view(seq uint64) *snapView {
	return &snapView{
		seq:   seq,
		docs:  slices.Clone(s.docList),
		nodes: slices.Clone(s.nodes),
		edges: slices.Clone(s.edges),

		edgeRows: slices.Clone(s.rows.edges),
		text:     textBlocks{blocks: slices.Clone(s.rows.text.blocks), dates: maps.Clone(s.rows.text.dates)},
	}
}

// snapEncoder builds records and writes them to w.
type snapEncoder struct {
	w       io.Writer
	ids     map[string]uint64 // strings already in the table -> index
	pending []string          // strings the open record names that the table lacks yet
	buf     []byte            // the open record's values
	kind    byte
	count   int
	abort   func() bool // reports whether to stop early (the store closes)
}

// writeSnapshot writes v to w; it stops with errAborted when abort says so.
func writeSnapshot(w io.Writer, v *snapView, abort func() bool) error {
	e := &snapEncoder{w: w, ids: map[string]uint64{}, abort: abort}
	if _, err := io.WriteString(w, snapMagic); err != nil {
		return err
	}
	counts := func(kind byte) []byte {
		b := []byte{kind}
		for _, n := range []uint64{v.seq, uint64(len(v.docs)), uint64(len(v.nodes)), uint64(len(v.edges))} {
			b = binary.AppendUvarint(b, n)
		}
		return b
	}
	if err := e.record(counts(snapHeader)); err != nil {
		return err
	}
	for _, d := range v.docs {
		if err := e.item(snapDocs); err != nil {
			return err
		}
		e.document(d)
	}
	for _, r := range v.nodes {
		if err := e.item(snapNodes); err != nil {
			return err
		}
		e.node(&r.n)
	}
	for j := range v.edges {
		if err := e.item(snapEdges); err != nil {
			return err
		}
		r := &v.edges[j]
		x := buildEdge(r, &v.edgeRows[j], &v.text, v.nodes[r.src].n.ID, v.nodes[r.dst].n.ID)
		e.edge(&x)
	}
	if err := e.flush(); err != nil {
		return err
	}
	return e.record(counts(snapTrailer))
}

// errAborted is writeSnapshot's answer when it was told to stop.
var errAborted = errors.New("snapshot aborted")

// item starts one value of kind, closing the open record first when it is
// full or of another kind.
func (e *snapEncoder) item(kind byte) error {
	if e.kind != kind || len(e.buf) >= snapChunk {
		if err := e.flush(); err != nil {
			return err
		}
		if e.abort != nil && e.abort() {
			return errAborted
		}
		e.kind = kind
	}
	e.count++
	return nil
}

// flush writes the strings the open record introduces, then the record.
func (e *snapEncoder) flush() error {
	if e.count == 0 {
		return nil
	}
	if len(e.pending) > 0 {
		b := binary.AppendUvarint([]byte{snapStrings}, uint64(len(e.pending)))
		for _, s := range e.pending {
			b = binary.AppendUvarint(b, uint64(len(s)))
			b = append(b, s...)
		}
		if err := e.record(b); err != nil {
			return err
		}
		e.pending = e.pending[:0]
	}
	b := binary.AppendUvarint([]byte{e.kind}, uint64(e.count))
	b = append(b, e.buf...)
	e.buf, e.count = e.buf[:0], 0
	return e.record(b)
}

func (e *snapEncoder) record(payload []byte) error {
	_, err := e.w.Write(EncodeRecord(payload))
	return err
}

func (e *snapEncoder) uint(n uint64) { e.buf = binary.AppendUvarint(e.buf, n) }
func (e *snapEncoder) int(n int)     { e.buf = binary.AppendVarint(e.buf, int64(n)) }

// str writes s as its index in the string table.
func (e *snapEncoder) str(s string) {
	if s == "" {
		e.uint(0)
		return
	}
	id, ok := e.ids[s]
	if !ok {
		id = uint64(len(e.ids) + 1)
		e.ids[s] = id
		e.pending = append(e.pending, s)
	}
	e.uint(id)
}

// raw writes s in place.
func (e *snapEncoder) raw(s string) {
	e.uint(uint64(len(s)))
	e.buf = append(e.buf, s...)
}

// size writes the length of a list or map, 0 for nil.
func (e *snapEncoder) size(n int, isNil bool) {
	if isNil {
		e.uint(0)
		return
	}
	e.uint(uint64(n) + 1)
}

func (e *snapEncoder) strs(xs []string) {
	e.size(len(xs), xs == nil)
	for _, x := range xs {
		e.str(x)
	}
}

func (e *snapEncoder) attrs(m map[string]string) {
	e.size(len(m), m == nil)
	for _, k := range slices.Sorted(maps.Keys(m)) {
		e.str(k)
		e.str(m[k])
	}
}

func (e *snapEncoder) evidence(v *kg.Evidence) {
	e.str(v.DocumentID)
	e.int(v.Sentence)
	e.int(v.Start)
	e.int(v.End)
	e.str(v.Quote)
}

func (e *snapEncoder) evidences(xs []kg.Evidence) {
	e.size(len(xs), xs == nil)
	for i := range xs {
		e.evidence(&xs[i])
	}
}

func (e *snapEncoder) document(d *kg.Document) {
	e.str(d.ID)
	e.raw(d.Title)
	e.str(d.Source)
	e.raw(d.URL)
	e.str(d.PublishedAt)
	e.raw(d.Byline)
	e.raw(d.Dateline)
	e.raw(d.Text)
	e.str(d.Cluster)
	e.size(len(d.Signature), d.Signature == nil)
	for _, x := range d.Signature {
		e.uint(x)
	}
	e.strs(d.Bands)
	t, _ := d.IngestedAt.MarshalBinary() // fails only for offsets a time.Time from the clock or JSON cannot have
	e.raw(string(t))
}

func (e *snapEncoder) node(n *kg.Node) {
	e.str(n.ID)
	e.str(string(n.Kind))
	e.str(n.Name)
	e.strs(n.Aliases)
	e.attrs(n.Attrs)
	e.size(len(n.Facts), n.Facts == nil)
	for i := range n.Facts {
		f := &n.Facts[i]
		e.str(f.Name)
		e.str(f.Value)
		e.str(f.Unit)
		e.str(f.Text)
		e.str(f.Qualifier)
		e.evidence(&f.Evidence)
	}
	e.evidences(n.Mentions)
	e.strs(n.Documents)
	e.str(n.FirstSeen)
	e.str(n.LastSeen)
}

func (e *snapEncoder) edge(x *kg.Edge) {
	e.raw(x.ID)
	e.str(string(x.Type))
	e.str(x.Source)
	e.str(x.Target)
	e.attrs(x.Attrs)
	e.evidences(x.Evidence)
	e.strs(x.Documents)
	e.strs(x.Clusters)
	e.str(x.FirstSeen)
	e.str(x.LastSeen)
}

// readSnapshot reads a snapshot into a new state and returns it with the
// log segment the snapshot covers. Any damage is an error wrapping
// errSnapshot. One goroutine reads, checks and decodes records while this
// one merges their values into the state, so the two overlap.
func readSnapshot(r io.Reader) (*state, uint64, error) {
	batches := make(chan *snapBatch, 4)
	stop := make(chan struct{})
	defer close(stop)
	var header []uint64
	var decodeErr error
	go func() {
		defer close(batches)
		header, decodeErr = decodeSnapshot(r, batches, stop)
	}()
	st := newState()
	var applyErr error
	for b := range batches {
		if applyErr == nil {
			applyErr = b.apply(st)
		}
	}
	switch {
	case decodeErr != nil:
		return nil, 0, decodeErr
	case applyErr != nil:
		return nil, 0, fmt.Errorf("%w: %v", errSnapshot, applyErr)
	}
	got := []uint64{uint64(len(st.docList)), uint64(len(st.nodes)), uint64(len(st.edges))}
	if !slices.Equal(header[1:], got) {
		return nil, 0, fmt.Errorf("%w: header counts %v, read %v", errSnapshot, header[1:], got)
	}
	st.sortLinks()
	return st, header[0], nil
}

// snapBatch is the values of one record, or the header's counts.
type snapBatch struct {
	counts []uint64 // documents, nodes, edges: sent first, so the maps are made to size
	docs   []*kg.Document
	nodes  []kg.Node
	edges  []kg.Edge
}

// apply merges b into st, checking what the decoder cannot: that IDs are
// new and that edges join stored nodes.
func (b *snapBatch) apply(st *state) error {
	if b.counts != nil {
		st.reserve(b.counts[0], b.counts[1], b.counts[2])
	}
	for _, d := range b.docs {
		if _, dup := st.docs[d.ID]; dup || d.ID == "" {
			return fmt.Errorf("document %q twice or without an ID", d.ID)
		}
		st.addDocument(d)
	}
	for _, n := range b.nodes {
		if _, dup := st.nodeIdx[n.ID]; dup || n.ID == "" {
			return fmt.Errorf("node %q twice or without an ID", n.ID)
		}
		st.addNode(n)
	}
	for _, e := range b.edges {
		_, src := st.nodeIdx[e.Source]
		_, dst := st.nodeIdx[e.Target]
		if _, dup := st.edgeIdx.get(e.ID); dup || e.ID == "" || !src || !dst {
			return fmt.Errorf("edge %q twice, without an ID or between unknown nodes", e.ID)
		}
		st.addEdge(e, st.appendLink)
	}
	return nil
}

// decodeSnapshot reads and decodes the records of a snapshot, sending the
// values of each to out until stop closes, and returns the header once
// the trailer has confirmed it.
func decodeSnapshot(r io.Reader, out chan<- *snapBatch, stop <-chan struct{}) ([]uint64, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	magic := make([]byte, len(snapMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != snapMagic {
		return nil, fmt.Errorf("%w: no snapshot header", errSnapshot)
	}
	d := &snapDecoder{table: []string{""}}
	var header, trailer []uint64
	var payload []byte
	for n := 0; ; n++ {
		var err error
		payload, err = readRecord(br, payload)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: record %d: %v", errSnapshot, n, err)
		}
		if trailer != nil {
			return nil, fmt.Errorf("%w: data after the trailer", errSnapshot)
		}
		d.b, d.err, d.batch = payload[1:], nil, &snapBatch{}
		switch kind := payload[0]; {
		case n == 0 && kind != snapHeader:
			return nil, fmt.Errorf("%w: no header record", errSnapshot)
		case kind == snapHeader && n == 0:
			header = d.counts()
			d.batch.counts = header[1:]
		case kind == snapTrailer:
			trailer = d.counts()
		case kind == snapStrings:
			d.strings()
		case kind == snapDocs:
			d.items(d.document)
		case kind == snapNodes:
			d.items(d.node)
		case kind == snapEdges:
			d.items(d.edge)
		default:
			return nil, fmt.Errorf("%w: record %d of unknown kind %q", errSnapshot, n, kind)
		}
		if d.err == nil && len(d.b) != 0 {
			d.fail("%d bytes left over in record %d", len(d.b), n)
		}
		if d.err != nil {
			return nil, fmt.Errorf("%w: record %d: %v", errSnapshot, n, d.err)
		}
		if b := d.batch; b.counts != nil || len(b.docs)+len(b.nodes)+len(b.edges) > 0 {
			select {
			case out <- b:
			case <-stop:
				return nil, fmt.Errorf("%w: reading stopped", errSnapshot)
			}
		}
	}
	if trailer == nil {
		return nil, fmt.Errorf("%w: no trailer (a write cut short)", errSnapshot)
	}
	if !slices.Equal(header, trailer) {
		return nil, fmt.Errorf("%w: header %v, trailer %v", errSnapshot, header, trailer)
	}
	return header, nil
}

// readRecord reads one framed record into buf (grown as needed); io.EOF
// at a clean end, another error for a torn or damaged record.
func readRecord(r io.Reader, buf []byte) ([]byte, error) {
	var h [headerLen]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		if err == io.EOF {
			return nil, io.EOF
		}
		return nil, ErrIncomplete
	}
	size := binary.LittleEndian.Uint32(h[:])
	if size == 0 || size > MaxRecord {
		return nil, ErrCorrupt
	}
	if cap(buf) < int(size) {
		buf = make([]byte, size)
	}
	buf = buf[:size]
	if _, err := io.ReadFull(r, buf); err != nil {
		return nil, ErrIncomplete
	}
	if crc32.Checksum(buf, crcTable) != binary.LittleEndian.Uint32(h[4:]) {
		return nil, ErrCorrupt
	}
	return buf, nil
}

// snapDecoder reads the values of one record at a time into batch.
type snapDecoder struct {
	table []string
	b     []byte
	err   error
	batch *snapBatch
}

func (d *snapDecoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf(format, args...)
	}
	d.b = nil
}

func (d *snapDecoder) uint() uint64 {
	n, k := binary.Uvarint(d.b)
	if k <= 0 {
		d.fail("bad number")
		return 0
	}
	d.b = d.b[k:]
	return n
}

func (d *snapDecoder) int() int {
	n, k := binary.Varint(d.b)
	if k <= 0 {
		d.fail("bad number")
		return 0
	}
	d.b = d.b[k:]
	return int(n)
}

func (d *snapDecoder) str() string {
	i := d.uint()
	if i >= uint64(len(d.table)) {
		d.fail("string %d of a table of %d", i, len(d.table))
		return ""
	}
	return d.table[i]
}

func (d *snapDecoder) raw() string {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.fail("string of %d bytes past the record's end", n)
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// size reads a list or map length: -1 for nil. A length longer than the
// bytes left cannot be right (every item takes at least one), which keeps
// damage from asking for a huge allocation.
func (d *snapDecoder) size() int {
	n := d.uint()
	if n == 0 {
		return -1
	}
	if n-1 > uint64(len(d.b)) {
		d.fail("list of %d items past the record's end", n-1)
		return -1
	}
	return int(n - 1)
}

func (d *snapDecoder) counts() []uint64 {
	out := make([]uint64, 4)
	for i := range out {
		out[i] = d.uint()
	}
	return out
}

// strings adds a record's strings to the table. They are cut from one
// copy of the record's bytes: one allocation instead of one per string.
func (d *snapDecoder) strings() {
	n := d.size1()
	all := string(d.b)
	off := 0
	for range n {
		l := d.uint()
		if d.err != nil || l > uint64(len(d.b)) {
			d.fail("string past the record's end")
			return
		}
		off = len(all) - len(d.b)
		d.table = append(d.table, all[off:off+int(l)])
		d.b = d.b[l:]
	}
}

// size1 reads a plain count, bounded like size.
func (d *snapDecoder) size1() int {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.fail("%d items past the record's end", n)
		return 0
	}
	return int(n)
}

func (d *snapDecoder) items(read func()) {
	n := d.size1()
	for i := 0; i < n && d.err == nil; i++ {
		read()
	}
}

func (d *snapDecoder) strs() []string {
	n := d.size()
	if n < 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *snapDecoder) attrs() map[string]string {
	n := d.size()
	if n < 0 {
		return nil
	}
	m := make(map[string]string, n)
	for range n {
		k := d.str()
		m[k] = d.str()
	}
	return m
}

func (d *snapDecoder) evidence() kg.Evidence {
	return kg.Evidence{DocumentID: d.str(), Sentence: d.int(), Start: d.int(), End: d.int(), Quote: d.str()}
}

func (d *snapDecoder) evidences() []kg.Evidence {
	n := d.size()
	if n < 0 {
		return nil
	}
	out := make([]kg.Evidence, n)
	for i := range out {
		out[i] = d.evidence()
	}
	return out
}

func (d *snapDecoder) document() {
	doc := &kg.Document{ID: d.str(), Title: d.raw(), Source: d.str(), URL: d.raw(), PublishedAt: d.str(),
		Byline: d.raw(), Dateline: d.raw(), Text: d.raw(), Cluster: d.str()}
	if n := d.size(); n >= 0 {
		doc.Signature = make([]uint64, n)
		for i := range doc.Signature {
			doc.Signature[i] = d.uint()
		}
	}
	doc.Bands = d.strs()
	if err := doc.IngestedAt.UnmarshalBinary([]byte(d.raw())); err != nil {
		d.fail("document %q: ingestion time: %v", doc.ID, err)
	}
	d.batch.docs = append(d.batch.docs, doc)
}

func (d *snapDecoder) node() {
	n := kg.Node{ID: d.str(), Kind: canonicalKind(kg.Kind(d.str())), Name: d.str(), Aliases: d.strs(), Attrs: d.attrs()}
	if k := d.size(); k >= 0 {
		n.Facts = make([]kg.Fact, k)
		for i := range n.Facts {
			n.Facts[i] = kg.Fact{Name: d.str(), Value: d.str(), Unit: d.str(), Text: d.str(), Qualifier: d.str(), Evidence: d.evidence()}
		}
	}
	n.Mentions = d.evidences()
	n.Documents = d.strs()
	n.FirstSeen = d.str()
	n.LastSeen = d.str()
	if d.err != nil {
		return
	}
	if _, known := kindIndex[n.Kind]; !known {
		d.fail("node %q of unknown kind %q", n.ID, n.Kind)
		return
	}
	d.batch.nodes = append(d.batch.nodes, n)
}

func (d *snapDecoder) edge() {
	e := kg.Edge{ID: d.raw(), Type: canonicalType(kg.RelType(d.str())), Source: d.str(), Target: d.str(),
		Attrs: d.attrs(), Evidence: d.evidences(), Documents: d.strs(), Clusters: d.strs(), FirstSeen: d.str(), LastSeen: d.str()}
	if d.err != nil {
		return
	}
	if _, known := typeIndex[e.Type]; !known {
		d.fail("edge %q of unknown type %q", e.ID, e.Type)
		return
	}
	d.batch.edges = append(d.batch.edges, e)
}
