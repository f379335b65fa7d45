package embedded

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"

	"github.com/newsgraph/newsgraph/kg"
)

// The log is a series of segment files, log-<n>.wal, numbered from 1.
// Each starts with logMagic; then come records, each framed as
//
//	length uint32 LE | CRC-32C of payload uint32 LE | payload (JSON of a kg.Extraction)
//
// A record is appended to the newest segment and fsync'd before Ingest
// returns. A new segment begins when a snapshot is taken (see
// snapshot.go): snap-<n>.snap holds the graph as it stood at the end of
// segment n, so only the segments after it are replayed.
const (
	lockFile = "LOCK"
	// legacyLogFile is the single log of stores written before segments;
	// Open renames it to the first segment.
	legacyLogFile = "graph.log"
	logMagic      = "NGKGLOG1"
	headerLen     = 8
	// MaxRecord bounds one record's payload; documents are capped far
	// below this, so a larger length can only be damage.
	MaxRecord = 1 << 30
)

// segmentName is the file name of log segment seq.
func segmentName(seq uint64) string { return fmt.Sprintf("log-%010d.wal", seq) }

// snapshotName is the file name of the snapshot that covers the log up to
// the end of segment seq.
func snapshotName(seq uint64) string { return fmt.Sprintf("snap-%010d.snap", seq) }

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// Errors of DecodeRecord.
var (
	// ErrIncomplete means the bytes end before the record does: at the end
	// of the log this is a write cut short by a crash.
	ErrIncomplete = errors.New("incomplete record")
	// ErrCorrupt means the record's length or checksum is wrong.
	ErrCorrupt = errors.New("corrupt record")
)

// EncodeRecord frames payload as one log record.
func EncodeRecord(payload []byte) []byte {
	b := make([]byte, headerLen+len(payload))
	binary.LittleEndian.PutUint32(b, uint32(len(payload)))
	binary.LittleEndian.PutUint32(b[4:], crc32.Checksum(payload, crcTable))
	copy(b[headerLen:], payload)
	return b
}

// DecodeRecord reads the record at the start of b and returns its payload
// and the number of bytes it spans. On ErrCorrupt with a plausible length,
// n is still the span the header claims (so the caller can tell whether
// the record was the last one).
func DecodeRecord(b []byte) (payload []byte, n int, err error) {
	if len(b) < headerLen {
		return nil, 0, ErrIncomplete
	}
	size := binary.LittleEndian.Uint32(b)
	if size == 0 || size > MaxRecord {
		return nil, 0, ErrCorrupt
	}
	n = headerLen + int(size)
	if len(b) < n {
		return nil, n, ErrIncomplete
	}
	payload = b[headerLen:n]
	if crc32.Checksum(payload, crcTable) != binary.LittleEndian.Uint32(b[4:]) {
		return nil, n, ErrCorrupt
	}
	return payload, n, nil
}

// wal is the open log: its newest segment, open for appending.
type wal struct {
	dir  string
	f    *os.File
	seq  uint64 // the open segment's number
	lock *os.File
	size int64 // bytes of whole records (and the magic) in the open segment
	sync bool
	bad  error // set when a failed append could not be rolled back
	// since counts the record bytes appended or replayed since the
	// newest snapshot began: the log a restart would replay.
	since int64
}

// readSegment checks the framing and checksum of every record of a
// segment, so damage is found before anything is applied, and returns the
// records with the bytes they span. A torn record at the end of the last
// segment (a crash mid-write, never acknowledged) is cut off with a
// warning through f; anywhere else it is an error naming the offset.
func readSegment(path string, f *os.File, logger *slog.Logger) ([]record, int64, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, 0, fmt.Errorf("embedded store: read log: %w", err)
	}
	if len(data) < len(logMagic) {
		if f == nil || !bytes.HasPrefix([]byte(logMagic), data) {
			return nil, 0, fmt.Errorf("embedded store: %s is not a newsgraph log", path)
		}
		// New, or a crash while it was being created.
		if err := writeMagic(f); err != nil {
			return nil, 0, err
		}
		return nil, int64(len(logMagic)), nil
	}
	if string(data[:len(logMagic)]) != logMagic {
		return nil, 0, fmt.Errorf("embedded store: %s is not a newsgraph log", path)
	}
	var recs []record
	off := len(logMagic)
	for off < len(data) {
		payload, n, err := DecodeRecord(data[off:])
		if err != nil {
			torn := errors.Is(err, ErrIncomplete) || off+n == len(data) || allZero(data[off:])
			if !torn || f == nil {
				return nil, 0, fmt.Errorf("embedded store: %s: corrupt record at offset %d (%d bytes follow it)", path, off, len(data)-off)
			}
			logger.Warn("embedded store: cutting off a torn record at the end of the log (a write interrupted by a crash; it was never acknowledged)",
				"path", path, "offset", off, "bytes", len(data)-off)
			if err := f.Truncate(int64(off)); err != nil {
				return nil, 0, fmt.Errorf("embedded store: truncate torn tail: %w", err)
			}
			if err := f.Sync(); err != nil {
				return nil, 0, fmt.Errorf("embedded store: sync log: %w", err)
			}
			break
		}
		recs = append(recs, record{off: int64(off), payload: payload})
		off += n
	}
	return recs, int64(off), nil
}

// writeMagic makes f an empty segment.
func writeMagic(f *os.File) error {
	if err := f.Truncate(0); err != nil {
		return fmt.Errorf("embedded store: reset log: %w", err)
	}
	if _, err := f.WriteAt([]byte(logMagic), 0); err != nil {
		return fmt.Errorf("embedded store: write log header: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("embedded store: sync log: %w", err)
	}
	return nil
}

// createSegment creates segment seq, empty, and makes it durable.
func createSegment(dir string, seq uint64) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, segmentName(seq)), os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, fmt.Errorf("embedded store: create log segment: %w", err)
	}
	if err := writeMagic(f); err != nil {
		f.Close()
		return nil, err
	}
	syncDir(dir)
	return f, nil
}

// rotate closes the open segment and starts the next one, so that a
// snapshot can cover exactly the segments before it. On failure the open
// segment stays in use.
func (w *wal) rotate() error {
	if w.bad != nil {
		return w.bad
	}
	f, err := createSegment(w.dir, w.seq+1)
	if err != nil {
		return err
	}
	if w.sync {
		_ = w.f.Sync()
	}
	_ = w.f.Close()
	w.f, w.seq, w.size, w.since = f, w.seq+1, int64(len(logMagic)), 0
	return nil
}

// record is one framed log record found by the first pass of openWAL.
type record struct {
	off     int64
	payload []byte
	x       *kg.Extraction
	err     error
	done    chan struct{}
}

// replay decodes records on every CPU while applying them strictly in log
// order, so JSON decoding overlaps with merging.
func replay(recs []record, apply func(off int64, x *kg.Extraction) error) error {
	work := make(chan *record, 256)
	ordered := make(chan *record, 256)
	go func() {
		for i := range recs {
			r := &recs[i]
			r.done = make(chan struct{})
			ordered <- r
			work <- r
		}
		close(ordered)
		close(work)
	}()
	for range max(runtime.GOMAXPROCS(0), 1) {
		go func() {
			for r := range work {
				var x kg.Extraction
				r.err = json.Unmarshal(r.payload, &x)
				r.x = &x
				close(r.done)
			}
		}()
	}
	var failed error
	for r := range ordered {
		<-r.done
		if failed != nil {
			continue // drain, so the feeding goroutines finish
		}
		switch {
		case r.err != nil:
			failed = fmt.Errorf("undecodable record at offset %d: %w", r.off, r.err)
		default:
			if err := apply(r.off, r.x); err != nil {
				failed = fmt.Errorf("record at offset %d: %w", r.off, err)
			}
		}
		r.x, r.payload = nil, nil
	}
	return failed
}

// append writes records and, unless sync is off, fsyncs once for all of
// them. On failure it cuts the file back so that a later record never
// follows a partial one, and none of them counts as written.
func (w *wal) append(payloads ...[]byte) error {
	if w.bad != nil {
		return w.bad
	}
	var buf []byte
	for _, p := range payloads {
		if len(p) > MaxRecord {
			return fmt.Errorf("record of %d bytes exceeds the limit", len(p))
		}
		buf = append(buf, EncodeRecord(p)...)
	}
	_, err := w.f.WriteAt(buf, w.size)
	if err == nil && w.sync {
		err = w.f.Sync()
	}
	if err != nil {
		if terr := w.f.Truncate(w.size); terr != nil {
			w.bad = fmt.Errorf("log unusable after a failed write: %w", errors.Join(err, terr))
		}
		return err
	}
	w.size += int64(len(buf))
	w.since += int64(len(buf))
	return nil
}

func (w *wal) close() error {
	var errs []error
	if w.f != nil {
		if w.sync {
			errs = append(errs, w.f.Sync())
		}
		errs = append(errs, w.f.Close())
		w.f = nil
	}
	if w.lock != nil {
		errs = append(errs, unlockDir(w.lock))
		w.lock = nil
	}
	return errors.Join(errs...)
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// syncDir makes a newly created file's directory entry durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
