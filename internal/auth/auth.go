// Package auth checks the API token of a request. The HTTP middleware only
// records whether the caller proved the token; the operations that need it
// (mutations) call Require, so that queries stay open and the refusal
// carries a GraphQL error code rather than a bare HTTP status.
package auth

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

type ctxKey struct{}

// state is what the middleware learnt about the caller.
type state struct {
	presented bool // an Authorization header was sent
	valid     bool // and it carried the right token
}

// Middleware records in the request context whether the request carries
// "Authorization: Bearer <token>" with the right token. The comparison is in
// constant time. An empty token authenticates nobody.
func Middleware(token string) func(http.Handler) http.Handler {
	want := []byte(token)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			st := state{}
			if h := r.Header.Get("Authorization"); h != "" {
				st.presented = true
				// The scheme name is case-insensitive (RFC 9110, 11.1).
				scheme, got, ok := strings.Cut(strings.TrimSpace(h), " ")
				if ok && strings.EqualFold(scheme, "Bearer") && len(want) > 0 {
					st.valid = subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), want) == 1
				}
			}
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, st)))
		})
	}
}

// WithAuthenticated returns a context that counts as authenticated. Tests
// and the command line, which run in-process, use it.
func WithAuthenticated(ctx context.Context) context.Context {
	return context.WithValue(ctx, ctxKey{}, state{presented: true, valid: true})
}

// Require returns nil when the context was authenticated, and otherwise an
// UNAUTHENTICATED error that says whether the token was missing or wrong.
func Require(ctx context.Context) error {
	st, _ := ctx.Value(ctxKey{}).(state)
	switch {
	case st.valid:
		return nil
	case st.presented:
		return kg.Errorf(kg.CodeUnauthenticated, "invalid API token")
	default:
		return kg.Errorf(kg.CodeUnauthenticated, "missing API token: send Authorization: Bearer <token>")
	}
}
