package httpx

import (
	"context"
	"time"
)

// Slots let at most n GraphQL executions run at once; the others wait in
// line until a slot frees or their context ends. Without them a burst of
// clients shares the CPU so thinly that every request slows down together
// and long ones (ingestions) blow their deadline; with them, admitted
// requests run at full speed and the excess waits. The GraphQL layer takes
// a slot only once a request has fully arrived and been checked, so a
// client that sends its body slowly, or sends documents that are refused,
// holds none.
type Slots struct {
	ch chan struct{}
	m  *Metrics
}

// NewSlots returns n slots whose waits are counted in m's queue metrics.
func (m *Metrics) NewSlots(n int) *Slots {
	return &Slots{ch: make(chan struct{}, n), m: m}
}

// Acquire waits for a slot until ctx ends. It returns the function that
// gives the slot back, or false when ctx ended first.
func (s *Slots) Acquire(ctx context.Context) (release func(), ok bool) {
	start := time.Now()
	select {
	case s.ch <- struct{}{}:
	default:
		s.m.queued.Inc()
		select {
		case s.ch <- struct{}{}:
			s.m.queued.Dec()
		case <-ctx.Done():
			s.m.queued.Dec()
			return nil, false
		}
	}
	s.m.queueWait.Observe(time.Since(start).Seconds())
	return func() { <-s.ch }, true
}
