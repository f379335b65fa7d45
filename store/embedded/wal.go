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

// The log file starts with logMagic; then come records, each framed as
//
//	length uint32 LE | CRC-32C of payload uint32 LE | payload (JSON of a kg.Extraction)
//
// A record is appended and fsync'd before Ingest returns.
const (
	logFile   = "graph.log"
	lockFile  = "LOCK"
	logMagic  = "NGKGLOG1"
	headerLen = 8
	// MaxRecord bounds one record's payload; documents are capped far
	// below this, so a larger length can only be damage.
	MaxRecord = 1 << 30
)

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

// wal is the open log.
type wal struct {
	f    *os.File
	lock *os.File
	size int64 // bytes of whole records (and the magic) in the file
	sync bool
	bad  error // set when a failed append could not be rolled back
}

// openWAL locks dir, replays the log through apply and leaves the file
// open for appending.
func openWAL(dir string, logger *slog.Logger, doSync bool, apply func(off int64, x *kg.Extraction) error) (*wal, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("embedded store: create %s: %w", dir, err)
	}
	lock, err := lockDir(filepath.Join(dir, lockFile))
	if err != nil {
		return nil, err
	}
	w := &wal{lock: lock, sync: doSync}
	ok := false
	defer func() {
		if !ok {
			w.close()
		}
	}()
	path := filepath.Join(dir, logFile)
	w.f, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("embedded store: open log: %w", err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("embedded store: read log: %w", err)
	}
	if len(data) < len(logMagic) {
		if !bytes.HasPrefix([]byte(logMagic), data) {
			return nil, fmt.Errorf("embedded store: %s is not a newsgraph log", path)
		}
		// New, or a crash while it was being created.
		if err := w.f.Truncate(0); err != nil {
			return nil, fmt.Errorf("embedded store: reset log: %w", err)
		}
		if _, err := w.f.WriteAt([]byte(logMagic), 0); err != nil {
			return nil, fmt.Errorf("embedded store: write log header: %w", err)
		}
		if err := w.f.Sync(); err != nil {
			return nil, fmt.Errorf("embedded store: sync log: %w", err)
		}
		syncDir(dir)
		w.size = int64(len(logMagic))
		ok = true
		return w, nil
	}
	if string(data[:len(logMagic)]) != logMagic {
		return nil, fmt.Errorf("embedded store: %s is not a newsgraph log", path)
	}
	// First pass: frame and checksum every record, so damage is found
	// before anything is applied.
	var recs []record
	off := len(logMagic)
	for off < len(data) {
		payload, n, err := DecodeRecord(data[off:])
		if err != nil {
			torn := errors.Is(err, ErrIncomplete) || off+n == len(data) || allZero(data[off:])
			if !torn {
				return nil, fmt.Errorf("embedded store: %s: corrupt record at offset %d (%d bytes follow it)", path, off, len(data)-off)
			}
			logger.Warn("embedded store: cutting off a torn record at the end of the log (a write interrupted by a crash; it was never acknowledged)",
				"path", path, "offset", off, "bytes", len(data)-off)
			if err := w.f.Truncate(int64(off)); err != nil {
				return nil, fmt.Errorf("embedded store: truncate torn tail: %w", err)
			}
			if err := w.f.Sync(); err != nil {
				return nil, fmt.Errorf("embedded store: sync log: %w", err)
			}
			break
		}
		recs = append(recs, record{off: int64(off), payload: payload})
		off += n
	}
	if err := replay(recs, apply); err != nil {
		return nil, fmt.Errorf("embedded store: %s: %w", path, err)
	}
	w.size = int64(off)
	ok = true
	return w, nil
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
