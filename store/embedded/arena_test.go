package embedded

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// Strings cloned into the arena keep their values across many blocks,
// and later clones never write over earlier ones.
func TestArenaKeepsEveryString(t *testing.T) {
	var a arena
	var want, got []string
	for i := range 20000 {
		s := fmt.Sprintf("edge:%d:%s", i, strings.Repeat("x", i%50))
		want = append(want, s)
		got = append(got, a.clone(s))
	}
	long := strings.Repeat("q", arenaMax+1)
	got = append(got, a.clone(long))
	want = append(want, long)
	if !slices.Equal(got, want) {
		t.Fatal("a string changed after later clones")
	}
	if a.clone("") != "" {
		t.Fatal("empty string")
	}
	for i, b := range a.blocks {
		if len(b) > arenaBlock || cap(b) != arenaBlock {
			t.Fatalf("block %d holds %d bytes in %d: a block must never grow", i, len(b), cap(b))
		}
	}
}

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
