package events

import (
	"context"
	"time"

	"github.com/newsgraph/newsgraph/kg"
)

// Publishing wraps an Ingester so that every document it newly stores is
// published on the bus. Re-ingesting a stored text (Created=false) and
// failed ingests publish nothing, so subscribers see each document once.
type Publishing struct {
	next kg.Ingester
	bus  *Bus
	now  func() time.Time
}

// NewPublishing decorates next; bus may be nil, which makes it a no-op
// wrapper.
func NewPublishing(next kg.Ingester, bus *Bus) *Publishing {
	return &Publishing{next: next, bus: bus, now: time.Now}
}

// Ingest implements kg.Ingester.
func (p *Publishing) Ingest(ctx context.Context, in kg.DocumentInput) (*kg.Document, kg.IngestStatus, error) {
	doc, st, err := p.next.Ingest(ctx, in)
	if err == nil && doc != nil && st.Created && p.bus != nil {
		p.bus.Publish(Event{Document: *doc, Status: st, At: p.now().UTC()})
	}
	return doc, st, err
}

var _ kg.Ingester = (*Publishing)(nil)
