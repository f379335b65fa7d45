package embedded

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// datedMask holds the relationship types that point at DATE nodes.
var datedMask = func() typeMask {
	var m typeMask
	for i, t := range kg.RelTypes {
		if t.Dated() {
			m |= 1 << i
		}
	}
	return m
}()

// dateValue is the ISO value a DATE node stands for.
func dateValue(n *kg.Node) string {
	if v := n.Attrs[kg.AttrDate]; v != "" {
		return v
	}
	return strings.TrimPrefix(n.ID, "date:")
}

// Timeline walks the DATE nodes whose period overlaps the range and
// collects the dated edges into them. Only DATE nodes are scanned, never
// the whole graph.
func (s *Store) Timeline(ctx context.Context, q kg.TimelineQuery) ([]kg.TimelineItem, error) {
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	st := s.st
	types := maskOf(q.Types, datedMask) & datedMask
	var about map[int32]bool
	if q.About != "" {
		a, ok := st.nodeIdx[q.About]
		if !ok {
			return []kg.TimelineItem{}, nil
		}
		about = map[int32]bool{a: true}
		st.adjacency(a, allTypes&^mentionsMask, func(_ int32, er *edgeRec) bool {
			about[er.other(a)] = true
			return true
		})
	}
	type item struct {
		start string
		e     int32
	}
	var items []item
	starts := map[int32]string{} // DATE node -> start of its period, or "" when outside the range
	dated := func(d int32) (string, bool) {
		if v, ok := starts[d]; ok {
			return v, v != ""
		}
		v := dateValue(&st.nodes[d].n)
		start := ""
		if kg.DateOverlaps(v, q.From, q.To) {
			start = kg.RangeStart(v)
		}
		starts[d] = start
		return start, start != ""
	}
	collect := func(er *edgeRec, e int32) {
		if st.nodes[er.dst].kind != dateKind {
			return
		}
		if start, ok := dated(er.dst); ok {
			items = append(items, item{start, e})
		}
	}
	if about != nil {
		// From the subjects' side: a handful of nodes, not every date.
		for n := range about {
			st.adjacency(n, types, func(e int32, er *edgeRec) bool {
				if er.src == n {
					collect(er, e)
				}
				return true
			})
		}
	} else {
		for _, d := range st.dates {
			if _, ok := dated(d); !ok {
				continue
			}
			st.adjacency(d, types, func(e int32, er *edgeRec) bool {
				if er.dst == d {
					collect(er, e)
				}
				return true
			})
		}
	}
	slices.SortFunc(items, func(a, b item) int {
		return cmp.Or(strings.Compare(a.start, b.start), st.compareEdgeIDs(a.e, b.e))
	})
	out := make([]kg.TimelineItem, len(items))
	for i, it := range items {
		er := &st.edges[it.e]
		out[i] = kg.TimelineItem{Edge: st.edgeOutAt(it.e), Subject: nodeOut(&st.nodes[er.src].n), Date: nodeOut(&st.nodes[er.dst].n)}
	}
	return out, nil
}
