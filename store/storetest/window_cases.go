package storetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

func init() {
	addGroup("EdgePages",
		testCase{"Windows", testEdgePagesWindows},
		testCase{"Batched", testEdgePagesBatched},
		testCase{"PagingWalk", testEdgePagesWalk},
	)
}

// Hub is the company at the centre of the hub fixture: hubSpokes spokes
// around it, in both directions and of two types, and one self-loop.
var Hub = kg.NodeID(kg.KindCompany, "Hub Holdings")

const hubSpokes = 36

// Spoke is the ID of the i-th spoke of the hub fixture.
func Spoke(i int) string { return kg.NodeID(kg.KindCompany, fmt.Sprintf("Spoke %02d", i)) }

// HubDoc is one document linking Hub to every spoke: spokes with an even
// index are its subsidiaries (edges into Hub), the others its partners
// (LINKED_TO, out of Hub), and Hub is linked to itself. The edge IDs are
// hashes, so the ID order interleaves directions and types.
func HubDoc() *kg.Extraction {
	var text strings.Builder
	text.WriteString("Hub Holdings works with Hub Holdings. ")
	for i := range hubSpokes {
		if i%2 == 0 {
			fmt.Fprintf(&text, "Spoke %02d is owned by Hub Holdings. ", i)
		} else {
			fmt.Fprintf(&text, "Hub Holdings partners with Spoke %02d. ", i)
		}
	}
	b := newDoc(strings.TrimSpace(text.String()), "Hub Holdings and its spokes", "fixture", "2024-07-01", "")
	b.node(Hub, kg.KindCompany, "Hub Holdings", nil, "Hub Holdings")
	b.edge(Hub, kg.RelLinkedTo, Hub, "Hub Holdings works with Hub Holdings")
	for i := range hubSpokes {
		name := fmt.Sprintf("Spoke %02d", i)
		b.node(Spoke(i), kg.KindCompany, name, nil, name)
		if i%2 == 0 {
			b.edge(Spoke(i), kg.RelSubsidiaryOf, Hub, name+" is owned by Hub Holdings")
		} else {
			b.edge(Hub, kg.RelLinkedTo, Spoke(i), "Hub Holdings partners with "+name)
		}
	}
	return b.finish()
}

// windowAt is what EdgePages must answer for one node whose matching
// edge IDs, in order, are ref.
func windowAt(ref []string, w kg.EdgeWindow) (ids []string, hasNext bool) {
	i := 0
	if w.After != "" {
		i, _ = slices.BinarySearch(ref, w.After)
		if i < len(ref) && ref[i] == w.After {
			i++
		}
	}
	rest := ref[i:]
	n := min(max(w.First, 0), len(rest))
	return rest[:n], len(rest) > n
}

// checkWindows asks one batched EdgePages and checks every node's window
// against the reference model.
func checkWindows(t *testing.T, st kg.Store, xs []*kg.Extraction, what string, ids []string, f kg.EdgeFilter, w kg.EdgeWindow) {
	t.Helper()
	m, err := st.EdgePages(bg, ids, f, w)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	for id := range m {
		if !slices.Contains(ids, id) {
			t.Errorf("%s: entry for %s, which was not asked for", what, id)
		}
	}
	for _, id := range ids {
		ref := refEdgesOf(xs, id, f)
		p, ok := m[id]
		if len(ref) == 0 {
			if ok {
				t.Errorf("%s: %s has no matching edge but an entry %+v", what, id, p)
			}
			continue
		}
		wantIDs, wantNext := windowAt(ref, w)
		label := fmt.Sprintf("%s %s first=%d after=%q", what, id, w.First, w.After)
		eqIDs(t, label, EdgeRefIDs(p.Edges), wantIDs)
		if p.TotalCount != len(ref) {
			t.Errorf("%s: totalCount %d, want %d", label, p.TotalCount, len(ref))
		}
		if p.HasNextPage != wantNext {
			t.Errorf("%s: hasNextPage %v, want %v", label, p.HasNextPage, wantNext)
		}
		for _, e := range p.Edges {
			if e.Source != id && e.Target != id || e.Type == "" || len(e.Evidence) == 0 {
				t.Errorf("%s: edge %s incomplete or not around the node: %+v", label, e.ID, e)
			}
		}
	}
}

// cursorsOf are the interesting After values for a node whose matching
// edge IDs are ref: none, before every edge, each edge, an ID between two
// edges (it shares the 16-byte prefix of the one it follows), and one
// after every edge.
func cursorsOf(ref []string) []string {
	out := []string{"", "rel:"}
	for i, id := range ref {
		if i == 0 || i == len(ref)/2 || i >= len(ref)-2 {
			out = append(out, id, id+"0")
		}
	}
	return append(out, "rel:~")
}

func testEdgePagesWindows(t *testing.T, s *suite) {
	st := s.seeded(t)
	Seed(t, st, HubDoc())
	xs := append(Base(), HubDoc())
	filters := []struct {
		name string
		f    kg.EdgeFilter
	}{
		{"both", kg.EdgeFilter{}},
		{"out", kg.EdgeFilter{Direction: kg.DirectionOut}},
		{"in", kg.EdgeFilter{Direction: kg.DirectionIn}},
		{"types", kg.EdgeFilter{Types: []kg.RelType{kg.RelSubsidiaryOf, kg.RelTargets}}},
		{"linked out", kg.EdgeFilter{Direction: kg.DirectionOut, Types: []kg.RelType{kg.RelLinkedTo}}},
		{"mentions", kg.EdgeFilter{Direction: kg.DirectionIn, Types: []kg.RelType{kg.RelMentions}}},
		{"min sources", kg.EdgeFilter{MinSources: 2}},
		{"seen to", kg.EdgeFilter{SeenTo: "2024-06-20"}},
	}
	if n := len(refEdgesOf(xs, Hub, kg.EdgeFilter{})); n != hubSpokes+1 {
		t.Fatalf("reference: Hub has %d edges, want %d", n, hubSpokes+1)
	}
	for _, fc := range filters {
		for _, id := range []string{Hub, Kaspersky, Spoke(3)} {
			ref := refEdgesOf(xs, id, fc.f)
			for _, after := range cursorsOf(ref) {
				for _, first := range []int{0, 1, 3, 10, 100, -1} {
					checkWindows(t, st, xs, fc.name, []string{id}, fc.f, kg.EdgeWindow{First: first, After: after})
				}
			}
		}
	}
	// The self-loop is one edge, counted and shown once in every direction.
	loop := fixtureEdge(xs, Hub, kg.RelLinkedTo, Hub)
	for _, dir := range []kg.Direction{kg.DirectionBoth, kg.DirectionOut, kg.DirectionIn} {
		f := kg.EdgeFilter{Direction: dir, Types: []kg.RelType{kg.RelLinkedTo}}
		ref := refEdgesOf(xs, Hub, f)
		if !slices.Contains(ref, loop) {
			t.Fatalf("reference: the self-loop is not among Hub's %s edges", dir)
		}
		checkWindows(t, st, xs, "self-loop "+string(dir), []string{Hub}, f, kg.EdgeWindow{First: len(ref) + 5})
	}
}

func testEdgePagesBatched(t *testing.T, s *suite) {
	st := s.seeded(t)
	Seed(t, st, HubDoc())
	xs := append(Base(), HubDoc())
	ids := []string{Hub, Kaspersky, "company:nope", Spoke(0), Commerce, Hub, Spoke(35)}
	for _, w := range []kg.EdgeWindow{{First: 2}, {First: 5, After: "rel:8"}, {First: 0}, {First: 50}} {
		checkWindows(t, st, xs, "batched", ids, kg.EdgeFilter{}, w)
	}
	m, err := st.EdgePages(bg, nil, kg.EdgeFilter{}, kg.EdgeWindow{First: 3})
	if err != nil || len(m) != 0 {
		t.Errorf("EdgePages of no IDs: %v, %v", m, err)
	}
}

// testEdgePagesWalk pages through the hub's edges with the last ID of each
// window as the next cursor, as a client following endCursor does, and
// must meet every edge EdgesOf returns, once and in order.
func testEdgePagesWalk(t *testing.T, s *suite) {
	st := s.fresh(t)
	Seed(t, st, HubDoc())
	all, err := st.EdgesOf(bg, []string{Hub}, kg.EdgeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var walked []string
	after := ""
	for pages := 0; ; pages++ {
		if pages > len(all[Hub]) {
			t.Fatalf("paging does not end: %d pages", pages)
		}
		m, err := st.EdgePages(bg, []string{Hub}, kg.EdgeFilter{}, kg.EdgeWindow{First: 7, After: after})
		if err != nil {
			t.Fatal(err)
		}
		p := m[Hub]
		if p.TotalCount != len(all[Hub]) {
			t.Fatalf("totalCount %d on page %d, want %d", p.TotalCount, pages, len(all[Hub]))
		}
		walked = append(walked, EdgeRefIDs(p.Edges)...)
		if !p.HasNextPage {
			break
		}
		after = p.Edges[len(p.Edges)-1].ID
	}
	eqIDs(t, "paged walk of Hub", walked, EdgeIDs(all[Hub]))
}
