package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"sort"
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

// errorsSorted puts the errors of a response in a fixed order: gqlgen
// reports the errors of sibling fields in the order their goroutines
// finish. Responses without errors are returned as they are.
func errorsSorted(t *testing.T, body []byte) []byte {
	t.Helper()
	if !bytes.Contains(body, []byte(`"errors"`)) {
		return body
	}
	var r struct {
		Errors []json.RawMessage `json:"errors"`
		Data   json.RawMessage   `json:"data"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	sort.Slice(r.Errors, func(i, j int) bool { return string(r.Errors[i]) < string(r.Errors[j]) })
	out, _ := json.Marshal(r)
	return out
}

// flatNodeFields are every scalar field of a node the direct writer takes.
const flatNodeFields = `__typename id name kind label weight aliases mentionCount documentCount firstSeen lastSeen`

// flatAndGqlgen serves the same store (the storetest corpus and the odd
// document, whose strings need escaping) twice: with the direct writer,
// and with gqlgen alone, the reference.
func flatAndGqlgen(t *testing.T) (fast, slow *env) {
	seed := withStore(func(s kg.Store) kg.Store {
		if _, err := s.Ingest(context.Background(), oddDoc()); err != nil {
			t.Fatal(err)
		}
		return s
	})
	return newEnv(t, seed), newEnv(t, seed, withOptions(func(o *graph.Options) { *o = graph.WithoutFlat(*o) }))
}

// TestFlatSubgraphsMatchGqlgen compares, byte for byte, the direct
// Subgraph writer with gqlgen's own execution over selections it takes
// (every scalar field, aliases, __typename, reordering) and selections it
// must leave to gqlgen (nested objects, fragments, directives, a key used
// twice, errors).
func TestFlatSubgraphsMatchGqlgen(t *testing.T) {
	fast, slow := flatAndGqlgen(t)
	const allNode = flatNodeFields
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
		if want := i < 5 || i == 9; graph.FlatPlanFor("Subgraph", sel) != want {
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
				if !bytes.Equal(errorsSorted(t, got), errorsSorted(t, want)) {
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
	fast, slow := flatAndGqlgen(t)
	const allNode = flatNodeFields
	const allRel = `__typename id type direction role modality statement derivation sourceCount independentSourceCount firstSeen lastSeen`
	sels := []string{
		`totalCount edges { node { type other { id name kind } } }`,
		`__typename totalCount pageInfo { __typename hasNextPage endCursor } edges { __typename cursor node { ` + allRel + ` other { ` + allNode + ` } source { id } target { id kind } } } nodes { id o: other { n: name } }`,
		`nodes { type direction } edges { cursor }`,
		`pageInfo { endCursor }`,
		`edges { node { other { id relationships(first: 1) { totalCount } } } }`,
		`edges { node { other { id r: relationships(direction: OUT, types: [TARGETS, EFFECTIVE_ON], minSources: 1, first: 2) { totalCount nodes { type target { id } } pageInfo { hasNextPage endCursor } } } } }`,
		`nodes { source { relationships(types: TARGETS, from: "2024", to: "2024-12") { totalCount } } target { relationships(direction: IN, first: 0) { pageInfo { endCursor } } } }`,
		`edges { node { id evidence { quote } } }`,
		`edges { node { id attributes { key value } } }`,
		`edges { node { other { id ... on Company { figures { name } } } } }`,
		`edges { node { other { relationships(first: 1000) { totalCount } } } }`,
		`edges { node { other { relationships(after: "bogus") { totalCount } } } }`,
		`edges { node { other { relationships(from: "not a date") { totalCount } } } }`,
		`edges { node { id } } edges { cursor }`,
		`totalCount @include(if: true)`,
	}
	for i, sel := range sels {
		if want := i < 7 || i >= len(sels)-5 && i < len(sels)-2; graph.FlatPlanFor("RelationshipConnection", sel) != want {
			t.Fatalf("writer takes %q: %v, want %v", sel, !want, want)
		}
	}
	roots := []string{
		`node(id: $id) { id ... on Node { relationships(first: 3) { %s } } }`,
		`node(id: $id) { ... on Node { relationships(direction: IN, types: [TARGETS, ISSUED, LINKED_TO], first: 100) { %s } } }`,
		`node(id: $id) { ... on Node { relationships(first: 2, after: "bad") { %s } } }`,
		`relationships(first: 5) { %s }`,
		`neighborhood(id: $id) { nodes { id relationships(first: 2) { %s } } }`,
		`search(query: "kaspersky") { node { id relationships { %s } } }`,
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
				if !bytes.Equal(errorsSorted(t, got), errorsSorted(t, want)) {
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

// TestFlatNestedQueryIsBatchedPerLevel checks that the direct writer,
// which answers the whole three-level query of the scale benchmark, keeps
// the store calls flat per level like the resolvers do, and answers what
// gqlgen answers.
func TestFlatNestedQueryIsBatchedPerLevel(t *testing.T) {
	const q = `query($id: ID!) { node(id: $id) { id name
  relationships(first: 10) { totalCount edges { node { type sourceCount other { id name
    relationships(first: 5) { edges { node { type other { id name
      relationships(first: 5) { edges { node { type other { id name kind } } } } } } } } } } } } } }`
	if !graph.FlatPlanFor("Node", `id name relationships(first: 10) { totalCount edges { node { type sourceCount other { id name
    relationships(first: 5) { edges { node { type other { id name relationships(first: 5) { edges { node { type other { id name kind } } } } } } } } } } } }`) {
		t.Fatal("the writer does not take the benchmark's nested query")
	}
	var cs *countingStore
	slow := newEnv(t, withCountedCompanies(t, 60, &cs), withOptions(func(o *graph.Options) { *o = graph.WithoutFlat(*o) }))
	fast := newEnv(t, withCountedCompanies(t, 60, &cs)) // cs counts the calls of this one
	for _, id := range []string{kg.NodeID(kg.KindAgency, "Agency 0"), kg.NodeID(kg.KindAgency, "Agency 1"), kg.NodeID(kg.KindCompany, "Company 07")} {
		vars := map[string]any{"id": id}
		want := post(t, slow.h, q, vars)
		cs.reset()
		got := post(t, fast.h, q, vars)
		if !bytes.Equal(got, want) {
			t.Fatalf("%s:\n  flat: %s\ngqlgen: %s", id, got, want)
		}
		if bytes.Count(got, []byte(`"kind"`)) < 10 {
			t.Fatalf("%s: the third level is nearly empty: %s", id, got)
		}
		// The root, then one EdgesOf and one Nodes call per level.
		if calls := cs.snapshot(); calls["EdgesOf"] > 3 || calls["Nodes"] > 4 || calls["Documents"] > 0 {
			t.Fatalf("%s: store calls are not flat per level: %v", id, calls)
		}
	}
}

// randomSelection builds a selection of typ from the fields the writer
// knows: a random subset in random order, some aliased, objects down to
// depth levels (relationships get a random page size).
func randomSelection(r *rand.Rand, typ string, depth int) string {
	fields := graph.FlatFields(typ)
	names := make([]string, 0, len(fields))
	for n := range fields {
		names = append(names, n)
	}
	sort.Strings(names)
	r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	var b strings.Builder
	for i, n := range names[:1+r.IntN(len(names))] {
		child := fields[n]
		if child != "" && depth == 0 {
			continue
		}
		if r.IntN(4) == 0 {
			fmt.Fprintf(&b, "a%d: ", i)
		}
		b.WriteString(n)
		if n == "relationships" {
			fmt.Fprintf(&b, "(first: %d)", r.IntN(4))
		}
		if child != "" {
			b.WriteString(" { " + randomSelection(r, child, depth-1) + " }")
		}
		b.WriteString(" ")
	}
	if b.Len() == 0 {
		return "__typename"
	}
	return b.String()
}

// TestFlatRandomSelectionsMatchGqlgen compares both writers on generated
// selections of every shape the writer takes.
func TestFlatRandomSelectionsMatchGqlgen(t *testing.T) {
	fast, slow := flatAndGqlgen(t)
	r := rand.New(rand.NewPCG(5, 7))
	ids := []string{storetest.Kaspersky, storetest.Ban, storetest.Commerce, kg.NodeID(kg.KindCompany, "odd"), date0930}
	for i := 0; i < 150; i++ {
		var q, typ, sel string
		switch i % 3 {
		case 0:
			typ, sel = "Subgraph", randomSelection(r, "Subgraph", 3)
			q = `query($id: ID!) { neighborhood(id: $id, depth: 2) { ` + sel + ` } }`
		case 1:
			typ, sel = "Node", randomSelection(r, "Node", 4)
			q = `query($id: ID!) { node(id: $id) { ` + sel + ` } }`
		default:
			typ, sel = "RelationshipConnection", randomSelection(r, "RelationshipConnection", 4)
			q = `query($id: ID!) { node(id: $id) { relationships(first: 4) { ` + sel + ` } } }`
		}
		if !graph.FlatPlanFor(typ, sel) {
			t.Fatalf("the writer does not take %s { %s }", typ, sel)
		}
		vars := map[string]any{"id": ids[i%len(ids)]}
		got, want := post(t, fast.h, q, vars), post(t, slow.h, q, vars)
		if !bytes.Equal(errorsSorted(t, got), errorsSorted(t, want)) {
			t.Fatalf("%s with id %s:\n  flat: %s\ngqlgen: %s", q, vars["id"], got, want)
		}
		if bytes.Contains(want, []byte(`"errors"`)) {
			t.Fatalf("generated query failed: %s\n%s", q, want)
		}
	}
}
