package bench

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/gctune"
	"github.com/newsgraph/newsgraph/internal/synth"
	"github.com/newsgraph/newsgraph/kg"
)

// Report is one run of the scale benchmark, as the README records it.
type Report struct {
	Scale   string
	Config  synth.Config
	Stats   *kg.Stats
	Loaded  Loaded
	Plan    Plan
	Results []Result
	Store   []Result // the same questions asked of the store directly
	// GC is the collector policy the run applied, as the server applies
	// its own (package gctune); zero when the run left the runtime's.
	GC gctune.Policy
}

// Totals sums the store's counts: nodes (documents included) and edges.
func Totals(s *kg.Stats) (nodes, edges int) {
	if s == nil {
		return 0, 0
	}
	for _, n := range s.NodesByKind {
		nodes += n
	}
	for _, n := range s.EdgesByType {
		edges += n
	}
	return nodes, edges
}

// Markdown renders the report: the corpus, the machine, and the table.
func (r Report) Markdown() string {
	var b strings.Builder
	nodes, edges := Totals(r.Stats)
	fmt.Fprintf(&b, "Scale `%s` (%s): %d nodes, %d edges", r.Scale, r.Config, nodes, edges)
	if r.Stats != nil {
		mentions := r.Stats.EdgesByType[kg.RelMentions]
		fmt.Fprintf(&b, " (%d typed relationships, %d MENTIONS)", edges-mentions, mentions)
	}
	fmt.Fprintf(&b, ", loaded in %s.\n\n", r.Loaded.Elapsed.Round(time.Second))
	if r.Stats != nil {
		var kinds []string
		for k, n := range r.Stats.NodesByKind {
			kinds = append(kinds, fmt.Sprintf("%s %d", k, n))
		}
		sort.Strings(kinds)
		fmt.Fprintf(&b, "Nodes by kind: %s.\n\n", strings.Join(kinds, ", "))
	}
	gc := "the runtime's default collector"
	if r.GC != (gctune.Policy{}) {
		gc = r.GC.String()
	}
	fmt.Fprintf(&b, "%d concurrent clients, %s measured per operation after %s warm-up, %s; %s %s/%s, GOMAXPROCS=%d on %d CPUs (client and server share them), %s.\n\n",
		r.Plan.Clients, r.Plan.Duration, r.Plan.Warmup, rounds(r.Plan.Rounds), runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.GOMAXPROCS(0), runtime.NumCPU(), gc)
	b.WriteString(Table(r.Results))
	if len(r.Store) > 0 {
		b.WriteString("\nThe same questions asked of the store directly (no GraphQL, no HTTP), same clients and duration:\n\n")
		b.WriteString(Table(r.Store))
	}
	return b.String()
}

// rounds says how the operations' measurements were interleaved.
func rounds(n int) string {
	if n <= 1 {
		return "one operation after another"
	}
	return fmt.Sprintf("interleaved in %d rounds (each operation in turn, 1/%d of its time per round)", n, n)
}
