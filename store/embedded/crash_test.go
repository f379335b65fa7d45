package embedded

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/kg"
)

const (
	crashDirEnv   = "EMBEDDED_CRASH_CHILD_DIR"
	crashRoundEnv = "EMBEDDED_CRASH_ROUND"
	// crashKillsEnv sets the number of kills of each crash test (default
	// 25, so the two tests kill 50 times) for a longer or shorter run.
	crashKillsEnv = "EMBEDDED_CRASH_KILLS"
	// crashSnapEnv is the child's snapshot threshold in bytes.
	crashSnapEnv = "EMBEDDED_CRASH_SNAPSHOT_EVERY"
)

var crashSynth = synth{pool: 2000, perDoc: 8, edgesPerDoc: 12}

// crashChild ingests documents forever from several goroutines, printing "ack <id>" after each
// Ingest returns: the parent kills it with SIGKILL at a random moment.
func crashChild(dir string) {
	round, _ := strconv.Atoi(os.Getenv(crashRoundEnv))
	var opts []Option
	if n, err := strconv.ParseInt(os.Getenv(crashSnapEnv), 10, 64); err == nil {
		opts = append(opts, WithSnapshotEvery(n))
	}
	s, err := Open(dir, opts...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		os.Exit(3)
	}
	// Four writers at once, so that kills also land inside group commits.
	// Each ack is one write(2) of a short line, so lines never interleave.
	for g := range 4 {
		go func() {
			for i := round*100_000 + g*10_000; ; i++ {
				x := crashSynth.doc(i)
				if _, err := s.Ingest(context.Background(), x); err != nil {
					fmt.Fprintln(os.Stderr, "ingest:", err)
					os.Exit(4)
				}
				fmt.Fprintf(os.Stdout, "ack %s\n", x.Document.ID)
			}
		}()
	}
	select {}
}

// TestKill9 runs a child process that ingests in a loop, kills it with
// SIGKILL at random moments, and checks after each kill that the store
// opens cleanly and holds every document the child acknowledged. The
// child snapshots at the default threshold, which these small runs
// rarely reach: the kills land in log writes and group commits.
func TestKill9(t *testing.T) {
	if dir := os.Getenv(crashDirEnv); dir != "" {
		crashChild(dir)
		return
	}
	killLoop(t, "TestKill9", "", false)
}

// TestKill9DuringSnapshots is TestKill9 with a child that snapshots after
// every few documents, killed the moment a snapshot is being written:
// an unfinished snapshot must cost nothing acknowledged.
func TestKill9DuringSnapshots(t *testing.T) {
	if dir := os.Getenv(crashDirEnv); dir != "" {
		crashChild(dir)
		return
	}
	killLoop(t, "TestKill9DuringSnapshots", "16384", true)
}

// killLoop runs the kill rounds of test (its own name, which the child
// runs): snapEvery is the child's snapshot threshold ("" for the
// default), and duringSnapshot makes the parent wait, after the first
// acknowledgements, for a snapshot file being written before it kills.
func killLoop(t *testing.T, test, snapEvery string, duringSnapshot bool) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	kills := 25
	if n, err := strconv.Atoi(os.Getenv(crashKillsEnv)); err == nil && n > 0 {
		kills = n
	}
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 9))
	acked := map[string]bool{}
	torn := 0    // reopens that had to cut off a half-written record
	midSnap := 0 // kills that left an unfinished snapshot behind
	for round := range kills {
		cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$")
		cmd.Env = append(os.Environ(), crashDirEnv+"="+dir, crashRoundEnv+"="+strconv.Itoa(round+1), crashSnapEnv+"="+snapEvery)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		wantAcks := 1 + r.IntN(30)
		got := 0
		acks := make(chan string, 1024)
		go func() {
			defer close(acks)
			for sc.Scan() {
				if id, ok := strings.CutPrefix(sc.Text(), "ack "); ok {
					acks <- id
				}
			}
		}()
		for got < wantAcks {
			id, ok := <-acks
			if !ok {
				break
			}
			acked[id] = true
			got++
		}
		if duringSnapshot {
			waitForFile(dir, ".tmp", 5*time.Second)
		} else {
			time.Sleep(time.Duration(r.IntN(3000)) * time.Microsecond)
		}
		_ = cmd.Process.Kill() // SIGKILL: no chance to flush or close
		if hasFile(dir, ".tmp") {
			midSnap++
		}
		for id := range acks {
			acked[id] = true
			got++
		}
		_ = cmd.Wait()
		if got == 0 {
			t.Fatalf("round %d: child acknowledged nothing; stderr: %s", round, stderr.String())
		}

		var logged strings.Builder
		s, err := Open(dir, WithLogger(slog.New(slog.NewTextHandler(&logged, nil))), WithSnapshotEvery(0))
		if strings.Contains(logged.String(), "torn record") {
			torn++
		}
		if err != nil {
			t.Fatalf("round %d: store does not open after kill -9: %v", round, err)
		}
		ids := make([]string, 0, len(acked))
		for id := range acked {
			ids = append(ids, id)
		}
		ds, err := s.Documents(context.Background(), ids)
		if err != nil {
			t.Fatal(err)
		}
		for i, d := range ds {
			if d == nil {
				t.Errorf("round %d: acknowledged document %s lost", round, ids[i])
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if hasFile(dir, ".tmp") {
			t.Errorf("round %d: an unfinished snapshot is still there after reopening", round)
		}
	}
	snaps, _ := listNumbered(dir, "snap-", ".snap")
	t.Logf("%d kills, %d acknowledged documents, all present; %d reopens cut off a torn record, %d kills landed in a snapshot write; snapshots left %v",
		kills, len(acked), torn, midSnap, snaps)
	if duringSnapshot && (midSnap == 0 || len(snaps) == 0) {
		t.Errorf("no kill landed in a snapshot write (%d), or no snapshot was ever completed (%v)", midSnap, snaps)
	}
}

// hasFile reports whether dir holds a file whose name ends in suffix.
func hasFile(dir, suffix string) bool {
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), suffix) {
			return true
		}
	}
	return false
}

// waitForFile polls dir until a file ending in suffix appears, or d passes.
func waitForFile(dir, suffix string, d time.Duration) {
	for deadline := time.Now().Add(d); time.Now().Before(deadline) && !hasFile(dir, suffix); {
		time.Sleep(200 * time.Microsecond)
	}
}

// TestConcurrentDisk hammers a disk store with writers and readers at
// once; run it with -race.
func TestConcurrentDisk(t *testing.T) {
	s := openT(t, t.TempDir(), WithoutSync())
	defer s.Close()
	small := synth{pool: 300, perDoc: 6, edgesPerDoc: 8}
	ctx := context.Background()
	const writers, perWriter = 4, 15
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	done := make(chan struct{})
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWriter {
				// Writers overlap: each document is also ingested by the next writer.
				for _, d := range []int{w*perWriter + i, ((w+1)%writers)*perWriter + i} {
					if _, err := s.Ingest(ctx, small.doc(d)); err != nil {
						errs <- err
					}
				}
			}
		}()
	}
	var readers sync.WaitGroup
	for range 3 {
		readers.Add(1)
		go func() {
			defer readers.Done()
			_, name := small.entity(3)
			id := kg.NodeID(kg.KindEntity, name)
			for {
				select {
				case <-done:
					return
				default:
				}
				calls := []func() error{
					func() error { _, err := s.Search(ctx, kg.SearchQuery{Text: name[:6]}); return err },
					func() error { _, err := s.Neighborhood(ctx, kg.NeighborhoodQuery{ID: id, Depth: 2}); return err },
					func() error {
						_, err := s.Entities(ctx, kg.EntityFilter{Sort: kg.SortByMentions}, kg.Page{First: 5})
						return err
					},
					func() error { _, err := s.Edges(ctx, kg.EdgeQuery{}, kg.Page{First: 5}); return err },
					func() error { _, err := s.Timeline(ctx, kg.TimelineQuery{From: "2020"}); return err },
					func() error {
						_, err := s.Paths(ctx, kg.PathsQuery{From: id, To: kg.NodeID(kg.KindAgency, "x")})
						return err
					},
					func() error { _, err := s.Stats(ctx); return err },
				}
				for _, c := range calls {
					if err := c(); err != nil {
						errs <- err
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(done)
	readers.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != writers*perWriter {
		t.Errorf("%d documents stored, want %d", st.Documents, writers*perWriter)
	}
}
