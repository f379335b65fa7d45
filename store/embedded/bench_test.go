package embedded

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/kg"
)

// The scale graph: about 100k entity pool, 20k documents, 40 typed
// relationships each; the merged graph has ≥100k nodes and ≥1M edges.
var scale = synth{pool: 100_000, perDoc: 12, edgesPerDoc: 40}

const scaleDocs = 20_000

// bigGraph builds the scale graph once per test binary and returns it
// with its entity node IDs, for random query targets.
var bigGraph = sync.OnceValues(func() (*Store, []string) {
	var ids []string
	start := time.Now()
	s := scale.store(scaleDocs)
	st, _ := s.Stats(context.Background())
	nodes, edges := 0, 0
	for _, c := range st.NodesByKind {
		nodes += c
	}
	for _, c := range st.EdgesByType {
		edges += c
	}
	for _, r := range s.st.nodes {
		if r.n.Kind != kg.KindDocument && r.n.Kind != kg.KindDate {
			ids = append(ids, r.n.ID)
		}
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("scale graph: %d documents, %d nodes, %d edges, built in %v, heap %d MiB\n",
		st.Documents, nodes, edges, time.Since(start).Round(time.Millisecond), ms.HeapAlloc>>20)
	return s, ids
})

// cpuTimes reports the calling thread's CPU time per operation (mean,
// p50, p99): what an operation costs when it does not wait for a CPU,
// which on a shared machine the wall-clock figures include. It sorts cpu.
func cpuTimes(b *testing.B, cpu []time.Duration) {
	if len(cpu) == 0 {
		return
	}
	var total time.Duration
	for _, c := range cpu {
		total += c
	}
	b.ReportMetric(float64(total.Microseconds())/float64(len(cpu)), "cpu-µs/op")
	percentiles(b, cpu, "cpu-")
}

// latencies reports p50 and p99 of the per-operation durations.
func latencies(b *testing.B, ds []time.Duration) { percentiles(b, ds, "") }

func percentiles(b *testing.B, ds []time.Duration, prefix string) {
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds()), prefix+"p50-µs")
	b.ReportMetric(float64(ds[len(ds)*99/100].Microseconds()), prefix+"p99-µs")
}

func BenchmarkNeighborhoodDepth2(b *testing.B) {
	s, ids := bigGraph()
	for _, limit := range []int{100, 1000} {
		b.Run(fmt.Sprintf("limit=%d", limit), func(b *testing.B) {
			r := rand.New(rand.NewPCG(1, 2))
			ds, cpu := timeEach(b, func(int) error {
				sg, err := s.Neighborhood(context.Background(), kg.NeighborhoodQuery{ID: ids[r.IntN(len(ids))], Depth: 2, Limit: limit})
				if err == nil && sg == nil {
					err = errors.New("no subgraph")
				}
				return err
			})
			latencies(b, ds)
			cpuTimes(b, cpu)
		})
	}
}

// timeEach runs op b.N times on one locked thread, timer reset, and
// returns each call's wall time and the thread's CPU time for it; the
// first error fails the benchmark.
func timeEach(b *testing.B, op func(i int) error) (wall, cpu []time.Duration) {
	wall = make([]time.Duration, 0, b.N)
	cpu = make([]time.Duration, 0, b.N)
	lockThread()
	defer unlockThread()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		t, c := time.Now(), threadCPU()
		err := op(i)
		cpu = append(cpu, threadCPU()-c)
		wall = append(wall, time.Since(t))
		if err != nil {
			b.Fatal(err)
		}
	}
	return wall, cpu
}

// BenchmarkNeighborhoodParallel runs depth-2 neighbourhoods from 32
// goroutines, like the 32 concurrent clients.
func BenchmarkNeighborhoodParallel(b *testing.B) {
	s, ids := bigGraph()
	parallelLatencies(b, func(r *rand.Rand, _ int) error {
		_, err := s.Neighborhood(context.Background(), kg.NeighborhoodQuery{ID: ids[r.IntN(len(ids))], Depth: 2, Limit: 100})
		return err
	})
}

// parallelLatencies calls op from 32 goroutines (16 per CPU of two), each
// with its own random source and call counter, and reports the p50 and
// p99 of every call's duration.
func parallelLatencies(b *testing.B, op func(r *rand.Rand, i int) error) {
	var mu sync.Mutex
	var all []time.Duration
	b.SetParallelism(16) // 16 × GOMAXPROCS(2) = 32 goroutines
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		r := rand.New(rand.NewPCG(rand.Uint64(), 3))
		var ds []time.Duration
		for i := r.IntN(1 << 20); pb.Next(); i++ {
			t := time.Now()
			if err := op(r, i); err != nil {
				b.Error(err)
				return
			}
			ds = append(ds, time.Since(t))
		}
		mu.Lock()
		all = append(all, ds...)
		mu.Unlock()
	})
	latencies(b, all)
}

func BenchmarkSearch(b *testing.B) {
	s, ids := bigGraph()
	nodes, _ := s.Nodes(context.Background(), ids[:1000])
	kinds := map[string]func(name string) string{
		"exact":  func(n string) string { return n },
		"prefix": func(n string) string { return n[:5] },
		"typo":   func(n string) string { return n[:3] + n[4:] }, // one letter dropped
	}
	for _, name := range []string{"exact", "prefix", "typo"} {
		b.Run(name, func(b *testing.B) {
			ds := make([]time.Duration, 0, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				q := kinds[name](nodes[i%len(nodes)].Name)
				t := time.Now()
				hits, err := s.Search(context.Background(), kg.SearchQuery{Text: q, First: 10})
				ds = append(ds, time.Since(t))
				if err != nil || len(hits) == 0 {
					b.Fatalf("Search(%q): %d hits, %v", q, len(hits), err)
				}
			}
			latencies(b, ds)
		})
	}
}

func BenchmarkShortestPath(b *testing.B) {
	s, ids := bigGraph()
	r := rand.New(rand.NewPCG(5, 6))
	ds := make([]time.Duration, 0, b.N)
	found := 0
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		t := time.Now()
		p, err := s.ShortestPath(context.Background(), ids[r.IntN(len(ids))], ids[r.IntN(len(ids))], 4)
		ds = append(ds, time.Since(t))
		if err != nil {
			b.Fatal(err)
		}
		if p != nil {
			found++
		}
	}
	latencies(b, ds)
	b.ReportMetric(float64(found)/float64(b.N), "found/op")
}

func BenchmarkPaths(b *testing.B) {
	s, ids := bigGraph()
	r := rand.New(rand.NewPCG(7, 8))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := s.Paths(context.Background(), kg.PathsQuery{From: ids[r.IntN(len(ids))], To: ids[r.IntN(len(ids))], MaxLength: 3, Limit: 10}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEntities(b *testing.B) {
	s, _ := bigGraph()
	ctx := context.Background()
	for _, sort := range []kg.SortField{kg.SortByName, kg.SortByMentions} {
		b.Run(string(sort), func(b *testing.B) {
			p, err := s.Entities(ctx, kg.EntityFilter{Sort: sort, Kinds: []kg.Kind{kg.KindCompany}}, kg.Page{First: 20})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if _, err := s.Entities(ctx, kg.EntityFilter{Sort: sort, Kinds: []kg.Kind{kg.KindCompany}}, kg.Page{First: 20, After: p.Cursors[19]}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkTimeline(b *testing.B) {
	s, ids := bigGraph()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if _, err := s.Timeline(context.Background(), kg.TimelineQuery{About: ids[i%len(ids)], From: "2021", To: "2022"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIngest measures documents per second into a fresh store: in
// memory, and on disk with an fsync per document.
func BenchmarkIngest(b *testing.B) {
	small := synth{pool: 5000, perDoc: 12, edgesPerDoc: 40}
	modes := map[string]func(b *testing.B) *Store{
		"memory": func(*testing.B) *Store { return OpenMemory() },
		"disk-fsync": func(b *testing.B) *Store {
			s, err := Open(b.TempDir())
			if err != nil {
				b.Fatal(err)
			}
			return s
		},
	}
	for _, mode := range []string{"memory", "disk-fsync"} {
		b.Run(mode, func(b *testing.B) {
			s := modes[mode](b)
			defer s.Close()
			docs := make([]*kg.Extraction, b.N)
			for i := range docs {
				docs[i] = small.doc(i)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for _, x := range docs {
				if _, err := s.Ingest(context.Background(), x); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

// BenchmarkReplay measures Open on a log of 2,000 documents: the restart
// cost, since there is no snapshot.
func BenchmarkReplay(b *testing.B) {
	dir := b.TempDir()
	s, err := Open(dir, WithoutSync())
	if err != nil {
		b.Fatal(err)
	}
	const docs = 2000
	for d := range docs {
		if _, err := s.Ingest(context.Background(), scale.doc(d)); err != nil {
			b.Fatal(err)
		}
	}
	s.Close()
	b.ResetTimer()
	for range b.N {
		s, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
	b.ReportMetric(float64(docs*b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkIngestConcurrent ingests from 32 goroutines into an fsync'd
// disk store: group commit lets concurrent documents share one fsync.
func BenchmarkIngestConcurrent(b *testing.B) {
	small := synth{pool: 5000, perDoc: 12, edgesPerDoc: 40}
	s, err := Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var next atomic.Int64
	b.SetParallelism(16)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := s.Ingest(context.Background(), small.doc(int(next.Add(1)))); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkEdgesOf asks for the edges of 20 random entities at once, as a
// dataloader batch of nested relationships does; about one in five is a
// hub with hundreds of edges.
func BenchmarkEdgesOf(b *testing.B) {
	s, ids := bigGraph()
	hubs := make([]string, 0, scale.pool/100)
	for i := range scale.pool / 100 {
		k, name := scale.entity(i)
		hubs = append(hubs, kg.NodeID(k, name))
	}
	r := rand.New(rand.NewPCG(9, 10))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		batch := make([]string, 20)
		for j := range batch {
			if j%5 == 0 {
				batch[j] = hubs[r.IntN(len(hubs))]
			} else {
				batch[j] = ids[r.IntN(len(ids))]
			}
		}
		if _, err := s.EdgesOf(context.Background(), batch, kg.EdgeFilter{}); err != nil {
			b.Fatal(err)
		}
	}
}
