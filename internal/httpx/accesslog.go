package httpx

import (
	"log/slog"
	"net/http"
	"time"
)

// AccessLog writes one line per request: method, path, status, response
// size, duration, and for GraphQL the operation name and the first error
// code. Health checks and metrics scrapes are logged at DEBUG unless they
// fail unexpectedly. It must sit inside WithRequestID so the line carries
// the ID.
func AccessLog(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			sw := &statusWriter{ResponseWriter: w}
			next.ServeHTTP(sw, r)
			info := InfoFrom(r.Context())
			level := slog.LevelInfo
			switch {
			case probe(r.URL.Path) && (sw.Status() < 500 || sw.Status() == http.StatusServiceUnavailable):
				// Load balancers and scrapers call these every few seconds:
				// at INFO they would bury the requests that matter.
				level = slog.LevelDebug
			case sw.Status() == http.StatusServiceUnavailable:
				level = slog.LevelWarn // not ready yet, busy, or the store is away: expected, transient
			case sw.Status() >= 500:
				level = slog.LevelError
			}
			logger.LogAttrs(r.Context(), level, "request",
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.Int("status", sw.Status()),
				slog.Int64("bytes", sw.bytes),
				slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000),
				slog.String("operation", info.Operation()),
				slog.String("error_code", info.ErrorCode()),
				slog.String("remote", r.RemoteAddr),
			)
		})
	}
}

// probe reports the paths that monitoring calls on a timer.
func probe(path string) bool {
	return path == "/healthz" || path == "/readyz" || path == "/metrics"
}
