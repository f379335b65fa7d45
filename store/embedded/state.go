package embedded

import (
	"cmp"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// state is the whole in-memory graph with its indexes. Writers hold the
// store's write lock; readers its read lock. Lazily built orders have
// their own small locks (see orders.go) because readers build them.
type state struct {
	nodes    []*nodeRec
	nodeIdx  map[string]int32
	edges    []edgeRec // by value: an edge is no object of its own for the collector
	nodeKeys []idKey   // nodeKeys[i] orders node i by ID without reading the node
	edgeKeys []idKey   // edgeKeys[i] orders edge i by ID without reading the edge (see byID)
	edgeIdx  edgeIndex
	docs     map[string]*kg.Document
	docList  []*kg.Document      // in the order they were stored, for snapshots
	bands    map[string][]string // LSH band key -> document IDs
	clusters map[string][]string // cluster ID -> document IDs
	docNodes map[string][]int32  // document ID -> nodes whose Documents name it
	docEdges map[string][]int32  // document ID -> edges whose Documents name it
	alias    map[string][]int32  // AliasKey of a name or alias -> nodes
	dates    []int32             // DATE nodes

	kindCount [16]int
	typeCount [32]int

	// singles holds one shared one-element list per document ID: most
	// edges have one supporting document and one cluster, and a list of
	// their own each would be an object the collector marks on every
	// cycle. Their capacity is one, so an append copies.
	singles map[string][]string
	// evidence holds edges' evidence and nodes' mention lists (see
	// evidenceSlab).
	evidence evidenceSlab
	// lists holds short document and cluster lists (see stringSlab).
	lists stringSlab

	// rows holds what graph answers carry of each node and edge, laid
	// out for reading many scattered ones (see summaryRows).
	rows summaryRows

	search    *searchIndex
	byName    stableOrder // nodes by (lower name, ID)
	byEdgeID  stableOrder // edges by ID
	byMention movingOrder // nodes by (mention count desc, ID)
	byFirst   movingOrder // nodes by (first seen, unknown last, ID)
}

func newState() *state {
	s := &state{
		nodeIdx:  map[string]int32{},
		edgeIdx:  newEdgeIndex(0),
		docs:     map[string]*kg.Document{},
		bands:    map[string][]string{},
		clusters: map[string][]string{},
		docNodes: map[string][]int32{},
		docEdges: map[string][]int32{},
		alias:    map[string][]int32{},
		singles:  map[string][]string{},
		search:   newSearchIndex(),
	}
	s.byName.cmp = func(a, b int32) int {
		x, y := s.nodes[a], s.nodes[b]
		if c := strings.Compare(x.lower, y.lower); c != 0 {
			return c
		}
		return strings.Compare(x.n.ID, y.n.ID)
	}
	s.byEdgeID.cmp = s.compareEdges
	s.byMention.cmp = func(a, b int32) int {
		return compareKeys(kg.SortByMentions, keyOf(kg.SortByMentions, s.nodes[a]), keyOf(kg.SortByMentions, s.nodes[b]))
	}
	s.byFirst.cmp = func(a, b int32) int {
		return compareKeys(kg.SortByFirstSeen, keyOf(kg.SortByFirstSeen, s.nodes[a]), keyOf(kg.SortByFirstSeen, s.nodes[b]))
	}
	return s
}

// reserve makes the indexes of an empty state big enough for the given
// numbers of documents, nodes and edges, so that loading a snapshot does
// not grow them step by step. Numbers beyond what any store holds are
// capped: they come from a file, and only size memory ahead.
func (s *state) reserve(docs, nodes, edges uint64) {
	docs, nodes, edges = min(docs, 1<<21), min(nodes, 1<<22), min(edges, 1<<24)
	s.docs = make(map[string]*kg.Document, docs)
	s.docList = make([]*kg.Document, 0, docs)
	s.nodeIdx = make(map[string]int32, nodes)
	s.nodes = make([]*nodeRec, 0, nodes)
	s.nodeKeys = make([]idKey, 0, nodes)
	s.edgeIdx = newEdgeIndex(edges)
	s.edges = make([]edgeRec, 0, edges)
	s.edgeKeys = make([]idKey, 0, edges)
	s.rows.reserve(nodes, edges)
	s.docNodes = make(map[string][]int32, docs)
	s.docEdges = make(map[string][]int32, docs)
}

// apply merges a validated extraction. It cannot fail: validate has
// checked everything that could make it fail halfway.
func (s *state) apply(x *kg.Extraction) kg.IngestStatus {
	d := x.Document
	d.Bands = slices.Clone(d.Bands)
	d.Signature = slices.Clone(d.Signature)
	s.addDocument(&d)

	touched := map[string]bool{d.ID: true}
	s.mergeNode(kg.Node{
		ID: d.ID, Kind: kg.KindDocument, Name: kg.DocumentName(&d),
		Documents: []string{d.ID}, FirstSeen: d.PublishedAt, LastSeen: d.PublishedAt,
	})
	for _, n := range x.Nodes {
		touched[n.ID] = true
		s.mergeNode(n)
	}
	edges := map[string]bool{}
	for _, e := range x.Edges {
		edges[e.ID] = true
		s.mergeEdge(e)
	}
	return kg.IngestStatus{Created: true, Nodes: len(touched), Edges: len(edges)}
}

// addDocument stores d, which the store owns from now on.
func (s *state) addDocument(d *kg.Document) {
	s.docs[d.ID] = d
	s.docList = append(s.docList, d)
	for _, b := range uniq(d.Bands) {
		s.bands[b] = append(s.bands[b], d.ID)
	}
	if d.Cluster != "" {
		s.clusters[d.Cluster] = append(s.clusters[d.Cluster], d.ID)
	}
}

func (s *state) mergeNode(in kg.Node) {
	i, ok := s.nodeIdx[in.ID]
	if !ok {
		s.addNode(kg.MergeNode(kg.Node{}, in))
		return
	}
	// Copy-on-write: a snapshot being written reads the records it was
	// given outside the lock, so a stored node value is never written
	// again; the merge goes into a new record.
	nr := *s.nodes[i]
	r := &nr
	old := r.n
	r.n = kg.MergeNode(old, in)
	s.shareNodeLists(&r.n, &old)
	s.nodes[i] = r
	s.rows.updateNode(i, &old, &r.n)
	if len(old.Mentions) != len(r.n.Mentions) {
		s.byMention.touch(i)
	}
	if old.FirstSeen != r.n.FirstSeen {
		s.byFirst.touch(i)
	}
	if !slices.Equal(old.Aliases, r.n.Aliases) {
		r.names = s.joinedNames(r)
		s.indexNames(i, &old, &r.n)
	}
	if len(old.Documents) != len(r.n.Documents) {
		for _, d := range newItems(old.Documents, r.n.Documents) {
			s.docNodes[d] = append(s.docNodes[d], i)
		}
	}
}

// addNode stores n, a node not stored yet, whose lists the store owns
// from now on.
func (s *state) addNode(n kg.Node) {
	i := int32(len(s.nodes))
	r := &nodeRec{kind: kindIndex[n.Kind], n: n}
	s.shareNodeLists(&r.n, &kg.Node{})
	r.lower = strings.ToLower(r.n.Name)
	r.names = s.joinedNames(r)
	s.nodes = append(s.nodes, r)
	s.rows.addNode(&r.n, r.kind)
	s.nodeKeys = append(s.nodeKeys, keyOfID(n.ID))
	s.nodeIdx[n.ID] = i
	s.kindCount[r.kind]++
	if r.kind == dateKind {
		s.dates = append(s.dates, i)
	}
	for _, d := range r.n.Documents {
		s.docNodes[d] = append(s.docNodes[d], i)
	}
	s.indexNames(i, nil, &r.n)
	s.byName.add(i)
	s.byMention.touch(i)
	s.byFirst.touch(i)
}

// joinedNames is r's names field: its lower-cased name when it has no
// aliases (most nodes), which then costs no string of its own.
func (s *state) joinedNames(r *nodeRec) string {
	if len(r.n.Aliases) == 0 {
		return r.lower
	}
	return lowerNames(&r.n)
}

// indexNames adds the alias keys of n that old did not have.
func (s *state) indexNames(i int32, old, n *kg.Node) {
	had := map[string]bool{}
	if old != nil {
		for _, a := range append([]string{old.Name}, old.Aliases...) {
			had[kg.AliasKey(a)] = true
		}
	}
	for _, a := range append([]string{n.Name}, n.Aliases...) {
		k := kg.AliasKey(a)
		if k == "" || had[k] {
			continue
		}
		had[k] = true
		s.alias[k] = append(s.alias[k], i)
		s.search.add(k, i)
	}
}

func (s *state) mergeEdge(in kg.Edge) {
	j, ok := s.edgeIdx.get(in.ID)
	if !ok {
		s.addEdge(kg.MergeEdge(kg.Edge{}, in), s.link)
		return
	}
	old := s.wholeEdgeWithID(j, in.ID)
	e := kg.MergeEdge(old, in)
	s.shareLists(&e, &old)
	// The lists are new arrays, never written again once stored, so a
	// snapshot's copy of the record (see view) keeps the old ones whole.
	r := &s.edges[j]
	r.evidence, r.documents, r.clusters = e.Evidence, e.Documents, e.Clusters
	s.rows.updateEdge(j, &old, &e)
	if len(old.Documents) != len(e.Documents) {
		for _, d := range newItems(old.Documents, e.Documents) {
			s.docEdges[d] = append(s.docEdges[d], j)
		}
	}
}

// addEdge stores e, an edge not stored yet between stored nodes, whose
// lists the store owns from now on; link records it at its ends.
func (s *state) addEdge(e kg.Edge, link func(n int32, typ uint8, e int32)) {
	j := int32(len(s.edges))
	s.shareLists(&e, &kg.Edge{})
	r := edgeRec{evidence: e.Evidence, documents: e.Documents, clusters: e.Clusters,
		src: s.nodeIdx[e.Source], dst: s.nodeIdx[e.Target], typ: typeIndex[e.Type]}
	s.edges = append(s.edges, r)
	s.rows.addEdge(&e, r.src, r.dst, r.typ)
	s.edgeKeys = append(s.edgeKeys, keyOfID(e.ID))
	s.edgeIdx.put(e.ID, j)
	s.typeCount[r.typ]++
	link(r.src, r.typ, j)
	if r.dst != r.src {
		link(r.dst, r.typ, j)
	}
	for _, d := range r.documents {
		s.docEdges[d] = append(s.docEdges[d], j)
	}
	s.byEdgeID.add(j)
}

// shareLists moves e's new lists (those the merge from old, the edge
// before it, replaced) into shared or slab memory: one-element Documents
// and Clusters lists become the shared ones, and short lists come from the
// slabs. A list the merge kept is already there, and is left alone.
func (s *state) shareLists(e, old *kg.Edge) {
	if replaced(e.Documents, old.Documents) {
		e.Documents = s.shared(e.Documents)
	}
	if replaced(e.Clusters, old.Clusters) {
		e.Clusters = s.shared(e.Clusters)
	}
	if replaced(e.Evidence, old.Evidence) {
		e.Evidence = s.evidence.keep(e.Evidence)
	}
}

// shareNodeLists is shareLists for a node's Documents and Mentions: most
// nodes are named in one document, a few times.
func (s *state) shareNodeLists(n, old *kg.Node) {
	if replaced(n.Documents, old.Documents) {
		n.Documents = s.shared(n.Documents)
	}
	if replaced(n.Mentions, old.Mentions) {
		n.Mentions = s.evidence.keep(n.Mentions)
	}
}

// replaced reports whether a merge gave a list a new array: xs is not
// empty and does not start where old does.
func replaced[T any](xs, old []T) bool {
	return len(xs) > 0 && (len(old) == 0 || &xs[0] != &old[0])
}

// shared returns the shared copy of xs when it has one element, else
// what the list slab keeps of it (see listSlab.keep).
func (s *state) shared(xs []string) []string {
	if len(xs) != 1 {
		return s.lists.keep(xs)
	}
	if c, ok := s.singles[xs[0]]; ok {
		return c
	}
	c := xs[:1:1]
	s.singles[xs[0]] = c
	return c
}

// link records edge e at node n. The main list stays ordered by (neighbour
// ID, edge index), which lets a neighbourhood take the smallest-ID nodes of
// a level by merging lists instead of visiting every neighbour of a hub.
func (s *state) link(n int32, typ uint8, e int32) {
	r, er := s.nodes[n], &s.edges[e]
	a := adj{e: e, nb: er.other(n), typ: typ, src: er.src == n, dst: er.dst == n}
	a.kind = s.nodes[a.nb].kind
	if metaMask.has(typ) {
		r.meta = append(r.meta, a)
		return
	}
	id := s.nodes[a.nb].n.ID
	i, _ := slices.BinarySearchFunc(r.main, a, func(x, t adj) int {
		if c := strings.Compare(s.nodes[x.nb].n.ID, id); c != 0 {
			return c
		}
		return int(x.e - t.e)
	})
	r.main = slices.Insert(r.main, i, a)
}

// appendLink is link for loading a snapshot: it appends to the main list
// in any order, and sortLinks orders every list once at the end, instead
// of an insertion into a sorted list per edge.
func (s *state) appendLink(n int32, typ uint8, e int32) {
	r, er := s.nodes[n], &s.edges[e]
	a := adj{e: e, nb: er.other(n), typ: typ, src: er.src == n, dst: er.dst == n}
	a.kind = s.nodes[a.nb].kind
	if metaMask.has(typ) {
		r.meta = append(r.meta, a)
		return
	}
	r.main = append(r.main, a)
}

// sortLinks puts every main list in link's order, (neighbour ID, edge
// index), comparing the neighbours' ranks in ID order rather than their
// IDs.
func (s *state) sortLinks() {
	byID := make([]int32, len(s.nodes))
	for i := range byID {
		byID[i] = int32(i)
	}
	slices.SortFunc(byID, func(a, b int32) int { return strings.Compare(s.nodes[a].n.ID, s.nodes[b].n.ID) })
	rank := make([]int32, len(s.nodes))
	for k, i := range byID {
		rank[i] = int32(k)
	}
	for _, r := range s.nodes {
		slices.SortFunc(r.main, func(x, y adj) int {
			if c := cmp.Compare(rank[x.nb], rank[y.nb]); c != 0 {
				return c
			}
			return cmp.Compare(x.e, y.e)
		})
		r.main = slices.Clip(r.main)
		r.meta = slices.Clip(r.meta)
	}
}

// newItems lists the elements of the sorted set b that the sorted set a lacks.
func newItems(a, b []string) []string {
	var out []string
	for _, x := range b {
		if _, found := slices.BinarySearch(a, x); !found {
			out = append(out, x)
		}
	}
	return out
}

func uniq(xs []string) []string {
	out := slices.Clone(xs)
	slices.Sort(out)
	return slices.Compact(out)
}

// adjacency calls f for every edge incident to node n whose type is in m,
// once per edge, until f returns false.
func (s *state) adjacency(n int32, m typeMask, f func(e int32, r *edgeRec) bool) bool {
	r := s.nodes[n]
	if m&^metaMask != 0 {
		for _, a := range r.main {
			if m.has(a.typ) && !f(a.e, &s.edges[a.e]) {
				return false
			}
		}
	}
	if m&metaMask != 0 {
		for _, a := range r.meta {
			if m.has(a.typ) && !f(a.e, &s.edges[a.e]) {
				return false
			}
		}
	}
	return true
}
