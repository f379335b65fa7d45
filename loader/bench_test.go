package loader

import (
	"context"
	"fmt"
	"strings"
	"syscall"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

// benchCorpus builds about size bytes of documents by perturbing the seeds:
// each copy gets a distinct header and shuffled numbers so documents differ
// (different IDs, work not cached) while keeping realistic text.
func benchCorpus(b testing.TB, size int) []kg.DocumentInput {
	seeds := seedInputs(b)
	var out []kg.DocumentInput
	total := 0
	for i := 0; total < size; i++ {
		s := seeds[i%len(seeds)]
		text := fmt.Sprintf("Report %d from desk %d\n\n", i, i%97) +
			strings.NewReplacer("31", fmt.Sprint(10+i%80), "400", fmt.Sprint(100+i%900), "Moscow", []string{"Moscow", "Paris", "Tokyo", "Berlin"}[i%4]).Replace(s.Text)
		out = append(out, kg.DocumentInput{Text: text})
		total += len(text)
	}
	return out
}

// BenchmarkExtract measures extraction throughput (parse, resolve, extract,
// merge into a Memory) at 1x, 2x and 4x of a 10 MB corpus; MB/s staying
// flat across sizes shows the cost is linear in the corpus.
func BenchmarkExtract(b *testing.B) {
	for _, mult := range []int{1, 2, 4} {
		size := mult * 10 << 20
		b.Run(fmt.Sprintf("%dMB", size>>20), func(b *testing.B) {
			docs := benchCorpus(b, size)
			total := 0
			for _, d := range docs {
				total += len(d.Text)
			}
			b.SetBytes(int64(total))
			cpu0 := cpuSeconds()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				mem := NewMemory()
				l := New(mem)
				for _, d := range docs {
					x, err := l.Extract(context.Background(), d)
					if err != nil {
						b.Fatal(err)
					}
					mem.Add(x)
				}
			}
			b.StopTimer()
			// On a shared machine wall time overstates the cost; CPU time
			// of the process gives the throughput one free core would see.
			if cpu := cpuSeconds() - cpu0; cpu > 0 {
				b.ReportMetric(float64(total)*float64(b.N)/1e6/cpu, "cpuMB/s")
			}
		})
	}
}

// cpuSeconds is the user+system CPU time of the process so far.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
