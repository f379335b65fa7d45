package graph_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// The HTTP transports: GET for queries only, POST with either JSON media
// type, and protocol errors (parse, validation, limits) as 4xx.
func TestTransports(t *testing.T) {
	e := newEnv(t)
	do := func(method, target, body, accept string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(method, target, strings.NewReader(body))
		if body != "" {
			r.Header.Set("Content-Type", "application/json")
		}
		if accept != "" {
			r.Header.Set("Accept", accept)
		}
		w := httptest.NewRecorder()
		e.h.ServeHTTP(w, r)
		return w
	}
	get := "/?query=" + url.QueryEscape(`{ stats { documents } }`)
	if w := do(http.MethodGet, get, "", ""); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"documents":5`) {
		t.Fatalf("GET query: %d %s", w.Code, w.Body)
	}
	mut := "/?query=" + url.QueryEscape(`mutation { ingestDocument(input: { text: "x" }) { created } }`)
	if w := do(http.MethodGet, mut, "", ""); w.Code < 400 || w.Code >= 500 {
		t.Fatalf("GET mutation should be refused with a 4xx: %d %s", w.Code, w.Body)
	}
	const gqlResp = "application/graphql-response+json"
	w := do(http.MethodPost, "/", `{"query":"{ stats { documents } }"}`, gqlResp)
	if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), gqlResp) {
		t.Fatalf("POST graphql-response+json: %d %q", w.Code, w.Header().Get("Content-Type"))
	}
	for _, q := range []string{`{"query":"{ stats { "}`, `{"query":"{ nosuch }"}`, `{"query":"` + deepQuery(40) + `"}`} {
		q = strings.ReplaceAll(q, `"order:x"`, `\"order:x\"`)
		if w := do(http.MethodPost, "/", q, gqlResp); w.Code != http.StatusBadRequest {
			t.Fatalf("%s: status %d, want 400: %s", q, w.Code, w.Body)
		}
		if w := do(http.MethodPost, "/", q, "application/json"); w.Code != http.StatusUnprocessableEntity && w.Code != http.StatusOK {
			t.Fatalf("%s: status %d with application/json", q, w.Code)
		}
	}
	// Field errors are not protocol errors: 200 with data and errors.
	w = do(http.MethodPost, "/", `{"query":"{ document(id: \"doc:0\") { id } }"}`, gqlResp)
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "NOT_FOUND") {
		t.Fatalf("field error: %d %s", w.Code, w.Body)
	}
}
