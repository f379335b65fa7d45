package httpx

import (
	"net/http"

	"github.com/google/uuid"
)

// RequestIDHeader carries the request ID in both directions.
const RequestIDHeader = "X-Request-ID"

// WithRequestID gives every request an ID: the caller's X-Request-ID when it
// is a sane token (so a trace crosses a proxy), else a new UUID. The ID is
// echoed in the response and stored in the context for the log lines.
func WithRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(RequestIDHeader)
		if !validRequestID(id) {
			id = uuid.NewString()
		}
		w.Header().Set(RequestIDHeader, id)
		next.ServeHTTP(w, r.WithContext(WithInfo(r.Context(), &Info{ID: id})))
	})
}

// validRequestID accepts 1-128 characters of [A-Za-z0-9._:-], so that a
// client-chosen ID can neither forge log fields nor grow without bound.
func validRequestID(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == ':' || c == '-') {
			return false
		}
	}
	return true
}
