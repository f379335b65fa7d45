// Package gctune sets the Go collector's policy for a process that keeps a
// large graph in memory.
//
// With the runtime's default (GOGC=100) a collection starts each time the
// garbage made since the last one equals the live heap, and every
// collection marks the whole live heap again. For this server nearly all
// of the live heap is the embedded store, which does not change between
// requests, so a larger percentage trades memory for fewer collections
// of the same graph. A memory limit keeps that trade from growing the
// heap past what the machine or container has: near it the runtime
// collects earlier. The automatic limit is a share of the container's
// memory limit read from its cgroup (by github.com/KimMachineGun/
// automemlimit), or of the machine's memory outside a container.
//
// Both settings use the runtime's own variables and syntax (GOGC,
// GOMEMLIMIT), so a value set in the environment means the same to the
// runtime at start-up and to this package.
package gctune

import (
	"fmt"
	"math"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/KimMachineGun/automemlimit/memlimit"
)

// DefaultPercent is the GOGC this server runs with unless told otherwise:
// the graph is most of the live heap and changes slowly, so collecting at
// the runtime's 100 would mostly re-mark it (bench/RESULTS.md holds the
// paired runs).
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

// MachineMemory is the memory this process may use: the container's
// cgroup limit when there is one, else the machine's total; 0 when
// neither can be read.
func MachineMemory() int64 {
	n, err := memlimit.ApplyFallback(memlimit.FromCgroup, memlimit.FromSystem)()
	if err != nil || n == 0 || n > math.MaxInt64 {
		return 0
	}
	return int64(n)
}
