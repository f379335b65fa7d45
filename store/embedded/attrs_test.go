package embedded

import (
	"testing"
)

func TestShareAttrs(t *testing.T) {
	cases := []struct {
		name string
		a, b map[string]string
		same bool
	}{
		{"equal maps", map[string]string{"orderType": "ban", "x": "1"}, map[string]string{"x": "1", "orderType": "ban"}, true},
		{"another value", map[string]string{"orderType": "ban"}, map[string]string{"orderType": "rule"}, false},
		{"one pair more", map[string]string{"orderType": "ban"}, map[string]string{"orderType": "ban", "x": "1"}, false},
		{"a separator moved between key and value", map[string]string{"a:1": "b"}, map[string]string{"a": "1:b"}, false},
		{"a pair split differently", map[string]string{"ab": "c"}, map[string]string{"a": "bc"}, false},
	}
	for _, c := range cases {
		a, b := shareAttrs(c.a), shareAttrs(c.b)
		if got := mapIdentity(a) == mapIdentity(b); got != c.same {
			t.Errorf("%s: shared = %v, want %v", c.name, got, c.same)
		}
		if len(a) != len(c.a) || len(b) != len(c.b) {
			t.Errorf("%s: sharing changed a map: %v %v", c.name, a, b)
		}
		for k, v := range c.b {
			if b[k] != v {
				t.Errorf("%s: shared map has %q=%q, want %q", c.name, k, b[k], v)
			}
		}
		if !isSharedAttrs(a) || !isSharedAttrs(b) {
			t.Errorf("%s: a shared map is not known as shared", c.name)
		}
	}
	if shareAttrs(nil) != nil || shareAttrs(map[string]string{}) != nil {
		t.Error("an empty map was shared instead of dropped")
	}
	if isSharedAttrs(map[string]string{"orderType": "ban"}) {
		t.Error("a map of its own counts as shared because an equal one is")
	}
}
