package graph

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/newsgraph/newsgraph/internal/httpx"
	"github.com/newsgraph/newsgraph/kg"
)

// CodeStreamRequired refuses a subscription sent over a transport that
// answers once (plain POST or GET): it would hold its connection until the
// first event or the deadline and then answer nothing useful.
const CodeStreamRequired = "STREAM_REQUIRED"

func init() { errcode.RegisterErrorType(CodeStreamRequired, errcode.KindProtocol) }

// admission decides, on every transport alike, what an operation may hold
// once it has been parsed and validated: a query or mutation waits for an
// execution slot and runs under the request deadline (its wait included);
// a subscription is exempt from both but counts against the subscription
// cap, and is refused outright on a transport that cannot stream. It also
// names the operation for the access log and metrics.
type admission struct {
	slots   *httpx.Slots // nil: executions are not limited
	timeout time.Duration
	subs    chan struct{} // one token per open subscription
	// maxResponse bounds the text of one answer (see sizeBudget).
	maxResponse int64
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
	graphql.OperationInterceptor
} = admission{}

// ExtensionName implements graphql.HandlerExtension.
func (admission) ExtensionName() string { return "Admission" }

// Validate implements graphql.HandlerExtension.
func (admission) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator: it
// refuses a subscription on a transport that answers once, before
// anything subscribes.
func (admission) MutateOperationContext(ctx context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	if rc.Operation != nil && rc.Operation.Operation == ast.Subscription && !streaming(ctx) {
		return limitErr(CodeStreamRequired, "a subscription needs a streaming transport: POST with Accept: text/event-stream, or a websocket")
	}
	return nil
}

// InterceptOperation implements graphql.OperationInterceptor. The
// handler it returns is called once per answer: once for a query or
// mutation (then once more, to learn there is nothing else), once per
// event for a subscription.
func (a admission) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	rc := graphql.GetOperationContext(ctx)
	httpx.InfoFrom(ctx).SetOperation(operationLabel(rc))
	// ctx ends with the operation on every transport: with the request
	// for HTTP, with the operation's stop or the connection for websockets.
	if w := idleWatchFrom(ctx); w != nil {
		w.start()
		context.AfterFunc(ctx, w.done)
	}
	if rc.Operation.Operation == ast.Subscription {
		select {
		case a.subs <- struct{}{}:
		default:
			return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{busyError(ctx, "too many open subscriptions: try again later")}})
		}
		context.AfterFunc(ctx, func() { <-a.subs })
		events := next(ctx)
		// Each event within the size limit; a subscription lives as long
		// as its client listens, so no deadline and no slot.
		return func(ctx context.Context) *graphql.Response {
			ctx, cancel := context.WithCancel(ctx)
			defer cancel()
			return a.bounded(ctx, cancel, events)
		}
	}
	answer := next(ctx)
	answered := false
	return func(ctx context.Context) *graphql.Response {
		if answered {
			return answer(ctx) // nil: a query or mutation answers once
		}
		answered = true
		// The deadline covers the wait for a slot.
		ctx, cancel := context.WithTimeout(ctx, a.timeout)
		defer cancel()
		if a.slots != nil {
			release, ok := a.slots.Acquire(ctx)
			if !ok {
				return &graphql.Response{Errors: gqlerror.List{busyError(ctx, "server busy: try again shortly")}}
			}
			defer release()
		}
		return a.bounded(ctx, cancel, answer)
	}
}

// bounded runs one answer within the response size limit; cancel ends its
// work once the limit is passed.
func (a admission) bounded(ctx context.Context, cancel context.CancelFunc, answer graphql.ResponseHandler) *graphql.Response {
	ctx, budget := withSizeBudget(ctx, a.maxResponse, cancel)
	resp := answer(ctx)
	if budget.exceeded.Load() {
		return &graphql.Response{Errors: gqlerror.List{tooLarge(a.maxResponse)}}
	}
	return resp
}

type streamingKey struct{}

// streaming reports whether ctx is that of a request the websocket or the
// server-sent events transport serves.
func streaming(ctx context.Context) bool {
	v, _ := ctx.Value(streamingKey{}).(bool)
	return v
}

// streamingRequest marks r as served by a streaming transport.
func streamingRequest(r *http.Request) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), streamingKey{}, true))
}

// sse is gqlgen's server-sent events transport behind the body checks
// of httpTransport: the body is read whole within its limits and must be
// a well-formed request before gqlgen's transport sees it (which would
// otherwise echo a malformed body into the log and the answer). Once the
// body is in, the connection deadlines are lifted: a subscription streams
// for as long as its client listens, and admission bounds everything else.
type sse struct {
	transport.SSE
	maxBody     int64
	bodyTimeout time.Duration
}

// Do serves one request as a stream of events.
func (t sse) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	body, bad := readBody(w, r, t.maxBody, t.bodyTimeout)
	if bad == nil {
		_, bad = bodyParams(body)
	}
	if bad != nil {
		httpx.WriteError(w, r, bad.status, kg.CodeBadUserInput, bad.msg)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	liftDeadlines(w)
	t.SSE.Do(w, streamingRequest(r), exec)
}

// liftDeadlines frees a streaming connection from the server's read and
// write deadlines.
func liftDeadlines(w http.ResponseWriter) {
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Time{})
	_ = rc.SetWriteDeadline(time.Time{})
}

// busyError is an UNAVAILABLE error that asks the client to retry; over
// HTTP it is answered with 503 and Retry-After.
func busyError(ctx context.Context, msg string) *gqlerror.Error {
	httpx.InfoFrom(ctx).SetRetryAfter(1)
	err := &gqlerror.Error{Message: msg}
	errcode.Set(err, kg.CodeUnavailable)
	return err
}

// maxLabel bounds an operation label: the name is the client's to choose.
const maxLabel = 64

// operationLabel is the label of an operation in logs and metrics: its
// name, else the root fields of an anonymous operation ("search+node"),
// prefixed by the operation type unless it is a query.
func operationLabel(rc *graphql.OperationContext) string {
	label := rc.OperationName
	if label == "" && rc.Operation != nil {
		label = rc.Operation.Name
		if label == "" {
			var fields []string
			for _, s := range rc.Operation.SelectionSet {
				if f, ok := s.(*ast.Field); ok && len(fields) < 3 {
					fields = append(fields, f.Name)
				}
			}
			label = strings.Join(fields, "+")
			if rc.Operation.Operation != ast.Query {
				label = string(rc.Operation.Operation) + ":" + label
			}
		}
	}
	if len(label) > maxLabel {
		label = label[:maxLabel]
	}
	return label
}
