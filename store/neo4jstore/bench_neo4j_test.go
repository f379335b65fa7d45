package neo4jstore

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/kg"
)

// BenchmarkNeo4jLoad measures load throughput into the database behind
// NEO4J_URI in one run: the same rows written with the store's batched
// UNWIND statement (batches of 250) and row at a time (one round trip per
// row), reported as rows/s for each and their ratio.
//
//	NEO4J_URI=bolt://… go test -run '^$' -bench Neo4jLoad -benchtime 1x ./store/neo4jstore
func BenchmarkNeo4jLoad(b *testing.B) {
	const rows, batch = 1000, 250
	ctx := context.Background()
	s := wiped(b)
	gen := func(prefix string) []any {
		out := make([]any, rows)
		for i := range out {
			n := kg.Node{ID: kg.NodeID(kg.KindCompany, fmt.Sprintf("%s %d", prefix, i)), Kind: kg.KindCompany,
				Name: fmt.Sprintf("%s Company %d", prefix, i), Documents: []string{"doc:bench"}}
			out[i] = map[string]any{"id": n.ID, "props": nodeProps(&n)}
		}
		return out
	}
	q := nodeStatement(kg.KindCompany)
	load := func(data []any, size int) float64 {
		start := time.Now()
		for i := 0; i < len(data); i += size {
			end := min(i+size, len(data))
			if _, err := s.write(ctx, q, map[string]any{"rows": data[i:end]}); err != nil {
				b.Fatal(err)
			}
		}
		return float64(len(data)) / time.Since(start).Seconds()
	}
	var batched, single float64
	for i := 0; i < b.N; i++ {
		wiped(b)
		batched = load(gen(fmt.Sprintf("batched%d", i)), batch)
		wiped(b)
		single = load(gen(fmt.Sprintf("single%d", i)), 1)
	}
	b.ReportMetric(batched, "batched-rows/s")
	b.ReportMetric(single, "single-rows/s")
	b.ReportMetric(batched/single, "batched/single")
}
