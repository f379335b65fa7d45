package embedded

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
	"github.com/newsgraph/newsgraph/store/storetest"
)

// recorder is a store that keeps, as a reference model, every edge of
// the extractions it stores merged by kg.MergeEdge, independently of how
// the store keeps them.
type recorder struct {
	*Store
	edges map[string]kg.Edge
}

func (r *recorder) Ingest(ctx context.Context, x *kg.Extraction) (kg.IngestStatus, error) {
	st, err := r.Store.Ingest(ctx, x)
	if err == nil && st.Created {
		for _, e := range x.Edges {
			r.edges[e.ID] = kg.MergeEdge(r.edges[e.ID], e)
		}
	}
	return st, err
}

// loadStories runs the real loader over the seeds and the development
// stories into r: names with aliases, attributes, facts and dates, and
// nodes and edges merged across documents.
func loadStories(t *testing.T, r *recorder) {
	t.Helper()
	storetest.LoadStories(t, r, "../../seed/*.txt", "../../loader/testdata/gold/dev/*/*.txt")
}

// normalNode and normalEdge make nil and empty lists and maps alike:
// a summary built from rows has nil where the record may hold an empty
// list, and both mean none.
func normalNode(n kg.Node) kg.Node {
	if len(n.Aliases) == 0 {
		n.Aliases = nil
	}
	if len(n.Attrs) == 0 {
		n.Attrs = nil
	}
	if len(n.Facts) == 0 {
		n.Facts = nil
	}
	return n
}

func normalEdge(e kg.Edge) kg.Edge {
	if len(e.Attrs) == 0 {
		e.Attrs = nil
	}
	e.EvidenceCount, e.DocumentCount, e.ClusterCount = 0, 0, 0
	if !e.Summary {
		e = e.Counted()
	}
	return e
}

// checkRows compares the summary of every node built from its row with
// the one built from its record, and every edge, whole and as a summary,
// with the reference model; one by one and in answers of many values at
// once.
func checkRows(t *testing.T, r *recorder) {
	t.Helper()
	s := r.Store
	s.mu.RLock()
	defer s.mu.RUnlock()
	st := s.st
	if len(r.edges) != len(st.edges) {
		t.Fatalf("%d edges stored, %d in the reference", len(st.edges), len(r.edges))
	}
	want := func(j int32) kg.Edge { return r.edges[st.edgeID(j)] }
	for j := range st.edges {
		if got := st.edgeOutAt(int32(j)); !reflect.DeepEqual(normalEdge(got), normalEdge(want(int32(j)))) {
			t.Fatalf("edge %d whole:\n%+v\nreference:\n%+v", j, got, want(int32(j)))
		}
	}
	for i, r := range st.nodes {
		got, _ := st.graphOut([]int32{int32(i)}, nil)
		if want := r.n.Summarized(); !reflect.DeepEqual(normalNode(*got[0]), normalNode(want)) {
			t.Fatalf("node %d from rows:\n%+v\nfrom record:\n%+v", i, *got[0], want)
		}
	}
	for j := range st.edges {
		_, got := st.graphOut(nil, []int32{int32(j)})
		if want := want(int32(j)).Summarized(); !reflect.DeepEqual(normalEdge(*got[0]), normalEdge(want)) {
			t.Fatalf("edge %d from rows:\n%+v\nreference:\n%+v", j, *got[0], want)
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 50 {
		var ns, es []int32
		for range 1 + rng.IntN(40) {
			ns = append(ns, int32(rng.IntN(len(st.nodes))))
		}
		for range rng.IntN(60) {
			e := int32(rng.IntN(len(st.edges)))
			es = append(es, e)
			if rng.IntN(2) == 0 {
				ns = append(ns, st.edges[e].src) // an answer usually holds the edges' ends
			}
		}
		gotN, gotE := st.graphOut(ns, es)
		for k, n := range ns {
			if want := st.nodes[n].n.Summarized(); !reflect.DeepEqual(normalNode(*gotN[k]), normalNode(want)) {
				t.Fatalf("answer node %d: rows %+v, record %+v", n, *gotN[k], want)
			}
		}
		for k, e := range es {
			if want := want(e).Summarized(); !reflect.DeepEqual(normalEdge(*gotE[k]), normalEdge(want)) {
				t.Fatalf("answer edge %d: rows %+v, reference %+v", e, *gotE[k], want)
			}
		}
	}
}

// TestRowsMatchRecords is the differential test of summary rows: after
// the real loader's stories, after merges that change every field a row
// holds, and after a restart from a snapshot, every summary read from
// rows equals the one read from the records.
func TestRowsMatchRecords(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, WithSnapshotEvery(1<<10))
	if err != nil {
		t.Fatal(err)
	}
	r := &recorder{Store: s, edges: map[string]kg.Edge{}}
	loadStories(t, r)
	checkRows(t, r)

	// Restart from the snapshots and the log, and store every story again:
	// no-ops, which leave the reference as it was.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if !hasFile(dir, ".snap") {
		t.Fatal("no snapshot written")
	}
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r.Store = s
	loadStories(t, r)
	checkRows(t, r)

	// Merges that rename, re-alias, re-attribute and re-date stored nodes
	// and edges, and add facts, made on the state directly.
	s.mu.RLock()
	var nodes []kg.Node
	var edges []kg.Edge
	for i, r := range s.st.nodes {
		if i%7 == 0 && r.n.Kind != kg.KindDocument {
			nodes = append(nodes, r.n)
		}
	}
	for j := range s.st.edges {
		if j%5 == 0 {
			edges = append(edges, s.st.wholeEdge(int32(j)))
		}
	}
	s.mu.RUnlock()
	for k := range nodes {
		n := &nodes[k]
		n.Aliases = []string{fmt.Sprintf("Alias %d", k), "Ω alias"}
		n.Attrs = map[string]string{"extra": fmt.Sprint(k)}
		n.FirstSeen, n.LastSeen = "1999-01-02", "2031-05-06"
		n.Facts = []kg.Fact{{Name: "users", Value: fmt.Sprint(k), Text: "users", Evidence: kg.Evidence{DocumentID: n.Documents[0], Quote: "q"}}}
	}
	for k := range edges {
		e := &edges[k]
		e.Attrs = map[string]string{kg.AttrModality: "planned", "x": ""}
		e.FirstSeen = "1998-03-04"
		e.Evidence = []kg.Evidence{{DocumentID: e.Documents[0], Sentence: 1000 + k, Quote: "new quote"}}
	}
	s.mu.Lock()
	for _, n := range nodes {
		s.st.mergeNode(n)
	}
	for _, e := range edges {
		s.st.mergeEdge(e)
		r.edges[e.ID] = kg.MergeEdge(r.edges[e.ID], e)
	}
	s.mu.Unlock()
	checkRows(t, r)
}

// TestAnswerValuesAreTheCallers mutates everything a graph answer
// returned and checks that the rows, and a second answer, are unchanged.
func TestAnswerValuesAreTheCallers(t *testing.T) {
	s := OpenMemory()
	defer s.Close()
	loadStories(t, &recorder{Store: s, edges: map[string]kg.Edge{}})
	s.mu.RLock()
	defer s.mu.RUnlock()
	st := s.st
	all := make([]int32, len(st.nodes))
	for i := range all {
		all[i] = int32(i)
	}
	edges := make([]int32, len(st.edges))
	for j := range edges {
		edges[j] = int32(j)
	}
	before, beforeE := st.graphOut(all, edges)
	keep := make([]kg.Node, len(before))
	for i, n := range before {
		keep[i] = *n
		keep[i].Aliases = slices.Clone(n.Aliases)
		keep[i].Attrs = maps.Clone(n.Attrs)
		n.Name = "changed"
		for k := range n.Aliases {
			n.Aliases[k] = "changed"
		}
		for k := range n.Attrs {
			n.Attrs[k] = "changed"
		}
		n.Attrs = map[string]string{"new": "x"}
	}
	for _, e := range beforeE {
		for k := range e.Attrs {
			e.Attrs[k] = "changed"
		}
		e.Source = "changed"
	}
	after, _ := st.graphOut(all, edges)
	for i := range after {
		if !reflect.DeepEqual(normalNode(*after[i]), normalNode(keep[i])) {
			t.Fatalf("node %d changed through an answer: %+v, was %+v", i, *after[i], keep[i])
		}
	}
}

// TestPackedTextRoundTrips stores strings of the packed shapes and near
// misses of them, and reads back the very bytes stored.
func TestPackedTextRoundTrips(t *testing.T) {
	var text textBlocks
	for _, tc := range []struct {
		s      string
		packed bool
	}{
		{"2024-06-20", true},
		{"0001-01-01", true},
		{"9999-99-99", true}, // not a real date, and still its digits
		{"2024-6-20", false},
		{"2024-06-2x", false},
		{"2024-06-20T10:00:00Z", false},
		{"2024-06", false},
		{"rel:0123456789abcdef", true},
		{"rel:0000000000000000", true},
		{"rel:ffffffffffffffff", true},
		{"rel:0123456789ABCDEF", false}, // upper case would come back lower
		{"rel:0123456789abcde", false},
		{"rel:0123456789abcdefa", false},
		{"REL:0123456789abcdef", false},
		{"company:acme", false},
		{"", false},
	} {
		r := text.addString(tc.s)
		if got := r.block >= packedRelID; got != tc.packed {
			t.Errorf("%q: packed %v, want %v", tc.s, got, tc.packed)
		}
		var w strings.Builder
		text.writeTo(&w, r)
		if w.String() != tc.s || r.len() != len(tc.s) {
			t.Errorf("%q: read back %q, length %d", tc.s, w.String(), r.len())
		}
	}
}

// TestEdgeIndexKeepsEveryShape stores IDs of the packed shape and others,
// some of which look like dates, and finds each.
func TestEdgeIndexKeepsEveryShape(t *testing.T) {
	x := newEdgeIndex(4)
	ids := []string{kg.EdgeID("a", kg.RelTargets, "b", ""), "rel:0123456789abcdef", "rel:0123456789ABCDEF", "2024-06-20", "hand-made", ""}
	for j, id := range ids {
		x.put(id, int32(j))
	}
	for j, id := range ids {
		if got, ok := x.get(id); !ok || got != int32(j) {
			t.Errorf("%q: got %d, %v; want %d", id, got, ok, j)
		}
	}
	if _, ok := x.get("rel:fedcba9876543210"); ok {
		t.Error("found an ID never stored")
	}
	if len(x.packed) != 2 || len(x.other) != 4 {
		t.Errorf("packed %d, other %d; want 2 and 4", len(x.packed), len(x.other))
	}
}

// TestRowTextStaysBounded re-aliases one node on every merge, as a stream
// of documents each naming it another way would: the text blocks must not
// keep every version of its aliases, and its row must still read right.
func TestRowTextStaysBounded(t *testing.T) {
	st := newState()
	n := kg.Node{ID: "company:hub", Kind: kg.KindCompany, Name: "Hub", Documents: []string{"doc:1"}}
	st.mergeNode(n)
	var live int
	long := strings.Repeat("a long alias ", 15)
	for i := range 500 {
		n.Aliases = []string{fmt.Sprintf("%s%05d", long, i)}
		st.mergeNode(n)
		if i == 499 {
			live = int(st.rows.nodes[0].text.n)
		}
	}
	text := &st.rows.text
	if text.size-text.unused != live || text.size > 2*live+compactAt+textBlockSize {
		t.Fatalf("text holds %d bytes, %d unused, for %d live", text.size, text.unused, live)
	}
	got, _ := st.graphOut([]int32{0}, nil)
	if want := st.nodes[0].n.Summarized(); !reflect.DeepEqual(normalNode(*got[0]), normalNode(want)) {
		t.Fatalf("after compaction, from rows:\n%+v\nfrom record:\n%+v", *got[0], want)
	}
	if len(got[0].Aliases) != 500 {
		t.Fatalf("%d aliases", len(got[0].Aliases))
	}
}
