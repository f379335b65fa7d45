// Package neo4jstore stores the knowledge graph in Neo4j 5 over Bolt.
//
// The model is the one a Neo4j user expects: every node carries the shared
// label :Node plus its kind's label (:Agency, :Company, …, :Document),
// facts are typed relationships ([:ISSUED], [:TARGETS], …) whose
// `sources` and `independentSources` properties count the supporting
// documents and story clusters, and evidence rides on the relationship as
// JSON next to the `documents` and `clusters` lists. Labels and types come
// only from the ontology's whitelist (kg.Kinds, kg.RelTypes) through
// generated fixed statements; every value is a parameter.
//
// All Cypher lives in cypher/*.cypher, embedded at build time and linted
// with Neo4j's own parser in CI. Writes run one managed transaction per
// document; reads run through ExecuteQuery with reader routing, one round
// trip per batched call.
package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/newsgraph/newsgraph/kg"
)

var _ kg.Store = (*Store)(nil)

// Store is a kg.Store backed by Neo4j. It holds the process's one driver
// (a connection pool) and is safe for concurrent use.
type Store struct {
	closeOnce  sync.Once
	closeErr   error
	driver     neo4j.DriverWithContext
	cfg        Config
	log        *slog.Logger
	roundTrips atomic.Int64
}

// Open connects to Neo4j, waiting with exponential backoff up to
// cfg.StartupWait while it is unreachable (logging each attempt), then
// creates the schema. The driver is created once and reconnects on its own
// afterwards, so a Neo4j restart needs no re-open.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	return OpenWithLogger(ctx, cfg, slog.Default())
}

// OpenWithLogger is Open with an explicit logger for the start-up lines.
func OpenWithLogger(ctx context.Context, cfg Config, log *slog.Logger) (*Store, error) {
	if cfg.URI == "" {
		return nil, kg.Errorf(kg.CodeInternal, "neo4j: no URI configured")
	}
	cfg = cfg.withDefaults()
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""),
		func(c *config.Config) {
			c.MaxConnectionPoolSize = cfg.MaxConnectionPoolSize
			c.ConnectionAcquisitionTimeout = cfg.ConnectionAcquisitionTimeout
			c.SocketConnectTimeout = 5 * time.Second
			c.MaxTransactionRetryTime = cfg.QueryTimeout
		})
	if err != nil {
		return nil, kg.Wrap(kg.CodeInternal, err, "invalid Neo4j configuration")
	}
	s := &Store{driver: driver, cfg: cfg, log: log}
	if err := s.waitReachable(ctx); err != nil {
		_ = driver.Close(context.Background())
		return nil, err
	}
	if err := s.ensureSchema(ctx); err != nil {
		_ = driver.Close(context.Background())
		return nil, err
	}
	return s, nil
}

// waitReachable retries connectivity with exponential backoff (250 ms
// doubling to 8 s) until it succeeds or StartupWait is spent.
func (s *Store) waitReachable(ctx context.Context) error {
	deadline := time.Now().Add(s.cfg.StartupWait)
	backoff := 250 * time.Millisecond
	for attempt := 1; ; attempt++ {
		err := s.driver.VerifyConnectivity(ctx)
		if err == nil {
			if attempt > 1 {
				s.log.Info("neo4j reachable", "uri", s.cfg.URI, "attempt", attempt)
			}
			return nil
		}
		left := time.Until(deadline)
		if left <= 0 || ctx.Err() != nil {
			s.log.Error("neo4j unreachable, giving up", "uri", s.cfg.URI, "attempts", attempt, "err", err)
			return kg.Wrap(kg.CodeUnavailable, err, "graph database unavailable")
		}
		wait := min(backoff, left)
		s.log.Warn("neo4j not reachable yet, retrying", "uri", s.cfg.URI, "attempt", attempt, "retryIn", wait.String(), "err", err)
		select {
		case <-ctx.Done():
			return kg.Wrap(kg.CodeUnavailable, ctx.Err(), "graph database unavailable")
		case <-time.After(wait):
		}
		backoff = min(backoff*2, 8*time.Second)
	}
}

// ensureSchema creates constraints and indexes idempotently, one statement
// per call as Neo4j requires for schema commands. The uniqueness
// constraint is what keeps IDs unique under concurrent MERGE, so failing
// to create it fails Open; an index the server refuses (an edition or a
// compatible engine without that index type) only slows queries down, so
// it is logged and skipped.
func (s *Store) ensureSchema(ctx context.Context) error {
	for _, name := range schemaStatements() {
		_, err := s.write(ctx, stmt(name), nil)
		if err == nil {
			continue
		}
		var n4j *neo4j.Neo4jError
		if name != "schema_node_id" && errors.As(err, &n4j) && n4j.Classification() == "ClientError" {
			s.log.Warn("neo4j refused an index; continuing without it", "statement", name, "err", n4j.Msg)
			continue
		}
		return err
	}
	return nil
}

// RoundTrips is the number of Cypher statements sent to the server so far.
// Tests assert budgets with it (one per level of a batched GraphQL query).
func (s *Store) RoundTrips() int64 { return s.roundTrips.Load() }

// Ping reports whether Neo4j answers a query; /readyz uses it.
func (s *Store) Ping(ctx context.Context) error {
	_, err := s.read(ctx, stmt("read_ping"), nil)
	return err
}

// Close closes the driver and its pool; calling it again does nothing.
// Writes are durable once their transaction committed, so there is nothing
// to flush.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		if err := s.driver.Close(context.Background()); err != nil {
			s.closeErr = kg.Wrap(kg.CodeInternal, err, "closing the graph database connection")
		}
	})
	return s.closeErr
}

// read runs one read-only statement on a reader.
func (s *Store) read(ctx context.Context, q string, params map[string]any) (*neo4j.EagerResult, error) {
	return s.query(ctx, q, params, neo4j.ExecuteQueryWithReadersRouting())
}

// write runs one auto-retried write statement on the leader.
func (s *Store) write(ctx context.Context, q string, params map[string]any) (*neo4j.EagerResult, error) {
	return s.query(ctx, q, params, neo4j.ExecuteQueryWithWritersRouting())
}

func (s *Store) query(ctx context.Context, q string, params map[string]any, routing neo4j.ExecuteQueryConfigurationOption) (*neo4j.EagerResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, s.wrap(err)
	}
	s.roundTrips.Add(1)
	res, err := neo4j.ExecuteQuery(ctx, s.driver, q, params, neo4j.EagerResultTransformer,
		routing,
		neo4j.ExecuteQueryWithDatabase(s.cfg.Database),
		neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(s.cfg.QueryTimeout)))
	if err != nil {
		return nil, s.wrap(fmt.Errorf("%s: %w", statementName(q), err))
	}
	return res, nil
}

// runTx runs one statement inside a managed transaction, counted.
func (s *Store) runTx(ctx context.Context, tx neo4j.ManagedTransaction, q string, params map[string]any) ([]*neo4j.Record, error) {
	s.roundTrips.Add(1)
	res, err := tx.Run(ctx, q, params)
	if err == nil {
		var recs []*neo4j.Record
		if recs, err = res.Collect(ctx); err == nil {
			return recs, nil
		}
	}
	return nil, fmt.Errorf("%s: %w", statementName(q), err)
}

// wrap turns a driver error into a client-safe kg error: unreachable or
// transient conditions are UNAVAILABLE (retry later), anything else is
// INTERNAL. The driver's text stays in the cause, for logs only.
func (s *Store) wrap(err error) error {
	var ke *kg.Error
	if errors.As(err, &ke) {
		return err
	}
	if unavailable(err) {
		return kg.Wrap(kg.CodeUnavailable, err, "graph database unavailable")
	}
	return kg.Wrap(kg.CodeInternal, err, "graph database error")
}

func unavailable(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return true
	}
	var conn *neo4j.ConnectivityError
	if errors.As(err, &conn) {
		return true
	}
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) {
		return true
	}
	var usage *neo4j.UsageError
	if errors.As(err, &usage) {
		return false
	}
	var n4j *neo4j.Neo4jError
	if errors.As(err, &n4j) {
		return n4j.Classification() == "TransientError"
	}
	return neo4j.IsRetryable(err)
}
