package loaders

import (
	"context"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// EdgesOf returns every edge of node id that matches f, for fields that
// show them all. Siblings asking with equal filters share a single store
// call, and the nodes at the other ends become the next level's sibling
// group.
func (l *Loaders) EdgesOf(ctx context.Context, id string, f kg.EdgeFilter) ([]kg.Edge, error) {
	return loadEdges(ctx, l, l.allBatcher(f), id)
}

// EdgePage returns one window of node id's edges matching f (see
// kg.EdgeWindow) and the node's total. Siblings asking with equal filters
// and windows share a single store call, which reads only the windows:
// a page of ten edges of a hub costs ten edges, not the hub's thousands.
// The nodes at the other ends of the windows, and only those, become the
// next level's sibling group.
func (l *Loaders) EdgePage(ctx context.Context, id string, f kg.EdgeFilter, w kg.EdgeWindow) (kg.EdgeWindowPage, error) {
	return loadEdges(ctx, l, l.pageBatcher(f, w), id)
}

// loadEdges reads id's value through b, with id's whole edge group when
// it has one, so that the first sibling to ask reads for all of them.
func loadEdges[V any](ctx context.Context, l *Loaders, b *Batcher[string, V], id string) (V, error) {
	if gr := l.groups.edgeGroup(id); gr != nil {
		vs, err := b.LoadGroup(ctx, []string{id}, gr.ids)
		if err != nil {
			var zero V
			return zero, err
		}
		return vs[0], nil
	}
	return b.Load(ctx, id)
}

// shownEnds are the other ends of the edges each node will show: edge(i,
// j) is the j-th of n(i) edges node ids[i] shows.
func shownEnds(ids []string, n func(i int) int, edge func(i, j int) *kg.Edge) []string {
	total := 0
	for i := range ids {
		total += n(i)
	}
	if total == 0 {
		return nil
	}
	// Sized once: a nested walk asks this of every level's page, and a
	// growing set reallocated its table several times each.
	size := min(total, maxGroup+1)
	ends := make([]string, 0, size)
	seen := make(map[string]struct{}, size)
	for i, id := range ids {
		for j := range n(i) {
			o := otherEnd(edge(i, j), id)
			if _, dup := seen[o]; !dup {
				seen[o] = struct{}{}
				ends = append(ends, o)
			}
		}
		if len(ends) > maxGroup {
			return nil
		}
	}
	return ends
}

func (l *Loaders) allBatcher(f kg.EdgeFilter) *Batcher[string, []kg.Edge] {
	key := filterKey(f)
	l.mu.Lock()
	defer l.mu.Unlock()
	if b, ok := l.edges[key]; ok {
		return b
	}
	b := NewBatcher(func(ctx context.Context, ids []string) ([][]kg.Edge, error) {
		m, err := l.store.EdgesOf(ctx, ids, f)
		if err != nil {
			return nil, err
		}
		out := make([][]kg.Edge, len(ids))
		for i, id := range ids {
			out[i] = m[id]
		}
		// Registered before any waiter wakes, so the next level finds it.
		l.groups.shown(shownEnds(ids, func(i int) int { return len(out[i]) }, func(i, j int) *kg.Edge { return &out[i][j] }))
		return out, nil
	}, l.wait, maxBatch)
	l.edges[key] = b
	return b
}

func (l *Loaders) pageBatcher(f kg.EdgeFilter, w kg.EdgeWindow) *Batcher[string, kg.EdgeWindowPage] {
	key := filterKey(f) + "|" + strconv.Itoa(w.First) + "|" + w.After
	l.mu.Lock()
	defer l.mu.Unlock()
	if b, ok := l.pages[key]; ok {
		return b
	}
	b := NewBatcher(func(ctx context.Context, ids []string) ([]kg.EdgeWindowPage, error) {
		m, err := l.store.EdgePages(ctx, ids, f, w)
		if err != nil {
			return nil, err
		}
		out := make([]kg.EdgeWindowPage, len(ids))
		for i, id := range ids {
			out[i] = m[id]
		}
		l.groups.shown(shownEnds(ids, func(i int) int { return len(out[i].Edges) }, func(i, j int) *kg.Edge { return out[i].Edges[j] }))
		return out, nil
	}, l.wait, maxBatch)
	l.pages[key] = b
	return b
}

func filterKey(f kg.EdgeFilter) string {
	var b strings.Builder
	b.WriteString(string(f.Direction))
	b.WriteByte('|')
	for _, t := range f.Types {
		b.WriteString(string(t))
		b.WriteByte(',')
	}
	b.WriteByte('|')
	b.WriteString(strconv.Itoa(f.MinSources))
	b.WriteByte('|')
	b.WriteString(f.SeenFrom)
	b.WriteByte('|')
	b.WriteString(f.SeenTo)
	return b.String()
}
