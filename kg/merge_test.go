package kg

import (
	"slices"
	"testing"
)

func ev(doc string, start int) Evidence {
	return Evidence{DocumentID: doc, Start: start, End: start + 3, Quote: "abc"}
}

func TestMergeNode(t *testing.T) {
	a := Node{ID: "company:k", Kind: KindCompany, Name: "Kaspersky", Aliases: []string{"Kaspersky Lab"},
		Attrs: map[string]string{"x": "1"}, Mentions: []Evidence{ev("d2", 5), ev("d2", 1)},
		Facts:     []Fact{{Name: "users", Value: "1", Evidence: ev("d2", 9)}},
		Documents: []string{"d2"}, FirstSeen: "2024-06-21", LastSeen: "2024-06-21"}
	b := Node{ID: "company:k", Kind: KindCompany, Name: "Kaspersky Labs", Aliases: []string{"Kaspersky"},
		Attrs: map[string]string{"x": "2", "y": "3"}, Mentions: []Evidence{ev("d2", 1), ev("d1", 9)},
		Facts:     []Fact{{Name: "users", Value: "1", Evidence: ev("d2", 9)}, {Name: "clients", Value: "2", Evidence: ev("d2", 9)}},
		Documents: []string{"d1"}, FirstSeen: "2024-06-20", LastSeen: ""}
	first := MergeNode(Node{}, a)
	if want := []Evidence{ev("d2", 1), ev("d2", 5)}; !slices.Equal(first.Mentions, want) {
		t.Errorf("a new node's mentions %+v, want them sorted %+v", first.Mentions, want)
	}
	m := MergeNode(first, b)
	tests := []struct {
		name string
		ok   bool
	}{
		{"first writer names the node", m.Name == "Kaspersky"},
		{"aliases are the sorted union minus the name", slices.Equal(m.Aliases, []string{"Kaspersky Lab", "Kaspersky Labs"})},
		{"stored attribute keys keep their value", m.Attrs["x"] == "1"},
		{"new attribute keys are added", m.Attrs["y"] == "3"},
		{"mentions are deduplicated and sorted", slices.Equal(m.Mentions, []Evidence{ev("d1", 9), ev("d2", 1), ev("d2", 5)})},
		{"facts are deduplicated by evidence and name", len(m.Facts) == 2 && m.Facts[0].Name == "clients"},
		{"documents are the sorted union", slices.Equal(m.Documents, []string{"d1", "d2"})},
		{"first seen widens", m.FirstSeen == "2024-06-20"},
		{"an unknown last seen does not narrow", m.LastSeen == "2024-06-21"},
		{"the stored node is not modified", first.Attrs["y"] == "" && len(first.Mentions) == 2},
	}
	for _, tt := range tests {
		if !tt.ok {
			t.Errorf("%s: got %+v", tt.name, m)
		}
	}
	if again := MergeNode(m, b); !slices.Equal(again.Mentions, m.Mentions) || &again.Mentions[0] != &m.Mentions[0] {
		t.Errorf("merging the same node again must change nothing and reuse the stored slices")
	}
}

func TestMergeEdge(t *testing.T) {
	e1 := Edge{ID: "rel:1", Type: RelIssued, Source: "a", Target: "b", Attrs: map[string]string{AttrRole: "x"},
		Evidence: []Evidence{ev("d1", 4)}, Documents: []string{"d1"}, Clusters: []string{"d1"}, FirstSeen: "2024-06-21", LastSeen: "2024-06-21"}
	e2 := Edge{ID: "rel:1", Type: RelIssued, Source: "a", Target: "b", Attrs: map[string]string{AttrRole: "y"},
		Evidence: []Evidence{ev("d3", 0), ev("d1", 4)}, Documents: []string{"d3"}, Clusters: []string{"d1"}, LastSeen: "2024-06-22"}
	m := MergeEdge(MergeEdge(Edge{}, e1), e2)
	if m.Attrs[AttrRole] != "x" || len(m.Evidence) != 2 || !slices.Equal(m.Documents, []string{"d1", "d3"}) ||
		!slices.Equal(m.Clusters, []string{"d1"}) || m.FirstSeen != "2024-06-21" || m.LastSeen != "2024-06-22" {
		t.Errorf("merged edge %+v", m)
	}
	if m.SourceCount() != 2 || m.IndependentCount() != 1 {
		t.Errorf("sources %d independent %d, want 2 and 1", m.SourceCount(), m.IndependentCount())
	}
}

func TestDocumentName(t *testing.T) {
	long := "An unusually long first line that goes on and on well past the eighty characters a label may have"
	tests := []struct {
		doc  Document
		want string
	}{
		{Document{ID: "doc:1", Title: "Headline", Text: "body"}, "Headline"},
		{Document{ID: "doc:2", Text: "\n\n  First line  \nsecond"}, "First line"},
		{Document{ID: "doc:3", Text: long}, string([]rune(long)[:80])},
		{Document{ID: "doc:4", Text: "  \n "}, "doc:4"},
	}
	for _, tt := range tests {
		if got := DocumentName(&tt.doc); got != tt.want {
			t.Errorf("DocumentName(%q) = %q, want %q", tt.doc.ID, got, tt.want)
		}
	}
}
