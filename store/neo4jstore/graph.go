package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/kg"
)

const (
	defaultSearchSize        = 10
	defaultMaxLength         = 4
	defaultNeighborhoodLimit = 100
	defaultPathsLimit        = 10
)

// edgeFromRecord decodes a record with columns r, source and target.
func edgeFromRecord(r *neo4j.Record) kg.Edge {
	v, _ := r.Get("r")
	src, _ := r.Get("source")
	dst, _ := r.Get("target")
	s, _ := src.(string)
	t, _ := dst.(string)
	return decodeEdge(v, s, t)
}

// graphTypes is the default for graph walks: facts only, not the
// document bookkeeping (MENTIONS, PUBLISHED_ON).
func graphTypes(ts []kg.RelType) []string {
	return typeNames(ts, kg.RelMentions, kg.RelPublishedOn)
}

// Neighborhood walks breadth-first in Cypher (one statement per depth
// bound), then fetches the edges among the kept nodes: two round trips.
func (s *Store) Neighborhood(ctx context.Context, q kg.NeighborhoodQuery) (*kg.Subgraph, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = defaultNeighborhoodLimit
	}
	kinds := kindNames(q.Kinds)
	if len(q.Kinds) == 0 {
		kinds = kindNames(kg.Kinds)
	}
	types := graphTypes(q.Types)
	res, err := s.read(ctx, hopStatement("neighborhood", q.Depth), map[string]any{
		"id": q.ID, "types": types, "kinds": kinds, "limit": int64(limit)})
	if err != nil {
		return nil, err
	}
	if len(res.Records) == 0 {
		return nil, nil
	}
	nodes := decodeNodes(res.Records, "n")
	for i := range nodes {
		nodes[i] = nodes[i].Summarized()
	}
	sub := &kg.Subgraph{Nodes: kg.Refs(nodes)}
	ids := make([]string, len(sub.Nodes))
	for i, n := range sub.Nodes {
		ids[i] = n.ID
	}
	er, err := s.read(ctx, stmt("read_subgraph_edges"), map[string]any{"ids": ids, "types": types})
	if err != nil {
		return nil, err
	}
	for _, r := range er.Records {
		e := edgeFromRecord(r).Summarized()
		sub.Edges = append(sub.Edges, &e)
	}
	return sub, nil
}

// ShortestPath asks Neo4j's shortestPath for one path, ignoring direction.
func (s *Store) ShortestPath(ctx context.Context, from, to string, maxLength int) (*kg.Path, error) {
	if maxLength <= 0 {
		maxLength = defaultMaxLength
	}
	if from == to {
		// shortestPath rejects equal endpoints; the answer is the node.
		ns, err := s.Nodes(ctx, []string{from})
		if err != nil || ns[0] == nil {
			return nil, err
		}
		*ns[0] = ns[0].Summarized()
		return &kg.Path{Nodes: ns[:1]}, nil
	}
	res, err := s.read(ctx, hopStatement("shortest_path", maxLength), map[string]any{
		"from": from, "to": to, "types": graphTypes(nil)})
	if err != nil {
		return nil, err
	}
	if len(res.Records) == 0 {
		return nil, nil
	}
	p := decodePath(res.Records[0])
	return &p, nil
}

// Paths enumerates simple paths in Cypher, ordered and limited there.
func (s *Store) Paths(ctx context.Context, q kg.PathsQuery) ([]kg.Path, error) {
	if err := ctx.Err(); err != nil {
		return nil, s.wrap(err)
	}
	if q.From == q.To {
		return nil, nil
	}
	limit := q.Limit
	if limit <= 0 {
		limit = defaultPathsLimit
	}
	maxLength := q.MaxLength
	if maxLength <= 0 {
		maxLength = defaultMaxLength
	}
	res, err := s.read(ctx, hopStatement("paths", maxLength), map[string]any{
		"from": q.From, "to": q.To, "types": graphTypes(q.Types), "limit": int64(limit)})
	if err != nil {
		return nil, err
	}
	out := make([]kg.Path, 0, len(res.Records))
	for _, r := range res.Records {
		out = append(out, decodePath(r))
	}
	return out, nil
}

// decodePath reads columns ns (nodes in order), rs (relationships in
// order) and starts (each relationship's start node ID), which give each
// edge its stored direction whatever way the path walked it.
func decodePath(r *neo4j.Record) kg.Path {
	nsv, _ := r.Get("ns")
	rsv, _ := r.Get("rs")
	stv, _ := r.Get("starts")
	ns, _ := nsv.([]any)
	rs, _ := rsv.([]any)
	starts, _ := stv.([]any)
	var p kg.Path
	for _, n := range ns {
		node := decodeSummary(n)
		p.Nodes = append(p.Nodes, &node)
	}
	for i, rel := range rs {
		if i+1 >= len(p.Nodes) {
			break
		}
		a, b := p.Nodes[i].ID, p.Nodes[i+1].ID
		if i < len(starts) && starts[i] == b {
			a, b = b, a
		}
		e := decodeEdgeSummary(rel, a, b)
		p.Edges = append(p.Edges, &e)
	}
	return p
}

// Timeline selects dated facts by their DATE node's day range in Cypher.
func (s *Store) Timeline(ctx context.Context, q kg.TimelineQuery) ([]kg.TimelineItem, error) {
	var types []string
	for _, t := range kg.RelTypes {
		if !t.Dated() {
			continue
		}
		if len(q.Types) == 0 || containsType(q.Types, t) {
			types = append(types, string(t))
		}
	}
	params := map[string]any{"types": types, "from": "", "to": "", "about": q.About}
	if q.From != "" {
		params["from"] = kg.RangeStart(q.From)
	}
	if q.To != "" {
		params["to"] = kg.RangeEnd(q.To)
	}
	res, err := s.read(ctx, stmt("read_timeline"), params)
	if err != nil {
		return nil, err
	}
	out := make([]kg.TimelineItem, 0, len(res.Records))
	for _, r := range res.Records {
		rv, _ := r.Get("r")
		sv, _ := r.Get("s")
		dv, _ := r.Get("d")
		subj, date := decodeNode(sv), decodeNode(dv)
		out = append(out, kg.TimelineItem{Edge: decodeEdge(rv, subj.ID, date.ID), Subject: subj, Date: date})
	}
	return out, nil
}

func containsType(ts []kg.RelType, t kg.RelType) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}

// Stats counts nodes by kind and relationships by type, server side.
func (s *Store) Stats(ctx context.Context) (*kg.Stats, error) {
	st := &kg.Stats{NodesByKind: map[kg.Kind]int{}, EdgesByType: map[kg.RelType]int{}}
	counts := func(name string, add func(key string, n int)) error {
		res, err := s.read(ctx, stmt(name), nil)
		if err != nil {
			return err
		}
		for _, r := range res.Records {
			key, _ := r.Get("key")
			total, _ := r.Get("total")
			k, _ := key.(string)
			n, _ := total.(int64)
			add(k, int(n))
		}
		return nil
	}
	if err := counts("read_stats_nodes", func(k string, n int) { st.NodesByKind[kg.Kind(k)] += n }); err != nil {
		return nil, err
	}
	if err := counts("read_stats_edges", func(k string, n int) { st.EdgesByType[kg.RelType(k)] += n }); err != nil {
		return nil, err
	}
	st.Documents = st.NodesByKind[kg.KindDocument]
	return st, nil
}
