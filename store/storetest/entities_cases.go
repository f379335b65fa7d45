package storetest

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

func init() {
	addGroup("Entities",
		testCase{"Filters", testEntitiesFilters},
		testCase{"SortsAndPaging", testEntitiesPaging},
		testCase{"CursorSurvivesIngest", testEntitiesCursorStable},
		testCase{"BadCursor", testEntitiesBadCursor},
	)
	addGroup("Edges",
		testCase{"EdgesOf", testEdgesOf},
		testCase{"EdgesOfBatched", testEdgesOfBatched},
		testCase{"EdgesPaging", testEdgesPaging},
		testCase{"EdgesFilters", testEdgesFilters},
	)
}

// refEntities applies f to the reference model and sorts the result.
func refEntities(xs []*kg.Extraction, f kg.EntityFilter) []string {
	var out []*refNode
	for _, r := range reference(xs) {
		if len(f.Kinds) > 0 && !slices.Contains(f.Kinds, r.kind) {
			continue
		}
		if f.NameContains != "" && !slices.ContainsFunc(r.keys, func(k string) bool {
			return strings.Contains(k, strings.ToLower(f.NameContains))
		}) {
			continue
		}
		if f.Document != "" && !slices.Contains(r.docs, f.Document) {
			continue
		}
		if f.SeenFrom != "" && (r.last == "" || kg.RangeEnd(r.last) < kg.RangeStart(f.SeenFrom)) {
			continue
		}
		if f.SeenTo != "" && (r.first == "" || kg.RangeStart(r.first) > kg.RangeEnd(f.SeenTo)) {
			continue
		}
		if r.mentions < f.MinMentions {
			continue
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *refNode) int {
		var c int
		switch f.Sort {
		case kg.SortByMentions:
			c = cmp.Compare(b.mentions, a.mentions)
		case kg.SortByFirstSeen:
			switch {
			case a.first == "" && b.first != "":
				c = 1
			case a.first != "" && b.first == "":
				c = -1
			default:
				c = cmp.Compare(a.first, b.first)
			}
		default:
			c = cmp.Compare(strings.ToLower(a.name), strings.ToLower(b.name))
		}
		if c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	ids := make([]string, len(out))
	for i, r := range out {
		ids[i] = r.id
	}
	return ids
}

// allPages pages through Entities with page size n, checking the page
// invariants, and returns every ID in order.
func allPages(t *testing.T, st kg.Store, f kg.EntityFilter, n int) ([]string, int) {
	t.Helper()
	var ids []string
	after := ""
	total := -1
	for pages := 0; ; pages++ {
		if pages > 100 {
			t.Fatal("Entities pagination does not terminate")
		}
		p, err := st.Entities(bg, f, kg.Page{First: n, After: after})
		if err != nil {
			t.Fatalf("Entities(%+v, after %q): %v", f, after, err)
		}
		if len(p.Cursors) != len(p.Nodes) || len(p.Nodes) > n {
			t.Fatalf("page of %d nodes with %d cursors (first %d)", len(p.Nodes), len(p.Cursors), n)
		}
		if total >= 0 && p.TotalCount != total {
			t.Errorf("TotalCount changed between pages: %d then %d", total, p.TotalCount)
		}
		total = p.TotalCount
		ids = append(ids, NodeIDs(p.Nodes)...)
		if !p.HasNextPage {
			break
		}
		if len(p.Nodes) == 0 {
			t.Fatal("HasNextPage with an empty page")
		}
		after = p.Cursors[len(p.Cursors)-1]
	}
	return ids, total
}

func testEntitiesFilters(t *testing.T, s *suite) {
	st := s.seeded(t)
	xs := Base()
	cases := []struct {
		name string
		f    kg.EntityFilter
		want []string // nil: only compare with the reference model
	}{
		{"all", kg.EntityFilter{}, nil},
		{"companies", kg.EntityFilter{Kinds: []kg.Kind{kg.KindCompany}}, []string{Acme, Bravo, Kaspersky}},
		{"two kinds", kg.EntityFilter{Kinds: []kg.Kind{kg.KindLocation, kg.KindPerson}}, []string{Raimondo, Moscow, Paris, Russia}},
		{"name contains", kg.EntityFilter{NameContains: "COMMERCE"}, []string{Commerce, D3}},
		{"alias contains", kg.EntityFilter{NameContains: "labs", Kinds: []kg.Kind{kg.KindCompany}}, []string{Bravo, Kaspersky}},
		{"document", kg.EntityFilter{Document: D3}, nil},
		{"document and kind", kg.EntityFilter{Document: D3, Kinds: []kg.Kind{kg.KindOrder}}, []string{Ban}},
		{"seen from", kg.EntityFilter{SeenFrom: "2024-06-21"}, nil},
		{"seen to year", kg.EntityFilter{SeenTo: "2023"}, []string{DateD4, Acme, D4, Bravo, Paris}},
		{"seen range", kg.EntityFilter{SeenFrom: "2024-06", SeenTo: "2024-06-20", Kinds: []kg.Kind{kg.KindLocation}}, []string{Moscow}},
		{"min mentions", kg.EntityFilter{MinMentions: 3}, nil},
		{"combined", kg.EntityFilter{Kinds: []kg.Kind{kg.KindCompany, kg.KindOrder}, MinMentions: 2, Sort: kg.SortByMentions}, []string{Kaspersky, Ban}},
		{"nothing", kg.EntityFilter{NameContains: "no such name"}, []string{}},
	}
	for _, c := range cases {
		want := refEntities(xs, c.f)
		if c.want != nil && !slices.Equal(c.want, want) && len(c.want)+len(want) > 0 {
			t.Fatalf("%s: fixture expectation %v disagrees with the reference model %v", c.name, c.want, want)
		}
		got, total := allPages(t, st, c.f, 100)
		eqIDs(t, "Entities "+c.name, got, want)
		if total != len(want) {
			t.Errorf("Entities %s: TotalCount %d, want %d", c.name, total, len(want))
		}
	}
	if got := refEntities(xs, kg.EntityFilter{MinMentions: 3}); !slices.Contains(got, Kaspersky) || slices.Contains(got, Moscow) {
		t.Fatalf("reference model broken: %v", got)
	}
}

func testEntitiesPaging(t *testing.T, s *suite) {
	st := s.seeded(t)
	xs := Base()
	for _, sort := range []kg.SortField{"", kg.SortByName, kg.SortByMentions, kg.SortByFirstSeen} {
		for _, f := range []kg.EntityFilter{{Sort: sort}, {Sort: sort, Kinds: []kg.Kind{kg.KindCompany, kg.KindDate}}} {
			want := refEntities(xs, f)
			for _, n := range []int{1, 3, 7} {
				got, total := allPages(t, st, f, n)
				eqIDs(t, "Entities sorted by "+string(sort)+" in pages of "+strconv.Itoa(n), got, want)
				if total != len(want) {
					t.Errorf("TotalCount %d, want %d", total, len(want))
				}
			}
		}
	}
	// Spot checks that do not depend on the reference model.
	p, err := st.Entities(bg, kg.EntityFilter{Sort: kg.SortByMentions}, kg.Page{First: 2})
	if err != nil {
		t.Fatal(err)
	}
	eqIDs(t, "top two by mentions", NodeIDs(p.Nodes), []string{Kaspersky, Commerce})
	p, err = st.Entities(bg, kg.EntityFilter{Sort: kg.SortByFirstSeen, Kinds: []kg.Kind{kg.KindLocation}}, kg.Page{First: 10})
	if err != nil {
		t.Fatal(err)
	}
	eqIDs(t, "locations by first seen (unknown last)", NodeIDs(p.Nodes), []string{Paris, Moscow, Russia})
	p, err = st.Entities(bg, kg.EntityFilter{}, kg.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if total := len(refEntities(xs, kg.EntityFilter{})); len(p.Nodes) != min(20, total) || p.HasNextPage != (total > 20) {
		t.Errorf("default page size: %d nodes, hasNext %v (total %d)", len(p.Nodes), p.HasNextPage, total)
	}
}

func testEntitiesCursorStable(t *testing.T, s *suite) {
	st := s.seeded(t)
	f := kg.EntityFilter{Kinds: []kg.Kind{kg.KindCompany}}
	p1, err := st.Entities(bg, f, kg.Page{First: 2})
	if err != nil {
		t.Fatal(err)
	}
	eqIDs(t, "page 1", NodeIDs(p1.Nodes), []string{Acme, Bravo})
	if !p1.HasNextPage || p1.TotalCount != 3 {
		t.Errorf("page 1: hasNext %v total %d", p1.HasNextPage, p1.TotalCount)
	}
	Seed(t, st, Corpus()[4]) // adds Aardvark (sorts before the cursor) and Zeta (after)
	p2, err := st.Entities(bg, f, kg.Page{First: 2, After: p1.Cursors[1]})
	if err != nil {
		t.Fatalf("cursor rejected after an ingest: %v", err)
	}
	eqIDs(t, "page 2 after ingest", NodeIDs(p2.Nodes), []string{Kaspersky, Zeta})
	if p2.HasNextPage || p2.TotalCount != 5 {
		t.Errorf("page 2: hasNext %v total %d, want false 5", p2.HasNextPage, p2.TotalCount)
	}
	// The same holds for the mention order, whose keys move as documents arrive.
	fm := kg.EntityFilter{Sort: kg.SortByMentions, Kinds: []kg.Kind{kg.KindCompany}}
	p3, err := st.Entities(bg, fm, kg.Page{First: 1})
	if err != nil {
		t.Fatal(err)
	}
	p4, err := st.Entities(bg, fm, kg.Page{First: 10, After: p3.Cursors[0]})
	if err != nil {
		t.Fatal(err)
	}
	eqIDs(t, "companies by mentions", append(NodeIDs(p3.Nodes), NodeIDs(p4.Nodes)...), refEntities(Corpus(), fm))
}

func testEntitiesBadCursor(t *testing.T, s *suite) {
	st := s.seeded(t)
	p, err := st.Entities(bg, kg.EntityFilter{}, kg.Page{First: 2})
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]string{
		"garbage":      "!!not-a-cursor!!",
		"wrong shape":  kg.EncodeCursor("x"),
		"another sort": p.Cursors[1],
		"base64 junk":  "aGVsbG8",
	} {
		f := kg.EntityFilter{}
		if name == "another sort" {
			f.Sort = kg.SortByMentions
		}
		_, err := st.Entities(bg, f, kg.Page{First: 2, After: c})
		wantCode(t, "Entities with "+name+" cursor", err, kg.CodeBadUserInput)
	}
	_, err = st.Edges(bg, kg.EdgeQuery{}, kg.Page{First: 2, After: "%%%"})
	wantCode(t, "Edges with a bad cursor", err, kg.CodeBadUserInput)
}

// refEdge is the reference model's merged edge.
type refEdge struct {
	e           kg.Edge
	docs, clust []string
}

func refEdges(xs []*kg.Extraction) map[string]*refEdge {
	out := map[string]*refEdge{}
	for _, x := range xs {
		for _, e := range x.Edges {
			r, ok := out[e.ID]
			if !ok {
				r = &refEdge{e: e}
				out[e.ID] = r
			}
			for _, d := range e.Documents {
				if !slices.Contains(r.docs, d) {
					r.docs = append(r.docs, d)
				}
			}
			for _, c := range e.Clusters {
				if !slices.Contains(r.clust, c) {
					r.clust = append(r.clust, c)
				}
			}
			if e.FirstSeen < r.e.FirstSeen {
				r.e.FirstSeen = e.FirstSeen
			}
			if e.LastSeen > r.e.LastSeen {
				r.e.LastSeen = e.LastSeen
			}
		}
	}
	return out
}

// refEdgesOf filters the reference edges around id.
func refEdgesOf(xs []*kg.Extraction, id string, f kg.EdgeFilter) []string {
	var ids []string
	for _, r := range refEdges(xs) {
		e := r.e
		out, in := e.Source == id, e.Target == id
		switch f.Direction {
		case kg.DirectionOut:
			in = false
		case kg.DirectionIn:
			out = false
		}
		if !out && !in {
			continue
		}
		if len(f.Types) == 0 && e.Type == kg.RelMentions || len(f.Types) > 0 && !slices.Contains(f.Types, e.Type) {
			continue
		}
		if len(r.docs) < f.MinSources {
			continue
		}
		if f.SeenFrom != "" && kg.RangeEnd(e.LastSeen) < kg.RangeStart(f.SeenFrom) {
			continue
		}
		if f.SeenTo != "" && kg.RangeStart(e.FirstSeen) > kg.RangeEnd(f.SeenTo) {
			continue
		}
		ids = append(ids, e.ID)
	}
	slices.Sort(ids)
	return ids
}

func testEdgesOf(t *testing.T, s *suite) {
	st := s.seeded(t)
	xs := Base()
	locK := edgeID(Kaspersky, kg.RelLocatedIn, Moscow)
	denied := edgeID(Kaspersky, kg.RelDenied, Ban)
	targets := edgeID(Ban, kg.RelTargets, Kaspersky)
	dirTargets := edgeID(Directive, kg.RelTargets, Kaspersky)
	cases := []struct {
		name string
		f    kg.EdgeFilter
		want []string
	}{
		{"out", kg.EdgeFilter{Direction: kg.DirectionOut}, sorted(locK, denied)},
		{"in", kg.EdgeFilter{Direction: kg.DirectionIn}, sorted(targets, dirTargets)},
		{"both", kg.EdgeFilter{}, sorted(locK, denied, targets, dirTargets)},
		{"types", kg.EdgeFilter{Types: []kg.RelType{kg.RelTargets, kg.RelDenied}}, sorted(denied, targets, dirTargets)},
		{"mentions", kg.EdgeFilter{Direction: kg.DirectionIn, Types: []kg.RelType{kg.RelMentions}}, nil},
		{"min sources", kg.EdgeFilter{MinSources: 2}, []string{targets}},
		{"seen from", kg.EdgeFilter{SeenFrom: "2024-06-21"}, sorted(denied, targets, dirTargets)},
		{"seen to", kg.EdgeFilter{SeenTo: "2024-06-20"}, sorted(locK, targets)},
	}
	for _, c := range cases {
		want := refEdgesOf(xs, Kaspersky, c.f)
		if c.want != nil && !slices.Equal(c.want, want) {
			t.Fatalf("%s: fixture expectation %v disagrees with reference %v", c.name, c.want, want)
		}
		m, err := st.EdgesOf(bg, []string{Kaspersky}, c.f)
		if err != nil {
			t.Fatal(err)
		}
		eqIDs(t, "EdgesOf(Kaspersky) "+c.name, EdgeIDs(m[Kaspersky]), want)
	}
	if n := len(refEdgesOf(xs, Kaspersky, kg.EdgeFilter{Types: []kg.RelType{kg.RelMentions}})); n != 3 {
		t.Fatalf("reference: %d MENTIONS edges into Kaspersky, want 3", n)
	}
	m, _ := st.EdgesOf(bg, []string{Kaspersky}, kg.EdgeFilter{MinSources: 2})
	if es := m[Kaspersky]; len(es) == 1 {
		e := es[0]
		if e.Source != Ban || e.Target != Kaspersky || e.Type != kg.RelTargets || len(e.Evidence) != 3 || len(e.Documents) != 3 {
			t.Errorf("TARGETS edge incomplete: %+v", e)
		}
	}
}

func testEdgesOfBatched(t *testing.T, s *suite) {
	st := s.seeded(t)
	xs := Base()
	ids := []string{Kaspersky, Commerce, "company:nope", Paris, Kaspersky}
	m, err := st.EdgesOf(bg, ids, kg.EdgeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		eqIDs(t, "EdgesOf batched "+id, EdgeIDs(m[id]), refEdgesOf(xs, id, kg.EdgeFilter{}))
	}
	if len(m["company:nope"]) != 0 || len(m[Commerce]) != 2 {
		t.Errorf("batched EdgesOf: unknown %v, Commerce %v", m["company:nope"], EdgeIDs(m[Commerce]))
	}
}

// refEdgeQuery filters the reference edges by q, ordered by ID.
func refEdgeQuery(xs []*kg.Extraction, q kg.EdgeQuery) []string {
	var ids []string
	for _, r := range refEdges(xs) {
		e := r.e
		if len(q.Types) == 0 && e.Type == kg.RelMentions || len(q.Types) > 0 && !slices.Contains(q.Types, e.Type) {
			continue
		}
		if q.Source != "" && e.Source != q.Source || q.Target != "" && e.Target != q.Target {
			continue
		}
		if q.Document != "" && !slices.Contains(r.docs, q.Document) {
			continue
		}
		if len(r.docs) < q.MinSources || len(r.clust) < q.MinIndependent {
			continue
		}
		ids = append(ids, e.ID)
	}
	slices.Sort(ids)
	return ids
}

func allEdgePages(t *testing.T, st kg.Store, q kg.EdgeQuery, n int) ([]string, int) {
	t.Helper()
	var ids []string
	after := ""
	total := -1
	for pages := 0; pages < 200; pages++ {
		p, err := st.Edges(bg, q, kg.Page{First: n, After: after})
		if err != nil {
			t.Fatalf("Edges(%+v): %v", q, err)
		}
		if len(p.Cursors) != len(p.Edges) || len(p.Edges) > n {
			t.Fatalf("edge page of %d with %d cursors", len(p.Edges), len(p.Cursors))
		}
		if total >= 0 && total != p.TotalCount {
			t.Errorf("Edges TotalCount changed between pages")
		}
		total = p.TotalCount
		ids = append(ids, EdgeIDs(p.Edges)...)
		if !p.HasNextPage {
			return ids, total
		}
		after = p.Cursors[len(p.Cursors)-1]
	}
	t.Fatal("Edges pagination does not terminate")
	return nil, 0
}

func testEdgesPaging(t *testing.T, s *suite) {
	st := s.seeded(t)
	want := refEdgeQuery(Base(), kg.EdgeQuery{})
	for _, n := range []int{1, 4, 100} {
		got, total := allEdgePages(t, st, kg.EdgeQuery{}, n)
		eqIDs(t, "Edges pages of "+strconv.Itoa(n), got, want)
		if total != len(want) {
			t.Errorf("Edges TotalCount %d, want %d", total, len(want))
		}
	}
	p, err := st.Edges(bg, kg.EdgeQuery{}, kg.Page{First: 3})
	if err != nil {
		t.Fatal(err)
	}
	Seed(t, st, Corpus()[4])
	p2, err := st.Edges(bg, kg.EdgeQuery{}, kg.Page{First: 100, After: p.Cursors[2]})
	if err != nil {
		t.Fatal(err)
	}
	all := refEdgeQuery(Corpus(), kg.EdgeQuery{})
	i := slices.Index(all, p.Edges[2].ID)
	eqIDs(t, "Edges after a cursor across an ingest", EdgeIDs(p2.Edges), all[i+1:])
}

func testEdgesFilters(t *testing.T, s *suite) {
	st := s.seeded(t)
	xs := Base()
	cases := []struct {
		name string
		q    kg.EdgeQuery
		want []string
	}{
		{"source", kg.EdgeQuery{Source: Commerce}, []string{edgeID(Commerce, kg.RelIssued, Ban)}},
		{"target", kg.EdgeQuery{Target: Kaspersky}, sorted(edgeID(Ban, kg.RelTargets, Kaspersky), edgeID(Directive, kg.RelTargets, Kaspersky))},
		{"target mentions", kg.EdgeQuery{Target: Kaspersky, Types: []kg.RelType{kg.RelMentions}}, nil},
		{"document", kg.EdgeQuery{Document: D3}, nil},
		{"min independent", kg.EdgeQuery{MinIndependent: 2}, sorted(edgeID(Commerce, kg.RelIssued, Ban), edgeID(Ban, kg.RelTargets, Kaspersky))},
		{"min sources", kg.EdgeQuery{MinSources: 3, Types: []kg.RelType{kg.RelIssued, kg.RelMentions}}, nil},
		{"types", kg.EdgeQuery{Types: []kg.RelType{kg.RelEffectiveOn, kg.RelOccurredOn}}, nil},
	}
	for _, c := range cases {
		want := refEdgeQuery(xs, c.q)
		if c.want != nil && !slices.Equal(c.want, want) {
			t.Fatalf("%s: fixture expectation %v disagrees with reference %v", c.name, c.want, want)
		}
		got, total := allEdgePages(t, st, c.q, 2)
		eqIDs(t, "Edges "+c.name, got, want)
		if total != len(want) {
			t.Errorf("Edges %s: TotalCount %d, want %d", c.name, total, len(want))
		}
	}
	if n := len(refEdgeQuery(xs, kg.EdgeQuery{Document: D3})); n != 3 {
		t.Fatalf("reference: D3 supports %d non-MENTIONS edges, want 3", n)
	}
}
