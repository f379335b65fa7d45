package bench

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsgraph/newsgraph/internal/synth"
	"github.com/newsgraph/newsgraph/kg"
)

// Loaded reports how a corpus went into a store.
type Loaded struct {
	Documents int
	Created   int // documents the store did not hold before
	Elapsed   time.Duration
}

// Load ingests every document of c into st with workers goroutines, each
// generating and ingesting its share, so generation overlaps the store's
// work. Merge semantics make the result independent of ingest order.
func Load(ctx context.Context, st kg.Store, c *synth.Corpus, workers int) (Loaded, error) {
	workers = max(workers, 1)
	start := time.Now()
	var (
		next, created atomic.Int64
		wg            sync.WaitGroup
		once          sync.Once
		firstErr      error
	)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= c.Len() {
					return
				}
				status, err := st.Ingest(ctx, c.Extraction(i))
				if err != nil {
					once.Do(func() { firstErr = err; cancel() })
					return
				}
				if status.Created {
					created.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if firstErr == nil && ctx.Err() != nil {
		firstErr = ctx.Err()
	}
	return Loaded{Documents: c.Len(), Created: int(created.Load()), Elapsed: time.Since(start)}, firstErr
}
