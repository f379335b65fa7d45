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
	// flagErr keeps the first bad flag value in our words: the flag
	// package's own message names "-flag" whatever the user typed.
	var flagErr error
	for _, o := range options {
		o := o
		fn := func(v string) error {
			if err := o.set(c, v); err != nil {
				if flagErr == nil {
					flagErr = fmt.Errorf("invalid --%s=%s: %v (env %s)", o.flag, shown(o, v), err, o.env)
				}
				return err
			}
			c.setBy(o.env, "--"+o.flag)
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
		if flagErr != nil {
			return nil, nil, flagErr
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

// setBy records that the option read from env was set by the flag spelt
// as typed, so errors name what the user wrote.
func (c *Config) setBy(env, flag string) {
	if c.typed == nil {
		c.typed = map[string]string{}
	}
	c.typed[env] = flag
}

// name is how an error names an option: the flag when one set it, else its
// environment variable.
func (c *Config) name(env string) string {
	if f, ok := c.typed[env]; ok {
		return f
	}
	return env
}

// Validate checks the rules that involve more than one option. Each error
// names the options as the user set them: --flag or ENV_VAR.
func (c *Config) Validate() error {
	if err := checkAddr(c.name("ADDR"), c.Addr); err != nil {
		return err
	}
	if c.MetricsAddr != "" {
		if err := checkAddr(c.name("METRICS_ADDR"), c.MetricsAddr); err != nil {
			return err
		}
		if c.MetricsAddr == c.Addr {
			return fmt.Errorf("invalid %s=%q: must differ from %s, which serves the API", c.name("METRICS_ADDR"), c.MetricsAddr, c.name("ADDR"))
		}
	}
	if c.Neo4jURI == "" && c.DataDir == "" {
		return fmt.Errorf("invalid %s: must not be empty when %s is unset (the embedded store needs a directory)", c.name("DATA_DIR"), c.name("NEO4J_URI"))
	}
	if c.Neo4jURI != "" {
		u, err := url.Parse(c.Neo4jURI)
		ok := []string{"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}
		if err != nil || !slices.Contains(ok, u.Scheme) || u.Host == "" {
			return fmt.Errorf("invalid %s: want %s://host[:port]", c.name("NEO4J_URI"), strings.Join(ok, "|"))
		}
	}
	if c.CORSAllowCredentials && slices.Contains(c.CORSAllowedOrigins, "*") {
		return fmt.Errorf("invalid %s=\"*\" with %s=true: any-origin CORS with credentials lets every website act as the user; list the origins instead", c.name("CORS_ALLOWED_ORIGINS"), c.name("CORS_ALLOW_CREDENTIALS"))
	}
	if c.WriteTimeout <= c.RequestTimeout {
		return fmt.Errorf("invalid %s=%s: must exceed %s=%s so a timed-out request can still send its error", c.name("WRITE_TIMEOUT"), c.WriteTimeout, c.name("REQUEST_TIMEOUT"), c.RequestTimeout)
	}
	if c.ReadHeaderTimeout > c.ReadTimeout {
		return fmt.Errorf("invalid %s=%s: must not exceed %s=%s", c.name("READ_HEADER_TIMEOUT"), c.ReadHeaderTimeout, c.name("READ_TIMEOUT"), c.ReadTimeout)
	}
	return nil
}

// checkAddr accepts host:port with a port from 0 to 65535.
func checkAddr(name, addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("invalid %s=%q: want host:port, e.g. :8080 or 127.0.0.1:8080", name, addr)
	}
	if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
		return fmt.Errorf("invalid %s=%q: port must be a number 0-65535", name, addr)
	}
	return nil
}
