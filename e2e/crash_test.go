package e2e

import (
	"context"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// envInt reads a positive integer knob for longer runs (CRASH_KILLS=500).
func envInt(key string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(key)); err == nil && n > 0 {
		return n
	}
	return def
}

// TestCrashLosesNothingAcknowledged starts the server, ingests from several
// clients, kill -9s it at a random moment, restarts it and checks that the
// store opens and holds every document whose ingestion was acknowledged.
// CRASH_KILLS sets the number of kills (default 50).
func TestCrashLosesNothingAcknowledged(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	kills := envInt("CRASH_KILLS", 50)
	seeds := seedTexts(t)
	dir := t.TempDir()
	var acked []string
	var next atomic.Int64
	var killsDone, lastChecked int
	var startup time.Duration
	began := time.Now()
	for k := 0; k < kills; k++ {
		t0 := time.Now()
		s := start(t, dir) // a store that does not open cleanly fails here
		startup += time.Since(t0)
		ctx, cancel := context.WithCancel(context.Background())
		// Check the documents acknowledged just before the last kill after
		// every restart, and all of them every tenth restart.
		check := acked[lastChecked:]
		if k%10 == 0 {
			check = acked
		}
		if missing, err := missingDocuments(ctx, s.URL, check); err != nil || len(missing) > 0 {
			cancel()
			t.Fatalf("after kill %d: %d of %d acknowledged documents missing (%v), err %v\n%s", k, len(missing), len(check), first(missing, 5), err, s.logs)
		}
		lastChecked = len(acked)
		var mu sync.Mutex
		var started atomic.Int64
		var wg sync.WaitGroup
		for c := 0; c < 2; c++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for ctx.Err() == nil {
					n := int(next.Add(1))
					started.Add(1)
					id, _, err := ingest(ctx, s.URL, map[string]any{"text": syntheticDoc(seeds, n), "publishedAt": "2024-06-21"})
					if err == nil {
						mu.Lock()
						acked = append(acked, id)
						mu.Unlock()
					}
				}
			}()
		}
		time.Sleep(time.Duration(10+rand.IntN(100)) * time.Millisecond)
		s.kill()
		cancel()
		wg.Wait()
		killsDone++
	}
	s := start(t, dir)
	missing, err := missingDocuments(context.Background(), s.URL, acked)
	if err != nil || len(missing) > 0 {
		t.Fatalf("final: %d of %d acknowledged documents missing (%v), err %v", len(missing), len(acked), first(missing, 5), err)
	}
	if len(acked) < kills/2 {
		t.Fatalf("only %d documents acknowledged over %d kills: the test did not exercise the store", len(acked), kills)
	}
	t.Logf("%d kills, %d acknowledged documents all present, %s (%s in restarts)", killsDone, len(acked), time.Since(began).Round(time.Millisecond), startup.Round(time.Millisecond))
}

func first(s []string, n int) []string { return s[:min(n, len(s))] }
