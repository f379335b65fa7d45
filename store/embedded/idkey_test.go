package embedded

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// sortKeyed must order by key exactly as a library sort does, on lengths
// around its insertion-sort cut-off and on keys with many ties (the
// partition's hardest case) or none.
func TestSortKeyedMatchesLibrarySort(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 9))
	for _, n := range []int{0, 1, 2, 11, 12, 13, 14, 40, 100, 257, 1000} {
		for _, distinct := range []uint64{1, 2, 5, 1 << 40} {
			ks := make([]keyedEdge, n)
			for i := range ks {
				ks[i] = keyedEdge{k: idKey{r.Uint64N(distinct), r.Uint64N(distinct)}, e: int32(i)}
			}
			want := slices.Clone(ks)
			slices.SortStableFunc(want, func(a, b keyedEdge) int {
				switch {
				case a.k.less(b.k):
					return -1
				case b.k.less(a.k):
					return 1
				}
				return 0
			})
			sortKeyed(ks)
			for i := range ks {
				if ks[i].k != want[i].k {
					t.Fatalf("n=%d distinct=%d: position %d has key %v, want %v", n, distinct, i, ks[i].k, want[i].k)
				}
			}
			seen := make([]bool, n)
			for _, x := range ks {
				if seen[x.e] {
					t.Fatalf("n=%d distinct=%d: entry %d twice", n, distinct, x.e)
				}
				seen[x.e] = true
			}
		}
	}
}
