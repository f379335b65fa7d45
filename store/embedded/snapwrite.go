package embedded

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// DefaultSnapshotEvery is how many bytes of log accumulate before the
// store writes a snapshot: enough that snapshots stay rare next to the
// ingest they follow, little enough that a restart replays a short tail.
const DefaultSnapshotEvery = 64 << 20

// WithSnapshotEvery sets how many bytes of log accumulate before a
// snapshot is written in the background (DefaultSnapshotEvery when unset);
// 0 or less turns snapshots off, so Open replays the whole log.
func WithSnapshotEvery(bytes int64) Option { return func(s *Store) { s.snapEvery = bytes } }

// maybeSnapshot starts a snapshot when enough log has accumulated and
// none is being written. Only the committer calls it, between batches: it
// is the store's one writer, so the state it captures is exactly the log
// up to the segment it closes.
func (s *Store) maybeSnapshot() {
	if s.log == nil || s.snapEvery <= 0 || s.log.since < s.snapEvery || s.snapping.Load() {
		return
	}
	seq := s.log.seq
	if err := s.log.rotate(); err != nil {
		s.logger.Warn("embedded store: cannot start a new log segment; snapshot postponed", "error", err.Error())
		return
	}
	v := s.st.view(seq)
	s.snapping.Store(true)
	s.snapWG.Add(1)
	go func() {
		defer s.snapWG.Done()
		defer s.snapping.Store(false)
		start := time.Now()
		err := writeSnapshotFile(s.log.dir, v, s.log.sync, s.closing)
		switch {
		case errors.Is(err, errAborted):
			s.logger.Info("embedded store: snapshot abandoned: the store is closing", "segment", seq)
		case err != nil:
			s.logger.Error("embedded store: snapshot failed; the log still holds everything", "segment", seq, "error", err.Error())
		default:
			s.logger.Info("embedded store: snapshot written", "segment", seq, "documents", len(v.docs),
				"nodes", len(v.nodes), "edges", len(v.edges), "elapsed", time.Since(start).Round(time.Millisecond).String())
			if err := pruneFiles(s.log.dir, seq); err != nil {
				s.logger.Warn("embedded store: could not remove files the snapshots cover", "error", err.Error())
			}
		}
	}()
}

// closing reports whether Close has begun.
func (s *Store) closing() bool {
	select {
	case <-s.quit:
		return true
	default:
		return false
	}
}

// writeSnapshotFile writes v next to the log under a temporary name and
// renames it into place once it is whole and, with doSync, on disk; a
// crash before the rename leaves only a temporary file, which Open
// removes.
func writeSnapshotFile(dir string, v *snapView, doSync bool, abort func() bool) (err error) {
	final := filepath.Join(dir, snapshotName(v.seq))
	tmp := final + ".tmp"
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("create snapshot: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<20)
	if err = writeSnapshot(bw, v, abort); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("write snapshot: %w", err)
	}
	if doSync {
		if err = f.Sync(); err != nil {
			return fmt.Errorf("sync snapshot: %w", err)
		}
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("close snapshot: %w", err)
	}
	if err = os.Rename(tmp, final); err != nil {
		return fmt.Errorf("rename snapshot: %w", err)
	}
	syncDir(dir)
	return nil
}

// pruneFiles removes what the snapshot of segment seq makes unneeded. The
// snapshot before it stays, with the segments after that one, so that if
// the newest snapshot cannot be read later, Open falls back to the one
// before plus the log; older snapshots and segments go.
func pruneFiles(dir string, seq uint64) error {
	snaps, err := listNumbered(dir, "snap-", ".snap")
	if err != nil {
		return err
	}
	var older []uint64
	for _, n := range snaps {
		if n < seq {
			older = append(older, n)
		}
	}
	if len(older) == 0 {
		return nil // the first snapshot: the whole log is its fallback
	}
	keep := older[len(older)-1]
	var errs []error
	for _, n := range older[:len(older)-1] {
		errs = append(errs, removeIfPresent(filepath.Join(dir, snapshotName(n))))
	}
	segs, err := listNumbered(dir, "log-", ".wal")
	if err != nil {
		return err
	}
	for _, n := range segs {
		if n <= keep {
			errs = append(errs, removeIfPresent(filepath.Join(dir, segmentName(n))))
		}
	}
	syncDir(dir)
	return errors.Join(errs...)
}

func removeIfPresent(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}
