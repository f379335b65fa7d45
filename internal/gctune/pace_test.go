package gctune

import (
	"context"
	"runtime"
	"testing"
	"time"
)

func TestPacedPercent(t *testing.T) {
	cases := []struct {
		name           string
		base           int
		live, external int64
		want           int
	}{
		{"nothing outside the heap", 400, 500 << 20, 0, 400},
		{"as much outside as inside", 400, 500 << 20, 500 << 20, 800},
		{"a quarter outside", 100, 300 << 20, 100 << 20, 133},
		{"heap not measured yet", 400, 0, 500 << 20, 400},
		{"almost all outside: capped", 400, 1 << 20, 1 << 30, 400 * maxScale},
	}
	for _, c := range cases {
		if got := pacedPercent(c.base, c.live, c.external); got != c.want {
			t.Errorf("%s: pacedPercent(%d, %d, %d) = %d, want %d", c.name, c.base, c.live, c.external, got, c.want)
		}
	}
}

func TestChanged(t *testing.T) {
	cases := []struct {
		applied, want int
		changed       bool
	}{
		{400, 400, false}, {400, 419, false}, {400, 421, true}, {400, 379, true}, {400, 381, false}, {100, 800, true},
	}
	for _, c := range cases {
		if got := changed(c.applied, c.want); got != c.changed {
			t.Errorf("changed(%d, %d) = %v, want %v", c.applied, c.want, got, c.changed)
		}
	}
}

// pace applies the scaled percentage once the heap has been measured, and
// stops with its context. Live data outside the heap a thousand times the
// heap's hits the cap whatever the heap holds.
func TestPaceSetsTheScaledPercent(t *testing.T) {
	runtime.GC() // so that the live heap has been measured
	ctx, cancel := context.WithCancel(context.Background())
	set := make(chan int, 16)
	done := make(chan struct{})
	go func() {
		pace(ctx, Policy{Percent: 100}, func() int64 { return 1 << 40 }, time.Millisecond, func(p int) { set <- p })
		close(done)
	}()
	select {
	case got := <-set:
		if got != 100*maxScale {
			t.Fatalf("pace set %d, want %d", got, 100*maxScale)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("pace set nothing")
	}
	cancel()
	<-done
	if len(set) != 0 {
		t.Fatalf("pace set the same percent again: %d", <-set)
	}
}

// With the collector off, pace changes nothing and returns at once.
func TestPaceLeavesTheCollectorOff(t *testing.T) {
	pace(context.Background(), Policy{Percent: Off}, func() int64 { return 1 << 40 }, time.Millisecond, func(p int) {
		t.Fatalf("pace set %d with the collector off", p)
	})
}
