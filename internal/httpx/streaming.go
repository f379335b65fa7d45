package httpx

import "net/http"

// isStreaming reports a websocket upgrade or a request for server-sent
// events: the transports that can carry a subscription.
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
