package storetest

import (
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

// DirOpener opens (or reopens) the store kept in dir.
type DirOpener func(t *testing.T, dir string) kg.Store

// RunDurable checks that a backend kept in a directory survives Close and
// reopen: acknowledged documents and the merged graph come back unchanged,
// and re-ingesting them is still a no-op.
func RunDurable(t *testing.T, open DirOpener) {
	t.Run("SurvivesReopen", func(t *testing.T) {
		dir := t.TempDir()
		xs := Corpus()
		st := open(t, dir)
		Seed(t, st, xs[0], xs[1])
		before := snapshot(t, st)
		if err := st.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}

		st = open(t, dir)
		after := snapshot(t, st)
		compareSnapshots(t, "after reopen", before, after)
		status, err := st.Ingest(bg, Corpus()[1])
		if err != nil || status.Created {
			t.Errorf("re-ingest after reopen: %+v, %v; want Created=false", status, err)
		}
		Seed(t, st, xs[2], xs[3])
		before = snapshot(t, st)
		if err := st.Close(); err != nil {
			t.Fatalf("second Close: %v", err)
		}

		st = open(t, dir)
		defer st.Close()
		compareSnapshots(t, "after second reopen", before, snapshot(t, st))
		got, err := st.Stats(bg)
		if err != nil {
			t.Fatal(err)
		}
		if want := expectedStats(Base()); !statsEqual(got, want) {
			t.Errorf("Stats after reopen = %+v, want %+v", got, want)
		}
	})
}

// storeSnapshot is what a reopened store must give back.
type storeSnapshot struct {
	stats *kg.Stats
	nodes []*kg.Node
	docs  []*kg.Document
	edges []string
}

var snapshotIDs = []string{Commerce, Kaspersky, Ban, Raimondo, DateEO, D1, D2, D3, D4, Acme}

func snapshot(t *testing.T, st kg.Store) storeSnapshot {
	t.Helper()
	var s storeSnapshot
	var err error
	if s.stats, err = st.Stats(bg); err != nil {
		t.Fatal(err)
	}
	if s.nodes, err = st.Nodes(bg, snapshotIDs); err != nil {
		t.Fatal(err)
	}
	if s.docs, err = st.Documents(bg, []string{D1, D2, D3, D4}); err != nil {
		t.Fatal(err)
	}
	s.edges, _ = allEdgePages(t, st, kg.EdgeQuery{Types: kg.RelTypes}, 1000)
	return s
}

func compareSnapshots(t *testing.T, what string, a, b storeSnapshot) {
	t.Helper()
	if !statsEqual(a.stats, b.stats) {
		t.Errorf("%s: stats %+v, want %+v", what, b.stats, a.stats)
	}
	eqIDs(t, what+": edges", b.edges, a.edges)
	for i := range a.nodes {
		x, y := a.nodes[i], b.nodes[i]
		if (x == nil) != (y == nil) {
			t.Errorf("%s: node %s present %v, want %v", what, snapshotIDs[i], y != nil, x != nil)
			continue
		}
		if x == nil {
			continue
		}
		if x.Name != y.Name || !equalStrings(x.Aliases, y.Aliases) || len(x.Mentions) != len(y.Mentions) ||
			len(x.Facts) != len(y.Facts) || !equalStrings(x.Documents, y.Documents) || x.FirstSeen != y.FirstSeen ||
			x.LastSeen != y.LastSeen || len(x.Attrs) != len(y.Attrs) {
			t.Errorf("%s: node %s = %+v, want %+v", what, x.ID, y, x)
		}
	}
	for i := range a.docs {
		x, y := a.docs[i], b.docs[i]
		if (x == nil) != (y == nil) || x != nil && (x.Text != y.Text || x.Cluster != y.Cluster || x.PublishedAt != y.PublishedAt || !x.IngestedAt.Equal(y.IngestedAt)) {
			t.Errorf("%s: document %d = %+v, want %+v", what, i, y, x)
		}
	}
}
