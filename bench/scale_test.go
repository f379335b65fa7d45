package bench

import (
	"context"
	"flag"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/gctune"
	"github.com/newsgraph/newsgraph/internal/synth"
	"github.com/newsgraph/newsgraph/kg"
)

var scaleFlag = flag.String("scale", "small", "synth preset BenchmarkScale loads: smoke, small or full")

// TestScaleSmoke runs the whole benchmark path at the smallest scale: the
// corpus goes into the embedded store, which must count what the generator
// made, and every operation is answered with data and no error.
func TestScaleSmoke(t *testing.T) {
	cfg, err := synth.Preset("smoke")
	if err != nil {
		t.Fatal(err)
	}
	c, err := synth.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	st, err := OpenEmbedded(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	loaded, err := Load(ctx, st, c, 2)
	if err != nil || loaded.Created != cfg.Documents {
		t.Fatalf("load: %+v, %v", loaded, err)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[kg.Kind]int{kg.KindAgency: cfg.Agencies, kg.KindCompany: cfg.Companies, kg.KindPerson: cfg.Persons,
		kg.KindLocation: cfg.Locations, kg.KindEntity: cfg.Entities, kg.KindOrder: cfg.Orders, kg.KindDocument: cfg.Documents}
	for k, n := range want {
		if stats.NodesByKind[k] != n {
			t.Errorf("store holds %d %s nodes, generator made %d", stats.NodesByKind[k], k, n)
		}
	}
	_, edges := Totals(stats)
	typed := edges - stats.EdgesByType[kg.RelMentions] - stats.EdgesByType[kg.RelPublishedOn]
	if typed != c.Relationships() || stats.EdgesByType[kg.RelPublishedOn] != cfg.Documents {
		t.Errorf("store holds %d typed relationships and %d PUBLISHED_ON; generator made %d and %d",
			typed, stats.EdgesByType[kg.RelPublishedOn], c.Relationships(), cfg.Documents)
	}

	srv := Serve(Handler(st))
	defer srv.Close()
	sample := NewSample(c, 20, 1)
	plan := Plan{Clients: 4, Duration: 150 * time.Millisecond}
	results, err := Run(ctx, srv.URL+"/graphql", Ops(sample), plan)
	if err != nil {
		t.Fatal(err)
	}
	direct, err := RunStore(ctx, StoreOps(st, sample), plan)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range direct {
		if r.Requests == 0 || r.P50 <= 0 {
			t.Errorf("%s: %+v", r.Name, r)
		}
	}
	for _, r := range results {
		if r.Requests == 0 || r.P50 <= 0 || r.Ratio <= 0 {
			t.Errorf("%s: %+v", r.Name, r)
		}
	}
	if md := (Report{Scale: "smoke", Config: cfg, Stats: stats, Loaded: loaded, Results: results, Store: direct}).Markdown(); !strings.Contains(md, "| store "+OpNeighborhood) {
		t.Errorf("report lacks the neighborhood row:\n%s", md)
	}
}

// scaleEnv is the loaded corpus and server every BenchmarkScale
// sub-benchmark shares: loading happens once per test binary.
type scaleEnv struct {
	srv     *httptest.Server
	ops     []Op
	store   []StoreOp
	ceiling float64
}

var (
	envOnce sync.Once
	env     *scaleEnv
	envErr  error
)

func setupScale(b *testing.B) *scaleEnv {
	envOnce.Do(func() {
		// The server's collector policy, applied before loading as
		// scalebench applies it (see there).
		pol, err := gctune.FromEnv(os.LookupEnv)
		if err != nil {
			envErr = err
			return
		}
		b.Logf("collector: %s", pol.Apply())
		cfg, err := synth.Preset(*scaleFlag)
		if err != nil {
			envErr = err
			return
		}
		c, err := synth.New(cfg)
		if err != nil {
			envErr = err
			return
		}
		st, err := OpenEmbedded(b.TempDir())
		if err != nil {
			envErr = err
			return
		}
		loaded, err := Load(context.Background(), st, c, 2)
		if err != nil {
			envErr = err
			return
		}
		stats, _ := st.Stats(context.Background())
		nodes, edges := Totals(stats)
		b.Logf("scale %s: %d nodes, %d edges loaded in %s", *scaleFlag, nodes, edges, loaded.Elapsed)
		sample := NewSample(c, 2000, 1)
		env = &scaleEnv{srv: Serve(Handler(st)), ops: Ops(sample), store: StoreOps(st, sample)}
		envErr = Check(context.Background(), NewClient(1), env.srv.URL+"/graphql", env.ops, 5)
	})
	if envErr != nil {
		b.Fatal(envErr)
	}
	return env
}

// benchKeys are the sub-benchmark names of the operations, in Ops order.
var benchKeys = []string{"ceiling", "search", "neighborhood_depth2", "path", "nested3"}

// BenchmarkScale measures each operation under 32 concurrent clients:
// b.N requests in total, p50 and p99 latency, throughput, and throughput
// as a ratio to the `{ __typename }` ceiling measured in the same run;
// then the store_* sub-benchmarks ask the store the same questions
// directly, which shows how much of the time is GraphQL and HTTP.
// Run: go test ./bench -run '^$' -bench Scale -scale full
func BenchmarkScale(b *testing.B) {
	e := setupScale(b)
	url := e.srv.URL + "/graphql"
	client := NewClient(32)
	for i, op := range e.ops {
		b.Run(benchKeys[i], func(b *testing.B) {
			if i > 0 && e.ceiling == 0 {
				r := Measure(context.Background(), client, url, e.ops[0], Workload{Clients: 32, Duration: 2 * time.Second})
				e.ceiling = r.Throughput
			}
			b.ResetTimer()
			r := Measure(context.Background(), client, url, op, Workload{Clients: 32, Duration: time.Hour, MaxRequests: b.N})
			b.StopTimer()
			if r.Errors > 0 {
				b.Fatalf("%d errors, e.g. %s", r.Errors, r.FirstError)
			}
			if i == 0 {
				e.ceiling = r.Throughput
			}
			b.ReportMetric(ms(r.P50), "p50-ms")
			b.ReportMetric(ms(r.P99), "p99-ms")
			b.ReportMetric(r.Throughput, "req/s")
			b.ReportMetric(r.Throughput/e.ceiling, "ratio")
			b.ReportMetric(float64(r.Collections), "gcs")
		})
	}
	for i, op := range e.store {
		b.Run("store_"+benchKeys[i+1], func(b *testing.B) {
			r := MeasureStore(context.Background(), op, Workload{Clients: 32, Duration: time.Hour, MaxRequests: b.N})
			if r.Errors > 0 {
				b.Fatalf("%d errors, e.g. %s", r.Errors, r.FirstError)
			}
			b.ReportMetric(ms(r.P50), "p50-ms")
			b.ReportMetric(ms(r.P99), "p99-ms")
			b.ReportMetric(r.Throughput, "req/s")
		})
	}
}
