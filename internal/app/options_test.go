package app

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// TestConfigReachesTheGraphQLLayer checks the wiring of the limits: each
// configured value changes what the server accepts.
func TestConfigReachesTheGraphQLLayer(t *testing.T) {
	a := open(t, map[string]string{
		"INTROSPECTION": "false", "MAX_QUERY_DEPTH": "3", "MAX_QUERY_ALIASES": "2", "MAX_PAGE_SIZE": "7", "MAX_BODY_BYTES": "2KiB",
	})
	h := a.Handler("token-0123456789abcdef")
	post := func(body string) string {
		r := httptest.NewRequest("POST", "/query", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Body.String()
	}
	cases := []struct{ body, want string }{
		{`{"query":"{ __schema { queryType { name } } }"}`, "introspection is disabled"},
		{`{"query":"{ entities(first: 1) { edges { node { documents { id } } } } }"}`, "exceeds the limit of 3"},
		{`{"query":"{ a: stats { documents } b: stats { documents } c: stats { documents } }"}`, "exceeds the limit of 2"},
		{`{"query":"{ entities(first: 8) { totalCount } }"}`, "between 0 and 7"},
		{`{"query":"{ entities(first: 7) { totalCount } }"}`, `"totalCount":0`},
		{`{"query":"` + strings.Repeat(" ", 3000) + `{ stats { documents } }"}`, "exceeds 2048 bytes"},
	}
	for _, tc := range cases {
		if got := post(tc.body); !strings.Contains(got, tc.want) {
			t.Errorf("%.60s: got %s, want %q", tc.body, got, tc.want)
		}
	}
}
