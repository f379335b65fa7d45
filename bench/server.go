package bench

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/resolvers"
	"github.com/newsgraph/newsgraph/internal/events"
	"github.com/newsgraph/newsgraph/kg"
	"github.com/newsgraph/newsgraph/store/embedded"
)

// readOnly refuses writes: the benchmark measures reads over a fixed
// corpus, and a write would change what later requests see.
type readOnly struct{}

func (readOnly) Ingest(context.Context, kg.DocumentInput) (*kg.Document, kg.IngestStatus, error) {
	return nil, kg.IngestStatus{}, kg.Errorf(kg.CodeForbidden, "the benchmark server is read-only")
}

// OpenEmbedded opens (creating if needed) the embedded store kept in dir.
// It skips the fsync per document: the benchmark measures reads, and a
// crash during a benchmark load loses nothing anyone needs. It writes no
// snapshots either: a bulk load would otherwise leave one being written
// while reads are measured (restartbench measures snapshots).
func OpenEmbedded(dir string) (kg.Store, error) {
	return embedded.Open(dir, embedded.WithoutSync(), embedded.WithSnapshotEvery(0))
}

// Handler is the production GraphQL handler over st with the default
// limits, logging nothing: what a client of the real server meets, minus
// the HTTP middleware.
func Handler(st kg.Store) http.Handler {
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	r := resolvers.NewResolver(st, readOnly{}, events.NewBus(), logger)
	return graph.NewHandler(r, graph.DefaultOptions())
}

// Serve starts h on a loopback listener.
func Serve(h http.Handler) *httptest.Server {
	mux := http.NewServeMux()
	mux.Handle("/graphql", h)
	return httptest.NewServer(mux)
}
