package graph

import "testing"

func TestSplicesExpand(t *testing.T) {
	value := func(s string) *[]byte { b := []byte(s); return &b }
	tests := []struct {
		name   string
		values []string
		data   string
		want   string
		ok     bool
	}{
		{name: "nothing set aside", data: `{"a":1}`, want: `{"a":1}`, ok: true},
		{name: "in order", values: []string{`[1]`, `{"b":2}`}, data: "{\"x\":\x00,\"y\":\x00}", want: `{"x":[1],"y":{"b":2}}`, ok: true},
		{name: "mark at the ends", values: []string{`1`, `2`}, data: "\x00,\x00", want: `1,2`, ok: true},
		{name: "a value without its mark", values: []string{`1`, `2`}, data: "{\"x\":\x00}"},
		{name: "a mark without its value", values: []string{`1`}, data: "\x00\x00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sp := new(splices)
			for _, v := range tt.values {
				sp.add(value(v))
			}
			got, ok := sp.expand([]byte("<"), []byte(tt.data))
			if ok != tt.ok || ok && string(got) != "<"+tt.want || !ok && string(got) != "<" {
				t.Fatalf("expand = %q, %v; want %q, %v", got, ok, "<"+tt.want, tt.ok)
			}
		})
	}
}
