package app

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/kg"
)

// TestRemoteIngester sends documents through the production routes, as
// the ingest command's --server mode does while a server holds the store.
func TestRemoteIngester(t *testing.T) {
	const token = "token-0123456789abcdef"
	a := open(t, map[string]string{})
	srv := httptest.NewServer(a.Handler(token))
	defer srv.Close()
	ctx := context.Background()

	r, err := NewRemoteIngester(srv.URL, token, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	in := kg.DocumentInput{Text: "The Federal Trade Commission fined Acme Corp. on Monday.", Title: "Fine", PublishedAt: "2024-06-21"}
	doc, st, err := r.Ingest(ctx, in)
	if err != nil || !st.Created || doc.ID == "" || doc.Title != "Fine" {
		t.Fatalf("first ingest: %+v %+v %v", doc, st, err)
	}
	if _, st, err = r.Ingest(ctx, in); err != nil || st.Created {
		t.Errorf("second ingest: %+v %v", st, err)
	}
	in.URL = "javascript:alert(1)"
	in.Text += " Again."
	if _, _, err = r.Ingest(ctx, in); kg.ErrorCode(err) != kg.CodeBadUserInput || !strings.Contains(kg.ErrorMessage(err), "http or https") {
		t.Errorf("bad url: %v", err)
	}
	wrong, _ := NewRemoteIngester(srv.URL+"/query", "wrong-token-0123456789", 10*time.Second)
	if _, _, err = wrong.Ingest(ctx, kg.DocumentInput{Text: "Text."}); kg.ErrorCode(err) != kg.CodeUnauthenticated {
		t.Errorf("wrong token: %v", err)
	}
	s, _ := a.Store.Stats(ctx)
	if s.Documents != 1 {
		t.Errorf("%d documents stored, want 1", s.Documents)
	}
}

func TestRemoteIngesterRefusals(t *testing.T) {
	for _, tc := range []struct{ server, token, want string }{
		{"localhost:8080", "t", "want http"},
		{"ftp://localhost", "t", "want http"},
		{"http://user:pw@localhost", "t", "want http"},
		{"http://localhost:8080", "", "API_TOKEN"},
	} {
		if _, err := NewRemoteIngester(tc.server, tc.token, time.Second); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %q", tc.server, err, tc.want)
		}
	}
	// A server that is not the API, or that answers with escapes in its
	// message: a clear error, nothing raw on the terminal.
	odd := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/query" {
			w.Write([]byte(`{"errors":[{"message":"bad \u001b[31m news","extensions":{"code":"BAD_USER_INPUT"}}]}`))
			return
		}
		w.Write([]byte("<html>hello</html>"))
	}))
	defer odd.Close()
	r, _ := NewRemoteIngester(odd.URL+"/other", "t", time.Second)
	if _, _, err := r.Ingest(context.Background(), kg.DocumentInput{Text: "x"}); kg.ErrorCode(err) != kg.CodeUnavailable || !strings.Contains(err.Error(), "without a GraphQL result") {
		t.Errorf("not the API: %v", err)
	}
	r, _ = NewRemoteIngester(odd.URL, "t", time.Second)
	if _, _, err := r.Ingest(context.Background(), kg.DocumentInput{Text: "x"}); kg.ErrorCode(err) != kg.CodeBadUserInput || strings.ContainsRune(err.Error(), 0x1b) {
		t.Errorf("escaped message: %q", err)
	}
	r, _ = NewRemoteIngester("http://127.0.0.1:1", "t", time.Second)
	if _, _, err := r.Ingest(context.Background(), kg.DocumentInput{Text: "x"}); kg.ErrorCode(err) != kg.CodeUnavailable {
		t.Errorf("unreachable: %v", err)
	}
}
