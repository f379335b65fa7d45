package loader

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/kg"
)

func TestValidation(t *testing.T) {
	l := New(nil)
	tests := []struct {
		name string
		in   kg.DocumentInput
	}{
		{"empty", kg.DocumentInput{Text: ""}},
		{"whitespace", kg.DocumentInput{Text: " \n\t "}},
		{"invalid utf-8", kg.DocumentInput{Text: "abc\xff"}},
		{"too large", kg.DocumentInput{Text: strings.Repeat("a", MaxTextBytes+1)}},
		{"bad date", kg.DocumentInput{Text: "ok", PublishedAt: "21/06/2024"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := l.Extract(context.Background(), tc.in)
			if kg.ErrorCode(err) != kg.CodeBadUserInput {
				t.Fatalf("want BAD_USER_INPUT, got %v", err)
			}
			if kg.ErrorMessage(err) == "" {
				t.Error("empty message")
			}
		})
	}
}

func TestGivenMetadataWins(t *testing.T) {
	l := New(nil)
	text := " date 2024-06-21 Headline\n\nThe firm acted.\n\n© 2024 AFP"
	x, err := l.Extract(context.Background(), kg.DocumentInput{Text: text, Title: "Given", Source: "Given source", PublishedAt: "2024-06-01"})
	if err != nil {
		t.Fatal(err)
	}
	d := x.Document
	if d.Title != "Given" || d.Source != "Given source" || d.PublishedAt != "2024-06-01" {
		t.Errorf("given metadata lost: %+v", d)
	}
	x, _ = l.Extract(context.Background(), kg.DocumentInput{Text: text})
	if x.Document.Title != "Headline" || x.Document.Source != "AFP" || x.Document.PublishedAt != "2024-06-21" {
		t.Errorf("inferred metadata: %+v", x.Document)
	}
	if x.Document.ID != kg.DocumentID(text) || x.Document.Cluster != x.Document.ID {
		t.Errorf("ids: %s %s", x.Document.ID, x.Document.Cluster)
	}
}

// TestExtractionInvariants checks, over the seeds, what every consumer of
// an extraction relies on.
func TestExtractionInvariants(t *testing.T) {
	_, xs := loadSeeds(t)
	for _, x := range xs {
		checkInvariants(t, x)
	}
}

func checkInvariants(t *testing.T, x *kg.Extraction) {
	t.Helper()
	runes := []rune(x.Document.Text)
	checkEv := func(what string, e kg.Evidence) {
		if e.DocumentID != x.Document.ID || e.Start < 0 || e.End > len(runes) || e.Start > e.End {
			t.Fatalf("%s: bad evidence %+v", what, e)
		}
		if string(runes[e.Start:e.End]) != e.Quote {
			t.Fatalf("%s: quote %q != text %q", what, e.Quote, string(runes[e.Start:e.End]))
		}
	}
	ids := map[string]bool{x.Document.ID: true}
	for _, n := range x.Nodes {
		if !n.Kind.Valid() || n.Name == "" || ids[n.ID] {
			t.Fatalf("bad or duplicate node %+v", n)
		}
		ids[n.ID] = true
		if n.Kind == kg.KindDate {
			if n.ID != kg.DateNodeID(n.Attrs[kg.AttrDate]) || n.Attrs[kg.AttrPrecision] == "" {
				t.Fatalf("bad date node %+v", n)
			}
		}
		for _, m := range n.Mentions {
			checkEv(n.ID, m)
		}
		for _, f := range n.Facts {
			checkEv(n.ID+" fact", f.Evidence)
		}
	}
	for _, e := range x.Edges {
		if !e.Type.Valid() || !ids[e.Source] || !ids[e.Target] || len(e.Evidence) == 0 {
			t.Fatalf("bad edge %+v", e)
		}
		if e.ID != kg.EdgeID(e.Source, e.Type, e.Target, e.Attrs[kg.AttrRole]) {
			t.Fatalf("edge id not derived: %+v", e)
		}
		if len(e.Documents) != 1 || e.Documents[0] != x.Document.ID || len(e.Clusters) != 1 || e.Clusters[0] != x.Document.Cluster {
			t.Fatalf("edge provenance: %+v", e)
		}
		for _, ev := range e.Evidence {
			checkEv(e.ID, ev)
		}
	}
}

func TestDeterministic(t *testing.T) {
	in := seedInputs(t)[2]
	a := extractText(t, New(nil), in.Text, "")
	b := extractText(t, New(nil), in.Text, "")
	a.Document.IngestedAt, b.Document.IngestedAt = time.Time{}, time.Time{}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Fatal("extraction is not deterministic")
	}
}
