package httpx

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestSlots(t *testing.T) {
	m := NewMetrics()
	s := m.NewSlots(1)
	release, ok := s.Acquire(context.Background())
	if !ok {
		t.Fatal("first acquire failed")
	}

	// A second caller cannot get the slot before its context ends.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	if _, ok := s.Acquire(ctx); ok {
		t.Fatal("two slots out of one")
	}

	// A third waits in line and gets the slot once the first is back.
	got := make(chan func())
	go func() {
		r, ok := s.Acquire(context.Background())
		if !ok {
			r = nil
		}
		got <- r
	}()
	select {
	case <-got:
		t.Fatal("the third got a slot while the first held it")
	case <-time.After(20 * time.Millisecond):
	}
	release()
	r := <-got
	if r == nil {
		t.Fatal("the third never got the slot")
	}
	r()
	if out := scrape(t, m); !strings.Contains(out, "newsgraph_graphql_queue_wait_seconds_count 2") {
		t.Errorf("queue wait not observed:\n%s", out)
	}
}
