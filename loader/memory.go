package loader

import (
	"context"
	"sort"
	"sync"

	"github.com/newsgraph/newsgraph/kg"
)

// Memory is an in-memory Knowledge that learns from extractions, merging
// them with the same rules as the stores (first name wins, aliases, facts,
// mentions and documents united). Tests, the gold evaluation and the
// benchmarks use it in place of a store.
type Memory struct {
	mu    sync.RWMutex
	nodes map[string]*kg.Node
	edges map[string]*kg.Edge
	docs  map[string]kg.Document
	order []string            // document IDs in the order added
	alias map[string][]string // kind + AliasKey -> node IDs
	bands map[string][]string // band key -> document IDs
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory {
	return &Memory{nodes: map[string]*kg.Node{}, edges: map[string]*kg.Edge{}, docs: map[string]kg.Document{},
		alias: map[string][]string{}, bands: map[string][]string{}}
}

var _ Knowledge = (*Memory)(nil)

// Add merges one extraction. Adding a document already present changes
// nothing, as with a store.
func (m *Memory) Add(x *kg.Extraction) {
	if x == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.docs[x.Document.ID]; ok {
		return
	}
	m.docs[x.Document.ID] = x.Document
	m.order = append(m.order, x.Document.ID)
	for _, b := range x.Document.Bands {
		m.bands[b] = append(m.bands[b], x.Document.ID)
	}
	for i := range x.Nodes {
		n := mergeNode(m.nodes[x.Nodes[i].ID], x.Nodes[i])
		m.nodes[n.ID] = n
		for _, a := range append([]string{n.Name}, n.Aliases...) {
			k := string(n.Kind) + "\x00" + kg.AliasKey(a)
			if !contains(m.alias[k], n.ID) {
				m.alias[k] = append(m.alias[k], n.ID)
			}
		}
	}
	for i := range x.Edges {
		e := mergeEdge(m.edges[x.Edges[i].ID], x.Edges[i])
		m.edges[e.ID] = e
	}
}

// Lookup implements Knowledge.
func (m *Memory) Lookup(_ context.Context, kind kg.Kind, alias string) ([]kg.Node, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	var out []kg.Node
	for _, id := range m.alias[string(kind)+"\x00"+kg.AliasKey(alias)] {
		out = append(out, cloneNode(*m.nodes[id]))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// FindDocuments implements Knowledge.
func (m *Memory) FindDocuments(_ context.Context, q kg.DocumentQuery) ([]kg.Document, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	seen := map[string]bool{}
	var out []kg.Document
	add := func(id string) {
		if !seen[id] && len(out) < limit {
			seen[id] = true
			d := m.docs[id]
			d.Text = ""
			out = append(out, d)
		}
	}
	for _, b := range q.Bands {
		for _, id := range m.bands[b] {
			add(id)
		}
	}
	if q.Cluster != "" {
		for _, id := range m.order {
			if m.docs[id].Cluster == q.Cluster {
				add(id)
			}
		}
	}
	return out, nil
}

// Graph returns everything merged so far, sorted by ID: the documents in
// the order added, then nodes and edges.
func (m *Memory) Graph() ([]kg.Document, []kg.Node, []kg.Edge) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	docs := make([]kg.Document, 0, len(m.order))
	for _, id := range m.order {
		docs = append(docs, m.docs[id])
	}
	nodes := make([]kg.Node, 0, len(m.nodes))
	for _, n := range m.nodes {
		nodes = append(nodes, cloneNode(*n))
	}
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].ID < nodes[j].ID })
	edges := make([]kg.Edge, 0, len(m.edges))
	for _, e := range m.edges {
		edges = append(edges, *e)
	}
	sort.Slice(edges, func(i, j int) bool { return edges[i].ID < edges[j].ID })
	return docs, nodes, edges
}

func contains(ss []string, s string) bool {
	for _, v := range ss {
		if v == s {
			return true
		}
	}
	return false
}

func cloneNode(n kg.Node) kg.Node {
	n.Aliases = append([]string(nil), n.Aliases...)
	n.Facts = append([]kg.Fact(nil), n.Facts...)
	n.Mentions = append([]kg.Evidence(nil), n.Mentions...)
	n.Documents = append([]string(nil), n.Documents...)
	if n.Attrs != nil {
		a := make(map[string]string, len(n.Attrs))
		for k, v := range n.Attrs {
			a[k] = v
		}
		n.Attrs = a
	}
	return n
}

// mergeNode applies the store merge rules to a node.
func mergeNode(old *kg.Node, n kg.Node) *kg.Node {
	if old == nil {
		c := cloneNode(n)
		c.Aliases = unionSorted(nil, c.Aliases, c.Name)
		return &c
	}
	old.Aliases = unionSorted(old.Aliases, append(append([]string(nil), n.Aliases...), n.Name), old.Name)
	old.Attrs = mergeAttrs(old.Attrs, n.Attrs)
	for _, f := range n.Facts {
		dup := false
		for _, g := range old.Facts {
			if g.Evidence.DocumentID == f.Evidence.DocumentID && g.Evidence.Start == f.Evidence.Start && g.Evidence.End == f.Evidence.End && g.Name == f.Name && g.Unit == f.Unit && g.Value == f.Value {
				dup = true
				break
			}
		}
		if !dup {
			old.Facts = append(old.Facts, f)
		}
	}
	old.Mentions = unionEvidence(old.Mentions, n.Mentions)
	old.Documents = unionSorted(old.Documents, n.Documents, "")
	old.FirstSeen, old.LastSeen = minDate(old.FirstSeen, n.FirstSeen), maxDate(old.LastSeen, n.LastSeen)
	return old
}

// mergeEdge applies the store merge rules to an edge.
func mergeEdge(old *kg.Edge, e kg.Edge) *kg.Edge {
	if old == nil {
		c := e
		c.Evidence = append([]kg.Evidence(nil), e.Evidence...)
		c.Documents = append([]string(nil), e.Documents...)
		c.Clusters = append([]string(nil), e.Clusters...)
		c.Attrs = mergeAttrs(nil, e.Attrs)
		return &c
	}
	old.Attrs = mergeAttrs(old.Attrs, e.Attrs)
	old.Evidence = unionEvidence(old.Evidence, e.Evidence)
	old.Documents = unionSorted(old.Documents, e.Documents, "")
	old.Clusters = unionSorted(old.Clusters, e.Clusters, "")
	old.FirstSeen, old.LastSeen = minDate(old.FirstSeen, e.FirstSeen), maxDate(old.LastSeen, e.LastSeen)
	return old
}

func mergeAttrs(old, add map[string]string) map[string]string {
	if len(add) == 0 {
		return old
	}
	if old == nil {
		old = map[string]string{}
	}
	for k, v := range add {
		if _, ok := old[k]; !ok {
			old[k] = v
		}
	}
	return old
}

func unionSorted(a, b []string, except string) []string {
	set := map[string]bool{}
	for _, s := range a {
		set[s] = true
	}
	for _, s := range b {
		set[s] = true
	}
	delete(set, except)
	delete(set, "")
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	if len(out) == 0 {
		return nil
	}
	return out
}

func unionEvidence(a, b []kg.Evidence) []kg.Evidence {
	type key struct {
		doc        string
		start, end int
	}
	seen := map[key]bool{}
	var out []kg.Evidence
	for _, e := range append(append([]kg.Evidence(nil), a...), b...) {
		k := key{e.DocumentID, e.Start, e.End}
		if !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	sortEvidence(out)
	return out
}

func minDate(a, b string) string {
	if a == "" || (b != "" && b < a) {
		return b
	}
	return a
}

func maxDate(a, b string) string {
	if b > a {
		return b
	}
	return a
}
