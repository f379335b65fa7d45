package app

import (
	"strings"
	"testing"
)

// TestMetricsAccess: /metrics on the API's address needs the token; with
// METRICS_ADDR it is served only by its own listener, without one.
func TestMetricsAccess(t *testing.T) {
	a := open(t, map[string]string{})
	h := a.Handler("token-0123456789abcdef")
	for name, hdr := range map[string]map[string]string{
		"no token":    nil,
		"wrong token": {"Authorization": "Bearer wrong-0123456789abcdef"},
		"basic":       {"Authorization": "Basic token-0123456789abcdef"},
	} {
		w := do(h, "GET", "/metrics", hdr)
		if w.Code != 401 || !strings.Contains(w.Body.String(), "UNAUTHENTICATED") || strings.Contains(w.Body.String(), "newsgraph_") {
			t.Errorf("%s: %d %s", name, w.Code, w.Body)
		}
		if !strings.HasPrefix(w.Header().Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("%s: no Bearer challenge", name)
		}
	}
	if w := do(h, "GET", "/metrics", bearer); w.Code != 200 || !strings.Contains(w.Body.String(), "newsgraph_http_requests_total") {
		t.Errorf("with the token: %d", w.Code)
	}

	b := open(t, map[string]string{"METRICS_ADDR": "127.0.0.1:9464"})
	if w := do(b.Handler("token-0123456789abcdef"), "GET", "/metrics", bearer); w.Code != 404 {
		t.Errorf("metrics on the API address with METRICS_ADDR set: %d", w.Code)
	}
	m := b.MetricsHandler()
	if w := do(m, "GET", "/metrics", nil); w.Code != 200 || !strings.Contains(w.Body.String(), "newsgraph_") {
		t.Errorf("metrics listener: %d", w.Code)
	}
	if w := do(m, "GET", "/query", nil); w.Code != 404 {
		t.Errorf("the metrics listener serves the API: %d", w.Code)
	}
}
