package loaders

import (
	"context"
	"sync"
	"time"

	"github.com/newsgraph/newsgraph/graph/model"
	"github.com/newsgraph/newsgraph/graph/present"
	"github.com/newsgraph/newsgraph/kg"
)

// DefaultWait is how long a batch waits for sibling fields to join it. The
// fields of one list are resolved concurrently, so they all ask within a
// fraction of this.
const DefaultWait = 2 * time.Millisecond

// maxBatch bounds one store call, so a huge level is split rather than
// sent as one enormous request.
const maxBatch = 1000

// Loaders are the batched, cached store reads of one request. Build a new
// one per request (see With): the cache is never invalidated.
type Loaders struct {
	store kg.Store
	wait  time.Duration
	nodes *Batcher[string, *kg.Node] // summaries, for lists (see kg.Store)
	whole *Batcher[string, *kg.Node] // whole nodes, for roots and lists of mentions
	docs  *Batcher[string, *kg.Document]
	// wholeEdges reads the whole edges behind graph answers' summaries.
	wholeEdges *Batcher[edgeKey, *kg.Edge]

	mu    sync.Mutex
	edges map[string]*Batcher[string, []kg.Edge]         // every edge, by EdgeFilter
	pages map[string]*Batcher[string, kg.EdgeWindowPage] // one window, by EdgeFilter and EdgeWindow

	groups *groups
}

// New returns request-scoped loaders over store. wait <= 0 means DefaultWait.
func New(store kg.Store, wait time.Duration) *Loaders {
	if wait <= 0 {
		wait = DefaultWait
	}
	l := &Loaders{store: store, wait: wait, edges: map[string]*Batcher[string, []kg.Edge]{},
		pages: map[string]*Batcher[string, kg.EdgeWindowPage]{}, groups: newGroups()}
	l.nodes = NewBatcher(store.Summaries, wait, maxBatch)
	l.whole = NewBatcher(store.Nodes, wait, maxBatch)
	l.docs = NewBatcher(store.Documents, wait, maxBatch)
	l.wholeEdges = NewBatcher(l.fetchWholeEdges, wait, maxBatch)
	return l
}

type ctxKey struct{}

// With returns a context carrying l.
func With(ctx context.Context, l *Loaders) context.Context {
	return context.WithValue(ctx, ctxKey{}, l)
}

// From returns the loaders of the request, or nil when there are none.
func From(ctx context.Context) *Loaders {
	l, _ := ctx.Value(ctxKey{}).(*Loaders)
	return l
}

// RawNodes returns the summaries of the stored nodes for ids (see
// kg.Store), in order, nil for unknown IDs: the nodes of a list rarely
// show their mentions, and a hub's run to thousands. When the first ID
// belongs to a sibling group, the whole group is read.
func (l *Loaders) RawNodes(ctx context.Context, ids []string) ([]*kg.Node, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	if gr := l.groups.nodeGroup(ids[0]); gr != nil {
		l.groups.nodesRead(gr)
		return l.nodes.LoadGroup(ctx, ids, gr.ids)
	}
	return l.nodes.LoadMany(ctx, ids)
}

// NodeNow reads one node at once, without waiting for siblings: root
// fields have none, so a window would only add latency. The node then
// forms an edge group of its own, so its first nested edge field is read
// at once too.
func (l *Loaders) NodeNow(ctx context.Context, id string) (model.Node, error) {
	raw, err := l.RawNodesNow(ctx, []string{id})
	if err != nil || raw[0] == nil {
		return nil, err
	}
	l.groups.root(id)
	ns, err := l.WrapNow(ctx, raw[:1])
	if err != nil {
		return nil, err
	}
	return ns[0], nil
}

// RawNodesNow reads whole nodes at once (see NodeNow), nil for unknown
// IDs: a root field shows one node, often with its mentions.
func (l *Loaders) RawNodesNow(ctx context.Context, ids []string) ([]*kg.Node, error) {
	return l.whole.LoadGroup(ctx, ids, nil)
}

// WholeNodes returns the whole stored nodes for ids, with their mentions
// and documents, in order, nil for unknown IDs; the nodes of one level
// that ask are read in one batch.
func (l *Loaders) WholeNodes(ctx context.Context, ids []string) ([]*kg.Node, error) {
	return l.whole.LoadMany(ctx, ids)
}

// DocumentNow reads one document at once, for root fields; nil when
// there is none.
func (l *Loaders) DocumentNow(ctx context.Context, id string) (*model.Document, error) {
	ds, err := l.docs.LoadGroup(ctx, []string{id}, nil)
	if err != nil || ds[0] == nil {
		return nil, err
	}
	return present.Document(ds[0]), nil
}

// Node returns the object for id, or nil when there is no such node.
func (l *Loaders) Node(ctx context.Context, id string) (model.Node, error) {
	ns, err := l.Nodes(ctx, []string{id})
	if err != nil || len(ns) == 0 {
		return nil, err
	}
	return ns[0], nil
}

// Nodes returns the objects for ids, in order, leaving out unknown IDs.
func (l *Loaders) Nodes(ctx context.Context, ids []string) ([]model.Node, error) {
	raw, err := l.RawNodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	found := make([]*kg.Node, 0, len(raw))
	for _, n := range raw {
		if n != nil {
			found = append(found, n)
		}
	}
	return l.Wrap(ctx, found)
}

// Wrap turns stored nodes into their kind's objects, keeping their order
// and number. DOCUMENT nodes need the stored document for their text and
// metadata: those are read in one batched call. The objects keep the
// pointers, so pass nodes nothing will change: the store's own (they are
// immutable) or ones built for this request.
func (l *Loaders) Wrap(ctx context.Context, nodes []*kg.Node) ([]model.Node, error) {
	return l.wrap(ctx, nodes, false)
}

// WrapNow is Wrap for root fields: the documents are read at once, since
// a root field has no siblings to wait for and the batch window would
// only add its latency to the request.
func (l *Loaders) WrapNow(ctx context.Context, nodes []*kg.Node) ([]model.Node, error) {
	return l.wrap(ctx, nodes, true)
}

func (l *Loaders) wrap(ctx context.Context, nodes []*kg.Node, now bool) ([]model.Node, error) {
	ids := make([]string, len(nodes))
	for i := range nodes {
		ids[i] = nodes[i].ID
	}
	l.groups.listed(ids)
	var docIDs []string
	for _, n := range nodes {
		if n.Kind == kg.KindDocument {
			docIDs = append(docIDs, n.ID)
		}
	}
	docs := map[string]*kg.Document{}
	if len(docIDs) > 0 {
		var ds []*kg.Document
		var err error
		if now {
			ds, err = l.docs.LoadGroup(ctx, docIDs, nil)
		} else {
			ds, err = l.docs.LoadMany(ctx, docIDs)
		}
		if err != nil {
			return nil, err
		}
		for i, d := range ds {
			docs[docIDs[i]] = d
		}
	}
	out := make([]model.Node, 0, len(nodes))
	for _, n := range nodes {
		out = append(out, present.Node(n, docs[n.ID]))
	}
	return out, nil
}

// Document returns the document with id, or nil when there is none.
func (l *Loaders) Document(ctx context.Context, id string) (*model.Document, error) {
	ds, err := l.Documents(ctx, []string{id})
	if err != nil || len(ds) == 0 {
		return nil, err
	}
	return ds[0], nil
}

// Documents returns the documents for ids, in order, leaving out unknown IDs.
func (l *Loaders) Documents(ctx context.Context, ids []string) ([]*model.Document, error) {
	ds, err := l.docs.LoadMany(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]*model.Document, 0, len(ds))
	for _, d := range ds {
		if d != nil {
			out = append(out, present.Document(d))
		}
	}
	return out, nil
}
