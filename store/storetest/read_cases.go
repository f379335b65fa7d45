package storetest

import (
	"context"
	"encoding/json"
	"maps"
	"strings"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

func init() {
	addGroup("Read",
		testCase{"NodesBatched", testNodesBatched},
		testCase{"DocumentsBatched", testDocumentsBatched},
		testCase{"Lookup", testLookup},
		testCase{"FindDocuments", testFindDocuments},
		testCase{"Stats", testStats},
		testCase{"Ping", testPing},
		testCase{"EmptyStore", testEmptyStore},
		testCase{"WholeNodes", testWholeNodes},
		testCase{"Summaries", testSummaries},
	)
	addGroup("Search",
		testCase{"ExactFirst", testSearchExact},
		testCase{"Alias", testSearchAlias},
		testCase{"Typo", testSearchTypo},
		testCase{"PrefixBeforeSubstring", testSearchPrefix},
		testCase{"Kinds", testSearchKinds},
		testCase{"FirstAndEmpty", testSearchFirst},
	)
	addGroup("Lifecycle",
		testCase{"ContextCancelled", testContextCancelled},
		testCase{"ConcurrentIngestAndRead", testConcurrent},
	)
}

func testNodesBatched(t *testing.T, s *suite) {
	st := s.seeded(t)
	ids := []string{Kaspersky, "company:nope", D1, Commerce, Kaspersky, ""}
	ns, err := st.Nodes(bg, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(ns) != len(ids) {
		t.Fatalf("Nodes returned %d results for %d IDs", len(ns), len(ids))
	}
	for i, id := range ids {
		switch {
		case id == "company:nope" || id == "":
			if ns[i] != nil {
				t.Errorf("Nodes[%d] for unknown %q = %+v, want nil", i, id, ns[i])
			}
		case ns[i] == nil || ns[i].ID != id:
			t.Errorf("Nodes[%d] = %+v, want %s", i, ns[i], id)
		}
	}
	if ns[2].Kind != kg.KindDocument {
		t.Errorf("document node kind %s", ns[2].Kind)
	}
	empty, err := st.Nodes(bg, nil)
	if err != nil || len(empty) != 0 {
		t.Errorf("Nodes(nil) = %v, %v", empty, err)
	}
}

func testDocumentsBatched(t *testing.T, s *suite) {
	st := s.seeded(t)
	ds, err := st.Documents(bg, []string{D2, "doc:nope", D1, Kaspersky})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 4 || ds[1] != nil || ds[3] != nil || ds[0] == nil || ds[2] == nil {
		t.Fatalf("Documents = %+v", ds)
	}
	want := Corpus()[1].Document
	got := ds[0]
	if got.ID != D2 || got.Text != Text2 || got.Title != Title2 || got.Source != want.Source ||
		got.PublishedAt != "2024-06-21" || got.Cluster != D2 || !got.IngestedAt.Equal(want.IngestedAt) {
		t.Errorf("D2 = %+v", got)
	}
	if ds[2].Cluster != D1 || ds[2].Text != Text1 {
		t.Errorf("D1 = %+v", ds[2])
	}
	d3, _ := st.Documents(bg, []string{D3})
	if d3[0] == nil || d3[0].Cluster != D1 {
		t.Errorf("D3 cluster: %+v", d3[0])
	}
}

func testLookup(t *testing.T, s *suite) {
	st := s.seeded(t)
	cases := []struct {
		kind  kg.Kind
		alias string
		want  []string
	}{
		{kg.KindAgency, "department of commerce", []string{Commerce}},
		{kg.KindAgency, "U.S. Department of Commerce", []string{Commerce}},
		{kg.KindAgency, "Commerce Department's", []string{Commerce}},
		{kg.KindCompany, "KASPERSKY", []string{Kaspersky}},
		{kg.KindCompany, "Kaspersky Lab", []string{Kaspersky}},
		{kg.KindAgency, "dhs", []string{DHS}},
		{kg.KindAgency, "Kaspersky", nil},
		{kg.KindCompany, "Kasper", nil},
		{"", "Kaspersky", []string{Kaspersky}},
		{kg.KindCompany, "", nil},
	}
	for _, c := range cases {
		got, err := st.Lookup(bg, c.kind, c.alias)
		if err != nil {
			t.Fatalf("Lookup(%s, %q): %v", c.kind, c.alias, err)
		}
		eqIDs(t, "Lookup("+string(c.kind)+", "+c.alias+")", NodeIDs(got), c.want)
	}
	got, _ := st.Lookup(bg, kg.KindCompany, "kaspersky")
	if len(got) == 1 && (got[0].Name != "Kaspersky" || len(got[0].Aliases) != 3) {
		t.Errorf("Lookup returned a partial node: %+v", got[0])
	}
}

func testFindDocuments(t *testing.T, s *suite) {
	st := s.seeded(t)
	cases := []struct {
		name string
		q    kg.DocumentQuery
		want []string
	}{
		{"shared band", kg.DocumentQuery{Bands: []string{"band-b"}}, sorted(D1, D3)},
		{"one band", kg.DocumentQuery{Bands: []string{"band-z", "band-none"}}, []string{D3}},
		{"cluster", kg.DocumentQuery{Cluster: D1}, sorted(D1, D3)},
		{"band or cluster", kg.DocumentQuery{Bands: []string{"band-c"}, Cluster: D1}, sorted(D1, D2, D3)},
		{"no match", kg.DocumentQuery{Bands: []string{"band-none"}}, nil},
		{"empty query", kg.DocumentQuery{}, nil},
		{"limit", kg.DocumentQuery{Bands: []string{"band-a", "band-b", "band-c", "band-d"}, Limit: 2}, sorted(D1, D2, D3, D4)[:2]},
	}
	for _, c := range cases {
		ds, err := st.FindDocuments(bg, c.q)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		ids := make([]string, len(ds))
		for i, d := range ds {
			ids[i] = d.ID
			if d.Cluster == "" || d.PublishedAt == "" {
				t.Errorf("%s: document %s lacks cluster or date", c.name, d.ID)
			}
		}
		eqIDs(t, "FindDocuments "+c.name, ids, c.want)
	}
}

// expectedStats counts the fixtures' distinct nodes and edges.
func expectedStats(xs []*kg.Extraction) *kg.Stats {
	st := &kg.Stats{NodesByKind: map[kg.Kind]int{}, EdgesByType: map[kg.RelType]int{}}
	nodes := map[string]bool{}
	edges := map[string]bool{}
	for _, x := range xs {
		st.Documents++
		if !nodes[x.Document.ID] {
			nodes[x.Document.ID] = true
			st.NodesByKind[kg.KindDocument]++
		}
		for _, n := range x.Nodes {
			if !nodes[n.ID] {
				nodes[n.ID] = true
				st.NodesByKind[n.Kind]++
			}
		}
		for _, e := range x.Edges {
			if !edges[e.ID] {
				edges[e.ID] = true
				st.EdgesByType[e.Type]++
			}
		}
	}
	return st
}

func testStats(t *testing.T, s *suite) {
	st := s.seeded(t)
	got, err := st.Stats(bg)
	if err != nil {
		t.Fatal(err)
	}
	want := expectedStats(Base())
	if got.Documents != 4 || !maps.Equal(dropZero(got.NodesByKind), want.NodesByKind) || !maps.Equal(dropZeroT(got.EdgesByType), want.EdgesByType) {
		t.Errorf("Stats = %+v\nwant %+v", got, want)
	}
	if want.NodesByKind[kg.KindCompany] != 3 || want.EdgesByType[kg.RelIssued] != 2 {
		t.Fatalf("fixture changed: %+v", want)
	}
}

func dropZero(m map[kg.Kind]int) map[kg.Kind]int {
	out := map[kg.Kind]int{}
	for k, v := range m {
		if v != 0 {
			out[k] = v
		}
	}
	return out
}

func dropZeroT(m map[kg.RelType]int) map[kg.RelType]int {
	out := map[kg.RelType]int{}
	for k, v := range m {
		if v != 0 {
			out[k] = v
		}
	}
	return out
}

func testPing(t *testing.T, s *suite) {
	st := s.fresh(t)
	if err := st.Ping(bg); err != nil {
		t.Errorf("Ping on an open store: %v", err)
	}
}

func testEmptyStore(t *testing.T, s *suite) {
	st := s.fresh(t)
	stats, err := st.Stats(bg)
	if err != nil || stats.Documents != 0 {
		t.Errorf("Stats on empty store = %+v, %v", stats, err)
	}
	page, err := st.Entities(bg, kg.EntityFilter{}, kg.Page{First: 5})
	if err != nil || len(page.Nodes) != 0 || page.TotalCount != 0 || page.HasNextPage {
		t.Errorf("Entities on empty store = %+v, %v", page, err)
	}
	hits, err := st.Search(bg, kg.SearchQuery{Text: "Kaspersky"})
	if err != nil || len(hits) != 0 {
		t.Errorf("Search on empty store = %+v, %v", hits, err)
	}
	sg, err := st.Neighborhood(bg, kg.NeighborhoodQuery{ID: Kaspersky, Depth: 2})
	if err != nil || sg != nil {
		t.Errorf("Neighborhood of unknown node = %+v, %v; want nil, nil", sg, err)
	}
}

func testSearchExact(t *testing.T, s *suite) {
	st := s.seeded(t)
	for q, want := range map[string]string{"Kaspersky": Kaspersky, "kaspersky's": Kaspersky, "Moscow": Moscow, "commerce department": Commerce} {
		hits, err := st.Search(bg, kg.SearchQuery{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || hits[0].Node.ID != want {
			t.Errorf("Search(%q) top = %v, want %s", q, hitIDs(hits), want)
			continue
		}
		checkScores(t, q, hits)
		if len(hits) > 1 && hits[1].Score >= hits[0].Score {
			t.Errorf("Search(%q): exact hit does not outscore the rest: %v", q, hits)
		}
	}
}

func testSearchAlias(t *testing.T, s *suite) {
	st := s.seeded(t)
	for q, want := range map[string]string{"DHS": DHS, "Department of Commerce": Commerce, "US Department of Commerce": Commerce, "Kaspersky Labs": Kaspersky} {
		hits, err := st.Search(bg, kg.SearchQuery{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || hits[0].Node.ID != want {
			t.Errorf("Search(%q) = %v, want %s first", q, hitIDs(hits), want)
		}
		checkScores(t, q, hits)
	}
}

func testSearchTypo(t *testing.T, s *suite) {
	st := s.seeded(t)
	for q, want := range map[string]string{"Kaspersy": Kaspersky, "Raimondoo": Raimondo, "Moscw": Moscow} {
		hits, err := st.Search(bg, kg.SearchQuery{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || hits[0].Node.ID != want {
			t.Errorf("Search(%q) = %v, want %s first", q, hitIDs(hits), want)
		}
		checkScores(t, q, hits)
	}
	hits, err := st.Search(bg, kg.SearchQuery{Text: "Zyxwvut"})
	if err != nil || len(hits) != 0 {
		t.Errorf("Search(nonsense) = %v, %v; want nothing", hitIDs(hits), err)
	}
}

func testSearchPrefix(t *testing.T, s *suite) {
	st := s.seeded(t)
	hits, err := st.Search(bg, kg.SearchQuery{Text: "Kasp", First: 50})
	if err != nil {
		t.Fatal(err)
	}
	checkScores(t, "Kasp", hits)
	var got []string
	seenSubstring := false
	for _, h := range hits {
		prefix := false
		for _, k := range append([]string{h.Node.Name}, h.Node.Aliases...) {
			if strings.HasPrefix(kg.AliasKey(k), "kasp") {
				prefix = true
			}
		}
		if prefix && seenSubstring {
			t.Errorf("prefix hit %s ranked after a substring-only hit: %v", h.Node.ID, hitIDs(hits))
		}
		seenSubstring = seenSubstring || !prefix
		got = append(got, h.Node.ID)
	}
	// Prefix: the company, the ban and D2's title; substring only: D1 and D3.
	want := sorted(Kaspersky, Ban, D2, D1, D3)
	if g := sorted(got...); !equalStrings(g, want) {
		t.Errorf("Search(Kasp) = %v, want the set %v", got, want)
	}
}

func testSearchKinds(t *testing.T, s *suite) {
	st := s.seeded(t)
	hits, err := st.Search(bg, kg.SearchQuery{Text: "Kaspersky", Kinds: []kg.Kind{kg.KindOrder, kg.KindDocument}})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		if h.Node.Kind != kg.KindOrder && h.Node.Kind != kg.KindDocument {
			t.Errorf("kind filter let through %s (%s)", h.Node.ID, h.Node.Kind)
		}
	}
	if len(hits) == 0 || hits[0].Node.ID != Ban {
		t.Errorf("Search(Kaspersky, ORDER|DOCUMENT) = %v, want %s first", hitIDs(hits), Ban)
	}
}

func testSearchFirst(t *testing.T, s *suite) {
	st := s.seeded(t)
	hits, err := st.Search(bg, kg.SearchQuery{Text: "Kaspersky", First: 2})
	if err != nil || len(hits) != 2 {
		t.Errorf("Search First=2 gave %d hits, %v", len(hits), err)
	}
	for _, q := range []string{"", "   ", "!!!"} {
		hits, err := st.Search(bg, kg.SearchQuery{Text: q})
		if err != nil || len(hits) != 0 {
			t.Errorf("Search(%q) = %v, %v; want no hits, no error", q, hitIDs(hits), err)
		}
	}
}

func checkScores(t *testing.T, q string, hits []kg.SearchHit) {
	t.Helper()
	for i, h := range hits {
		if h.Score <= 0 || h.Score > 1 {
			t.Errorf("Search(%q): score %v of %s outside (0, 1]", q, h.Score, h.Node.ID)
		}
		if i > 0 && h.Score > hits[i-1].Score {
			t.Errorf("Search(%q): hits not ordered by score: %v", q, hits)
		}
		if h.Node.Name == "" || h.Node.Kind == "" {
			t.Errorf("Search(%q): hit %s lacks name or kind", q, h.Node.ID)
		}
	}
}

func hitIDs(hits []kg.SearchHit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Node.ID
	}
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func testContextCancelled(t *testing.T, s *suite) {
	st := s.seeded(t)
	ctx, cancel := context.WithCancel(bg)
	cancel()
	calls := map[string]func() error{
		"Ingest":        func() error { _, err := st.Ingest(ctx, Corpus()[4]); return err },
		"Nodes":         func() error { _, err := st.Nodes(ctx, []string{Kaspersky}); return err },
		"Documents":     func() error { _, err := st.Documents(ctx, []string{D1}); return err },
		"FindDocuments": func() error { _, err := st.FindDocuments(ctx, kg.DocumentQuery{Cluster: D1}); return err },
		"Lookup":        func() error { _, err := st.Lookup(ctx, kg.KindCompany, "Kaspersky"); return err },
		"Search":        func() error { _, err := st.Search(ctx, kg.SearchQuery{Text: "Kaspersky"}); return err },
		"Entities":      func() error { _, err := st.Entities(ctx, kg.EntityFilter{}, kg.Page{}); return err },
		"EdgesOf":       func() error { _, err := st.EdgesOf(ctx, []string{Kaspersky}, kg.EdgeFilter{}); return err },
		"Edges":         func() error { _, err := st.Edges(ctx, kg.EdgeQuery{}, kg.Page{}); return err },
		"Neighborhood":  func() error { _, err := st.Neighborhood(ctx, kg.NeighborhoodQuery{ID: Kaspersky}); return err },
		"ShortestPath":  func() error { _, err := st.ShortestPath(ctx, Raimondo, Kaspersky, 4); return err },
		"Paths":         func() error { _, err := st.Paths(ctx, kg.PathsQuery{From: Raimondo, To: Kaspersky}); return err },
		"Timeline":      func() error { _, err := st.Timeline(ctx, kg.TimelineQuery{}); return err },
		"Stats":         func() error { _, err := st.Stats(ctx); return err },
		"Ping":          func() error { return st.Ping(ctx) },
	}
	for name, call := range calls {
		if err := call(); err == nil {
			t.Errorf("%s with a cancelled context returned no error", name)
		}
	}
	ds, err := st.Documents(bg, []string{D5})
	if err != nil || ds[0] != nil {
		t.Errorf("Ingest with a cancelled context stored the document: %v %v", ds, err)
	}
}

// testConcurrent ingests every document at once while readers query; the
// final graph must not depend on the interleaving (except which name wins).
// Readers read every field of what they got after the call returns: a
// store may share its values with readers (kg.Subgraph), so it must
// never write one it has handed out, and the race detector checks that.
func testConcurrent(t *testing.T, s *suite) {
	st := s.fresh(t)
	xs := Corpus()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for range 2 {
		for _, x := range Corpus() {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := st.Ingest(bg, x); err != nil {
					errs <- err
				}
			}()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				if _, err := st.Search(bg, kg.SearchQuery{Text: "Kaspersky"}); err != nil {
					errs <- err
				}
				sg, err := st.Neighborhood(bg, kg.NeighborhoodQuery{ID: Kaspersky, Depth: 2})
				if err != nil {
					errs <- err
				}
				readAll(sg)
				if _, err := st.Entities(bg, kg.EntityFilter{Sort: kg.SortByMentions}, kg.Page{First: 3}); err != nil {
					errs <- err
				}
				if _, err := st.Timeline(bg, kg.TimelineQuery{About: Kaspersky}); err != nil {
					errs <- err
				}
				ns, err := st.Nodes(bg, []string{Kaspersky, Commerce})
				if err != nil {
					errs <- err
				}
				readAll(ns)
				p, err := st.ShortestPath(bg, Raimondo, Kaspersky, 4)
				if err != nil {
					errs <- err
				}
				readAll(p)
				pages, err := st.EdgePages(bg, []string{Kaspersky, Commerce}, kg.EdgeFilter{}, kg.EdgeWindow{First: 5})
				if err != nil {
					errs <- err
				}
				readAll(pages)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	got, err := st.Stats(bg)
	if err != nil {
		t.Fatal(err)
	}
	if want := expectedStats(xs); !statsEqual(got, want) {
		t.Errorf("after concurrent ingest Stats = %+v, want %+v", got, want)
	}
	ns, _ := st.Nodes(bg, []string{Kaspersky})
	if ns[0] == nil || len(ns[0].Mentions) != 8 || len(ns[0].Documents) != 3 {
		t.Errorf("Kaspersky after concurrent ingest: %+v", ns[0])
	}
}

// readAll reads every field of v (by encoding it), so that the race
// detector sees a reader of each value a store returned.
func readAll(v any) {
	_, _ = json.Marshal(v)
}
