// Package loaders batches and caches the store reads of one GraphQL request
// (the dataloader pattern), so that a nested field costs one store call per
// level of the query instead of one per parent object.
package loaders

import (
	"context"
	"sync"
	"time"

	"github.com/newsgraph/newsgraph/kg"
)

// FetchFunc reads many keys at once and returns one value per key, in the
// order of keys.
type FetchFunc[K comparable, V any] func(ctx context.Context, keys []K) ([]V, error)

// Batcher collects the keys asked for during a short window and reads them
// with one FetchFunc call; results are cached for the life of the Batcher
// (one request), so asking twice costs nothing.
type Batcher[K comparable, V any] struct {
	fetch    FetchFunc[K, V]
	wait     time.Duration
	maxBatch int

	mu      sync.Mutex
	cache   map[K]*call[V]
	pending *batch[K, V]
}

type call[V any] struct {
	done chan struct{}
	val  V
	err  error
}

type batch[K comparable, V any] struct {
	keys  []K
	calls []*call[V]
}

// NewBatcher returns a Batcher that waits up to wait for more keys, and
// fetches at once when maxBatch keys are waiting.
func NewBatcher[K comparable, V any](fetch FetchFunc[K, V], wait time.Duration, maxBatch int) *Batcher[K, V] {
	if maxBatch <= 0 {
		maxBatch = 1000
	}
	return &Batcher[K, V]{fetch: fetch, wait: wait, maxBatch: maxBatch, cache: map[K]*call[V]{}}
}

// Load returns the value of one key.
func (b *Batcher[K, V]) Load(ctx context.Context, key K) (V, error) {
	vs, err := b.LoadMany(ctx, []K{key})
	if err != nil {
		var zero V
		return zero, err
	}
	return vs[0], nil
}

// LoadMany returns the values of keys, in order. The first error of any
// batch involved is returned.
func (b *Batcher[K, V]) LoadMany(ctx context.Context, keys []K) ([]V, error) {
	calls := make([]*call[V], len(keys))
	var full []*batch[K, V]
	b.mu.Lock()
	for i, k := range keys {
		if c, ok := b.cache[k]; ok {
			calls[i] = c
			continue
		}
		c := &call[V]{done: make(chan struct{})}
		b.cache[k] = c
		calls[i] = c
		if b.pending == nil {
			p := &batch[K, V]{}
			b.pending = p
			time.AfterFunc(b.wait, func() { b.dispatch(ctx, p) })
		}
		b.pending.keys = append(b.pending.keys, k)
		b.pending.calls = append(b.pending.calls, c)
		if len(b.pending.keys) >= b.maxBatch {
			full = append(full, b.pending)
			b.pending = nil
		}
	}
	b.mu.Unlock()
	for _, p := range full {
		go b.run(ctx, p)
	}

	out := make([]V, len(keys))
	for i, c := range calls {
		select {
		case <-c.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if c.err != nil {
			return nil, c.err
		}
		out[i] = c.val
	}
	return out, nil
}

// dispatch runs p when its window closes, unless it was already sent
// because it filled up.
func (b *Batcher[K, V]) dispatch(ctx context.Context, p *batch[K, V]) {
	b.mu.Lock()
	if b.pending != p {
		b.mu.Unlock()
		return
	}
	b.pending = nil
	b.mu.Unlock()
	b.run(ctx, p)
}

func (b *Batcher[K, V]) run(ctx context.Context, p *batch[K, V]) {
	vals, err := b.fetch(ctx, p.keys)
	if err == nil && len(vals) != len(p.keys) {
		err = kg.Errorf(kg.CodeInternal, "store returned %d values for %d keys", len(vals), len(p.keys))
	}
	for i, c := range p.calls {
		if err != nil {
			c.err = err
		} else {
			c.val = vals[i]
		}
		close(c.done)
	}
}
