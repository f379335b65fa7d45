package present

import (
	"sort"

	"github.com/newsgraph/newsgraph/graph/model"
	"github.com/newsgraph/newsgraph/kg"
)

// Link is one edge of a node and the node at its other end.
type Link struct {
	Edge  *kg.Edge
	Other model.Node
}

// PageInfo describes the end of a page.
func PageInfo(cursors []string, hasNext bool) *model.PageInfo {
	pi := &model.PageInfo{HasNextPage: hasNext}
	if len(cursors) > 0 {
		pi.EndCursor = &cursors[len(cursors)-1]
	}
	return pi
}

// RelationshipConnection presents a page of edges seen from the node from
// ("" at the root).
func RelationshipConnection(edges []*kg.Edge, cursors []string, total int, hasNext bool, from string) *model.RelationshipConnection {
	c := &model.RelationshipConnection{
		TotalCount: total,
		Edges:      make([]*model.RelationshipEdge, len(edges)),
		Nodes:      make([]*model.Relationship, len(edges)),
		PageInfo:   PageInfo(cursors, hasNext),
	}
	// Two backing arrays instead of two objects per edge: a nested walk
	// presents hundreds of edges per request, all living as long as it.
	rels := make([]model.Relationship, len(edges))
	redges := make([]model.RelationshipEdge, len(edges))
	for i := range edges {
		rels[i] = model.Relationship{E: edges[i], From: from}
		redges[i] = model.RelationshipEdge{Cursor: cursors[i], Node: &rels[i]}
		c.Nodes[i] = &rels[i]
		c.Edges[i] = &redges[i]
	}
	return c
}

// NodeConnection presents a page of nodes; nodes and cursors align.
func NodeConnection(nodes []model.Node, cursors []string, total int, hasNext bool) *model.NodeConnection {
	c := &model.NodeConnection{
		TotalCount: total,
		Edges:      make([]*model.NodeEdge, len(nodes)),
		Nodes:      nodes,
		PageInfo:   PageInfo(cursors, hasNext),
	}
	for i, n := range nodes {
		c.Edges[i] = &model.NodeEdge{Cursor: cursors[i], Node: n}
	}
	return c
}

// DocumentConnection presents a page of documents; docs and cursors align.
func DocumentConnection(docs []*model.Document, cursors []string, total int, hasNext bool) *model.DocumentConnection {
	c := &model.DocumentConnection{
		TotalCount: total,
		Edges:      make([]*model.DocumentEdge, len(docs)),
		Nodes:      docs,
		PageInfo:   PageInfo(cursors, hasNext),
	}
	for i, d := range docs {
		c.Edges[i] = &model.DocumentEdge{Cursor: cursors[i], Node: d}
	}
	return c
}

// Edges presents edges for drawing.
func Edges(es []kg.Edge) []*model.Edge {
	out := make([]*model.Edge, len(es))
	views := make([]model.Edge, len(es)) // one allocation for all the views
	for i := range es {
		views[i].E = &es[i]
		out[i] = &views[i]
	}
	return out
}

// EdgeRefs presents edges the store shares (a subgraph's or a path's).
func EdgeRefs(es []*kg.Edge) []*model.Edge {
	out := make([]*model.Edge, len(es))
	views := make([]model.Edge, len(es)) // one allocation for all the views
	for i, e := range es {
		views[i].E = e
		out[i] = &views[i]
	}
	return out
}

// Path presents one path; nodes are the already wrapped path nodes.
func Path(p *kg.Path, nodes []model.Node) *model.Path {
	total := 0
	for i := range p.Edges {
		total += p.Edges[i].SourceCount()
	}
	return &model.Path{Length: len(p.Edges), SourceCount: total, Nodes: nodes, Edges: EdgeRefs(p.Edges)}
}

// SearchHits pairs hits with their wrapped nodes (same order).
func SearchHits(hits []kg.SearchHit, nodes []model.Node) []*model.SearchHit {
	out := make([]*model.SearchHit, len(hits))
	for i := range hits {
		out[i] = &model.SearchHit{Node: nodes[i], Score: hits[i].Score}
	}
	return out
}

// Timeline presents timeline items in the store's order.
func Timeline(items []kg.TimelineItem) []*model.TimelineEntry {
	out := make([]*model.TimelineEntry, len(items))
	for i := range items {
		out[i] = &model.TimelineEntry{Item: &items[i]}
	}
	return out
}

// Stats presents the counts in the order of the ontology, leaving out
// relationship types that have none.
func Stats(s *kg.Stats) *model.Stats {
	out := &model.Stats{Documents: s.Documents, NodesByKind: []*model.KindCount{}, EdgesByType: []*model.TypeCount{}}
	for _, k := range kg.Kinds {
		n := s.NodesByKind[k]
		out.Nodes += n
		out.NodesByKind = append(out.NodesByKind, &model.KindCount{Kind: k, Count: n})
	}
	for _, t := range kg.RelTypes {
		if n := s.EdgesByType[t]; n > 0 {
			out.Edges += n
			out.EdgesByType = append(out.EdgesByType, &model.TypeCount{Type: t, Count: n})
		}
	}
	return out
}

// Affiliations presents HEADS / MEMBER_OF links of self. When self is the
// person the other end is the organisation, and the other way round.
func Affiliations(self model.Node, links []Link) []*model.Affiliation {
	out := make([]*model.Affiliation, 0, len(links))
	for _, l := range links {
		person, org := self, l.Other
		if l.Edge.Source == l.Other.Stored().ID && self.Stored().Kind != kg.KindPerson {
			person, org = l.Other, self
		}
		p, ok := person.(*model.Person)
		if !ok {
			continue
		}
		out = append(out, &model.Affiliation{
			Person: p, Organization: org, Type: l.Edge.Type,
			Title:        firstNonEmpty(l.Edge.Attrs[kg.AttrRole], l.Edge.Attrs[kg.AttrTitle], p.N.Attrs[kg.AttrTitle]),
			Relationship: &model.Relationship{E: l.Edge, From: self.Stored().ID},
		})
	}
	return out
}

// OrderDates presents an order's dated links in date order, then by role.
func OrderDates(orderID string, links []Link) []*model.OrderDate {
	out := make([]*model.OrderDate, 0, len(links))
	for _, l := range links {
		d, ok := l.Other.(*model.Date)
		if !ok {
			continue
		}
		out = append(out, &model.OrderDate{
			Date: d, Role: model.Opt(l.Edge.Attrs[kg.AttrRole]), Type: l.Edge.Type,
			Derivation:   model.Opt(l.Edge.Attrs[kg.AttrDerivation]),
			Relationship: &model.Relationship{E: l.Edge, From: orderID},
		})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Date.Start(), out[j].Date.Start()
		if a != b {
			return a < b
		}
		return model.Str(out[i].Role) < model.Str(out[j].Role)
	})
	return out
}

func firstNonEmpty(ss ...string) *string {
	for _, s := range ss {
		if s != "" {
			return &s
		}
	}
	return nil
}

// IngestEvent presents what an ingest did.
func IngestEvent(d kg.Document, st kg.IngestStatus) *model.IngestResult {
	return &model.IngestResult{Document: Document(&d), Created: st.Created, NodeCount: st.Nodes, EdgeCount: st.Edges}
}
