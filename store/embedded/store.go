package embedded

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"
	"sync/atomic"

	"github.com/newsgraph/newsgraph/kg"
)

// Store is the embedded kg.Store: the graph lives in memory, and every
// acknowledged document is in an fsync'd append-only log on disk that is
// replayed on Open.
type Store struct {
	mu     sync.RWMutex // guards st and closed
	st     *state
	log    *wal // nil in memory mode; written only by the committer
	closed bool
	logger *slog.Logger
	noSync bool
	// intern is used by the one writer (replay, then the committer)
	// outside the lock, so readers never wait for it.
	intern *interner

	reqs      chan *commitReq // to the committer goroutine (unbuffered)
	quit      chan struct{}   // closed by Close
	stopped   chan struct{}   // closed when the committer has exited
	closeOnce sync.Once
	closeErr  error

	snapEvery int64          // log bytes between snapshots; <= 0: none
	snapping  atomic.Bool    // a snapshot is being written
	snapWG    sync.WaitGroup // the snapshot writer, which Close waits for
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

// Open opens (creating it if needed) the store kept in dir and locks the
// directory against other processes. It loads the newest usable snapshot
// and replays the log written after it (see openDir). A torn record at
// the end of the log (a crash mid-write) is cut off and logged; damage
// anywhere else is an error naming the offset.
func Open(dir string, opts ...Option) (*Store, error) {
	s := newStore(opts)
	rec, err := openDir(dir, s.logger, !s.noSync, func(st *state, x *kg.Extraction) error {
		if err := st.validate(x); err != nil {
			return err
		}
		if _, dup := st.docs[x.Document.ID]; !dup {
			s.intern.extraction(x)
			st.apply(x)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.st, s.log = rec.st, rec.log
	s.start()
	return s, nil
}

// OpenMemory returns a store that keeps nothing on disk, for tests and
// benchmarks.
func OpenMemory(opts ...Option) *Store {
	s := newStore(opts)
	s.start()
	return s
}

func newStore(opts []Option) *Store {
	st := newState()
	s := &Store{st: st, logger: slog.Default(), intern: newInterner(), snapEvery: DefaultSnapshotEvery}
	for _, o := range opts {
		o(s)
	}
	return s
}

func (s *Store) start() {
	s.reqs = make(chan *commitReq)
	s.quit = make(chan struct{})
	s.stopped = make(chan struct{})
	go s.committer()
}

// begin checks the context and takes the read lock; the caller releases it.
func (s *Store) begin(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return cancelled(err)
	}
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return errClosed()
	}
	return nil
}

func errClosed() error { return kg.Errorf(kg.CodeUnavailable, "store is closed") }

func cancelled(err error) error {
	return kg.Wrap(kg.CodeUnavailable, err, "request cancelled or timed out")
}

// Ingest validates x and hands it to the committer, which appends it to
// the log, fsyncs and merges it into the graph before Ingest returns.
// Readers are not blocked while the log is written.
func (s *Store) Ingest(ctx context.Context, x *kg.Extraction) (kg.IngestStatus, error) {
	if err := s.begin(ctx); err != nil {
		return kg.IngestStatus{}, err
	}
	err := s.st.validate(x)
	_, dup := s.st.docs[validID(x)]
	s.mu.RUnlock()
	if err != nil {
		return kg.IngestStatus{}, err
	}
	if dup {
		return kg.IngestStatus{}, nil
	}
	req := &commitReq{ctx: ctx, x: x, done: make(chan commitRes, 1)}
	if s.log != nil {
		if req.payload, err = json.Marshal(x); err != nil {
			return kg.IngestStatus{}, kg.Wrap(kg.CodeInternal, err, "could not encode the document")
		}
	}
	select {
	case s.reqs <- req:
	case <-s.quit:
		return kg.IngestStatus{}, errClosed()
	case <-ctx.Done():
		return kg.IngestStatus{}, cancelled(ctx.Err())
	}
	res := <-req.done
	return res.status, res.err
}

func validID(x *kg.Extraction) string {
	if x == nil {
		return ""
	}
	return x.Document.ID
}

// Ping reports whether the store is open.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.begin(ctx); err != nil {
		return err
	}
	s.mu.RUnlock()
	return nil
}

// Close lets the committer finish the batch it holds (answering any
// request still queued with UNAVAILABLE), abandons a snapshot being
// written (the log still holds what it would have covered), then closes
// the log and releases the directory lock. The store drops its graph, so
// the collector can free it once the caller drops its values too.
// Closing twice is harmless.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		close(s.quit)
		<-s.stopped
		s.snapWG.Wait()
		s.mu.Lock()
		s.closed = true
		s.mu.Unlock()
		if s.log != nil {
			s.closeErr = s.log.close()
		}
		s.mu.Lock()
		s.st = newState()
		s.mu.Unlock()
		s.intern = newInterner()
	})
	return s.closeErr
}
