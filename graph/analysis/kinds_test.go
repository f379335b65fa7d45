package analysis

import (
	"reflect"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

// said builds a one-document edge quoting sentence si of doc.
func said(src string, t kg.RelType, dst, doc string, si int, quote string, attrs ...string) kg.Edge {
	a := map[string]string{}
	for i := 0; i+1 < len(attrs); i += 2 {
		a[attrs[i]] = attrs[i+1]
	}
	return kg.Edge{
		ID: kg.EdgeID(src, t, dst, a[kg.AttrRole]), Type: t, Source: src, Target: dst, Attrs: a,
		Evidence:  []kg.Evidence{{DocumentID: doc, Sentence: si, Quote: quote}},
		Documents: []string{doc}, Clusters: []string{doc},
	}
}

func fact(name, value, text, qualifier, doc string) kg.Fact {
	return kg.Fact{Name: name, Value: value, Text: text, Qualifier: qualifier, Evidence: kg.Evidence{DocumentID: doc, Quote: text}}
}

type want struct{ kind, topic string }

func TestDetectKinds(t *testing.T) {
	const (
		commerce = "agency:commerce"
		wh       = "agency:white-house"
		ban      = "order:ban"
		d0720    = "date:2024-07-20"
		d0929    = "date:2024-09-29"
	)
	forms := map[string][]string{
		d0720: {"2024-07-20", "within 30 days of the announcement", "July 20"},
		d0929: {"2024-09-29", "September 29"},
	}
	cases := []struct {
		name  string
		in    Input
		wants []want
	}{
		{"a report that leads with another issuer disagrees even if it names the first later", Input{Edges: []kg.Edge{
			said(commerce, kg.RelIssued, ban, "d1", 0, "Commerce banned it"),
			said(wh, kg.RelIssued, ban, "d3", 1, "The White House said it will ban it", kg.AttrModality, "planned"),
			said(commerce, kg.RelIssued, ban, "d3", 5, "the Commerce Department said"),
		}}, []want{{KindIssuer, "issuer"}}},
		{"naming both in one sentence is no disagreement", Input{Edges: []kg.Edge{
			said(commerce, kg.RelIssued, ban, "d1", 0, "Commerce banned it"),
			said(wh, kg.RelIssued, ban, "d3", 2, "The White House and Commerce banned it"),
			said(commerce, kg.RelIssued, ban, "d3", 2, "The White House and Commerce banned it"),
		}}, nil},
		{"leading in one copy and trailing in another of one story is one story", Input{
			ClusterOf: map[string]string{"d3": "c3", "d3b": "c3"},
			Edges: []kg.Edge{
				said(wh, kg.RelIssued, ban, "d3", 1, "White House"),
				said(commerce, kg.RelIssued, ban, "d3", 4, "Commerce"),
				said(commerce, kg.RelIssued, ban, "d3b", 0, "Commerce"),
				said(wh, kg.RelIssued, ban, "d3b", 2, "White House"),
			}}, nil},
		{"an attempt names no issuer", Input{Edges: []kg.Edge{
			said(commerce, kg.RelIssued, ban, "d1", 0, "Commerce banned it"),
			said(wh, kg.RelIssued, ban, "d3", 0, "The White House tried to ban it", kg.AttrModality, "attempted"),
		}}, nil},
		{"an agency announcing is an issuer, a person announcing is not", Input{Edges: []kg.Edge{
			said(commerce, kg.RelIssued, ban, "d1", 0, "Commerce banned it"),
			said("person:raimondo", kg.RelAnnounced, ban, "d2", 0, "Raimondo announced the ban"),
			said(wh, kg.RelAnnounced, ban, "d3", 0, "The White House announced the ban"),
		}}, []want{{KindIssuer, "issuer"}}},
		{"an offset and a calendar date of the same day are two wordings", Input{Forms: forms,
			Edges: []kg.Edge{said(ban, kg.RelEffectiveOn, d0720, "d2", 7, "new business will be restricted within 30 days of the announcement",
				kg.AttrRole, "new sales banned", kg.AttrDerivation, "within 30 days of the announcement (2024-06-20)")},
			Nodes: []kg.Node{{ID: ban, Facts: []kg.Fact{fact(unresolvedFact, "July 20", "July 20", "new sales banned", "d4")}}},
		}, []want{{KindDate, "new sales banned (wording)"}}},
		{"two dated reports wording one day differently", Input{Forms: forms, Edges: []kg.Edge{
			said(ban, kg.RelEffectiveOn, d0720, "d1", 3, "sales end on July 20", kg.AttrRole, "new sales banned"),
			said(ban, kg.RelEffectiveOn, d0720, "d2", 7, "within 30 days of the announcement", kg.AttrRole, "new sales banned"),
		}}, []want{{KindDate, "new sales banned (wording)"}}},
		{"the same calendar wording agrees, with or without a year", Input{Forms: forms,
			Edges: []kg.Edge{said(ban, kg.RelEffectiveOn, d0929, "d1", 9, "until September 29 this year", kg.AttrRole, "updates end")},
			Nodes: []kg.Node{{ID: ban, Facts: []kg.Fact{fact(unresolvedFact, "September 29", "September 29", "updates end", "d4")}}},
		}, nil},
		{"a month and day without a year can still disagree", Input{Forms: forms,
			Edges: []kg.Edge{said(ban, kg.RelEffectiveOn, d0720, "d1", 3, "sales end on July 20", kg.AttrRole, "new sales banned")},
			Nodes: []kg.Node{{ID: ban, Facts: []kg.Fact{fact(unresolvedFact, "21 July", "21 July", "new sales banned", "d4")}}},
		}, []want{{KindDate, "new sales banned"}}},
		{"words that name no day are compared with nothing", Input{Forms: forms,
			Edges: []kg.Edge{said(ban, kg.RelOccurredOn, "date:2024-06-20", "d1", 0, "on Thursday")},
			Nodes: []kg.Node{{ID: ban, Facts: []kg.Fact{fact(unresolvedFact, "today", "today", "occurred", "d4")}}},
		}, nil},
		{"unresolved dates of different roles are different facts", Input{Nodes: []kg.Node{{ID: ban, Facts: []kg.Fact{
			fact(unresolvedFact, "July 20", "July 20", "new sales banned", "d4"),
			fact(unresolvedFact, "September 29", "September 29", "updates end", "d5"),
		}}}}, nil},
		{"a total and a breakdown of the same count", Input{Nodes: []kg.Node{{ID: "entity:e", Facts: []kg.Fact{
			fact("count", "3", "three entities", "", "d1"),
			fact("count", "3", "three linked entities", "", "d4"),
			fact("count", "3", "two Russian units and one unit based in the UK", "", "d2"),
		}}}}, []want{{KindFigure, "count (breakdown)"}}},
		{"a breakdown that adds up differently is a figure disagreement only", Input{Nodes: []kg.Node{{ID: "entity:e", Facts: []kg.Fact{
			fact("count", "3", "three entities", "", "d1"),
			fact("count", "4", "two Russian units and two UK units", "", "d2"),
		}}}}, []want{{KindFigure, "count"}}},
		{"one story telling both a total and its parts contradicts nothing", Input{Nodes: []kg.Node{{ID: "entity:e", Facts: []kg.Fact{
			fact("count", "3", "three entities", "", "d1"),
			fact("count", "3", "two Russian units and one UK unit", "", "d1"),
			fact("count", "3", "three entities", "", "d2"),
		}}}}, nil},
		{"two currencies of one amount are not parts", Input{Nodes: []kg.Node{{ID: "company:k", Facts: []kg.Fact{
			fact("revenue", "752000000", "$752 million (€703 million) in 2022", "2022", "d1"),
			fact("revenue", "752000000", "$752 million in 2022", "2022", "d2"),
		}}}}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Detect(c.in)
			var kinds []want
			for _, g := range got {
				kinds = append(kinds, want{g.Kind, g.Topic})
				if len(g.Sides) < 2 || g.Description == "" {
					t.Errorf("conflict %+v lacks sides or a description", g)
				}
			}
			if !reflect.DeepEqual(kinds, c.wants) {
				t.Fatalf("got %v, want %v\n%+v", kinds, c.wants, got)
			}
		})
	}
}

// seedLike reproduces, in hand-built records, what the loader reads in
// the five seed reports (two of them copies of one wire story).
func seedLike() Input {
	const ban, ents = "order:ban-kaspersky", "entity:entities-linked-to-kaspersky"
	cl := map[string]string{"afp": "afp", "afp2": "afp", "bbc": "bbc", "dw": "dw", "ns": "ns"}
	copyOf := said("agency:department-of-commerce", kg.RelIssued, ban, "afp2", 1, "the US Commerce Department announced.")
	copyOf.Clusters = []string{"afp"}
	return Input{
		ClusterOf: cl,
		Label: map[string]string{
			"agency:department-of-commerce": "Department of Commerce", "agency:white-house": "White House",
			ban: "Ban on Kaspersky", ents: "Entities linked to Kaspersky", "date:2024-07-20": "2024-07-20",
		},
		Forms: map[string][]string{"date:2024-07-20": {"2024-07-20", "within 30 days of the announcement"}},
		Edges: []kg.Edge{
			said("agency:department-of-commerce", kg.RelIssued, ban, "afp", 1, "the US Commerce Department announced."),
			copyOf,
			said("agency:white-house", kg.RelIssued, ban, "dw", 1, "The White House said that it will ban the sale", kg.AttrModality, "planned"),
			said("agency:white-house", kg.RelAnnounced, ban, "dw", 1, "The White House said that it will ban the sale"),
			said("agency:department-of-commerce", kg.RelAnnounced, ban, "dw", 5, "the Commerce Department said in a statement."),
			said(ban, kg.RelEffectiveOn, "date:2024-07-20", "bbc", 7, "new business will be restricted within 30 days of the announcement.",
				kg.AttrRole, "new sales banned", kg.AttrDerivation, "within 30 days of the announcement (2024-06-20)"),
		},
		Nodes: []kg.Node{
			{ID: ban, Facts: []kg.Fact{
				fact(unresolvedFact, "July 20", "July 20", "new sales banned", "ns"),
			}},
			{ID: ents, Facts: []kg.Fact{
				fact("count", "3", "three entities", "", "afp"),
				fact("count", "3", "three entities", "", "afp2"),
				fact("count", "3", "two Russian units and one Kaspersky unit", "", "bbc"),
				fact("count", "3", "three entities", "", "ns"),
			}},
		},
	}
}

func TestDetectTheDisagreementsAnAnalystSeesInTheSeeds(t *testing.T) {
	got := Detect(seedLike())
	type row struct{ kind, subject, topic, sides string }
	var rows []row
	for _, c := range got {
		var vs []string
		for _, s := range c.Sides {
			vs = append(vs, s.Value)
		}
		rows = append(rows, row{c.Kind, c.SubjectID, c.Topic, strings.Join(vs, " | ")})
	}
	wantRows := []row{
		{KindDate, "order:ban-kaspersky", "new sales banned (wording)", "2024-07-20 | July 20"},
		{KindFigure, "entity:entities-linked-to-kaspersky", "count (breakdown)", "three entities | two Russian units and one Kaspersky unit"},
		{KindIssuer, "order:ban-kaspersky", "issuer", "Department of Commerce | White House"},
	}
	if !reflect.DeepEqual(rows, wantRows) {
		t.Fatalf("got\n%v\nwant\n%v", rows, wantRows)
	}
	for _, c := range got {
		for _, s := range c.Sides {
			if len(s.Evidence) == 0 || len(s.Clusters) == 0 || len(s.Documents) < len(s.Clusters) {
				t.Fatalf("side %+v of %s lacks evidence or sources", s, c.Topic)
			}
		}
	}
	if c := got[0]; !strings.Contains(c.Description, `"July 20" (year not stated`) || !strings.Contains(c.Description, "within 30 days of the announcement (2024-06-20)") {
		t.Errorf("date wording description = %q", c.Description)
	}
	if c := got[1]; c.Sides[0].Value != "three entities" || len(c.Sides[0].Clusters) != 2 || len(c.Sides[0].Documents) != 3 {
		t.Errorf("breakdown sides = %+v", c.Sides)
	}
	if c := got[2]; len(c.Sides[0].Clusters) != 2 || len(c.Sides[1].Clusters) != 1 {
		t.Errorf("issuer sides = %+v", c.Sides)
	}
}

func TestDetectIgnoresInputOrder(t *testing.T) {
	build := func() Input {
		in := seedLike()
		// one day in two wordings: two sides with the same value
		in.Forms["date:2024-08-01"] = []string{"2024-08-01", "August 1", "within 40 days"}
		in.Edges = append(in.Edges,
			said("order:other", kg.RelEffectiveOn, "date:2024-08-01", "afp", 4, "from August 1", kg.AttrRole, "starts"),
			said("order:other", kg.RelEffectiveOn, "date:2024-08-01", "bbc", 4, "within 40 days", kg.AttrRole, "starts"))
		return in
	}
	in := build()
	first := Detect(build())
	if len(first) != 4 {
		t.Fatalf("want the seed conflicts and one wording conflict, got %+v", first)
	}
	for i := 0; i < 5; i++ {
		// reverse edges, nodes and facts: nothing may depend on the order read
		for l, r := 0, len(in.Edges)-1; l < r; l, r = l+1, r-1 {
			in.Edges[l], in.Edges[r] = in.Edges[r], in.Edges[l]
		}
		for l, r := 0, len(in.Nodes)-1; l < r; l, r = l+1, r-1 {
			in.Nodes[l], in.Nodes[r] = in.Nodes[r], in.Nodes[l]
		}
		for _, n := range in.Nodes {
			for l, r := 0, len(n.Facts)-1; l < r; l, r = l+1, r-1 {
				n.Facts[l], n.Facts[r] = n.Facts[r], n.Facts[l]
			}
		}
		got := Detect(in)
		if len(got) != len(first) {
			t.Fatalf("round %d: %d conflicts, want %d", i, len(got), len(first))
		}
		for k := range got {
			a, b := got[k], first[k]
			if a.ID != b.ID || a.Description != b.Description || !reflect.DeepEqual(sideValues(a), sideValues(b)) ||
				!reflect.DeepEqual(a.Sides[0].Evidence, b.Sides[0].Evidence) {
				t.Fatalf("round %d: conflict %d differs:\n%+v\n%+v", i, k, a, b)
			}
		}
	}
}

func sideValues(c Conflict) []string {
	var out []string
	for _, s := range c.Sides {
		out = append(out, s.Value+"/"+strings.Join(s.Documents, ",")+"/"+strings.Join(s.Clusters, ","))
	}
	return out
}
