package graph_test

import (
	"reflect"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/newsgraph/newsgraph/store/storetest"
)

// shownEdge is what a drawing and its detail panel read from an edge.
type shownEdge struct {
	ID                     string
	Type                   string
	Source                 string
	SourceCount            int
	IndependentSourceCount int
	Evidence               []struct{ Quote string }
}

const (
	shownEdgeFields = `type source ` + shownEdgeCounts
	shownEdgeCounts = `id sourceCount independentSourceCount evidence(first: 100) { quote }`
)

// TestGraphAnswersShowWholeEdges checks that the edges of a neighbourhood
// and of paths, which the store returns as summaries, answer their counts
// and evidence exactly as the whole edge read from its source's
// relationships does, and that the evidence of one answer's edges is
// read in one batched EdgesOf call.
func TestGraphAnswersShowWholeEdges(t *testing.T) {
	var cs *countingStore
	e := newEnv(t, withCounted(&cs))
	var resp struct {
		Neighborhood struct{ Edges []shownEdge }
		Path         *struct{ Edges []shownEdge }
		Paths        []struct{ Edges []shownEdge }
	}
	e.query(t, `query($id: ID!, $to: ID!) {
		neighborhood(id: $id, depth: 2) { edges { `+shownEdgeFields+` } }
		path(from: $id, to: $to) { edges { `+shownEdgeFields+` } }
		paths(from: $id, to: $to) { edges { `+shownEdgeFields+` } } }`,
		&resp, client.Var("id", storetest.Commerce), client.Var("to", storetest.Raimondo))
	if resp.Path == nil || len(resp.Paths) == 0 || len(resp.Neighborhood.Edges) < 2 || len(resp.Path.Edges) == 0 {
		t.Fatalf("neighborhood %d edges, path %v, %d paths", len(resp.Neighborhood.Edges), resp.Path, len(resp.Paths))
	}
	if n := cs.snapshot()["EdgesOf"]; n < 1 || n > 3 {
		t.Errorf("the edges' evidence took %d EdgesOf calls, want one per answer", n)
	}
	all := append(resp.Neighborhood.Edges, resp.Path.Edges...)
	for _, p := range resp.Paths {
		all = append(all, p.Edges...)
	}
	quoted := false
	for _, got := range all {
		var one struct {
			Node struct {
				Relationships struct{ Nodes []shownEdge }
			}
		}
		e.query(t, `query($id: ID!, $type: RelationshipType!) { node(id: $id) {
			relationships(direction: OUT, types: [$type], first: 100) { nodes { `+shownEdgeCounts+` } } } }`,
			&one, client.Var("id", got.Source), client.Var("type", got.Type))
		var want *shownEdge
		for i, r := range one.Node.Relationships.Nodes {
			if r.ID == got.ID {
				want = &one.Node.Relationships.Nodes[i]
				want.Source, want.Type = got.Source, got.Type
			}
		}
		if want == nil {
			t.Errorf("edge %s of a graph answer is not among its source's relationships", got.ID)
			continue
		}
		if !reflect.DeepEqual(got, *want) {
			t.Errorf("edge %s in a graph answer:\n got %+v\nwant %+v", got.ID, got, *want)
		}
		if got.SourceCount == 0 || got.IndependentSourceCount == 0 || got.IndependentSourceCount > got.SourceCount {
			t.Errorf("edge %s: %d sources, %d independent", got.ID, got.SourceCount, got.IndependentSourceCount)
		}
		quoted = quoted || len(got.Evidence) > 0
	}
	if !quoted {
		t.Fatal("no edge in the answers has evidence")
	}
}
