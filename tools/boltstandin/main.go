// Command boltstandin serves an in-memory, Bolt-speaking Cypher engine
// (NornicDB) on loopback so the Neo4j store's contract suite can run over a
// real Bolt connection through neo4j-go-driver on a machine without Neo4j.
//
// It lives in its own Go module so the product never depends on NornicDB,
// which only links with `-tags nolocalllm`:
//
//	go build -tags nolocalllm -o boltstandin . && ./boltstandin -port 7687
//
// It is a test tool, not a database: everything is lost when it exits, and
// it accepts any credentials.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/orneryd/nornicdb/pkg/bolt"
	"github.com/orneryd/nornicdb/pkg/cypher"
	"github.com/orneryd/nornicdb/pkg/storage"
	"github.com/orneryd/nornicdb/pkg/txsession"
)

func main() {
	port := flag.Int("port", 7687, "loopback TCP port to listen on")
	logQueries := flag.Bool("log-queries", false, "log every Cypher statement received")
	flag.Parse()

	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	engine := storage.NewNamespacedEngine(storage.NewMemoryEngine(), "nornic")
	base := cypher.NewStorageExecutor(engine)
	txs := txsession.NewManager(time.Minute, func(string) (*cypher.StorageExecutor, error) {
		return cypher.NewStorageExecutor(engine), nil
	})

	cfg := bolt.DefaultConfig()
	cfg.Host = "127.0.0.1" // never reachable from outside the machine
	cfg.Port = *port
	cfg.LogQueries = *logQueries
	cfg.Logger = logger
	srv := bolt.New(cfg, &executor{base: base, txs: txs})

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		<-stop
		_ = srv.Close()
	}()
	logger.Info("bolt stand-in starting", "addr", fmt.Sprintf("127.0.0.1:%d", *port))
	if err := srv.ListenAndServe(); err != nil {
		logger.Error("bolt stand-in failed", "err", err)
		os.Exit(1)
	}
}

// executor adapts NornicDB's Cypher executor to the Bolt server. Each Bolt
// connection gets its own instance (NewSessionExecutor) because explicit
// transactions are per connection; without BEGIN/COMMIT support the
// driver's managed transactions would not be atomic.
type executor struct {
	base *cypher.StorageExecutor
	txs  *txsession.Manager

	mu sync.Mutex
	tx *txsession.Session
}

// NewSessionExecutor gives each connection its own transaction slot.
func (e *executor) NewSessionExecutor() bolt.QueryExecutor {
	return &executor{base: e.base, txs: e.txs}
}

// Execute runs one statement, inside the open transaction if there is one.
func (e *executor) Execute(ctx context.Context, query string, params map[string]any) (*bolt.QueryResult, error) {
	e.mu.Lock()
	tx := e.tx
	e.mu.Unlock()
	var (
		res *cypher.ExecuteResult
		err error
	)
	params, _ = encodeValue(params).(map[string]any)
	if tx != nil {
		res, err = e.txs.ExecuteInSession(ctx, tx, query, params)
	} else {
		res, err = e.base.Execute(ctx, query, params)
	}
	if err != nil {
		return nil, err
	}
	rows := make([][]any, len(res.Rows))
	for i, row := range res.Rows {
		rows[i] = decodeValue(row).([]any)
	}
	return &bolt.QueryResult{Columns: res.Columns, Rows: rows, Metadata: res.Metadata}, nil
}

// BeginTransaction opens an explicit transaction for this connection.
func (e *executor) BeginTransaction(ctx context.Context, _ map[string]any) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.tx != nil {
		return fmt.Errorf("transaction already active")
	}
	s, err := e.txs.Open(ctx, "nornic")
	if err != nil {
		return err
	}
	e.tx = s
	return nil
}

// CommitTransaction commits the open transaction, if any.
func (e *executor) CommitTransaction(ctx context.Context) error {
	e.mu.Lock()
	tx := e.tx
	e.tx = nil
	e.mu.Unlock()
	if tx == nil {
		return nil
	}
	_, err := e.txs.CommitAndDelete(ctx, tx)
	return err
}

// RollbackTransaction discards the open transaction, if any.
func (e *executor) RollbackTransaction(ctx context.Context) error {
	e.mu.Lock()
	tx := e.tx
	e.tx = nil
	e.mu.Unlock()
	if tx == nil {
		return nil
	}
	return e.txs.RollbackAndDelete(ctx, tx)
}
