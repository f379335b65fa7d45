package graph

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/newsgraph/newsgraph/internal/httpx"
	"github.com/newsgraph/newsgraph/kg"
)

// httpTransport is the one place that serves GraphQL over plain HTTP (GET
// and POST) by the GraphQL-over-HTTP specification. It reads the request
// once, within its own size and time limits, before the executor sees it;
// the executor's extensions then apply every document limit and its
// operation interceptor (admission) takes the execution slot and names the
// operation; and this transport maps the outcome to a status once:
//
//   - a request it cannot read: 400, 405, 408, 413 or 415, no data entry;
//   - a document that does not parse or validate, or exceeds a limit:
//     400 without a data entry for application/graphql-response+json, 200
//     with errors for legacy application/json;
//   - a mutation over GET: 405 with Allow: POST;
//   - no execution slot in time: 503 with Retry-After;
//   - anything executed: 200, with field errors beside the data.
//
// An answer without errors (the common case) is written around the
// executor's bytes, which are already compact JSON, with the spliced
// values (splice.go) in place of their marks, and with a Content-Length.
type httpTransport struct {
	logger      *slog.Logger
	maxBody     int64
	bodyTimeout time.Duration
}

var _ graphql.Transport = httpTransport{}

// Supports claims GET and POST; websocket upgrades and server-sent events
// are claimed first by their own transports.
func (httpTransport) Supports(r *http.Request) bool {
	return r.Method == http.MethodGet || r.Method == http.MethodPost
}

// Do answers one request.
func (t httpTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	start := graphql.Now()
	var params *graphql.RawParams
	var bad *badRequest
	if r.Method == http.MethodGet {
		params, bad = queryParams(r)
	} else {
		var body []byte
		if body, bad = readBody(w, r, t.maxBody, t.bodyTimeout); bad == nil {
			params, bad = bodyParams(body)
		}
	}
	if bad != nil {
		httpx.WriteError(w, r, bad.status, kg.CodeBadUserInput, bad.msg)
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}

	media := httpx.Negotiate(r.Header.Get("Accept"))
	rc, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		resp := exec.DispatchError(graphql.WithOperationContext(ctx, rc), errs)
		t.write(w, r, media, resp, nil, errcode.GetErrorKind(errs) == errcode.KindProtocol)
		return
	}
	if r.Method == http.MethodGet && rc.Operation.Operation != ast.Query {
		w.Header().Set("Allow", http.MethodPost)
		httpx.WriteError(w, r, http.StatusMethodNotAllowed, kg.CodeBadUserInput, "a "+string(rc.Operation.Operation)+" cannot be sent with GET: use POST")
		return
	}
	sp := new(splices)
	defer sp.release()
	responses, ctx := exec.DispatchOperation(withSplices(ctx, sp), rc)
	t.write(w, r, media, responses(ctx), sp, false)
}

// write maps an answer to its status and writes it. requestError means
// nothing executed because the request was at fault. sp holds the values
// spliced into resp's data (nil when none can be).
func (t httpTransport) write(w http.ResponseWriter, r *http.Request, media string, resp *graphql.Response, sp *splices, requestError bool) {
	if resp == nil {
		resp = &graphql.Response{}
	}
	info := httpx.InfoFrom(r.Context())
	if len(resp.Errors) > 0 {
		code, _ := resp.Errors[0].Extensions["code"].(string)
		if code == "" {
			code = "UNKNOWN"
		}
		info.SetErrorCode(code)
	}
	h := w.Header()
	h.Set("Content-Type", media)
	status := http.StatusOK
	switch {
	case info.RetryAfter() > 0:
		// Nothing ran: the server was too busy to take the request.
		status = http.StatusServiceUnavailable
		h.Set("Retry-After", strconv.Itoa(info.RetryAfter()))
	case requestError && media == httpx.MediaGraphQLResponse:
		// The specification wants 400 and no data entry. Legacy
		// application/json clients get 200 with the errors, as they
		// always have.
		t.writeJSON(w, http.StatusBadRequest, struct {
			Errors     gqlerror.List  `json:"errors"`
			Extensions map[string]any `json:"extensions,omitempty"`
		}{resp.Errors, resp.Extensions})
		return
	}
	if len(resp.Errors) > 0 || resp.Label != "" || resp.Path != nil || resp.HasNext != nil || len(resp.Extensions) > 0 {
		data, ok := expand(nil, resp.Data, sp)
		if !ok {
			t.writeMismatch(w, sp)
			return
		}
		if resp.Data != nil {
			resp.Data = data
		}
		t.writeJSON(w, status, resp)
		return
	}
	bp := bufPool.Get().(*[]byte)
	defer putBuf(bp)
	out := append((*bp)[:0], dataPrefix...)
	if len(resp.Data) == 0 {
		out = append(out, "null"...)
	} else {
		var ok bool
		if out, ok = expand(out, resp.Data, sp); !ok {
			t.writeMismatch(w, sp)
			return
		}
	}
	out = append(out, '}')
	*bp = out
	// A known length spares the chunked encoding, and one Write of the
	// whole answer leaves in as few system calls as the server's buffers
	// allow, where a write per piece can take one more.
	h.Set("Content-Length", strconv.Itoa(len(out)))
	w.WriteHeader(status)
	_, _ = w.Write(out)
}

// writeJSON encodes v as the answer, with errors, paths and extensions
// encoded exactly as gqlgen encodes them.
func (t httpTransport) writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		// Only an extension value that cannot be encoded gets here; the
		// client learns no more than that.
		b, status = internalErrorBody, http.StatusInternalServerError
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// expand appends data to out with sp's values in place of their marks.
func expand(out, data []byte, sp *splices) ([]byte, bool) {
	if sp == nil {
		return append(out, data...), true
	}
	return sp.expand(out, data)
}

// writeMismatch answers when the executor's data lost or repeated a
// spliced value's mark, which only a bug in this package can cause.
func (t httpTransport) writeMismatch(w http.ResponseWriter, sp *splices) {
	t.logger.Error("response data and spliced values do not match", "values", len(sp.bufs))
	t.writeJSON(w, http.StatusInternalServerError, json.RawMessage(internalErrorBody))
}

const dataPrefix = `{"data":`

// internalErrorBody answers when a response cannot be encoded.
var internalErrorBody = []byte(`{"errors":[{"message":"internal server error","extensions":{"code":"INTERNAL"}}],"data":null}`)

// methodNotAllowed answers every method the other transports do not
// claim.
type methodNotAllowed struct{}

var _ graphql.Transport = methodNotAllowed{}

// Supports claims whatever is left.
func (methodNotAllowed) Supports(*http.Request) bool { return true }

// Do refuses the request with 405.
func (methodNotAllowed) Do(w http.ResponseWriter, r *http.Request, _ graphql.GraphExecutor) {
	w.Header().Set("Allow", "GET, POST")
	httpx.WriteError(w, r, http.StatusMethodNotAllowed, kg.CodeBadUserInput, "method "+r.Method+" not allowed: use GET or POST")
}
