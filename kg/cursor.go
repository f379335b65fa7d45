package kg

import (
	"encoding/base64"
	"encoding/json"
)

// EncodeCursor makes an opaque keyset cursor from the sort key values of
// the last item of a page (for example its sort key and its ID). Because it
// names a position in the order rather than an offset, it stays valid while
// documents are added.
func EncodeCursor(parts ...string) string {
	b, _ := json.Marshal(parts)
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor reverses EncodeCursor. It expects exactly n parts and
// reports a malformed cursor as CodeBadUserInput.
func DecodeCursor(s string, n int) ([]string, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, Errorf(CodeBadUserInput, "invalid cursor")
	}
	var parts []string
	if err := json.Unmarshal(b, &parts); err != nil || len(parts) != n {
		return nil, Errorf(CodeBadUserInput, "invalid cursor")
	}
	return parts, nil
}
