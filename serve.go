package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os/signal"
	"syscall"

	"github.com/newsgraph/newsgraph/internal/app"
	"github.com/newsgraph/newsgraph/internal/config"
	"github.com/newsgraph/newsgraph/internal/httpx"
)

// serve runs the HTTP server until SIGTERM or SIGINT, then stops accepting,
// drains in-flight requests within the shutdown deadline and closes
// (flushes) the store.
func serve(cfg *config.Config, stderr io.Writer) int {
	logger := httpx.NewLogger(stderr, cfg.LogLevel, cfg.LogFormat)
	// Libraries that write to the standard logger (gqlgen's transports
	// do) then write records through the same handler: values quoted, no
	// raw line that a client's input could forge.
	slog.SetDefault(logger)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	// Listen first: health checks answer while the store opens (Neo4j may
	// still be starting, and Open waits for it with backoff).
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		logger.Error("cannot listen", "addr", cfg.Addr, "error", err.Error())
		return 1
	}
	routes := httpx.NewSwitch(app.StartingHandler(logger))
	srv := &http.Server{
		Handler:           routes,
		ReadHeaderTimeout: cfg.ReadHeaderTimeout,
		ReadTimeout:       cfg.ReadTimeout,
		WriteTimeout:      cfg.WriteTimeout,
		IdleTimeout:       cfg.IdleTimeout,
		MaxHeaderBytes:    cfg.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	logger.Info("listening", "addr", ln.Addr().String(), "store", storeName(cfg))

	// The metrics listener, when configured, serves /metrics without a
	// token; it shares the API server's limits and stops with it.
	var metricsSrv *http.Server
	metricsRoutes := httpx.NewSwitch(app.StartingHandler(logger))
	if cfg.MetricsAddr != "" {
		mln, err := net.Listen("tcp", cfg.MetricsAddr)
		if err != nil {
			logger.Error("cannot listen for metrics", "addr", cfg.MetricsAddr, "error", err.Error())
			_ = srv.Close()
			return 1
		}
		metricsSrv = &http.Server{
			Handler:           metricsRoutes,
			ReadHeaderTimeout: cfg.ReadHeaderTimeout,
			ReadTimeout:       cfg.ReadTimeout,
			WriteTimeout:      cfg.WriteTimeout,
			IdleTimeout:       cfg.IdleTimeout,
			MaxHeaderBytes:    cfg.MaxHeaderBytes,
			ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		}
		go func() {
			if err := metricsSrv.Serve(mln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				logger.Error("metrics listener stopped", "error", err.Error())
			}
		}()
		logger.Info("serving metrics", "addr", mln.Addr().String())
	}
	// The collector policy holds from the start: opening the store loads a
	// snapshot, which makes little garbage, so collecting at the runtime's
	// default would mostly re-mark the graph being built.
	policy := cfg.GCPolicy().Apply()
	logger.Info("collector", "policy", policy.String())

	a, err := app.Open(ctx, cfg, logger)
	if err != nil {
		logger.Error("cannot start", "error", err.Error())
		_ = srv.Close()
		if metricsSrv != nil {
			_ = metricsSrv.Close()
		}
		return 1
	}
	defer func() {
		if err := a.Close(); err != nil {
			logger.Error("store close failed", "error", err.Error())
		}
	}()
	routes.Set(a.Handler(app.EnsureToken(cfg, logger)))
	metricsRoutes.Set(a.MetricsHandler())

	seeded := make(chan struct{})
	go func() {
		defer close(seeded)
		if err := a.LoadSeed(ctx); err != nil {
			if ctx.Err() == nil {
				logger.Error("seed load failed", "error", err.Error())
			}
			return
		}
		a.SetReady()
	}()

	code := 0
	select {
	case <-ctx.Done():
		logger.Info("shutting down: draining in-flight requests", "deadline", cfg.ShutdownTimeout.String())
	case err := <-served:
		logger.Error("server stopped", "error", err.Error())
		code = 1
	}
	stop()
	drain, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(drain); err != nil {
		logger.Warn("drain deadline passed: closing remaining connections", "error", err.Error())
		_ = srv.Close()
	}
	if metricsSrv != nil && metricsSrv.Shutdown(drain) != nil {
		_ = metricsSrv.Close() // a scrape still running after the drain is cut
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) && code == 0 {
		logger.Error("server error", "error", err.Error())
	}
	<-seeded
	logger.Info("stopped")
	return code
}

func storeName(cfg *config.Config) string {
	if cfg.Embedded() {
		return "embedded"
	}
	return "neo4j"
}
