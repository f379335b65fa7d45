package app

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/config"
	"github.com/newsgraph/newsgraph/internal/httpx"
	"github.com/newsgraph/newsgraph/kg"
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

// bearer carries the token the tests' handlers are built with.
var bearer = map[string]string{"Authorization": "Bearer token-0123456789abcdef"}

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
	w := do(h, "GET", "/metrics", bearer)
	if !strings.Contains(w.Body.String(), `newsgraph_ingested_documents_total{result="created"} 5`) ||
		!strings.Contains(w.Body.String(), `newsgraph_store_call_duration_seconds_count{method="Ingest"} 5`) {
		t.Errorf("metrics after the seed:\n%s", w.Body)
	}
	if strings.Contains(w.Body.String(), "newsgraph_store_offheap_bytes") {
		t.Error("the retired off-heap metric is still exported")
	}
	if w := do(h, "GET", "/healthz", map[string]string{"X-Request-ID": "abc-1"}); w.Header().Get("X-Request-ID") != "abc-1" {
		t.Error("request id not echoed")
	}

	// The seed load is idempotent.
	if err := a.LoadSeed(context.Background()); err != nil {
		t.Fatal(err)
	}
	w = do(h, "GET", "/metrics", bearer)
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
	found := CollectFiles([]string{dir, filepath.Join(dir, "b.txt"), filepath.Join(dir, "nope"), filepath.Join(dir, "b.txt")})
	var rel []string
	for _, g := range found.Files {
		r, _ := filepath.Rel(dir, g)
		rel = append(rel, r)
	}
	if strings.Join(rel, " ") != "a.md b.txt sub/c.TXT" {
		t.Errorf("got %v", rel)
	}
	if len(found.Failed) != 1 || !strings.HasSuffix(found.Failed[0].Path, "nope") {
		t.Errorf("missing path: %+v", found.Failed)
	}
}

// brokenStore fails every call the way a backend whose database went away
// does: UNAVAILABLE, with an internal cause that must never reach clients.
type brokenStore struct{ kg.Store }

func (brokenStore) err() error {
	return kg.Wrap(kg.CodeUnavailable, errors.New("dial tcp 10.0.0.7:7687: connection refused"), "graph database unavailable")
}
func (b brokenStore) Ping(context.Context) error { return b.err() }
func (b brokenStore) Search(context.Context, kg.SearchQuery) ([]kg.SearchHit, error) {
	return nil, b.err()
}
func (b brokenStore) Stats(context.Context) (*kg.Stats, error) { return nil, b.err() }
func (b brokenStore) Lookup(context.Context, kg.Kind, string) ([]kg.Node, error) {
	return nil, b.err()
}
func (b brokenStore) FindDocuments(context.Context, kg.DocumentQuery) ([]kg.Document, error) {
	return nil, b.err()
}
func (b brokenStore) Ingest(context.Context, *kg.Extraction) (kg.IngestStatus, error) {
	return kg.IngestStatus{}, b.err()
}
func (brokenStore) Close() error { return nil }

func TestBrokenStoreFailsCleanly(t *testing.T) {
	cfg, _, err := config.Parse("test", nil, func(k string) (string, bool) { return map[string]string{"DATA_DIR": t.TempDir()}[k], k == "DATA_DIR" }, nil)
	if err != nil {
		t.Fatal(err)
	}
	a := New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), brokenStore{})
	a.SetReady()
	h := a.Handler("token-0123456789abcdef")
	if w := do(h, "GET", "/readyz", nil); w.Code != 503 || !strings.Contains(w.Body.String(), "graph database unavailable") || strings.Contains(w.Body.String(), "10.0.0.7") {
		t.Errorf("readyz: %d %s", w.Code, w.Body)
	}
	for _, q := range []string{
		`{"query":"{ search(query: \"Kaspersky\") { score } }"}`,
		`{"query":"{ stats { documents } }"}`,
		`{"query":"mutation { ingestDocument(input: {text: \"The Commerce Department banned it.\"}) { created } }"}`,
	} {
		r := httptest.NewRequest("POST", "/query", strings.NewReader(q))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Authorization", "Bearer token-0123456789abcdef")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		body := w.Body.String()
		if w.Code >= 500 || !strings.Contains(body, `"code":"UNAVAILABLE"`) || strings.Contains(body, "10.0.0.7") || strings.Contains(body, "refused") {
			t.Errorf("%s: %d %s", q, w.Code, body)
		}
	}
	if w := do(h, "GET", "/metrics", bearer); !strings.Contains(w.Body.String(), `newsgraph_ingested_documents_total{result="failed"} 1`) {
		t.Error("failed ingestion not counted")
	}
}

func TestStartingHandler(t *testing.T) {
	sw := httpx.NewSwitch(StartingHandler(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if w := do(sw, "GET", "/healthz", nil); w.Code != 200 {
		t.Errorf("healthz while starting: %d", w.Code)
	}
	if w := do(sw, "GET", "/readyz", nil); w.Code != 503 || !strings.Contains(w.Body.String(), "opening the store") {
		t.Errorf("readyz while starting: %d %s", w.Code, w.Body)
	}
	if w := do(sw, "POST", "/query", nil); w.Code != 503 || w.Header().Get("Retry-After") == "" || !strings.Contains(w.Body.String(), "UNAVAILABLE") {
		t.Errorf("query while starting: %d %s", w.Code, w.Body)
	}
	a := open(t, map[string]string{})
	a.SetReady()
	sw.Set(a.Handler("token-0123456789abcdef"))
	if w := do(sw, "GET", "/readyz", nil); w.Code != 200 {
		t.Errorf("readyz after the switch: %d %s", w.Code, w.Body)
	}
}
