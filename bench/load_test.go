package bench

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/internal/synth"
	"github.com/newsgraph/newsgraph/kg"
)

// recorder is a kg.Store that only takes ingests; any other call panics
// through the nil embedded interface.
type recorder struct {
	kg.Store
	mu   sync.Mutex
	seen map[string]bool
	fail string // document ID whose ingest fails
}

func (r *recorder) Ingest(_ context.Context, x *kg.Extraction) (kg.IngestStatus, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if x.Document.ID == r.fail {
		return kg.IngestStatus{}, kg.Errorf(kg.CodeUnavailable, "disk full")
	}
	created := !r.seen[x.Document.ID]
	r.seen[x.Document.ID] = true
	return kg.IngestStatus{Created: created, Nodes: len(x.Nodes), Edges: len(x.Edges)}, nil
}

func TestLoad(t *testing.T) {
	cfg, _ := synth.Preset("smoke")
	c, err := synth.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{0, 1, 3} {
		rec := &recorder{seen: map[string]bool{}}
		got, err := Load(context.Background(), rec, c, workers)
		if err != nil || got.Documents != cfg.Documents || got.Created != cfg.Documents || len(rec.seen) != cfg.Documents {
			t.Fatalf("workers %d: %+v, %v; saw %d documents", workers, got, err, len(rec.seen))
		}
		// A second load is all no-ops.
		if again, err := Load(context.Background(), rec, c, workers); err != nil || again.Created != 0 {
			t.Fatalf("reload: %+v, %v", again, err)
		}
	}
	rec := &recorder{seen: map[string]bool{}, fail: c.Extraction(5).Document.ID}
	if _, err := Load(context.Background(), rec, c, 2); kg.ErrorCode(err) != kg.CodeUnavailable {
		t.Fatalf("a failing ingest must stop the load with its error, got %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Load(ctx, &recorder{seen: map[string]bool{}}, c, 2); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled load: %v", err)
	}
}
