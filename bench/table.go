package bench

import (
	"fmt"
	"strings"
	"time"
)

// Table renders results as the markdown table the README shows.
func Table(results []Result) string {
	var b strings.Builder
	b.WriteString("| operation | requests | errors | p50 ms | p99 ms | req/s | ratio to ceiling |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range results {
		fmt.Fprintf(&b, "| %s | %d | %d | %.2f | %.2f | %.0f | %.2f |\n",
			r.Name, r.Requests, r.Errors, ms(r.P50), ms(r.P99), r.Throughput, r.Ratio)
	}
	return b.String()
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
