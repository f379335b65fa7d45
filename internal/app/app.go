// Package app wires the product together: it picks and opens the store
// named by the configuration, stacks the loader pipeline, the event bus and
// the metrics around it, loads the seed documents, and builds the HTTP
// routes. server.go only parses the command line and runs what this
// package builds, so tests start exactly the production wiring.
package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"sync/atomic"

	"github.com/newsgraph/newsgraph/internal/config"
	"github.com/newsgraph/newsgraph/internal/events"
	"github.com/newsgraph/newsgraph/internal/httpx"
	"github.com/newsgraph/newsgraph/kg"
	"github.com/newsgraph/newsgraph/loader"
)

// App is one running instance: the opened store and what sits on top.
type App struct {
	Config  *config.Config
	Logger  *slog.Logger
	Metrics *httpx.Metrics
	// Store is the opened backend, timed by the metrics decorator.
	Store kg.Store
	// Ingester validates, extracts and stores a document, publishes it on
	// Bus when new and counts it in the metrics.
	Ingester kg.Ingester
	Bus      *events.Bus

	ready atomic.Bool
}

// Open opens the configured store and builds the ingestion stack. The
// caller owns the App and must Close it, which flushes the store.
func Open(ctx context.Context, cfg *config.Config, logger *slog.Logger) (*App, error) {
	raw, err := openStore(ctx, cfg, logger)
	if err != nil {
		return nil, err
	}
	return New(cfg, logger, raw), nil
}

// New builds an App over an already opened store; Open uses it, and tests
// use it to run the production wiring over a store they control.
func New(cfg *config.Config, logger *slog.Logger, raw kg.Store) *App {
	m := httpx.NewMetrics()
	s := httpx.InstrumentStore(raw, m)
	bus := events.NewBus()
	pipeline := loader.NewPipeline(loader.New(s), s)
	return &App{
		Config:   cfg,
		Logger:   logger,
		Metrics:  m,
		Store:    s,
		Ingester: httpx.InstrumentIngester(events.NewPublishing(pipeline, bus), m),
		Bus:      bus,
	}
}

// SetReady marks the instance ready (seed loaded); /readyz reports it.
func (a *App) SetReady() { a.ready.Store(true) }

// Ready reports whether SetReady was called.
func (a *App) Ready() bool { return a.ready.Load() }

// Close flushes and closes the store.
func (a *App) Close() error {
	if err := a.Store.Close(); err != nil {
		return fmt.Errorf("closing the store: %w", err)
	}
	return nil
}

// EnsureToken returns the configured API token, or generates a random one
// when none is configured and says so in the log, so a fresh install is
// never open for writes yet the operator can still ingest.
func EnsureToken(cfg *config.Config, logger *slog.Logger) string {
	if cfg.APIToken != "" {
		return cfg.APIToken
	}
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	cfg.APIToken = hex.EncodeToString(b)
	logger.Warn("API_TOKEN is not set: generated a token for this run; mutations need Authorization: Bearer <token>", "token", cfg.APIToken)
	return cfg.APIToken
}
