package app

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/config"
)

func open(t *testing.T, env map[string]string) *App {
	t.Helper()
	if _, ok := env["DATA_DIR"]; !ok {
		env["DATA_DIR"] = t.TempDir()
	}
	cfg, _, err := config.Parse("test", nil, func(k string) (string, bool) { v, ok := env[k]; return v, ok }, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

func do(h http.Handler, method, path string, header map[string]string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, nil)
	for k, v := range header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestRoutesAndReadiness(t *testing.T) {
	a := open(t, map[string]string{"SEED_DIR": "../../seed"})
	h := a.Handler("token-0123456789abcdef")
	if w := do(h, "GET", "/healthz", nil); w.Code != 200 {
		t.Errorf("healthz %d", w.Code)
	}
	if w := do(h, "GET", "/readyz", nil); w.Code != 503 || !strings.Contains(w.Body.String(), "seed") {
		t.Errorf("readyz before the seed: %d %s", w.Code, w.Body)
	}
	if err := a.LoadSeed(context.Background()); err != nil {
		t.Fatal(err)
	}
	a.SetReady()
	if w := do(h, "GET", "/readyz", nil); w.Code != 200 {
		t.Errorf("readyz %d %s", w.Code, w.Body)
	}
	if w := do(h, "GET", "/", nil); w.Code != 200 || !strings.Contains(w.Body.String(), "/query") {
		t.Errorf("playground %d", w.Code)
	}
	w := do(h, "GET", "/metrics", nil)
	if !strings.Contains(w.Body.String(), `newsgraph_ingested_documents_total{result="created"} 5`) ||
		!strings.Contains(w.Body.String(), `newsgraph_store_call_duration_seconds_count{method="Ingest"} 5`) {
		t.Errorf("metrics after the seed:\n%s", w.Body)
	}
	if w := do(h, "GET", "/healthz", map[string]string{"X-Request-ID": "abc-1"}); w.Header().Get("X-Request-ID") != "abc-1" {
		t.Error("request id not echoed")
	}

	// The seed load is idempotent.
	if err := a.LoadSeed(context.Background()); err != nil {
		t.Fatal(err)
	}
	w = do(h, "GET", "/metrics", nil)
	if !strings.Contains(w.Body.String(), `newsgraph_ingested_documents_total{result="existing"} 5`) {
		t.Error("second seed load was not a no-op")
	}
}

func TestCORSAllowlist(t *testing.T) {
	a := open(t, map[string]string{})
	h := a.Handler("token-0123456789abcdef")
	pre := func(origin string) *httptest.ResponseRecorder {
		return do(h, "OPTIONS", "/query", map[string]string{"Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type"})
	}
	if got := pre("http://localhost:3000").Header().Get("Access-Control-Allow-Origin"); got != "http://localhost:3000" {
		t.Errorf("localhost origin refused: %q", got)
	}
	if got := pre("https://evil.example").Header().Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("foreign origin allowed: %q", got)
	}
	if got := pre("http://localhost.evil.example").Header().Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("look-alike origin allowed: %q", got)
	}

	b := open(t, map[string]string{"CORS_ALLOWED_ORIGINS": "https://app.example.com"})
	h = b.Handler("token-0123456789abcdef")
	if got := do(h, "OPTIONS", "/query", map[string]string{"Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST"}).Header().Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("configured allowlist ignored: %q", got)
	}
}

func TestCollectFiles(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"b.txt", "a.md", "sub/c.TXT", "sub/c.TXT.json", ".hidden/x.txt", "skip.pdf"} {
		full := filepath.Join(dir, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		os.WriteFile(full, []byte("x"), 0o644)
	}
	got, err := CollectFiles([]string{dir, filepath.Join(dir, "b.txt")})
	if err != nil {
		t.Fatal(err)
	}
	var rel []string
	for _, g := range got {
		r, _ := filepath.Rel(dir, g)
		rel = append(rel, r)
	}
	if strings.Join(rel, " ") != "a.md b.txt sub/c.TXT" {
		t.Errorf("got %v", rel)
	}
	if _, err := CollectFiles([]string{filepath.Join(dir, "nope")}); err == nil {
		t.Error("missing path accepted")
	}
}
