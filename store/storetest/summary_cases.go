package storetest

import (
	"reflect"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

// The summary rule of kg.Store: the nodes and edges of graph answers
// (Neighborhood, ShortestPath, Paths) are summaries, every other answer's
// nodes and edges are whole, and both carry counts that match the stored
// lists.

// testNeighborhoodSummaries checks that a neighbourhood's nodes are the
// summaries of the stored nodes.
func testNeighborhoodSummaries(t *testing.T, s *suite) {
	st := s.seeded(t)
	sg, err := st.Neighborhood(bg, kg.NeighborhoodQuery{ID: Commerce, Depth: 2})
	if err != nil || sg == nil {
		t.Fatalf("Neighborhood: %v, %v", sg, err)
	}
	checkSummaries(t, st, "Neighborhood", sg.Nodes)
	checkEdgeSummaries(t, st, "Neighborhood", sg.Edges)
}

// testPathSummaries checks that the nodes of ShortestPath and Paths are
// the summaries of the stored nodes.
func testPathSummaries(t *testing.T, s *suite) {
	st := s.seeded(t)
	p, err := st.ShortestPath(bg, Commerce, Raimondo, 4)
	if err != nil || p == nil {
		t.Fatalf("ShortestPath: %v, %v", p, err)
	}
	checkSummaries(t, st, "ShortestPath", p.Nodes)
	checkEdgeSummaries(t, st, "ShortestPath", p.Edges)
	ps, err := st.Paths(bg, kg.PathsQuery{From: Commerce, To: Kaspersky, MaxLength: 3})
	if err != nil || len(ps) == 0 {
		t.Fatalf("Paths: %d paths, %v", len(ps), err)
	}
	var all []*kg.Node
	var edges []*kg.Edge
	for _, p := range ps {
		all = append(all, p.Nodes...)
		edges = append(edges, p.Edges...)
	}
	checkSummaries(t, st, "Paths", all)
	checkEdgeSummaries(t, st, "Paths", edges)
}

// checkSummaries checks that each of got is exactly the summary of the
// node Nodes returns, and that at least one has mentions and documents to
// leave out, so the check can fail.
func checkSummaries(t *testing.T, st kg.Store, what string, got []*kg.Node) {
	t.Helper()
	ids := make([]string, len(got))
	for i, n := range got {
		ids[i] = n.ID
	}
	whole, err := st.Nodes(bg, ids)
	if err != nil {
		t.Fatalf("Nodes: %v", err)
	}
	counted := false
	for i, n := range got {
		if whole[i] == nil {
			t.Errorf("%s: node %s is not stored", what, ids[i])
			continue
		}
		if !n.Summary || n.Mentions != nil || n.Documents != nil {
			t.Errorf("%s: node %s is not a summary: Summary=%v, %d mentions, %d documents", what, n.ID, n.Summary, len(n.Mentions), len(n.Documents))
		}
		if want := whole[i].Summarized(); !reflect.DeepEqual(*n, want) {
			t.Errorf("%s: node %s:\n got %s\nwant the summary %s", what, n.ID, brief(n), brief(want))
		}
		if n.MentionCount != len(whole[i].Mentions) || n.DocumentCount != len(whole[i].Documents) {
			t.Errorf("%s: node %s counts %d mentions, %d documents; stored %d, %d", what, n.ID,
				n.MentionCount, n.DocumentCount, len(whole[i].Mentions), len(whole[i].Documents))
		}
		if n.NumMentions() != len(whole[i].Mentions) || n.NumDocuments() != len(whole[i].Documents) {
			t.Errorf("%s: node %s NumMentions/NumDocuments %d, %d; stored %d, %d", what, n.ID,
				n.NumMentions(), n.NumDocuments(), len(whole[i].Mentions), len(whole[i].Documents))
		}
		counted = counted || (n.MentionCount > 0 && n.DocumentCount > 0)
	}
	if !counted {
		t.Errorf("%s: no node with mentions and documents among %v", what, ids)
	}
}

// testWholeNodes checks that the answers that are not graph answers carry
// whole nodes with their counts set.
func testWholeNodes(t *testing.T, s *suite) {
	st := s.seeded(t)
	check := func(what string, n *kg.Node) {
		t.Helper()
		if n.Summary {
			t.Errorf("%s: node %s is a summary", what, n.ID)
		}
		if n.MentionCount != len(n.Mentions) || n.DocumentCount != len(n.Documents) {
			t.Errorf("%s: node %s counts %d mentions, %d documents; has %d, %d", what, n.ID,
				n.MentionCount, n.DocumentCount, len(n.Mentions), len(n.Documents))
		}
	}
	ns, err := st.Nodes(bg, []string{Commerce, Kaspersky, Raimondo, D1})
	if err != nil {
		t.Fatal(err)
	}
	mentioned := false
	for _, n := range ns {
		check("Nodes", n)
		mentioned = mentioned || len(n.Mentions) > 0
	}
	if !mentioned {
		t.Fatal("Nodes: no node has mentions, so the counts are not checked")
	}
	found, err := st.Lookup(bg, "", "Kaspersky")
	if err != nil || len(found) == 0 {
		t.Fatalf("Lookup: %d nodes, %v", len(found), err)
	}
	for i := range found {
		check("Lookup", &found[i])
	}
	page, err := st.Entities(bg, kg.EntityFilter{}, kg.Page{First: 50})
	if err != nil || len(page.Nodes) == 0 {
		t.Fatalf("Entities: %d nodes, %v", len(page.Nodes), err)
	}
	for i := range page.Nodes {
		check("Entities", &page.Nodes[i])
	}
	items, err := st.Timeline(bg, kg.TimelineQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range items {
		check("Timeline subject", &items[i].Subject)
		check("Timeline date", &items[i].Date)
		checkWholeEdge(t, "Timeline", &items[i].Edge)
	}
	of, err := st.EdgesOf(bg, []string{Commerce, Kaspersky}, kg.EdgeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	quoted := false
	for _, es := range of {
		for i := range es {
			checkWholeEdge(t, "EdgesOf", &es[i])
			quoted = quoted || len(es[i].Evidence) > 0
		}
	}
	if !quoted {
		t.Fatal("EdgesOf: no edge has evidence, so the counts are not checked")
	}
	pages, err := st.EdgePages(bg, []string{Commerce}, kg.EdgeFilter{}, kg.EdgeWindow{First: 5})
	if err != nil {
		t.Fatal(err)
	}
	for _, pg := range pages {
		for _, e := range pg.Edges {
			checkWholeEdge(t, "EdgePages", e)
		}
	}
	ep, err := st.Edges(bg, kg.EdgeQuery{}, kg.Page{First: 50})
	if err != nil || len(ep.Edges) == 0 {
		t.Fatalf("Edges: %d edges, %v", len(ep.Edges), err)
	}
	for i := range ep.Edges {
		checkWholeEdge(t, "Edges", &ep.Edges[i])
	}
}

// checkWholeEdge checks that e is whole, its counts those of its lists.
func checkWholeEdge(t *testing.T, what string, e *kg.Edge) {
	t.Helper()
	if e.Summary {
		t.Errorf("%s: edge %s is a summary", what, e.ID)
	}
	if e.EvidenceCount != len(e.Evidence) || e.DocumentCount != len(e.Documents) || e.ClusterCount != len(e.Clusters) {
		t.Errorf("%s: edge %s counts %d evidence, %d documents, %d clusters; has %d, %d, %d", what, e.ID,
			e.EvidenceCount, e.DocumentCount, e.ClusterCount, len(e.Evidence), len(e.Documents), len(e.Clusters))
	}
}

// checkEdgeSummaries checks that each of got is exactly the summary of
// the whole edge EdgesOf returns from its source, and that at least one
// has evidence, documents and clusters to leave out, so the check can
// fail.
func checkEdgeSummaries(t *testing.T, st kg.Store, what string, got []*kg.Edge) {
	t.Helper()
	if len(got) == 0 {
		t.Fatalf("%s: no edges", what)
	}
	counted := false
	for _, e := range got {
		of, err := st.EdgesOf(bg, []string{e.Source}, kg.EdgeFilter{Direction: kg.DirectionOut, Types: []kg.RelType{e.Type}})
		if err != nil {
			t.Fatalf("EdgesOf: %v", err)
		}
		var whole *kg.Edge
		for i := range of[e.Source] {
			if of[e.Source][i].ID == e.ID {
				whole = &of[e.Source][i]
			}
		}
		if whole == nil {
			t.Errorf("%s: edge %s is not stored", what, e.ID)
			continue
		}
		if !e.Summary || e.Evidence != nil || e.Documents != nil || e.Clusters != nil {
			t.Errorf("%s: edge %s is not a summary: Summary=%v, %d evidence, %d documents, %d clusters", what, e.ID,
				e.Summary, len(e.Evidence), len(e.Documents), len(e.Clusters))
		}
		if want := whole.Summarized(); !reflect.DeepEqual(*e, want) {
			t.Errorf("%s: edge %s:\n got %+v\nwant the summary %+v", what, e.ID, *e, want)
		}
		if e.NumEvidence() != len(whole.Evidence) || e.SourceCount() != len(whole.Documents) || e.IndependentCount() != len(whole.Clusters) {
			t.Errorf("%s: edge %s counts %d evidence, %d sources, %d independent; stored %d, %d, %d", what, e.ID,
				e.NumEvidence(), e.SourceCount(), e.IndependentCount(), len(whole.Evidence), len(whole.Documents), len(whole.Clusters))
		}
		counted = counted || (e.EvidenceCount > 0 && e.DocumentCount > 0 && e.ClusterCount > 0)
	}
	if !counted {
		t.Errorf("%s: no edge with evidence, documents and clusters", what)
	}
}

// testSummaries checks Summaries: in order, nil for unknown IDs, each the
// summary of the node Nodes returns.
func testSummaries(t *testing.T, s *suite) {
	st := s.seeded(t)
	ids := []string{Kaspersky, "company:nope", D1, Commerce, Kaspersky}
	got, err := st.Summaries(bg, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(ids) || got[1] != nil {
		t.Fatalf("Summaries(%v) = %d nodes, unknown %v", ids, len(got), got[1])
	}
	known := []*kg.Node{got[0], got[2], got[3], got[4]}
	for _, n := range known {
		if n == nil {
			t.Fatalf("Summaries(%v): a known node is nil", ids)
		}
	}
	checkSummaries(t, st, "Summaries", known)
}
