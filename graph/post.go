package graph

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/newsgraph/newsgraph/internal/httpx"
)

// post serves POST requests with a JSON body. It parses, validates and
// executes them as gqlgen's POST transport does, and hands that transport
// the requests it cannot parse, so malformed bodies get its answers. What
// it changes is the writing of an answer without errors: encoding/json
// re-validates and re-compacts the response's data, which the executor has
// already written as compact JSON, and at 100 nodes and their edges that
// pass cost a sixth of a neighbourhood request's CPU. post writes the data
// as it is.
type post struct {
	fallback transport.POST
	logger   *slog.Logger
}

var _ graphql.Transport = post{}

// Supports claims what gqlgen's POST transport claims.
func (p post) Supports(r *http.Request) bool { return p.fallback.Supports(r) }

// Do answers one request.
func (p post) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	start := graphql.Now()
	body, err := io.ReadAll(r.Body)
	if err != nil {
		r.Body = io.NopCloser(failedRead{err})
		p.fallback.Do(w, r, exec)
		return
	}
	params := new(graphql.RawParams)
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(params); err != nil {
		r.Body = io.NopCloser(bytes.NewReader(body))
		p.fallback.Do(w, r, exec)
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}

	media := httpx.Negotiate(r.Header.Get("Accept"))
	w.Header().Set("Content-Type", media)
	rc, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		w.WriteHeader(errorStatus(media, errs))
		p.writeResponse(w, exec.DispatchError(graphql.WithOperationContext(ctx, rc), errs), nil)
		return
	}
	sp := new(splices)
	defer sp.release()
	responses, ctx := exec.DispatchOperation(withSplices(ctx, sp), rc)
	p.writeResponse(w, responses(ctx), sp)
}

// failedRead replays a body read error to the fallback transport.
type failedRead struct{ err error }

func (f failedRead) Read([]byte) (int, error) { return 0, f.err }

// errorStatus is the status of a request refused before execution. The
// specification wants 400 for a document that does not parse or validate
// when the answer is application/graphql-response+json; with
// application/json it is 422, as gqlgen has always answered, so existing
// clients see no change.
func errorStatus(media string, errs gqlerror.List) int {
	if errcode.GetErrorKind(errs) != errcode.KindProtocol {
		return http.StatusOK
	}
	if media == httpx.MediaGraphQLResponse {
		return http.StatusBadRequest
	}
	return http.StatusUnprocessableEntity
}

// writeResponse writes resp as JSON, with the values sp set aside in
// place of their marks (sp may be nil). An answer with only data (the
// common case) is written around the executor's bytes, which are already
// compact JSON; anything else goes through encoding/json, so errors,
// paths and extensions are encoded exactly as gqlgen encodes them.
func (p post) writeResponse(w http.ResponseWriter, resp *graphql.Response, sp *splices) {
	if resp == nil {
		resp = &graphql.Response{}
	}
	if len(resp.Errors) > 0 || resp.Label != "" || resp.Path != nil || resp.HasNext != nil || len(resp.Extensions) > 0 {
		data, ok := expand(nil, resp.Data, sp)
		if !ok {
			p.writeMismatch(w, sp)
			return
		}
		if resp.Data != nil {
			resp.Data = data
		}
		b, err := json.Marshal(resp)
		if err != nil {
			// Only an extension value that cannot be encoded gets here;
			// the client learns no more than that.
			b = internalErrorBody
		}
		_, _ = w.Write(b)
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
			p.writeMismatch(w, sp)
			return
		}
	}
	out = append(out, '}')
	*bp = out
	// A known length spares the chunked encoding, and one Write of the
	// whole answer leaves in as few system calls as the server's buffers
	// allow, where a write per piece can take one more.
	w.Header().Set("Content-Length", strconv.Itoa(len(out)))
	_, _ = w.Write(out)
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
func (p post) writeMismatch(w http.ResponseWriter, sp *splices) {
	p.logger.Error("response data and spliced values do not match", "values", len(sp.bufs))
	w.WriteHeader(http.StatusInternalServerError)
	_, _ = w.Write(internalErrorBody)
}

const dataPrefix = `{"data":`

// internalErrorBody answers when a response cannot be encoded.
var internalErrorBody = []byte(`{"errors":[{"message":"internal server error","extensions":{"code":"INTERNAL"}}],"data":null}`)
