package graph

import (
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

func TestVariesWithVariables(t *testing.T) {
	tests := []struct {
		name, doc string
		want      bool
	}{
		{"literals only", `query($id: ID!) { node(id: $id) { id } entities(first: 5) { totalCount } }`, false},
		{"page size by variable", `query($n: Int) { entities(first: $n) { totalCount } }`, true},
		{"limit by variable, nested", `query($n: Int) { node(id: "x") { id ... on Order { issuedBy { id } } } neighborhood(id: "x", limit: $n) { nodes { id } } }`, true},
		{"maxLength by variable", `query($n: Int) { path(from: "a", to: "b", maxLength: $n) { nodes { id } } }`, true},
		{"directive by variable (gqlgen counts skipped fields anyway; kept conservative)", `query($b: Boolean!) { stats @skip(if: $b) { nodes } }`, true},
		{"in a fragment", `query($n: Int) { ...F } fragment F on Query { entities(first: $n) { totalCount } }`, true},
		{"fragment of literals, spread twice", `query { ...F ...F } fragment F on Query { entities(first: 3) { totalCount } }`, false},
		{"variable elsewhere in an object", `query($q: String) { entities(where: { nameContains: $q }, first: 3) { totalCount } }`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parser.ParseQuery(&ast.Source{Input: tt.doc})
			if err != nil {
				t.Fatal(err)
			}
			if got := variesWithVariables(doc.Operations[0].SelectionSet, doc.Fragments, map[string]bool{}); got != tt.want {
				t.Fatalf("variesWithVariables = %v, want %v", got, tt.want)
			}
		})
	}
}
