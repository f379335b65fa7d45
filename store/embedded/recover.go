package embedded

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// recovered is what opening a directory yields: the graph and the log,
// open for appending.
type recovered struct {
	st  *state
	log *wal
}

// openDir locks dir, loads the newest usable snapshot, replays the log
// segments after it through apply and leaves the newest segment open for
// appending. A snapshot that cannot be read (torn, damaged) is skipped
// with a warning for the one before it, or for the whole log; the
// segments that fallback needs are kept until a newer snapshot replaces
// it (see pruneFiles). A missing segment, or damage anywhere but at the
// end of the newest segment, is an error: silently dropping acknowledged
// data would be worse than refusing to start.
func openDir(dir string, logger *slog.Logger, doSync bool, apply func(st *state, x *kg.Extraction) error) (*recovered, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("embedded store: create %s: %w", dir, err)
	}
	lock, err := lockDir(filepath.Join(dir, lockFile))
	if err != nil {
		return nil, err
	}
	w := &wal{dir: dir, lock: lock, sync: doSync}
	ok := false
	defer func() {
		if !ok {
			w.close()
		}
	}()
	if err := migrateLegacyLog(dir); err != nil {
		return nil, err
	}
	removeTemporary(dir, logger)
	segs, err := listNumbered(dir, "log-", ".wal")
	if err != nil {
		return nil, err
	}
	snaps, err := listNumbered(dir, "snap-", ".snap")
	if err != nil {
		return nil, err
	}
	st, base := loadNewestSnapshot(dir, snaps, segs, logger)
	if st == nil {
		st = newState()
	}
	tail := segs[:0:0]
	for _, seq := range segs {
		if seq > base {
			tail = append(tail, seq)
		}
	}
	for i, seq := range tail {
		if seq != base+1+uint64(i) {
			if base == 0 && i == 0 {
				return nil, fmt.Errorf("embedded store: %s: the log starts at segment %d, and no usable snapshot covers the segments before it", dir, seq)
			}
			return nil, fmt.Errorf("embedded store: %s: log segment %d is missing", dir, base+1+uint64(i))
		}
	}
	for i, seq := range tail {
		path := filepath.Join(dir, segmentName(seq))
		var f *os.File
		if i == len(tail)-1 {
			if f, err = os.OpenFile(path, os.O_RDWR, 0o644); err != nil {
				return nil, fmt.Errorf("embedded store: open log: %w", err)
			}
			w.f, w.seq = f, seq
		}
		recs, size, err := readSegment(path, f, logger)
		if err != nil {
			return nil, err
		}
		if err := replay(recs, func(_ int64, x *kg.Extraction) error { return apply(st, x) }); err != nil {
			return nil, fmt.Errorf("embedded store: %s: %w", path, err)
		}
		w.size = size
		w.since += size - int64(len(logMagic))
	}
	if w.f == nil {
		if w.f, err = createSegment(dir, base+1); err != nil {
			return nil, err
		}
		w.seq, w.size = base+1, int64(len(logMagic))
	}
	ok = true
	return &recovered{st: st, log: w}, nil
}

// loadNewestSnapshot returns the newest snapshot that reads back whole
// and whose following segments are all present, with the segment it
// covers; nil and 0 when there is none.
func loadNewestSnapshot(dir string, snaps, segs []uint64, logger *slog.Logger) (*state, uint64) {
	for i := len(snaps) - 1; i >= 0; i-- {
		seq := snaps[i]
		path := filepath.Join(dir, snapshotName(seq))
		if j, _ := slices.BinarySearch(segs, seq+1); j < len(segs) && segs[j] != seq+1 {
			logger.Warn("embedded store: skipping a snapshot whose following log segment is missing", "path", path)
			continue
		}
		st, err := readSnapshotFile(path, seq)
		if err != nil {
			logger.Warn("embedded store: skipping an unusable snapshot; the one before it, or the whole log, replaces it", "path", path, "error", err.Error())
			continue
		}
		return st, seq
	}
	return nil, 0
}

// readSnapshotFile reads the snapshot at path, which must cover segment seq.
func readSnapshotFile(path string, seq uint64) (*state, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, covered, err := readSnapshot(f)
	if err != nil {
		return nil, err
	}
	if covered != seq {
		return nil, fmt.Errorf("%w: covers segment %d, named for %d", errSnapshot, covered, seq)
	}
	return st, nil
}

// migrateLegacyLog renames the single log of an older store to the first
// segment.
func migrateLegacyLog(dir string) error {
	old := filepath.Join(dir, legacyLogFile)
	if _, err := os.Stat(old); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	segs, err := listNumbered(dir, "log-", ".wal")
	if err != nil {
		return err
	}
	if len(segs) > 0 {
		return fmt.Errorf("embedded store: %s holds both %s and log segments", dir, legacyLogFile)
	}
	if err := os.Rename(old, filepath.Join(dir, segmentName(1))); err != nil {
		return fmt.Errorf("embedded store: rename the log to its first segment: %w", err)
	}
	syncDir(dir)
	return nil
}

// removeTemporary deletes snapshots whose writing a crash or Close cut
// short.
func removeTemporary(dir string, logger *slog.Logger) {
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), "snap-") && strings.HasSuffix(e.Name(), ".tmp") {
			logger.Info("embedded store: removing an unfinished snapshot", "path", filepath.Join(dir, e.Name()))
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// listNumbered returns, ascending, the numbers n of the files in dir
// named prefix + n + suffix.
func listNumbered(dir, prefix, suffix string) ([]uint64, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("embedded store: list %s: %w", dir, err)
	}
	var out []uint64
	for _, e := range ents {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok {
			continue
		}
		num, ok := strings.CutSuffix(rest, suffix)
		if !ok {
			continue
		}
		if n, err := strconv.ParseUint(num, 10, 64); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out, nil
}
