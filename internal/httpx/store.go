package httpx

import (
	"context"
	"time"

	"github.com/newsgraph/newsgraph/kg"
)

// InstrumentStore decorates s so that every call is timed into
// newsgraph_store_call_duration_seconds and every failure counted by code.
// It adds no behaviour: results and errors pass through unchanged.
func InstrumentStore(s kg.Store, m *Metrics) kg.Store { return &timedStore{s: s, m: m} }

type timedStore struct {
	s kg.Store
	m *Metrics
}

var _ kg.Store = (*timedStore)(nil)

func (t *timedStore) observe(method string, start time.Time, err error) {
	t.m.ObserveStoreCall(method, time.Since(start), kg.ErrorCode(err))
}

func (t *timedStore) Ingest(ctx context.Context, x *kg.Extraction) (st kg.IngestStatus, err error) {
	defer func(start time.Time) { t.observe("Ingest", start, err) }(time.Now())
	return t.s.Ingest(ctx, x)
}

func (t *timedStore) Nodes(ctx context.Context, ids []string) (out []*kg.Node, err error) {
	defer func(start time.Time) { t.observe("Nodes", start, err) }(time.Now())
	return t.s.Nodes(ctx, ids)
}

func (t *timedStore) Summaries(ctx context.Context, ids []string) (out []*kg.Node, err error) {
	defer func(start time.Time) { t.observe("Summaries", start, err) }(time.Now())
	return t.s.Summaries(ctx, ids)
}

func (t *timedStore) Documents(ctx context.Context, ids []string) (out []*kg.Document, err error) {
	defer func(start time.Time) { t.observe("Documents", start, err) }(time.Now())
	return t.s.Documents(ctx, ids)
}

func (t *timedStore) FindDocuments(ctx context.Context, q kg.DocumentQuery) (out []kg.Document, err error) {
	defer func(start time.Time) { t.observe("FindDocuments", start, err) }(time.Now())
	return t.s.FindDocuments(ctx, q)
}

func (t *timedStore) Lookup(ctx context.Context, kind kg.Kind, alias string) (out []kg.Node, err error) {
	defer func(start time.Time) { t.observe("Lookup", start, err) }(time.Now())
	return t.s.Lookup(ctx, kind, alias)
}

func (t *timedStore) Search(ctx context.Context, q kg.SearchQuery) (out []kg.SearchHit, err error) {
	defer func(start time.Time) { t.observe("Search", start, err) }(time.Now())
	return t.s.Search(ctx, q)
}

func (t *timedStore) Entities(ctx context.Context, f kg.EntityFilter, p kg.Page) (out kg.NodePage, err error) {
	defer func(start time.Time) { t.observe("Entities", start, err) }(time.Now())
	return t.s.Entities(ctx, f, p)
}

func (t *timedStore) EdgesOf(ctx context.Context, ids []string, f kg.EdgeFilter) (out map[string][]kg.Edge, err error) {
	defer func(start time.Time) { t.observe("EdgesOf", start, err) }(time.Now())
	return t.s.EdgesOf(ctx, ids, f)
}

func (t *timedStore) EdgePages(ctx context.Context, ids []string, f kg.EdgeFilter, w kg.EdgeWindow) (out map[string]kg.EdgeWindowPage, err error) {
	defer func(start time.Time) { t.observe("EdgePages", start, err) }(time.Now())
	return t.s.EdgePages(ctx, ids, f, w)
}

func (t *timedStore) Edges(ctx context.Context, q kg.EdgeQuery, p kg.Page) (out kg.EdgePage, err error) {
	defer func(start time.Time) { t.observe("Edges", start, err) }(time.Now())
	return t.s.Edges(ctx, q, p)
}

func (t *timedStore) Neighborhood(ctx context.Context, q kg.NeighborhoodQuery) (out *kg.Subgraph, err error) {
	defer func(start time.Time) { t.observe("Neighborhood", start, err) }(time.Now())
	return t.s.Neighborhood(ctx, q)
}

func (t *timedStore) ShortestPath(ctx context.Context, from, to string, maxLength int) (out *kg.Path, err error) {
	defer func(start time.Time) { t.observe("ShortestPath", start, err) }(time.Now())
	return t.s.ShortestPath(ctx, from, to, maxLength)
}

func (t *timedStore) Paths(ctx context.Context, q kg.PathsQuery) (out []kg.Path, err error) {
	defer func(start time.Time) { t.observe("Paths", start, err) }(time.Now())
	return t.s.Paths(ctx, q)
}

func (t *timedStore) Timeline(ctx context.Context, q kg.TimelineQuery) (out []kg.TimelineItem, err error) {
	defer func(start time.Time) { t.observe("Timeline", start, err) }(time.Now())
	return t.s.Timeline(ctx, q)
}

func (t *timedStore) Stats(ctx context.Context) (out *kg.Stats, err error) {
	defer func(start time.Time) { t.observe("Stats", start, err) }(time.Now())
	return t.s.Stats(ctx)
}

func (t *timedStore) Ping(ctx context.Context) (err error) {
	defer func(start time.Time) { t.observe("Ping", start, err) }(time.Now())
	return t.s.Ping(ctx)
}

func (t *timedStore) Close() (err error) {
	defer func(start time.Time) { t.observe("Close", start, err) }(time.Now())
	return t.s.Close()
}

// InstrumentIngester decorates in so that every ingestion is counted in
// newsgraph_ingested_documents_total by result, whichever path (GraphQL,
// seed load, command line) submitted it.
func InstrumentIngester(in kg.Ingester, m *Metrics) kg.Ingester { return countingIngester{in, m} }

type countingIngester struct {
	in kg.Ingester
	m  *Metrics
}

func (c countingIngester) Ingest(ctx context.Context, d kg.DocumentInput) (*kg.Document, kg.IngestStatus, error) {
	doc, st, err := c.in.Ingest(ctx, d)
	switch {
	case err != nil && kg.ErrorCode(err) == kg.CodeBadUserInput:
		c.m.CountIngest("rejected")
	case err != nil:
		c.m.CountIngest("failed")
	case st.Created:
		c.m.CountIngest("created")
	default:
		c.m.CountIngest("existing")
	}
	return doc, st, err
}
