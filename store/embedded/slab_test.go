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
		n := 1 + i%evidenceSlabMax
		got := s.keep(ev(n))
		if cap(got) != len(got) || !slices.Equal(got, ev(n)) {
			t.Fatalf("list %d: %v (cap %d)", i, got, cap(got))
		}
		kept = append(kept, got)
	}
	grown := append(kept[0], kg.Evidence{DocumentID: "doc:new"})
	grown[0].Quote = "changed"
	for i, k := range kept {
		if !slices.Equal(k, ev(1+i%evidenceSlabMax)) {
			t.Fatalf("list %d changed after later lists and an append: %v", i, k)
		}
	}
	long := ev(evidenceSlabMax + 1)
	if got := s.keep(long); &got[0] != &long[0] {
		t.Fatal("a long list was copied into the slab")
	}
}
