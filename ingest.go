package main

import (
	"context"
	"fmt"
	"io"
	"os/signal"
	"syscall"

	"github.com/newsgraph/newsgraph/internal/app"
	"github.com/newsgraph/newsgraph/internal/config"
	"github.com/newsgraph/newsgraph/internal/httpx"
)

// ingest loads files and folders into the configured store. A bad file is
// reported by name and the others still load; the exit code is 1 if any
// failed. Re-ingesting a stored document changes nothing.
func ingest(cfg *config.Config, meta ingestMeta, paths []string, stdout, stderr io.Writer) int {
	files, err := app.CollectFiles(paths)
	if err != nil {
		fmt.Fprintf(stderr, "newsgraph ingest: %v\n", err)
		return 1
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "newsgraph ingest: no *.txt or *.md files found")
		return 1
	}
	level := cfg.LogLevel
	if level == "info" {
		level = "warn" // the command prints its own summary
	}
	logger := httpx.NewLogger(stderr, level, cfg.LogFormat)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	a, err := app.Open(ctx, cfg, logger)
	if err != nil {
		fmt.Fprintf(stderr, "newsgraph ingest: %v\n", err)
		return 1
	}
	rep := app.IngestFiles(ctx, a.Ingester, files, app.Meta{Title: meta.title, Source: meta.source, URL: meta.url, PublishedAt: meta.publishedAt}, stderr)
	closeErr := a.Close()
	for _, f := range rep.Failed {
		fmt.Fprintf(stderr, "newsgraph ingest: %s: %v\n", f.Path, f.Err)
	}
	fmt.Fprintf(stdout, "ingested %d files: %d new, %d already stored, %d failed\n", rep.Files, rep.Created, rep.Existing, len(rep.Failed))
	if closeErr != nil {
		fmt.Fprintf(stderr, "newsgraph ingest: %v\n", closeErr)
		return 1
	}
	if len(rep.Failed) > 0 {
		return 1
	}
	return 0
}
