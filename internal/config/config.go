// Package config holds the server's settings. Every option is a command-line
// flag with an environment variable as fallback (flag > env > default), so
// the same binary is configured the twelve-factor way in a container and by
// hand on a laptop. Values are validated once at start: a wrong value stops
// the process with one clear line instead of failing later under traffic.
package config

import (
	"time"

	"github.com/newsgraph/newsgraph/internal/gctune"
)

// Config is the validated configuration of one process.
type Config struct {
	Addr        string // listen address, host:port
	MetricsAddr string // separate listen address of /metrics, open without a token; empty serves it on Addr behind the token
	DataDir     string // embedded store directory
	// SnapshotEvery is how many bytes of log the embedded store writes
	// between snapshots; 0 turns snapshots off.
	SnapshotEvery int64
	SeedDir       string // documents loaded at start; empty disables

	Neo4jURI            string        // empty selects the embedded store
	Neo4jUsername       string        // Neo4j user
	Neo4jPassword       string        // Neo4j password
	Neo4jDatabase       string        // Neo4j database name; empty means the server default
	Neo4jMaxPoolSize    int           // Bolt connection pool size
	Neo4jAcquireTimeout time.Duration // wait for a pooled connection
	Neo4jQueryTimeout   time.Duration // server-side transaction timeout
	Neo4jStartupWait    time.Duration // how long start-up waits for Neo4j with backoff

	APIToken             string   // mutations need "Authorization: Bearer <APIToken>"
	CORSAllowedOrigins   []string // browser origins allowed on /query; may hold one '*' wildcard each
	CORSAllowCredentials bool     // allow cookies/Authorization from browsers

	MaxBodyBytes      int64         // request body limit
	MaxHeaderBytes    int           // request header limit
	ReadHeaderTimeout time.Duration // time to read request headers
	ReadTimeout       time.Duration // time to read a whole request
	WriteTimeout      time.Duration // time to write a response
	IdleTimeout       time.Duration // keep-alive idle time
	RequestTimeout    time.Duration // execution deadline of one GraphQL request
	MaxConcurrent     int           // GraphQL executions at once; the rest wait
	BodyReadTimeout   time.Duration // time for a request body to arrive once the headers have

	MaxSubscriptions     int           // subscriptions open at once (websocket and SSE)
	MaxWebsockets        int           // websocket connections open at once
	WebsocketInitTimeout time.Duration // time for a websocket to send connection_init
	WebsocketIdleTimeout time.Duration // a websocket running no operation this long is closed
	ShutdownTimeout      time.Duration // drain deadline on SIGTERM

	MaxDepth      int // GraphQL selection depth limit
	MaxComplexity int // GraphQL complexity limit
	MaxAliases    int // aliases per document
	MaxTokens     int // parser token limit per document
	MaxPageSize   int // largest accepted "first"/"limit"
	// MaxResponseBytes bounds the text of one GraphQL answer.
	MaxResponseBytes int64
	APQCacheSize     int  // automatic persisted queries cache entries; 0 disables
	Introspection    bool // allow __schema/__type queries
	Playground       bool // serve the GraphiQL playground at /

	GCPercent   int   // the collector's GOGC; gctune.Off disables it
	MemoryLimit int64 // soft heap limit in bytes; 0 automatic, gctune.Off none

	LogLevel  string // debug, info, warn, error
	LogFormat string // auto, json, text

	// typed maps an option's environment variable to the flag that set
	// it, so errors name what the user typed.
	typed map[string]string
}

// GCPolicy is the collector policy the process should run with.
func (c *Config) GCPolicy() gctune.Policy {
	return gctune.Policy{Percent: c.GCPercent, Limit: c.MemoryLimit}
}

// Embedded reports whether the embedded store is selected.
func (c *Config) Embedded() bool { return c.Neo4jURI == "" }
