package graph_test

import (
	"reflect"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/newsgraph/newsgraph/store/storetest"
)

// shownNode is what a drawing and its detail panel read from a node.
type shownNode struct {
	ID            string
	Weight        int
	MentionCount  int
	DocumentCount int
	Mentions      []struct{ Quote string }
	Documents     []struct{ ID string }
}

const shownFields = `id weight mentionCount documentCount mentions(first: 100) { quote } documents(first: 100) { id }`

// TestGraphAnswersShowWholeNodes checks that the nodes of a neighbourhood
// and of paths, which the store returns as summaries, answer their
// counts, mentions and documents exactly as node(id) does, and that the
// lists of one answer's nodes are read in one batched Nodes call.
func TestGraphAnswersShowWholeNodes(t *testing.T) {
	var cs *countingStore
	e := newEnv(t, withCounted(&cs))
	var resp struct {
		Neighborhood struct{ Nodes []shownNode }
		Path         *struct{ Nodes []shownNode }
		Paths        []struct{ Nodes []shownNode }
	}
	e.query(t, `query($id: ID!, $to: ID!) {
		neighborhood(id: $id, depth: 2) { nodes { `+shownFields+` } }
		path(from: $id, to: $to) { nodes { `+shownFields+` } }
		paths(from: $id, to: $to) { nodes { `+shownFields+` } } }`,
		&resp, client.Var("id", storetest.Commerce), client.Var("to", storetest.Raimondo))
	if resp.Path == nil || len(resp.Paths) == 0 || len(resp.Neighborhood.Nodes) < 2 {
		t.Fatalf("neighborhood %d nodes, path %v, %d paths", len(resp.Neighborhood.Nodes), resp.Path, len(resp.Paths))
	}
	if n := cs.snapshot()["Nodes"]; n > 3 {
		t.Errorf("the nodes' lists took %d Nodes calls, want at most one per answer", n)
	}
	listed := false
	all := append(resp.Neighborhood.Nodes, resp.Path.Nodes...)
	for _, p := range resp.Paths {
		all = append(all, p.Nodes...)
	}
	for _, n := range all {
		var one struct{ Node shownNode }
		e.query(t, `query($id: ID!) { node(id: $id) { `+shownFields+` } }`, &one, client.Var("id", n.ID))
		if !reflect.DeepEqual(n, one.Node) {
			t.Errorf("node %s in a graph answer:\n got %+v\nwant %+v", n.ID, n, one.Node)
		}
		if n.MentionCount != len(n.Mentions) || n.DocumentCount != len(n.Documents) || n.Weight != n.DocumentCount {
			t.Errorf("node %s: counts %d mentions, %d documents, weight %d; lists %d, %d", n.ID,
				n.MentionCount, n.DocumentCount, n.Weight, len(n.Mentions), len(n.Documents))
		}
		listed = listed || (len(n.Mentions) > 0 && len(n.Documents) > 0)
	}
	if !listed {
		t.Fatal("no node in the answers has mentions and documents")
	}
}
