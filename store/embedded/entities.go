package embedded

import (
	"cmp"
	"context"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

const defaultPage = 20

// unknownFirstSeen sorts after every ISO date.
const unknownFirstSeen = "~"

// sortKey is a node's position in one of the entity orders.
type sortKey struct {
	s  string // lower-cased name, or first seen
	n  int    // mention count
	id string
}

func keyOf(sort kg.SortField, r *nodeRec) sortKey {
	switch sort {
	case kg.SortByMentions:
		return sortKey{n: r.mentionCount(), id: r.n.ID}
	case kg.SortByFirstSeen:
		if r.n.FirstSeen == "" {
			return sortKey{s: unknownFirstSeen, id: r.n.ID}
		}
		return sortKey{s: r.n.FirstSeen, id: r.n.ID}
	}
	return sortKey{s: r.lower, id: r.n.ID}
}

func compareKeys(sort kg.SortField, a, b sortKey) int {
	if sort == kg.SortByMentions {
		return cmp.Or(cmp.Compare(b.n, a.n), strings.Compare(a.id, b.id))
	}
	return cmp.Or(strings.Compare(a.s, b.s), strings.Compare(a.id, b.id))
}

func encodeKey(sort kg.SortField, k sortKey) string {
	if sort == kg.SortByMentions {
		return kg.EncodeCursor(string(sort), strconv.Itoa(k.n), k.id)
	}
	return kg.EncodeCursor(string(sort), k.s, k.id)
}

func decodeKey(sort kg.SortField, c string) (sortKey, error) {
	parts, err := kg.DecodeCursor(c, 3)
	if err != nil {
		return sortKey{}, err
	}
	if parts[0] != string(sort) {
		return sortKey{}, kg.Errorf(kg.CodeBadUserInput, "invalid cursor: it belongs to another sort order")
	}
	if sort == kg.SortByMentions {
		n, err := strconv.Atoi(parts[1])
		if err != nil {
			return sortKey{}, kg.Errorf(kg.CodeBadUserInput, "invalid cursor")
		}
		return sortKey{n: n, id: parts[2]}, nil
	}
	return sortKey{s: parts[1], id: parts[2]}, nil
}

// Entities lists nodes matching f in f.Sort order, by keyset pagination:
// the cursor holds the last item's sort key, so it stays valid (and points
// at the same place in the order) while documents are added.
func (s *Store) Entities(ctx context.Context, f kg.EntityFilter, p kg.Page) (kg.NodePage, error) {
	if err := s.begin(ctx); err != nil {
		return kg.NodePage{}, err
	}
	defer s.mu.RUnlock()
	st := s.st
	sortBy := f.Sort
	switch sortBy {
	case "":
		sortBy = kg.SortByName
	case kg.SortByName, kg.SortByMentions, kg.SortByFirstSeen:
	default:
		return kg.NodePage{}, kg.Errorf(kg.CodeBadUserInput, "unknown sort %s", kg.Echo(string(f.Sort)))
	}
	first := p.First
	if first <= 0 {
		first = defaultPage
	}
	var after *sortKey
	if p.After != "" {
		k, err := decodeKey(sortBy, p.After)
		if err != nil {
			return kg.NodePage{}, err
		}
		after = &k
	}

	kinds := kindsOf(f.Kinds)
	needle := strings.ToLower(f.NameContains)
	from, to := "", ""
	if f.SeenFrom != "" {
		from = kg.RangeStart(f.SeenFrom)
	}
	if f.SeenTo != "" {
		to = kg.RangeEnd(f.SeenTo)
	}
	match := func(r *nodeRec) bool {
		n := &r.n
		return kinds.has(r.kind) &&
			r.mentionCount() >= f.MinMentions &&
			(from == "" || n.LastSeen != "" && kg.RangeEnd(n.LastSeen) >= from) &&
			(to == "" || n.FirstSeen != "" && kg.RangeStart(n.FirstSeen) <= to) &&
			(needle == "" || strings.Contains(r.names, needle)) &&
			(f.Document == "" || hasSorted(n.Documents, f.Document))
	}
	cmpIdx := func(a, b int32) int {
		return compareKeys(sortBy, keyOf(sortBy, st.nodes[a]), keyOf(sortBy, st.nodes[b]))
	}

	// The candidates in order: a document's own nodes when it narrows the
	// search, otherwise the maintained order of the whole graph.
	var order []int32
	if f.Document != "" {
		order = slices.Clone(st.docNodes[f.Document])
		slices.SortFunc(order, cmpIdx)
	} else {
		switch sortBy {
		case kg.SortByName:
			order = st.byName.get()
		case kg.SortByMentions:
			order = st.byMention.get()
		case kg.SortByFirstSeen:
			order = st.byFirst.get()
		}
	}

	page := kg.NodePage{Nodes: []kg.Node{}, Cursors: []string{}}
	onlyKinds := f.MinMentions <= 0 && from == "" && to == "" && needle == "" && f.Document == ""
	if onlyKinds {
		for i, k := range kg.Kinds {
			if kinds.has(uint8(i)) {
				page.TotalCount += st.kindCount[kindIndex[k]]
			}
		}
	} else {
		for i, idx := range order {
			if i%4096 == 0 && ctx.Err() != nil {
				return kg.NodePage{}, cancelled(ctx.Err())
			}
			if match(st.nodes[idx]) {
				page.TotalCount++
			}
		}
	}
	start := 0
	if after != nil {
		start = sort.Search(len(order), func(i int) bool {
			return compareKeys(sortBy, keyOf(sortBy, st.nodes[order[i]]), *after) > 0
		})
	}
	for i := start; i < len(order); i++ {
		if i%4096 == 0 && ctx.Err() != nil {
			return kg.NodePage{}, cancelled(ctx.Err())
		}
		r := st.nodes[order[i]]
		if !match(r) {
			continue
		}
		if len(page.Nodes) == first {
			page.HasNextPage = true
			break
		}
		page.Nodes = append(page.Nodes, nodeOut(&r.n))
		page.Cursors = append(page.Cursors, encodeKey(sortBy, keyOf(sortBy, r)))
	}
	return page, nil
}

func hasSorted(xs []string, x string) bool {
	_, ok := slices.BinarySearch(xs, x)
	return ok
}

// edgeMatch is the filter shared by Edges and EdgesOf.
type edgeMatch struct {
	types                    typeMask
	minSources, minIndep     int
	source, target, document string
	from, to                 string
}

func (m *edgeMatch) ok(st *state, j int32) bool {
	r := &st.edges[j]
	if !m.types.has(r.typ) ||
		len(r.documents) < m.minSources || len(r.clusters) < m.minIndep ||
		m.source != "" && st.nodes[r.src].n.ID != m.source ||
		m.target != "" && st.nodes[r.dst].n.ID != m.target ||
		m.document != "" && !hasSorted(r.documents, m.document) {
		return false
	}
	if m.from == "" && m.to == "" {
		return true
	}
	row, text := &st.rows.edges[j], &st.rows.text
	first, last := text.str(row.first), text.str(row.last)
	return (m.from == "" || last != "" && kg.RangeEnd(last) >= m.from) &&
		(m.to == "" || first != "" && kg.RangeStart(first) <= m.to)
}

// EdgesOf returns, for each ID, its matching edges ordered by ID.
func (s *Store) EdgesOf(ctx context.Context, ids []string, f kg.EdgeFilter) (map[string][]kg.Edge, error) {
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	st := s.st
	af := newAdjFilter(f)
	// Edge indexes are gathered and sorted per node first, and kg.Edge
	// values are copied once into one shared backing array at the end:
	// sorting whole kg.Edge structs of a hub's every edge would cost more
	// than the query itself.
	type span struct {
		id         string
		start, end int
	}
	var idx []int32
	var spans []span
	done := map[string]bool{}
	for _, id := range ids {
		n, ok := st.nodeIdx[id]
		if !ok || done[id] {
			continue
		}
		done[id] = true
		start := len(idx)
		for _, list := range af.lists(st.nodes[n]) {
			for i := range list {
				if af.ok(st, &list[i]) {
					idx = append(idx, list[i].e)
				}
			}
		}
		if len(idx) > start {
			seg := idx[start:]
			st.sortEdges(seg, nil)
			spans = append(spans, span{id, start, len(idx)})
		}
	}
	out := make(map[string][]kg.Edge, len(spans))
	all := make([]kg.Edge, len(idx))
	for i, e := range idx {
		all[i] = st.edgeOutAt(e)
	}
	for _, sp := range spans {
		out[sp.id] = all[sp.start:sp.end:sp.end]
	}
	return out, nil
}

// Edges lists matching edges ordered by ID, after the cursor's edge ID.
func (s *Store) Edges(ctx context.Context, q kg.EdgeQuery, p kg.Page) (kg.EdgePage, error) {
	if err := s.begin(ctx); err != nil {
		return kg.EdgePage{}, err
	}
	defer s.mu.RUnlock()
	st := s.st
	after := ""
	if p.After != "" {
		parts, err := kg.DecodeCursor(p.After, 2)
		if err != nil {
			return kg.EdgePage{}, err
		}
		if parts[0] != "edge" {
			return kg.EdgePage{}, kg.Errorf(kg.CodeBadUserInput, "invalid cursor")
		}
		after = parts[1]
	}
	first := p.First
	if first <= 0 {
		first = defaultPage
	}
	m := edgeMatch{
		types: maskOf(q.Types, allTypes&^mentionsMask), minSources: q.MinSources, minIndep: q.MinIndependent,
		source: q.Source, target: q.Target, document: q.Document,
	}
	var order []int32
	narrowed := true
	switch {
	case q.Source != "" || q.Target != "":
		end := q.Source
		if end == "" {
			end = q.Target
		}
		if n, ok := st.nodeIdx[end]; ok {
			st.adjacency(n, m.types, func(e int32, _ *edgeRec) bool { order = append(order, e); return true })
		}
	case q.Document != "":
		order = slices.Clone(st.docEdges[q.Document])
	default:
		order = st.byEdgeID.get()
		narrowed = false
	}
	if narrowed {
		slices.SortFunc(order, st.byEdgeID.cmp)
	}

	page := kg.EdgePage{Edges: []kg.Edge{}, Cursors: []string{}}
	if !narrowed && m.minSources <= 0 && m.minIndep <= 0 {
		for i := range kg.RelTypes {
			if m.types.has(uint8(i)) {
				page.TotalCount += st.typeCount[i]
			}
		}
	} else {
		for i, e := range order {
			if i%4096 == 0 && ctx.Err() != nil {
				return kg.EdgePage{}, cancelled(ctx.Err())
			}
			if m.ok(st, e) {
				page.TotalCount++
			}
		}
	}
	start := 0
	if after != "" {
		start = sort.Search(len(order), func(i int) bool { return st.compareEdgeID(order[i], after) > 0 })
	}
	for i := start; i < len(order); i++ {
		j := order[i]
		if !m.ok(st, j) {
			continue
		}
		if len(page.Edges) == first {
			page.HasNextPage = true
			break
		}
		e := st.edgeOutAt(j)
		page.Edges = append(page.Edges, e)
		page.Cursors = append(page.Cursors, kg.EncodeCursor("edge", e.ID))
	}
	return page, nil
}
