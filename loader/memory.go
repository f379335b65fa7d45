package loader

import (
	"context"
	"slices"
	"sort"
	"sync"

	"github.com/newsgraph/newsgraph/kg"
)

// Memory is an in-memory Knowledge that learns from extractions, merging
// them with the same rules as the stores (first name wins, aliases, facts,
// mentions and documents united). Tests, the gold evaluation and the
// benchmarks use it in place of a store. Merging costs time proportional
// to the extraction added, not to the graph already held.
type Memory struct {
	mu    sync.RWMutex
	nodes map[string]*memNode
	edges map[string]*memEdge
	docs  map[string]kg.Document
	order []string                   // document IDs in the order added
	cands []candidate                // what clustering reads of each document, in the order added
	alias map[aliasIndexKey][]string // kind + AliasKey -> node IDs
	bands map[string][]int32         // band key -> positions in order
	// Document and cluster IDs are long strings met over and over in the
	// sets below; the sets hold their index in strs instead.
	strIdx  map[string]int32
	strs    []string
	lastStr string
	lastIdx int32
	// shared: some evidence added named another document than the one
	// it came with. Until then evidence of different Add calls cannot
	// coincide (each Add is a new document), so duplicates are looked for
	// only within one Add, in the scratch sets, and the per-node and
	// per-edge sets stay nil; the first such evidence builds them.
	shared       bool
	scratchEv    map[scratchEv]struct{}
	scratchFacts map[scratchFact]struct{}
}

// scratchEv is an evidence key of the current Add: its node or edge and
// its offsets (the document is the one added).
type scratchEv struct {
	owner      any // *memNode or *memEdge
	start, end int
}

type scratchFact struct {
	ev                scratchEv
	name, unit, value string
}

// pure reports whether every evidence of x names x's own document.
func pure(x *kg.Extraction) bool {
	id := x.Document.ID
	for i := range x.Nodes {
		for _, f := range x.Nodes[i].Facts {
			if f.Evidence.DocumentID != id {
				return false
			}
		}
		for _, e := range x.Nodes[i].Mentions {
			if e.DocumentID != id {
				return false
			}
		}
	}
	for i := range x.Edges {
		for _, e := range x.Edges[i].Evidence {
			if e.DocumentID != id {
				return false
			}
		}
	}
	return true
}

// share switches to keeping the evidence sets of every node and edge,
// built from what they hold (exactly the keys added so far).
func (m *Memory) share() {
	m.shared = true
	for _, mn := range m.nodes {
		mn.ev, mn.facts = map[evKey]bool{}, map[factKey]bool{}
		for _, f := range mn.n.Facts {
			mn.facts[factKey{evKey{m.intern(f.Evidence.DocumentID), f.Evidence.Start, f.Evidence.End}, f.Name, f.Unit, f.Value}] = true
		}
		for _, e := range mn.n.Mentions {
			mn.ev[evKey{m.intern(e.DocumentID), e.Start, e.End}] = true
		}
	}
	for _, me := range m.edges {
		me.ev = map[evKey]bool{}
		for _, e := range me.e.Evidence {
			me.ev[evKey{m.intern(e.DocumentID), e.Start, e.End}] = true
		}
	}
}

// newFact reports whether fact f of node mn is not held yet, and records it.
func (m *Memory) newFact(mn *memNode, f *kg.Fact) bool {
	if !m.shared {
		k := scratchFact{scratchEv{mn, f.Evidence.Start, f.Evidence.End}, f.Name, f.Unit, f.Value}
		if _, ok := m.scratchFacts[k]; ok {
			return false
		}
		m.scratchFacts[k] = struct{}{}
		return true
	}
	k := factKey{evKey{m.intern(f.Evidence.DocumentID), f.Evidence.Start, f.Evidence.End}, f.Name, f.Unit, f.Value}
	if mn.facts[k] {
		return false
	}
	mn.facts[k] = true
	return true
}

// newEvidence reports whether evidence e of owner (whose set is set) is
// not held yet, and records it.
func (m *Memory) newEvidence(owner any, set map[evKey]bool, e *kg.Evidence) bool {
	if !m.shared {
		k := scratchEv{owner, e.Start, e.End}
		if _, ok := m.scratchEv[k]; ok {
			return false
		}
		m.scratchEv[k] = struct{}{}
		return true
	}
	k := evKey{m.intern(e.DocumentID), e.Start, e.End}
	if set[k] {
		return false
	}
	set[k] = true
	return true
}

// intern returns the index of s in m.strs, adding it if new. Evidence of
// one extraction repeats one document ID, so the last one is remembered.
func (m *Memory) intern(s string) int32 {
	if s == m.lastStr && m.strs != nil {
		return m.lastIdx
	}
	i, ok := m.strIdx[s]
	if !ok {
		i = int32(len(m.strs))
		m.strs = append(m.strs, s)
		m.strIdx[s] = i
	}
	m.lastStr, m.lastIdx = s, i
	return i
}

// names returns the strings of a set of interned indexes, sorted.
func (m *Memory) names(set idSet) []string {
	if len(set) == 0 {
		return nil
	}
	out := make([]string, 0, len(set))
	for _, i := range set {
		out = append(out, m.strs[i])
	}
	sort.Strings(out)
	return out
}

// idSet is a set of interned indexes, kept sorted. A node's or edge's
// documents mostly arrive in interning order, so adding is mostly an
// append, cheaper than a map insert, and the set holds no pointers.
type idSet []int32

func (s *idSet) add(i int32) {
	if n := len(*s); n == 0 || (*s)[n-1] < i {
		*s = append(*s, i)
		return
	}
	if k, found := slices.BinarySearch(*s, i); !found {
		*s = slices.Insert(*s, k, i)
	}
}

type evKey struct {
	doc        int32
	start, end int
}

type factKey struct {
	ev                evKey
	name, unit, value string
}

// memNode is a merged node with the sets that keep merging linear.
type memNode struct {
	n       kg.Node
	aliases map[string]bool
	docs    idSet
	ev      map[evKey]bool
	facts   map[factKey]bool
}

type memEdge struct {
	e        kg.Edge
	docs     idSet
	clusters idSet
	ev       map[evKey]bool
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory {
	return &Memory{nodes: map[string]*memNode{}, edges: map[string]*memEdge{}, docs: map[string]kg.Document{},
		alias: map[aliasIndexKey][]string{}, bands: map[string][]int32{}, strIdx: map[string]int32{}}
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
	if !m.shared && !pure(x) {
		m.share()
	}
	if !m.shared {
		if m.scratchEv == nil {
			m.scratchEv, m.scratchFacts = map[scratchEv]struct{}{}, map[scratchFact]struct{}{}
		}
		clear(m.scratchEv)
		clear(m.scratchFacts)
	}
	m.docs[x.Document.ID] = x.Document
	pos := int32(len(m.order))
	m.order = append(m.order, x.Document.ID)
	m.cands = append(m.cands, candidate{id: x.Document.ID, cluster: x.Document.Cluster, signature: x.Document.Signature})
	for _, b := range x.Document.Bands {
		m.bands[b] = append(m.bands[b], pos)
	}
	for i := range x.Nodes {
		n := &x.Nodes[i]
		mn := m.nodes[n.ID]
		if mn == nil {
			mn = &memNode{n: kg.Node{ID: n.ID, Kind: n.Kind, Name: n.Name}, aliases: map[string]bool{}}
			if m.shared {
				mn.ev, mn.facts = map[evKey]bool{}, map[factKey]bool{}
			}
			m.nodes[n.ID] = mn
			m.indexAlias(mn, n.Name)
		}
		m.addAlias(mn, n.Name)
		for _, a := range n.Aliases {
			m.addAlias(mn, a)
		}
		mn.n.Attrs = mergeAttrs(mn.n.Attrs, n.Attrs)
		for i := range n.Facts {
			if m.newFact(mn, &n.Facts[i]) {
				mn.n.Facts = append(mn.n.Facts, n.Facts[i])
			}
		}
		for i := range n.Mentions {
			if m.newEvidence(mn, mn.ev, &n.Mentions[i]) {
				mn.n.Mentions = append(mn.n.Mentions, n.Mentions[i])
			}
		}
		for _, d := range n.Documents {
			mn.docs.add(m.intern(d))
		}
		mn.n.FirstSeen, mn.n.LastSeen = kg.EarlierDate(mn.n.FirstSeen, n.FirstSeen), kg.LaterDate(mn.n.LastSeen, n.LastSeen)
	}
	for i := range x.Edges {
		e := &x.Edges[i]
		me := m.edges[e.ID]
		if me == nil {
			me = &memEdge{e: kg.Edge{ID: e.ID, Type: e.Type, Source: e.Source, Target: e.Target}}
			if m.shared {
				me.ev = map[evKey]bool{}
			}
			m.edges[e.ID] = me
		}
		me.e.Attrs = mergeAttrs(me.e.Attrs, e.Attrs)
		for i := range e.Evidence {
			if m.newEvidence(me, me.ev, &e.Evidence[i]) {
				me.e.Evidence = append(me.e.Evidence, e.Evidence[i])
			}
		}
		for _, d := range e.Documents {
			me.docs.add(m.intern(d))
		}
		for _, c := range e.Clusters {
			me.clusters.add(m.intern(c))
		}
		me.e.FirstSeen, me.e.LastSeen = kg.EarlierDate(me.e.FirstSeen, e.FirstSeen), kg.LaterDate(me.e.LastSeen, e.LastSeen)
	}
}

func (m *Memory) addAlias(mn *memNode, a string) {
	if a != mn.n.Name && !mn.aliases[a] {
		mn.aliases[a] = true
		m.indexAlias(mn, a)
	}
}

// aliasIndexKey is a kind and a kg.AliasKey.
type aliasIndexKey struct {
	kind kg.Kind
	key  string
}

func (m *Memory) indexAlias(mn *memNode, a string) {
	k := aliasIndexKey{mn.n.Kind, kg.AliasKey(a)}
	if !contains(m.alias[k], mn.n.ID) {
		m.alias[k] = append(m.alias[k], mn.n.ID)
	}
}

// Lookup implements Knowledge. The nodes it returns carry identity only
// (ID, kind, name, aliases), which is what resolution needs.
func (m *Memory) Lookup(_ context.Context, kind kg.Kind, alias string) ([]kg.Node, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	var out []kg.Node
	for _, id := range m.alias[aliasIndexKey{kind, kg.AliasKey(alias)}] {
		mn := m.nodes[id]
		out = append(out, kg.Node{ID: mn.n.ID, Kind: mn.n.Kind, Name: mn.n.Name, Aliases: sortedKeys(mn.aliases)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// firstByKey is the identity of the node with the smallest ID that
// Lookup(kind, alias) would return, given key = kg.AliasKey(alias): the
// loader's own path, which has the key already and wants one node.
func (m *Memory) firstByKey(kind kg.Kind, key string) (kg.Node, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	var best *memNode
	for _, id := range m.alias[aliasIndexKey{kind, key}] {
		if mn := m.nodes[id]; best == nil || mn.n.ID < best.n.ID {
			best = mn
		}
	}
	if best == nil {
		return kg.Node{}, false
	}
	return kg.Node{ID: best.n.ID, Kind: best.n.Kind, Name: best.n.Name}, true
}

// candidates is FindDocuments for bands and limit, reduced to what
// clustering reads, in the same order.
func (m *Memory) candidates(bands []string, limit int) []candidate {
	m.mu.RLock()
	defer m.mu.RUnlock()
	ps := m.bandPositions(bands, limit)
	out := make([]candidate, len(ps))
	for i, p := range ps {
		out[i] = m.cands[p]
	}
	return out
}

// bandIDs is the documents sharing a band, in order of bands then
// addition, without repeats, at most limit of them.
func (m *Memory) bandIDs(bands []string, limit int) []string {
	ps := m.bandPositions(bands, limit)
	ids := make([]string, len(ps), max(len(ps), 16))
	for i, p := range ps {
		ids[i] = m.order[p]
	}
	return ids
}

// bandPositions is bandIDs as positions in order: a document is added
// once, so its position stands for its ID, and comparing positions is
// cheaper than comparing IDs.
func (m *Memory) bandPositions(bands []string, limit int) []int32 {
	ps := make([]int32, 0, 16)
	for _, b := range bands {
		for _, p := range m.bands[b] {
			if len(ps) >= limit {
				return ps
			}
			if !slices.Contains(ps, p) {
				ps = append(ps, p)
			}
		}
	}
	return ps
}

func containsID(ids []string, id string) bool {
	for _, v := range ids {
		if v == id {
			return true
		}
	}
	return false
}

// FindDocuments implements Knowledge.
func (m *Memory) FindDocuments(_ context.Context, q kg.DocumentQuery) ([]kg.Document, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	// IDs first, then one exactly sized result: a near-duplicate family
	// fills every band, and copying documents through a growing slice
	// dominated the cost of clustering.
	ids := m.bandIDs(q.Bands, limit)
	if q.Cluster != "" {
		for _, id := range m.order {
			if len(ids) >= limit {
				break
			}
			if m.docs[id].Cluster == q.Cluster && !containsID(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	return m.docsOf(ids), nil
}

// docsOf copies the documents of ids without their text.
func (m *Memory) docsOf(ids []string) []kg.Document {
	if len(ids) == 0 {
		return nil
	}
	out := make([]kg.Document, len(ids))
	for i, id := range ids {
		out[i] = m.docs[id]
		out[i].Text = ""
	}
	return out
}

// Graph returns everything merged so far: the documents in the order
// added, then nodes and edges sorted by ID with sorted sets.
func (m *Memory) Graph() ([]kg.Document, []kg.Node, []kg.Edge) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	docs := make([]kg.Document, 0, len(m.order))
	for _, id := range m.order {
		docs = append(docs, m.docs[id])
	}
	nodes := make([]kg.Node, 0, len(m.nodes))
	for _, mn := range m.nodes {
		n := cloneNode(mn.n)
		n.Aliases = sortedKeys(mn.aliases)
		n.Documents = m.names(mn.docs)
		sortEvidence(n.Mentions)
		nodes = append(nodes, n)
	}
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].ID < nodes[j].ID })
	edges := make([]kg.Edge, 0, len(m.edges))
	for _, me := range m.edges {
		e := me.e
		e.Evidence = append([]kg.Evidence(nil), e.Evidence...)
		sortEvidence(e.Evidence)
		e.Documents = m.names(me.docs)
		e.Clusters = m.names(me.clusters)
		e.Attrs = mergeAttrs(nil, e.Attrs)
		edges = append(edges, e)
	}
	sort.Slice(edges, func(i, j int) bool { return edges[i].ID < edges[j].ID })
	return docs, nodes, edges
}

func sortedKeys(m map[string]bool) []string {
	if len(m) == 0 {
		return nil
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
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
