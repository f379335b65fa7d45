// Package httpx holds the HTTP plumbing around the GraphQL handler: request
// IDs, the access log, Prometheus metrics, body and time limits, panic
// recovery and the GraphQL-over-HTTP protocol checks. Each middleware has
// one job and they compose in server order (see internal/app).
package httpx

import (
	"context"
	"sync"
)

type infoKey struct{}

// Info is what the layers of one request learn about it, shared through the
// context so that the outer access log and metrics can report what the
// inner GraphQL layer saw (operation name, error code).
type Info struct {
	ID string // request ID, echoed in X-Request-ID and every log line

	mu         sync.Mutex
	operation  string
	errorCode  string
	retryAfter int
}

// SetRetryAfter asks the client to retry in seconds: the answer becomes
// 503 with Retry-After.
func (i *Info) SetRetryAfter(seconds int) {
	i.mu.Lock()
	i.retryAfter = seconds
	i.mu.Unlock()
}

// RetryAfter returns what SetRetryAfter recorded, 0 if nothing.
func (i *Info) RetryAfter() int {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.retryAfter
}

// SetOperation records the GraphQL operation name of the request.
func (i *Info) SetOperation(name string) {
	i.mu.Lock()
	i.operation = name
	i.mu.Unlock()
}

// SetErrorCode records the first error code the response carried.
func (i *Info) SetErrorCode(code string) {
	i.mu.Lock()
	if i.errorCode == "" {
		i.errorCode = code
	}
	i.mu.Unlock()
}

// Operation returns the recorded operation name, "" if none.
func (i *Info) Operation() string {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.operation
}

// ErrorCode returns the recorded error code, "" if none.
func (i *Info) ErrorCode() string {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.errorCode
}

// WithInfo returns a context carrying info.
func WithInfo(ctx context.Context, info *Info) context.Context {
	return context.WithValue(ctx, infoKey{}, info)
}

// InfoFrom returns the request's Info, or a throw-away one outside a request
// so callers never need a nil check.
func InfoFrom(ctx context.Context) *Info {
	if i, ok := ctx.Value(infoKey{}).(*Info); ok {
		return i
	}
	return &Info{}
}

// RequestID returns the request ID carried by ctx, "" outside a request.
func RequestID(ctx context.Context) string {
	if i, ok := ctx.Value(infoKey{}).(*Info); ok {
		return i.ID
	}
	return ""
}
