package embedded

import (
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

func TestGallop(t *testing.T) {
	l := []posting{2, 4, 4, 8, 16, 32, 64, 65, 66, 100}
	for _, c := range []struct {
		from int
		p    posting
		want int
	}{
		{0, 1, 0}, {0, 2, 0}, {0, 3, 1}, {0, 4, 1}, {2, 4, 2}, {0, 5, 3}, {0, 65, 7},
		{3, 66, 8}, {0, 100, 9}, {0, 101, 10}, {9, 101, 10}, {10, 1, 10}, {5, 3, 5},
	} {
		if got := gallop(l, c.from, c.p); got != c.want {
			t.Errorf("gallop(from %d, %d) = %d, want %d", c.from, c.p, got, c.want)
		}
	}
}

func TestPostingLength(t *testing.T) {
	for _, c := range []struct {
		term, runes int32
		lo, hi      int
		within      bool
	}{
		{7, 10, 8, 12, true}, {7, 12, 8, 12, true}, {7, 13, 8, 12, false}, {7, 7, 8, 12, false},
		{maxTerms - 1, 3, 1, 5, true},
		{1, 200, 8, 12, false}, {1, 200, 125, 129, true}, // saturated: as long as lenMax or longer
	} {
		p, ok := pack(c.term, c.runes)
		if !ok || p.term() != c.term {
			t.Fatalf("pack(%d, %d) = %v, %v", c.term, c.runes, p, ok)
		}
		if got := p.lenWithin(c.lo, c.hi); got != c.within {
			t.Errorf("term of %d runes within [%d, %d] = %v, want %v", c.runes, c.lo, c.hi, got, c.within)
		}
	}
	if _, ok := pack(maxTerms, 3); ok {
		t.Error("pack accepted a term index past the limit")
	}
	a, _ := pack(5, 100)
	b, _ := pack(6, 1)
	if a >= b {
		t.Error("postings do not order by term")
	}
}

// TestRanker offers nodes with ties and repeats and checks the kept set
// against a full sort, for First on both sides of the linear-scan limit.
func TestRanker(t *testing.T) {
	st := newState()
	mentions := []int{3, 1, 1, 5, 0, 2, 1, 4}
	for i, m := range mentions {
		n := kg.Node{ID: string(rune('a' + i)), Mentions: make([]kg.Evidence, m)}
		st.nodes = append(st.nodes, &nodeRec{n: n, kind: uint8(i % 2)})
	}
	offers := []ranked{{n: 0, score: 0.5}, {n: 1, score: 0.9}, {n: 2, score: 0.9}, {n: 3, score: 0.5},
		{n: 4, score: 0.9}, {n: 0, score: 0.95}, {n: 1, score: 0.2}, {n: 5, score: 0.5}, {n: 6, score: 0.5},
		{n: 7, score: 0.1}, {n: 5, score: 0.6}}
	for _, kinds := range []kindMask{allKinds, 1 << 1} {
		for _, k := range []int{1, 2, 3, 5, 8, linearMax + 1} {
			best := map[int32]float64{}
			for _, o := range offers {
				if kinds.has(st.nodes[o.n].kind) {
					best[o.n] = max(best[o.n], o.score)
				}
			}
			var want []ranked
			for n, s := range best {
				want = append(want, ranked{n: n, score: s, mentions: mentions[n]})
			}
			var rk ranker
			rk.reset(st, kinds, k)
			slices.SortFunc(want, func(a, b ranked) int {
				if rk.better(a, b) {
					return -1
				}
				return 1
			})
			want = want[:min(k, len(want))]
			for _, o := range offers {
				rk.offer(o.n, o.score)
			}
			if got := rk.ranked(); !slices.Equal(got, want) {
				t.Errorf("kinds %b, k=%d: kept %v, want %v", kinds, k, got, want)
			}
		}
	}
}

func TestSortedKeysMergesLateKeys(t *testing.T) {
	x := newSearchIndex()
	for i, k := range []string{"delta", "alpha", "charlie"} {
		x.add(k, int32(i))
	}
	if got := x.sortedKeys(); len(got) != 3 || got[0].k != "alpha" || got[2].k != "delta" {
		t.Fatalf("sorted keys %v", got)
	}
	x.add("bravo x", 3)
	x.add("alpha", 4) // a known key: no new entry
	got := x.sortedKeys()
	var ks []string
	for _, e := range got {
		ks = append(ks, e.k)
		if int(e.runes) != len(e.k) {
			t.Errorf("%q has %d runes", e.k, e.runes)
		}
	}
	if want := []string{"alpha", "bravo x", "charlie", "delta"}; !slices.Equal(ks, want) {
		t.Fatalf("sorted keys %v, want %v", ks, want)
	}
	if i := got.lowerBound("b"); got[i].k != "bravo x" {
		t.Fatalf("lowerBound(b) = %d", i)
	}
}
