package neo4jstore

import (
	"os"
	"strconv"
	"time"
)

// Config says how to reach Neo4j. The zero value of each field except URI
// means "use the default" (see withDefaults), so callers set only what they
// need.
type Config struct {
	URI      string // bolt://host:7687, neo4j://host (routing), neo4j+s://… for Aura
	Username string
	Password string
	Database string // "" is the server's default database

	// MaxConnectionPoolSize caps connections per server (driver default 100).
	MaxConnectionPoolSize int
	// ConnectionAcquisitionTimeout bounds the wait for a pooled connection.
	ConnectionAcquisitionTimeout time.Duration
	// QueryTimeout bounds every transaction on the server side.
	QueryTimeout time.Duration
	// StartupWait is how long Open keeps retrying, with exponential
	// backoff, while Neo4j is not reachable yet (containers start together).
	StartupWait time.Duration
}

// ConfigFromEnv reads the variables Neo4j's own tools use (NEO4J_URI,
// NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE) plus NEO4J_MAX_POOL_SIZE,
// NEO4J_ACQUISITION_TIMEOUT, NEO4J_QUERY_TIMEOUT and NEO4J_STARTUP_WAIT
// (Go durations). Unparseable numbers fall back to the defaults.
func ConfigFromEnv() Config {
	c := Config{
		URI:      os.Getenv("NEO4J_URI"),
		Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
	if n, err := strconv.Atoi(os.Getenv("NEO4J_MAX_POOL_SIZE")); err == nil {
		c.MaxConnectionPoolSize = n
	}
	dur := func(key string) time.Duration {
		d, _ := time.ParseDuration(os.Getenv(key))
		return d
	}
	c.ConnectionAcquisitionTimeout = dur("NEO4J_ACQUISITION_TIMEOUT")
	c.QueryTimeout = dur("NEO4J_QUERY_TIMEOUT")
	c.StartupWait = dur("NEO4J_STARTUP_WAIT")
	return c
}

func (c Config) withDefaults() Config {
	if c.Username == "" {
		c.Username = "neo4j"
	}
	if c.MaxConnectionPoolSize <= 0 {
		c.MaxConnectionPoolSize = 50
	}
	if c.ConnectionAcquisitionTimeout <= 0 {
		c.ConnectionAcquisitionTimeout = 10 * time.Second
	}
	if c.QueryTimeout <= 0 {
		c.QueryTimeout = 30 * time.Second
	}
	if c.StartupWait <= 0 {
		c.StartupWait = time.Minute
	}
	return c
}
