package embedded

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"testing"
	"unsafe"

	"github.com/newsgraph/newsgraph/kg"
	"github.com/newsgraph/newsgraph/store/storetest"
)

// sameData reports whether two strings share their bytes.
func sameData(a, b string) bool {
	return len(a) == len(b) && (len(a) == 0 || unsafe.StringData(a) == unsafe.StringData(b))
}

// Interning keeps every value and makes equal values share one copy.
func TestInternerKeepsValuesAndSharesCopies(t *testing.T) {
	checkInterned(t, newInterner())
}

func checkInterned(t *testing.T, in *interner) {
	t.Helper()
	xs := storetest.Corpus()
	for i := range xs {
		xs[i] = clone(t, xs[i]) // as replayed from the log: every string a copy of its own
	}
	want := make([]kg.Extraction, len(xs))
	for i, x := range xs {
		want[i] = *clone(t, x)
		in.extraction(x)
		if !reflect.DeepEqual(*x, want[i]) {
			t.Fatalf("document %d changed when interned", i)
		}
	}
	// Every occurrence of a recurring string now shares one copy.
	first := map[string]string{}
	check := func(what, s string) {
		if s == "" {
			return
		}
		if c, ok := first[s]; ok && !sameData(c, s) {
			t.Errorf("%s %q is not the shared copy", what, s)
		}
		first[s] = s
	}
	for _, x := range xs {
		check("document ID", x.Document.ID)
		for _, n := range x.Nodes {
			check("node ID", n.ID)
			if !sameData(string(n.Kind), string(kg.Kinds[kindIndex[n.Kind]])) {
				t.Errorf("node %s: kind %s is not kg's constant", n.ID, n.Kind)
			}
			for _, m := range n.Mentions {
				check("mention document", m.DocumentID)
				check("mention quote", m.Quote)
			}
			for _, d := range n.Documents {
				check("node document", d)
			}
		}
		for _, e := range x.Edges {
			check("edge source", e.Source)
			check("edge target", e.Target)
			if !sameData(string(e.Type), string(kg.RelTypes[typeIndex[e.Type]])) {
				t.Errorf("edge %s: type %s is not kg's constant", e.ID, e.Type)
			}
			for _, d := range e.Documents {
				check("edge document", d)
			}
			for _, v := range e.Evidence {
				check("evidence document", v.DocumentID)
			}
		}
	}
	if len(first) == 0 {
		t.Fatal("the corpus has no strings to check")
	}
}

// A quote cut from a long text must not keep the text alive.
func TestInternerClonesFirstCopies(t *testing.T) {
	in := newInterner()
	text := "The Commerce Department banned the sale of the software on Thursday."
	quote := text[4:23]
	in.str(&quote)
	if quote != "Commerce Department" || unsafe.StringData(quote) == unsafe.StringData(text[4:]) {
		t.Fatalf("quote %q still points into the text", quote)
	}
}

func TestSharedListsAreNeverWrittenThrough(t *testing.T) {
	s := newState()
	a := s.shared([]string{"doc:1"})
	b := s.shared([]string{"doc:1"})
	if &a[0] != &b[0] {
		t.Fatal("one-element lists of one document are not shared")
	}
	if cap(a) != 1 {
		t.Fatalf("shared list has capacity %d: an append would write into it", cap(a))
	}
	c := append(a, "doc:2")
	c[0] = "changed"
	if b[0] != "doc:1" {
		t.Fatalf("appending to one edge's list changed another's: %q", b[0])
	}
	two := []string{"doc:1", "doc:2"}
	kept := s.shared(two)
	if &kept[0] == &two[0] || !slices.Equal(kept, two) || cap(kept) != 2 {
		t.Fatalf("a list of two is not a slab copy cut to its length: %v (cap %d)", kept, cap(kept))
	}
	if long := []string{"doc:1", "doc:2", "doc:3", "doc:4", "doc:5"}; &s.shared(long)[0] != &long[0] {
		t.Fatal("a list longer than the slab's limit was copied")
	}
}

// A store that interns answers exactly what the corpus says, in memory
// and after a replay from its log.
func TestInternedStoreRoundTrips(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	st, err := Open(dir, WithoutSync())
	if err != nil {
		t.Fatal(err)
	}
	storetest.Seed(t, st, storetest.Corpus()...)
	before := snapshot(t, st)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	re, err := Open(dir, WithoutSync())
	if err != nil {
		t.Fatal(err)
	}
	defer re.Close()
	if after := snapshot(t, re); !reflect.DeepEqual(before, after) {
		t.Fatal("the graph replayed from the log differs from the one ingested")
	}
	ref := OpenMemory()
	defer ref.Close()
	for _, x := range storetest.Corpus() {
		if _, err := ref.Ingest(ctx, clone(t, x)); err != nil {
			t.Fatal(err)
		}
	}
	if got := snapshot(t, ref); !reflect.DeepEqual(before, got) {
		t.Fatal("a store fed copies of the corpus differs from one fed the corpus")
	}
}

type graphSnapshot struct {
	Nodes []*kg.Node
	Edges map[string][]kg.Edge
}

func snapshot(t *testing.T, st *Store) graphSnapshot {
	t.Helper()
	ctx := context.Background()
	var ids []string
	for _, r := range st.st.nodes {
		ids = append(ids, r.n.ID)
	}
	nodes, err := st.Nodes(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	edges, err := st.EdgesOf(ctx, ids, kg.EdgeFilter{Types: kg.RelTypes})
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) == 0 || len(edges) == 0 {
		t.Fatal("empty graph")
	}
	return graphSnapshot{Nodes: nodes, Edges: edges}
}

// clone deep-copies x through JSON, which is how the log stores it.
func clone(t *testing.T, x *kg.Extraction) *kg.Extraction {
	t.Helper()
	b, err := json.Marshal(x)
	if err != nil {
		t.Fatal(err)
	}
	var out kg.Extraction
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return &out
}
