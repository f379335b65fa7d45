package graph

import (
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// WithoutFlat returns o with the direct Subgraph writer off, so
// tests can compare its output with gqlgen's.
func WithoutFlat(o Options) Options {
	o.noFlat = true
	return o
}

// WithGqlgenPOST returns o serving POST through gqlgen's own transport,
// the reference the project's POST transport is compared with.
func WithGqlgenPOST(o Options) Options {
	o.gqlgenPOST = true
	return o
}

// FlatPlanFor reports whether the direct writer takes a field of type typ
// with selection sel (the inside of its braces).
func FlatPlanFor(typ, sel string) bool {
	doc, err := parser.ParseQuery(&ast.Source{Input: "{ f { " + sel + " } }"})
	if err != nil {
		panic(err)
	}
	return compile(doc.Operations[0].SelectionSet[0].(*ast.Field).SelectionSet, typ) != nil
}

// FlatFields lists the fields the direct writer knows on type typ, with
// the object type of each ("" for scalars), for generated selections.
func FlatFields(typ string) map[string]string { return flatTypes[typ] }
