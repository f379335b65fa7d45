package loaders

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

type recorder struct {
	mu      sync.Mutex
	batches [][]int
	fail    bool
}

func (r *recorder) fetch(_ context.Context, keys []int) ([]string, error) {
	r.mu.Lock()
	r.batches = append(r.batches, append([]int(nil), keys...))
	r.mu.Unlock()
	if r.fail {
		return nil, errors.New("boom")
	}
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = string(rune('a' + k))
	}
	return out, nil
}

func TestConcurrentLoadsShareOneFetch(t *testing.T) {
	r := &recorder{}
	b := NewBatcher(r.fetch, 20*time.Millisecond, 100)
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			v, err := b.Load(context.Background(), k%5) // duplicates too
			if err != nil || v != string(rune('a'+k%5)) {
				t.Errorf("Load(%d) = %q, %v", k%5, v, err)
			}
		}(i)
	}
	wg.Wait()
	if len(r.batches) != 1 || len(r.batches[0]) != 5 {
		t.Fatalf("batches = %v, want one of 5 distinct keys", r.batches)
	}
	// Cached: no new fetch.
	if _, err := b.Load(context.Background(), 3); err != nil || len(r.batches) != 1 {
		t.Fatalf("cached load fetched again: %v", r.batches)
	}
}

func TestMaxBatchSplits(t *testing.T) {
	r := &recorder{}
	b := NewBatcher(r.fetch, time.Millisecond, 3)
	vs, err := b.LoadMany(context.Background(), []int{0, 1, 2, 3, 4, 5, 6})
	if err != nil || len(vs) != 7 || vs[6] != "g" {
		t.Fatalf("LoadMany = %v, %v", vs, err)
	}
	for _, batch := range r.batches {
		if len(batch) > 3 {
			t.Fatalf("batch over the limit: %v", r.batches)
		}
	}
}

func TestLoadGroupFetchesSiblingsOnce(t *testing.T) {
	r := &recorder{}
	b := NewBatcher(r.fetch, time.Hour, 100) // the window never closes: only groups fetch
	group := []int{0, 1, 2, 3}
	var wg sync.WaitGroup
	var n atomic.Int32
	for _, k := range group {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			if vs, err := b.LoadGroup(context.Background(), []int{k}, group); err == nil && vs[0] == string(rune('a'+k)) {
				n.Add(1)
			}
		}(k)
	}
	wg.Wait()
	if n.Load() != 4 || len(r.batches) != 1 {
		t.Fatalf("ok=%d batches=%v, want 4 answers from one fetch", n.Load(), r.batches)
	}
	got := slices.Clone(r.batches[0])
	slices.Sort(got)
	if !slices.Equal(got, group) {
		t.Fatalf("fetched %v", got)
	}
	// A cached key does not drag uncached siblings into a fetch.
	if _, err := b.LoadGroup(context.Background(), []int{1}, []int{1, 7, 8}); err != nil || len(r.batches) != 1 {
		t.Fatalf("cached key started a fetch: %v", r.batches)
	}
}

func TestErrorsReachEveryWaiter(t *testing.T) {
	r := &recorder{fail: true}
	b := NewBatcher(r.fetch, time.Millisecond, 100)
	if _, err := b.LoadMany(context.Background(), []int{1, 2}); err == nil {
		t.Fatal("want the fetch error")
	}
}

func TestCancelledContextStopsWaiting(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	b := NewBatcher(func(ctx context.Context, keys []int) ([]int, error) {
		<-block
		return keys, nil
	}, time.Millisecond, 100)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := b.Load(ctx, 1); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
}

func TestPanickingFetchBecomesAnError(t *testing.T) {
	b := NewBatcher(func(context.Context, []int) ([]int, error) { panic("store bug") }, time.Millisecond, 100)
	done := make(chan error, 2)
	go func() { _, err := b.Load(context.Background(), 1); done <- err }()
	go func() { _, err := b.LoadGroup(context.Background(), []int{2}, []int{3}); done <- err }()
	for i := 0; i < 2; i++ {
		select {
		case err := <-done:
			if err == nil || err.Error() == "" {
				t.Fatal("want an error")
			}
		case <-time.After(5 * time.Second):
			t.Fatal("waiter hung after a panicking fetch")
		}
	}
}
