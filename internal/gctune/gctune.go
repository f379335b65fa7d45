// Package gctune sets the Go collector's policy for a process that keeps a
// large graph in memory.
//
// With the runtime's default (GOGC=100) a collection starts each time the
// garbage made since the last one equals the live heap, and every
// collection marks the whole live heap again. For this server nearly all
// of the live heap is the embedded store, which does not change between
// requests, so under load the collector spent most of its time re-marking
// the same graph: at the scale benchmark's size a cycle took about two
// seconds of wall time every four to six seconds, and requests answered
// during those seconds made most of the slowest one per cent. A larger
// percentage collects less often for more memory; a memory limit keeps
// that trade from growing the heap past what the machine has, because the
// runtime collects earlier as the heap nears it.
//
// The policy is for a serving process, and the server applies it once its
// store is open. Replaying the store's log is the opposite case: most of
// what it allocates stays live, and a whole-graph load at 400 took 41 s
// and 4.4 GB against 35 s and 2.2 GB at 100. Documents ingested while
// serving are ingested under the policy, which also packs their records
// more closely (see the scale benchmark).
//
// Both settings use the runtime's own variables and syntax (GOGC,
// GOMEMLIMIT), so a value set in the environment means the same to the
// runtime at start-up and to this package.
package gctune

import (
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// DefaultPercent is the GOGC this server runs with unless told otherwise.
// In paired runs of the scale benchmark's neighbourhood query it cut p99
// from 21–23 ms at 100 to 13.8 ms (bench/RESULTS.md); 200 and 300 were not
// measured for the tail.
const DefaultPercent = 400

// autoShare is the part of the machine's (or container's) memory that the
// automatic memory limit allows the heap; the rest is for the goroutine
// stacks, the runtime's own structures, the page cache and other processes.
const autoShare = 0.7

// Off is the Percent of a disabled collector and the Limit of no limit, as
// in the runtime's "off".
const Off = -1

// Policy is a collector setting. Percent is GOGC (Off: collect only at the
// limit); Limit is the soft memory limit in bytes (0: automatic, see
// Resolve; Off: none).
type Policy struct {
	Percent int
	Limit   int64
}

// Default is the policy when neither GOGC nor GOMEMLIMIT is set.
func Default() Policy { return Policy{Percent: DefaultPercent} }

// FromEnv is the policy the environment asks for: GOGC and GOMEMLIMIT
// where set, the defaults where not. lookupEnv is os.LookupEnv in
// production.
func FromEnv(lookupEnv func(string) (string, bool)) (Policy, error) {
	p := Default()
	if v, ok := lookupEnv("GOGC"); ok {
		n, err := ParsePercent(v)
		if err != nil {
			return p, fmt.Errorf("invalid GOGC=%q: %v", v, err)
		}
		p.Percent = n
	}
	if v, ok := lookupEnv("GOMEMLIMIT"); ok {
		n, err := ParseLimit(v)
		if err != nil {
			return p, fmt.Errorf("invalid GOMEMLIMIT=%q: %v", v, err)
		}
		p.Limit = n
	}
	return p, nil
}

// ParsePercent reads a GOGC value: "off" or a whole number from 1 to
// 100000; empty, as the runtime reads it, is the default (DefaultPercent).
func ParsePercent(v string) (int, error) {
	v = strings.TrimSpace(v)
	switch v {
	case "off":
		return Off, nil
	case "":
		return DefaultPercent, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 100000 {
		return 0, fmt.Errorf(`want "off" or a whole number from 1 to 100000`)
	}
	return n, nil
}

// ParseLimit reads a GOMEMLIMIT value as the runtime does (a byte count
// with an optional unit B, KiB, MiB, GiB or TiB, or "off"), and also
// "auto", which is 0; empty, as the runtime reads it, is the default
// (auto).
func ParseLimit(v string) (int64, error) {
	v = strings.TrimSpace(v)
	switch v {
	case "off":
		return Off, nil
	case "auto", "":
		return 0, nil
	}
	digits, mult := v, int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40}, {"B", 1}} {
		if strings.HasSuffix(v, u.suffix) {
			digits, mult = strings.TrimSuffix(v, u.suffix), u.m
			break
		}
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || n < 1 || digits[0] == '+' {
		return 0, fmt.Errorf(`want "off", "auto" or a size such as 4GiB or 512MiB`)
	}
	if n > math.MaxInt64/mult {
		return 0, fmt.Errorf("too large")
	}
	if n*mult < 64<<20 {
		return 0, fmt.Errorf("must be at least 64MiB")
	}
	return n * mult, nil
}

// Resolve replaces the automatic limit by autoShare of memory, the bytes
// the process may use (see MachineMemory); with memory unknown (0) it
// means no limit.
func (p Policy) Resolve(memory int64) Policy {
	if p.Limit == 0 {
		p.Limit = Off
		if memory > 0 {
			p.Limit = int64(float64(memory) * autoShare)
		}
	}
	return p
}

// Apply makes p the process's policy, resolving an automatic limit
// against MachineMemory, and returns what it applied.
func (p Policy) Apply() Policy {
	p = p.Resolve(MachineMemory())
	debug.SetGCPercent(p.Percent)
	limit := p.Limit
	if limit == Off {
		limit = math.MaxInt64
	}
	debug.SetMemoryLimit(limit)
	return p
}

// String shows the policy as its variables: "GOGC=400 GOMEMLIMIT=16.8GiB".
func (p Policy) String() string {
	pc := "off"
	if p.Percent != Off {
		pc = strconv.Itoa(p.Percent)
	}
	var lim string
	switch p.Limit {
	case Off:
		lim = "off"
	case 0:
		lim = "auto"
	default:
		lim = strconv.FormatFloat(float64(p.Limit)/(1<<30), 'f', 1, 64) + "GiB"
	}
	return "GOGC=" + pc + " GOMEMLIMIT=" + lim
}

// MachineMemory is the memory this process may use: the container's limit
// (cgroup v2 memory.max, or v1 memory.limit_in_bytes) when there is one
// below the machine's, else the machine's total; 0 when neither can be
// read (other systems than Linux).
func MachineMemory() int64 {
	total := meminfoTotal(readFile("/proc/meminfo"))
	for _, f := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		if n := cgroupLimit(readFile(f)); n > 0 && (total == 0 || n < total) {
			return n
		}
	}
	return total
}

func readFile(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return string(b)
}

// meminfoTotal reads MemTotal (in kB) from the text of /proc/meminfo.
func meminfoTotal(text string) int64 {
	for line := range strings.Lines(text) {
		rest, ok := strings.CutPrefix(line, "MemTotal:")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) == 0 {
			return 0
		}
		kb, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil || kb <= 0 {
			return 0
		}
		return kb << 10
	}
	return 0
}

// cgroupLimit reads a cgroup memory limit file: a byte count, or "max" (no
// limit, 0).
func cgroupLimit(text string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64)
	if err != nil || n <= 0 || n >= math.MaxInt64/2 {
		return 0
	}
	return n
}
