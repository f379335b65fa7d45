package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"

	"github.com/newsgraph/newsgraph/internal/httpx"
)

// badRequest is a request refused before the executor sees it: an HTTP
// status and a message that echoes nothing of the input.
type badRequest struct {
	status int
	msg    string
}

// readBody reads a POST body whole: application/json in UTF-8 (415),
// within maxBytes (413) and within timeout of the headers (408), so that
// nothing downstream (the execution slot above all) waits on a client
// that is slow to send. The server's READ_TIMEOUT is no bound here: it
// runs from the start of the request, and is as long as a large upload
// needs.
func readBody(w http.ResponseWriter, r *http.Request, maxBytes int64, timeout time.Duration) ([]byte, *badRequest) {
	mt, ps, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != httpx.MediaJSON {
		return nil, &badRequest{http.StatusUnsupportedMediaType, "Content-Type must be application/json"}
	}
	if cs, ok := ps["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return nil, &badRequest{http.StatusUnsupportedMediaType, "charset must be utf-8"}
	}
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Now().Add(timeout))
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBytes))
	// The body is in memory: from here the request deadline bounds the
	// work, and a read deadline left behind would cancel the request's
	// context when it passed.
	_ = rc.SetReadDeadline(time.Time{})
	if err != nil {
		// The rest of the body is not worth waiting for: without this
		// the server would read it (slowly) before answering.
		w.Header().Set("Connection", "close")
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			return nil, &badRequest{http.StatusRequestEntityTooLarge, "request body exceeds " + strconv.FormatInt(maxBytes, 10) + " bytes"}
		case errors.Is(err, os.ErrDeadlineExceeded):
			return nil, &badRequest{http.StatusRequestTimeout, "request body did not arrive in time"}
		}
		return nil, &badRequest{http.StatusBadRequest, "could not read the request body"}
	}
	return body, nil
}

// bodyParams decodes a POST body: one JSON object whose members have the
// types the GraphQL-over-HTTP specification gives.
func bodyParams(body []byte) (*graphql.RawParams, *badRequest) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, &badRequest{http.StatusBadRequest, `request body is empty: send {"query": "..."}`}
	}
	if !utf8.Valid(body) {
		return nil, &badRequest{http.StatusBadRequest, "request body is not valid UTF-8"}
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, &badRequest{http.StatusBadRequest, "request body is not a JSON object: " + jsonProblem(err)}
	}
	return members(m)
}

// queryParams reads GET parameters; variables and extensions are
// URL-encoded JSON objects.
func queryParams(r *http.Request) (*graphql.RawParams, *badRequest) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, &badRequest{http.StatusBadRequest, "malformed query string"}
	}
	m := map[string]json.RawMessage{}
	for _, k := range []string{"query", "operationName", "variables", "extensions"} {
		v, ok := q[k]
		if !ok {
			continue
		}
		if !utf8.ValidString(v[0]) {
			return nil, &badRequest{http.StatusBadRequest, k + " is not valid UTF-8"}
		}
		if k == "query" || k == "operationName" {
			b, _ := json.Marshal(v[0])
			m[k] = b
		} else {
			m[k] = json.RawMessage(v[0])
			if !json.Valid(m[k]) {
				return nil, &badRequest{http.StatusBadRequest, k + " must be a URL-encoded JSON object"}
			}
		}
	}
	return members(m)
}

// members type-checks and decodes the members of a request.
func members(m map[string]json.RawMessage) (*graphql.RawParams, *badRequest) {
	p := &graphql.RawParams{}
	isNull := func(raw json.RawMessage) bool { return raw == nil || string(bytes.TrimSpace(raw)) == "null" }
	if raw, ok := m["query"]; ok && !isNull(raw) {
		if json.Unmarshal(raw, &p.Query) != nil {
			return nil, &badRequest{http.StatusBadRequest, "query must be a string"}
		}
	}
	if raw, ok := m["operationName"]; ok && !isNull(raw) {
		if json.Unmarshal(raw, &p.OperationName) != nil {
			return nil, &badRequest{http.StatusBadRequest, "operationName must be a string"}
		}
	}
	for k, dst := range map[string]*map[string]any{"variables": &p.Variables, "extensions": &p.Extensions} {
		raw, ok := m[k]
		if !ok || isNull(raw) {
			continue
		}
		// Numbers stay json.Number, as gqlgen's transports decode them,
		// so large integers survive until the schema coerces them.
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if dec.Decode(dst) != nil || *dst == nil {
			return nil, &badRequest{http.StatusBadRequest, k + " must be a JSON object"}
		}
	}
	if strings.TrimSpace(p.Query) == "" && p.Extensions["persistedQuery"] == nil {
		return nil, &badRequest{http.StatusBadRequest, "missing query: send a GraphQL document in the query parameter"}
	}
	return p, nil
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
