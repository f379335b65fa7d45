package web

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func serve(h http.Handler, path string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
	return w
}

func TestPagesCarryThePolicy(t *testing.T) {
	for name, h := range map[string]http.Handler{"playground": Playground(), "explorer": Explorer()} {
		w := serve(h, "/")
		if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
			t.Errorf("%s: %d %q", name, w.Code, w.Header().Get("Content-Type"))
		}
		if got := w.Header().Get("Content-Security-Policy"); got != ContentSecurityPolicy() {
			t.Errorf("%s: Content-Security-Policy %q", name, got)
		}
		if got := w.Header().Get("X-Frame-Options"); got != "DENY" {
			t.Errorf("%s: X-Frame-Options %q", name, got)
		}
		// Inline scripts would need 'unsafe-inline' in script-src.
		if body := w.Body.String(); strings.Contains(body, "<script>") || strings.Contains(body, "https://") {
			t.Errorf("%s: the page has an inline script or an outside address", name)
		}
	}
	if csp := ContentSecurityPolicy(); !strings.HasPrefix(csp, "default-src 'self';") || strings.Contains(csp, "script-src") {
		t.Errorf("the policy %q must leave scripts to default-src 'self'", csp)
	}
}

// Every script and stylesheet a page names is embedded, so the pages
// load without the network.
func TestPagesNameOnlyEmbeddedFiles(t *testing.T) {
	assets := Assets()
	for _, page := range []string{"static/playground/index.html", "static/explore/index.html"} {
		body, err := fs.ReadFile(files, page)
		if err != nil {
			t.Fatal(err)
		}
		for _, part := range strings.Split(string(body), `"`)[1:] {
			if !strings.HasPrefix(part, AssetPrefix) {
				continue
			}
			if w := serve(assets, part); w.Code != http.StatusOK || w.Body.Len() == 0 {
				t.Errorf("%s names %s: %d", page, part, w.Code)
			} else if w.Header().Get("Content-Security-Policy") == "" || w.Header().Get("X-Frame-Options") != "DENY" {
				t.Errorf("%s is served without the policy", part)
			}
		}
	}
}

func TestAssetsServeFilesOnly(t *testing.T) {
	assets := Assets()
	for _, path := range []string{"/static/", "/static/vendor", "/static/vendor/", "/static/nothing.js", "/static/../web.go", "/static/vendor/../../web.go"} {
		if w := serve(assets, path); w.Code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, w.Code)
		}
	}
	w := serve(assets, "/static/vendor/cytoscape.min.js")
	if w.Code != http.StatusOK || !strings.Contains(w.Header().Get("Content-Type"), "javascript") {
		t.Errorf("cytoscape: %d %q", w.Code, w.Header().Get("Content-Type"))
	}
}
