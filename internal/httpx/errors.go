package httpx

import (
	"encoding/json"
	"net/http"
)

// gqlError is the GraphQL error shape, used for the errors this layer
// raises itself so that clients parse every failure the same way.
type gqlError struct {
	Message    string            `json:"message"`
	Extensions map[string]string `json:"extensions"`
}

// WriteError answers with a GraphQL-style error body {"errors":[...]}
// (no data entry: the request was not executed), in the media type the
// client negotiated, and records the code for the access log.
func WriteError(w http.ResponseWriter, r *http.Request, status int, code, msg string) {
	InfoFrom(r.Context()).SetErrorCode(code)
	h := w.Header()
	h.Set("Content-Type", Negotiate(r.Header.Get("Accept"))+"; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Del("Content-Length")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(struct {
		Errors []gqlError `json:"errors"`
	}{[]gqlError{{Message: msg, Extensions: map[string]string{"code": code}}}})
}
