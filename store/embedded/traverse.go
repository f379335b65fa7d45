package embedded

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/kg"
)

// defaultFollow is what traversals follow when no types are given.
var defaultFollow = allTypes &^ metaMask

// marks is a reusable visited set over node indexes: a node is marked when
// its slot holds the current generation, so clearing costs nothing and a
// query does not allocate a whole-graph structure.
type marks struct {
	gen  uint32
	seen []uint32
	val  []uint8 // a small per-node value (a distance), valid where seen
	pos  []int32 // a node's place in an answer (see graphOut), valid where seen
	sink int32   // where subgraph's touch loads go, so they are not optimised away
	// Scratch space subgraph lends from the pool with the marks, so a
	// neighbourhood does not allocate its edge list and sort keys anew
	// (a sixth of the bytes a neighbourhood request allocated).
	edges []int32
	keyed []keyedEdge
}

var markPool = sync.Pool{New: func() any { return new(marks) }}

func getMarks(n int) *marks {
	m := markPool.Get().(*marks)
	if len(m.seen) < n {
		m.seen = make([]uint32, n+n/4+16)
		m.val = make([]uint8, len(m.seen))
		m.pos = make([]int32, len(m.seen))
		m.gen = 0
	}
	m.gen++
	if m.gen == 0 {
		clear(m.seen)
		m.gen = 1
	}
	return m
}

func (m *marks) set(i int32)      { m.seen[i] = m.gen }
func (m *marks) has(i int32) bool { return m.seen[i] == m.gen }
func (m *marks) release()         { markPool.Put(m) }

// Neighborhood is a breadth-first search from q.ID that ignores direction,
// follows q.Types and enters only nodes of q.Kinds. Levels are explored
// until the node limit is reached, since deeper nodes would be cut anyway.
//
// Every level but the last that fits is kept whole, so the next level is
// "the smallest-ID unvisited neighbours of the kept frontier": a merge of
// the frontier's ID-ordered adjacency lists that stops after the room left
// (see nextLevel), instead of visiting every neighbour of every hub.
func (s *Store) Neighborhood(ctx context.Context, q kg.NeighborhoodQuery) (*kg.Subgraph, error) {
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	st := s.st
	c, ok := st.nodeIdx[q.ID]
	if !ok {
		return nil, nil
	}
	depth, limit := max(q.Depth, 1), q.Limit
	if limit <= 0 {
		limit = 100
	}
	types, kinds := maskOf(q.Types, defaultFollow), kindsOf(q.Kinds)

	seen := getMarks(len(st.nodes))
	defer seen.release()
	seen.set(c)
	kept := []int32{c}
	frontier := []int32{c}
	for d := 1; d <= depth && len(frontier) > 0 && len(kept) < limit; d++ {
		if err := ctx.Err(); err != nil {
			return nil, cancelled(err)
		}
		var next []int32
		if types&metaMask == 0 {
			next = st.nextLevel(frontier, types, kinds, seen, limit-len(kept))
		} else {
			next = st.wholeLevel(frontier, types, kinds, seen)
			// Only the smallest IDs of the last level that fits survive
			// the limit; selecting them is cheaper than sorting the level.
			next = st.smallestIDs(next, limit-len(kept))
		}
		kept = append(kept, next...)
		frontier = next
	}
	return st.subgraph(kept, types), nil
}

// hubDegree is the main-list length above which subgraph does not scan a
// kept node's list. A neighbourhood reaches hubs (an agency with thousands
// of orders) but keeps only a hundred nodes, so scanning every kept list
// would read far more entries than it finds edges; the edges of a
// hub are found from its ordinary neighbours' short lists instead, and the
// few hub pairs by search. A variable so tests can make every node a hub.
var hubDegree = 64

// subgraph materialises the kept nodes and every edge of types between
// two of them, ordered by ID. An edge between ordinary nodes is taken from
// the end with the smaller index (a self-loop is listed once); one with a
// hub end from the ordinary end; one between hubs, or a hub's self-loop,
// by searching the shorter list for the other end. Only edge indexes are
// sorted, so no kg.Edge is copied until the result is built.
func (st *state) subgraph(kept []int32, types typeMask) *kg.Subgraph {
	in := getMarks(len(st.nodes))
	defer in.release()
	var hubs []int32
	// touch reads the first entry of every list the scan below will read.
	// Here the loads are independent of each other, so the processor
	// overlaps their cache misses; met one list at a time in the scan,
	// each would wait for the one before.
	touch := int32(0)
	var near keptFilter
	for _, n := range kept {
		in.set(n)
		near.add(n)
		in.val[n] = 0
		r := st.nodes[n]
		if len(r.main) > hubDegree {
			in.val[n] = 1
			hubs = append(hubs, n)
		} else if len(r.main) > 0 {
			touch += r.main[0].e
		}
	}
	in.sink = touch
	es := in.edges[:0]
	defer func() { in.edges = es[:0] }()
	for _, u := range kept {
		ur := st.nodes[u]
		if in.val[u] == 0 {
			for _, a := range ur.main {
				if types.has(a.typ) && near.mayHave(a.nb) && in.has(a.nb) && (a.nb >= u || in.val[a.nb] == 1) {
					es = append(es, a.e)
				}
			}
		}
		if types&metaMask != 0 {
			for _, a := range ur.meta {
				if a.nb >= u && types.has(a.typ) && near.mayHave(a.nb) && in.has(a.nb) {
					es = append(es, a.e)
				}
			}
		}
	}
	for i, h := range hubs {
		for _, g := range hubs[i:] {
			es = st.between(es, h, g, types)
		}
	}
	st.sortEdges(es, &in.keyed)
	ns, edges := st.graphOut(kept, es)
	return &kg.Subgraph{Nodes: ns, Edges: edges}
}

// keptFilter answers "certainly not kept" for most nodes from 512 bytes
// that stay in the first-level cache, one bit per node index modulo 4096.
// Most entries of a kept node's list lead out of the neighbourhood, and
// asking the per-node marks about each would be a cache miss into an
// array as long as the graph.
type keptFilter [64]uint64

func (f *keptFilter) add(n int32)          { f[n>>6&63] |= 1 << (n & 63) }
func (f *keptFilter) mayHave(n int32) bool { return f[n>>6&63]&(1<<(n&63)) != 0 }

// between appends the main edges of types joining a and b (a self-loop
// when they are equal), found by binary search of the shorter of the two
// ID-ordered lists.
func (st *state) between(es []int32, a, b int32, types typeMask) []int32 {
	if len(st.nodes[a].main) > len(st.nodes[b].main) {
		a, b = b, a
	}
	list := st.nodes[a].main
	j, _ := slices.BinarySearchFunc(list, b, func(x adj, target int32) int { return st.compareNodes(x.nb, target) })
	for ; j < len(list) && list[j].nb == b; j++ {
		if types.has(list[j].typ) {
			es = append(es, list[j].e)
		}
	}
	return es
}

// wholeLevel lists every unseen neighbour of the frontier over types and
// kinds, marking them seen.
func (st *state) wholeLevel(frontier []int32, types typeMask, kinds kindMask, seen *marks) []int32 {
	var next []int32
	for _, u := range frontier {
		ur := st.nodes[u]
		for _, list := range [2][]adj{ur.main, ur.meta} {
			for _, a := range list {
				if !types.has(a.typ) || seen.has(a.nb) || !kinds.has(a.kind) {
					continue
				}
				seen.set(a.nb)
				next = append(next, a.nb)
			}
		}
	}
	return next
}

// cursor walks one frontier node's main list during nextLevel; key is
// the ID key of the neighbour it stands on.
type cursor struct {
	list []adj
	key  idKey
}

// nextLevel returns, in ID order, the (at most) k smallest-ID unseen
// neighbours of the frontier over types (main types only) and kinds, and
// marks them seen. It is a k-way merge of the frontier's ID-ordered main
// lists through a min-heap of cursors, so it stops after k nodes.
func (st *state) nextLevel(frontier []int32, types typeMask, kinds kindMask, seen *marks, k int) []int32 {
	if k <= 0 {
		return nil
	}
	// skip moves c to its first entry that may be emitted; false when none.
	skip := func(c *cursor) bool {
		l := c.list
		for len(l) > 0 && (!types.has(l[0].typ) || seen.has(l[0].nb) || !kinds.has(l[0].kind)) {
			l = l[1:]
		}
		c.list = l
		if len(l) == 0 {
			return false
		}
		c.key = st.nodeKeys[l[0].nb]
		return true
	}
	// less orders cursors by their neighbour's ID: the dense keys decide
	// unless two IDs share their first 16 bytes.
	less := func(x, y *cursor) bool {
		if x.key != y.key {
			return x.key.less(y.key)
		}
		return st.nodes[x.list[0].nb].n.ID < st.nodes[y.list[0].nb].n.ID
	}
	h := make([]cursor, 0, len(frontier))
	for _, u := range frontier {
		c := cursor{list: st.nodes[u].main}
		if skip(&c) {
			h = append(h, c)
		}
	}
	down := func(i int) {
		for {
			l, m := 2*i+1, i
			if l < len(h) && less(&h[l], &h[m]) {
				m = l
			}
			if r := l + 1; r < len(h) && less(&h[r], &h[m]) {
				m = r
			}
			if m == i {
				return
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
	}
	for i := len(h)/2 - 1; i >= 0; i-- {
		down(i)
	}
	var out []int32
	for len(h) > 0 && len(out) < k {
		v := h[0].list[0].nb
		if !seen.has(v) { // another list may have emitted it already
			seen.set(v)
			out = append(out, v)
		}
		h[0].list = h[0].list[1:]
		if !skip(&h[0]) {
			h[0] = h[len(h)-1]
			h = h[:len(h)-1]
		}
		down(0)
	}
	return out
}

// smallestIDs returns the k nodes of xs with the smallest IDs, sorted by
// ID. It keeps a bounded max-heap, so a level of n nodes costs n log k.
func (st *state) smallestIDs(xs []int32, k int) []int32 {
	less := func(a, b int32) bool { return st.compareNodes(a, b) < 0 }
	if k >= len(xs) {
		out := slices.Clone(xs)
		slices.SortFunc(out, st.compareNodes)
		return out
	}
	if k <= 0 {
		return nil
	}
	h := make([]int32, 0, k) // max-heap by ID: h[0] is the largest kept
	down := func(i int) {
		for {
			l, big := 2*i+1, i
			if l < len(h) && less(h[big], h[l]) {
				big = l
			}
			if r := l + 1; r < len(h) && less(h[big], h[r]) {
				big = r
			}
			if big == i {
				return
			}
			h[i], h[big] = h[big], h[i]
			i = big
		}
	}
	for _, x := range xs {
		switch {
		case len(h) < k:
			h = append(h, x)
			for i := len(h) - 1; i > 0; {
				p := (i - 1) / 2
				if !less(h[p], h[i]) {
					break
				}
				h[i], h[p] = h[p], h[i]
				i = p
			}
		case less(x, h[0]):
			h[0] = x
			down(0)
		}
	}
	slices.SortFunc(h, st.compareNodes)
	return h
}

// ShortestPath is a bidirectional breadth-first search that always grows
// the smaller frontier, so it touches about twice the square root of what a
// one-sided search would.
func (s *Store) ShortestPath(ctx context.Context, from, to string, maxLength int) (*kg.Path, error) {
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	st := s.st
	f, okf := st.nodeIdx[from]
	t, okt := st.nodeIdx[to]
	if !okf || !okt {
		return nil, nil
	}
	if maxLength <= 0 {
		maxLength = 4
	}
	if f == t {
		return st.path([]int32{f}, nil), nil
	}
	pf := map[int32]int32{f: -1}
	pb := map[int32]int32{t: -1}
	ff, fb := []int32{f}, []int32{t}
	for steps := 0; steps < maxLength && len(ff) > 0 && len(fb) > 0; steps++ {
		if err := ctx.Err(); err != nil {
			return nil, cancelled(err)
		}
		forward := len(ff) <= len(fb)
		own, other, frontier := pf, pb, ff
		if !forward {
			own, other, frontier = pb, pf, fb
		}
		var next []int32
		for _, u := range frontier {
			ur := st.nodes[u]
			for _, a := range ur.main {
				if !defaultFollow.has(a.typ) {
					continue
				}
				e, v := a.e, a.nb
				if _, ok := own[v]; ok {
					continue
				}
				own[v] = e
				if _, ok := other[v]; ok {
					return st.buildPath(f, t, v, pf, pb), nil
				}
				next = append(next, v)
			}
		}
		if forward {
			ff = next
		} else {
			fb = next
		}
	}
	return nil, nil
}

// buildPath joins the two half-paths that meet at m.
func (st *state) buildPath(f, t, m int32, pf, pb map[int32]int32) *kg.Path {
	var nodes []int32
	var edges []int32
	for x := m; pf[x] >= 0; {
		e := pf[x]
		edges = append(edges, e)
		x = st.edges[e].other(x)
		nodes = append(nodes, x)
	}
	slices.Reverse(nodes)
	slices.Reverse(edges)
	nodes = append(nodes, m)
	for x := m; pb[x] >= 0; {
		e := pb[x]
		edges = append(edges, e)
		x = st.edges[e].other(x)
		nodes = append(nodes, x)
	}
	return st.path(nodes, edges)
}

func (st *state) path(nodes, edges []int32) *kg.Path {
	ns, es := st.graphOut(nodes, edges)
	return &kg.Path{Nodes: ns, Edges: es}
}

// pathCap bounds how many paths one query enumerates before ranking, so a
// query between two hubs cannot run away.
const pathCap = 20000

// Paths enumerates simple paths by increasing length with a depth-first
// search pruned by each node's distance to the target, stopping after the
// first length that yields enough paths, then ranks them.
func (s *Store) Paths(ctx context.Context, q kg.PathsQuery) ([]kg.Path, error) {
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	st := s.st
	f, okf := st.nodeIdx[q.From]
	t, okt := st.nodeIdx[q.To]
	if !okf || !okt {
		return []kg.Path{}, nil
	}
	maxLen, limit := q.MaxLength, q.Limit
	if maxLen <= 0 {
		maxLen = 4
	}
	maxLen = min(maxLen, 255) // distances are kept in a byte
	if limit <= 0 {
		limit = 10
	}
	if f == t {
		return []kg.Path{*st.path([]int32{f}, nil)}, nil
	}
	types := maskOf(q.Types, defaultFollow)
	// A node other than t on a path of at most maxLen edges from f is at
	// most maxLen-1 hops from t, so the search from t stops there.
	dist := st.distances(t, types, maxLen-1)
	defer dist.release()

	type found struct {
		nodes, edges []int32
		sources      int
	}
	var results []found
	nodes := []int32{f}
	var edges []int32
	steps := 0
	var stop error
	var walk func(u int32, length int)
	walk = func(u int32, length int) {
		if stop != nil || len(results) >= pathCap {
			return
		}
		if steps++; steps%8192 == 0 && ctx.Err() != nil {
			stop = cancelled(ctx.Err())
			return
		}
		k := len(edges)
		ur := st.nodes[u]
		for _, list := range [2][]adj{ur.main, ur.meta} {
			for _, a := range list {
				if !types.has(a.typ) {
					continue
				}
				e, v := a.e, a.nb
				if v == t {
					if k+1 == length {
						p := found{nodes: append(slices.Clone(nodes), t), edges: append(slices.Clone(edges), e)}
						for _, pe := range p.edges {
							p.sources += len(st.edges[pe].documents)
						}
						results = append(results, p)
					}
					continue
				}
				if !dist.has(v) || k+1+int(dist.val[v]) > length || slices.Contains(nodes, v) {
					continue
				}
				nodes, edges = append(nodes, v), append(edges, e)
				walk(v, length)
				nodes, edges = nodes[:len(nodes)-1], edges[:len(edges)-1]
			}
		}
	}
	for length := 1; length <= maxLen && len(results) < limit; length++ {
		walk(f, length)
		if stop != nil {
			return nil, stop
		}
	}
	idSeq := func(xs []int32, id func(int32) string) func(int) string {
		return func(i int) string { return id(xs[i]) }
	}
	nodeID := func(n int32) string { return st.nodes[n].n.ID }
	edgeID := st.edgeID
	slices.SortFunc(results, func(a, b found) int {
		if c := cmp.Or(cmp.Compare(len(a.edges), len(b.edges)), cmp.Compare(b.sources, a.sources)); c != 0 {
			return c
		}
		an, bn := idSeq(a.nodes, nodeID), idSeq(b.nodes, nodeID)
		for i := range a.nodes {
			if c := strings.Compare(an(i), bn(i)); c != 0 {
				return c
			}
		}
		ae, be := idSeq(a.edges, edgeID), idSeq(b.edges, edgeID)
		for i := range a.edges {
			if c := strings.Compare(ae(i), be(i)); c != 0 {
				return c
			}
		}
		return 0
	})
	if len(results) > limit {
		results = results[:limit]
	}
	out := make([]kg.Path, len(results))
	for i, r := range results {
		out[i] = *st.path(r.nodes, r.edges)
	}
	return out, nil
}

// distances is a breadth-first search from t over types, up to max hops,
// ignoring direction; the marks hold each reached node's hops to t.
func (st *state) distances(t int32, types typeMask, max int) *marks {
	m := getMarks(len(st.nodes))
	m.set(t)
	m.val[t] = 0
	frontier := []int32{t}
	for d := 1; d <= max && len(frontier) > 0; d++ {
		var next []int32
		for _, u := range frontier {
			st.adjacency(u, types, func(_ int32, er *edgeRec) bool {
				if v := er.other(u); !m.has(v) {
					m.set(v)
					m.val[v] = uint8(d)
					next = append(next, v)
				}
				return true
			})
		}
		frontier = next
	}
	return m
}
