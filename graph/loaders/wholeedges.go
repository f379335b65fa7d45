package loaders

import (
	"context"
	"slices"

	"github.com/newsgraph/newsgraph/kg"
)

// edgeKey names a stored edge by what reads it back: its source and type
// (an EdgesOf call from the source, OUT) and its ID.
type edgeKey struct {
	Source string
	Type   kg.RelType
	ID     string
}

// fetchWholeEdges reads the whole edges for keys in one EdgesOf call
// from their sources, outgoing, restricted to their types, and picks the
// asked ones by ID; nil where an edge is no longer stored.
func (l *Loaders) fetchWholeEdges(ctx context.Context, keys []edgeKey) ([]*kg.Edge, error) {
	var sources []string
	var types []kg.RelType
	for _, k := range keys {
		if !slices.Contains(sources, k.Source) {
			sources = append(sources, k.Source)
		}
		if !slices.Contains(types, k.Type) {
			types = append(types, k.Type)
		}
	}
	got, err := l.store.EdgesOf(ctx, sources, kg.EdgeFilter{Direction: kg.DirectionOut, Types: types})
	if err != nil {
		return nil, err
	}
	byID := map[string]*kg.Edge{}
	for _, src := range sources {
		es := got[src]
		for i := range es {
			byID[es[i].ID] = &es[i]
		}
	}
	out := make([]*kg.Edge, len(keys))
	for i, k := range keys {
		out[i] = byID[k.ID]
	}
	return out, nil
}

// WholeEdge returns e itself, or, when e is a summary (a graph answer's
// edge, see kg.Store), the whole stored edge with its evidence, documents
// and clusters, read through the request's loader so that the edges of
// one answer that ask are read in one batch. nil when the edge is no
// longer stored.
func (l *Loaders) WholeEdge(ctx context.Context, e *kg.Edge) (*kg.Edge, error) {
	if !e.Summary {
		return e, nil
	}
	es, err := l.wholeEdges.LoadMany(ctx, []edgeKey{{Source: e.Source, Type: e.Type, ID: e.ID}})
	if err != nil {
		return nil, err
	}
	return es[0], nil
}
