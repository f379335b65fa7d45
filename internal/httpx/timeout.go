package httpx

import (
	"context"
	"net/http"
	"time"
)

// Timeout bounds the execution of one request: the context handed to the
// resolvers, and so to the store, is cancelled after d. Long-lived
// subscriptions (websocket upgrades, server-sent events) are exempt, and
// the connection deadlines the server set for them are lifted.
func Timeout(d time.Duration) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if isStreaming(r) {
				rc := http.NewResponseController(w)
				_ = rc.SetReadDeadline(time.Time{})
				_ = rc.SetWriteDeadline(time.Time{})
				next.ServeHTTP(w, r)
				return
			}
			ctx, cancel := context.WithTimeout(r.Context(), d)
			defer cancel()
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// isStreaming reports a websocket upgrade or an SSE subscription.
func isStreaming(r *http.Request) bool {
	if r.Header.Get("Upgrade") != "" {
		return true
	}
	for _, a := range r.Header.Values("Accept") {
		if mediaTypeIn(a, "text/event-stream") {
			return true
		}
	}
	return false
}
