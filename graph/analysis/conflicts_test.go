package analysis

import (
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

func edge(src string, t kg.RelType, dst, role string, docs, clusters []string, attrs ...string) kg.Edge {
	a := map[string]string{}
	if role != "" {
		a[kg.AttrRole] = role
	}
	for i := 0; i+1 < len(attrs); i += 2 {
		a[attrs[i]] = attrs[i+1]
	}
	var ev []kg.Evidence
	for _, d := range docs {
		ev = append(ev, kg.Evidence{DocumentID: d, Quote: src + " " + dst})
	}
	return kg.Edge{ID: kg.EdgeID(src, t, dst, role), Type: t, Source: src, Target: dst, Attrs: a, Evidence: ev, Documents: docs, Clusters: clusters}
}

func TestDetect(t *testing.T) {
	label := map[string]string{"agency:a": "Agency A", "agency:b": "Agency B", "order:o": "Order O"}
	cases := []struct {
		name  string
		in    Input
		kinds []string
	}{
		{"independent issuers disagree", Input{Edges: []kg.Edge{
			edge("agency:a", kg.RelIssued, "order:o", "", []string{"d1", "d2"}, []string{"c1", "c2"}),
			edge("agency:b", kg.RelIssued, "order:o", "", []string{"d3"}, []string{"c3"}),
		}}, []string{KindIssuer}},
		{"one story naming both is no disagreement", Input{Edges: []kg.Edge{
			edge("agency:a", kg.RelIssued, "order:o", "", []string{"d1", "d2"}, []string{"c1", "c2"}),
			edge("agency:b", kg.RelIssued, "order:o", "", []string{"d1"}, []string{"c1"}),
		}}, nil},
		{"copies of one story count once", Input{Edges: []kg.Edge{
			edge("agency:a", kg.RelIssued, "order:o", "", []string{"d1"}, []string{"c1"}),
			edge("agency:b", kg.RelIssued, "order:o", "", []string{"d1b"}, []string{"c1"}),
		}}, nil},
		{"dates of one role disagree", Input{Edges: []kg.Edge{
			edge("order:o", kg.RelEffectiveOn, "date:2024-09-29", "updates end", []string{"d1"}, []string{"c1"}),
			edge("order:o", kg.RelEffectiveOn, "date:2024-09-30", "updates end", []string{"d2"}, []string{"c2"}),
		}}, []string{KindDate}},
		{"overlapping precisions agree", Input{Edges: []kg.Edge{
			edge("order:o", kg.RelEffectiveOn, "date:2024-09", "updates end", []string{"d1"}, []string{"c1"}),
			edge("order:o", kg.RelEffectiveOn, "date:2024-09-29", "updates end", []string{"d2"}, []string{"c2"}),
		}}, nil},
		{"different roles are different facts", Input{Edges: []kg.Edge{
			edge("order:o", kg.RelEffectiveOn, "date:2024-07-20", "new sales banned", []string{"d1"}, []string{"c1"}),
			edge("order:o", kg.RelEffectiveOn, "date:2024-09-29", "updates end", []string{"d2"}, []string{"c2"}),
		}}, nil},
		{"a negated claim asserts nothing", Input{Edges: []kg.Edge{
			edge("agency:a", kg.RelIssued, "order:o", "", []string{"d1"}, []string{"c1"}),
			edge("agency:b", kg.RelIssued, "order:o", "", []string{"d2"}, []string{"c2"}, kg.AttrModality, "negated"),
		}}, nil},
		{"authorities disagree", Input{Edges: []kg.Edge{
			edge("order:o", kg.RelBasedOn, "order:eo1", "", []string{"d1"}, []string{"c1"}),
			edge("order:o", kg.RelBasedOn, "order:eo2", "", []string{"d2"}, []string{"c2"}),
		}}, []string{KindAuthority}},
		{"facts that are not numbers are not compared", Input{Nodes: []kg.Node{{ID: "order:o", Facts: []kg.Fact{
			{Name: "note", Value: "September 29", Evidence: kg.Evidence{DocumentID: "d1"}},
			{Name: "note", Value: "today", Evidence: kg.Evidence{DocumentID: "d2"}},
		}}}}, nil},
		{"figures disagree, close figures agree", Input{Nodes: []kg.Node{{ID: "company:k", Facts: []kg.Fact{
			{Name: "users", Value: "400000000", Evidence: kg.Evidence{DocumentID: "d1"}},
			{Name: "users", Value: "200000000", Evidence: kg.Evidence{DocumentID: "d2"}},
			{Name: "offices", Value: "100", Evidence: kg.Evidence{DocumentID: "d1"}},
			{Name: "offices", Value: "102", Evidence: kg.Evidence{DocumentID: "d2"}},
			{Name: "revenue", Value: "700", Qualifier: "2022", Unit: "USD", Evidence: kg.Evidence{DocumentID: "d1"}},
			{Name: "revenue", Value: "750", Qualifier: "2023", Unit: "USD", Evidence: kg.Evidence{DocumentID: "d2"}},
		}}}}, []string{KindFigure}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.in.Label = label
			got := Detect(c.in)
			if len(got) != len(c.kinds) {
				t.Fatalf("got %+v, want kinds %v", got, c.kinds)
			}
			for i, k := range c.kinds {
				if got[i].Kind != k || len(got[i].Sides) < 2 || got[i].Description == "" {
					t.Fatalf("conflict %d = %+v, want %s", i, got[i], k)
				}
			}
		})
	}
}

func TestDetectRanksSidesAndNamesThem(t *testing.T) {
	got := Detect(Input{
		Label: map[string]string{"agency:a": "Agency A", "agency:b": "Agency B", "order:o": "Order O"},
		Edges: []kg.Edge{
			edge("agency:b", kg.RelIssued, "order:o", "", []string{"d3"}, []string{"c3"}),
			edge("agency:a", kg.RelIssued, "order:o", "", []string{"d1", "d2"}, []string{"c1", "c2"}),
		},
	})
	if len(got) != 1 {
		t.Fatalf("got %+v", got)
	}
	c := got[0]
	if c.Sides[0].Value != "Agency A" || c.Sides[1].Value != "Agency B" || c.SubjectID != "order:o" || c.Topic != "issuer" {
		t.Fatalf("conflict = %+v", c)
	}
	want := "Documents disagree on the issuer of Order O: Agency A (2 sources) vs Agency B (1 source)."
	if c.Description != want {
		t.Fatalf("description = %q, want %q", c.Description, want)
	}
	if again := Detect(Input{Edges: []kg.Edge{
		edge("agency:a", kg.RelIssued, "order:o", "", []string{"d1", "d2"}, []string{"c1", "c2"}),
		edge("agency:b", kg.RelIssued, "order:o", "", []string{"d3"}, []string{"c3"}),
	}}); again[0].ID != c.ID {
		t.Fatal("conflict IDs must be stable")
	}
}
