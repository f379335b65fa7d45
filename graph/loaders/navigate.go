package loaders

import (
	"context"
	"sort"

	"github.com/newsgraph/newsgraph/graph/model"
	"github.com/newsgraph/newsgraph/graph/present"
	"github.com/newsgraph/newsgraph/kg"
)

// Links returns id's edges of the given types and direction with the node
// at the other end of each, best supported first (source count
// descending, then edge ID). Edges whose other end is unknown are left out.
func (l *Loaders) Links(ctx context.Context, id string, dir kg.Direction, types ...kg.RelType) ([]present.Link, error) {
	edges, err := l.EdgesOf(ctx, id, kg.EdgeFilter{Direction: dir, Types: types})
	if err != nil {
		return nil, err
	}
	edges = append([]kg.Edge(nil), edges...)
	sort.SliceStable(edges, func(i, j int) bool {
		if a, b := edges[i].SourceCount(), edges[j].SourceCount(); a != b {
			return a > b
		}
		return edges[i].ID < edges[j].ID
	})
	ids := make([]string, len(edges))
	for i := range edges {
		ids[i] = otherEnd(&edges[i], id)
	}
	nodes, err := l.Nodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]model.Node, len(nodes))
	for _, n := range nodes {
		byID[n.Stored().ID] = n
	}
	out := make([]present.Link, 0, len(edges))
	for i := range edges {
		if n := byID[ids[i]]; n != nil {
			out = append(out, present.Link{Edge: &edges[i], Other: n})
		}
	}
	return out, nil
}

// Neighbours returns the distinct nodes at the other end of id's edges of
// the given types and direction, best supported first.
func (l *Loaders) Neighbours(ctx context.Context, id string, dir kg.Direction, types ...kg.RelType) ([]model.Node, error) {
	links, err := l.Links(ctx, id, dir, types...)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	out := make([]model.Node, 0, len(links))
	for _, lk := range links {
		if nid := lk.Other.Stored().ID; !seen[nid] {
			seen[nid] = true
			out = append(out, lk.Other)
		}
	}
	return out, nil
}

// otherEnd is the end of e that is not id; a self-loop returns id.
func otherEnd(e *kg.Edge, id string) string {
	if e.Source == id {
		return e.Target
	}
	return e.Source
}
