package neo4jstore

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/kg"
)

// Ingest merges one extraction in a single managed write transaction: the
// document, its nodes (one UNWIND batch per kind) and its relationships
// (one UNWIND batch per type) commit together or not at all. The driver
// retries transient failures by re-running the whole function, which is
// safe because every write is a MERGE of state recomputed from what the
// transaction reads.
func (s *Store) Ingest(ctx context.Context, x *kg.Extraction) (kg.IngestStatus, error) {
	if x == nil || x.Document.ID == "" {
		return kg.IngestStatus{}, kg.Errorf(kg.CodeBadUserInput, "extraction has no document")
	}
	if err := ctx.Err(); err != nil {
		return kg.IngestStatus{}, s.wrap(err)
	}
	nodes, edges, docNode, err := fold(x)
	if err != nil {
		return kg.IngestStatus{}, err
	}
	doc := x.Document
	if doc.IngestedAt.IsZero() {
		doc.IngestedAt = time.Now().UTC()
	}
	if doc.Cluster == "" {
		doc.Cluster = doc.ID
	}
	// Sharing ExecuteQuery's bookmark manager makes reads that follow an
	// ingest (on any cluster member) see it: read-your-writes in a cluster.
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{
		DatabaseName:    s.cfg.Database,
		AccessMode:      neo4j.AccessModeWrite,
		BookmarkManager: s.driver.ExecuteQueryBookmarkManager(),
	})
	defer session.Close(context.Background())
	out, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return s.ingestTx(ctx, tx, &doc, docNode, nodes, edges)
	}, neo4j.WithTxTimeout(s.cfg.QueryTimeout))
	if err != nil {
		return kg.IngestStatus{}, s.wrap(err)
	}
	return out.(kg.IngestStatus), nil
}

// fold validates the extraction against the ontology's whitelist and
// merges repeated IDs within it, so each node and edge is written once.
// A DOCUMENT node with the document's ID merges into the document's own
// node (returned separately); any other DOCUMENT node is refused, since
// documents exist only by being ingested.
func fold(x *kg.Extraction) ([]kg.Node, []kg.Edge, kg.Node, error) {
	docNode := documentNode(&x.Document)
	byNode := map[string]*kg.Node{}
	var nodeIDs []string
	for _, n := range x.Nodes {
		if !n.Kind.Valid() {
			return nil, nil, kg.Node{}, kg.Errorf(kg.CodeBadUserInput, "node %q has unknown kind %q", n.ID, n.Kind)
		}
		if n.ID == "" {
			return nil, nil, kg.Node{}, kg.Errorf(kg.CodeBadUserInput, "node without ID")
		}
		if n.Kind == kg.KindDocument || n.ID == x.Document.ID {
			if n.ID != x.Document.ID || n.Kind != kg.KindDocument {
				return nil, nil, kg.Node{}, kg.Errorf(kg.CodeBadUserInput, "node %q: only the extraction's own document may be a DOCUMENT node", n.ID)
			}
			docNode = mergeNode(&docNode, n)
			continue
		}
		if old, ok := byNode[n.ID]; ok {
			m := mergeNode(old, n)
			byNode[n.ID] = &m
			continue
		}
		m := mergeNode(nil, n)
		byNode[n.ID] = &m
		nodeIDs = append(nodeIDs, n.ID)
	}
	byEdge := map[string]*kg.Edge{}
	var edgeIDs []string
	for _, e := range x.Edges {
		if !e.Type.Valid() {
			return nil, nil, kg.Node{}, kg.Errorf(kg.CodeBadUserInput, "edge %q has unknown type %q", e.ID, e.Type)
		}
		if e.ID == "" || e.Source == "" || e.Target == "" {
			return nil, nil, kg.Node{}, kg.Errorf(kg.CodeBadUserInput, "edge without ID or endpoints")
		}
		if old, ok := byEdge[e.ID]; ok {
			m := mergeEdge(old, e)
			byEdge[e.ID] = &m
			continue
		}
		m := mergeEdge(nil, e)
		byEdge[e.ID] = &m
		edgeIDs = append(edgeIDs, e.ID)
	}
	// Sorted IDs make every transaction take its locks in the same order.
	slices.Sort(nodeIDs)
	slices.Sort(edgeIDs)
	nodes := make([]kg.Node, len(nodeIDs))
	for i, id := range nodeIDs {
		nodes[i] = *byNode[id]
	}
	edges := make([]kg.Edge, len(edgeIDs))
	for i, id := range edgeIDs {
		edges[i] = *byEdge[id]
	}
	return nodes, edges, docNode, nil
}

func (s *Store) ingestTx(ctx context.Context, tx neo4j.ManagedTransaction, doc *kg.Document, docNode kg.Node, nodes []kg.Node, edges []kg.Edge) (kg.IngestStatus, error) {
	recs, err := s.runTx(ctx, tx, stmt("write_claim_document"), map[string]any{"id": doc.ID})
	if err != nil {
		return kg.IngestStatus{}, err
	}
	if len(recs) != 1 {
		return kg.IngestStatus{}, kg.Errorf(kg.CodeInternal, "graph database error")
	}
	if created, _ := recs[0].Get("created"); created != true {
		return kg.IngestStatus{Created: false}, nil
	}
	if err := s.writeRows(ctx, tx, stmt("write_document"), map[string]any{"id": doc.ID, "props": documentProps(doc, docNode)}, 1); err != nil {
		return kg.IngestStatus{}, err
	}

	// Nodes: lock and read what is stored (and the edges' other
	// endpoints, to check they exist), merge, write one batch per kind.
	inX := map[string]bool{doc.ID: true}
	ids := make([]string, 0, len(nodes))
	for _, n := range nodes {
		inX[n.ID] = true
		ids = append(ids, n.ID)
	}
	for _, e := range edges {
		for _, id := range []string{e.Source, e.Target} {
			if !inX[id] {
				inX[id] = true
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	stored := map[string]*kg.Node{}
	if len(ids) > 0 {
		recs, err := s.runTx(ctx, tx, stmt("write_lock_nodes"), map[string]any{"ids": ids})
		if err != nil {
			return kg.IngestStatus{}, err
		}
		for _, r := range recs {
			v, _ := r.Get("n")
			n := decodeNode(v)
			stored[n.ID] = &n
		}
	}
	for _, e := range edges {
		for _, id := range []string{e.Source, e.Target} {
			if stored[id] == nil && !isNode(nodes, id) && id != doc.ID {
				return kg.IngestStatus{}, kg.Errorf(kg.CodeBadUserInput, "edge %q: endpoint %q is neither in the extraction nor stored", e.ID, id)
			}
		}
	}
	rowsByKind := map[kg.Kind][]any{}
	for _, n := range nodes {
		m := mergeNode(stored[n.ID], n)
		rowsByKind[n.Kind] = append(rowsByKind[n.Kind], map[string]any{"id": m.ID, "props": nodeProps(&m)})
	}
	for _, k := range kg.Kinds {
		if rows := rowsByKind[k]; len(rows) > 0 {
			if err := s.writeRows(ctx, tx, nodeStatement(k), map[string]any{"rows": rows}, len(rows)); err != nil {
				return kg.IngestStatus{}, err
			}
		}
	}

	// Relationships: the same, one batch per type.
	storedEdges := map[string]*kg.Edge{}
	if len(edges) > 0 {
		keys := make([]any, len(edges))
		for i, e := range edges {
			keys[i] = map[string]any{"id": e.ID, "source": e.Source, "target": e.Target}
		}
		recs, err := s.runTx(ctx, tx, stmt("write_read_edges"), map[string]any{"rows": keys})
		if err != nil {
			return kg.IngestStatus{}, err
		}
		for _, r := range recs {
			v, _ := r.Get("r")
			e := decodeEdge(v, "", "")
			storedEdges[e.ID] = &e
		}
	}
	rowsByType := map[kg.RelType][]any{}
	for _, e := range edges {
		m := mergeEdge(storedEdges[e.ID], e)
		m.Source, m.Target, m.Type = e.Source, e.Target, e.Type
		rowsByType[e.Type] = append(rowsByType[e.Type], map[string]any{
			"id": m.ID, "source": m.Source, "target": m.Target, "props": edgeProps(&m)})
	}
	for _, t := range kg.RelTypes {
		if rows := rowsByType[t]; len(rows) > 0 {
			if err := s.writeRows(ctx, tx, edgeStatement(t), map[string]any{"rows": rows}, len(rows)); err != nil {
				return kg.IngestStatus{}, err
			}
		}
	}
	return kg.IngestStatus{Created: true, Nodes: len(nodes) + 1, Edges: len(edges)}, nil
}

// writeRows runs a write statement that returns one ID per row written and
// checks that every row was written: a short count means the graph would silently
// miss data, so the transaction is rolled back instead.
func (s *Store) writeRows(ctx context.Context, tx neo4j.ManagedTransaction, q string, params map[string]any, want int) error {
	recs, err := s.runTx(ctx, tx, q, params)
	if err != nil {
		return err
	}
	if len(recs) != want {
		return kg.Wrap(kg.CodeInternal, fmt.Errorf("wrote %d of %d rows", len(recs), want), "graph database error")
	}
	return nil
}

func isNode(nodes []kg.Node, id string) bool {
	_, found := slices.BinarySearchFunc(nodes, id, func(n kg.Node, id string) int { return strings.Compare(n.ID, id) })
	return found
}
