package embedded

import (
	"context"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// Nodes returns the nodes with the given IDs, nil for unknown ones.
func (s *Store) Nodes(ctx context.Context, ids []string) ([]*kg.Node, error) {
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	out := make([]*kg.Node, len(ids))
	for i, id := range ids {
		if j, ok := s.st.nodeIdx[id]; ok {
			n := nodeOut(&s.st.nodes[j].n)
			out[i] = &n
		}
	}
	return out, nil
}

// Summaries returns the summaries of the nodes with the given IDs, nil
// for unknown ones, their lists cut from one arena like a subgraph's.
func (s *Store) Summaries(ctx context.Context, ids []string) ([]*kg.Node, error) {
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	idx := make([]int32, 0, len(ids))
	for _, id := range ids {
		if j, ok := s.st.nodeIdx[id]; ok {
			idx = append(idx, j)
		}
	}
	found := s.st.summariesOut(idx)
	out := make([]*kg.Node, len(ids))
	for i, id := range ids {
		if _, ok := s.st.nodeIdx[id]; ok {
			out[i], found = found[0], found[1:]
		}
	}
	return out, nil
}

// Documents returns the documents with the given IDs, nil for unknown ones.
func (s *Store) Documents(ctx context.Context, ids []string) ([]*kg.Document, error) {
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	out := make([]*kg.Document, len(ids))
	for i, id := range ids {
		if d, ok := s.st.docs[id]; ok {
			c := documentOut(d)
			out[i] = &c
		}
	}
	return out, nil
}

// FindDocuments returns the documents sharing a band with q or in its
// cluster, ordered by ID.
func (s *Store) FindDocuments(ctx context.Context, q kg.DocumentQuery) ([]kg.Document, error) {
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	var ids []string
	for _, b := range q.Bands {
		ids = append(ids, s.st.bands[b]...)
	}
	if q.Cluster != "" {
		ids = append(ids, s.st.clusters[q.Cluster]...)
	}
	ids = uniq(ids)
	if len(ids) > limit {
		ids = ids[:limit]
	}
	out := make([]kg.Document, len(ids))
	for i, id := range ids {
		out[i] = documentOut(s.st.docs[id])
	}
	return out, nil
}

// Lookup returns the nodes of kind (any kind when empty) with a name or
// alias whose AliasKey equals alias's, ordered by ID.
func (s *Store) Lookup(ctx context.Context, kind kg.Kind, alias string) ([]kg.Node, error) {
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	k := kg.AliasKey(alias)
	if k == "" {
		return []kg.Node{}, nil
	}
	out := []kg.Node{}
	for _, i := range s.st.alias[k] {
		if n := &s.st.nodes[i].n; kind == "" || n.Kind == kind {
			out = append(out, nodeOut(n))
		}
	}
	slices.SortFunc(out, func(a, b kg.Node) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// Stats counts documents, nodes by kind and edges by type.
func (s *Store) Stats(ctx context.Context) (*kg.Stats, error) {
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	st := &kg.Stats{Documents: len(s.st.docs), NodesByKind: map[kg.Kind]int{}, EdgesByType: map[kg.RelType]int{}}
	for i, k := range kg.Kinds {
		if c := s.st.kindCount[i]; c > 0 {
			st.NodesByKind[k] = c
		}
	}
	for i, t := range kg.RelTypes {
		if c := s.st.typeCount[i]; c > 0 {
			st.EdgesByType[t] = c
		}
	}
	return st, nil
}
