package graph

import (
	"bytes"
	"context"
	"sync"
)

// An answer with a subgraph or a nested page is mostly the bytes a
// flatWriter produced, tens of kilobytes of them. gqlgen's executor copies
// each field's bytes into a fresh buffer for the response data, and at a
// hundred nodes and their edges that buffer was half of what a
// neighbourhood request allocated (and so half of the collector's work
// for it). Under the POST transport a flatWriter hands its bytes to the
// request's splices instead and writes a placeholder: one NUL byte, which
// cannot occur in JSON text (strings escape every control character). The
// transport writes the answer with each placeholder replaced, in order, by
// the bytes it stands for, straight from the writers' pooled buffers.
// Other transports put no splices in the context, so there the writer
// writes its bytes as before.

// spliceMark is the placeholder a spliced value leaves in the data.
const spliceMark = 0

// splices are the values set aside during one answer, in writing order.
type splices struct {
	mu   sync.Mutex
	bufs []*[]byte // from bufPool; released by release
}

type splicesKey struct{}

// withSplices returns ctx carrying s for the flat writers of one answer.
func withSplices(ctx context.Context, s *splices) context.Context {
	return context.WithValue(ctx, splicesKey{}, s)
}

// splicesFrom returns the context's splices, or nil outside the POST
// transport.
func splicesFrom(ctx context.Context) *splices {
	s, _ := ctx.Value(splicesKey{}).(*splices)
	return s
}

// add sets b aside; the caller writes spliceMark where it belongs.
func (s *splices) add(b *[]byte) {
	s.mu.Lock()
	s.bufs = append(s.bufs, b)
	s.mu.Unlock()
}

// expand appends data to out with every mark replaced by its value. It
// reports false, having appended nothing, when the marks do not match the
// values set aside one for one.
func (s *splices) expand(out, data []byte) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if bytes.Count(data, []byte{spliceMark}) != len(s.bufs) {
		return out, false
	}
	for _, b := range s.bufs {
		i := bytes.IndexByte(data, spliceMark)
		out = append(out, data[:i]...)
		out = append(out, *b...)
		data = data[i+1:]
	}
	return append(out, data...), true
}

// release returns the values' buffers to the pool.
func (s *splices) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, b := range s.bufs {
		putBuf(b)
	}
	s.bufs = nil
}
