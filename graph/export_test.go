package graph

import (
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// WithoutFlatSubgraphs returns o with the direct Subgraph writer off, so
// tests can compare its output with gqlgen's.
func WithoutFlatSubgraphs(o Options) Options {
	o.noFlatSubgraphs = true
	return o
}

// FlatPlanFor reports whether the direct writer takes a Subgraph field
// with selection sel (the inside of its braces).
func FlatPlanFor(sel string) bool {
	doc, err := parser.ParseQuery(&ast.Source{Input: "{ f { " + sel + " } }"})
	if err != nil {
		panic(err)
	}
	return compileSubgraph(doc.Operations[0].SelectionSet[0].(*ast.Field).SelectionSet) != nil
}
