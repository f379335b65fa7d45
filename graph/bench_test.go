package graph_test

import (
	"context"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/kg"
)

// writers runs a benchmark with the direct writer (flat.go) and with
// gqlgen alone, so the two can be compared under the same conditions.
func writers(b *testing.B, run func(b *testing.B, opts ...envOption)) {
	b.Run("flat", func(b *testing.B) { run(b) })
	b.Run("gqlgen", func(b *testing.B) {
		run(b, withOptions(func(o *graph.Options) { *o = graph.WithoutFlat(*o) }))
	})
}

// BenchmarkNestedQuery measures the three-level query a dataloader must
// keep to one store call per level, over 200 synthetic companies.
// Run: go test -run '^$' -bench . ./graph/
func BenchmarkNestedQuery(b *testing.B) { writers(b, benchNested) }

func benchNested(b *testing.B, opts ...envOption) {
	e := newEnv(b, append(opts, withStore(func(s kg.Store) kg.Store {
		for _, x := range manyCompanies(200) {
			if _, err := s.Ingest(context.Background(), x); err != nil {
				b.Fatal(err)
			}
		}
		return s
	}))...)
	const q = `query($id: ID!) { node(id: $id) { id name
  relationships(first: 10) { totalCount edges { node { type sourceCount other { id name
    relationships(first: 5) { edges { node { type other { id name
      relationships(first: 5) { edges { node { type other { id name kind } } } } } } } } } } } } } }`
	id := kg.NodeID(kg.KindAgency, "Agency 1")
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			var resp struct {
				Node struct {
					ID, Name      string
					Relationships any
				}
			}
			if err := e.c.Post(q, &resp, client.Var("id", id)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkNeighborhood measures neighborhood(depth: 2) as a client
// draws it.
func BenchmarkNeighborhood(b *testing.B) { writers(b, benchNeighborhood) }

func benchNeighborhood(b *testing.B, opts ...envOption) {
	e := newEnv(b, append(opts, withStore(func(s kg.Store) kg.Store {
		for _, x := range manyCompanies(200) {
			if _, err := s.Ingest(context.Background(), x); err != nil {
				b.Fatal(err)
			}
		}
		return s
	}))...)
	const q = `query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 100) { nodes { id kind label weight } edges { id type source target label } } }`
	id := kg.NodeID(kg.KindCompany, "Company 07")
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			var resp struct{ Neighborhood struct{ Nodes, Edges []any } }
			if err := e.c.Post(q, &resp, client.Var("id", id)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
