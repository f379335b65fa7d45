package embedded

import (
	"context"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

// The mid-size graph for the nested-walk benchmarks: a fifth of the
// scale pool, so it builds in seconds, with hubs of hundreds of edges.
var mid = synth{pool: 20_000, perDoc: 12, edgesPerDoc: 40}

const midDocs = 8_000

// midGraph builds the mid-size graph once per test binary and returns it
// with the roots of the nested walks.
var midGraph = sync.OnceValues(func() (*Store, []string) {
	var roots []string
	s := mid.store(midDocs)
	// Roots as a nested query meets them: mostly ordinary entities,
	// every fifth a hub.
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 500 {
		n := r.IntN(mid.pool)
		if i%5 == 0 {
			n = r.IntN(mid.pool / 100)
		}
		k, name := mid.entity(n)
		roots = append(roots, kg.NodeID(k, name))
	}
	return s, roots
})

// levelEdges reads one level of a nested walk: the shown edges of every
// node, either through a window or by keeping the first of all its edges.
type levelEdges func(ctx context.Context, s *Store, ids []string, keep int) (map[string][]*kg.Edge, error)

func allThenKeep(ctx context.Context, s *Store, ids []string, keep int) (map[string][]*kg.Edge, error) {
	m, err := s.EdgesOf(ctx, ids, kg.EdgeFilter{})
	out := make(map[string][]*kg.Edge, len(m))
	for id, es := range m {
		out[id] = kg.Refs(es[:min(keep, len(es))])
	}
	return out, err
}

func windowed(ctx context.Context, s *Store, ids []string, keep int) (map[string][]*kg.Edge, error) {
	m, err := s.EdgePages(ctx, ids, kg.EdgeFilter{}, kg.EdgeWindow{First: keep})
	out := make(map[string][]*kg.Edge, len(m))
	for id, p := range m {
		out[id] = p.Edges
	}
	return out, err
}

// nestedWalk is the store's share of the three-level nested query: per
// level one edge read and one node read, 10, 5 and 5 edges per node.
func nestedWalk(ctx context.Context, s *Store, root string, read levelEdges) (int, error) {
	level, shown := []string{root}, 0
	for _, keep := range []int{10, 5, 5} {
		m, err := read(ctx, s, level, keep)
		if err != nil {
			return 0, err
		}
		var next []string
		for _, id := range level {
			for _, e := range m[id] {
				other := e.Target
				if other == id {
					other = e.Source
				}
				next = append(next, other)
			}
		}
		if _, err := s.Nodes(ctx, next); err != nil {
			return 0, err
		}
		shown += len(next)
		level = next
	}
	return shown, nil
}

// benchNested reports, besides ns/op, the calling thread's CPU time per
// walk and its percentiles: on a shared machine wall time includes the
// wait for a CPU.
func benchNested(b *testing.B, read levelEdges) {
	s, roots := midGraph()
	ctx := context.Background()
	_, cpu := timeEach(b, func(i int) error {
		_, err := nestedWalk(ctx, s, roots[i%len(roots)], read)
		return err
	})
	cpuTimes(b, cpu)
}

// BenchmarkNestedAllEdges is the walk as it was: every edge of every node
// read, then all but the first few dropped.
func BenchmarkNestedAllEdges(b *testing.B) { benchNested(b, allThenKeep) }

// BenchmarkNestedWindow is the walk through EdgePages windows.
func BenchmarkNestedWindow(b *testing.B) { benchNested(b, windowed) }

// TestNestedWindowMatchesAllEdges checks that both walks show the same
// edges on a small graph, so the benchmarks compare equal work.
func TestNestedWindowMatchesAllEdges(t *testing.T) {
	small := synth{pool: 2000, perDoc: 12, edgesPerDoc: 40}
	s := OpenMemory()
	ctx := context.Background()
	for d := range 400 {
		if _, err := s.Ingest(ctx, small.doc(d)); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 40 {
		k, name := small.entity(i * 7)
		root := kg.NodeID(k, name)
		a, err := nestedWalk(ctx, s, root, allThenKeep)
		if err != nil {
			t.Fatal(err)
		}
		w, err := nestedWalk(ctx, s, root, windowed)
		if err != nil {
			t.Fatal(err)
		}
		if a != w {
			t.Errorf("root %s: %d ends shown reading all edges, %d through windows", root, a, w)
		}
	}
}
