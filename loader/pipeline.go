package loader

import (
	"context"

	"github.com/newsgraph/newsgraph/kg"
)

// Pipeline implements kg.Ingester: it validates and extracts a document,
// then stores the extraction.
type Pipeline struct {
	l *Loader
	s kg.Store
}

var _ kg.Ingester = (*Pipeline)(nil)

// NewPipeline joins a loader and a store. The loader should have been made
// with the same store as its Knowledge so documents resolve against it.
func NewPipeline(l *Loader, s kg.Store) *Pipeline {
	return &Pipeline{l: l, s: s}
}

// Ingest extracts and stores one document. Invalid input is a
// CodeBadUserInput error and nothing is stored.
func (p *Pipeline) Ingest(ctx context.Context, in kg.DocumentInput) (*kg.Document, kg.IngestStatus, error) {
	x, err := p.l.Extract(ctx, in)
	if err != nil {
		return nil, kg.IngestStatus{}, err
	}
	st, err := p.s.Ingest(ctx, x)
	if err != nil {
		if kg.ErrorCode(err) == kg.CodeInternal {
			return nil, st, kg.Wrap(kg.CodeInternal, err, "storing the document failed")
		}
		return nil, st, err
	}
	doc := x.Document
	return &doc, st, nil
}
