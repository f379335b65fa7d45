package kg

import "testing"

// Refs points at the elements themselves, in order, not at copies.
func TestRefs(t *testing.T) {
	ns := []Node{{ID: "a"}, {ID: "b"}}
	ps := Refs(ns)
	if len(ps) != 2 || ps[0] != &ns[0] || ps[1] != &ns[1] {
		t.Fatalf("Refs = %v, want pointers into the slice", ps)
	}
	if got := Refs[Edge](nil); len(got) != 0 {
		t.Fatalf("Refs(nil) = %v", got)
	}
}
