package httpx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/kg"
)

// BodyLimits bound the arrival of a request body.
type BodyLimits struct {
	MaxBytes int64         // larger bodies get 413
	Timeout  time.Duration // time for the whole body to arrive once the headers have; else 408
}

// GraphQL wraps the GraphQL executor's handler with the request checks and
// status rules of the GraphQL-over-HTTP specification that the executor
// leaves to the server: it reads the whole body within its own deadline
// (408) and size (413) before anything else happens, so the executor (and
// the execution slot it takes) only ever sees requests that have fully
// arrived; it refuses unsupported methods (405) and media types (415),
// rejects malformed parameters with 400 before anything executes, refuses
// mutations over GET (405), and maps request errors (parse, validation,
// variable coercion) to 400 without a data entry for
// application/graphql-response+json and to 200 for legacy
// application/json. Websocket upgrades and server-sent events are freed
// from the connection deadlines once their body (if any) has arrived; the
// executor bounds them itself. It also records the first error code
// for the access log and metrics.
func GraphQL(next http.Handler, l BodyLimits) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		info := InfoFrom(r.Context())
		rc := http.NewResponseController(w)
		streaming := isStreaming(r)
		if r.Header.Get("Upgrade") != "" {
			// A websocket has no body; the executor's transport bounds
			// the wait for connection_init, idleness and the number of
			// connections.
			_ = rc.SetReadDeadline(time.Time{})
			_ = rc.SetWriteDeadline(time.Time{})
			next.ServeHTTP(w, r)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, l.MaxBytes)
		var p params
		var status int
		var msg string
		switch r.Method {
		case http.MethodGet:
			p, status, msg = fromQueryString(r)
			if status == 0 {
				if op := p.operationType(); op != "" && op != "query" {
					w.Header().Set("Allow", "POST")
					status, msg = http.StatusMethodNotAllowed, fmt.Sprintf("a %s cannot be sent with GET: use POST", op)
				}
			}
		case http.MethodPost:
			_ = rc.SetReadDeadline(time.Now().Add(l.Timeout))
			p, status, msg = fromBody(r, l.MaxBytes)
			// The body is in memory: from here the request deadline
			// bounds the work, and a read deadline left behind would
			// cancel the request's context when it passed.
			_ = rc.SetReadDeadline(time.Time{})
		default:
			w.Header().Set("Allow", "GET, POST")
			status, msg = http.StatusMethodNotAllowed, "method "+r.Method+" not allowed: use GET or POST"
		}
		if status == http.StatusRequestTimeout || status == http.StatusRequestEntityTooLarge {
			// The rest of the body is not worth waiting for: without
			// this the server would read it (slowly) before answering.
			w.Header().Set("Connection", "close")
		}
		if status != 0 {
			info.SetOperation(p.name())
			WriteError(w, r, status, kg.CodeBadUserInput, msg)
			return
		}
		if streaming {
			_ = rc.SetWriteDeadline(time.Time{})
			next.ServeHTTP(w, r)
			return
		}
		bw := &bufferedWriter{header: w.Header()}
		next.ServeHTTP(bw, r)
		bw.finish(w, r)
	})
}

// params are the GraphQL request parameters, already type-checked.
type params struct {
	Query, OperationName string
	persisted            bool // extensions.persistedQuery is present (APQ)
}

// fromBody reads and checks a POST body: application/json, UTF-8, within
// the limit, one JSON object whose members have the types the spec gives.
func fromBody(r *http.Request, limit int64) (params, int, string) {
	var p params
	mt, ps, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != MediaJSON {
		return p, http.StatusUnsupportedMediaType, "Content-Type must be application/json"
	}
	if cs, ok := ps["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return p, http.StatusUnsupportedMediaType, "charset must be utf-8"
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return p, http.StatusRequestEntityTooLarge, "request body exceeds " + strconv.FormatInt(limit, 10) + " bytes"
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return p, http.StatusRequestTimeout, "request body did not arrive in time"
		}
		return p, http.StatusBadRequest, "could not read the request body"
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	if len(bytes.TrimSpace(body)) == 0 {
		return p, http.StatusBadRequest, "request body is empty: send {\"query\": \"...\"}"
	}
	if !utf8.Valid(body) {
		return p, http.StatusBadRequest, "request body is not valid UTF-8"
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		return p, http.StatusBadRequest, "request body is not a JSON object: " + jsonProblem(err)
	}
	return fromMembers(m)
}

// fromMembers type-checks the decoded members of a request.
func fromMembers(m map[string]json.RawMessage) (params, int, string) {
	var p params
	isNull := func(raw json.RawMessage) bool { return raw == nil || string(bytes.TrimSpace(raw)) == "null" }
	if raw, ok := m["query"]; ok && !isNull(raw) {
		if json.Unmarshal(raw, &p.Query) != nil {
			return p, http.StatusBadRequest, "query must be a string"
		}
	}
	if raw, ok := m["operationName"]; ok && !isNull(raw) {
		if json.Unmarshal(raw, &p.OperationName) != nil {
			return p, http.StatusBadRequest, "operationName must be a string"
		}
	}
	for _, k := range []string{"variables", "extensions"} {
		raw, ok := m[k]
		if !ok || isNull(raw) {
			continue
		}
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			return p, http.StatusBadRequest, k + " must be a JSON object"
		}
		if k == "extensions" {
			_, p.persisted = obj["persistedQuery"]
		}
	}
	if strings.TrimSpace(p.Query) == "" && !p.persisted {
		return p, http.StatusBadRequest, "missing query: send a GraphQL document in the query parameter"
	}
	return p, 0, ""
}

// fromQueryString reads and checks GET parameters; variables and
// extensions are URL-encoded JSON objects.
func fromQueryString(r *http.Request) (params, int, string) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return params{}, http.StatusBadRequest, "malformed query string"
	}
	m := map[string]json.RawMessage{}
	for _, k := range []string{"query", "operationName", "variables", "extensions"} {
		v, ok := q[k]
		if !ok {
			continue
		}
		if !utf8.ValidString(v[0]) {
			return params{}, http.StatusBadRequest, k + " is not valid UTF-8"
		}
		if k == "query" || k == "operationName" {
			b, _ := json.Marshal(v[0])
			m[k] = b
		} else {
			m[k] = json.RawMessage(v[0])
			if !json.Valid(m[k]) {
				return params{}, http.StatusBadRequest, k + " must be a URL-encoded JSON object"
			}
		}
	}
	return fromMembers(m)
}

// jsonProblem describes a JSON decoding error without echoing input.
func jsonProblem(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return "syntax error at byte " + strconv.FormatInt(syn.Offset, 10)
	case errors.As(err, &typ):
		return "found " + typ.Value
	}
	return "malformed JSON"
}

// bufferedWriter holds the executor's response so its status and body can
// be brought in line with the negotiated media type before sending.
type bufferedWriter struct {
	header http.Header
	status int
	buf    bytes.Buffer
}

func (b *bufferedWriter) Header() http.Header { return b.header }
func (b *bufferedWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.buf.Write(p)
}
func (b *bufferedWriter) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

// finish applies the status rules and sends the response.
func (b *bufferedWriter) finish(w http.ResponseWriter, r *http.Request) {
	status := b.status
	if status == 0 {
		status = http.StatusOK
	}
	body := b.buf.Bytes()
	mt, _, _ := mime.ParseMediaType(b.header.Get("Content-Type"))
	code := firstErrorCode(body)
	if code != "" {
		InfoFrom(r.Context()).SetErrorCode(code)
	}
	switch {
	case InfoFrom(r.Context()).RetryAfter() > 0:
		// Nothing ran: the server was too busy to take the request.
		status = http.StatusServiceUnavailable
		b.header.Set("Retry-After", strconv.Itoa(InfoFrom(r.Context()).RetryAfter()))
	case mt == MediaGraphQLResponse && status == http.StatusUnprocessableEntity:
		status = http.StatusBadRequest
		fallthrough
	case mt == MediaGraphQLResponse && status >= 400 && status < 500:
		// A request error: nothing executed, so the spec wants no data entry.
		body = withoutData(body)
	case mt == MediaJSON && status == http.StatusUnprocessableEntity:
		// Legacy clients expect 200 with an errors entry for a well-formed
		// request whose document does not parse or validate.
		status = http.StatusOK
	}
	b.header.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// withoutData removes the "data" member of a JSON object response.
func withoutData(body []byte) []byte {
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil {
		return body
	}
	if _, ok := m["data"]; !ok {
		return body
	}
	delete(m, "data")
	out, err := json.Marshal(m)
	if err != nil {
		return body
	}
	return out
}

// firstErrorCode returns extensions.code of the first error of a GraphQL
// response. gqlgen writes "errors" first, so only responses starting that
// way are decoded, and only their errors member.
func firstErrorCode(body []byte) string {
	if !bytes.HasPrefix(body, []byte(`{"errors":`)) {
		return ""
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if _, err := dec.Token(); err != nil { // {
		return ""
	}
	if _, err := dec.Token(); err != nil { // "errors"
		return ""
	}
	var errs []struct {
		Extensions struct {
			Code string `json:"code"`
		} `json:"extensions"`
	}
	if dec.Decode(&errs) != nil || len(errs) == 0 {
		return ""
	}
	if errs[0].Extensions.Code == "" {
		return "UNKNOWN"
	}
	return errs[0].Extensions.Code
}
