package httpx

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
)

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
