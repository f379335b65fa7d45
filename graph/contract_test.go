package graph_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/newsgraph/newsgraph/kg"
	"github.com/newsgraph/newsgraph/store/storetest"
)

// The issue 2 contract: every root field with its original arguments.

func TestNode(t *testing.T) {
	e := newEnv(t)
	var resp struct {
		Node struct {
			ID, Name, Kind, Label string
			Weight                int
		}
		Missing *struct{ ID string }
	}
	e.query(t, `query($id: ID!) { node(id: $id) { id name kind label weight } missing: node(id: "company:nope") { id } }`,
		&resp, client.Var("id", storetest.Kaspersky))
	if resp.Node.ID != storetest.Kaspersky || resp.Node.Kind != "COMPANY" || resp.Node.Name != "Kaspersky" || resp.Node.Label != "Kaspersky" {
		t.Fatalf("node = %+v", resp.Node)
	}
	if resp.Node.Weight != 4 { // D1, D2, D3, D6
		t.Fatalf("weight = %d, want 4", resp.Node.Weight)
	}
	if resp.Missing != nil {
		t.Fatalf("unknown id should give null, got %+v", resp.Missing)
	}
}

func TestSearch(t *testing.T) {
	e := newEnv(t)
	var resp struct {
		Search []struct {
			Node  struct{ ID, Kind string }
			Score float64
		}
		Typo []struct{ Node struct{ ID string } }
	}
	e.query(t, `{ search(query: "Kaspersky") { node { id kind } score } typo: search(query: "Kaspersy", kinds: [COMPANY], first: 1) { node { id } } }`, &resp)
	if len(resp.Search) == 0 || resp.Search[0].Node.Kind != "COMPANY" || resp.Search[0].Node.ID != storetest.Kaspersky {
		t.Fatalf("search = %+v", resp.Search)
	}
	for i, h := range resp.Search {
		if h.Score <= 0 || h.Score > 1 || (i > 0 && h.Score > resp.Search[i-1].Score) {
			t.Fatalf("scores not in (0,1] descending: %+v", resp.Search)
		}
	}
	if len(resp.Typo) != 1 || resp.Typo[0].Node.ID != storetest.Kaspersky {
		t.Fatalf("typo search = %+v", resp.Typo)
	}
}

func TestEntitiesPaginates(t *testing.T) {
	e := newEnv(t)
	type page struct {
		Entities struct {
			TotalCount int
			Edges      []struct {
				Cursor string
				Node   struct{ ID, Kind string }
			}
			Nodes    []struct{ ID string }
			PageInfo struct {
				HasNextPage bool
				EndCursor   *string
			}
		}
	}
	var seen []string
	after := ""
	total := -1
	for i := 0; i < 10; i++ {
		var p page
		e.query(t, `query($after: String) { entities(kind: COMPANY, first: 2, after: $after) { totalCount edges { cursor node { id kind } } nodes { id } pageInfo { hasNextPage endCursor } } }`,
			&p, client.Var("after", nilIfEmpty(after)))
		if total >= 0 && p.Entities.TotalCount != total {
			t.Fatalf("totalCount changed between pages: %d then %d", total, p.Entities.TotalCount)
		}
		total = p.Entities.TotalCount
		for j, ed := range p.Entities.Edges {
			if ed.Node.Kind != "COMPANY" || p.Entities.Nodes[j].ID != ed.Node.ID {
				t.Fatalf("bad edge %+v", ed)
			}
			seen = append(seen, ed.Node.ID)
		}
		if !p.Entities.PageInfo.HasNextPage {
			break
		}
		after = *p.Entities.PageInfo.EndCursor
	}
	want := []string{storetest.Acme, storetest.Bravo, storetest.Kaspersky} // by name
	if !slices.Equal(seen, want) || total != 3 {
		t.Fatalf("pages = %v (total %d), want %v", seen, total, want)
	}
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func TestNeighborhood(t *testing.T) {
	e := newEnv(t)
	var resp struct {
		Neighborhood struct {
			Nodes []struct{ ID, Kind, Label string }
			Edges []struct {
				ID, Type, Source, Target, Label string
				Weight, SourceCount             int
				Evidence                        []struct {
					Quote      string
					Start, End int
					Document   struct{ ID, Text string }
				}
			}
		}
	}
	e.query(t, `query($id: ID!) { neighborhood(id: $id, depth: 1) { nodes { id kind label } edges { id type source target label weight sourceCount evidence { quote start end document { id text } } } } }`,
		&resp, client.Var("id", storetest.Kaspersky))
	sg := resp.Neighborhood
	if len(sg.Nodes) == 0 || sg.Nodes[0].ID != storetest.Kaspersky {
		t.Fatalf("centre first: %+v", sg.Nodes)
	}
	ids := map[string]bool{}
	for _, n := range sg.Nodes {
		ids[n.ID] = true
	}
	if !ids[storetest.Ban] || !ids[storetest.Moscow] {
		t.Fatalf("missing neighbours: %v", ids)
	}
	types := map[string]bool{}
	for _, ed := range sg.Edges {
		types[ed.Type] = true
		if ed.Type == "MENTIONS" || ed.Type == "PUBLISHED_ON" {
			t.Fatalf("default neighborhood follows %s", ed.Type)
		}
		if ed.Weight != ed.SourceCount || ed.Weight < 1 || ed.Label == "" {
			t.Fatalf("edge %+v", ed)
		}
		for _, ev := range ed.Evidence {
			if got := string([]rune(ev.Document.Text)[ev.Start:ev.End]); got != ev.Quote {
				t.Fatalf("evidence %q does not match text %q", ev.Quote, got)
			}
		}
	}
	if !types["TARGETS"] || !types["LOCATED_IN"] {
		t.Fatalf("types = %v", types)
	}

	var only struct {
		Neighborhood struct{ Nodes []struct{ ID, Kind string } }
	}
	e.query(t, `query($id: ID!) { neighborhood(id: $id, depth: 2, types: [TARGETS, ISSUED], kinds: [AGENCY, ORDER], limit: 10) { nodes { id kind } } }`,
		&only, client.Var("id", storetest.Kaspersky))
	for i, n := range only.Neighborhood.Nodes {
		if i > 0 && n.Kind != "AGENCY" && n.Kind != "ORDER" {
			t.Fatalf("kinds filter let %+v in", n)
		}
	}
	got := map[string]bool{}
	for _, n := range only.Neighborhood.Nodes {
		got[n.ID] = true
	}
	if !got[storetest.Commerce] || !got[storetest.Ban] {
		t.Fatalf("depth 2 over TARGETS/ISSUED should reach the issuer: %v", got)
	}
}

func TestPath(t *testing.T) {
	e := newEnv(t)
	var resp struct {
		Path *struct {
			Nodes []struct{ ID string }
			Edges []struct{ Source, Target string }
		}
		None *struct{ Nodes []struct{ ID string } }
	}
	e.query(t, `query($a: ID!, $b: ID!, $c: ID!) {
		path(from: $a, to: $b) { nodes { id } edges { source target } }
		none: path(from: $a, to: $c, maxLength: 2) { nodes { id } } }`,
		&resp, client.Var("a", storetest.Raimondo), client.Var("b", storetest.Kaspersky), client.Var("c", storetest.Paris))
	p := resp.Path
	if p == nil || p.Nodes[0].ID != storetest.Raimondo || p.Nodes[len(p.Nodes)-1].ID != storetest.Kaspersky || len(p.Edges) != len(p.Nodes)-1 {
		t.Fatalf("path = %+v", p)
	}
	for i, ed := range p.Edges {
		a, b := p.Nodes[i].ID, p.Nodes[i+1].ID
		if !(ed.Source == a && ed.Target == b) && !(ed.Source == b && ed.Target == a) {
			t.Fatalf("edge %d %+v does not join %s and %s", i, ed, a, b)
		}
	}
	if resp.None != nil {
		t.Fatalf("Paris is not connected to Raimondo: %+v", resp.None)
	}
}

func TestTimeline(t *testing.T) {
	e := newEnv(t)
	type entry struct {
		Date, Precision, Description, ID, Type string
		Role                                   *string
		Nodes                                  []struct{ ID string }
		Subject                                struct{ ID string }
		DateNode                               struct{ ID, Date string }
		Evidence                               []struct{ Quote string }
		SourceCount                            int
	}
	var resp struct {
		All   []entry
		Range []entry
		About []entry
		Typed []entry
	}
	e.query(t, `fragment F on TimelineEntry { date precision description id type role nodes { id } subject { id } dateNode { id date } evidence { quote } sourceCount }
	query($ban: ID!) {
		all: timeline { ...F }
		range: timeline(from: "2017", to: "2019") { ...F }
		about: timeline(about: $ban) { ...F }
		typed: timeline(types: [OCCURRED_ON], first: 1) { ...F }
	}`, &resp, client.Var("ban", storetest.Ban))
	if len(resp.All) < 6 {
		t.Fatalf("timeline too short: %+v", resp.All)
	}
	for i, en := range resp.All {
		if i > 0 && kg.RangeStart(en.Date) < kg.RangeStart(resp.All[i-1].Date) {
			t.Fatalf("not ordered by date at %d: %s after %s", i, en.Date, resp.All[i-1].Date)
		}
		if len(en.Evidence) == 0 || en.Description == "" || len(en.Nodes) != 2 || en.Nodes[0].ID != en.Subject.ID || en.DateNode.Date != en.Date {
			t.Fatalf("entry %+v", en)
		}
	}
	if len(resp.Range) != 2 || resp.Range[0].Date != "2017" || resp.Range[0].Precision != "YEAR" || resp.Range[1].Date != "2019-05" {
		t.Fatalf("2017..2019 = %+v", resp.Range)
	}
	var roles []string
	for _, en := range resp.About {
		if en.Role != nil {
			roles = append(roles, en.Date+" "+*en.Role)
		}
	}
	if !slices.Contains(roles, "2024-09-29 updates end") || !slices.Contains(roles, "2024-07-20 new sales banned") {
		t.Fatalf("ban timeline roles = %v", roles)
	}
	if len(resp.Typed) != 1 || resp.Typed[0].Type != "OCCURRED_ON" {
		t.Fatalf("typed = %+v", resp.Typed)
	}
	if !strings.Contains(resp.Range[0].Description, "Binding Operational Directive") {
		t.Fatalf("description %q should name the subject", resp.Range[0].Description)
	}
}

func TestEntitiesFilterAndSort(t *testing.T) {
	e := newEnv(t)
	type conn struct {
		TotalCount int
		Nodes      []struct {
			ID           string
			Kind         string
			MentionCount int
			FirstSeen    *string
		}
	}
	var resp struct {
		Name, InDoc, Seen, Busy, ByMentions, ByFirstSeen conn
	}
	e.query(t, `fragment C on NodeConnection { totalCount nodes { id kind mentionCount firstSeen } }
	query($d4: ID!) {
		name: entities(where: { nameContains: "KASPERSKY LAB" }) { ...C }
		inDoc: entities(where: { mentionedIn: $d4, kinds: [COMPANY, LOCATION] }) { ...C }
		seen: entities(kind: COMPANY, where: { seenFrom: "2024-06-25", seenTo: "2024" }) { ...C }
		busy: entities(where: { minMentions: 4 }) { ...C }
		byMentions: entities(kind: COMPANY, sort: MENTIONS) { ...C }
		byFirstSeen: entities(kind: COMPANY, sort: FIRST_SEEN) { ...C }
	}`, &resp, client.Var("d4", storetest.D4))
	if resp.Name.TotalCount != 1 || resp.Name.Nodes[0].ID != storetest.Kaspersky {
		t.Fatalf("alias contains: %+v", resp.Name)
	}
	got := map[string]bool{}
	for _, n := range resp.InDoc.Nodes {
		got[n.ID] = true
	}
	if resp.InDoc.TotalCount != 3 || !got[storetest.Acme] || !got[storetest.Bravo] || !got[storetest.Paris] {
		t.Fatalf("mentioned in D4: %+v", resp.InDoc)
	}
	if resp.Seen.TotalCount != 1 || resp.Seen.Nodes[0].ID != storetest.Kaspersky {
		t.Fatalf("seen in range: %+v", resp.Seen)
	}
	for _, n := range resp.Busy.Nodes {
		if n.MentionCount < 4 {
			t.Fatalf("minMentions let %+v in", n)
		}
	}
	if resp.Busy.TotalCount == 0 {
		t.Fatal("some nodes have 4 mentions")
	}
	m := resp.ByMentions.Nodes
	if m[0].ID != storetest.Kaspersky || m[0].MentionCount < m[1].MentionCount {
		t.Fatalf("by mentions: %+v", m)
	}
	f := resp.ByFirstSeen.Nodes
	if *f[0].FirstSeen != "2023-01-05" || *f[len(f)-1].FirstSeen != "2024-06-20" {
		t.Fatalf("by first seen: %+v", f)
	}
}
