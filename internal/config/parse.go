package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// ErrHelp is returned by Parse when -h or --help was asked for; the caller
// prints Usage and exits 0.
var ErrHelp = flag.ErrHelp

// Parse builds the configuration from defaults, then the environment (read
// through lookupEnv, os.LookupEnv in production), then args, and validates it. extra, when not nil, adds
// command-specific flags (the ingest command's metadata) to the same flag
// set; their values land wherever extra binds them. The returned flag set
// holds the remaining positional arguments. Every error is one line that
// names the option, its environment variable and what is wrong.
func Parse(name string, args []string, lookupEnv func(string) (string, bool), extra func(*flag.FlagSet)) (*Config, *flag.FlagSet, error) {
	c := &Config{}
	for _, o := range options {
		if err := o.set(c, o.def); err != nil {
			// A default that does not parse is a programming error.
			panic(fmt.Sprintf("config: default of %s: %v", o.flag, err))
		}
	}
	for _, o := range options {
		v, ok := lookup(lookupEnv, o.env)
		if !ok {
			continue
		}
		if err := o.set(c, v); err != nil {
			return nil, nil, fmt.Errorf("invalid %s=%s: %v", o.env, shown(o, v), err)
		}
	}

	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	for _, o := range options {
		o := o
		fn := func(v string) error {
			if err := o.set(c, v); err != nil {
				return fmt.Errorf("%v (env %s)", err, o.env)
			}
			return nil
		}
		if o.isBool {
			fs.BoolFunc(o.flag, o.usage, fn)
		} else {
			fs.Func(o.flag, o.usage, fn)
		}
	}
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, fs, ErrHelp
		}
		return nil, nil, errors.New(strings.TrimSpace(strings.ReplaceAll(err.Error(), "\n", " ")))
	}
	if err := c.Validate(); err != nil {
		return nil, nil, err
	}
	return c, fs, nil
}

// lookup reads an environment variable. Set-but-empty counts as set, so
// SEED_DIR= disables the seed load as documented.
func lookup(lookupEnv func(string) (string, bool), key string) (string, bool) {
	if lookupEnv == nil {
		return "", false
	}
	return lookupEnv(key)
}

func shown(o option, v string) string {
	if o.secret {
		return "<redacted>"
	}
	return strconv.Quote(v)
}

// Validate checks the rules that involve more than one option.
func (c *Config) Validate() error {
	host, port, err := net.SplitHostPort(c.Addr)
	if err != nil {
		return fmt.Errorf("invalid ADDR=%q: want host:port, e.g. :8080 or 127.0.0.1:8080", c.Addr)
	}
	if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
		return fmt.Errorf("invalid ADDR=%q: port must be a number 0-65535", c.Addr)
	}
	_ = host
	if c.Neo4jURI == "" && c.DataDir == "" {
		return fmt.Errorf("invalid DATA_DIR: must not be empty when NEO4J_URI is unset (the embedded store needs a directory)")
	}
	if c.Neo4jURI != "" {
		u, err := url.Parse(c.Neo4jURI)
		ok := []string{"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}
		if err != nil || !slices.Contains(ok, u.Scheme) || u.Host == "" {
			return fmt.Errorf("invalid NEO4J_URI: want %s://host[:port]", strings.Join(ok, "|"))
		}
	}
	if c.CORSAllowCredentials && slices.Contains(c.CORSAllowedOrigins, "*") {
		return fmt.Errorf("invalid CORS_ALLOWED_ORIGINS=\"*\" with CORS_ALLOW_CREDENTIALS=true: any-origin CORS with credentials lets every website act as the user; list the origins instead")
	}
	if c.WriteTimeout <= c.RequestTimeout {
		return fmt.Errorf("invalid WRITE_TIMEOUT=%s: must exceed REQUEST_TIMEOUT=%s so a timed-out request can still send its error", c.WriteTimeout, c.RequestTimeout)
	}
	if c.ReadHeaderTimeout > c.ReadTimeout {
		return fmt.Errorf("invalid READ_HEADER_TIMEOUT=%s: must not exceed READ_TIMEOUT=%s", c.ReadHeaderTimeout, c.ReadTimeout)
	}
	return nil
}
