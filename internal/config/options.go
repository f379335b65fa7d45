package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/gctune"
)

// option is one setting: its flag, its environment variable, its default
// (as text, parsed by set exactly like user input so defaults cannot drift
// from what validation accepts) and how it lands in Config.
type option struct {
	flag, env, def, usage string
	isBool                bool
	secret                bool // never echoed back in errors or help
	set                   func(c *Config, v string) error
}

// DefaultCORSOrigins are the browser origins allowed when
// CORS_ALLOWED_ORIGINS is unset: pages served from this machine only.
const DefaultCORSOrigins = "http://localhost:*,http://127.0.0.1:*"

// options lists every setting in the order --help shows them.
var options = []option{
	{flag: "addr", env: "ADDR", def: ":8080", usage: "listen address (host:port)", set: str(func(c *Config) *string { return &c.Addr })},
	{flag: "metrics-addr", env: "METRICS_ADDR", def: "", usage: "listen address (host:port) of a separate /metrics listener that needs no token; keep it private (loopback or an internal network). Empty serves /metrics on --addr, where it needs the API token like mutations", set: str(func(c *Config) *string { return &c.MetricsAddr })},
	{flag: "data-dir", env: "DATA_DIR", def: "./data", usage: "directory of the embedded store", set: str(func(c *Config) *string { return &c.DataDir })},
	{flag: "seed-dir", env: "SEED_DIR", def: "./seed", usage: "documents (*.txt, *.md) loaded idempotently at start; empty disables", set: str(func(c *Config) *string { return &c.SeedDir })},

	{flag: "neo4j-uri", env: "NEO4J_URI", def: "", usage: "Bolt URI of Neo4j (bolt://, neo4j://, +s, +ssc); empty uses the embedded store", set: str(func(c *Config) *string { return &c.Neo4jURI })},
	{flag: "neo4j-username", env: "NEO4J_USERNAME", def: "neo4j", usage: "Neo4j user", set: str(func(c *Config) *string { return &c.Neo4jUsername })},
	{flag: "neo4j-password", env: "NEO4J_PASSWORD", def: "", usage: "Neo4j password", secret: true, set: str(func(c *Config) *string { return &c.Neo4jPassword })},
	{flag: "neo4j-database", env: "NEO4J_DATABASE", def: "", usage: "Neo4j database; empty uses the server's default database", set: str(func(c *Config) *string { return &c.Neo4jDatabase })},
	{flag: "neo4j-max-pool-size", env: "NEO4J_MAX_POOL_SIZE", def: "50", usage: "Bolt connection pool size", set: intIn(func(c *Config) *int { return &c.Neo4jMaxPoolSize }, 1, 10000)},
	{flag: "neo4j-acquisition-timeout", env: "NEO4J_ACQUISITION_TIMEOUT", def: "10s", usage: "how long a request waits for a pooled Bolt connection", set: dur(func(c *Config) *time.Duration { return &c.Neo4jAcquireTimeout })},
	{flag: "neo4j-query-timeout", env: "NEO4J_QUERY_TIMEOUT", def: "30s", usage: "server-side timeout of one Neo4j transaction", set: dur(func(c *Config) *time.Duration { return &c.Neo4jQueryTimeout })},
	{flag: "neo4j-startup-wait", env: "NEO4J_STARTUP_WAIT", def: "1m", usage: "how long start-up retries (with backoff) while Neo4j is unreachable", set: dur(func(c *Config) *time.Duration { return &c.Neo4jStartupWait })},

	{flag: "api-token", env: "API_TOKEN", def: "", usage: "token mutations need (Authorization: Bearer <token>); unset generates a random one and logs it", secret: true, set: token},
	{flag: "cors-allowed-origins", env: "CORS_ALLOWED_ORIGINS", def: DefaultCORSOrigins, usage: "comma-separated browser origins allowed on /query, each may hold one '*' wildcard; '*' alone allows any origin (refused with credentials)", set: origins},
	{flag: "cors-allow-credentials", env: "CORS_ALLOW_CREDENTIALS", def: "false", usage: "let browsers send credentials cross-origin (never together with origin '*')", isBool: true, set: boolean(func(c *Config) *bool { return &c.CORSAllowCredentials })},

	{flag: "snapshot-every", env: "SNAPSHOT_EVERY", def: "64MiB", usage: "embedded store: log bytes written between two snapshots of the graph (a restart loads the newest snapshot and replays only the log after it); 'off' replays the whole log at every start", set: func(c *Config, v string) error {
		if strings.TrimSpace(v) == "off" {
			c.SnapshotEvery = 0
			return nil
		}
		return bytesIn(func(c *Config) *int64 { return &c.SnapshotEvery })(c, v)
	}},
	{flag: "max-body-bytes", env: "MAX_BODY_BYTES", def: "10MiB", usage: "largest accepted request body (bytes, or with KiB/MiB/GiB suffix); larger gets 413", set: bytesIn(func(c *Config) *int64 { return &c.MaxBodyBytes })},
	{flag: "max-header-bytes", env: "MAX_HEADER_BYTES", def: "64KiB", usage: "largest accepted request header block", set: func(c *Config, v string) error {
		n, err := parseBytes(v)
		if err == nil && n > 1<<30 {
			err = fmt.Errorf("must be at most 1GiB")
		}
		c.MaxHeaderBytes = int(n)
		return err
	}},
	{flag: "read-header-timeout", env: "READ_HEADER_TIMEOUT", def: "10s", usage: "time allowed to read request headers (slowloris guard)", set: dur(func(c *Config) *time.Duration { return &c.ReadHeaderTimeout })},
	{flag: "read-timeout", env: "READ_TIMEOUT", def: "30s", usage: "time allowed to read a whole request", set: dur(func(c *Config) *time.Duration { return &c.ReadTimeout })},
	{flag: "write-timeout", env: "WRITE_TIMEOUT", def: "60s", usage: "time allowed to write a response (must exceed request-timeout)", set: dur(func(c *Config) *time.Duration { return &c.WriteTimeout })},
	{flag: "idle-timeout", env: "IDLE_TIMEOUT", def: "120s", usage: "keep-alive connection idle time", set: dur(func(c *Config) *time.Duration { return &c.IdleTimeout })},
	{flag: "request-timeout", env: "REQUEST_TIMEOUT", def: "30s", usage: "execution deadline of one GraphQL request; cancels its store work", set: dur(func(c *Config) *time.Duration { return &c.RequestTimeout })},
	{flag: "max-concurrent-requests", env: "MAX_CONCURRENT_REQUESTS", def: "32", usage: "GraphQL executions running at once; more wait in line (up to request-timeout, then 503)", set: intIn(func(c *Config) *int { return &c.MaxConcurrent }, 1, 100000)},
	{flag: "body-read-timeout", env: "BODY_READ_TIMEOUT", def: "10s", usage: "time allowed for a /query request body to arrive once its headers have (408 after); no execution slot is held meanwhile", set: dur(func(c *Config) *time.Duration { return &c.BodyReadTimeout })},
	{flag: "max-subscriptions", env: "MAX_SUBSCRIPTIONS", def: "1000", usage: "subscriptions open at once over websockets and server-sent events; more are refused with UNAVAILABLE", set: intIn(func(c *Config) *int { return &c.MaxSubscriptions }, 1, 1000000)},
	{flag: "max-websockets", env: "MAX_WEBSOCKETS", def: "500", usage: "websocket connections open at once; more are refused with 503", set: intIn(func(c *Config) *int { return &c.MaxWebsockets }, 1, 1000000)},
	{flag: "websocket-init-timeout", env: "WEBSOCKET_INIT_TIMEOUT", def: "10s", usage: "time a websocket has to send connection_init before it is closed", set: dur(func(c *Config) *time.Duration { return &c.WebsocketInitTimeout })},
	{flag: "websocket-idle-timeout", env: "WEBSOCKET_IDLE_TIMEOUT", def: "5m", usage: "a websocket that runs no operation (query or subscription) for this long is closed", set: dur(func(c *Config) *time.Duration { return &c.WebsocketIdleTimeout })},
	{flag: "shutdown-timeout", env: "SHUTDOWN_TIMEOUT", def: "25s", usage: "on SIGTERM/SIGINT, how long in-flight requests may drain before the store is closed", set: dur(func(c *Config) *time.Duration { return &c.ShutdownTimeout })},

	{flag: "max-query-depth", env: "MAX_QUERY_DEPTH", def: "15", usage: "deepest accepted GraphQL selection nesting", set: intIn(func(c *Config) *int { return &c.MaxDepth }, 1, 1000)},
	{flag: "max-query-complexity", env: "MAX_QUERY_COMPLEXITY", def: "50000", usage: "highest accepted GraphQL query complexity", set: intIn(func(c *Config) *int { return &c.MaxComplexity }, 1, 100000000)},
	{flag: "max-query-aliases", env: "MAX_QUERY_ALIASES", def: "100", usage: "most aliases accepted in one GraphQL document", set: intIn(func(c *Config) *int { return &c.MaxAliases }, 1, 100000)},
	{flag: "max-query-tokens", env: "MAX_QUERY_TOKENS", def: "10000", usage: "most lexical tokens accepted in one GraphQL document", set: intIn(func(c *Config) *int { return &c.MaxTokens }, 10, 10000000)},
	{flag: "max-page-size", env: "MAX_PAGE_SIZE", def: "100", usage: "largest accepted first/limit argument", set: intIn(func(c *Config) *int { return &c.MaxPageSize }, 1, 1000000)},
	{flag: "max-response-bytes", env: "MAX_RESPONSE_BYTES", def: "16MiB", usage: "largest GraphQL answer (its text: document texts, quotes, names); a larger one is replaced by a RESPONSE_TOO_LARGE error", set: bytesIn(func(c *Config) *int64 { return &c.MaxResponseBytes })},
	{flag: "apq-cache-size", env: "APQ_CACHE_SIZE", def: "1000", usage: "automatic persisted query cache entries; 0 disables APQ", set: intIn(func(c *Config) *int { return &c.APQCacheSize }, 0, 10000000)},
	{flag: "introspection", env: "INTROSPECTION", def: "true", usage: "allow GraphQL introspection (__schema, __type)", isBool: true, set: boolean(func(c *Config) *bool { return &c.Introspection })},
	{flag: "playground", env: "PLAYGROUND", def: "true", usage: "serve the GraphiQL playground at /", isBool: true, set: boolean(func(c *Config) *bool { return &c.Playground })},

	{flag: "gc-percent", env: "GOGC", def: strconv.Itoa(gctune.DefaultPercent), usage: "garbage collector target while serving: heap growth between collections, in percent of the live heap (the runtime's GOGC, 'off' disables); above the runtime's 100 because the live heap is mostly the graph, which every collection marks again. Applied once the store is open; set in the environment it also holds for opening the store and for ingest", set: func(c *Config, v string) error {
		n, err := gctune.ParsePercent(v)
		c.GCPercent = n
		return err
	}},
	{flag: "memory-limit", env: "GOMEMLIMIT", def: "auto", usage: "soft heap limit while serving (the runtime's GOMEMLIMIT: e.g. 4GiB, or 'off'); 'auto' is 70% of the machine's or container's memory. Near it the collector runs more often", set: func(c *Config, v string) error {
		n, err := gctune.ParseLimit(v)
		c.MemoryLimit = n
		return err
	}},

	{flag: "log-level", env: "LOG_LEVEL", def: "info", usage: "debug, info, warn or error", set: oneOf(func(c *Config) *string { return &c.LogLevel }, "debug", "info", "warn", "error")},
	{flag: "log-format", env: "LOG_FORMAT", def: "auto", usage: "json, text, or auto (JSON unless stderr is a terminal)", set: oneOf(func(c *Config) *string { return &c.LogFormat }, "auto", "json", "text")},
}

func str(field func(*Config) *string) func(*Config, string) error {
	return func(c *Config, v string) error { *field(c) = strings.TrimSpace(v); return nil }
}

func oneOf(field func(*Config) *string, allowed ...string) func(*Config, string) error {
	return func(c *Config, v string) error {
		v = strings.ToLower(strings.TrimSpace(v))
		for _, a := range allowed {
			if v == a {
				*field(c) = v
				return nil
			}
		}
		return fmt.Errorf("want one of %s", strings.Join(allowed, ", "))
	}
}

func intIn(field func(*Config) *int, lo, hi int) func(*Config, string) error {
	return func(c *Config, v string) error {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("not an integer")
		}
		if n < lo || n > hi {
			return fmt.Errorf("must be between %d and %d", lo, hi)
		}
		*field(c) = n
		return nil
	}
}

func dur(field func(*Config) *time.Duration) func(*Config, string) error {
	return func(c *Config, v string) error {
		d, err := time.ParseDuration(strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("not a duration (use e.g. 500ms, 30s, 2m)")
		}
		if d <= 0 {
			return fmt.Errorf("must be positive")
		}
		if d > 24*time.Hour {
			return fmt.Errorf("must be at most 24h")
		}
		*field(c) = d
		return nil
	}
}

func boolean(field func(*Config) *bool) func(*Config, string) error {
	return func(c *Config, v string) error {
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("want true or false")
		}
		*field(c) = b
		return nil
	}
}

func bytesIn(field func(*Config) *int64) func(*Config, string) error {
	return func(c *Config, v string) error {
		n, err := parseBytes(v)
		if err != nil {
			return err
		}
		*field(c) = n
		return nil
	}
}

// parseBytes reads "1048576", "512KiB", "10MiB", "1GiB" (KB/MB/GB are read
// as powers of 1000). The result is between 1 byte and 64 GiB.
func parseBytes(v string) (int64, error) {
	s := strings.TrimSpace(v)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.m
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("not a size (use e.g. 1048576, 512KiB, 10MiB)")
	}
	if n <= 0 || n > (64<<30)/mult {
		return 0, fmt.Errorf("must be between 1 byte and 64GiB")
	}
	return n * mult, nil
}

func token(c *Config, v string) error {
	v = strings.TrimSpace(v)
	if v != "" && len(v) < 16 {
		return fmt.Errorf("must be at least 16 characters (or unset to generate one)")
	}
	if strings.ContainsAny(v, " \t\r\n") {
		return fmt.Errorf("must not contain whitespace")
	}
	c.APIToken = v
	return nil
}

func origins(c *Config, v string) error {
	var out []string
	for _, o := range strings.Split(v, ",") {
		o = strings.TrimSpace(o)
		if o == "" {
			continue
		}
		if err := checkOrigin(o); err != nil {
			return err
		}
		out = append(out, strings.TrimSuffix(o, "/"))
	}
	c.CORSAllowedOrigins = out
	return nil
}

// checkOrigin accepts "*" or scheme://host[:port] with at most one '*'
// wildcard, which is what rs/cors can match.
func checkOrigin(o string) error {
	if o == "*" {
		return nil
	}
	scheme, rest, ok := strings.Cut(o, "://")
	if !ok || (scheme != "http" && scheme != "https") || rest == "" {
		return fmt.Errorf("origin %q: want http(s)://host[:port]", o)
	}
	if strings.Count(o, "*") > 1 {
		return fmt.Errorf("origin %q: at most one '*' wildcard", o)
	}
	if strings.ContainsAny(strings.TrimSuffix(rest, "/"), "/?#@ ") {
		return fmt.Errorf("origin %q: an origin has no path, query, user or spaces", o)
	}
	return nil
}
