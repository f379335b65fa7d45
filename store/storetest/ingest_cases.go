package storetest

import (
	"maps"
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

func init() {
	addGroup("Ingest",
		testCase{"CreatedAndIdempotent", testIngestIdempotent},
		testCase{"StatusCounts", testIngestStatusCounts},
		testCase{"InvalidIsAtomic", testIngestInvalidAtomic},
		testCase{"DoesNotAliasInput", testIngestNoAlias},
		testCase{"DuplicateEvidenceInOneDocument", testIngestDupEvidence},
	)
	addGroup("Merge",
		testCase{"NodeName", testMergeNodeName},
		testCase{"NodeNameFirstWriterWins", testMergeNameOrder},
		testCase{"NodeAttrsAndFacts", testMergeAttrsFacts},
		testCase{"NodeMentionsDocumentsSeen", testMergeMentions},
		testCase{"SeenRangeOrderIndependent", testMergeSeenOrder},
		testCase{"Edge", testMergeEdge},
		testCase{"DocumentNode", testDocumentNode},
	)
}

func testIngestIdempotent(t *testing.T, s *suite) {
	st := s.seeded(t)
	before, err := st.Stats(bg)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range Base() {
		status, err := st.Ingest(bg, x)
		if err != nil {
			t.Fatalf("re-ingest %s: %v", x.Document.ID, err)
		}
		if status.Created || status.Nodes != 0 || status.Edges != 0 {
			t.Errorf("re-ingest %s: status %+v, want zero and Created=false", x.Document.ID, status)
		}
	}
	after, err := st.Stats(bg)
	if err != nil {
		t.Fatal(err)
	}
	if !statsEqual(before, after) {
		t.Errorf("stats changed on re-ingest: before %+v after %+v", before, after)
	}
	ns, err := st.Nodes(bg, []string{Commerce})
	if err != nil || ns[0] == nil {
		t.Fatalf("Nodes: %v %v", ns, err)
	}
	if got := len(ns[0].Mentions); got != 4 {
		t.Errorf("Commerce mentions after re-ingest = %d, want 4 (no duplicates)", got)
	}
}

func testIngestStatusCounts(t *testing.T, s *suite) {
	st := s.fresh(t)
	for _, x := range Base() {
		status, err := st.Ingest(bg, x)
		if err != nil {
			t.Fatal(err)
		}
		if !status.Created || status.Nodes != len(x.Nodes)+1 || status.Edges != len(x.Edges) {
			t.Errorf("Ingest(%s) = %+v, want Created with %d nodes, %d edges", x.Document.ID, status, len(x.Nodes)+1, len(x.Edges))
		}
	}
}

func testIngestInvalidAtomic(t *testing.T, s *suite) {
	st := s.seeded(t)
	before, err := st.Stats(bg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.Ingest(bg, nil)
	wantCode(t, "Ingest(nil)", err, kg.CodeBadUserInput)

	bad := map[string]func(x *kg.Extraction){
		"dangling edge": func(x *kg.Extraction) {
			x.Edges = append(x.Edges, kg.Edge{ID: "rel:dangling", Type: kg.RelTargets, Source: Aardvark, Target: "company:nowhere", Documents: []string{x.Document.ID}})
		},
		"unknown relation type": func(x *kg.Extraction) { x.Edges[0].Type = "OWNS_SECRETLY" },
		"unknown node kind":     func(x *kg.Extraction) { x.Nodes[1].Kind = "ROBOT" },
		"empty node id":         func(x *kg.Extraction) { x.Nodes[1].ID = "" },
		"empty document id":     func(x *kg.Extraction) { x.Document.ID = "" },
	}
	for name, spoil := range bad {
		x := Corpus()[4]
		spoil(x)
		_, err := st.Ingest(bg, x)
		wantCode(t, name, err, kg.CodeBadUserInput)
	}
	after, err := st.Stats(bg)
	if err != nil {
		t.Fatal(err)
	}
	if !statsEqual(before, after) {
		t.Errorf("a rejected extraction changed the store: before %+v after %+v", before, after)
	}
	docs, err := st.Documents(bg, []string{D5})
	if err != nil || docs[0] != nil {
		t.Errorf("rejected document stored: %v %v", docs, err)
	}
	ns, err := st.Nodes(bg, []string{Aardvark, Zeta, D5})
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range ns {
		if n != nil {
			t.Errorf("node %d of a rejected extraction stored: %+v", i, n)
		}
	}
	// A valid retry after the failures succeeds.
	status, err := st.Ingest(bg, Corpus()[4])
	if err != nil || !status.Created {
		t.Errorf("valid D5 after rejections: %+v %v", status, err)
	}
}

func testIngestNoAlias(t *testing.T, s *suite) {
	st := s.fresh(t)
	x := Corpus()[0]
	Seed(t, st, x)
	x.Nodes[1].Name = "MUTATED"
	x.Nodes[1].Aliases[0] = "MUTATED"
	x.Nodes[1].Attrs["hq"] = "MUTATED"
	x.Edges[0].Documents[0] = "MUTATED"
	ns, err := st.Nodes(bg, []string{Kaspersky})
	if err != nil {
		t.Fatal(err)
	}
	if ns[0].Name != "Kaspersky" || ns[0].Aliases[0] != "Kaspersky Lab" || ns[0].Attrs["hq"] != "Moscow" {
		t.Errorf("store shares memory with the ingested extraction: %+v", ns[0])
	}
	m, err := st.EdgesOf(bg, []string{Commerce}, kg.EdgeFilter{Types: []kg.RelType{kg.RelIssued}})
	if err != nil {
		t.Fatal(err)
	}
	if len(m[Commerce]) != 1 || m[Commerce][0].Documents[0] != D1 {
		t.Errorf("edge documents changed through the input: %+v", m[Commerce])
	}
}

func testIngestDupEvidence(t *testing.T, s *suite) {
	st := s.fresh(t)
	x := Corpus()[4]
	x.Edges = append(x.Edges, x.Edges[0])
	x.Nodes = append(x.Nodes, x.Nodes[0])
	status, err := st.Ingest(bg, x)
	if err != nil {
		t.Fatal(err)
	}
	if status.Edges != len(x.Edges)-1 || status.Nodes != len(x.Nodes) {
		t.Errorf("status %+v counts duplicates: want %d nodes, %d edges", status, len(x.Nodes), len(x.Edges)-1)
	}
	m, err := st.EdgesOf(bg, []string{Aardvark}, kg.EdgeFilter{Direction: kg.DirectionOut})
	if err != nil {
		t.Fatal(err)
	}
	if len(m[Aardvark]) != 1 || len(m[Aardvark][0].Evidence) != 1 {
		t.Errorf("duplicated edge in one extraction: %+v, want one edge with one evidence", m[Aardvark])
	}
	ns, _ := st.Nodes(bg, []string{Aardvark})
	if ns[0] == nil || len(ns[0].Mentions) != 2 {
		t.Errorf("duplicated node mentions not deduplicated: %+v", ns[0])
	}
}

func testMergeNodeName(t *testing.T, s *suite) {
	st := s.seeded(t)
	ns, err := st.Nodes(bg, []string{Commerce, Kaspersky, Ban})
	if err != nil {
		t.Fatal(err)
	}
	c, k, b := ns[0], ns[1], ns[2]
	if c.Name != "Commerce Department" || c.Kind != kg.KindAgency {
		t.Errorf("Commerce = %q %s, want the first writer's name", c.Name, c.Kind)
	}
	eqIDs(t, "Commerce aliases", c.Aliases, []string{"Department of Commerce", "US Department of Commerce"})
	eqIDs(t, "Kaspersky aliases", k.Aliases, []string{"Kaspersky Lab", "Kaspersky Labs", "Kaspersky’s"})
	eqIDs(t, "Ban aliases", b.Aliases, []string{"Kaspersky ban"})
}

func testMergeNameOrder(t *testing.T, s *suite) {
	st := s.fresh(t)
	xs := Base()
	Seed(t, st, xs[1], xs[0])
	ns, err := st.Nodes(bg, []string{Commerce, Kaspersky})
	if err != nil {
		t.Fatal(err)
	}
	if ns[0].Name != "US Department of Commerce" || ns[1].Name != "Kaspersky Labs" {
		t.Errorf("names %q, %q: want D2's names when D2 is ingested first", ns[0].Name, ns[1].Name)
	}
	eqIDs(t, "Commerce aliases", ns[0].Aliases, []string{"Commerce Department", "Department of Commerce"})
	eqIDs(t, "Kaspersky aliases", ns[1].Aliases, []string{"Kaspersky", "Kaspersky Lab", "Kaspersky’s"})
}

func testMergeAttrsFacts(t *testing.T, s *suite) {
	st := s.seeded(t)
	ns, err := st.Nodes(bg, []string{Kaspersky, Ban, DateEO})
	if err != nil {
		t.Fatal(err)
	}
	k, b, d := ns[0], ns[1], ns[2]
	if want := map[string]string{"hq": "Moscow", "founded": "1997"}; !maps.Equal(k.Attrs, want) {
		t.Errorf("Kaspersky attrs %v, want %v (first writer wins per key)", k.Attrs, want)
	}
	if want := map[string]string{kg.AttrOrderType: "ban", "scope": "software"}; !maps.Equal(b.Attrs, want) {
		t.Errorf("Ban attrs %v, want %v", b.Attrs, want)
	}
	if d.Attrs[kg.AttrDate] != "2019-05" || d.Attrs[kg.AttrPrecision] != string(kg.PrecisionMonth) || d.Kind != kg.KindDate {
		t.Errorf("date node %+v", d)
	}
	if len(k.Facts) != 2 {
		t.Fatalf("Kaspersky facts %+v, want one from D1 and one from D2", k.Facts)
	}
	if !slices.IsSortedFunc(k.Facts, func(a, b kg.Fact) int { return cmpEvidence(a.Evidence, b.Evidence) }) {
		t.Errorf("facts not sorted by evidence: %+v", k.Facts)
	}
	for _, f := range k.Facts {
		x := fixtureByDoc(f.Evidence.DocumentID)
		if x == nil || string([]rune(x.Document.Text)[f.Evidence.Start:f.Evidence.End]) != f.Evidence.Quote || f.Value != "400000000" {
			t.Errorf("fact %+v does not round-trip", f)
		}
	}
}

func testMergeMentions(t *testing.T, s *suite) {
	st := s.seeded(t)
	ns, err := st.Nodes(bg, []string{Kaspersky, Commerce, Paris})
	if err != nil {
		t.Fatal(err)
	}
	k, c, p := ns[0], ns[1], ns[2]
	if len(k.Mentions) != 8 {
		t.Errorf("Kaspersky has %d mentions, want 2+4+2", len(k.Mentions))
	}
	if !slices.IsSortedFunc(k.Mentions, cmpEvidence) {
		t.Errorf("mentions not sorted: %+v", k.Mentions)
	}
	eqIDs(t, "Kaspersky documents", k.Documents, sorted(D1, D2, D3))
	eqIDs(t, "Commerce documents", c.Documents, sorted(D1, D2, D3))
	if k.FirstSeen != "2024-06-20" || k.LastSeen != "2024-06-21" {
		t.Errorf("Kaspersky seen %s..%s, want 2024-06-20..2024-06-21", k.FirstSeen, k.LastSeen)
	}
	if p.FirstSeen != "2023-01-05" || p.LastSeen != "2023-01-05" {
		t.Errorf("Paris seen %s..%s", p.FirstSeen, p.LastSeen)
	}
}

func testMergeSeenOrder(t *testing.T, s *suite) {
	for _, order := range [][]int{{0, 2, 1}, {1, 2, 0}} {
		st := s.fresh(t)
		xs := Base()
		for _, i := range order {
			Seed(t, st, xs[i])
		}
		ns, err := st.Nodes(bg, []string{Kaspersky})
		if err != nil {
			t.Fatal(err)
		}
		if k := ns[0]; k.FirstSeen != "2024-06-20" || k.LastSeen != "2024-06-21" {
			t.Errorf("order %v: Kaspersky seen %s..%s, want 2024-06-20..2024-06-21", order, k.FirstSeen, k.LastSeen)
		}
		m, err := st.EdgesOf(bg, []string{Commerce}, kg.EdgeFilter{Types: []kg.RelType{kg.RelIssued}})
		if err != nil {
			t.Fatal(err)
		}
		if es := m[Commerce]; len(es) != 1 || es[0].FirstSeen != "2024-06-20" || es[0].LastSeen != "2024-06-21" {
			t.Errorf("order %v: ISSUED edge %+v", order, es)
		}
	}
}

func testMergeEdge(t *testing.T, s *suite) {
	st := s.seeded(t)
	issued := edgeID(Commerce, kg.RelIssued, Ban)
	m, err := st.EdgesOf(bg, []string{Commerce}, kg.EdgeFilter{Direction: kg.DirectionOut, Types: []kg.RelType{kg.RelIssued}})
	if err != nil {
		t.Fatal(err)
	}
	if len(m[Commerce]) != 1 {
		t.Fatalf("Commerce ISSUED edges: %+v", m[Commerce])
	}
	e := m[Commerce][0]
	if e.ID != issued || e.Source != Commerce || e.Target != Ban || e.Type != kg.RelIssued {
		t.Errorf("edge %+v", e)
	}
	eqIDs(t, "ISSUED documents", e.Documents, sorted(D1, D2, D3))
	eqIDs(t, "ISSUED clusters", e.Clusters, sorted(D1, D2))
	if e.SourceCount() != 3 || e.IndependentCount() != 2 {
		t.Errorf("counts %d/%d, want 3/2", e.SourceCount(), e.IndependentCount())
	}
	if len(e.Evidence) != 3 || !slices.IsSortedFunc(e.Evidence, cmpEvidence) {
		t.Errorf("evidence %+v, want three, sorted", e.Evidence)
	}
	if e.Attrs[kg.AttrModality] != "asserted" {
		t.Errorf("attrs %v: first writer's modality should win", e.Attrs)
	}
	if e.FirstSeen != "2024-06-20" || e.LastSeen != "2024-06-21" {
		t.Errorf("edge seen %s..%s", e.FirstSeen, e.LastSeen)
	}
	for _, ev := range e.Evidence {
		x := fixtureByDoc(ev.DocumentID)
		if got := string([]rune(x.Document.Text)[ev.Start:ev.End]); got != ev.Quote {
			t.Errorf("evidence quote %q != text %q", ev.Quote, got)
		}
	}
}

func testDocumentNode(t *testing.T, s *suite) {
	st := s.seeded(t)
	ns, err := st.Nodes(bg, []string{D1, D3, D4})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{Title1, "Commerce Department bans Kaspersky", Doc4Name}
	for i, n := range ns {
		if n == nil {
			t.Fatalf("DOCUMENT node %d missing", i)
		}
		if n.Kind != kg.KindDocument || n.Name != want[i] {
			t.Errorf("DOCUMENT node %s = %s %q, want %q", n.ID, n.Kind, n.Name, want[i])
		}
	}
	if len([]rune(Doc4Name)) != 80 {
		t.Fatalf("fixture: Doc4Name has %d runes", len([]rune(Doc4Name)))
	}
	if ns[0].FirstSeen != "2024-06-20" || !slices.Equal(ns[0].Documents, []string{D1}) {
		t.Errorf("DOCUMENT node D1 = %+v", ns[0])
	}
}

// cmpEvidence is the order the merge keeps evidence in.
func cmpEvidence(a, b kg.Evidence) int {
	switch {
	case a.DocumentID != b.DocumentID:
		if a.DocumentID < b.DocumentID {
			return -1
		}
		return 1
	case a.Start != b.Start:
		return a.Start - b.Start
	}
	return a.End - b.End
}

func fixtureByDoc(id string) *kg.Extraction {
	for _, x := range Corpus() {
		if x.Document.ID == id {
			return x
		}
	}
	return nil
}

func statsEqual(a, b *kg.Stats) bool {
	return a.Documents == b.Documents && maps.Equal(dropZero(a.NodesByKind), dropZero(b.NodesByKind)) &&
		maps.Equal(dropZeroT(a.EdgesByType), dropZeroT(b.EdgesByType))
}
