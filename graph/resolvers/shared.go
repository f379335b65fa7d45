package resolvers

import (
	"context"

	"github.com/newsgraph/newsgraph/graph/model"
	"github.com/newsgraph/newsgraph/graph/present"
	"github.com/newsgraph/newsgraph/kg"
)

// The fields every node kind shares, reached from each kind's resolver.

func (r *Resolver) mentions(ctx context.Context, n *kg.Node, first *int) ([]*kg.Evidence, error) {
	k, err := present.First(ctx, "first", first, 20)
	if err != nil {
		return nil, err
	}
	if n, err = r.whole(ctx, n); err != nil || n == nil {
		return []*kg.Evidence{}, err
	}
	out := make([]*kg.Evidence, 0, min(k, len(n.Mentions)))
	for i := 0; i < len(n.Mentions) && i < k; i++ {
		out = append(out, &n.Mentions[i])
	}
	return out, nil
}

// evidencePage is the first quotes of ev (20 when first is omitted),
// pointing into ev.
func evidencePage(ctx context.Context, ev []kg.Evidence, first *int) ([]*kg.Evidence, error) {
	k, err := present.First(ctx, "first", first, 20)
	if err != nil {
		return nil, err
	}
	out := make([]*kg.Evidence, min(k, len(ev)))
	for i := range out {
		out[i] = &ev[i]
	}
	return out, nil
}

// pageOf is the first items of xs (20 when first is omitted).
func pageOf[T any](ctx context.Context, xs []T, first *int) ([]T, error) {
	k, err := present.First(ctx, "first", first, 20)
	if err != nil {
		return nil, err
	}
	return present.Take(xs, k), nil
}

func (r *Resolver) documents(ctx context.Context, n *kg.Node, first *int) ([]*model.Document, error) {
	k, err := present.First(ctx, "first", first, 20)
	if err != nil {
		return nil, err
	}
	if n, err = r.whole(ctx, n); err != nil || n == nil {
		return []*model.Document{}, err
	}
	ids := n.Documents
	if len(ids) > k {
		ids = ids[:k]
	}
	return r.load(ctx).Documents(ctx, ids)
}

// whole is n with its Mentions and Documents: n itself, or, when n is a
// summary (a graph answer's or a list's node, see kg.Store), the whole
// node read through the request's loader, so the nodes of one level that
// ask for their lists are read in one batch. nil when the node is no
// longer stored.
func (r *Resolver) whole(ctx context.Context, n *kg.Node) (*kg.Node, error) {
	if !n.Summary {
		return n, nil
	}
	ns, err := r.load(ctx).WholeNodes(ctx, []string{n.ID})
	if err != nil {
		return nil, err
	}
	return ns[0], nil
}

func (r *Resolver) relationships(ctx context.Context, id string, dir *kg.Direction, types []kg.RelType, minSources *int, from, to *string, first *int, after *string) (*model.RelationshipConnection, error) {
	f, err := present.EdgeFilter(dir, types, minSources, from, to)
	if err != nil {
		return nil, err
	}
	k, err := present.First(ctx, "first", first, 20)
	if err != nil {
		return nil, err
	}
	last, err := edgeCursor(present.Str(after))
	if err != nil {
		return nil, err
	}
	page, err := r.load(ctx).EdgePage(ctx, id, f, kg.EdgeWindow{First: k, After: last})
	if err != nil {
		return nil, err
	}
	cursors := make([]string, len(page.Edges))
	for i := range page.Edges {
		cursors[i] = kg.EncodeCursor(page.Edges[i].ID)
	}
	return present.RelationshipConnection(page.Edges, cursors, page.TotalCount, page.HasNextPage, id), nil
}

// edgeCursor is the edge ID a relationships cursor names ("" for none).
// The cursor holds the last edge ID seen, so it stays valid while
// documents add edges.
func edgeCursor(after string) (string, error) {
	if after == "" {
		return "", nil
	}
	parts, err := kg.DecodeCursor(after, 1)
	if err != nil {
		return "", err
	}
	return parts[0], nil
}

// rootNode is mustNode for root fields: read at once, no batch window.
func (r *Resolver) rootNode(ctx context.Context, id string) (model.Node, error) {
	n, err := r.load(ctx).NodeNow(ctx, id)
	if err != nil {
		return nil, err
	}
	if n == nil {
		return nil, notFound(id)
	}
	return n, nil
}

// mustNode returns the node with id or a NOT_FOUND error: every field but
// node(id) treats an unknown ID as an error.
func (r *Resolver) mustNode(ctx context.Context, id string) (model.Node, error) {
	n, err := r.load(ctx).Node(ctx, id)
	if err != nil {
		return nil, err
	}
	if n == nil {
		return nil, notFound(id)
	}
	return n, nil
}

func notFound(id string) error {
	return kg.Errorf(kg.CodeNotFound, "no node with id %s", kg.Echo(id))
}

// mustNodes checks, for a root field, that every id names a node, in one
// immediate read.
func (r *Resolver) mustNodes(ctx context.Context, ids ...string) error {
	raw, err := r.load(ctx).RawNodesNow(ctx, ids)
	if err != nil {
		return err
	}
	for i, n := range raw {
		if n == nil {
			return notFound(ids[i])
		}
	}
	return nil
}

// orNotFound is err, or NOT_FOUND for id when the read succeeded but found
// nothing.
func orNotFound(err error, id string) error {
	if err != nil {
		return err
	}
	return kg.Errorf(kg.CodeNotFound, "no document with id %s", kg.Echo(id))
}

// RelationshipPage answers the relationships field of the node with id,
// exactly as each kind's resolver does. The handler's direct writer
// (graph/flat.go) calls it to answer nested pages without gqlgen's
// per-field machinery.
func (r *Resolver) RelationshipPage(ctx context.Context, id string, dir *kg.Direction, types []kg.RelType, minSources *int, from, to *string, first *int, after *string) (*model.RelationshipConnection, error) {
	return r.relationships(ctx, id, dir, types, minSources, from, to, first, after)
}
