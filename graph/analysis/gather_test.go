package analysis

import (
	"context"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
	"github.com/newsgraph/newsgraph/store/embedded"
)

// report builds the extraction of one document from its text: ev quotes
// the first occurrence of a phrase at or after from, with real offsets.
type report struct {
	x kg.Extraction
}

func newReport(text, cluster, published string) *report {
	id := kg.DocumentID(text)
	if cluster == "" {
		cluster = id
	}
	return &report{x: kg.Extraction{Document: kg.Document{ID: id, Text: text, Cluster: cluster, PublishedAt: published}}}
}

func (r *report) ev(phrase string, from int) kg.Evidence {
	rs, ps := []rune(r.x.Document.Text), []rune(phrase)
	for i := from; i+len(ps) <= len(rs); i++ {
		if string(rs[i:i+len(ps)]) == phrase {
			return kg.Evidence{DocumentID: r.x.Document.ID, Start: i, End: i + len(ps), Quote: phrase}
		}
	}
	panic("phrase not in text: " + phrase)
}

func (r *report) node(id string, k kg.Kind, name string, facts ...kg.Fact) {
	r.x.Nodes = append(r.x.Nodes, kg.Node{ID: id, Kind: k, Name: name, Facts: facts, Documents: []string{r.x.Document.ID}})
}

func (r *report) edge(src string, t kg.RelType, dst string, ev kg.Evidence, attrs ...string) {
	a := map[string]string{}
	for i := 0; i+1 < len(attrs); i += 2 {
		a[attrs[i]] = attrs[i+1]
	}
	r.x.Edges = append(r.x.Edges, kg.Edge{
		ID: kg.EdgeID(src, t, dst, a[kg.AttrRole]), Type: t, Source: src, Target: dst, Attrs: a,
		Evidence: []kg.Evidence{ev}, Documents: []string{r.x.Document.ID}, Clusters: []string{r.x.Document.Cluster},
	})
}

func TestConflictsReadsTheStoreAndQuotesSentences(t *testing.T) {
	ctx := context.Background()
	s := embedded.OpenMemory()
	defer s.Close()
	const ban, ents = "order:ban", "entity:linked"

	wire := newReport("The Commerce Department banned the software. It added three entities to a list.", "", "2024-06-21")
	wire.node("agency:commerce", kg.KindAgency, "Department of Commerce")
	wire.node(ban, kg.KindOrder, "Ban on the software")
	wire.node(ents, kg.KindEntity, "Linked entities", kg.Fact{Name: "count", Value: "3", Text: "three entities", Evidence: wire.ev("three entities", 0)})
	wire.edge("agency:commerce", kg.RelIssued, ban, wire.ev("The Commerce Department banned the software.", 0))

	copyText := "Copy: The Commerce Department banned the software. It added three entities to a list."
	cp := newReport(copyText, wire.x.Document.ID, "2024-06-21")
	cp.node("agency:commerce", kg.KindAgency, "Department of Commerce")
	cp.node(ban, kg.KindOrder, "Ban on the software")
	cp.node(ents, kg.KindEntity, "Linked entities", kg.Fact{Name: "count", Value: "3", Text: "three entities", Evidence: cp.ev("three entities", 0)})
	cp.edge("agency:commerce", kg.RelIssued, ban, cp.ev("The Commerce Department banned the software.", 0))

	other := newReport("The White House said it will ban the software.\nIt will list two Russian units and one unit based in the U.K. on charges.", "", "2024-06-21")
	other.node("agency:white-house", kg.KindAgency, "White House")
	other.node(ban, kg.KindOrder, "Ban on the software")
	other.node(ents, kg.KindEntity, "Linked entities", kg.Fact{Name: "count", Value: "3", Text: "two Russian units and one unit",
		Evidence: other.ev("two Russian units and one unit", 0)})
	other.edge("agency:white-house", kg.RelIssued, ban, other.ev("The White House said it will ban the software.", 0), kg.AttrModality, "planned")

	for _, r := range []*report{wire, cp, other} {
		if _, err := s.Ingest(ctx, &r.x); err != nil {
			t.Fatal(err)
		}
	}

	all, err := Conflicts(ctx, s, "", 20)
	if err != nil {
		t.Fatal(err)
	}
	var topics []string
	for _, c := range all {
		topics = append(topics, c.Kind+" "+c.Topic)
	}
	if got, want := strings.Join(topics, "; "), "FIGURE count (breakdown); ISSUER issuer"; got != want {
		t.Fatalf("conflicts = %q, want %q\n%+v", got, want, all)
	}
	br := all[0]
	if br.Sides[0].Value != "three entities" || len(br.Sides[0].Documents) != 2 || len(br.Sides[0].Clusters) != 1 {
		t.Errorf("copies must count as one source: %+v", br.Sides[0])
	}
	if q := br.Sides[1].Evidence[0].Quote; q != "It will list two Russian units and one unit based in the U.K. on charges." {
		t.Errorf("breakdown quote not widened to its sentence: %q", q)
	}
	for _, c := range all {
		for _, sd := range c.Sides {
			for _, e := range sd.Evidence {
				var text string
				for _, r := range []*report{wire, cp, other} {
					if r.x.Document.ID == e.DocumentID {
						text = r.x.Document.Text
					}
				}
				if string([]rune(text)[e.Start:e.End]) != e.Quote {
					t.Errorf("quote %q does not match its offsets", e.Quote)
				}
			}
		}
	}

	one, err := Conflicts(ctx, s, ban, 20)
	if err != nil || len(one) != 1 || one[0].Kind != KindIssuer {
		t.Fatalf("about the ban: %+v, %v", one, err)
	}
	if none, err := Conflicts(ctx, s, ents, 1); err != nil || len(none) != 1 {
		t.Fatalf("about the entities, first 1: %+v, %v", none, err)
	}
	if _, err := Conflicts(ctx, s, "order:nothing", 20); kg.ErrorCode(err) != kg.CodeNotFound {
		t.Fatalf("unknown node: %v", err)
	}
}
