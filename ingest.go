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
	"github.com/newsgraph/newsgraph/kg"
)

// ingest loads files and folders into the configured store, or with
// --server into a running server through its API. A bad or missing file is
// reported by name and the others still load; the exit code is 1 if any
// failed. Entries of a folder that are not regular files are skipped with
// a message. Re-ingesting a stored document changes nothing.
func ingest(cfg *config.Config, meta ingestMeta, paths []string, stdout, stderr io.Writer) int {
	found := app.CollectFiles(paths)
	for _, f := range found.Skipped {
		fmt.Fprintf(stderr, "newsgraph ingest: %s: %s\n", f.Path, kg.ErrorMessage(f.Err))
	}
	for _, f := range found.Failed {
		fmt.Fprintf(stderr, "newsgraph ingest: %s: %s\n", f.Path, describe(f.Err))
	}
	if len(found.Files) == 0 {
		fmt.Fprintln(stderr, "newsgraph ingest: no *.txt or *.md files to load")
		return 1
	}
	level := cfg.LogLevel
	if level == "info" {
		level = "warn" // the command prints its own summary
	}
	logger := httpx.NewLogger(stderr, level, cfg.LogFormat)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	var (
		ing        kg.Ingester
		closeStore = func() error { return nil }
	)
	if meta.server != "" {
		r, err := app.NewRemoteIngester(meta.server, cfg.APIToken, cfg.WriteTimeout)
		if err != nil {
			fmt.Fprintf(stderr, "newsgraph ingest: %v\n", err)
			return 2
		}
		ing = r
	} else {
		a, err := app.Open(ctx, cfg, logger)
		if err != nil {
			fmt.Fprintf(stderr, "newsgraph ingest: %v\n", err)
			if cfg.Embedded() && app.IsLocked(err) {
				fmt.Fprintf(stderr, "newsgraph ingest: a running server (or another ingest) has %s open: add the documents through it with --server http://localhost%s (and its API_TOKEN), or stop it, or use another DATA_DIR\n", cfg.DataDir, portOf(cfg.Addr))
			}
			return 1
		}
		ing, closeStore = a.Ingester, a.Close
	}
	rep := app.IngestFiles(ctx, ing, found.Files, app.Meta{Title: meta.title, Source: meta.source, URL: meta.url, PublishedAt: meta.publishedAt}, stderr)
	closeErr := closeStore()
	for _, f := range rep.Failed {
		fmt.Fprintf(stderr, "newsgraph ingest: %s: %s\n", f.Path, describe(f.Err))
	}
	failed := len(rep.Failed) + len(found.Failed)
	fmt.Fprintf(stdout, "ingested %d files: %d new, %d already stored, %d failed", rep.Files, rep.Created, rep.Existing, failed)
	if len(found.Skipped) > 0 {
		fmt.Fprintf(stdout, ", %d skipped", len(found.Skipped))
	}
	fmt.Fprintln(stdout)
	if closeErr != nil {
		fmt.Fprintf(stderr, "newsgraph ingest: %v\n", closeErr)
		return 1
	}
	if failed > 0 {
		return 1
	}
	return 0
}

// describe is the one-line reason a file failed: the client-facing message
// of a domain error (what the server said, in --server mode), or the error
// itself (a file system error).
func describe(err error) string {
	if kg.ErrorCode(err) == kg.CodeInternal {
		return err.Error()
	}
	return kg.ErrorMessage(err)
}

// portOf is the ":port" of a listen address, for the --server hint.
func portOf(addr string) string {
	for i := len(addr) - 1; i >= 0; i-- {
		if addr[i] == ':' {
			return addr[i:]
		}
	}
	return ":8080"
}
