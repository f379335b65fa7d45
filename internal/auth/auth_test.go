package auth

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

func TestMiddlewareAndRequire(t *testing.T) {
	cases := []struct {
		name, token, header string
		wantErr             bool
		wantMsg             string
	}{
		{"right token", "s3cret-0123456789", "Bearer s3cret-0123456789", false, ""},
		{"padded token", "s3cret-0123456789", "Bearer  s3cret-0123456789 ", false, ""},
		{"no header", "s3cret-0123456789", "", true, "missing API token: send Authorization: Bearer <token>"},
		{"wrong token", "s3cret-0123456789", "Bearer s3cret-0123456780", true, "invalid API token"},
		{"prefix of token", "s3cret-0123456789", "Bearer s3cret", true, "invalid API token"},
		{"basic scheme", "s3cret-0123456789", "Basic s3cret-0123456789", true, "invalid API token"},
		{"empty server token", "", "Bearer ", true, "invalid API token"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			h := Middleware(tc.token)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				err = Require(r.Context())
			}))
			r := httptest.NewRequest("POST", "/query", nil)
			if tc.header != "" {
				r.Header.Set("Authorization", tc.header)
			}
			h.ServeHTTP(httptest.NewRecorder(), r)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err %v", err)
			}
			if err != nil && (kg.ErrorCode(err) != kg.CodeUnauthenticated || kg.ErrorMessage(err) != tc.wantMsg) {
				t.Errorf("got %s %q", kg.ErrorCode(err), kg.ErrorMessage(err))
			}
		})
	}
}

func TestRequireOutsideRequests(t *testing.T) {
	if Require(context.Background()) == nil {
		t.Error("a bare context is authenticated")
	}
	if err := Require(WithAuthenticated(context.Background())); err != nil {
		t.Error(err)
	}
}
