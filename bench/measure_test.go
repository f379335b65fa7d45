package bench

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		var d []time.Duration
		for _, n := range ns {
			d = append(d, time.Duration(n)*time.Millisecond)
		}
		return d
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = i + 1
	}
	for _, tc := range []struct {
		name string
		in   []time.Duration
		p    float64
		want time.Duration
	}{
		{"empty", nil, 50, 0},
		{"one", ms(7), 99, 7 * time.Millisecond},
		{"median of odd", ms(1, 2, 3), 50, 2 * time.Millisecond},
		{"median of even is the lower", ms(1, 2, 3, 4), 50, 2 * time.Millisecond},
		{"p99 of 100", ms(hundred...), 99, 99 * time.Millisecond},
		{"p100 is the max", ms(hundred...), 100, 100 * time.Millisecond},
		{"p1 of 100", ms(hundred...), 1, 1 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Percentile(tc.in, tc.p); got != tc.want {
				t.Fatalf("Percentile(%v, %v) = %v, want %v", tc.in, tc.p, got, tc.want)
			}
		})
	}
}

// fakeGraphQL answers like a GraphQL server: bodies containing "bad" get a
// GraphQL error, "boom" an HTTP 500, the rest data after a short delay. It
// records the highest number of requests in flight at once.
func fakeGraphQL(delay time.Duration) (http.Handler, *atomic.Int64) {
	var inFlight, peak atomic.Int64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		body, _ := io.ReadAll(r.Body)
		time.Sleep(delay)
		switch {
		case strings.Contains(string(body), "boom"):
			http.Error(w, "boom", http.StatusInternalServerError)
		case strings.Contains(string(body), "bad"):
			_, _ = w.Write([]byte(`{"errors":[{"message":"bad"}],"data":null}`))
		default:
			_, _ = w.Write([]byte(`{"data":{"__typename":"Query"}}`))
		}
	}), &peak
}

func TestMeasure(t *testing.T) {
	for _, tc := range []struct {
		name       string
		bodies     []string
		load       Workload
		wantReqs   int
		wantErrors int
		wantPeak   int64
	}{
		{"all good, capped by count", []string{`{"query":"ok"}`}, Workload{Clients: 8, Duration: time.Minute, MaxRequests: 200}, 200, 0, 8},
		{"one in four is a GraphQL error", []string{`ok`, `ok`, `ok`, `bad`}, Workload{Clients: 4, Duration: time.Minute, MaxRequests: 100}, 100, 25, 4},
		{"HTTP failures count as errors", []string{`boom`, `ok`}, Workload{Clients: 2, Duration: time.Minute, MaxRequests: 10}, 10, 5, 2},
		{"single client", []string{`ok`}, Workload{Clients: 1, Duration: time.Minute, MaxRequests: 20}, 20, 0, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, peak := fakeGraphQL(2 * time.Millisecond)
			srv := httptest.NewServer(h)
			defer srv.Close()
			op := Op{Name: tc.name}
			for _, b := range tc.bodies {
				op.Bodies = append(op.Bodies, []byte(b))
			}
			r := Measure(context.Background(), NewClient(tc.load.Clients), srv.URL, op, tc.load)
			if r.Requests != tc.wantReqs || r.Errors != tc.wantErrors {
				t.Fatalf("requests %d errors %d, want %d and %d (%s)", r.Requests, r.Errors, tc.wantReqs, tc.wantErrors, r.FirstError)
			}
			if peak.Load() != tc.wantPeak {
				t.Errorf("peak concurrency %d, want %d", peak.Load(), tc.wantPeak)
			}
			if r.P50 < 2*time.Millisecond || r.P99 < r.P50 {
				t.Errorf("p50 %v p99 %v: the handler takes at least 2ms", r.P50, r.P99)
			}
			if (tc.wantErrors > 0) != (r.FirstError != "") {
				t.Errorf("first error %q", r.FirstError)
			}
			if r.AllocPerRequest == 0 {
				t.Errorf("no allocation counted: an HTTP request always allocates")
			}
			want := float64(tc.wantReqs-tc.wantErrors) / r.Elapsed.Seconds()
			if r.Throughput < want*0.99 || r.Throughput > want*1.01 {
				t.Errorf("throughput %.1f, want %.1f", r.Throughput, want)
			}
		})
	}
}

func TestMeasureStopsAtDuration(t *testing.T) {
	h, _ := fakeGraphQL(time.Millisecond)
	srv := httptest.NewServer(h)
	defer srv.Close()
	t0 := time.Now()
	r := Measure(context.Background(), NewClient(4), srv.URL, Op{Name: "x", Bodies: [][]byte{[]byte("ok")}}, Workload{Clients: 4, Duration: 150 * time.Millisecond})
	if d := time.Since(t0); d > 2*time.Second || r.Requests == 0 {
		t.Fatalf("ran %v with %d requests; want to stop near 150ms", d, r.Requests)
	}
}

func TestTable(t *testing.T) {
	got := Table([]Result{{Name: "neighborhood(depth: 2)", Requests: 10, P50: 1500 * time.Microsecond, P99: 12 * time.Millisecond, Throughput: 820.4, Ratio: 0.41,
		CPUPerRequest: 1250 * time.Microsecond, CPURatio: 0.125, AllocPerRequest: 3584, Collections: 2}})
	want := "| neighborhood(depth: 2) | 10 | 0 | 1.50 | 12.00 | 820 | 0.41 | 1.250 | 0.12 | 3.5 | 2 |"
	if !strings.Contains(got, want) || !strings.HasPrefix(got, "| operation |") {
		t.Fatalf("table:\n%s\nwant row %s", got, want)
	}
}

func TestRunAndCheck(t *testing.T) {
	h, _ := fakeGraphQL(0)
	srv := httptest.NewServer(h)
	defer srv.Close()
	ok := Op{Name: "ok", Bodies: [][]byte{[]byte(`{"query":"ok"}`)}}
	slow := Op{Name: "slow", Bodies: [][]byte{[]byte(`{"query":"ok"}`)}}
	res, err := Run(context.Background(), srv.URL, []Op{ok, slow}, Plan{Clients: 2, Duration: 50 * time.Millisecond, Warmup: 10 * time.Millisecond})
	if err != nil || len(res) != 2 || res[0].Ratio != 1 || res[1].Ratio <= 0 {
		t.Fatalf("Run: %+v, %v", res, err)
	}
	// Interleaved rounds add up: each operation gets its whole duration.
	res, err = Run(context.Background(), srv.URL, []Op{ok, slow}, Plan{Clients: 2, Duration: 90 * time.Millisecond, Rounds: 3})
	if err != nil || len(res) != 2 || res[1].Elapsed < 90*time.Millisecond || res[1].Elapsed > 2*time.Second || res[0].Requests == 0 || res[1].Name != "slow" {
		t.Fatalf("Run in rounds: %+v, %v", res, err)
	}
	bad := Op{Name: "bad", Bodies: [][]byte{[]byte(`{"query":"bad"}`)}}
	if _, err := Run(context.Background(), srv.URL, []Op{ok, bad}, Plan{Clients: 2, Duration: 10 * time.Millisecond}); err == nil || !strings.Contains(err.Error(), "bad") {
		t.Fatalf("a GraphQL error must fail the check: %v", err)
	}
	null := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"data":{"path":null}}`))
	}))
	defer null.Close()
	if err := Check(context.Background(), NewClient(1), null.URL, []Op{ok}, 1); err == nil || !strings.Contains(err.Error(), "path is null") {
		t.Fatalf("a null root field must fail the check: %v", err)
	}
}

func TestWithRatios(t *testing.T) {
	rs := []Result{{Throughput: 1000, CPUPerRequest: time.Millisecond}, {Throughput: 250, CPUPerRequest: 8 * time.Millisecond}, {Throughput: 0}}
	WithRatios(rs)
	if rs[0].Ratio != 1 || rs[1].Ratio != 0.25 || rs[2].Ratio != 0 {
		t.Fatalf("ratios %+v", rs)
	}
	if rs[0].CPURatio != 1 || rs[1].CPURatio != 0.125 || rs[2].CPURatio != 0 {
		t.Fatalf("CPU ratios %+v", rs)
	}
	WithRatios(nil) // no ceiling: nothing to do
}

// The runtime figures are deltas: allocating a known amount between two
// samples shows up as at least that amount. Large objects are counted as
// they are allocated (small ones when a span is handed out), so the
// bound is exact.
func TestSampleRuntime(t *testing.T) {
	before := sampleRuntime()
	sink := make([][]byte, 0, 64)
	for i := 0; i < 64; i++ {
		sink = append(sink, make([]byte, 64<<10))
	}
	after := sampleRuntime()
	if got := after.allocBytes - before.allocBytes; got < 64*64<<10 {
		t.Fatalf("allocated %d bytes between samples, want at least %d", got, 64*64<<10)
	}
	runtime.KeepAlive(sink)
}

// A collection that finishes while an operation is measured is counted
// against it.
func TestDriveCountsCollections(t *testing.T) {
	r := Drive(context.Background(), "gc", Workload{Clients: 2, MaxRequests: 4, Duration: 5 * time.Second}, func() func(i int) error {
		return func(i int) error {
			// Two in a row on one goroutine: each call runs a whole cycle
			// of its own, where calls from two goroutines at once may
			// share one.
			if i == 0 {
				runtime.GC()
				runtime.GC()
			}
			return nil
		}
	})
	if r.Requests != 4 || r.Collections < 2 {
		t.Fatalf("%d requests, %d collections counted; want 4 and at least the 2 forced", r.Requests, r.Collections)
	}
}
