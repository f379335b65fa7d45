// Command restartbench measures how long the server takes to come back:
// it builds the scale benchmark's corpus into an embedded store along
// different histories that end in the same graph, then starts the server
// binary on each store and times start to a 200 from /readyz.
//
//	go build -o /tmp/newsgraph . && go run ./bench/cmd/restartbench -scale full -server /tmp/newsgraph
//
// The histories:
//   - once: every document ingested once;
//   - again: half the corpus, a restart, then the whole corpus (the first
//     half again, as duplicates);
//   - nosnap: as once, with snapshots turned off, so a restart replays the
//     whole log (how the store restarted before snapshots).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/newsgraph/newsgraph/bench"
	"github.com/newsgraph/newsgraph/internal/synth"
	"github.com/newsgraph/newsgraph/kg"
	"github.com/newsgraph/newsgraph/store/embedded"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "restartbench:", err)
		os.Exit(1)
	}
}

func run() error {
	scale := flag.String("scale", "full", "corpus size: "+strings.Join(synth.PresetNames(), ", "))
	server := flag.String("server", "", "server binary to time from start to /readyz (empty: time only the store's Open)")
	histories := flag.String("histories", "once,again,nosnap", "comma-separated histories to build and restart")
	starts := flag.Int("starts", 2, "server starts timed per history")
	workers := flag.Int("load-workers", 2, "goroutines ingesting the corpus")
	flag.Parse()

	cfg, err := synth.Preset(*scale)
	if err != nil {
		return err
	}
	corpus, err := synth.New(cfg)
	if err != nil {
		return err
	}
	root, err := os.MkdirTemp("", "restartbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(root)
	ctx := context.Background()
	quiet := embedded.WithLogger(slog.New(slog.DiscardHandler))

	fmt.Printf("Restart, %s corpus (%s)\n\n", *scale, cfg)
	fmt.Println("| history | ingest calls | log + snapshot bytes on disk | nodes | edges | store Open | server start to /readyz |")
	fmt.Println("|---|---|---|---|---|---|---|")
	for _, h := range strings.Split(*histories, ",") {
		dir := filepath.Join(root, h)
		opts := []embedded.Option{embedded.WithoutSync(), quiet}
		if h == "nosnap" {
			opts = append(opts, embedded.WithSnapshotEvery(0))
		}
		load := func(n int) (int, error) {
			st, err := embedded.Open(dir, opts...)
			if err != nil {
				return 0, err
			}
			defer st.Close()
			return n, ingest(ctx, st, corpus, n, *workers)
		}
		calls := 0
		var plan []int
		switch h {
		case "once", "nosnap":
			plan = []int{corpus.Len()}
		case "again":
			plan = []int{corpus.Len() / 2, corpus.Len()}
		default:
			return fmt.Errorf("unknown history %q", h)
		}
		fmt.Fprintf(os.Stderr, "%s: ingesting %v documents...\n", h, plan)
		for _, n := range plan {
			c, err := load(n)
			if err != nil {
				return err
			}
			calls += c
		}
		// Let the last snapshot finish: Close abandons one being written.
		if h != "nosnap" {
			if err := settle(dir, opts); err != nil {
				return err
			}
		}
		start := time.Now()
		st, err := embedded.Open(dir, append(opts, embedded.WithSnapshotEvery(0))...)
		if err != nil {
			return err
		}
		opened := time.Since(start)
		stats, err := st.Stats(ctx)
		if err != nil {
			return err
		}
		st.Close()
		nodes, edges := bench.Totals(stats)
		var ready []string
		if *server != "" {
			for range *starts {
				d, err := timeReady(*server, dir)
				if err != nil {
					return err
				}
				ready = append(ready, d.Round(10*time.Millisecond).String())
			}
		}
		fmt.Printf("| %s | %d | %s | %d | %d | %s | %s |\n", h, calls, diskUse(dir), nodes, edges,
			opened.Round(10*time.Millisecond), strings.Join(ready, ", "))
	}
	return nil
}

// settle opens the store with its default threshold, under which it
// snapshots a long log tail at once, waits for the snapshot of the newest
// segment to be written (a restart then replays almost nothing) and closes
// the store. With a short tail there is nothing to wait for.
func settle(dir string, opts []embedded.Option) error {
	newest := ""
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), "log-") {
			newest = e.Name() // names sort by segment number
		}
	}
	want := filepath.Join(dir, "snap-"+strings.TrimSuffix(strings.TrimPrefix(newest, "log-"), ".wal")+".snap")
	st, err := embedded.Open(dir, opts...)
	if err != nil {
		return err
	}
	defer st.Close()
	time.Sleep(time.Second)
	if !hasSuffix(dir, ".tmp") {
		return nil // the tail was short: no snapshot started
	}
	for deadline := time.Now().Add(10 * time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if _, err := os.Stat(want); err == nil && !hasSuffix(dir, ".tmp") {
			return nil
		}
	}
	return errors.New("snapshot not written within 10 minutes")
}

func hasSuffix(dir, suffix string) bool {
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), suffix) {
			return true
		}
	}
	return false
}

// diskUse lists the bytes of the store's log segments and snapshots.
func diskUse(dir string) string {
	var logs, snaps int64
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		fi, err := e.Info()
		if err != nil {
			continue
		}
		switch {
		case strings.HasSuffix(e.Name(), ".wal"):
			logs += fi.Size()
		case strings.HasSuffix(e.Name(), ".snap"):
			snaps += fi.Size()
		}
	}
	return fmt.Sprintf("%.0f MB + %.0f MB", float64(logs)/1e6, float64(snaps)/1e6)
}

// timeReady starts the server on dir and returns the time until /readyz
// answers 200, then stops it with SIGTERM.
func timeReady(bin, dir string) (time.Duration, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "ADDR="+addr, "DATA_DIR="+dir, "SEED_DIR=", "API_TOKEN=restartbench-token-0123456789abcdef", "LOG_LEVEL=error", "NEO4J_URI=")
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	}()
	client := &http.Client{Timeout: time.Second}
	for deadline := start.Add(10 * time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		resp, err := client.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Since(start), nil
			}
		}
	}
	return 0, kg.Errorf(kg.CodeUnavailable, "server on %s not ready within 10 minutes", dir)
}

// ingest stores the corpus's first n documents from several goroutines.
func ingest(ctx context.Context, st kg.Store, c *synth.Corpus, n, workers int) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for range max(workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if _, err := st.Ingest(ctx, c.Extraction(i)); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}
