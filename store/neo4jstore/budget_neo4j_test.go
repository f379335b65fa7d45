package neo4jstore

import (
	"context"
	"fmt"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

// hubExtraction is one document naming a hub company that owns fanout
// subsidiaries, each located in its own city: three levels of nodes.
func hubExtraction(fanout int) *kg.Extraction {
	text := fmt.Sprintf("Hub Corp owns %d companies.", fanout)
	doc := kg.Document{ID: kg.DocumentID(text), Text: text, PublishedAt: "2024-06-21"}
	doc.Cluster = doc.ID
	x := &kg.Extraction{Document: doc}
	node := func(k kg.Kind, name string) kg.Node {
		return kg.Node{ID: kg.NodeID(k, name), Kind: k, Name: name, Documents: []string{doc.ID},
			Mentions: []kg.Evidence{{DocumentID: doc.ID, Start: 0, End: 3, Quote: "Hub"}}}
	}
	edge := func(src string, t kg.RelType, dst string) kg.Edge {
		return kg.Edge{ID: kg.EdgeID(src, t, dst, ""), Type: t, Source: src, Target: dst,
			Evidence:  []kg.Evidence{{DocumentID: doc.ID, Start: 0, End: 3, Quote: "Hub"}},
			Documents: []string{doc.ID}, Clusters: []string{doc.ID}}
	}
	hub := node(kg.KindCompany, "Hub Corp")
	x.Nodes = append(x.Nodes, hub)
	for i := 0; i < fanout; i++ {
		sub := node(kg.KindCompany, fmt.Sprintf("Sub %d", i))
		city := node(kg.KindLocation, fmt.Sprintf("City %d", i))
		x.Nodes = append(x.Nodes, sub, city)
		x.Edges = append(x.Edges, edge(sub.ID, kg.RelSubsidiaryOf, hub.ID), edge(sub.ID, kg.RelLocatedIn, city.ID))
	}
	return x
}

// TestNeo4jRoundTripBudget walks hub -> subsidiaries -> their cities the
// way the GraphQL dataloaders do (one batched call per level) and asserts
// the Cypher round trips: one per level, whatever the fan-out.
func TestNeo4jRoundTripBudget(t *testing.T) {
	s := wiped(t)
	ctx := context.Background()
	for _, fanout := range []int{3, 60} {
		x := hubExtraction(fanout)
		if _, err := s.Ingest(ctx, x); err != nil {
			t.Fatal(err)
		}
		hub := x.Nodes[0].ID
		before := s.RoundTrips()

		// Level 1: the hub and its edges.
		nodes, err := s.Nodes(ctx, []string{hub})
		if err != nil || nodes[0] == nil {
			t.Fatalf("Nodes: %v %v", nodes, err)
		}
		lvl1, err := s.EdgesOf(ctx, []string{hub}, kg.EdgeFilter{Direction: kg.DirectionIn, Types: []kg.RelType{kg.RelSubsidiaryOf}})
		if err != nil {
			t.Fatal(err)
		}
		var subs []string
		for _, e := range lvl1[hub] {
			subs = append(subs, e.Source)
		}
		// Level 2: every subsidiary and its edges, batched.
		if _, err := s.Nodes(ctx, subs); err != nil {
			t.Fatal(err)
		}
		lvl2, err := s.EdgesOf(ctx, subs, kg.EdgeFilter{Direction: kg.DirectionOut, Types: []kg.RelType{kg.RelLocatedIn}})
		if err != nil {
			t.Fatal(err)
		}
		var cities []string
		for _, es := range lvl2 {
			for _, e := range es {
				cities = append(cities, e.Target)
			}
		}
		// Level 3: every city, batched.
		got, err := s.Nodes(ctx, cities)
		if err != nil {
			t.Fatal(err)
		}
		trips := s.RoundTrips() - before
		t.Logf("fan-out %d: %d subsidiaries, %d cities, %d round trips for 3 levels", fanout, len(subs), len(got), trips)
		if len(subs) != fanout || len(cities) != fanout {
			t.Fatalf("walked %d subsidiaries and %d cities, want %d each", len(subs), len(cities), fanout)
		}
		// Two batched calls per level (the nodes, then their edges), never per node.
		if trips != 5 {
			t.Errorf("3-level walk over %d nodes cost %d round trips, want 5 (Nodes+EdgesOf, Nodes+EdgesOf, Nodes)", 1+2*fanout, trips)
		}
	}
}
