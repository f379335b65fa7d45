package embedded

import (
	"fmt"
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

// Evidence lists from the slab hold their values, have no spare
// capacity (an append copies), and long lists are left alone.
func TestEvidenceSlab(t *testing.T) {
	var s evidenceSlab
	ev := func(n int) []kg.Evidence {
		out := make([]kg.Evidence, n)
		for i := range out {
			out[i] = kg.Evidence{DocumentID: fmt.Sprint("doc:", n, i), Start: i, End: i + 1, Quote: "q"}
		}
		return out
	}
	var kept [][]kg.Evidence
	for i := range 5000 {
		n := 1 + i%slabMax
		got := s.keep(ev(n))
		if cap(got) != len(got) || !slices.Equal(got, ev(n)) {
			t.Fatalf("list %d: %v (cap %d)", i, got, cap(got))
		}
		kept = append(kept, got)
	}
	grown := append(kept[0], kg.Evidence{DocumentID: "doc:new"})
	grown[0].Quote = "changed"
	for i, k := range kept {
		if !slices.Equal(k, ev(1+i%slabMax)) {
			t.Fatalf("list %d changed after later lists and an append: %v", i, k)
		}
	}
	long := ev(slabMax + 1)
	if got := s.keep(long); &got[0] != &long[0] {
		t.Fatal("a long list was copied into the slab")
	}
}

// A merge that kept a list keeps it where it is: copying it into a slab
// again would leave a dead copy behind on every merge.
func TestShareListsMovesOnlyReplacedLists(t *testing.T) {
	s := newState()
	docs := s.shared([]string{"doc:1", "doc:2"})
	ev := s.evidence.keep([]kg.Evidence{{DocumentID: "doc:1", Quote: "q"}, {DocumentID: "doc:2", Quote: "q"}})
	old := kg.Edge{Documents: docs, Clusters: docs, Evidence: ev}
	e := old
	merged := []string{"doc:1", "doc:2", "doc:3"}
	e.Clusters = merged // the merge replaced this one
	s.shareLists(&e, &old)
	if &e.Documents[0] != &docs[0] || &e.Evidence[0] != &ev[0] {
		t.Error("a list the merge kept was copied again")
	}
	if !slices.Equal(e.Clusters, merged) || &e.Clusters[0] == &merged[0] {
		t.Errorf("the replaced list was not moved into the slab: %v", e.Clusters)
	}
	cases := []struct {
		name    string
		xs, old []int
		want    bool
	}{
		{"empty", nil, []int{1}, false},
		{"new", []int{1}, nil, true},
	}
	for _, c := range cases {
		if got := replaced(c.xs, c.old); got != c.want {
			t.Errorf("%s: replaced = %v, want %v", c.name, got, c.want)
		}
	}
	same := []int{1, 2}
	if replaced(same, same) || !replaced(slices.Clone(same), same) {
		t.Error("replaced misjudged a list against itself or its copy")
	}
}
