package httpx

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// fakeExecutor answers like the GraphQL transport (graph/http.go): it
// negotiates the media type, reports a document that fails to parse ("{")
// as a request error, and otherwise answers a fixed result. It records the
// operation name and the error code in the request's Info as the
// transport and its operation interceptor do.
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
		if f := strings.Fields(q); len(f) > 1 && f[0] == "query" {
			InfoFrom(r.Context()).SetOperation(f[1])
		}
		if q == "{" {
			InfoFrom(r.Context()).SetErrorCode("GRAPHQL_PARSE_FAILED")
			if ct == MediaGraphQLResponse {
				w.WriteHeader(400)
			}
			io.WriteString(w, `{"errors":[{"message":"Expected Name","extensions":{"code":"GRAPHQL_PARSE_FAILED"}}],"data":null}`)
			return
		}
		io.WriteString(w, `{"data":{"__typename":"Query"}}`)
	})
}

func TestRequestIDAndAccessLog(t *testing.T) {
	var logs strings.Builder
	logger := NewLogger(&logs, "info", "json")
	h := WithRequestID(AccessLog(logger)(fakeExecutor(t)))

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

// TestAccessLogLevels: probes and scrapes go to DEBUG, the API to INFO,
// and a probe that fails unexpectedly still shows at ERROR.
func TestAccessLogLevels(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	status := map[string]int{"/healthz": 200, "/readyz": 503, "/metrics": 200, "/query": 200, "/": 200, "/healthz/x": 200}
	h := AccessLog(logger)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		code := status[r.URL.Path]
		if r.URL.Query().Get("fail") != "" {
			code = 500
		}
		w.WriteHeader(code)
	}))
	want := []struct {
		target, level string
	}{
		{"/healthz", "DEBUG"}, {"/readyz", "DEBUG"}, {"/metrics", "DEBUG"},
		{"/query", "INFO"}, {"/", "INFO"}, {"/healthz/x", "INFO"}, {"/readyz?fail=1", "ERROR"},
	}
	for _, tc := range want {
		buf.Reset()
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", tc.target, nil))
		var line struct{ Level string }
		if err := json.Unmarshal(buf.Bytes(), &line); err != nil || line.Level != tc.level {
			t.Errorf("%s: logged %q at %q, want %s", tc.target, buf.String(), line.Level, tc.level)
		}
	}
}
