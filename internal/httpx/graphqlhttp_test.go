package httpx

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// fakeExecutor answers like gqlgen's transports: it negotiates the media
// type, reports a document that fails to parse ("{") as a request error with
// 422 (application/json) or 400 (graphql-response+json) and "data": null,
// and otherwise echoes the body it received. It names the operation in
// the request's Info as the executor's operation interceptor does.
func fakeExecutor(t *testing.T) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ct := Negotiate(r.Header.Get("Accept"))
		w.Header().Set("Content-Type", ct)
		var q string
		if r.Method == http.MethodPost {
			var m map[string]any
			b, _ := io.ReadAll(r.Body)
			if err := json.Unmarshal(b, &m); err != nil {
				t.Errorf("executor got invalid JSON %q", b)
			}
			q, _ = m["query"].(string)
		} else {
			q = r.URL.Query().Get("query")
		}
		InfoFrom(r.Context()).SetOperation(params{Query: q}.name())
		if q == "{" {
			if ct == MediaGraphQLResponse {
				w.WriteHeader(400)
			} else {
				w.WriteHeader(422)
			}
			io.WriteString(w, `{"errors":[{"message":"Expected Name","extensions":{"code":"GRAPHQL_PARSE_FAILED"}}],"data":null}`)
			return
		}
		io.WriteString(w, `{"data":{"__typename":"Query"}}`)
	})
}

func TestGraphQLProtocol(t *testing.T) {
	h := WithRequestID(GraphQL(fakeExecutor(t), BodyLimits{MaxBytes: 1024, Timeout: time.Second}))
	cases := []struct {
		name, method, ctype, accept, body, query string
		status                                   int
		wantCT                                   string
		noData                                   bool
	}{
		{name: "ok json", method: "POST", ctype: "application/json", body: `{"query":"{ __typename }"}`, status: 200, wantCT: MediaJSON},
		{name: "ok graphql-response", method: "POST", ctype: "application/json; charset=utf-8", accept: MediaGraphQLResponse, body: `{"query":"{ __typename }"}`, status: 200, wantCT: MediaGraphQLResponse},
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
		{name: "null members", method: "POST", ctype: "application/json", body: `{"query":"{a}","operationName":null,"variables":null,"extensions":null}`, status: 200},
		{name: "missing query", method: "POST", ctype: "application/json", body: `{}`, status: 400},
		{name: "apq hash only", method: "POST", ctype: "application/json", body: `{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"ab"}}}`, status: 200},
		{name: "parse error json", method: "POST", ctype: "application/json", body: `{"query":"{"}`, status: 200, wantCT: MediaJSON},
		{name: "parse error graphql-response", method: "POST", ctype: "application/json", accept: MediaGraphQLResponse, body: `{"query":"{"}`, status: 400, wantCT: MediaGraphQLResponse, noData: true},
		{name: "get query", method: "GET", query: "query=" + urlq("{ __typename }") + "&variables=" + urlq(`{"a":1}`), status: 200},
		{name: "get mutation", method: "GET", accept: MediaGraphQLResponse, query: "query=" + urlq("mutation { __typename }"), status: 405, noData: true},
		{name: "get named mutation", method: "GET", query: "query=" + urlq("query A { a } mutation B { b }") + "&operationName=B", status: 405},
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

func TestRequestIDAndAccessLog(t *testing.T) {
	var logs strings.Builder
	logger := NewLogger(&logs, "info", "json")
	h := WithRequestID(AccessLog(logger)(GraphQL(fakeExecutor(t), BodyLimits{MaxBytes: 1 << 20, Timeout: time.Second})))

	r := httptest.NewRequest("POST", "/query", strings.NewReader(`{"query":"query Find { __typename }"}`))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set(RequestIDHeader, "trace-123")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if got := w.Header().Get(RequestIDHeader); got != "trace-123" {
		t.Errorf("request id %q not echoed", got)
	}
	var line map[string]any
	if err := json.Unmarshal([]byte(strings.TrimSpace(logs.String())), &line); err != nil {
		t.Fatalf("log %q: %v", logs.String(), err)
	}
	if line["request_id"] != "trace-123" || line["operation"] != "Find" || line["status"] != float64(200) || line["bytes"].(float64) <= 0 {
		t.Errorf("log line %v", line)
	}

	logs.Reset()
	r = httptest.NewRequest("POST", "/query", strings.NewReader(`{"query":"{"}`))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set(RequestIDHeader, "bad id\nwith=forged")
	w = httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if got := w.Header().Get(RequestIDHeader); len(got) != 36 {
		t.Errorf("unsafe request id kept: %q", got)
	}
	if !strings.Contains(logs.String(), `"error_code":"GRAPHQL_PARSE_FAILED"`) {
		t.Errorf("error code not logged: %s", logs.String())
	}
}

func TestRecover(t *testing.T) {
	var logs strings.Builder
	h := WithRequestID(Recover(NewLogger(&logs, "info", "json"))(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("boom: secret detail")
	})))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/query", nil))
	if w.Code != 500 || strings.Contains(w.Body.String(), "secret") || !strings.Contains(w.Body.String(), "INTERNAL") {
		t.Errorf("got %d %s", w.Code, w.Body)
	}
	if !strings.Contains(logs.String(), "secret detail") {
		t.Error("panic not logged")
	}
}
