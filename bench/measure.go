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
	Ratio      float64 // Throughput over the ceiling's, when one is given
}

// errorsKey marks a GraphQL response that carries errors.
var errorsKey = []byte(`"errors":[`)

// Measure drives op against url (a GraphQL endpoint taking POST
// application/json) with load.Clients concurrent clients until the
// duration or the request cap runs out.
func Measure(ctx context.Context, client *http.Client, url string, op Op, load Workload) Result {
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
	start := time.Now()
	deadline := start.Add(load.Duration)
	fail := func(msg string) {
		errs.Add(1)
		firstErr.CompareAndSwap(nil, msg)
	}
	for c := 0; c < load.Clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			buf := new(bytes.Buffer)
			for ctx.Err() == nil && time.Now().Before(deadline) {
				i := next.Add(1) - 1
				if load.MaxRequests > 0 && i >= int64(load.MaxRequests) {
					return
				}
				body := op.Bodies[int(i)%len(op.Bodies)]
				t0 := time.Now()
				ok, msg := post(ctx, client, url, body, buf)
				lat[c] = append(lat[c], time.Since(t0))
				if !ok {
					fail(msg)
				}
			}
		}(c)
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	slices.Sort(all)
	r := Result{Name: op.Name, Requests: len(all), Errors: int(errs.Load()), Elapsed: elapsed,
		P50: Percentile(all, 50), P99: Percentile(all, 99)}
	if s, ok := firstErr.Load().(string); ok {
		r.FirstError = s
	}
	if elapsed > 0 {
		r.Throughput = float64(r.Requests-r.Errors) / elapsed.Seconds()
	}
	return r
}

// post sends one request and reports whether it was answered without
// error; buf is reused to read answers.
func post(ctx context.Context, client *http.Client, url string, body []byte, buf *bytes.Buffer) (bool, string) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return false, err.Error()
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return false, err.Error()
	}
	defer resp.Body.Close()
	buf.Reset()
	if _, err := io.Copy(buf, resp.Body); err != nil {
		return false, err.Error()
	}
	if resp.StatusCode != http.StatusOK {
		return false, fmt.Sprintf("HTTP %d: %.200s", resp.StatusCode, buf.Bytes())
	}
	if bytes.Contains(buf.Bytes(), errorsKey) {
		return false, fmt.Sprintf("GraphQL error: %.300s", buf.Bytes())
	}
	return true, ""
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
