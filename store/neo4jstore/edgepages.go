package neo4jstore

import (
	"context"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// EdgePages reads one window of edges around each of many nodes in one
// round trip. The server counts and orders each node's matching edges and
// sends only the window, so a hub's other edges never cross the wire.
func (s *Store) EdgePages(ctx context.Context, ids []string, f kg.EdgeFilter, w kg.EdgeWindow) (map[string]kg.EdgeWindowPage, error) {
	out := make(map[string]kg.EdgeWindowPage, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	name, params, err := edgesAround("read_edge_pages_", ids, f)
	if err != nil {
		return nil, err
	}
	params["after"] = w.After
	params["first"] = int64(max(w.First, 0))
	res, err := s.read(ctx, stmt(name), params)
	if err != nil {
		return nil, err
	}
	remaining := map[string]int64{}
	for _, r := range res.Records {
		v, _ := r.Get("around")
		id, _ := v.(string)
		total, _ := r.Get("total")
		rest, _ := r.Get("remaining")
		p := out[id]
		n, _ := total.(int64)
		p.TotalCount = int(n)
		remaining[id], _ = rest.(int64)
		if e, _ := r.Get("r"); e != nil {
			e := edgeFromRecord(r)
			p.Edges = append(p.Edges, &e)
		}
		out[id] = p
	}
	for id, p := range out {
		// The statement returns the window in order; sorting the few
		// edges again costs nothing and does not trust row order.
		slices.SortFunc(p.Edges, func(a, b *kg.Edge) int { return strings.Compare(a.ID, b.ID) })
		p.HasNextPage = remaining[id] > int64(len(p.Edges))
		out[id] = p
	}
	return out, nil
}
