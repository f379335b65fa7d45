package events

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/kg"
)

type fakeIngester struct {
	created bool
	err     error
}

func (f fakeIngester) Ingest(_ context.Context, in kg.DocumentInput) (*kg.Document, kg.IngestStatus, error) {
	if f.err != nil {
		return nil, kg.IngestStatus{}, f.err
	}
	return &kg.Document{ID: kg.DocumentID(in.Text), Text: in.Text}, kg.IngestStatus{Created: f.created}, nil
}

func TestPublishReachesEverySubscriber(t *testing.T) {
	bus := NewBus()
	ctx, cancel := context.WithCancel(context.Background())
	a, b := bus.Subscribe(ctx), bus.Subscribe(ctx)
	bus.Publish(Event{Document: kg.Document{ID: "doc:1"}})
	for _, ch := range []<-chan Event{a, b} {
		select {
		case e := <-ch:
			if e.Document.ID != "doc:1" {
				t.Fatalf("got %q", e.Document.ID)
			}
		case <-time.After(time.Second):
			t.Fatal("no event")
		}
	}
	cancel()
	for _, ch := range []<-chan Event{a, b} {
		select {
		case _, ok := <-ch:
			if ok {
				t.Fatal("channel should be closed after cancel")
			}
		case <-time.After(time.Second):
			t.Fatal("channel not closed")
		}
	}
	if n := bus.Subscribers(); n != 0 {
		t.Fatalf("subscribers = %d after cancel", n)
	}
}

func TestSlowSubscriberDoesNotBlock(t *testing.T) {
	bus := NewBus()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_ = bus.Subscribe(ctx) // never read
	done := make(chan struct{})
	go func() {
		for i := 0; i < subscriberBuffer+10; i++ {
			bus.Publish(Event{})
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Publish blocked on a slow subscriber")
	}
	if bus.Dropped() != 10 {
		t.Fatalf("dropped = %d, want 10", bus.Dropped())
	}
}

func TestPublishingIngester(t *testing.T) {
	cases := []struct {
		name string
		ing  fakeIngester
		want bool
	}{
		{"created", fakeIngester{created: true}, true},
		{"already stored", fakeIngester{created: false}, false},
		{"failed", fakeIngester{err: errors.New("boom")}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bus := NewBus()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			ch := bus.Subscribe(ctx)
			_, _, _ = NewPublishing(c.ing, bus).Ingest(ctx, kg.DocumentInput{Text: "hello"})
			select {
			case e := <-ch:
				if !c.want {
					t.Fatalf("unexpected event %+v", e)
				}
				if e.Document.ID != kg.DocumentID("hello") || e.At.IsZero() {
					t.Fatalf("bad event %+v", e)
				}
			case <-time.After(50 * time.Millisecond):
				if c.want {
					t.Fatal("no event")
				}
			}
		})
	}
}
