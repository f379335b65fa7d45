package httpx

import (
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/newsgraph/newsgraph/kg"
)

// Recover turns a panic in a handler into a logged stack trace and a 500
// INTERNAL error, so one bad request cannot take the process down. The
// panic value stays in the log; the client sees a generic message.
func Recover(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			sw := &statusWriter{ResponseWriter: w}
			defer func() {
				v := recover()
				if v == nil {
					return
				}
				if v == http.ErrAbortHandler {
					panic(v) // the server's own way to abort a response
				}
				logger.ErrorContext(r.Context(), "panic serving request", "panic", v, "stack", string(debug.Stack()))
				if sw.status == 0 {
					WriteError(sw, r, http.StatusInternalServerError, kg.CodeInternal, "internal error")
				}
			}()
			next.ServeHTTP(sw, r)
		})
	}
}
