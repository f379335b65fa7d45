package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"time"
)

// Plan says how to drive each operation of a run.
type Plan struct {
	Clients  int           // concurrent clients (the issue asks for 32)
	Duration time.Duration // measured time per operation
	Warmup   time.Duration // unmeasured time per operation before it
	// Rounds splits each operation's warm-up and measured time into this
	// many slices, taken in turn with the other operations' (ceiling, A,
	// B, ceiling, A, B...), so that a ratio compares throughputs measured
	// over the same stretch of time, not seconds or minutes apart while
	// the machine's other load or the collector's phase changes. 0 or 1:
	// each operation in one piece.
	Rounds int
}

// Run checks that every operation is answered with data, then measures
// them, interleaved in p.Rounds rounds. The first operation is the
// ceiling: every later result gets its throughput as a ratio to the
// ceiling's.
func Run(ctx context.Context, url string, ops []Op, p Plan) ([]Result, error) {
	client := NewClient(p.Clients)
	if err := Check(ctx, client, url, ops, 5); err != nil {
		return nil, err
	}
	// Start from a collected heap, so garbage left by whatever ran
	// before (loading the corpus) is not charged to the first operation.
	runtime.GC()
	rounds := max(p.Rounds, 1)
	tallies := make([]tally, len(ops))
	for range rounds {
		for i, op := range ops {
			if p.Warmup > 0 {
				measure(ctx, client, url, op, Workload{Clients: p.Clients, Duration: p.Warmup / time.Duration(rounds)})
			}
			t := measure(ctx, client, url, op, Workload{Clients: p.Clients, Duration: p.Duration / time.Duration(rounds)})
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if t.errs > 0 {
				return nil, fmt.Errorf("%s: %d of %d requests failed, e.g. %s", op.Name, t.errs, len(t.lat), t.firstErr)
			}
			tallies[i].add(t)
		}
	}
	results := make([]Result, len(ops))
	for i, t := range tallies {
		results[i] = t.result()
	}
	WithRatios(results)
	return results, nil
}

// RunStore measures the store-only operations under the same plan.
func RunStore(ctx context.Context, ops []StoreOp, p Plan) ([]Result, error) {
	var results []Result
	for _, op := range ops {
		if p.Warmup > 0 {
			MeasureStore(ctx, op, Workload{Clients: p.Clients, Duration: p.Warmup})
		}
		r := MeasureStore(ctx, op, Workload{Clients: p.Clients, Duration: p.Duration})
		if r.Errors > 0 {
			return results, fmt.Errorf("%s: %d of %d calls failed, e.g. %s", op.Name, r.Errors, r.Requests, r.FirstError)
		}
		if ctx.Err() != nil {
			return results, ctx.Err()
		}
		results = append(results, r)
	}
	return results, nil
}

// WithRatios sets each result's Ratio to its throughput over the first
// result's (the ceiling), and CPURatio to the ceiling's CPU per request
// over its own.
func WithRatios(results []Result) {
	if len(results) == 0 || results[0].Throughput == 0 {
		return
	}
	for i := range results {
		results[i].Ratio = results[i].Throughput / results[0].Throughput
		if c := results[i].CPUPerRequest; c > 0 {
			results[i].CPURatio = float64(results[0].CPUPerRequest) / float64(c)
		}
	}
}

// Check posts the first n bodies of each op once and fails unless each
// answer has no errors and a non-null value for every root field: a
// benchmark of requests that find nothing would measure nothing.
func Check(ctx context.Context, client *http.Client, url string, ops []Op, n int) error {
	for _, op := range ops {
		for i, b := range op.Bodies {
			if i >= n {
				break
			}
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(b))
			if err != nil {
				return err
			}
			req.Header.Set("Content-Type", "application/json")
			resp, err := client.Do(req)
			if err != nil {
				return fmt.Errorf("%s: %w", op.Name, err)
			}
			raw, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				return fmt.Errorf("%s: %w", op.Name, err)
			}
			var out struct {
				Data   map[string]json.RawMessage `json:"data"`
				Errors []json.RawMessage          `json:"errors"`
			}
			if err := json.Unmarshal(raw, &out); err != nil || resp.StatusCode != http.StatusOK || len(out.Errors) > 0 || len(out.Data) == 0 {
				return fmt.Errorf("%s: request %s answered HTTP %d: %.300s", op.Name, b, resp.StatusCode, raw)
			}
			for field, v := range out.Data {
				if string(v) == "null" {
					return fmt.Errorf("%s: %s is null for request %s", op.Name, field, b)
				}
			}
		}
	}
	return nil
}
