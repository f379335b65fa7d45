package embedded

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
	"github.com/newsgraph/newsgraph/store/storetest"
)

func TestTopKMatchesSort(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for _, n := range []int{0, 1, 5, 64, 65, 200, 1000} {
		for _, k := range []int{1, 3, 10, 100, 2000} {
			xs := make([]int, n)
			for i := range xs {
				xs[i] = r.IntN(50) // many ties
			}
			want := slices.Clone(xs)
			slices.Sort(want)
			want = want[:min(k, n)]
			got := topK(slices.Clone(xs), k, func(a, b int) bool { return a < b })
			if !slices.Equal(got, want) {
				t.Fatalf("topK(n=%d, k=%d) = %v, want %v", n, k, got, want)
			}
		}
	}
}

func TestSmallestIDs(t *testing.T) {
	st := newState()
	for i := range 300 {
		st.mergeNode(kg.Node{ID: fmt.Sprintf("company:c%03d", (i*7919)%300), Kind: kg.KindCompany, Name: "x"})
	}
	all := make([]int32, len(st.nodes))
	for i := range all {
		all[i] = int32(i)
	}
	byID := func(a, b int32) int { return cmp.Compare(st.nodes[a].n.ID, st.nodes[b].n.ID) }
	want := slices.Clone(all)
	slices.SortFunc(want, byID)
	for _, k := range []int{0, 1, 7, 100, 299, 300, 500} {
		got := st.smallestIDs(slices.Clone(all), k)
		if !slices.Equal(got, want[:min(k, len(want))]) {
			t.Fatalf("smallestIDs(k=%d) wrong", k)
		}
	}
}

func TestMergeInto(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	for range 200 {
		old := make([]int, r.IntN(50))
		add := make([]int, r.IntN(10))
		for i := range old {
			old[i] = r.IntN(30)
		}
		for i := range add {
			add[i] = r.IntN(30)
		}
		slices.Sort(old)
		slices.Sort(add)
		want := slices.Concat(old, add)
		slices.Sort(want)
		if got := mergeInto(old, add, cmp.Compare[int]); !slices.Equal(got, want) {
			t.Fatalf("mergeInto(%v, %v) = %v", old, add, got)
		}
	}
}

func TestLevenshtein(t *testing.T) {
	var l levBuf
	for _, c := range []struct {
		a, b string
		max  int
		want int
	}{
		{"kaspersy", "kaspersky", 2, 1}, {"moscw", "moscow", 1, 1}, {"abc", "abc", 1, 0},
		{"abc", "xyz", 1, 2}, {"", "ab", 3, 2}, {"raimondoo", "raimondo", 2, 1}, {"flaw", "lawn", 2, 2},
		{"kitten", "sitting", 3, 3}, {"kitten", "sitting", 2, 3},
	} {
		if got := l.distance([]rune(c.a), c.b, c.max); got != c.want {
			t.Errorf("distance(%q, %q, %d) = %d, want %d", c.a, c.b, c.max, got, c.want)
		}
	}
}

// TestMovingOrders checks the incrementally maintained entity orders
// against a full sort after every document.
func TestMovingOrders(t *testing.T) {
	s := OpenMemory()
	small := synth{pool: 200, perDoc: 6, edgesPerDoc: 5}
	for d := range 60 {
		if _, err := s.Ingest(t.Context(), small.doc(d)); err != nil {
			t.Fatal(err)
		}
		if d%3 != 0 {
			continue // let changes pile up between reads too
		}
		st := s.st
		for name, o := range map[string]*movingOrder{"mentions": &st.byMention, "first seen": &st.byFirst} {
			want := make([]int32, len(st.nodes))
			for i := range want {
				want[i] = int32(i)
			}
			slices.SortFunc(want, o.cmp)
			if got := o.get(); !slices.Equal(got, want) {
				t.Fatalf("after document %d the %s order is wrong", d, name)
			}
		}
		if got := st.byName.get(); len(got) != len(st.nodes) || !slices.IsSortedFunc(got, st.byName.cmp) {
			t.Fatalf("after document %d the name order is wrong", d)
		}
	}
}

// FuzzSearch throws arbitrary text (invalid UTF-8, odd scripts, long
// runs) at Search over the fixture graph: it must not panic, and every
// hit must be scored in (0, 1] and ordered.
func FuzzSearch(f *testing.F) {
	s := OpenMemory()
	storetest.Seed(f, s, storetest.Base()...)
	for _, q := range []string{"Kaspersky", "kaspersy", "K", "", "Ünïcödé", "\xff\xfe", "department of", "a b c d e f"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		hits, err := s.Search(t.Context(), kg.SearchQuery{Text: q, First: 5})
		if err != nil {
			t.Fatal(err)
		}
		for i, h := range hits {
			if h.Score <= 0 || h.Score > 1 || i > 0 && h.Score > hits[i-1].Score {
				t.Fatalf("Search(%q): bad score order %v", q, hits)
			}
		}
		if len(hits) > 5 {
			t.Fatalf("Search(%q): %d hits, asked for 5", q, len(hits))
		}
	})
}
