package loader

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

func TestMemoryMerge(t *testing.T) {
	m := NewMemory()
	ev := func(doc string, s int) kg.Evidence { return kg.Evidence{DocumentID: doc, Start: s, End: s + 1} }
	x1 := &kg.Extraction{Document: kg.Document{ID: "doc:1", Bands: []string{"b0:x"}},
		Nodes: []kg.Node{{ID: "company:k", Kind: kg.KindCompany, Name: "Kaspersky", Aliases: []string{"Kaspersky's"},
			Attrs: map[string]string{"a": "1"}, Mentions: []kg.Evidence{ev("doc:1", 0)}, Documents: []string{"doc:1"}, FirstSeen: "2024-06-21", LastSeen: "2024-06-21"}},
		Edges: []kg.Edge{{ID: "rel:1", Type: kg.RelTargets, Source: "order:b", Target: "company:k", Evidence: []kg.Evidence{ev("doc:1", 0)}, Documents: []string{"doc:1"}, Clusters: []string{"doc:1"}}}}
	x2 := &kg.Extraction{Document: kg.Document{ID: "doc:2", Cluster: "doc:1"},
		Nodes: []kg.Node{{ID: "company:k", Kind: kg.KindCompany, Name: "Kaspersky Lab",
			Attrs: map[string]string{"a": "2", "b": "3"}, Mentions: []kg.Evidence{ev("doc:2", 5), ev("doc:2", 5)}, Documents: []string{"doc:2"}, FirstSeen: "2024-06-20"}},
		Edges: []kg.Edge{{ID: "rel:1", Type: kg.RelTargets, Source: "order:b", Target: "company:k", Evidence: []kg.Evidence{ev("doc:2", 1)}, Documents: []string{"doc:2"}, Clusters: []string{"doc:1"}}}}
	m.Add(x1)
	m.Add(x2)
	m.Add(x2) // again: no change
	_, nodes, edges := m.Graph()
	n := nodes[0]
	if n.Name != "Kaspersky" || len(n.Aliases) != 2 || n.Aliases[0] != "Kaspersky Lab" {
		t.Errorf("name/aliases: %q %v", n.Name, n.Aliases)
	}
	if n.Attrs["a"] != "1" || n.Attrs["b"] != "3" {
		t.Errorf("attrs: %v", n.Attrs)
	}
	if len(n.Mentions) != 2 || len(n.Documents) != 2 || n.FirstSeen != "2024-06-20" || n.LastSeen != "2024-06-21" {
		t.Errorf("mentions %d docs %v seen %s..%s", len(n.Mentions), n.Documents, n.FirstSeen, n.LastSeen)
	}
	e := edges[0]
	if e.SourceCount() != 2 || e.IndependentCount() != 1 || len(e.Evidence) != 2 {
		t.Errorf("edge: sources %d independent %d evidence %d", e.SourceCount(), e.IndependentCount(), len(e.Evidence))
	}
	got, _ := m.Lookup(context.Background(), kg.KindCompany, "KASPERSKY LAB")
	if len(got) != 1 {
		t.Errorf("Lookup by alias: %v", got)
	}
	docs, _ := m.FindDocuments(context.Background(), kg.DocumentQuery{Bands: []string{"b0:x"}})
	if len(docs) != 1 || docs[0].ID != "doc:1" {
		t.Errorf("FindDocuments: %v", docs)
	}
	docs, _ = m.FindDocuments(context.Background(), kg.DocumentQuery{Cluster: "doc:1"})
	if len(docs) != 1 || docs[0].ID != "doc:2" {
		t.Errorf("FindDocuments by cluster: %v", docs)
	}
}

// TestMemoryForeignEvidence covers evidence naming another document than
// the one added with it: duplicates of what earlier documents brought
// must still merge, before and after that first happens.
func TestMemoryForeignEvidence(t *testing.T) {
	m := NewMemory()
	ev := func(doc string, s int) kg.Evidence { return kg.Evidence{DocumentID: doc, Start: s, End: s + 1} }
	add := func(doc string, evs ...kg.Evidence) {
		var facts []kg.Fact
		for _, e := range evs {
			facts = append(facts, kg.Fact{Name: "count", Value: "3", Evidence: e})
		}
		m.Add(&kg.Extraction{Document: kg.Document{ID: doc},
			Nodes: []kg.Node{{ID: "company:k", Kind: kg.KindCompany, Name: "K", Mentions: evs, Facts: facts}},
			Edges: []kg.Edge{{ID: "rel:1", Type: kg.RelTargets, Source: "order:b", Target: "company:k", Evidence: evs}}})
	}
	add("doc:1", ev("doc:1", 0), ev("doc:1", 0), ev("doc:1", 2))
	add("doc:2", ev("doc:2", 0), ev("doc:1", 0), ev("doc:1", 4)) // foreign: one old, one new
	add("doc:3", ev("doc:1", 4), ev("doc:3", 1), ev("doc:3", 1))
	_, nodes, edges := m.Graph()
	want := []kg.Evidence{ev("doc:1", 0), ev("doc:1", 2), ev("doc:1", 4), ev("doc:2", 0), ev("doc:3", 1)}
	if got := nodes[0].Mentions; !equalEvidence(got, want) {
		t.Errorf("mentions %v, want %v", got, want)
	}
	if got := edges[0].Evidence; !equalEvidence(got, want) {
		t.Errorf("edge evidence %v, want %v", got, want)
	}
	if got := nodes[0].Facts; len(got) != len(want) {
		t.Errorf("facts %v, want one per evidence %v", got, want)
	}
}

func equalEvidence(a, b []kg.Evidence) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].DocumentID != b[i].DocumentID || a[i].Start != b[i].Start || a[i].End != b[i].End {
			return false
		}
	}
	return true
}

// knowledgeOnly hides the Memory type, so the loader takes the path any
// store takes (Lookup and FindDocuments).
type knowledgeOnly struct{ m *Memory }

func (k knowledgeOnly) Lookup(ctx context.Context, kind kg.Kind, alias string) ([]kg.Node, error) {
	return k.m.Lookup(ctx, kind, alias)
}

func (k knowledgeOnly) FindDocuments(ctx context.Context, q kg.DocumentQuery) ([]kg.Document, error) {
	return k.m.FindDocuments(ctx, q)
}

// TestMemoryShortcutsMatchKnowledge checks that the loader's direct paths
// into a Memory (lookup by key, clustering candidates) give the same
// extractions as the Knowledge interface, on the seeds and a near copy.
func TestMemoryShortcutsMatchKnowledge(t *testing.T) {
	ins := seedInputs(t)
	ins = append(ins, kg.DocumentInput{Text: "Report\n\n" + ins[0].Text})
	direct, viaIface := NewMemory(), NewMemory()
	ld, li := New(direct), New(knowledgeOnly{viaIface})
	for _, in := range ins {
		xd, err := ld.Extract(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		xi, err := li.Extract(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		direct.Add(xd)
		viaIface.Add(xi)
		xd.Document.IngestedAt = xi.Document.IngestedAt
		a, _ := json.Marshal(xd)
		b, _ := json.Marshal(xi)
		if string(a) != string(b) {
			t.Fatalf("extraction of %q differs between the Memory paths and the Knowledge interface", in.Text[:40])
		}
	}
}

// TestIDSet checks that an idSet holds each index once, sorted, whatever
// order they arrive in.
func TestIDSet(t *testing.T) {
	var s idSet
	for _, i := range []int32{5, 5, 7, 1, 9, 1, 3, 7, 0, 9, 4} {
		s.add(i)
	}
	want := idSet{0, 1, 3, 4, 5, 7, 9}
	if len(s) != len(want) {
		t.Fatalf("got %v, want %v", s, want)
	}
	for i := range want {
		if s[i] != want[i] {
			t.Fatalf("got %v, want %v", s, want)
		}
	}
}
