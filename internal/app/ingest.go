package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/newsgraph/newsgraph/kg"
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
	in, err := readDocumentFile(p)
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
// Entries that are not regular files are skipped with a warning.
func (a *App) LoadSeed(ctx context.Context) error {
	dir := a.Config.SeedDir
	if dir == "" {
		return nil
	}
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		a.Logger.Warn("seed directory not found; starting without seed documents", "seed_dir", dir)
		return nil
	}
	// The operator names SEED_DIR, which may be a link to the real folder
	// (a mounted volume); what lies inside must still be regular files.
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	found := CollectFiles([]string{dir})
	if len(found.Failed) > 0 {
		return fmt.Errorf("%s: %w", found.Failed[0].Path, found.Failed[0].Err)
	}
	for _, f := range found.Skipped {
		a.Logger.Warn("seed entry skipped", "file", f.Path, "reason", kg.ErrorMessage(f.Err))
	}
	start := time.Now()
	rep := IngestFiles(ctx, a.Ingester, found.Files, Meta{}, nil)
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
