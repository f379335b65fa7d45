package graph

import (
	"context"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// CodeResponseTooLarge ends an answer that grew past the response size
// limit: its data is dropped and this error is all the client gets.
const CodeResponseTooLarge = "RESPONSE_TOO_LARGE"

// sizeBudget counts the text an answer carries while it is resolved.
// Strings are nearly all of a large answer's bytes (document texts,
// quotes, names); the number of fields around them is bounded by the
// field and complexity limits. Counting as fields resolve, rather than
// measuring the finished answer, stops the work (and the memory) early.
type sizeBudget struct {
	left     atomic.Int64
	exceeded atomic.Bool
	max      int64
	cancel   context.CancelFunc
}

type sizeBudgetKey struct{}

// withSizeBudget returns ctx with a budget of max bytes; cancel ends the
// answer's work once the budget is spent.
func withSizeBudget(ctx context.Context, max int64, cancel context.CancelFunc) (context.Context, *sizeBudget) {
	b := &sizeBudget{max: max, cancel: cancel}
	b.left.Store(max)
	return context.WithValue(ctx, sizeBudgetKey{}, b), b
}

// countStrings is a field middleware that charges string results to the
// answer's budget and fails the field once the budget is spent.
func countStrings(ctx context.Context, next graphql.Resolver) (any, error) {
	res, err := next(ctx)
	return charge(ctx, res, err)
}

// charge is countStrings once the field has resolved to res.
func charge(ctx context.Context, res any, err error) (any, error) {
	var n int
	switch v := res.(type) {
	case string:
		n = len(v)
	case *string:
		if v != nil {
			n = len(*v)
		}
	default:
		return res, err
	}
	b, _ := ctx.Value(sizeBudgetKey{}).(*sizeBudget)
	if b == nil {
		return res, err
	}
	// Quotes, key and separators: a string costs a little more than its
	// bytes.
	if b.left.Add(-int64(n+8)) < 0 {
		if !b.exceeded.Swap(true) {
			b.cancel()
		}
		return nil, tooLarge(b.max)
	}
	return res, err
}

// tooLarge is the error that replaces an answer over the limit.
func tooLarge(max int64) *gqlerror.Error {
	return limitErr(CodeResponseTooLarge, "the answer exceeds the response size limit of %d bytes: ask for fewer items (first) or fields", max)
}
