package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/kg"
)

// maxRemoteAnswer bounds the answer read from the server: an ingest result
// is a few hundred bytes, and a larger answer is not one.
const maxRemoteAnswer = 1 << 20

// remoteMutation is what the ingest command sends in --server mode.
const remoteMutation = `mutation Ingest($input: DocumentInput!) {
  ingestDocument(input: $input) { created nodeCount edgeCount document { id title publishedAt } }
}`

// RemoteIngester is a kg.Ingester that sends each document to a running
// server's ingestDocument mutation, so documents can be added while the
// server holds the store open.
type RemoteIngester struct {
	endpoint string
	token    string
	client   *http.Client
}

var _ kg.Ingester = (*RemoteIngester)(nil)

// NewRemoteIngester checks server (http(s)://host[:port], optionally with
// the GraphQL path; /query when none is given) and token, and returns an
// ingester that waits at most timeout for each document.
func NewRemoteIngester(server, token string, timeout time.Duration) (*RemoteIngester, error) {
	u, err := url.Parse(strings.TrimSpace(server))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return nil, errors.New("--server: want http(s)://host[:port], e.g. http://localhost:8080")
	}
	if u.Path == "" || u.Path == "/" {
		u.Path = "/query"
	}
	if token == "" {
		return nil, errors.New("--server needs the server's API token: set API_TOKEN or --api-token (a server started without one logs the token it generated)")
	}
	return &RemoteIngester{endpoint: u.String(), token: token, client: &http.Client{Timeout: timeout}}, nil
}

// Ingest sends one document. Errors the server reports keep their
// extensions.code; a failed connection is CodeUnavailable.
func (r *RemoteIngester) Ingest(ctx context.Context, in kg.DocumentInput) (*kg.Document, kg.IngestStatus, error) {
	vars := map[string]any{"text": in.Text}
	for k, v := range map[string]string{"title": in.Title, "source": in.Source, "url": in.URL, "publishedAt": in.PublishedAt} {
		if v != "" {
			vars[k] = v
		}
	}
	body, err := json.Marshal(map[string]any{"query": remoteMutation, "operationName": "Ingest", "variables": map[string]any{"input": vars}})
	if err != nil {
		return nil, kg.IngestStatus{}, kg.Wrap(kg.CodeInternal, err, "encoding the request failed")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, kg.IngestStatus{}, kg.Wrap(kg.CodeInternal, err, "building the request failed")
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/graphql-response+json, application/json")
	req.Header.Set("Authorization", "Bearer "+r.token)
	resp, err := r.client.Do(req)
	if err != nil {
		return nil, kg.IngestStatus{}, kg.Wrap(kg.CodeUnavailable, err, "cannot reach the server at "+r.endpoint)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxRemoteAnswer+1))
	if err != nil {
		return nil, kg.IngestStatus{}, kg.Wrap(kg.CodeUnavailable, err, "reading the server's answer failed")
	}
	return decodeRemote(resp.StatusCode, raw)
}

// decodeRemote turns the server's answer into the Ingester's results.
func decodeRemote(status int, raw []byte) (*kg.Document, kg.IngestStatus, error) {
	var out struct {
		Data struct {
			IngestDocument *struct {
				Created   bool `json:"created"`
				NodeCount int  `json:"nodeCount"`
				EdgeCount int  `json:"edgeCount"`
				Document  struct {
					ID          string `json:"id"`
					Title       string `json:"title"`
					PublishedAt string `json:"publishedAt"`
				} `json:"document"`
			} `json:"ingestDocument"`
		} `json:"data"`
		Errors []struct {
			Message    string `json:"message"`
			Extensions struct {
				Code string `json:"code"`
			} `json:"extensions"`
		} `json:"errors"`
	}
	if len(raw) > maxRemoteAnswer || json.Unmarshal(raw, &out) != nil {
		return nil, kg.IngestStatus{}, kg.Errorf(kg.CodeUnavailable, "the server answered HTTP %d without a GraphQL result; is --server the newsgraph API?", status)
	}
	if len(out.Errors) > 0 {
		e := out.Errors[0]
		code := e.Extensions.Code
		if code == "" {
			code = kg.CodeInternal
		}
		return nil, kg.IngestStatus{}, &kg.Error{Code: code, Message: printable(e.Message, 300)}
	}
	res := out.Data.IngestDocument
	if res == nil || res.Document.ID == "" {
		return nil, kg.IngestStatus{}, kg.Errorf(kg.CodeInternal, "the server answered HTTP %d without a result", status)
	}
	doc := &kg.Document{ID: res.Document.ID, Title: res.Document.Title, PublishedAt: res.Document.PublishedAt}
	return doc, kg.IngestStatus{Created: res.Created, Nodes: res.NodeCount, Edges: res.EdgeCount}, nil
}

// printable cuts a server's message to n runes and replaces control
// characters, so a hostile server cannot write escapes to the terminal.
func printable(s string, n int) string {
	var b strings.Builder
	for i, r := range []rune(s) {
		if i == n {
			b.WriteString("…")
			break
		}
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			r = '?'
		}
		b.WriteRune(r)
	}
	return b.String()
}
