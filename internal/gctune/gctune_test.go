package gctune

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
)

func TestParsePercent(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"400", 400, true},
		{" 100 ", 100, true},
		{"1", 1, true},
		{"off", Off, true},
		{"0", 0, false},
		{"-5", 0, false},
		{"100001", 0, false},
		{"4e2", 0, false},
		{"", DefaultPercent, true},
		{"OFF", 0, false},
	} {
		got, err := ParsePercent(c.in)
		if (err == nil) != c.ok || (c.ok && got != c.want) {
			t.Errorf("ParsePercent(%q) = %d, %v; want %d, ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}

func TestParseLimit(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"4GiB", 4 << 30, true},
		{"512MiB", 512 << 20, true},
		{"1TiB", 1 << 40, true},
		{"67108864", 64 << 20, true},
		{"67108864B", 64 << 20, true},
		{"65536KiB", 64 << 20, true},
		{"auto", 0, true},
		{"off", Off, true},
		{"63MiB", 0, false},      // below the floor
		{"4GB", 0, false},        // the runtime knows no decimal units
		{"4 GiB", 0, false},      // nor spaces inside
		{"+4GiB", 0, false},      // nor signs
		{"-4GiB", 0, false},      //
		{"1.5GiB", 0, false},     // nor fractions
		{"GiB", 0, false},        //
		{"9000000TiB", 0, false}, // overflows
		{"", 0, true},
	} {
		got, err := ParseLimit(c.in)
		if (err == nil) != c.ok || (c.ok && got != c.want) {
			t.Errorf("ParseLimit(%q) = %d, %v; want %d, ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}

func TestFromEnv(t *testing.T) {
	env := func(m map[string]string) func(string) (string, bool) {
		return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
	}
	p, err := FromEnv(env(nil))
	if err != nil || p != (Policy{Percent: DefaultPercent, Limit: 0}) {
		t.Fatalf("unset: %+v, %v", p, err)
	}
	p, err = FromEnv(env(map[string]string{"GOGC": "150", "GOMEMLIMIT": "2GiB"}))
	if err != nil || p != (Policy{Percent: 150, Limit: 2 << 30}) {
		t.Fatalf("set: %+v, %v", p, err)
	}
	if _, err := FromEnv(env(map[string]string{"GOGC": "lots"})); err == nil || err.Error() != `invalid GOGC="lots": want "off" or a whole number from 1 to 100000` {
		t.Fatalf("bad GOGC: %v", err)
	}
	if _, err := FromEnv(env(map[string]string{"GOMEMLIMIT": "2GB"})); err == nil {
		t.Fatal("bad GOMEMLIMIT accepted")
	}
}

func TestResolve(t *testing.T) {
	for _, c := range []struct {
		in     Policy
		memory int64
		want   int64
	}{
		{Policy{Limit: 0}, 10 << 30, 7 << 30},
		{Policy{Limit: 0}, 0, Off},
		{Policy{Limit: 3 << 30}, 10 << 30, 3 << 30},
		{Policy{Limit: Off}, 10 << 30, Off},
	} {
		if got := c.in.Resolve(c.memory).Limit; got != c.want {
			t.Errorf("%+v.Resolve(%d).Limit = %d, want %d", c.in, c.memory, got, c.want)
		}
	}
}

func TestString(t *testing.T) {
	for _, c := range []struct {
		p    Policy
		want string
	}{
		{Policy{Percent: 400, Limit: 0}, "GOGC=400 GOMEMLIMIT=auto"},
		{Policy{Percent: Off, Limit: 3 << 29}, "GOGC=off GOMEMLIMIT=1.5GiB"},
		{Policy{Percent: 100, Limit: Off}, "GOGC=100 GOMEMLIMIT=off"},
	} {
		if got := c.p.String(); got != c.want {
			t.Errorf("%+v.String() = %q, want %q", c.p, got, c.want)
		}
	}
}

// MachineMemory reads something on Linux, where /proc and the cgroup
// files exist, and never more than the machine has.
func TestMachineMemory(t *testing.T) {
	n := MachineMemory()
	if runtime.GOOS == "linux" && n <= 0 {
		t.Fatalf("MachineMemory() = %d on Linux", n)
	}
	t.Logf("MachineMemory() = %.1f GiB", float64(n)/(1<<30))
}

func TestApply(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	got := Policy{Percent: 250, Limit: 1 << 30}.Apply()
	if got != (Policy{Percent: 250, Limit: 1 << 30}) {
		t.Fatalf("Apply returned %+v", got)
	}
	if pc := debug.SetGCPercent(100); pc != 250 {
		t.Errorf("GC percent %d, want 250", pc)
	}
	if lim := debug.SetMemoryLimit(-1); lim != 1<<30 {
		t.Errorf("memory limit %d, want 1GiB", lim)
	}
	Policy{Percent: Off, Limit: Off}.Apply()
	if pc := debug.SetGCPercent(100); pc != -1 {
		t.Errorf("GC percent %d, want off", pc)
	}
	if lim := debug.SetMemoryLimit(-1); lim != math.MaxInt64 {
		t.Errorf("memory limit %d, want none", lim)
	}
}
