package graph_test

import (
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/newsgraph/newsgraph/graph"
)

// The limit holds on every request of a document, whatever was computed
// for it before: a page size given by a variable changes the cost per
// request, and a document whose cost is remembered is refused each time.
func TestComplexityLimitPerRequest(t *testing.T) {
	tight := newEnv(t, withOptions(func(o *graph.Options) { o.MaxComplexity = 500 }))
	byVariable := `query($n: Int) { entities(first: $n) { nodes { relationships(first: $n) { nodes { other { id } } } } } }`
	var ok struct{ Entities struct{ Nodes []any } }
	tight.query(t, byVariable, &ok, client.Var("n", 2))
	tight.wantCode(t, byVariable, graph.CodeComplexityLimit, client.Var("n", 50))
	tight.query(t, byVariable, &ok, client.Var("n", 2))

	literal := `query($id: ID!) { entities(first: 50) { nodes { relationships(first: 50) { nodes { other { id } } } } } node(id: $id) { id } }`
	for range 3 {
		tight.wantCode(t, literal, graph.CodeComplexityLimit, client.Var("id", "order:x"))
	}
}
