package kg

import (
	"encoding/base64"
	"encoding/json"
	"slices"
)

// EncodeCursor makes an opaque keyset cursor from the sort key values of
// the last item of a page (for example its sort key and its ID). Because it
// names a position in the order rather than an offset, it stays valid while
// documents are added.
//
// The cursor is the base64url of the parts as a JSON array. Every edge of
// a relationships page carries one, so the usual case (parts that JSON
// writes as they are, as IDs and dates are) is built by hand in one
// allocation; anything else goes through encoding/json, and both give the
// same bytes (see FuzzEncodeCursor).
func EncodeCursor(parts ...string) string {
	if len(parts) == 0 {
		return encodeCursorJSON(slices.Clone(parts))
	}
	var stack [256]byte
	b := append(stack[:0], '[')
	for i, p := range parts {
		if !plainJSON(p) {
			// A copy, so that parts itself does not escape and the
			// caller's variadic slice can stay on its stack.
			return encodeCursorJSON(slices.Clone(parts))
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, p...)
		b = append(b, '"')
	}
	b = append(b, ']')
	out := make([]byte, base64.RawURLEncoding.EncodedLen(len(b)))
	base64.RawURLEncoding.Encode(out, b)
	return string(out)
}

func encodeCursorJSON(parts []string) string {
	b, _ := json.Marshal(parts)
	return base64.RawURLEncoding.EncodeToString(b)
}

// plainJSON reports whether encoding/json writes s between quotes unchanged:
// printable ASCII other than the quote, the backslash and the characters
// it escapes for HTML.
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c >= 0x7f, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return false
		}
	}
	return true
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
