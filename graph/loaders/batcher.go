// Package loaders batches and caches the store reads of one GraphQL request
// (the dataloader pattern), so that a nested field costs one store call per
// level of the query instead of one per parent object.
package loaders

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/newsgraph/newsgraph/kg"
)

// FetchFunc reads many keys at once and returns one value per key, in the
// order of keys.
type FetchFunc[K comparable, V any] func(ctx context.Context, keys []K) ([]V, error)

// Batcher collects the keys asked for until no new key has come for a
// short quiet spell (at most ten spells in all) and reads them with one
// FetchFunc call; results are cached for the life of the Batcher (one
// request), so asking twice costs nothing.
type Batcher[K comparable, V any] struct {
	fetch    FetchFunc[K, V]
	wait     time.Duration
	maxBatch int

	mu      sync.Mutex
	cache   map[K]*call[V]
	pending *batch[K, V]
}

type call[V any] struct {
	done chan struct{} // the batch's: closed once every value of the batch is set
	val  V
	err  error
}

type batch[K comparable, V any] struct {
	done    chan struct{}
	keys    []K
	calls   []*call[V]
	started time.Time
	timer   *time.Timer
}

// maxDelayFactor bounds how long a batch keeps waiting for late keys, in
// units of the quiet spell.
const maxDelayFactor = 10

// NewBatcher returns a Batcher whose quiet spell is wait, and which
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
		if b.pending == nil {
			p := &batch[K, V]{started: time.Now(), done: make(chan struct{})}
			b.pending = p
			p.timer = time.AfterFunc(b.wait, func() { b.dispatch(ctx, p) })
		} else if time.Since(b.pending.started) < maxDelayFactor*b.wait {
			// Siblings are still arriving: wait for a quiet spell, so a
			// level is not split when goroutines are scheduled slowly.
			b.pending.timer.Reset(b.wait)
		}
		c := &call[V]{done: b.pending.done}
		b.cache[k] = c
		calls[i] = c
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
	return wait(ctx, calls)
}

// LoadGroup returns the values of keys, fetching at once, together with
// them, every key of group not yet asked for. The group is what the
// sibling objects of one level will ask for (see Loaders), so the first
// sibling fetches for all and the others find their values cached: one
// call per level whatever the scheduling, with no waiting window.
func (b *Batcher[K, V]) LoadGroup(ctx context.Context, keys, group []K) ([]V, error) {
	calls := make([]*call[V], len(keys))
	var batches []*batch[K, V]
	var p *batch[K, V]
	add := func(k K) *call[V] {
		if c, ok := b.cache[k]; ok {
			return c
		}
		if p == nil || len(p.keys) >= b.maxBatch {
			// Room for the keys and the group, which usually all come.
			size := min(len(keys)+len(group), b.maxBatch)
			p = &batch[K, V]{done: make(chan struct{}), keys: make([]K, 0, size), calls: make([]*call[V], 0, size)}
			batches = append(batches, p)
		}
		c := &call[V]{done: p.done}
		b.cache[k] = c
		p.keys = append(p.keys, k)
		p.calls = append(p.calls, c)
		return c
	}
	b.mu.Lock()
	for i, k := range keys {
		calls[i] = add(k)
	}
	if len(batches) > 0 {
		// Only a key that must be read anyway brings its siblings along: a
		// cached answer costs nothing and should not start a read.
		for _, k := range group {
			add(k)
		}
	}
	b.mu.Unlock()
	for i, p := range batches {
		if i == len(batches)-1 {
			b.run(ctx, p)
		} else {
			go b.run(ctx, p)
		}
	}
	return wait(ctx, calls)
}

func wait[V any](ctx context.Context, calls []*call[V]) ([]V, error) {
	out := make([]V, len(calls))
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

// run fetches one batch and wakes its waiters. A panicking fetch becomes
// an error for every waiter: batches run on their own goroutines, where a
// panic would otherwise kill the process, and waiters would hang.
func (b *Batcher[K, V]) run(ctx context.Context, p *batch[K, V]) {
	vals, err := b.safeFetch(ctx, p.keys)
	if err == nil && len(vals) != len(p.keys) {
		err = kg.Errorf(kg.CodeInternal, "store returned %d values for %d keys", len(vals), len(p.keys))
	}
	for i, c := range p.calls {
		if err != nil {
			c.err = err
		} else {
			c.val = vals[i]
		}
	}
	close(p.done) // every waiter of the batch wakes with the whole batch set
}

func (b *Batcher[K, V]) safeFetch(ctx context.Context, keys []K) (vals []V, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = kg.Wrap(kg.CodeInternal, fmt.Errorf("panic in batched read: %v", r), "internal error")
		}
	}()
	return b.fetch(ctx, keys)
}
