package graph_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/store/storetest"
)

// The project's HTTP transport answers every request that executes exactly
// as gqlgen's POST transport does: same status, same media type, same
// bytes. (Requests refused before execution follow the GraphQL-over-HTTP
// status rules instead, which gqlgen leaves to the server: see
// TestGraphQLProtocol.) Two servers over equal
// stores get the same requests in the same order, so APQ caches agree.
func TestPOSTMatchesGqlgen(t *testing.T) {
	ours := newEnv(t)
	theirs := newEnv(t, withOptions(func(o *graph.Options) { *o = graph.WithGqlgenPOST(*o) }))
	body := func(query string, vars map[string]any) string {
		b, err := json.Marshal(map[string]any{"query": query, "variables": vars})
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	const gqlResp = "application/graphql-response+json"
	tests := []struct {
		name, body, contentType, accept string
	}{
		{name: "typename", body: `{"query":"{ __typename }"}`},
		{name: "stats", body: `{"query":"{ stats { documents nodes edges } }"}`, accept: gqlResp},
		{name: "neighbourhood, written directly", body: body(`query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 100) { nodes { id kind label weight } edges { id type source target label } } }`, map[string]any{"id": storetest.Kaspersky})},
		{name: "nested relationships", body: body(`query($id: ID!) { node(id: $id) { id name relationships(first: 3) { totalCount edges { cursor node { type sourceCount other { id name relationships(first: 2) { edges { node { type other { id } } } } } } } } } }`, map[string]any{"id": storetest.Ban})},
		{name: "evidence with quotes", body: body(`query($id: ID!) { node(id: $id) { id ... on Order { issuedBy { name } } mentions { quote start end } } }`, map[string]any{"id": storetest.Ban})},
		{name: "search", body: body(`query($q: String!) { search(query: $q, first: 5) { score node { id name kind } } }`, map[string]any{"q": "Kaspersky"})},
		{name: "unicode and escapes in variables", body: body(`query($q: String!) { search(query: $q) { score } }`, map[string]any{"q": "Ra\u00efmondo \"quoted\" \\ \u2028"})},
		{name: "null root", body: body(`query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": "company:nobody"})},
		{name: "field error beside values written directly", body: body(`query($id: ID!, $doc: ID!) { neighborhood(id: $id, depth: 1) { nodes { id label } } document(id: $doc) { id } node(id: $id) { id relationships(first: 2) { totalCount edges { node { type } } } } }`, map[string]any{"id": storetest.Kaspersky, "doc": "doc:0"})},
		{name: "field error", body: body(`query($id: ID!) { document(id: $id) { id } }`, map[string]any{"id": "doc:0"}), accept: gqlResp},
		{name: "bad argument", body: `{"query":"{ entities(first: 100000) { totalCount } }"}`},
		{name: "numbers in variables", body: `{"query":"query($n: Int) { entities(first: $n) { totalCount } }","variables":{"n": 2}}`},
		{name: "charset parameter", body: `{"query":"{ __typename }"}`, contentType: "application/json; charset=utf-8"},
		{name: "accept anything", body: `{"query":"{ __typename }"}`, accept: "*/*"},
		{name: "accept application wildcard", body: `{"query":"{ __typename }"}`, accept: "application/*;q=0.9"},
		{name: "accept list, graphql first", body: `{"query":"{ __typename }"}`, accept: gqlResp + ", application/json;q=0.9"},
		{name: "accept list, json first", body: `{"query":"{ __typename }"}`, accept: "text/html, application/json"},
		{name: "accept nothing known", body: `{"query":"{ __typename }"}`, accept: "text/html"},
		{name: "accept malformed", body: `{"query":"{ __typename }"}`, accept: ";;, application/json"},
		{name: "APQ hash unknown", body: `{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"` + strings.Repeat("a", 64) + `"}}}`},
		{name: "mutation without token", body: `{"query":"mutation { ingestDocument(input: { text: \"x\" }) { created } }"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			do := func(h http.Handler) *httptest.ResponseRecorder {
				r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(strings.ReplaceAll(tt.body, `"order:x"`, `\"order:x\"`)))
				ct := tt.contentType
				if ct == "" {
					ct = "application/json"
				}
				r.Header.Set("Content-Type", ct)
				if tt.accept != "" {
					r.Header.Set("Accept", tt.accept)
				}
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				return w
			}
			got, want := do(ours.h), do(theirs.h)
			if got.Code != want.Code {
				t.Errorf("status %d, gqlgen's %d", got.Code, want.Code)
			}
			if g, w := got.Header().Get("Content-Type"), want.Header().Get("Content-Type"); g != w {
				t.Errorf("Content-Type %q, gqlgen's %q", g, w)
			}
			if got.Body.String() != want.Body.String() {
				t.Errorf("body differs:\n got %s\nwant %s", got.Body, want.Body)
			}
			if cl := got.Header().Get("Content-Length"); cl != "" && cl != strconv.Itoa(got.Body.Len()) {
				t.Errorf("Content-Length %s for a body of %d bytes", cl, got.Body.Len())
			}
			if !json.Valid(got.Body.Bytes()) {
				t.Errorf("body is not JSON: %s", got.Body)
			}
		})
	}
}
