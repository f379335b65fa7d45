package embedded

import (
	"context"

	"github.com/newsgraph/newsgraph/kg"
)

// commitReq is one validated document waiting to be made durable.
type commitReq struct {
	ctx     context.Context
	x       *kg.Extraction
	payload []byte // the log record's JSON; nil in memory mode
	done    chan commitRes
}

type commitRes struct {
	status kg.IngestStatus
	err    error
}

// maxBatch bounds how many documents share one fsync.
const maxBatch = 256

// committer is the only writer. It takes every request already waiting,
// appends their records, fsyncs once for all of them (group commit), then
// merges them in log order under one write lock, so a replay after a
// restart rebuilds exactly the same graph.
func (s *Store) committer() {
	defer close(s.stopped)
	s.maybeSnapshot() // a long log tail replayed at Open
	for {
		select {
		case <-s.quit:
			for {
				select {
				case r := <-s.reqs:
					r.done <- commitRes{err: errClosed()}
				default:
					return
				}
			}
		case r := <-s.reqs:
			batch := []*commitReq{r}
		more:
			for len(batch) < maxBatch {
				select {
				case r := <-s.reqs:
					batch = append(batch, r)
				default:
					break more
				}
			}
			s.commit(batch)
			s.maybeSnapshot()
		}
	}
}

func (s *Store) commit(batch []*commitReq) {
	// Drop what is already stored (or earlier in this batch) and what its
	// caller gave up on before anything was written.
	var todo []*commitReq
	inBatch := map[string]bool{}
	s.mu.RLock()
	for _, r := range batch {
		id := r.x.Document.ID
		_, stored := s.st.docs[id]
		switch {
		case stored || inBatch[id]:
			r.done <- commitRes{}
		case r.ctx.Err() != nil:
			r.done <- commitRes{err: cancelled(r.ctx.Err())}
		default:
			inBatch[id] = true
			todo = append(todo, r)
		}
	}
	s.mu.RUnlock()
	if len(todo) == 0 {
		return
	}
	if s.log != nil {
		payloads := make([][]byte, len(todo))
		for i, r := range todo {
			payloads[i] = r.payload
		}
		if err := s.log.append(payloads...); err != nil {
			for _, r := range todo {
				r.done <- commitRes{err: kg.Wrap(kg.CodeUnavailable, err, "could not store the document")}
			}
			return
		}
	}
	for _, r := range todo {
		s.intern.extraction(r.x)
	}
	s.mu.Lock()
	results := make([]kg.IngestStatus, len(todo))
	for i, r := range todo {
		results[i] = s.st.apply(r.x)
	}
	s.mu.Unlock()
	for i, r := range todo {
		r.done <- commitRes{status: results[i]}
	}
}
