package graph

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// postJSON is gqlgen's transport.POST (v0.17.95, copied: its helpers are
// unexported) with one change: the response is written by writeResponse.
// transport.POST encodes it with json.Marshal, which re-parses the data
// gqlgen has just written as JSON (tens of kilobytes for a subgraph) to
// compact and HTML-escape it; writeResponse produces the same bytes in one
// pass. Headers, status codes and error bodies are POST's: post_test.go
// compares both transports on successes and on every error path.
type postJSON struct {
	transport.POST
}

var paramsPool = sync.Pool{New: func() any { return &graphql.RawParams{} }}

// Do answers one POST as transport.POST does.
func (h postJSON) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	contentType := responseContentType(h.ResponseHeaders, r, h.UseGrapQLResponseJsonByDefault)
	headers := map[string][]string{"Content-Type": {contentType}}
	maps.Copy(headers, h.ResponseHeaders)
	for key, values := range headers {
		for _, value := range values {
			w.Header().Add(key, value)
		}
	}
	params := paramsPool.Get().(*graphql.RawParams)
	defer func() {
		*params = graphql.RawParams{}
		paramsPool.Put(params)
	}()
	start := graphql.Now()

	bodyBytes, err := io.ReadAll(r.Body)
	if err != nil {
		gqlErr := gqlerror.Errorf("could not read request body: %+v", err)
		writeResponse(w, exec.DispatchError(ctx, gqlerror.List{gqlErr}))
		return
	}
	dec := json.NewDecoder(bytes.NewReader(bodyBytes))
	dec.UseNumber()
	if err := dec.Decode(params); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		gqlErr := gqlerror.Errorf("json request body could not be decoded: %+v body:%s", err, string(bodyBytes))
		writeResponse(w, exec.DispatchError(ctx, gqlerror.List{gqlErr}))
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}

	rc, opErr := exec.CreateOperationContext(ctx, params)
	if opErr != nil {
		protocol := errcode.GetErrorKind(opErr) == errcode.KindProtocol
		switch {
		case protocol && contentType == graphqlResponseJSON:
			w.WriteHeader(http.StatusBadRequest)
		case protocol:
			w.WriteHeader(http.StatusUnprocessableEntity)
		default:
			w.WriteHeader(http.StatusOK)
		}
		writeResponse(w, exec.DispatchError(graphql.WithOperationContext(ctx, rc), opErr))
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, rc)
	writeResponse(w, responses(ctx))
}

const graphqlResponseJSON = "application/graphql-response+json"

// responseContentType is transport.POST's choice of response type.
func responseContentType(explicit map[string][]string, r *http.Request, graphqlByDefault bool) string {
	for k, v := range explicit {
		if strings.EqualFold(k, "Content-Type") {
			return v[0]
		}
	}
	def := "application/json"
	if graphqlByDefault {
		def = graphqlResponseJSON
	}
	accept := r.Header.Get("Accept")
	if accept == "" {
		return def
	}
	for part := range strings.SplitSeq(accept, ",") {
		mediaType, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mediaType {
		case "*/*", "application/*":
			return def
		case "application/json":
			return "application/json"
		case graphqlResponseJSON:
			return graphqlResponseJSON
		}
	}
	return graphqlResponseJSON
}

var respPool = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}

// writeResponse writes what json.Marshal(resp) would. The common answer
// (errors and data only) is assembled directly: the data is copied with
// the HTML and line-separator escapes json.Marshal applies to raw JSON,
// without parsing it. Anything else, or data with whitespace between
// tokens (gqlgen writes none), goes through json.Marshal.
func writeResponse(w io.Writer, resp *graphql.Response) {
	if len(resp.Data) > 0 && resp.Label == "" && resp.Path == nil && resp.HasNext == nil && len(resp.Extensions) == 0 {
		bp := respPool.Get().(*[]byte)
		b := append((*bp)[:0], '{')
		ok := true
		if len(resp.Errors) > 0 {
			eb, err := json.Marshal(resp.Errors)
			ok = err == nil
			b = append(append(append(b, `"errors":`...), eb...), ',')
		}
		if ok {
			b = append(b, `"data":`...)
			b, ok = appendRawJSON(b, resp.Data)
		}
		if ok {
			_, _ = w.Write(append(b, '}'))
		}
		if cap(b) <= 1<<20 {
			*bp = b[:0]
			respPool.Put(bp)
		}
		if ok {
			return
		}
	}
	b, err := json.Marshal(resp)
	if err != nil {
		panic(fmt.Errorf("unable to marshal %s: %w", string(resp.Data), err))
	}
	_, _ = w.Write(b)
}

// appendRawJSON appends compact JSON src with <, >, &, U+2028 and U+2029
// escaped as encoding/json does; false when src has whitespace between
// tokens, which encoding/json would remove.
func appendRawJSON(dst, src []byte) ([]byte, bool) {
	inString := false
	start := 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		if !inString {
			switch c {
			case '"':
				inString = true
			case ' ', '\t', '\n', '\r':
				return dst, false
			}
			continue
		}
		var esc string
		switch c {
		case '\\':
			i++ // the escaped character cannot end the string
			continue
		case '"':
			inString = false
			continue
		case '<':
			esc = `\u003c`
		case '>':
			esc = `\u003e`
		case '&':
			esc = `\u0026`
		case 0xE2:
			if i+2 < len(src) && src[i+1] == 0x80 && src[i+2]&^1 == 0xA8 {
				esc = `\u2028`
				if src[i+2] == 0xA9 {
					esc = `\u2029`
				}
				dst = append(append(dst, src[start:i]...), esc...)
				i += 2
				start = i + 1
			}
			continue
		default:
			continue
		}
		dst = append(append(dst, src[start:i]...), esc...)
		start = i + 1
	}
	return append(dst, src[start:]...), true
}
