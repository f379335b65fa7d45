package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/kg"
	"github.com/newsgraph/newsgraph/store/storetest"
)

// oddText names a node with every character class the writer escapes
// (quote, backslash, control characters) and some it must not touch
// (HTML, non-ASCII), so both writers are compared on them.
const oddText = "Odd \"Quoted\" Co\\Ltd\t\x01 <b>&amp; Ünïcödé \u2028 Corp said it would appeal."

func oddDoc() *kg.Extraction {
	b := newXB(oddText, "Odd", "")
	odd := kg.NodeID(kg.KindCompany, "odd")
	b.node(odd, kg.KindCompany, "Odd \"Quoted\" Co\\Ltd\t\x01 <b>&amp; Ünïcödé \u2028 Corp", "Odd \"Quoted\" Co\\Ltd\t\x01 <b>&amp; Ünïcödé \u2028 Corp")
	b.edge(odd, kg.RelLinkedTo, storetest.Kaspersky, "Odd \"Quoted\"", kg.AttrRole, "a \"role\"\n")
	return b.x
}

// post returns the raw body of one POSTed query.
func post(t *testing.T, h http.Handler, q string, vars map[string]any) []byte {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/query", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w.Body.Bytes()
}

// TestFlatSubgraphsMatchGqlgen compares, byte for byte, the direct
// Subgraph writer with gqlgen's own execution over selections it takes
// (every scalar field, aliases, __typename, reordering) and selections it
// must leave to gqlgen (nested objects, fragments, directives, a key used
// twice, errors).
func TestFlatSubgraphsMatchGqlgen(t *testing.T) {
	seed := withStore(func(s kg.Store) kg.Store {
		if _, err := s.Ingest(context.Background(), oddDoc()); err != nil {
			t.Fatal(err)
		}
		return s
	})
	fast := newEnv(t, seed)
	slow := newEnv(t, seed, withOptions(func(o *graph.Options) { *o = graph.WithoutFlat(*o) }))
	const allNode = `__typename id name kind label weight aliases mentionCount documentCount firstSeen lastSeen`
	const allEdge = `__typename id type source target label weight sourceCount independentSourceCount role`
	sels := []string{
		`nodes { id kind label weight } edges { id type source target label }`,
		`nodes { ` + allNode + ` } edges { ` + allEdge + ` } __typename`,
		`edges { weight w2: weight s: source } nodes { n: name k: kind }`,
		`__typename`,
		`nodes { id }`,
		`edges { id evidence { quote } }`,
		`nodes { id ... on Company { figures { name } } }`,
		`nodes { id name @include(if: $yes) }`,
		`nodes { id } nodes { name }`,
		`nodes { id relationships(first: 2) { totalCount } }`,
		`nodes { id mentions(first: 1) { quote } }`,
		`...F`,
	}
	for i, sel := range sels {
		if want := i < 5; graph.FlatPlanFor("Subgraph", sel) != want {
			t.Fatalf("writer takes %q: %v, want %v", sel, !want, want)
		}
	}
	types := `[ISSUED, TARGETS, LINKED_TO, EFFECTIVE_ON, MENTIONS, PUBLISHED_ON, HEADS, MEMBER_OF, LOCATED_IN]`
	roots := []string{
		`neighborhood(id: $id, depth: 2, limit: 100, types: ` + types + `)`,
		`neighborhood(id: $id)`,
		`nb: neighborhood(id: $id, depth: 3)`,
		`path(from: $id, to: "` + storetest.Raimondo + `")`,
		`path(from: $id, to: "` + storetest.Paris + `", maxLength: 1)`,
		`neighborhood(id: "company:missing", limit: 1) { __typename } other: neighborhood(id: $id, limit: 2)`,
	}
	ids := []string{storetest.Kaspersky, kg.NodeID(kg.KindCompany, "odd"), storetest.Ban, date0930, d6}
	checked := 0
	for _, root := range roots {
		for _, sel := range sels {
			decl := `$id: ID!`
			if strings.Contains(sel, "$yes") {
				decl += `, $yes: Boolean = true`
			}
			q := `query(` + decl + `) { ` + root + ` { ` + sel + ` } }`
			if strings.Contains(sel, "...F") {
				q += ` fragment F on Subgraph { nodes { id } }`
			}
			for _, id := range ids {
				vars := map[string]any{"id": id}
				got, want := post(t, fast.h, q, vars), post(t, slow.h, q, vars)
				if !bytes.Equal(got, want) {
					t.Fatalf("%s with id %s:\n flat: %s\ngqlgen: %s", q, id, got, want)
				}
				if bytes.Contains(want, []byte(`"nodes":[{`)) {
					checked++
				}
			}
		}
	}
	if checked < 50 {
		t.Fatalf("only %d comparisons had nodes: the fixture does not exercise the writer", checked)
	}
	if !bytes.Contains(post(t, fast.h, `{ neighborhood(id: "`+storetest.Kaspersky+`", types: [LINKED_TO]) { nodes { name } edges { role } } }`, nil), []byte(`\"role\"\n`)) {
		t.Fatal("escaped role missing: the odd edge is not in the compared output")
	}
}

// TestFlatRelationshipsMatchGqlgen does the same for pages of
// relationships, at the root, on nodes, and as the last level of nested
// queries, where the ends of the relationships are read in batches.
func TestFlatRelationshipsMatchGqlgen(t *testing.T) {
	seed := withStore(func(s kg.Store) kg.Store {
		if _, err := s.Ingest(context.Background(), oddDoc()); err != nil {
			t.Fatal(err)
		}
		return s
	})
	fast := newEnv(t, seed)
	slow := newEnv(t, seed, withOptions(func(o *graph.Options) { *o = graph.WithoutFlat(*o) }))
	const allNode = `__typename id name kind label weight aliases mentionCount documentCount firstSeen lastSeen`
	const allRel = `__typename id type direction role modality statement derivation sourceCount independentSourceCount firstSeen lastSeen`
	sels := []string{
		`totalCount edges { node { type other { id name kind } } }`,
		`__typename totalCount pageInfo { __typename hasNextPage endCursor } edges { __typename cursor node { ` + allRel + ` other { ` + allNode + ` } source { id } target { id kind } } } nodes { id o: other { n: name } }`,
		`nodes { type direction } edges { cursor }`,
		`pageInfo { endCursor }`,
		`edges { node { id evidence { quote } } }`,
		`edges { node { id attributes { key value } } }`,
		`edges { node { other { id ... on Company { figures { name } } } } }`,
		`edges { node { other { id relationships(first: 1) { totalCount } } } }`,
		`edges { node { id } } edges { cursor }`,
		`totalCount @include(if: true)`,
	}
	for i, sel := range sels {
		if want := i < 4; graph.FlatPlanFor("RelationshipConnection", sel) != want {
			t.Fatalf("writer takes %q: %v, want %v", sel, !want, want)
		}
	}
	roots := []string{
		`node(id: $id) { id ... on Node { relationships(first: 3) { %s } } }`,
		`node(id: $id) { ... on Node { relationships(direction: IN, types: [TARGETS, ISSUED, LINKED_TO], first: 100) { %s } } }`,
		`node(id: $id) { ... on Node { relationships(first: 2, after: "bad") { %s } } }`,
		`relationships(first: 5) { %s }`,
		`node(id: $id) { ... on Node { relationships(first: 10) { edges { node { other { ... on Node { relationships(first: 5) { edges { node { other { ... on Node { relationships(first: 5) { %s } } } } } } } } } } } } }`,
	}
	ids := []string{storetest.Kaspersky, kg.NodeID(kg.KindCompany, "odd"), storetest.Ban, storetest.Commerce, date0930, d6}
	checked := 0
	for _, root := range roots {
		for _, sel := range sels {
			inner := strings.Replace(root, "%s", sel, 1)
			q := `query($id: ID!) { ` + inner + ` }`
			if !strings.Contains(root, "$id") {
				q = `{ ` + inner + ` }`
			}
			for _, id := range ids {
				vars := map[string]any{"id": id}
				if !strings.Contains(root, "$id") {
					vars = nil
				}
				got, want := post(t, fast.h, q, vars), post(t, slow.h, q, vars)
				if !bytes.Equal(got, want) {
					t.Fatalf("%s with id %s:\n  flat: %s\ngqlgen: %s", q, id, got, want)
				}
				if bytes.Contains(want, []byte(`"totalCount":`)) && !bytes.Contains(want, []byte(`"errors"`)) {
					checked++
				}
			}
		}
	}
	if checked < 60 {
		t.Fatalf("only %d comparisons had pages: the fixture does not exercise the writer", checked)
	}
}
