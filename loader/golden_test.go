package loader

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/kg"
)

var update = flag.Bool("update", false, "rewrite testdata/seed.golden.json from the current loader")

// goldenGraph is the merged graph of the seeds as the golden file holds it.
type goldenGraph struct {
	Documents []kg.Document `json:"documents"`
	Nodes     []kg.Node     `json:"nodes"`
	Edges     []kg.Edge     `json:"edges"`
}

// TestGoldenSeeds pins the merged graph of the five seeds, loaded in file
// order through a Memory. Run `go test ./loader -run Golden -update` after
// an intended change and review the diff.
func TestGoldenSeeds(t *testing.T) {
	mem, _ := loadSeeds(t)
	docs, nodes, edges := mem.Graph()
	for i := range docs {
		docs[i].IngestedAt = time.Time{}
		docs[i].Text = "" // the seeds themselves are in seed/
	}
	got, err := json.MarshalIndent(goldenGraph{Documents: docs, Nodes: nodes, Edges: edges}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "seed.golden.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if !bytes.Equal(gl[i], wl[i]) {
				t.Fatalf("golden mismatch at line %d:\n got: %s\nwant: %s\n(run go test ./loader -run Golden -update if intended)", i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("golden mismatch: %d lines, want %d (run with -update if intended)", len(gl), len(wl))
	}
}
