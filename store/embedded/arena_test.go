package embedded

import (
	"strings"
	"testing"
)

// Every ref names the bytes it was made for, across block boundaries and
// at the longest length the arena takes.
func TestArenaRefsNameTheirStrings(t *testing.T) {
	a := &arena{}
	type kept struct {
		s string
		r ref
	}
	var all []kept
	for i := 0; len(a.blocks) < 4; i++ {
		s := strings.Repeat(string(rune('a'+i%26)), 1+i*37%arenaMax)
		c, r := a.cloneRef(s)
		if c != s {
			t.Fatalf("clone of %d bytes is %d bytes", len(s), len(c))
		}
		all = append(all, kept{s, r})
	}
	c, r := a.cloneRef(strings.Repeat("z", arenaMax))
	all = append(all, kept{c, r})
	for i, k := range all {
		if got := a.at(k.r); got != k.s || !sameData(got, a.at(k.r)) {
			t.Fatalf("ref %d names %.20q (%d bytes), want %.20q (%d bytes)", i, got, len(got), k.s, len(k.s))
		}
	}
}

func TestArenaClonesLongStringsApart(t *testing.T) {
	a := &arena{}
	long := strings.Repeat("q", arenaMax+1)
	if c := a.clone(long); c != long || sameData(c, long) || len(a.blocks) != 0 {
		t.Fatalf("a string over arenaMax went to the arena (%d blocks) or was not copied", len(a.blocks))
	}
	if c := a.clone(""); c != "" || len(a.blocks) != 0 {
		t.Fatal("the empty string took arena space")
	}
}

func BenchmarkInternerStr(b *testing.B) {
	in := newInterner(&arena{})
	vals := make([]string, 4096)
	for i := range vals {
		vals[i] = strings.Repeat("x", i%40) + string(rune('A'+i%50)) + strings.Repeat("y", i%7)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		v := vals[i%len(vals)]
		in.str(&v)
	}
}
