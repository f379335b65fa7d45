// Package events is an in-process publish/subscribe bus for what happens to
// the graph, so that GraphQL subscriptions (documentIngested) can push news
// to dashboards without polling the store.
package events

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsgraph/newsgraph/kg"
)

// Event says that a document was newly stored.
type Event struct {
	Document kg.Document
	Status   kg.IngestStatus
	At       time.Time
}

// subscriberBuffer is how many events a slow subscriber may lag behind
// before it starts missing events; publishing never blocks on a reader.
const subscriberBuffer = 64

// Bus fans events out to every current subscriber. The zero value is not
// usable; call NewBus.
type Bus struct {
	mu      sync.Mutex
	next    int
	subs    map[int]chan Event
	dropped atomic.Int64
}

// NewBus returns an empty bus.
func NewBus() *Bus { return &Bus{subs: map[int]chan Event{}} }

// Subscribe returns a channel of the events published from now on. The
// channel is closed when ctx is done, which is how a websocket or SSE
// client going away releases its subscription.
func (b *Bus) Subscribe(ctx context.Context) <-chan Event {
	ch := make(chan Event, subscriberBuffer)
	b.mu.Lock()
	id := b.next
	b.next++
	b.subs[id] = ch
	b.mu.Unlock()
	go func() {
		<-ctx.Done()
		b.mu.Lock()
		delete(b.subs, id)
		close(ch)
		b.mu.Unlock()
	}()
	return ch
}

// Publish delivers e to every subscriber that has room for it. A subscriber
// whose buffer is full misses the event (counted by Dropped) rather than
// stalling the ingest that published it.
func (b *Bus) Publish(e Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, ch := range b.subs {
		select {
		case ch <- e:
		default:
			b.dropped.Add(1)
		}
	}
}

// Subscribers is the number of current subscribers.
func (b *Bus) Subscribers() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs)
}

// Dropped is the number of events lost to slow subscribers so far.
func (b *Bus) Dropped() int64 { return b.dropped.Load() }
