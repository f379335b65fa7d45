package neo4jstore

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
	"github.com/newsgraph/newsgraph/store/embedded"
	"github.com/newsgraph/newsgraph/store/storetest"
)

// loadSeeds runs the real loader over the repository's seed documents into
// st, the way the server does at start.
func loadSeeds(t *testing.T, st kg.Store) {
	t.Helper()
	storetest.LoadStories(t, st, filepath.Join("..", "..", "seed", "*.txt"))
}

// TestNeo4jSeedsMatchEmbedded loads the seeds through the loader into the
// embedded store and into Neo4j and compares what both serve: counts,
// every node (name, aliases, documents, mentions) and every edge.
func TestNeo4jSeedsMatchEmbedded(t *testing.T) {
	n4j := wiped(t)
	emb := embedded.OpenMemory()
	defer emb.Close()
	loadSeeds(t, emb)
	loadSeeds(t, n4j)
	ctx := context.Background()

	want, err := emb.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := n4j.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.Documents != want.Documents || len(got.NodesByKind) != len(want.NodesByKind) {
		t.Errorf("Stats: neo4j %+v, embedded %+v", got, want)
	}
	for k, n := range want.NodesByKind {
		if got.NodesByKind[k] != n {
			t.Errorf("%s nodes: neo4j %d, embedded %d", k, got.NodesByKind[k], n)
		}
	}
	for k, n := range want.EdgesByType {
		if got.EdgesByType[k] != n {
			t.Errorf("%s edges: neo4j %d, embedded %d", k, got.EdgesByType[k], n)
		}
	}

	all := func(st kg.Store) []kg.Node {
		var out []kg.Node
		p := kg.Page{First: 100}
		for {
			page, err := st.Entities(ctx, kg.EntityFilter{}, p)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, page.Nodes...)
			if !page.HasNextPage || len(page.Cursors) == 0 {
				return out
			}
			p.After = page.Cursors[len(page.Cursors)-1]
		}
	}
	wantNodes := all(emb)
	if len(wantNodes) < 10 {
		t.Fatalf("the embedded store holds only %d nodes from the seeds", len(wantNodes))
	}
	t.Logf("comparing %d nodes", len(wantNodes))
	ids := make([]string, len(wantNodes))
	for i, n := range wantNodes {
		ids[i] = n.ID
	}
	gotNodes, err := n4j.Nodes(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range wantNodes {
		g := gotNodes[i]
		if g == nil {
			t.Errorf("node %s missing in Neo4j", w.ID)
			continue
		}
		if g.Name != w.Name || !slices.Equal(g.Aliases, w.Aliases) || !slices.Equal(g.Documents, w.Documents) ||
			len(g.Mentions) != len(w.Mentions) || len(g.Facts) != len(w.Facts) || g.FirstSeen != w.FirstSeen {
			t.Errorf("node %s differs:\n neo4j    %+v\n embedded %+v", w.ID, g, w)
		}
	}

	edges, err := emb.EdgesOf(ctx, ids, kg.EdgeFilter{Types: kg.RelTypes, Direction: kg.DirectionOut})
	if err != nil {
		t.Fatal(err)
	}
	gotEdges, err := n4j.EdgesOf(ctx, ids, kg.EdgeFilter{Types: kg.RelTypes, Direction: kg.DirectionOut})
	if err != nil {
		t.Fatal(err)
	}
	for id, es := range edges {
		g := gotEdges[id]
		if len(g) != len(es) {
			t.Errorf("edges out of %s: neo4j %d, embedded %d", id, len(g), len(es))
			continue
		}
		for i := range es {
			if g[i].ID != es[i].ID || g[i].Target != es[i].Target || !slices.Equal(g[i].Documents, es[i].Documents) ||
				len(g[i].Evidence) != len(es[i].Evidence) {
				t.Errorf("edge %s differs:\n neo4j    %+v\n embedded %+v", es[i].ID, g[i], es[i])
			}
		}
	}
}
