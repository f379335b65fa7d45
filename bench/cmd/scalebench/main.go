// Command scalebench runs the scale benchmark and prints a markdown report:
// it generates the synthetic corpus, loads it into the embedded store,
// serves the GraphQL handler on a loopback port and measures search,
// neighborhood(depth: 2), path and a three-level nested query under
// concurrent clients, each against the `{ __typename }` ceiling of the same
// run.
//
//	go run ./bench/cmd/scalebench -scale full
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/bench"
	"github.com/newsgraph/newsgraph/internal/gctune"
	"github.com/newsgraph/newsgraph/internal/synth"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "scalebench:", err)
		os.Exit(1)
	}
}

func run() error {
	scale := flag.String("scale", "full", "corpus size: "+strings.Join(synth.PresetNames(), ", "))
	clients := flag.Int("clients", 32, "concurrent clients")
	duration := flag.Duration("duration", 10*time.Second, "measured time per operation")
	rounds := flag.Int("rounds", 5, "interleave the operations' measurements in this many rounds, so each ratio compares the same stretch of time")
	warmup := flag.Duration("warmup", 2*time.Second, "unmeasured time per operation before it is measured")
	requests := flag.Int("requests", 2000, "distinct requests prepared per operation")
	dir := flag.String("dir", "", "store directory (default: a temporary one, removed at exit)")
	workers := flag.Int("load-workers", 2, "goroutines generating and ingesting the corpus")
	loadProfile := flag.String("loadprofile", "", "write a CPU profile of the load to this file")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the GraphQL measurements to this file")
	storeOnly := flag.Bool("store", true, "also ask the store the same questions directly, to show which layer the time goes to")
	only := flag.String("ops", "", "comma-separated operations to measure (search, neighborhood, path, nested); empty: all. The ceiling is always measured")
	flag.Parse()

	// The server's collector policy (GOGC, GOMEMLIMIT or their defaults).
	// The corpus stands for documents ingested into a running server,
	// which ingests under this policy once its store is open, so it is
	// loaded under it too.
	gcPolicy, err := gctune.FromEnv(os.LookupEnv)
	if err != nil {
		return err
	}
	gcPolicy = gcPolicy.Apply()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cfg, err := synth.Preset(*scale)
	if err != nil {
		return err
	}
	corpus, err := synth.New(cfg)
	if err != nil {
		return err
	}
	if *dir == "" {
		tmp, err := os.MkdirTemp("", "scalebench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		*dir = tmp
	}
	st, err := bench.OpenEmbedded(*dir)
	if err != nil {
		return err
	}
	defer st.Close()

	stopProfile, err := profile(*loadProfile)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "loading %s corpus (%s)...\n", *scale, cfg)
	loaded, err := bench.Load(ctx, st, corpus, *workers)
	stopProfile()
	if err != nil {
		return err
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	nodes, edges := bench.Totals(stats)
	fmt.Fprintf(os.Stderr, "loaded %d documents in %s: %d nodes, %d edges\n", loaded.Documents, loaded.Elapsed.Round(time.Millisecond), nodes, edges)

	srv := bench.Serve(bench.Handler(st))
	defer srv.Close()
	plan := bench.Plan{Clients: *clients, Duration: *duration, Warmup: *warmup, Rounds: *rounds}
	stopProfile, err = profile(*cpuProfile)
	if err != nil {
		return err
	}
	sample := bench.NewSample(corpus, *requests, cfg.Seed)
	var names []string
	if *only != "" {
		names = strings.Split(*only, ",")
	}
	results, err := bench.Run(ctx, srv.URL+"/graphql", bench.Select(bench.Ops(sample), names), plan)
	stopProfile()
	if err != nil {
		return err
	}
	var direct []bench.Result
	if *storeOnly {
		if direct, err = bench.RunStore(ctx, bench.SelectStore(bench.StoreOps(st, sample), names), plan); err != nil {
			return err
		}
	}
	fmt.Print(bench.Report{Scale: *scale, Config: cfg, Stats: stats, Loaded: loaded, Plan: plan, Results: results, Store: direct, GC: gcPolicy}.Markdown())
	fmt.Printf("\nReproduce: `go run ./bench/cmd/scalebench %s`\n", strings.Join(os.Args[1:], " "))
	return nil
}

// profile starts a CPU profile into path (nothing when path is empty) and
// returns the function that stops it.
func profile(path string) (func(), error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
