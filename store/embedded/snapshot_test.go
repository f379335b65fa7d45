package embedded

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/kg"
	"github.com/newsgraph/newsgraph/store/storetest"
)

// answersJSON is what st answers to the contract suite's questions, as
// JSON: equal for two stores that hold the same graph.
func answersJSON(t *testing.T, st kg.Store) string {
	t.Helper()
	b, err := json.Marshal(storetest.ReadAnswers(t, st))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A snapshot reads back as the graph it was written from: every answer
// is the same, down to the order of lists and nil against empty.
func TestSnapshotRoundTrip(t *testing.T) {
	src := OpenMemory()
	defer src.Close()
	storetest.Seed(t, src, storetest.Corpus()...)
	var buf bytes.Buffer
	if err := writeSnapshot(&buf, src.st.view(7), nil); err != nil {
		t.Fatal(err)
	}
	st, seq, err := readSnapshot(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if seq != 7 {
		t.Errorf("snapshot covers segment %d, want 7", seq)
	}
	dst := OpenMemory()
	defer dst.Close()
	dst.st = st
	if got, want := answersJSON(t, dst), answersJSON(t, src); got != want {
		t.Errorf("answers after a snapshot round trip differ:\n got %.600s\nwant %.600s", got, want)
	}
	// Ingesting after the load merges as it would have before.
	if status, err := dst.Ingest(context.Background(), storetest.Corpus()[2]); err != nil || status.Created {
		t.Errorf("re-ingest after load: %+v, %v", status, err)
	}
}

// Every torn or damaged snapshot is refused with an error, never a panic
// or a half-read graph.
func TestSnapshotDamageIsRefused(t *testing.T) {
	src := OpenMemory()
	defer src.Close()
	storetest.Seed(t, src, storetest.Corpus()...)
	var buf bytes.Buffer
	if err := writeSnapshot(&buf, src.st.view(1), nil); err != nil {
		t.Fatal(err)
	}
	whole := buf.Bytes()
	step := max(1, len(whole)/300)
	for n := 0; n < len(whole); n += step {
		if _, _, err := readSnapshot(bytes.NewReader(whole[:n])); err == nil {
			t.Fatalf("a snapshot cut to %d of %d bytes was accepted", n, len(whole))
		}
		bad := bytes.Clone(whole)
		bad[n] ^= 0x40
		if _, _, err := readSnapshot(bytes.NewReader(bad)); err == nil {
			t.Fatalf("a snapshot with byte %d flipped was accepted", n)
		}
	}
}

// snapshotDir ingests the corpus one document at a time into a disk store
// that snapshots after every batch, waits for the snapshots to be written
// and closes it. It returns the directory and the answers before Close.
func snapshotDir(t *testing.T) (string, string) {
	t.Helper()
	dir := t.TempDir()
	s := openT(t, dir, WithSnapshotEvery(1))
	for i, x := range storetest.Corpus() {
		storetest.Seed(t, s, x)
		waitSnapshot(t, s, dir, uint64(i+1))
	}
	want := answersJSON(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, want
}

// waitSnapshot waits until s has written the snapshot of segment seq, the
// one the batch just acknowledged closed.
func waitSnapshot(t *testing.T, s *Store, dir string, seq uint64) {
	t.Helper()
	path := filepath.Join(dir, snapshotName(seq))
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		if _, err := os.Stat(path); err == nil && !s.snapping.Load() {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the snapshot was not written within 10s")
		}
	}
}

func names(t *testing.T, dir, prefix, suffix string) []uint64 {
	t.Helper()
	ns, err := listNumbered(dir, prefix, suffix)
	if err != nil {
		t.Fatal(err)
	}
	return ns
}

// A restart loads the newest snapshot and replays only the log after it;
// the files older snapshots and segments took are removed, but for the
// snapshot before the newest and the log after it.
func TestRestartFromSnapshot(t *testing.T) {
	dir, want := snapshotDir(t)
	snaps, segs := names(t, dir, "snap-", ".snap"), names(t, dir, "log-", ".wal")
	if len(snaps) != 2 || snaps[1] != uint64(len(storetest.Corpus())) {
		t.Fatalf("snapshots %v, want the newest two", snaps)
	}
	if segs[0] != snaps[0]+1 || len(segs) != int(segs[len(segs)-1]-segs[0])+1 {
		t.Errorf("segments %v with snapshots %v: want those after the older snapshot, all of them", segs, snaps)
	}
	var logged strings.Builder
	s := openT(t, dir, WithLogger(slog.New(slog.NewTextHandler(&logged, nil))))
	defer s.Close()
	if got := answersJSON(t, s); got != want {
		t.Errorf("answers after restart differ:\n got %.600s\nwant %.600s", got, want)
	}
	if strings.Contains(logged.String(), "unusable") {
		t.Errorf("a whole snapshot was refused:\n%s", logged.String())
	}
	for _, x := range storetest.Corpus() {
		if status, err := s.Ingest(context.Background(), x); err != nil || status.Created {
			t.Errorf("re-ingest of %s after restart: %+v, %v", x.Document.ID, status, err)
		}
	}
}

// A torn or damaged newest snapshot is skipped for the one before it plus
// the log; with both damaged and the log they cover gone, the store
// refuses to start rather than serve a graph missing acknowledged data.
func TestCorruptSnapshotFallsBack(t *testing.T) {
	for _, damage := range []struct {
		name string
		fn   func(b []byte) []byte
	}{
		{"torn", func(b []byte) []byte { return b[:len(b)*2/3] }},
		{"flipped byte", func(b []byte) []byte { b[len(b)/2] ^= 1; return b }},
		{"zeroed tail", func(b []byte) []byte { clear(b[len(b)-64:]); return b }},
	} {
		t.Run(damage.name, func(t *testing.T) {
			dir, want := snapshotDir(t)
			snaps := names(t, dir, "snap-", ".snap")
			corrupt := func(seq uint64) {
				path := filepath.Join(dir, snapshotName(seq))
				b, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, damage.fn(b), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			corrupt(snaps[len(snaps)-1])
			var logged strings.Builder
			s := openT(t, dir, WithLogger(slog.New(slog.NewTextHandler(&logged, nil))), WithSnapshotEvery(0))
			if got := answersJSON(t, s); got != want {
				t.Errorf("answers after falling back differ:\n got %.600s\nwant %.600s", got, want)
			}
			if !strings.Contains(logged.String(), "unusable snapshot") {
				t.Errorf("the damaged snapshot was not reported:\n%s", logged.String())
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			corrupt(snaps[0])
			if s, err := Open(dir, WithLogger(slog.New(slog.DiscardHandler))); err == nil {
				s.Close()
				t.Fatal("opened with both snapshots damaged and the log before them removed")
			} else if !strings.Contains(err.Error(), "no usable snapshot") {
				t.Errorf("error %q does not say why", err)
			}
		})
	}
}

// A store that has written its first snapshot only keeps the whole log,
// so a damaged first snapshot costs a full replay, not data.
func TestFirstSnapshotDamagedReplaysTheLog(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir, WithSnapshotEvery(1))
	xs := storetest.Corpus()
	storetest.Seed(t, s, xs[0])
	waitSnapshot(t, s, dir, 1)
	storetest.Seed(t, s, xs[1])
	want := answersJSON(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	snaps := names(t, dir, "snap-", ".snap")
	if len(snaps) == 0 {
		t.Fatal("no snapshot written")
	}
	if err := os.WriteFile(filepath.Join(dir, snapshotName(snaps[0])), []byte(snapMagic+"garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	s = openT(t, dir, WithLogger(slog.New(slog.DiscardHandler)), WithSnapshotEvery(0))
	defer s.Close()
	if got := answersJSON(t, s); got != want {
		t.Errorf("answers after replaying the whole log differ:\n got %.600s\nwant %.600s", got, want)
	}
}

// A store written before log segments (one graph.log) opens, its log
// renamed to the first segment.
func TestLegacyLogIsMigrated(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir, WithSnapshotEvery(0))
	storetest.Seed(t, s, storetest.Base()...)
	want := answersJSON(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, segmentName(1)), filepath.Join(dir, legacyLogFile)); err != nil {
		t.Fatal(err)
	}
	s = openT(t, dir)
	defer s.Close()
	if got := answersJSON(t, s); got != want {
		t.Errorf("answers after migrating the log differ")
	}
	if _, err := os.Stat(filepath.Join(dir, legacyLogFile)); err == nil {
		t.Error("graph.log is still there")
	}
}
