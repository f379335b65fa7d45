package embedded

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"

	"github.com/newsgraph/newsgraph/kg"
)

// Store is the embedded kg.Store: the graph lives in memory, and every
// acknowledged document is in an fsync'd append-only log on disk that is
// replayed on Open.
type Store struct {
	mu       sync.RWMutex // guards st and closed
	ingestMu sync.Mutex   // serialises writers so the log order is the apply order
	st       *state
	log      *wal // nil in memory mode
	closed   bool
	logger   *slog.Logger
	noSync   bool
}

var _ kg.Store = (*Store)(nil)

// Option configures Open.
type Option func(*Store)

// WithLogger sets the logger for recovery messages (default slog.Default()).
func WithLogger(l *slog.Logger) Option { return func(s *Store) { s.logger = l } }

// WithoutSync skips the fsync after each document. Only for benchmarks and
// tests that measure something else: an acknowledged document may then be
// lost on a crash.
func WithoutSync() Option { return func(s *Store) { s.noSync = true } }

// Open opens (creating it if needed) the store kept in dir, replays its log
// and locks the directory against other processes. A torn record at the
// end of the log (a crash mid-write) is cut off and logged; damage anywhere
// else is an error naming the offset.
func Open(dir string, opts ...Option) (*Store, error) {
	s := newStore(opts)
	w, err := openWAL(dir, s.logger, !s.noSync, func(off int64, x *kg.Extraction) error {
		if err := s.st.validate(x); err != nil {
			return err
		}
		if _, dup := s.st.docs[x.Document.ID]; !dup {
			s.st.apply(x)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.log = w
	return s, nil
}

// OpenMemory returns a store that keeps nothing on disk, for tests and
// benchmarks.
func OpenMemory(opts ...Option) *Store { return newStore(opts) }

func newStore(opts []Option) *Store {
	s := &Store{st: newState(), logger: slog.Default()}
	for _, o := range opts {
		o(s)
	}
	return s
}

// begin checks the context and takes the read lock; the caller releases it.
func (s *Store) begin(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return cancelled(err)
	}
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return kg.Errorf(kg.CodeUnavailable, "store is closed")
	}
	return nil
}

func cancelled(err error) error {
	return kg.Wrap(kg.CodeUnavailable, err, "request cancelled or timed out")
}

// Ingest validates x, appends it to the log (fsync'd) and merges it into
// the graph. Readers are not blocked while the log is written.
func (s *Store) Ingest(ctx context.Context, x *kg.Extraction) (kg.IngestStatus, error) {
	if err := s.begin(ctx); err != nil {
		return kg.IngestStatus{}, err
	}
	err := s.st.validate(x)
	s.mu.RUnlock()
	if err != nil {
		return kg.IngestStatus{}, err
	}

	s.ingestMu.Lock()
	defer s.ingestMu.Unlock()
	if err := s.begin(ctx); err != nil {
		return kg.IngestStatus{}, err
	}
	_, dup := s.st.docs[x.Document.ID]
	s.mu.RUnlock()
	if dup {
		return kg.IngestStatus{}, nil
	}
	if s.log != nil {
		payload, err := json.Marshal(x)
		if err != nil {
			return kg.IngestStatus{}, kg.Wrap(kg.CodeInternal, err, "could not encode the document")
		}
		if err := s.log.append(payload); err != nil {
			return kg.IngestStatus{}, kg.Wrap(kg.CodeUnavailable, err, "could not store the document")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return kg.IngestStatus{}, kg.Errorf(kg.CodeUnavailable, "store is closed")
	}
	return s.st.apply(x), nil
}

// Ping reports whether the store is open.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.begin(ctx); err != nil {
		return err
	}
	s.mu.RUnlock()
	return nil
}

// Close waits for a pending ingest, then closes the log and releases the
// directory lock. Closing twice is harmless.
func (s *Store) Close() error {
	s.ingestMu.Lock()
	defer s.ingestMu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	if s.log != nil {
		return s.log.close()
	}
	return nil
}
