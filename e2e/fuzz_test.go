package e2e

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/internal/app"
	"github.com/newsgraph/newsgraph/internal/config"
	"github.com/newsgraph/newsgraph/kg"
)

var (
	fuzzOnce    sync.Once
	fuzzHandler http.Handler
	fuzzErr     error
)

// inProcess builds the production handler over an embedded store in a
// temporary folder, with two seed documents ingested.
func inProcess(t testing.TB) http.Handler {
	fuzzOnce.Do(func() {
		dir, err := tempDir()
		if err != nil {
			fuzzErr = err
			return
		}
		env := map[string]string{"DATA_DIR": dir, "SEED_DIR": "", "API_TOKEN": testToken, "REQUEST_TIMEOUT": "5s"}
		cfg, _, err := config.Parse("fuzz", nil, func(k string) (string, bool) { v, ok := env[k]; return v, ok }, nil)
		if err != nil {
			fuzzErr = err
			return
		}
		logger := slog.New(slog.NewTextHandler(io.Discard, nil))
		a, err := app.Open(context.Background(), cfg, logger)
		if err != nil {
			fuzzErr = err
			return
		}
		for _, text := range seedTexts(t)[:2] {
			if _, _, err := a.Ingester.Ingest(context.Background(), kg.DocumentInput{Text: text}); err != nil {
				fuzzErr = err
				return
			}
		}
		a.SetReady()
		fuzzHandler = a.Handler(testToken)
	})
	if fuzzErr != nil {
		t.Fatal(fuzzErr)
	}
	return fuzzHandler
}

// FuzzQueryEndpoint throws arbitrary request bodies at /query: whatever the
// bytes, the answer is a client error or a success, never a 5xx, and always
// JSON.
func FuzzQueryEndpoint(f *testing.F) {
	for _, seed := range []string{
		`{"query":"{ search(query: \"Kaspersky\") { node { id name } score } }"}`,
		`{"query":"query($id: ID!) { neighborhood(id: $id) { nodes { id } edges { type } } }","variables":{"id":"company:kaspersky"}}`,
		`{"query":"{ entities(first: 3) { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } }"}`,
		`{"query":"{ timeline(from: \"2024\") { date precision description } }"}`,
		`{"query":"mutation { ingestDocument(input: {text: \"x\"}) { created } }"}`,
		`{"query":"{ __schema { types { name } } }"}`,
		`{"query":"{ stats { documents } }","operationName":7}`,
		`{"query":"{","variables":[]}`,
		`{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"00"}}}`,
		`{"query":"query A { node(id: \"\\u0000\") { id } } query B { stats { nodes } }","operationName":"B"}`,
		`[]`, `null`, `"x"`, `{`, ``,
	} {
		f.Add([]byte(seed))
	}
	h := inProcess(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, accept := range []string{"", "application/graphql-response+json"} {
			r := httptest.NewRequest(http.MethodPost, "/query", bytes.NewReader(body))
			r.Header.Set("Content-Type", "application/json")
			if accept != "" {
				r.Header.Set("Accept", accept)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code >= 500 {
				t.Fatalf("status %d for %q: %s", w.Code, body, w.Body)
			}
			if ct := w.Header().Get("Content-Type"); !strings.Contains(ct, "json") {
				t.Fatalf("content type %q for %q", ct, body)
			}
		}
	})
}
