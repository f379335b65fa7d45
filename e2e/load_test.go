//go:build load

package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestLoad runs LOAD_CLIENTS (200) concurrent clients for LOAD_DURATION
// (60s) on a mix of queries and ingestions against a server (its own
// build, or LOAD_URL with LOAD_PID for RSS), requires zero errors and RSS
// under LOAD_MAX_RSS_MB (1024), and reports throughput, latency and RSS.
//
//	go test -tags load -run TestLoad -v -timeout 10m ./e2e
func TestLoad(t *testing.T) {
	clients := envInt("LOAD_CLIENTS", 200)
	dur := 60 * time.Second
	if d, err := time.ParseDuration(os.Getenv("LOAD_DURATION")); err == nil {
		dur = d
	}
	maxRSS := envInt("LOAD_MAX_RSS_MB", 1024)
	url, pid := os.Getenv("LOAD_URL"), envInt("LOAD_PID", 0)
	if url == "" {
		s := start(t, t.TempDir(), "SEED_DIR=../seed", "LOG_LEVEL=warn")
		url, pid = s.URL, s.cmd.Process.Pid
	}
	client.Transport = &http.Transport{MaxIdleConns: clients * 2, MaxIdleConnsPerHost: clients * 2}
	seeds := seedTexts(t)

	// Real IDs to query around.
	r, err := gql(context.Background(), url, `{ search(query: "Kaspersky", first: 5) { node { id } } entities(first: 50) { edges { node { id } } } }`, nil, "")
	if err != nil || len(r.Errors) > 0 {
		t.Fatalf("warm-up: %v %s", err, r.Raw)
	}
	var ids []string
	for _, m := range regexpIDs(string(r.Raw)) {
		ids = append(ids, m)
	}
	if len(ids) == 0 {
		t.Fatal("no node IDs to query")
	}

	type op struct {
		name   string
		weight int
		run    func(ctx context.Context, rnd *rand.Rand) error
	}
	query := func(q string, vars map[string]any) error {
		r, err := gql(context.Background(), url, q, vars, "")
		if err != nil {
			return err
		}
		if r.Status != 200 || len(r.Errors) > 0 {
			return fmt.Errorf("status %d: %.200s", r.Status, r.Raw)
		}
		return nil
	}
	var docN atomic.Int64
	docN.Store(int64(time.Now().UnixNano() % 1e9))
	ops := []op{
		{"search", 30, func(_ context.Context, rnd *rand.Rand) error {
			terms := []string{"Kaspersky", "Commerce", "Raimondo", "Russia", "ban", "Kaspersk", "software"}
			return query(`query Search($q: String!) { search(query: $q, first: 10) { score node { id name kind } } }`, map[string]any{"q": terms[rnd.IntN(len(terms))]})
		}},
		{"entities", 15, func(_ context.Context, rnd *rand.Rand) error {
			return query(`{ entities(first: 20) { totalCount edges { cursor node { id name kind } } pageInfo { hasNextPage endCursor } } }`, nil)
		}},
		{"neighborhood", 20, func(_ context.Context, rnd *rand.Rand) error {
			return query(`query N($id: ID!) { neighborhood(id: $id, depth: 2, limit: 50) { nodes { id name kind } edges { id type source target evidence { quote start end } } } }`, map[string]any{"id": ids[rnd.IntN(len(ids))]})
		}},
		{"node", 15, func(_ context.Context, rnd *rand.Rand) error {
			return query(`query Node($id: ID!) { node(id: $id) { id name kind aliases mentions(first: 5) { quote } documents(first: 5) { id title } } }`, map[string]any{"id": ids[rnd.IntN(len(ids))]})
		}},
		{"timeline", 10, func(_ context.Context, rnd *rand.Rand) error {
			return query(`{ timeline(from: "2017", to: "2025") { date precision description } }`, nil)
		}},
		{"stats", 5, func(_ context.Context, rnd *rand.Rand) error {
			return query(`{ stats { documents nodes edges } }`, nil)
		}},
		{"ingest", 5, func(ctx context.Context, rnd *rand.Rand) error {
			_, _, err := ingest(ctx, url, map[string]any{"text": syntheticDoc(seeds, int(docN.Add(1))), "publishedAt": "2024-06-21"})
			return err
		}},
	}
	total := 0
	for _, o := range ops {
		total += o.weight
	}

	type stat struct {
		mu   sync.Mutex
		lat  []time.Duration
		errs int
		msgs []string
	}
	stats := make([]*stat, len(ops))
	for i := range stats {
		stats[i] = &stat{}
	}

	rssStart := rssMB(pid)
	var rssMax atomic.Int64
	stopRSS := make(chan struct{})
	var rssSamples []int
	var rssWG sync.WaitGroup
	rssWG.Add(1)
	go func() {
		defer rssWG.Done()
		tk := time.NewTicker(500 * time.Millisecond)
		defer tk.Stop()
		for {
			select {
			case <-stopRSS:
				return
			case <-tk.C:
				v := rssMB(pid)
				rssSamples = append(rssSamples, v)
				if int64(v) > rssMax.Load() {
					rssMax.Store(int64(v))
				}
			}
		}
	}()

	ctx, cancel := context.WithTimeout(context.Background(), dur)
	defer cancel()
	began := time.Now()
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rnd := rand.New(rand.NewPCG(uint64(c), uint64(began.UnixNano())))
			for ctx.Err() == nil {
				k := rnd.IntN(total)
				i := 0
				for k >= ops[i].weight {
					k -= ops[i].weight
					i++
				}
				t0 := time.Now()
				err := ops[i].run(context.Background(), rnd)
				d := time.Since(t0)
				st := stats[i]
				st.mu.Lock()
				st.lat = append(st.lat, d)
				if err != nil {
					st.errs++
					if len(st.msgs) < 3 {
						st.msgs = append(st.msgs, err.Error())
					}
				}
				st.mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(began)
	close(stopRSS)
	rssWG.Wait()

	var all []time.Duration
	errs := 0
	var report strings.Builder
	fmt.Fprintf(&report, "\nload: %d clients for %s against %s\n", clients, elapsed.Round(time.Millisecond), url)
	fmt.Fprintf(&report, "%-13s %8s %8s %8s %8s %8s %6s\n", "operation", "count", "p50", "p95", "p99", "max", "errors")
	for i, o := range ops {
		st := stats[i]
		slices.Sort(st.lat)
		all = append(all, st.lat...)
		errs += st.errs
		fmt.Fprintf(&report, "%-13s %8d %8s %8s %8s %8s %6d\n", o.name, len(st.lat), pct(st.lat, 50), pct(st.lat, 95), pct(st.lat, 99), pct(st.lat, 100), st.errs)
		for _, m := range st.msgs {
			fmt.Fprintf(&report, "    error: %s\n", m)
		}
	}
	slices.Sort(all)
	fmt.Fprintf(&report, "%-13s %8d %8s %8s %8s %8s %6d\n", "all", len(all), pct(all, 50), pct(all, 95), pct(all, 99), pct(all, 100), errs)
	fmt.Fprintf(&report, "throughput: %.0f requests/s; ingested %d documents (%.1f/s)\n", float64(len(all))/elapsed.Seconds(), len(stats[len(ops)-1].lat), float64(len(stats[len(ops)-1].lat))/elapsed.Seconds())
	fmt.Fprintf(&report, "RSS: %d MB at start, peak %d MB, %d MB at end (%d samples)\n", rssStart, rssMax.Load(), rssMB(pid), len(rssSamples))
	t.Log(report.String())
	if errs > 0 {
		t.Errorf("%d errors", errs)
	}
	if pid > 0 && rssMax.Load() > int64(maxRSS) {
		t.Errorf("peak RSS %d MB exceeds %d MB", rssMax.Load(), maxRSS)
	}
}

func pct(d []time.Duration, p int) string {
	if len(d) == 0 {
		return "-"
	}
	i := min(len(d)-1, len(d)*p/100)
	return d[i].Round(100 * time.Microsecond).String()
}

// rssMB reads the resident set size of pid from /proc, 0 when unknown.
func rssMB(pid int) int {
	if pid <= 0 {
		return 0
	}
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return kb / 1024
		}
	}
	return 0
}

// regexpIDs pulls the "id" values out of a JSON response.
func regexpIDs(raw string) []string {
	var seen []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if id, ok := x["id"].(string); ok && !slices.Contains(seen, id) {
				seen = append(seen, id)
			}
			for _, c := range x {
				walk(c)
			}
		case []any:
			for _, c := range x {
				walk(c)
			}
		}
	}
	var v any
	_ = json.Unmarshal([]byte(raw), &v)
	walk(v)
	return seen
}
