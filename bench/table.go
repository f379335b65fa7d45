package bench

import (
	"fmt"
	"strings"
	"time"
)

// Table renders results as the markdown table the README shows. Ratios
// are shown only where a ceiling applies (GraphQL operations). GCs counts
// the collections that finished while the operation was measured.
func Table(results []Result) string {
	var b strings.Builder
	b.WriteString("| operation | requests | errors | p50 ms | p99 ms | req/s | ratio to ceiling | CPU ms/req | CPU ratio | KB alloc/req | GCs |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range results {
		ratio, cpuRatio := "n/a", "n/a"
		if r.Ratio > 0 {
			ratio = fmt.Sprintf("%.2f", r.Ratio)
		}
		if r.CPURatio > 0 {
			cpuRatio = fmt.Sprintf("%.2f", r.CPURatio)
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %.2f | %.2f | %.0f | %s | %.3f | %s | %.1f | %d |\n",
			r.Name, r.Requests, r.Errors, ms(r.P50), ms(r.P99), r.Throughput, ratio, ms(r.CPUPerRequest), cpuRatio,
			float64(r.AllocPerRequest)/1024, r.Collections)
	}
	return b.String()
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
