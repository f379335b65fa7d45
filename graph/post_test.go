package graph_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/kg"
)

// TestPOSTMatchesGqlgen sends the same requests to a handler with the
// direct response encoder (post.go) and to one with gqlgen's POST
// transport, and compares status, content type and body: successes with
// characters encoding/json escapes, field errors, and every protocol
// error path.
func TestPOSTMatchesGqlgen(t *testing.T) {
	seed := withStore(func(s kg.Store) kg.Store {
		if _, err := s.Ingest(context.Background(), oddDoc()); err != nil {
			t.Fatal(err)
		}
		return s
	})
	fast := newEnv(t, seed)
	slow := newEnv(t, seed, withOptions(func(o *graph.Options) { *o = graph.WithoutFastPOST(*o) }))
	odd := kg.NodeID(kg.KindCompany, "odd")
	type req struct{ body, accept, contentType string }
	reqs := []req{
		{body: `{"query":"{ node(id: \"` + odd + `\") { id name aliases ... on Company { figures { name } } } }"}`},
		{body: `{"query":"query($id: ID!) { neighborhood(id: $id) { nodes { id name } edges { id label role } } }","variables":{"id":"` + odd + `"}}`},
		{body: `{"query":"{ search(query: \"odd\") { score node { id name } } }"}`},
		{body: `{"query":"{ neighborhood(id: \"company:missing\") { nodes { id } } }"}`},
		{body: `{"query":"{ a: node(id: \"company:missing\") { id } b: relationships(first: 1000) { totalCount } }"}`},
		{body: `{"query":"{ node(" }`},
		{body: `{"query":"{ nope }"}`},
		{body: `{"query":"{ nope }"}`, accept: "application/graphql-response+json"},
		{body: `{"query":"{ nope }"}`, accept: "application/json"},
		{body: `{"query":"{ nope }"}`, accept: "*/*"},
		{body: `{"query":"{ nope }"}`, accept: "text/html, application/*;q=0.9"},
		{body: `{"query":"{ nope }"}`, accept: "text/html"},
		{body: `{"query":"{ __typename }"}`, accept: "application/graphql-response+json"},
		{body: `{"query":`},
		{body: ``},
		{body: `{"query":"query($n: Int!) { entities(first: $n) { totalCount } }","variables":{"n":"ten"}}`},
		{body: `{"query":"query A { __typename } query B { __typename }","operationName":"C"}`},
		{body: `{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"` + strings.Repeat("ab", 32) + `"}}}`},
		{body: `{"query":"{ __schema { queryType { name } } }"}`},
		{body: `{"query":"mutation { ingestDocument(input: {text: \"x\"}) { created } }"}`},
		{body: `{"query":"{ __typename }"}`, contentType: "application/json; charset=utf-8"},
	}
	for _, r := range reqs {
		var got, want *httptest.ResponseRecorder
		for i, e := range []*env{fast, slow} {
			hr := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(r.body))
			ct := r.contentType
			if ct == "" {
				ct = "application/json"
			}
			hr.Header.Set("Content-Type", ct)
			if r.accept != "" {
				hr.Header.Set("Accept", r.accept)
			}
			w := httptest.NewRecorder()
			e.h.ServeHTTP(w, hr)
			if i == 0 {
				got = w
			} else {
				want = w
			}
		}
		if got.Code != want.Code || got.Header().Get("Content-Type") != want.Header().Get("Content-Type") ||
			!bytes.Equal(errorsSorted(t, got.Body.Bytes()), errorsSorted(t, want.Body.Bytes())) {
			t.Fatalf("%s (Accept %q):\n  fast: %d %s %s\ngqlgen: %d %s %s", r.body, r.accept,
				got.Code, got.Header().Get("Content-Type"), got.Body, want.Code, want.Header().Get("Content-Type"), want.Body)
		}
	}
	// The fixture's escapes reached the compared bodies.
	hr := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(reqs[0].body))
	hr.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	fast.h.ServeHTTP(w, hr)
	for _, esc := range []string{`\u003cb\u003e\u0026amp;`, `\u2028`, `\"Quoted\"`, `\t`, `\u0001`} {
		if !strings.Contains(w.Body.String(), esc) {
			t.Fatalf("body lacks %s: %s", esc, w.Body)
		}
	}
}
