package embedded

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

// refNeighborhood is the contract's definition, computed the slow way:
// whole breadth-first levels over the public records, sorted by (hops,
// ID), cut to the limit, then every followed edge between kept nodes.
func refNeighborhood(st *state, q kg.NeighborhoodQuery) *kg.Subgraph {
	c, ok := st.nodeIdx[q.ID]
	if !ok {
		return nil
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	types, kinds := maskOf(q.Types, defaultFollow), kindsOf(q.Kinds)
	follows := func(e edgeRec) bool { return types.has(e.typ) }
	hops := map[int32]int{c: 0}
	order := []int32{c}
	for d := 1; d <= max(q.Depth, 1); d++ {
		var next []int32
		for _, e := range st.edges {
			if !follows(e) {
				continue
			}
			for _, end := range [2][2]int32{{e.src, e.dst}, {e.dst, e.src}} {
				u, v := end[0], end[1]
				if h, ok := hops[u]; !ok || h != d-1 {
					continue
				}
				if _, ok := hops[v]; ok || !kinds.has(st.nodes[v].kind) {
					continue
				}
				hops[v] = d
				next = append(next, v)
			}
		}
		slices.SortFunc(next, func(a, b int32) int { return strings.Compare(st.nodes[a].n.ID, st.nodes[b].n.ID) })
		order = append(order, next...)
	}
	if len(order) > limit {
		order = order[:limit]
	}
	in := map[int32]bool{}
	sg := &kg.Subgraph{Edges: []*kg.Edge{}}
	for _, n := range order {
		in[n] = true
		sg.Nodes = append(sg.Nodes, &st.nodes[n].n)
	}
	for j, e := range st.edges {
		if follows(e) && in[e.src] && in[e.dst] {
			whole := st.wholeEdge(int32(j))
			sg.Edges = append(sg.Edges, &whole)
		}
	}
	slices.SortFunc(sg.Edges, func(a, b *kg.Edge) int { return strings.Compare(a.ID, b.ID) })
	return sg
}

// TestNeighborhoodMatchesReference checks the merge-based traversal
// against the definition on a synthetic graph with hubs and self-loops,
// over depths, limits, type and kind filters (including the MENTIONS
// fallback).
func TestNeighborhoodMatchesReference(t *testing.T) {
	s := OpenMemory()
	defer s.Close()
	ctx := context.Background()
	g := synth{pool: 400, perDoc: 8, edgesPerDoc: 12, loopEvery: 3}
	for d := range 150 {
		if _, err := s.Ingest(ctx, g.doc(d)); err != nil {
			t.Fatal(err)
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	queries := []kg.NeighborhoodQuery{}
	for range 300 {
		q := kg.NeighborhoodQuery{
			ID:    s.st.nodes[r.IntN(len(s.st.nodes))].n.ID,
			Depth: 1 + r.IntN(3),
			Limit: []int{0, 1, 2, 5, 20, 100, 1000}[r.IntN(7)],
		}
		switch r.IntN(4) {
		case 1:
			q.Types = []kg.RelType{synthTypes[r.IntN(len(synthTypes))], synthTypes[r.IntN(len(synthTypes))]}
		case 2:
			q.Types = []kg.RelType{kg.RelMentions, synthTypes[r.IntN(len(synthTypes))]}
		}
		if r.IntN(3) == 0 {
			q.Kinds = []kg.Kind{synthKinds[r.IntN(len(synthKinds))], synthKinds[r.IntN(len(synthKinds))], kg.KindDocument}
		}
		queries = append(queries, q)
	}
	// Hub handling in subgraph changes with the list length: every node
	// ordinary, the default, and nearly every node a hub.
	defer func(d int) { hubDegree = d }(hubDegree)
	for _, hubDegree = range []int{1 << 30, 64, 4, 0} {
		checkNeighborhoods(t, s, queries)
	}
}

func checkNeighborhoods(t *testing.T, s *Store, queries []kg.NeighborhoodQuery) {
	t.Helper()
	ctx := context.Background()
	for _, q := range queries {
		got, err := s.Neighborhood(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		want := refNeighborhood(s.st, q)
		ids := func(sg *kg.Subgraph) (ns, es []string) {
			for _, n := range sg.Nodes {
				ns = append(ns, n.ID)
			}
			for _, e := range sg.Edges {
				es = append(es, e.ID)
			}
			return
		}
		gn, ge := ids(got)
		wn, we := ids(want)
		if !slices.Equal(gn, wn) || !slices.Equal(ge, we) {
			t.Fatalf("Neighborhood(%+v):\n nodes %v\n want  %v\n edges %v\n want  %v", q, gn, wn, ge, we)
		}
	}
}

// TestEdgesOfMatchesReference checks EdgesOf, which answers type and
// direction from the adjacency entries, against a scan of every edge.
func TestEdgesOfMatchesReference(t *testing.T) {
	s := OpenMemory()
	defer s.Close()
	ctx := context.Background()
	g := synth{pool: 300, perDoc: 8, edgesPerDoc: 12}
	for d := range 100 {
		if _, err := s.Ingest(ctx, g.doc(d)); err != nil {
			t.Fatal(err)
		}
	}
	r := rand.New(rand.NewPCG(5, 6))
	dirs := []kg.Direction{"", kg.DirectionOut, kg.DirectionIn}
	for range 200 {
		var ids []string
		for range 1 + r.IntN(5) {
			ids = append(ids, s.st.nodes[r.IntN(len(s.st.nodes))].n.ID)
		}
		f := kg.EdgeFilter{Direction: dirs[r.IntN(3)], MinSources: r.IntN(3)}
		switch r.IntN(3) {
		case 1:
			f.Types = []kg.RelType{synthTypes[r.IntN(len(synthTypes))], kg.RelPublishedOn}
		case 2:
			f.Types = []kg.RelType{kg.RelMentions}
		}
		if r.IntN(4) == 0 {
			f.SeenFrom, f.SeenTo = "2020-06", "2020-09"
		}
		got, err := s.EdgesOf(ctx, ids, f)
		if err != nil {
			t.Fatal(err)
		}
		types := maskOf(f.Types, allTypes&^mentionsMask)
		want := map[string][]string{}
		for _, id := range ids {
			if _, done := want[id]; done {
				continue
			}
			var es []string
			for j, e := range s.st.edges {
				x := s.st.wholeEdge(int32(j))
				switch {
				case !types.has(e.typ), x.Source != id && x.Target != id,
					f.Direction == kg.DirectionOut && x.Source != id,
					f.Direction == kg.DirectionIn && x.Target != id,
					len(x.Documents) < f.MinSources,
					f.SeenFrom != "" && kg.RangeEnd(x.LastSeen) < kg.RangeStart(f.SeenFrom),
					f.SeenTo != "" && kg.RangeStart(x.FirstSeen) > kg.RangeEnd(f.SeenTo):
					continue
				}
				es = append(es, x.ID)
			}
			slices.Sort(es)
			want[id] = es
		}
		for id, w := range want {
			var g []string
			for _, e := range got[id] {
				g = append(g, e.ID)
			}
			if !slices.Equal(g, w) {
				t.Fatalf("EdgesOf(%s, %+v) = %v, want %v", id, f, g, w)
			}
		}
	}
}

// TestTyposMatchReference checks the prefix-filtered typo pass against
// the edit distance of every term, for queries one or two edits away from
// stored names (and a few unrelated ones).
func TestTyposMatchReference(t *testing.T) {
	s := OpenMemory()
	defer s.Close()
	ctx := context.Background()
	g := synth{pool: 2000, perDoc: 8, edgesPerDoc: 4}
	for d := range 400 {
		if _, err := s.Ingest(ctx, g.doc(d)); err != nil {
			t.Fatal(err)
		}
	}
	x := s.st.search
	r := rand.New(rand.NewPCG(7, 8))
	edit := func(q []rune) []rune {
		i := r.IntN(len(q) + 1)
		switch r.IntN(3) {
		case 0: // insert
			return slices.Insert(slices.Clone(q), i, rune('a'+r.IntN(26)))
		case 1: // delete
			if i < len(q) {
				return slices.Delete(slices.Clone(q), i, i+1)
			}
		}
		if i < len(q) { // substitute
			q = slices.Clone(q)
			q[i] = rune('a' + r.IntN(26))
		}
		return q
	}
	var lev levBuf
	for n := range 400 {
		q := []rune(x.terms[r.IntN(len(x.terms))])
		for range 1 + r.IntN(2) {
			q = edit(q)
		}
		if n%20 == 0 {
			q = []rune("zzqx" + string(q))
		}
		d := maxTypos(len(q))
		if d == 0 {
			continue
		}
		got := map[int32]int{}
		x.typos(string(q), d, func(t int32, dist int) { got[t] = dist })
		want := map[int32]int{}
		for t, term := range x.terms {
			if dist := lev.distance(q, term, 100); dist > 0 && dist <= d {
				want[int32(t)] = dist
			}
		}
		if len(got) != len(want) {
			t.Fatalf("typos(%q, %d): %d terms, want %d", string(q), d, len(got), len(want))
		}
		for k, v := range want {
			if got[k] != v {
				t.Fatalf("typos(%q, %d): %q at %d, want %d", string(q), d, x.terms[k], got[k], v)
			}
		}
	}
}

// TestMyersMatchesLevenshtein compares the bit-parallel distance with the
// dynamic programme on random strings over a small alphabet with
// non-ASCII runes, up to the 64-rune limit.
func TestMyersMatchesLevenshtein(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	alpha := []rune("abcé ü")
	word := func(n int) []rune {
		w := make([]rune, n)
		for i := range w {
			w[i] = alpha[r.IntN(len(alpha))]
		}
		return w
	}
	var lev levBuf
	for range 5000 {
		p, s := word(1+r.IntN(64)), word(r.IntN(70))
		my, ok := newMyers(p)
		if !ok {
			t.Fatalf("newMyers(%d runes) refused", len(p))
		}
		if got, want := my.distance(string(s)), lev.distance(p, string(s), 1000); got != want {
			t.Fatalf("distance(%q, %q) = %d, want %d", string(p), string(s), got, want)
		}
	}
	if _, ok := newMyers(word(65)); ok {
		t.Fatal("newMyers accepted 65 runes")
	}
}
