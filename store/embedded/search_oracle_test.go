package embedded

import (
	"cmp"
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	corpus "github.com/newsgraph/newsgraph/internal/synth"
	"github.com/newsgraph/newsgraph/kg"
	"github.com/newsgraph/newsgraph/store/storetest"
)

// bruteSearch is Search's ranking computed the slow, obvious way: every
// alias key and every word of one is scored against the query in every
// tier, each node keeps its best score, and the whole list is sorted.
// Search must return exactly its first First hits.
func bruteSearch(st *state, q kg.SearchQuery) []kg.SearchHit {
	qk := kg.AliasKey(q.Text)
	if qk == "" {
		return []kg.SearchHit{}
	}
	first := q.First
	if first <= 0 {
		first = 10
	}
	kinds := kindsOf(q.Kinds)
	lq := utf8.RuneCountInString(qk)
	d := maxTypos(lq)
	qr := []rune(qk)
	best := map[int32]float64{}
	note := func(ns []int32, score float64) {
		for _, n := range ns {
			if kinds.has(st.nodes[n].kind) && score > best[n] {
				best[n] = score
			}
		}
	}
	var lev levBuf
	for k, ns := range st.alias {
		kr := float64(utf8.RuneCountInString(k))
		switch {
		case k == qk:
			note(ns, 1)
		case strings.HasPrefix(k, qk):
			note(ns, 0.7+0.2*float64(lq)/kr)
		case strings.Contains(k, qk):
			note(ns, 0.4+0.2*float64(lq)/kr)
		}
		if d == 0 {
			continue
		}
		for _, term := range append([]string{k}, strings.Fields(k)...) {
			if dist := lev.distance(qr, term, d); dist > 0 && dist <= d {
				note(ns, 0.3*(1-float64(dist)/float64(d+1)))
			}
		}
	}
	hits := make([]kg.SearchHit, 0, len(best))
	for n, score := range best {
		hits = append(hits, kg.SearchHit{Node: st.nodes[n].n, Score: score})
	}
	slices.SortFunc(hits, func(a, b kg.SearchHit) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		if c := cmp.Compare(len(b.Node.Mentions), len(a.Node.Mentions)); c != 0 {
			return c
		}
		return strings.Compare(a.Node.ID, b.Node.ID)
	})
	return hits[:min(first, len(hits))]
}

// checkAgainstBrute runs each query through Search and bruteSearch and
// fails on the first difference in hits, order or score.
func checkAgainstBrute(t *testing.T, s *Store, qs []kg.SearchQuery) {
	t.Helper()
	for _, q := range qs {
		got, err := s.Search(context.Background(), q)
		if err != nil {
			t.Fatalf("Search(%+v): %v", q, err)
		}
		want := bruteSearch(s.st, q)
		if len(got) != len(want) {
			t.Fatalf("Search(%+v): %d hits, want %d", q, len(got), len(want))
		}
		for i := range got {
			if got[i].Node.ID != want[i].Node.ID || got[i].Score != want[i].Score {
				t.Fatalf("Search(%+v) hit %d = %s %v, want %s %v", q, i,
					got[i].Node.ID, got[i].Score, want[i].Node.ID, want[i].Score)
			}
		}
	}
}

// queryMix is the scale benchmark's kinds of term for each name (exact,
// first word, two letters swapped) plus a few harder ones: a short
// prefix, an inner word, a dropped letter, and kind filters and sizes of
// First on both sides of the ranker's linear-scan limit.
func queryMix(r *rand.Rand, names []string) []kg.SearchQuery {
	firsts := []int{0, 1, 3, 10, linearMax + 8, 200}
	kindSets := [][]kg.Kind{nil, nil, {kg.KindPerson}, {kg.KindCompany, kg.KindOrder}}
	var qs []kg.SearchQuery
	for _, n := range names {
		terms := []string{n}
		for ci := range searchClasses {
			terms = append(terms, searchClasses[ci].term(r, n))
		}
		rs := []rune(n)
		terms = append(terms, string(rs[:min(2, len(rs))]))
		if f := strings.Fields(n); len(f) > 1 {
			terms = append(terms, f[len(f)-1])
		}
		if len(rs) > 4 {
			i := r.IntN(len(rs))
			terms = append(terms, string(rs[:i])+string(rs[i+1:]))
		}
		for _, term := range terms {
			qs = append(qs, kg.SearchQuery{Text: term, First: firsts[r.IntN(len(firsts))], Kinds: kindSets[r.IntN(len(kindSets))]})
		}
	}
	return qs
}

func TestSearchMatchesBruteForceOnFixture(t *testing.T) {
	s := OpenMemory()
	defer s.Close()
	storetest.Seed(t, s, storetest.Base()...)
	var names []string
	for _, r := range s.st.nodes {
		names = append(names, r.n.Name)
	}
	qs := queryMix(rand.New(rand.NewPCG(1, 2)), names)
	for _, text := range []string{"k", "ka", "kaspersky lab", "kasprsky", "department of commerce", "zzzz", "a b"} {
		for _, first := range []int{1, 2, 5, 50} {
			qs = append(qs, kg.SearchQuery{Text: text, First: first})
		}
	}
	checkAgainstBrute(t, s, qs)
}

// TestSearchMatchesBruteForceOnCorpus compares over the smoke corpus,
// whose names share first words and numbered series the way the scale
// benchmark's do, so that ties and long prefix runs are exercised.
func TestSearchMatchesBruteForceOnCorpus(t *testing.T) {
	cfg, err := corpus.Preset("smoke")
	if err != nil {
		t.Fatal(err)
	}
	c, err := corpus.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s := OpenMemory()
	defer s.Close()
	ctx := context.Background()
	r := rand.New(rand.NewPCG(3, 4))
	var names []string
	check := func() {
		names = names[:0]
		for i := 0; i < 40; i++ {
			names = append(names, s.st.nodes[r.IntN(len(s.st.nodes))].n.Name)
		}
		checkAgainstBrute(t, s, queryMix(r, names))
	}
	// Search between ingests too: keys added after a search must be
	// merged into the sorted list the prefix tier reads.
	for i := range c.Len() {
		if _, err := s.Ingest(ctx, c.Extraction(i)); err != nil {
			t.Fatal(err)
		}
		if i == c.Len()/3 {
			check()
		}
	}
	check()
	if testing.Short() {
		return
	}
	for range 4 {
		check()
	}
}
