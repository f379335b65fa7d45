package storetest

import (
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

func init() {
	addGroup("Neighborhood",
		testCase{"Depth", testNeighborhoodDepth},
		testCase{"TypesKindsLimit", testNeighborhoodFilters},
		testCase{"Unknown", testNeighborhoodUnknown},
		testCase{"Summaries", testNeighborhoodSummaries},
	)
	addGroup("Paths",
		testCase{"Shortest", testShortestPath},
		testCase{"AllSimple", testPaths},
		testCase{"Summaries", testPathSummaries},
	)
	addGroup("Timeline",
		testCase{"Order", testTimelineOrder},
		testCase{"Range", testTimelineRange},
		testCase{"AboutAndTypes", testTimelineAbout},
	)
}

// subgraphEdges lists, sorted, the fixture edges of the default followed
// types whose ends are both in nodes.
func subgraphEdges(nodes []string, types ...kg.RelType) []string {
	var out []string
	for id, r := range refEdges(Base()) {
		e := r.e
		if len(types) == 0 && (e.Type == kg.RelMentions || e.Type == kg.RelPublishedOn) {
			continue
		}
		if len(types) > 0 && !slices.Contains(types, e.Type) {
			continue
		}
		if slices.Contains(nodes, e.Source) && slices.Contains(nodes, e.Target) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

func checkSubgraph(t *testing.T, what string, sg *kg.Subgraph, nodes []string, types ...kg.RelType) {
	t.Helper()
	if sg == nil {
		t.Errorf("%s: nil subgraph", what)
		return
	}
	eqIDs(t, what+" nodes", NodeRefIDs(sg.Nodes), nodes)
	eqIDs(t, what+" edges", EdgeRefIDs(sg.Edges), subgraphEdges(nodes, types...))
	for _, n := range sg.Nodes {
		if n.Name == "" || n.Kind == "" {
			t.Errorf("%s: node %s without name or kind", what, n.ID)
		}
	}
	for _, e := range sg.Edges {
		if e.NumEvidence() == 0 || e.SourceCount() == 0 {
			t.Errorf("%s: edge %s without evidence or documents", what, e.ID)
		}
	}
}

// byDistance orders groups of node IDs (one group per hop) the way the
// contract says: hop distance, then ID.
func byDistance(levels ...[]string) []string {
	var out []string
	for _, l := range levels {
		out = append(out, sorted(l...)...)
	}
	return out
}

func testNeighborhoodDepth(t *testing.T, s *suite) {
	st := s.seeded(t)
	d1 := []string{Moscow, Ban, Directive}
	d2 := []string{Commerce, EO, Raimondo, DateSales, DateUpdates, Russia, DHS, Date2017}
	sg, err := st.Neighborhood(bg, kg.NeighborhoodQuery{ID: Kaspersky, Depth: 1})
	if err != nil {
		t.Fatal(err)
	}
	checkSubgraph(t, "depth 1", sg, byDistance([]string{Kaspersky}, d1))
	sg, err = st.Neighborhood(bg, kg.NeighborhoodQuery{ID: Kaspersky})
	if err != nil {
		t.Fatal(err)
	}
	checkSubgraph(t, "default depth", sg, byDistance([]string{Kaspersky}, d1))
	sg, err = st.Neighborhood(bg, kg.NeighborhoodQuery{ID: Kaspersky, Depth: 2})
	if err != nil {
		t.Fatal(err)
	}
	checkSubgraph(t, "depth 2", sg, byDistance([]string{Kaspersky}, d1, d2))
	sg, err = st.Neighborhood(bg, kg.NeighborhoodQuery{ID: Kaspersky, Depth: 3})
	if err != nil {
		t.Fatal(err)
	}
	checkSubgraph(t, "depth 3", sg, byDistance([]string{Kaspersky}, d1, d2, []string{DateEO}))
	// Documents join the graph only through MENTIONS and PUBLISHED_ON.
	sg, err = st.Neighborhood(bg, kg.NeighborhoodQuery{ID: D3, Depth: 2})
	if err != nil {
		t.Fatal(err)
	}
	checkSubgraph(t, "document alone", sg, []string{D3})
}

func testNeighborhoodFilters(t *testing.T, s *suite) {
	st := s.seeded(t)
	cases := []struct {
		name  string
		q     kg.NeighborhoodQuery
		want  []string
		types []kg.RelType
	}{
		{"types", kg.NeighborhoodQuery{ID: Kaspersky, Depth: 2, Types: []kg.RelType{kg.RelLocatedIn}},
			[]string{Kaspersky, Moscow, Russia}, []kg.RelType{kg.RelLocatedIn}},
		{"kinds", kg.NeighborhoodQuery{ID: Kaspersky, Depth: 2, Kinds: []kg.Kind{kg.KindOrder}},
			byDistance([]string{Kaspersky}, []string{Ban, Directive}, []string{EO}), nil},
		{"kinds block traversal", kg.NeighborhoodQuery{ID: Kaspersky, Depth: 3, Kinds: []kg.Kind{kg.KindLocation, kg.KindAgency}},
			[]string{Kaspersky, Moscow, Russia}, nil},
		{"centre outside kinds", kg.NeighborhoodQuery{ID: Ban, Depth: 1, Kinds: []kg.Kind{kg.KindCompany}},
			[]string{Ban, Kaspersky}, nil},
		{"limit", kg.NeighborhoodQuery{ID: Kaspersky, Depth: 2, Limit: 3},
			byDistance([]string{Kaspersky}, []string{Moscow, Ban, Directive})[:3], nil},
		{"limit one", kg.NeighborhoodQuery{ID: Kaspersky, Depth: 2, Limit: 1}, []string{Kaspersky}, nil},
		{"mentions", kg.NeighborhoodQuery{ID: D3, Depth: 1, Types: []kg.RelType{kg.RelMentions, kg.RelPublishedOn}},
			byDistance([]string{D3}, []string{Commerce, Kaspersky, Ban, DateD1}), []kg.RelType{kg.RelMentions, kg.RelPublishedOn}},
	}
	for _, c := range cases {
		sg, err := st.Neighborhood(bg, c.q)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		checkSubgraph(t, c.name, sg, c.want, c.types...)
	}
}

func testNeighborhoodUnknown(t *testing.T, s *suite) {
	st := s.seeded(t)
	sg, err := st.Neighborhood(bg, kg.NeighborhoodQuery{ID: "company:nope", Depth: 2})
	if err != nil || sg != nil {
		t.Errorf("Neighborhood(unknown) = %+v, %v; want nil, nil", sg, err)
	}
}

func pathNodes(p *kg.Path) []string {
	if p == nil {
		return nil
	}
	return NodeRefIDs(p.Nodes)
}

// checkPath verifies that p is a well-formed undirected walk from -> to.
func checkPath(t *testing.T, what string, p kg.Path, from, to string) {
	t.Helper()
	if len(p.Nodes) != len(p.Edges)+1 || p.Nodes[0].ID != from || p.Nodes[len(p.Nodes)-1].ID != to {
		t.Errorf("%s: malformed path %v", what, NodeRefIDs(p.Nodes))
		return
	}
	for i, e := range p.Edges {
		a, b := p.Nodes[i].ID, p.Nodes[i+1].ID
		if !(e.Source == a && e.Target == b || e.Source == b && e.Target == a) {
			t.Errorf("%s: edge %d (%s %s->%s) does not join %s and %s", what, i, e.Type, e.Source, e.Target, a, b)
		}
		if e.Type == kg.RelMentions || e.Type == kg.RelPublishedOn {
			t.Errorf("%s: path follows %s by default", what, e.Type)
		}
	}
}

func testShortestPath(t *testing.T, s *suite) {
	st := s.seeded(t)
	p, err := st.ShortestPath(bg, Raimondo, Kaspersky, 4)
	if err != nil {
		t.Fatal(err)
	}
	if p == nil {
		t.Fatal("no path from Raimondo to Kaspersky")
	}
	checkPath(t, "Raimondo-Kaspersky", *p, Raimondo, Kaspersky)
	eqIDs(t, "shortest path nodes", pathNodes(p), []string{Raimondo, Ban, Kaspersky})

	p, err = st.ShortestPath(bg, Raimondo, Russia, 0)
	if err != nil || p == nil {
		t.Fatalf("default max length: %v %v", p, err)
	}
	eqIDs(t, "Raimondo-Russia", pathNodes(p), []string{Raimondo, Ban, Kaspersky, Moscow, Russia})
	checkPath(t, "Raimondo-Russia", *p, Raimondo, Russia)
	if p.Edges[1].ID != edgeID(Ban, kg.RelTargets, Kaspersky) && p.Edges[1].ID != edgeID(Kaspersky, kg.RelDenied, Ban) {
		t.Errorf("unexpected middle edge %+v", p.Edges[1])
	}
	for name, c := range map[string]struct {
		from, to string
		max      int
	}{
		"beyond max length": {Raimondo, Russia, 3},
		"too short":         {Raimondo, Kaspersky, 1},
		"disconnected":      {Kaspersky, Acme, 4},
		"unknown source":    {"company:nope", Kaspersky, 4},
		"unknown target":    {Kaspersky, "company:nope", 4},
		"only via mentions": {D1, Kaspersky, 4},
	} {
		p, err := st.ShortestPath(bg, c.from, c.to, c.max)
		if err != nil || p != nil {
			t.Errorf("ShortestPath %s = %v, %v; want nil, nil", name, pathNodes(p), err)
		}
	}
	p, err = st.ShortestPath(bg, Kaspersky, Kaspersky, 4)
	if err != nil || p == nil || len(p.Nodes) != 1 || len(p.Edges) != 0 {
		t.Errorf("ShortestPath to itself = %v, %v; want the one-node path", pathNodes(p), err)
	}
}

func testPaths(t *testing.T, s *suite) {
	st := s.seeded(t)
	ps, err := st.Paths(bg, kg.PathsQuery{From: Raimondo, To: Kaspersky, MaxLength: 4})
	if err != nil {
		t.Fatal(err)
	}
	announced := edgeID(Raimondo, kg.RelAnnounced, Ban)
	heads := edgeID(Raimondo, kg.RelHeads, Commerce)
	issued := edgeID(Commerce, kg.RelIssued, Ban)
	targets := edgeID(Ban, kg.RelTargets, Kaspersky)
	denied := edgeID(Kaspersky, kg.RelDenied, Ban)
	// Length, then total source count descending (4, 2 and 7, 5).
	want := [][]string{
		{announced, targets},
		{announced, denied},
		{heads, issued, targets},
		{heads, issued, denied},
	}
	if len(ps) != len(want) {
		t.Fatalf("Paths = %d paths, want %d", len(ps), len(want))
	}
	for i, p := range ps {
		checkPath(t, "Paths", p, Raimondo, Kaspersky)
		eqIDs(t, "path "+string(rune('0'+i)), EdgeRefIDs(p.Edges), want[i])
	}
	ps, err = st.Paths(bg, kg.PathsQuery{From: Raimondo, To: Kaspersky, MaxLength: 4, Limit: 3})
	if err != nil || len(ps) != 3 {
		t.Fatalf("Paths limit 3: %d, %v", len(ps), err)
	}
	ps, err = st.Paths(bg, kg.PathsQuery{From: Raimondo, To: Kaspersky, MaxLength: 2})
	if err != nil || len(ps) != 2 {
		t.Errorf("Paths max length 2: %d paths, %v", len(ps), err)
	}
	ps, err = st.Paths(bg, kg.PathsQuery{From: Raimondo, To: Kaspersky, Types: []kg.RelType{kg.RelHeads, kg.RelIssued, kg.RelTargets}})
	if err != nil || len(ps) != 1 {
		t.Fatalf("Paths with types: %d paths, %v", len(ps), err)
	}
	eqIDs(t, "typed path", EdgeRefIDs(ps[0].Edges), []string{heads, issued, targets})
	ps, err = st.Paths(bg, kg.PathsQuery{From: Kaspersky, To: Acme})
	if err != nil || len(ps) != 0 {
		t.Errorf("Paths between components = %d, %v", len(ps), err)
	}
	// Paths are simple: from Moscow to Russia there is exactly one, even
	// at a length that would allow going back and forth.
	ps, err = st.Paths(bg, kg.PathsQuery{From: Moscow, To: Russia, MaxLength: 4})
	if err != nil || len(ps) != 1 || len(ps[0].Edges) != 1 {
		t.Errorf("Paths Moscow-Russia = %d, %v; want the single edge", len(ps), err)
	}
}

type tlWant struct {
	edge string
	date string
}

func timelineIDs(items []kg.TimelineItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Edge.ID
	}
	return out
}

func checkTimeline(t *testing.T, what string, items []kg.TimelineItem, want []string) {
	t.Helper()
	eqIDs(t, what, timelineIDs(items), want)
	for _, it := range items {
		if it.Edge.Source != it.Subject.ID || it.Edge.Target != it.Date.ID || it.Date.Kind != kg.KindDate || !it.Edge.Type.Dated() {
			t.Errorf("%s: inconsistent item %+v", what, it)
		}
	}
}

func testTimelineOrder(t *testing.T, s *suite) {
	st := s.seeded(t)
	items, err := st.Timeline(bg, kg.TimelineQuery{})
	if err != nil {
		t.Fatal(err)
	}
	pubD1 := edgeID(D1, kg.RelPublishedOn, DateD1)
	pubD3 := edgeID(D3, kg.RelPublishedOn, DateD1)
	same := sorted(pubD1, pubD3)
	want := []string{
		edgeID(Directive, kg.RelOccurredOn, Date2017),
		edgeID(EO, kg.RelOccurredOn, DateEO),
		edgeID(D4, kg.RelPublishedOn, DateD4),
		same[0], same[1],
		edgeID(D2, kg.RelPublishedOn, DateD2),
		edgeID(Ban, kg.RelEffectiveOn, DateSales),
		edgeID(Ban, kg.RelEffectiveOn, DateUpdates),
	}
	checkTimeline(t, "full timeline", items, want)
	if len(items) == len(want) && (items[0].Subject.ID != Directive || items[0].Date.Attrs[kg.AttrPrecision] != "YEAR" || items[6].Edge.Attrs[kg.AttrRole] != "new sales banned") {
		t.Errorf("timeline items lack their nodes or attributes: %+v", items[0])
	}
}

func testTimelineRange(t *testing.T, s *suite) {
	st := s.seeded(t)
	pub := sorted(edgeID(D1, kg.RelPublishedOn, DateD1), edgeID(D3, kg.RelPublishedOn, DateD1))
	cases := []struct {
		name     string
		from, to string
		want     []string
	}{
		{"month range", "2024-06", "2024-07", []string{pub[0], pub[1], edgeID(D2, kg.RelPublishedOn, DateD2), edgeID(Ban, kg.RelEffectiveOn, DateSales)}},
		{"years", "2018", "2023", []string{edgeID(EO, kg.RelOccurredOn, DateEO), edgeID(D4, kg.RelPublishedOn, DateD4)}},
		{"inside a year-precision date", "2017-03", "2017-04-02", []string{edgeID(Directive, kg.RelOccurredOn, Date2017)}},
		{"inside a month-precision date", "2019-05-31", "", nil},
		{"open start", "", "2018", []string{edgeID(Directive, kg.RelOccurredOn, Date2017)}},
		{"day", "2024-09-29", "2024-09-29", []string{edgeID(Ban, kg.RelEffectiveOn, DateUpdates)}},
		{"empty", "2030", "2031", nil},
	}
	for _, c := range cases {
		items, err := st.Timeline(bg, kg.TimelineQuery{From: c.from, To: c.to})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if c.name == "inside a month-precision date" {
			// 2019-05 overlaps [2019-05-31, ∞): it comes first.
			if len(items) == 0 || items[0].Edge.ID != edgeID(EO, kg.RelOccurredOn, DateEO) {
				t.Errorf("%s: %v", c.name, timelineIDs(items))
			}
			continue
		}
		checkTimeline(t, c.name, items, c.want)
	}
}

func testTimelineAbout(t *testing.T, s *suite) {
	st := s.seeded(t)
	items, err := st.Timeline(bg, kg.TimelineQuery{About: Kaspersky})
	if err != nil {
		t.Fatal(err)
	}
	checkTimeline(t, "about Kaspersky", items, []string{
		edgeID(Directive, kg.RelOccurredOn, Date2017),
		edgeID(Ban, kg.RelEffectiveOn, DateSales),
		edgeID(Ban, kg.RelEffectiveOn, DateUpdates),
	})
	items, err = st.Timeline(bg, kg.TimelineQuery{About: Ban, Types: []kg.RelType{kg.RelOccurredOn}})
	if err != nil {
		t.Fatal(err)
	}
	checkTimeline(t, "about the ban, OCCURRED_ON", items, []string{edgeID(EO, kg.RelOccurredOn, DateEO)})
	items, err = st.Timeline(bg, kg.TimelineQuery{Types: []kg.RelType{kg.RelEffectiveOn}, From: "2024-08"})
	if err != nil {
		t.Fatal(err)
	}
	checkTimeline(t, "EFFECTIVE_ON from August", items, []string{edgeID(Ban, kg.RelEffectiveOn, DateUpdates)})
	items, err = st.Timeline(bg, kg.TimelineQuery{Types: []kg.RelType{kg.RelIssued}})
	if err != nil || len(items) != 0 {
		t.Errorf("a non-dated type gives %v, %v; want nothing", timelineIDs(items), err)
	}
	items, err = st.Timeline(bg, kg.TimelineQuery{About: "company:nope"})
	if err != nil || len(items) != 0 {
		t.Errorf("about an unknown node gives %v, %v; want nothing", timelineIDs(items), err)
	}
}
