package embedded

import (
	"cmp"
	"context"
	"slices"

	"github.com/newsgraph/newsgraph/kg"
)

// adjFilter is an EdgeFilter prepared for walking adjacency lists. Most
// reads filter by type and direction alone, which the adjacency entries
// answer without reading the edge record.
type adjFilter struct {
	m     edgeMatch
	dir   kg.Direction
	plain bool // no test needs the edge record
}

func newAdjFilter(f kg.EdgeFilter) adjFilter {
	af := adjFilter{m: edgeMatch{types: maskOf(f.Types, allTypes&^mentionsMask), minSources: f.MinSources}, dir: f.Direction}
	if f.SeenFrom != "" {
		af.m.from = kg.RangeStart(f.SeenFrom)
	}
	if f.SeenTo != "" {
		af.m.to = kg.RangeEnd(f.SeenTo)
	}
	af.plain = af.m.minSources <= 0 && af.m.from == "" && af.m.to == ""
	return af
}

// lists are the adjacency lists of r that can hold a matching edge.
func (af *adjFilter) lists(r *nodeRec) [2][]adj {
	lists := [2][]adj{r.main}
	if af.m.types&metaMask != 0 {
		lists[1] = r.meta
	}
	return lists
}

func (af *adjFilter) ok(st *state, a *adj) bool {
	switch {
	case !af.m.types.has(a.typ),
		af.dir == kg.DirectionOut && !a.src,
		af.dir == kg.DirectionIn && !a.dst:
		return false
	}
	return af.plain || af.m.ok(st, a.e)
}

// idAfter reports whether edge e's ID sorts after id, whose key is k.
func (s *state) idAfter(e int32, k idKey, id string) bool {
	x := &s.edgeKeys[e]
	if c := cmp.Or(cmp.Compare(x[0], k[0]), cmp.Compare(x[1], k[1])); c != 0 {
		return c > 0
	}
	return s.compareEdgeID(e, id) > 0
}

// EdgePages answers each node's window in one pass over its adjacency
// entries: the total is a count of the matching entries, and the window
// the smallest First edge IDs after the cursor, kept in a bounded max-heap
// of edge indexes. A hub's thousands of edges are compared, never copied
// or sorted; only the window's edges are copied out.
func (s *Store) EdgePages(ctx context.Context, ids []string, f kg.EdgeFilter, w kg.EdgeWindow) (map[string]kg.EdgeWindowPage, error) {
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	st := s.st
	af := newAdjFilter(f)
	first := max(w.First, 0)
	var ak idKey
	if w.After != "" {
		ak = keyOfID(w.After)
	}
	type span struct {
		id          string
		start, end  int
		total       int
		hasNextPage bool
	}
	var idx []int32
	var spans []span
	h := edgeHeap{st: st, es: make([]keyedEdge, 0, min(first, 64))}
	done := make(map[string]bool, len(ids))
	for _, id := range ids {
		n, ok := st.nodeIdx[id]
		if !ok || done[id] {
			continue
		}
		done[id] = true
		h.es = h.es[:0]
		total, rest := 0, 0
		for _, list := range af.lists(st.nodes[n]) {
			for i := range list {
				a := &list[i]
				if !af.ok(st, a) {
					continue
				}
				total++
				if w.After != "" && !st.idAfter(a.e, ak, w.After) {
					continue
				}
				rest++
				h.offer(a.e, first)
			}
		}
		if total == 0 {
			continue
		}
		start := len(idx)
		idx = h.sorted(idx)
		spans = append(spans, span{id, start, len(idx), total, rest > len(h.es)})
	}
	out := make(map[string]kg.EdgeWindowPage, len(spans))
	all := st.edgesOut(idx)
	for _, sp := range spans {
		out[sp.id] = kg.EdgeWindowPage{Edges: all[sp.start:sp.end:sp.end], TotalCount: sp.total, HasNextPage: sp.hasNextPage}
	}
	return out, nil
}

// edgeHeap keeps the k smallest edge IDs offered, as a max-heap: the root
// is the largest kept, so most of a hub's edges are turned away by one
// comparison with it. Each entry carries its ID key, so the heap's own
// comparisons read the heap, not the graph-sized key array.
type edgeHeap struct {
	st *state
	es []keyedEdge
}

type keyedEdge struct {
	k idKey
	e int32
}

// compare orders entries by edge ID, as compareEdges does.
func (h *edgeHeap) compare(a, b *keyedEdge) int {
	if c := cmp.Or(cmp.Compare(a.k[0], b.k[0]), cmp.Compare(a.k[1], b.k[1])); c != 0 {
		return c
	}
	return h.st.compareEdgeIDs(a.e, b.e)
}

// offer keeps e when fewer than k edges are kept or e sorts before the
// largest of them, which it then replaces.
func (h *edgeHeap) offer(e int32, k int) {
	x := keyedEdge{h.st.edgeKeys[e], e}
	if len(h.es) < k {
		h.es = append(h.es, x)
		h.up(len(h.es) - 1)
		return
	}
	if k == 0 {
		return
	}
	// Most edges of a hub lose to the root on the first word of the key;
	// that test is inlined here, the full comparison only runs on a tie.
	if top := &h.es[0].k; x.k[0] > top[0] || x.k[0] == top[0] && h.compare(&x, &h.es[0]) >= 0 {
		return
	}
	h.es[0] = x
	h.down(0)
}

func (h *edgeHeap) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if h.compare(&h.es[i], &h.es[p]) <= 0 {
			return
		}
		h.es[i], h.es[p] = h.es[p], h.es[i]
		i = p
	}
}

func (h *edgeHeap) down(i int) {
	n := len(h.es)
	for {
		big := i
		if l := 2*i + 1; l < n && h.compare(&h.es[l], &h.es[big]) > 0 {
			big = l
		}
		if r := 2*i + 2; r < n && h.compare(&h.es[r], &h.es[big]) > 0 {
			big = r
		}
		if big == i {
			return
		}
		h.es[i], h.es[big] = h.es[big], h.es[i]
		i = big
	}
}

// sorted turns the kept edges, smallest ID first, into edge indexes
// appended to out.
func (h *edgeHeap) sorted(out []int32) []int32 {
	slices.SortFunc(h.es, func(a, b keyedEdge) int { return h.compare(&a, &b) })
	for _, x := range h.es {
		out = append(out, x.e)
	}
	return out
}
