package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/kg"
	"github.com/newsgraph/newsgraph/loader"
)

// Meta is metadata given on the command line; a non-empty field wins over
// front matter and the sidecar file.
type Meta struct {
	Title, Source, URL, PublishedAt string
}

// FileError is one file that could not be ingested.
type FileError struct {
	Path string
	Err  error
}

// Report sums up a batch.
type Report struct {
	Files    int // documents found
	Created  int // newly stored
	Existing int // already stored: nothing changed
	Failed   []FileError
}

// progressEvery is the batch size from which a progress line is shown.
const progressEvery = 50

// CollectFiles expands paths (files or folders, walked recursively) into
// the documents to load: *.txt and *.md files, sorted so that a batch is
// always ingested in the same order (near-duplicate clusters are named
// after their first document). A path that does not exist is an error.
func CollectFiles(paths []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, root := range paths {
		st, err := os.Stat(root)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", root, errors.Unwrap(err))
		}
		if !st.IsDir() {
			add(filepath.Clean(root))
			continue
		}
		var found []string
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && p != root && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if !d.IsDir() && isDocument(p) {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", root, err)
		}
		sort.Strings(found)
		for _, p := range found {
			add(p)
		}
	}
	return out, nil
}

func isDocument(p string) bool {
	ext := strings.ToLower(filepath.Ext(p))
	return ext == ".txt" || ext == ".md"
}

// IngestFiles loads every file through ing, reporting a bad file and
// carrying on with the rest. A sidecar PATH.json, when present, supplies
// metadata; meta overrides both it and front matter. With progress not nil
// a progress line is written there for batches of progressEvery files or
// more. Only a cancelled ctx stops the batch early.
func IngestFiles(ctx context.Context, ing kg.Ingester, files []string, meta Meta, progress io.Writer) Report {
	rep := Report{Files: len(files)}
	last := time.Now()
	for i, p := range files {
		if ctx.Err() != nil {
			rep.Failed = append(rep.Failed, FileError{p, ctx.Err()})
			continue
		}
		created, err := ingestFile(ctx, ing, p, meta)
		switch {
		case err != nil:
			rep.Failed = append(rep.Failed, FileError{p, err})
		case created:
			rep.Created++
		default:
			rep.Existing++
		}
		if progress != nil && len(files) >= progressEvery && (time.Since(last) > 2*time.Second || (i+1)%progressEvery == 0 || i+1 == len(files)) {
			last = time.Now()
			fmt.Fprintf(progress, "ingest: %d/%d files (%d%%), %d new, %d failed\n", i+1, len(files), (i+1)*100/len(files), rep.Created, len(rep.Failed))
		}
	}
	return rep
}

func ingestFile(ctx context.Context, ing kg.Ingester, p string, meta Meta) (bool, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return false, err
	}
	side, err := os.ReadFile(p + ".json")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	in, err := loader.ReadDocument(filepath.Base(p), data, side)
	if err != nil {
		return false, err
	}
	for _, o := range []struct {
		dst *string
		v   string
	}{
		{&in.Title, meta.Title}, {&in.Source, meta.Source}, {&in.URL, meta.URL}, {&in.PublishedAt, meta.PublishedAt},
	} {
		if o.v != "" {
			*o.dst = o.v
		}
	}
	_, st, err := ing.Ingest(ctx, in)
	if err != nil {
		return false, err
	}
	return st.Created, nil
}

// LoadSeed ingests SEED_DIR (if configured and present). It is idempotent:
// documents already stored change nothing, so every start may run it.
func (a *App) LoadSeed(ctx context.Context) error {
	dir := a.Config.SeedDir
	if dir == "" {
		return nil
	}
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		a.Logger.Warn("seed directory not found; starting without seed documents", "seed_dir", dir)
		return nil
	}
	files, err := CollectFiles([]string{dir})
	if err != nil {
		return err
	}
	start := time.Now()
	rep := IngestFiles(ctx, a.Ingester, files, Meta{}, nil)
	for _, f := range rep.Failed {
		a.Logger.Error("seed document not loaded", "file", f.Path, "code", kg.ErrorCode(f.Err), "error", f.Err.Error())
	}
	a.Logger.Info("seed loaded", "seed_dir", dir, "files", rep.Files, "new", rep.Created, "existing", rep.Existing,
		"failed", len(rep.Failed), "duration_ms", time.Since(start).Milliseconds())
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return nil
}
