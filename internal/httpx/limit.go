package httpx

import (
	"net/http"
	"time"

	"github.com/newsgraph/newsgraph/kg"
)

// Limit lets at most n GraphQL executions run at once; the others wait in
// line until a slot frees or their deadline passes (503 UNAVAILABLE with
// Retry-After). Without it a burst of clients shares the CPU so thinly
// that every request slows down together and long ones (ingestions) blow
// their deadline; with it, admitted requests run at full speed and the
// excess waits. Subscriptions are not counted: they hold their connection
// for as long as the client listens.
func (m *Metrics) Limit(n int) func(http.Handler) http.Handler {
	slots := make(chan struct{}, n)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if isStreaming(r) {
				next.ServeHTTP(w, r)
				return
			}
			start := time.Now()
			select {
			case slots <- struct{}{}:
			default:
				m.queued.Inc()
				select {
				case slots <- struct{}{}:
					m.queued.Dec()
				case <-r.Context().Done():
					m.queued.Dec()
					w.Header().Set("Retry-After", "1")
					WriteError(w, r, http.StatusServiceUnavailable, kg.CodeUnavailable, "server busy: try again shortly")
					return
				}
			}
			m.queueWait.Observe(time.Since(start).Seconds())
			defer func() { <-slots }()
			next.ServeHTTP(w, r)
		})
	}
}
