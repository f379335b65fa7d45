package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Op is one kind of request: a name and the GraphQL bodies to post, used
// round-robin so that clients ask about many different nodes.
type Op struct {
	Name   string
	Bodies [][]byte
}

// Workload says how hard and how long to drive an Op.
type Workload struct {
	Clients     int           // concurrent clients, each with one request in flight
	Duration    time.Duration // stop starting requests after this long
	MaxRequests int           // and after this many (0: no cap)
}

// Result is what Measure saw. Latencies are per request, from send to the
// last byte of the answer.
type Result struct {
	Name       string
	Requests   int
	Errors     int    // non-200 answers, transport failures and GraphQL errors
	FirstError string // an example, for the report
	P50, P99   time.Duration
	Elapsed    time.Duration
	Throughput float64 // successful requests per second
	// CPUPerRequest is the process's CPU time (user and system, all
	// threads: clients, server and runtime) over the requests. Unlike
	// latency it barely moves when other processes compete for the cores.
	CPUPerRequest time.Duration
	Ratio         float64 // Throughput over the ceiling's, when one is given
	// CPURatio is the ceiling's CPU per request over this one's: what
	// Ratio would be if CPU were the only limit. Neighbours on a shared
	// machine move Ratio (the ceiling is measured seconds earlier, under
	// another load) but barely move this.
	CPURatio float64
	// AllocPerRequest is the heap bytes allocated per request, the
	// clients' included.
	AllocPerRequest uint64
	// Collections is how many garbage collections finished during the
	// measurement. One that started before it and finished after is not
	// counted; one that finished in it may have started before.
	Collections int
}

// errorsKey marks a GraphQL response that carries errors.
var errorsKey = []byte(`"errors":[`)

// Measure drives op against url (a GraphQL endpoint taking POST
// application/json) with load.Clients concurrent clients until the
// duration or the request cap runs out.
func Measure(ctx context.Context, client *http.Client, url string, op Op, load Workload) Result {
	return measure(ctx, client, url, op, load).result()
}

func measure(ctx context.Context, client *http.Client, url string, op Op, load Workload) tally {
	return drive(ctx, op.Name, load, func() func(i int) error {
		buf := new(bytes.Buffer)
		return func(i int) error {
			return post(ctx, client, url, op.Bodies[i%len(op.Bodies)], buf)
		}
	})
}

// Drive runs load.Clients goroutines, each calling its own instance of the
// function newClient makes with request numbers 0, 1, 2... shared across
// clients, until the duration or the cap runs out, and times every call.
func Drive(ctx context.Context, name string, load Workload, newClient func() func(i int) error) Result {
	return drive(ctx, name, load, newClient).result()
}

// tally is what one drive counted, before percentiles are taken, so that
// the slices of an interleaved run add up to one result.
type tally struct {
	name     string
	lat      []time.Duration
	errs     int
	firstErr string
	elapsed  time.Duration
	cpu      time.Duration
	alloc    uint64
	gcs      uint64
}

// add counts o's requests, time and allocation into t.
func (t *tally) add(o tally) {
	t.name = o.name
	t.lat = append(t.lat, o.lat...)
	t.errs += o.errs
	if t.firstErr == "" {
		t.firstErr = o.firstErr
	}
	t.elapsed += o.elapsed
	t.cpu += o.cpu
	t.alloc += o.alloc
	t.gcs += o.gcs
}

func (t tally) result() Result {
	slices.Sort(t.lat)
	r := Result{Name: t.name, Requests: len(t.lat), Errors: t.errs, FirstError: t.firstErr, Elapsed: t.elapsed,
		P50: Percentile(t.lat, 50), P99: Percentile(t.lat, 99), Collections: int(t.gcs)}
	if t.elapsed > 0 {
		r.Throughput = float64(r.Requests-r.Errors) / t.elapsed.Seconds()
	}
	if r.Requests > 0 && t.cpu > 0 {
		r.CPUPerRequest = t.cpu / time.Duration(r.Requests)
	}
	if r.Requests > 0 {
		r.AllocPerRequest = t.alloc / uint64(r.Requests)
	}
	return r
}

func drive(ctx context.Context, name string, load Workload, newClient func() func(i int) error) tally {
	if load.Clients < 1 {
		load.Clients = 1
	}
	var (
		next     atomic.Int64
		errs     atomic.Int64
		firstErr atomic.Value
		wg       sync.WaitGroup
	)
	lat := make([][]time.Duration, load.Clients)
	cpu0, rt0 := cpuTime(), sampleRuntime()
	start := time.Now()
	deadline := start.Add(load.Duration)
	for c := 0; c < load.Clients; c++ {
		wg.Add(1)
		do := newClient()
		go func(c int) {
			defer wg.Done()
			for ctx.Err() == nil && time.Now().Before(deadline) {
				i := next.Add(1) - 1
				if load.MaxRequests > 0 && i >= int64(load.MaxRequests) {
					return
				}
				t0 := time.Now()
				err := do(int(i))
				lat[c] = append(lat[c], time.Since(t0))
				if err != nil {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
				}
			}
		}(c)
	}
	wg.Wait()
	t := tally{name: name, elapsed: time.Since(start), errs: int(errs.Load())}
	rt1 := sampleRuntime()
	t.cpu = cpuTime() - cpu0
	t.alloc = rt1.allocBytes - rt0.allocBytes
	t.gcs = rt1.gcCycles - rt0.gcCycles
	for _, l := range lat {
		t.lat = append(t.lat, l...)
	}
	if s, ok := firstErr.Load().(string); ok {
		t.firstErr = s
	}
	return t
}

// post sends one request and fails unless it is answered without error;
// buf is reused to read answers.
func post(ctx context.Context, client *http.Client, url string, body []byte, buf *bytes.Buffer) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	buf.Reset()
	if _, err := io.Copy(buf, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d: %.200s", resp.StatusCode, buf.Bytes())
	}
	if bytes.Contains(buf.Bytes(), errorsKey) {
		return fmt.Errorf("GraphQL error: %.300s", buf.Bytes())
	}
	return nil
}

// Percentile is the nearest-rank p-th percentile (0 < p <= 100) of sorted
// durations, or 0 for none.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p/100*float64(len(sorted)))) - 1
	rank = max(0, min(rank, len(sorted)-1))
	return sorted[rank]
}

// NewClient returns an HTTP client that keeps one connection per
// concurrent client alive, so the benchmark measures the server rather
// than TCP handshakes.
func NewClient(clients int) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = clients * 2
	t.MaxIdleConnsPerHost = clients * 2
	t.MaxConnsPerHost = 0
	return &http.Client{Transport: t, Timeout: 30 * time.Second}
}
