package analysis

import (
	"context"

	"github.com/newsgraph/newsgraph/kg"
)

// scanPage is the page size used when scanning the graph; scanCap bounds
// how much of a very large graph one conflicts query reads, so the query
// stays interactive (ask with about to focus on one node).
const (
	scanPage = 500
	scanCap  = 50000
)

// Conflicts reads what Detect needs from the store and returns at most
// limit conflicts. With about set it looks at that node only: its facts
// and the functional relationships it takes part in.
func Conflicts(ctx context.Context, s kg.Store, about string, limit int) ([]Conflict, error) {
	var in Input
	if about != "" {
		ns, err := s.Nodes(ctx, []string{about})
		if err != nil {
			return nil, err
		}
		if len(ns) == 0 || ns[0] == nil {
			return nil, kg.Errorf(kg.CodeNotFound, "no node with id %s", kg.Echo(about))
		}
		in.Nodes = []kg.Node{*ns[0]}
		m, err := s.EdgesOf(ctx, []string{about}, kg.EdgeFilter{Direction: kg.DirectionBoth, Types: FunctionalTypes})
		if err != nil {
			return nil, err
		}
		in.Edges = m[about]
	} else {
		var err error
		if in.Edges, err = scanEdges(ctx, s); err != nil {
			return nil, err
		}
		if in.Nodes, err = scanFactNodes(ctx, s); err != nil {
			return nil, err
		}
	}
	if err := resolve(ctx, s, &in); err != nil {
		return nil, err
	}
	out := DetectFirst(in, limit)
	if err := widen(ctx, s, out); err != nil {
		return nil, err
	}
	return out, nil
}

func scanEdges(ctx context.Context, s kg.Store) ([]kg.Edge, error) {
	var out []kg.Edge
	p := kg.Page{First: scanPage}
	for len(out) < scanCap {
		page, err := s.Edges(ctx, kg.EdgeQuery{Types: FunctionalTypes}, p)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Edges...)
		if !page.HasNextPage || len(page.Cursors) == 0 {
			break
		}
		p.After = page.Cursors[len(page.Cursors)-1]
	}
	return out, nil
}

// scanFactNodes lists the nodes that can carry figures; dates, documents
// and locations carry none.
func scanFactNodes(ctx context.Context, s kg.Store) ([]kg.Node, error) {
	var out []kg.Node
	f := kg.EntityFilter{Kinds: []kg.Kind{kg.KindAgency, kg.KindCompany, kg.KindEntity, kg.KindPerson, kg.KindOrder}}
	p := kg.Page{First: scanPage}
	for len(out) < scanCap {
		page, err := s.Entities(ctx, f, p)
		if err != nil {
			return nil, err
		}
		for _, n := range page.Nodes {
			if len(n.Facts) > 0 {
				out = append(out, n)
			}
		}
		if !page.HasNextPage || len(page.Cursors) == 0 {
			break
		}
		p.After = page.Cursors[len(page.Cursors)-1]
	}
	return out, nil
}

// resolve fills the labels of the nodes named by edges, the written forms
// of their dates, and the clusters of the documents that figures quote or
// that an edge lists among several clusters.
func resolve(ctx context.Context, s kg.Store, in *Input) error {
	ids := map[string]bool{}
	for _, e := range in.Edges {
		ids[e.Source], ids[e.Target] = true, true
	}
	for _, n := range in.Nodes {
		ids[n.ID] = true
	}
	list := make([]string, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	in.Label = map[string]string{}
	in.Forms = map[string][]string{}
	if len(list) > 0 {
		ns, err := s.Nodes(ctx, list)
		if err != nil {
			return err
		}
		for _, n := range ns {
			if n != nil {
				in.Label[n.ID] = n.Name
				if d := n.Attrs[kg.AttrDate]; n.Kind == kg.KindDate && d != "" {
					in.Label[n.ID] = d
				}
				if n.Kind == kg.KindDate {
					in.Forms[n.ID] = append([]string{n.Name}, n.Aliases...)
				}
			}
		}
	}
	docs := map[string]bool{}
	learned := learnClusters(in.Edges)
	for _, e := range in.Edges {
		if len(e.Clusters) > 1 && len(e.Documents) > 1 {
			for _, d := range e.Documents {
				if learned[d] == "" {
					docs[d] = true
				}
			}
		}
	}
	for _, n := range in.Nodes {
		for _, f := range n.Facts {
			docs[f.Evidence.DocumentID] = true
		}
	}
	in.ClusterOf = map[string]string{}
	if len(docs) > 0 {
		list = list[:0]
		for id := range docs {
			list = append(list, id)
		}
		ds, err := s.Documents(ctx, list)
		if err != nil {
			return err
		}
		for _, d := range ds {
			if d != nil {
				in.ClusterOf[d.ID] = d.Cluster
			}
		}
	}
	return nil
}
