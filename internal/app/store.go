package app

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"syscall"

	"github.com/newsgraph/newsgraph/internal/config"
	"github.com/newsgraph/newsgraph/kg"
	"github.com/newsgraph/newsgraph/store/embedded"
	"github.com/newsgraph/newsgraph/store/neo4jstore"
)

// openStore opens Neo4j when NEO4J_URI is set, else the embedded store
// under DATA_DIR.
func openStore(ctx context.Context, cfg *config.Config, logger *slog.Logger) (kg.Store, error) {
	if cfg.Embedded() {
		logger.Info("opening the embedded store", "data_dir", cfg.DataDir)
		s, err := embedded.Open(cfg.DataDir, embedded.WithLogger(logger), embedded.WithSnapshotEvery(cfg.SnapshotEvery))
		if err != nil {
			return nil, kg.Wrap(kg.CodeUnavailable, err, "cannot open the embedded store in "+cfg.DataDir)
		}
		return s, nil
	}
	logger.Info("opening the Neo4j store", "uri", cfg.Neo4jURI, "database", cfg.Neo4jDatabase)
	s, err := neo4jstore.OpenWithLogger(ctx, neo4jstore.Config{
		URI:                          cfg.Neo4jURI,
		Username:                     cfg.Neo4jUsername,
		Password:                     cfg.Neo4jPassword,
		Database:                     cfg.Neo4jDatabase,
		MaxConnectionPoolSize:        cfg.Neo4jMaxPoolSize,
		ConnectionAcquisitionTimeout: cfg.Neo4jAcquireTimeout,
		QueryTimeout:                 cfg.Neo4jQueryTimeout,
		StartupWait:                  cfg.Neo4jStartupWait,
	}, logger)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// IsLocked reports whether err says the embedded store's directory is
// held by another process (a running server, or another ingest). The
// store's message is matched as well as the errno, because the store
// reports the lock in words without wrapping the errno.
func IsLocked(err error) bool {
	return err != nil && (errors.Is(err, syscall.EWOULDBLOCK) || strings.Contains(err.Error(), " is locked"))
}
