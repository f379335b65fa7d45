package loader

import "testing"

func TestNormaliseAmount(t *testing.T) {
	tests := []struct{ num, scale, want string }{
		{"752", "million", "752000000"},
		{"1.2", "billion", "1200000000"},
		{"270,000", "", "270000"},
		{"400", "million", "400000000"},
		{"3.5", "", "3.50"},
	}
	for _, tc := range tests {
		if got := normaliseAmount(tc.num, tc.scale); got != tc.want {
			t.Errorf("normaliseAmount(%q, %q) = %q, want %q", tc.num, tc.scale, got, tc.want)
		}
	}
}
