package main

import (
	"strings"
	"testing"
)

func TestEncodeRoundTrip(t *testing.T) {
	for _, s := range []string{"", "plain", "to remove Kaspersky's products", `{"quote":"a \"b\""}`,
		"Société Générale – 100%", "line\nbreak", "%41 is not decoded twice"} {
		enc := encodeString(s)
		if strings.ContainsAny(enc, " '\"\n(){}[]") {
			t.Errorf("encodeString(%q) = %q still holds a space, quote or bracket", s, enc)
		}
		if got := decodeString(enc); got != s {
			t.Errorf("round trip of %q gave %q", s, got)
		}
	}
	v := decodeValue(encodeValue(map[string]any{"rows": []any{map[string]any{"q": "a b", "n": int64(3)}}, "ids": []string{"x y"}}))
	m := v.(map[string]any)
	if m["rows"].([]any)[0].(map[string]any)["q"] != "a b" || m["ids"].([]any)[0] != "x y" {
		t.Errorf("nested values did not round-trip: %v", v)
	}
}
