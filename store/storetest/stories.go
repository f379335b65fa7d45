package storetest

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
	"github.com/newsgraph/newsgraph/loader"
)

// LoadStories runs the real loader over the story files (*.txt, with an
// optional .json of metadata beside each) that the globs match, in name
// order, into st, the way the server ingests them. It fails t when no
// file matches.
func LoadStories(t testing.TB, st kg.Store, globs ...string) {
	t.Helper()
	var files []string
	for _, g := range globs {
		fs, _ := filepath.Glob(g)
		files = append(files, fs...)
	}
	if len(files) == 0 {
		t.Fatalf("no stories match %v", globs)
	}
	slices.Sort(files)
	p := loader.NewPipeline(loader.New(st), st)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		meta, _ := os.ReadFile(f + ".json")
		in, err := loader.ReadDocument(filepath.Base(f), data, meta)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if _, _, err := p.Ingest(context.Background(), in); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
}
