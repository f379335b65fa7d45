package loader

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

// extractText runs the loader on one text with a given publication date.
func extractText(t testing.TB, l *Loader, text, pub string) *kg.Extraction {
	t.Helper()
	x, err := l.Extract(context.Background(), kg.DocumentInput{Text: text, PublishedAt: pub})
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	return x
}

func nodeByID(x *kg.Extraction, id string) *kg.Node {
	for i := range x.Nodes {
		if x.Nodes[i].ID == id {
			return &x.Nodes[i]
		}
	}
	return nil
}

func hasEdge(x *kg.Extraction, src string, typ kg.RelType, dst string) *kg.Edge {
	for i := range x.Edges {
		e := &x.Edges[i]
		if e.Source == src && e.Type == typ && e.Target == dst {
			return e
		}
	}
	return nil
}

func edgesOfType(x *kg.Extraction, typ kg.RelType) []kg.Edge {
	var out []kg.Edge
	for _, e := range x.Edges {
		if e.Type == typ {
			out = append(out, e)
		}
	}
	return out
}

// seedInputs reads the seed documents in file order.
func seedInputs(t testing.TB) []kg.DocumentInput {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "seed", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no seed documents: %v", err)
	}
	sort.Strings(files)
	var out []kg.DocumentInput
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		in, err := ReadDocument(filepath.Base(f), b, nil)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, in)
	}
	return out
}

// loadSeeds extracts the seeds in order through a Memory.
func loadSeeds(t testing.TB) (*Memory, []*kg.Extraction) {
	t.Helper()
	mem := NewMemory()
	l := New(mem)
	var xs []*kg.Extraction
	for _, in := range seedInputs(t) {
		x, err := l.Extract(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		mem.Add(x)
		xs = append(xs, x)
	}
	return mem, xs
}
