package bench

import (
	"context"
	"fmt"

	"github.com/newsgraph/newsgraph/kg"
)

// StoreOp is a question asked of the store directly.
type StoreOp struct {
	Name string
	Do   func(ctx context.Context, i int) error
}

// StoreOps asks the store the questions of s without GraphQL or HTTP: the
// floor under each GraphQL figure, so a report shows which layer the time
// goes to. The nested operation makes the calls an ideal dataloader would:
// one EdgePages window and one Summaries per level (a list's nodes are
// summaries, see kg.Store).
func StoreOps(st kg.Store, s Sample) []StoreOp {
	return []StoreOp{
		{Name: "store " + OpSearch, Do: func(ctx context.Context, i int) error {
			_, err := st.Search(ctx, kg.SearchQuery{Text: s.Terms[i%len(s.Terms)], First: 10})
			return err
		}},
		{Name: "store " + OpNeighborhood, Do: func(ctx context.Context, i int) error {
			g, err := st.Neighborhood(ctx, kg.NeighborhoodQuery{ID: s.Centres[i%len(s.Centres)], Depth: 2, Limit: 100})
			if err == nil && len(g.Nodes) == 0 {
				err = fmt.Errorf("empty neighbourhood of %s", s.Centres[i%len(s.Centres)])
			}
			return err
		}},
		{Name: "store " + OpPath, Do: func(ctx context.Context, i int) error {
			p := s.Pairs[i%len(s.Pairs)]
			path, err := st.ShortestPath(ctx, p[0], p[1], 4)
			if err == nil && path == nil {
				err = fmt.Errorf("no path from %s to %s", p[0], p[1])
			}
			return err
		}},
		{Name: "store " + OpNested, Do: func(ctx context.Context, i int) error {
			return nested(ctx, st, s.Roots[i%len(s.Roots)], []int{10, 5, 5})
		}},
	}
}

// nested walks len(fanout) levels of relationships from root, showing
// fanout[l] relationships per node at level l, with one EdgePages and one
// Summaries call per level: the window and the total are what a
// relationships(first: n) { totalCount ... } page asks for.
func nested(ctx context.Context, st kg.Store, root string, fanout []int) error {
	level := []string{root}
	for _, keep := range fanout {
		pages, err := st.EdgePages(ctx, level, kg.EdgeFilter{}, kg.EdgeWindow{First: keep})
		if err != nil {
			return err
		}
		var next []string
		for _, id := range level {
			for _, e := range pages[id].Edges {
				other := e.Target
				if other == id {
					other = e.Source
				}
				next = append(next, other)
			}
		}
		if _, err := st.Summaries(ctx, next); err != nil {
			return err
		}
		level = next
	}
	return nil
}

// MeasureStore drives op under load, like Measure does a GraphQL Op.
func MeasureStore(ctx context.Context, op StoreOp, load Workload) Result {
	return Drive(ctx, op.Name, load, func() func(i int) error {
		return func(i int) error { return op.Do(ctx, i) }
	})
}
