package loader

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

func TestDumpSeeds(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	files, _ := filepath.Glob("../seed/*.txt")
	sort.Strings(files)
	mem := NewMemory()
	l := New(mem)
	for _, f := range files {
		b, _ := os.ReadFile(f)
		in, err := ReadDocument(f, b, nil)
		if err != nil {
			t.Fatal(err)
		}
		x, err := l.Extract(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		mem.Add(x)
		fmt.Printf("=== %s %s title=%q src=%q url=%q pub=%q cluster=%s\n", f, x.Document.ID, x.Document.Title, x.Document.Source, x.Document.URL, x.Document.PublishedAt, x.Document.Cluster)
	}
	_, nodes, edges := mem.Graph()
	names := map[string]string{}
	for _, n := range nodes {
		names[n.ID] = n.Name
		fmt.Printf("N %-45s %q aliases=%q attrs=%v facts=%d docs=%d\n", n.ID, n.Name, n.Aliases, n.Attrs, len(n.Facts), len(n.Documents))
		for _, f := range n.Facts {
			fmt.Printf("    F %s=%s %s %q q=%s\n", f.Name, f.Value, f.Unit, f.Text, f.Qualifier)
		}
	}
	for _, e := range edges {
		if e.Type == "MENTIONS" {
			continue
		}
		fmt.Printf("E %-14s %-35s -> %-35s attrs=%v docs=%d cl=%d | %.90s\n", e.Type, e.Source, e.Target, e.Attrs, len(e.Documents), len(e.Clusters), e.Evidence[0].Quote)
	}
}
