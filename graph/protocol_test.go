package graph_test

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

const (
	mediaJSON    = "application/json"
	mediaGraphQL = "application/graphql-response+json"
)

// The status rules of the GraphQL-over-HTTP specification, applied in one
// place (http.go): malformed requests never reach the executor, and
// request errors carry no data entry with application/graphql-response+json.
func TestGraphQLProtocol(t *testing.T) {
	h := newEnv(t, withOptions(func(o *graph.Options) { o.MaxBodyBytes = 1024 })).h
	cases := []struct {
		name, method, ctype, accept, body, query string
		status                                   int
		wantCT                                   string
		noData                                   bool
	}{
		{name: "ok json", method: "POST", ctype: "application/json", body: `{"query":"{ __typename }"}`, status: 200, wantCT: mediaJSON},
		{name: "ok graphql-response", method: "POST", ctype: "application/json; charset=utf-8", accept: mediaGraphQL, body: `{"query":"{ __typename }"}`, status: 200, wantCT: mediaGraphQL},
		{name: "put", method: "PUT", ctype: "application/json", body: `{}`, status: 405},
		{name: "no content type", method: "POST", body: `{"query":"{ __typename }"}`, status: 415},
		{name: "latin1", method: "POST", ctype: "application/json; charset=latin1", body: `{"query":"{ __typename }"}`, status: 415},
		{name: "too large", method: "POST", ctype: "application/json", body: `{"query":"` + strings.Repeat(" ", 2000) + `{ __typename }"}`, status: 413},
		{name: "empty body", method: "POST", ctype: "application/json", body: ``, status: 400},
		{name: "invalid json", method: "POST", ctype: "application/json", body: `{"query":`, status: 400, noData: true},
		{name: "invalid utf8", method: "POST", ctype: "application/json", body: "{\"query\":\"{ a(s:\\\"\xff\\\") }\"}", status: 400},
		{name: "array body", method: "POST", ctype: "application/json", body: `[{"query":"{ __typename }"}]`, status: 400},
		{name: "query number", method: "POST", ctype: "application/json", body: `{"query":1}`, status: 400},
		{name: "operationName object", method: "POST", ctype: "application/json", body: `{"query":"{a}","operationName":{}}`, status: 400},
		{name: "variables string", method: "POST", ctype: "application/json", body: `{"query":"{a}","variables":"x"}`, status: 400},
		{name: "extensions array", method: "POST", ctype: "application/json", body: `{"query":"{a}","extensions":[]}`, status: 400},
		{name: "null members", method: "POST", ctype: "application/json", body: `{"query":"{ __typename }","operationName":null,"variables":null,"extensions":null}`, status: 200},
		{name: "validation error json", method: "POST", ctype: "application/json", body: `{"query":"{ nosuch }"}`, status: 200},
		{name: "validation error graphql-response", method: "POST", ctype: "application/json", accept: mediaGraphQL, body: `{"query":"{ nosuch }"}`, status: 400, noData: true},
		{name: "trailing garbage", method: "POST", ctype: "application/json", body: `{"query":"{ __typename }"} x`, status: 400},
		{name: "delete", method: "DELETE", status: 405},
		{name: "missing query", method: "POST", ctype: "application/json", body: `{}`, status: 400},
		{name: "apq hash only", method: "POST", ctype: "application/json", body: `{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"ab"}}}`, status: 200},
		{name: "parse error json", method: "POST", ctype: "application/json", body: `{"query":"{"}`, status: 200, wantCT: mediaJSON},
		{name: "parse error graphql-response", method: "POST", ctype: "application/json", accept: mediaGraphQL, body: `{"query":"{"}`, status: 400, wantCT: mediaGraphQL, noData: true},
		{name: "get query", method: "GET", query: "query=" + urlq("{ __typename }") + "&variables=" + urlq(`{"a":1}`), status: 200},
		{name: "get mutation", method: "GET", accept: mediaGraphQL, query: "query=" + urlq("mutation { __typename }"), status: 405, noData: true},
		{name: "get named mutation", method: "GET", query: "query=" + urlq("query A { __typename } mutation B { __typename }") + "&operationName=B", status: 405},
		{name: "get bad variables", method: "GET", query: "query=" + urlq("{a}") + "&variables=" + urlq("[1"), status: 400},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, "/query?"+tc.query, strings.NewReader(tc.body))
			if tc.ctype != "" {
				r.Header.Set("Content-Type", tc.ctype)
			}
			if tc.accept != "" {
				r.Header.Set("Accept", tc.accept)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			if tc.wantCT != "" && !strings.HasPrefix(w.Header().Get("Content-Type"), tc.wantCT) {
				t.Errorf("content type %q, want %q", w.Header().Get("Content-Type"), tc.wantCT)
			}
			var m map[string]json.RawMessage
			if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil {
				t.Fatalf("body is not JSON: %q", w.Body)
			}
			if _, has := m["data"]; tc.noData && has {
				t.Errorf("request error carries a data entry: %s", w.Body)
			}
			if w.Code >= 400 {
				if _, ok := m["errors"]; !ok {
					t.Errorf("error response without errors: %s", w.Body)
				}
			}
		})
	}
}

func urlq(s string) string {
	return strings.NewReplacer(" ", "+", "{", "%7B", "}", "%7D", "\"", "%22", "[", "%5B", ":", "%3A").Replace(s)
}
