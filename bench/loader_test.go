package bench

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/internal/synth"
	"github.com/newsgraph/newsgraph/kg"
	"github.com/newsgraph/newsgraph/loader"
)

// BenchmarkLoaderSynthetic runs the real text loader over the synthetic
// documents' raw text and reports its speed and how much of what the
// generator wrote it recovers: nodes and typed relationships whose IDs
// match. Synthetic names are invented, so only general knowledge (titles,
// suffixes, verbs, sentence shapes) can find them; recall here shows how
// far the loader generalises beyond the names it was tuned on.
// Run: go test ./bench -run '^$' -bench LoaderSynthetic
func BenchmarkLoaderSynthetic(b *testing.B) {
	cfg, err := synth.Preset("small")
	if err != nil {
		b.Fatal(err)
	}
	c, err := synth.New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	l := loader.New(nil)
	ctx := context.Background()
	var edgesFound, edgesTotal, nodesFound, nodesTotal int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x, err := l.Extract(ctx, c.Input(i%c.Len()))
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		want := c.Extraction(i % c.Len())
		got := map[string]bool{}
		for _, n := range x.Nodes {
			got[n.ID] = true
		}
		for _, e := range x.Edges {
			got[e.ID] = true
		}
		for _, n := range want.Nodes {
			nodesTotal++
			if got[n.ID] {
				nodesFound++
			}
		}
		for _, e := range want.Edges {
			if e.Type != kg.RelMentions {
				edgesTotal++
				if got[e.ID] {
					edgesFound++
				}
			}
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(nodesFound)/float64(max(nodesTotal, 1)), "node-recall")
	b.ReportMetric(float64(edgesFound)/float64(max(edgesTotal, 1)), "edge-recall")
}
