package config

import (
	"bytes"
	"errors"
	"flag"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestDefaults(t *testing.T) {
	c, fs, err := Parse("newsgraph", nil, env(nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.DataDir != "./data" || c.SeedDir != "./seed" || !c.Embedded() {
		t.Errorf("defaults: %+v", c)
	}
	if c.APIToken != "" || c.CORSAllowCredentials || !c.Introspection || c.MaxBodyBytes != 10<<20 {
		t.Errorf("defaults: %+v", c)
	}
	if strings.Join(c.CORSAllowedOrigins, ",") != DefaultCORSOrigins {
		t.Errorf("origins %v", c.CORSAllowedOrigins)
	}
	if len(fs.Args()) != 0 {
		t.Errorf("args %v", fs.Args())
	}
}

func TestPrecedence(t *testing.T) {
	c, fs, err := Parse("x", []string{"--addr", "127.0.0.1:9000", "--introspection=false", "ingest", "a.txt"},
		env(map[string]string{"ADDR": ":7000", "DATA_DIR": "/var/lib/ng", "SEED_DIR": "", "REQUEST_TIMEOUT": "5s", "MAX_BODY_BYTES": "512KiB"}), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:9000" {
		t.Errorf("flag should beat env: %s", c.Addr)
	}
	if c.DataDir != "/var/lib/ng" || c.SeedDir != "" || c.RequestTimeout != 5*time.Second || c.MaxBodyBytes != 512<<10 || c.Introspection {
		t.Errorf("got %+v", c)
	}
	if got := strings.Join(fs.Args(), " "); got != "ingest a.txt" {
		t.Errorf("rest %q", got)
	}
}

func TestInvalid(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		args []string
		want string // substring of the one-line error
	}{
		{"bad addr", map[string]string{"ADDR": "8080"}, nil, "ADDR"},
		{"bad port", map[string]string{"ADDR": ":99999"}, nil, "port"},
		{"bad int", map[string]string{"MAX_QUERY_DEPTH": "deep"}, nil, "MAX_QUERY_DEPTH"},
		{"int range", map[string]string{"MAX_QUERY_DEPTH": "0"}, nil, "between"},
		{"bad duration", map[string]string{"REQUEST_TIMEOUT": "10"}, nil, "REQUEST_TIMEOUT"},
		{"negative duration", nil, []string{"--read-timeout", "-1s"}, "READ_TIMEOUT"},
		{"bad size", map[string]string{"MAX_BODY_BYTES": "lots"}, nil, "MAX_BODY_BYTES"},
		{"bad bool", map[string]string{"INTROSPECTION": "maybe"}, nil, "INTROSPECTION"},
		{"bad level", map[string]string{"LOG_LEVEL": "loud"}, nil, "LOG_LEVEL"},
		{"bad format", nil, []string{"--log-format=xml"}, "json"},
		{"wildcard with credentials", map[string]string{"CORS_ALLOWED_ORIGINS": "*", "CORS_ALLOW_CREDENTIALS": "true"}, nil, "credentials"},
		{"bad origin", map[string]string{"CORS_ALLOWED_ORIGINS": "localhost:3000"}, nil, "origin"},
		{"origin with path", map[string]string{"CORS_ALLOWED_ORIGINS": "https://a.example/app"}, nil, "path"},
		{"two wildcards", map[string]string{"CORS_ALLOWED_ORIGINS": "https://*.example:*"}, nil, "wildcard"},
		{"short token", map[string]string{"API_TOKEN": "abc"}, nil, "16"},
		{"bad neo4j", map[string]string{"NEO4J_URI": "http://db:7474"}, nil, "NEO4J_URI"},
		{"write below request", map[string]string{"WRITE_TIMEOUT": "5s", "REQUEST_TIMEOUT": "10s"}, nil, "WRITE_TIMEOUT"},
		{"empty data dir", map[string]string{"DATA_DIR": ""}, nil, "DATA_DIR"},
		{"unknown flag", nil, []string{"--nope"}, "nope"},
		{"bad metrics addr", map[string]string{"METRICS_ADDR": "9090"}, nil, "METRICS_ADDR"},
		{"metrics addr is the API's", nil, []string{"--addr", ":9000", "--metrics-addr", ":9000"}, "--metrics-addr"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Parse("x", tc.args, env(tc.env), nil)
			if err == nil {
				t.Fatal("accepted")
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
				t.Errorf("error %q: want one line mentioning %q", msg, tc.want)
			}
		})
	}
}

func TestSecretsNotEchoed(t *testing.T) {
	_, _, err := Parse("x", nil, env(map[string]string{"API_TOKEN": "short secret"}), nil)
	if err == nil || strings.Contains(err.Error(), "short secret") {
		t.Fatalf("error %v echoes the secret", err)
	}
}

func TestValidValues(t *testing.T) {
	c, _, err := Parse("x", nil, env(map[string]string{
		"CORS_ALLOWED_ORIGINS": "https://app.example.com, https://*.example.org/",
		"NEO4J_URI":            "neo4j+s://db.example.com:7687",
		"DATA_DIR":             "",
		"API_TOKEN":            "0123456789abcdef0123",
		"MAX_HEADER_BYTES":     "1MB",
	}), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.CORSAllowedOrigins, " "); got != "https://app.example.com https://*.example.org" {
		t.Errorf("origins %q", got)
	}
	if c.Embedded() || c.MaxHeaderBytes != 1e6 || c.APIToken != "0123456789abcdef0123" {
		t.Errorf("got %+v", c)
	}
}

func TestHelpDocumentsEveryOption(t *testing.T) {
	var title string
	_, fs, err := Parse("x", []string{"--help"}, env(nil), func(fs *flag.FlagSet) { fs.StringVar(&title, "title", "", "document title") })
	if !errors.Is(err, ErrHelp) {
		t.Fatalf("err %v", err)
	}
	var b bytes.Buffer
	Usage(&b, fs, "usage: x")
	out := b.String()
	for _, o := range Options() {
		if !strings.Contains(out, "--"+o.Flag) || !strings.Contains(out, "env "+o.Env) {
			t.Errorf("help misses %s/%s", o.Flag, o.Env)
		}
	}
	if !strings.Contains(out, "--title") {
		t.Error("help misses the command's own flag")
	}
}

// TestErrorsNameWhatWasTyped: an option set by flag is named as the flag,
// one set in the environment by its variable, in single-option and
// cross-option errors alike.
func TestErrorsNameWhatWasTyped(t *testing.T) {
	cases := []struct {
		env       map[string]string
		args      []string
		want, not string
	}{
		{nil, []string{"--addr", "8080"}, `invalid --addr="8080"`, "ADDR="},
		{map[string]string{"ADDR": "8080"}, nil, `invalid ADDR="8080"`, "--addr"},
		{nil, []string{"--read-timeout", "-1s"}, `invalid --read-timeout="-1s": must be positive`, "-read-timeout: "},
		{nil, []string{"-max-query-depth=0"}, "invalid --max-query-depth=", "flag -max"},
		{nil, []string{"--write-timeout", "5s", "--request-timeout", "10s"}, "invalid --write-timeout=5s: must exceed --request-timeout=10s", "WRITE_TIMEOUT="},
		{map[string]string{"REQUEST_TIMEOUT": "10s"}, []string{"--write-timeout=5s"}, "invalid --write-timeout=5s: must exceed REQUEST_TIMEOUT=10s", "WRITE_TIMEOUT="},
		{map[string]string{"CORS_ALLOW_CREDENTIALS": "true"}, []string{"--cors-allowed-origins", "*"}, `invalid --cors-allowed-origins="*" with CORS_ALLOW_CREDENTIALS=true`, "\n"},
		{nil, []string{"--api-token", "short"}, "invalid --api-token=<redacted>", "short"},
	}
	for _, tc := range cases {
		_, _, err := Parse("x", tc.args, env(tc.env), nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), tc.not) {
			t.Errorf("%v %v: error %v, want %q and not %q", tc.env, tc.args, err, tc.want, tc.not)
		}
	}
}

func TestSnapshotEvery(t *testing.T) {
	for v, want := range map[string]int64{"": 64 << 20, "off": 0, "1GiB": 1 << 30, "500MB": 500e6} {
		m := map[string]string{}
		if v != "" {
			m["SNAPSHOT_EVERY"] = v
		}
		c, _, err := Parse("newsgraph", nil, env(m), nil)
		if err != nil {
			t.Fatalf("SNAPSHOT_EVERY=%q: %v", v, err)
		}
		if c.SnapshotEvery != want {
			t.Errorf("SNAPSHOT_EVERY=%q: %d, want %d", v, c.SnapshotEvery, want)
		}
	}
	if _, _, err := Parse("newsgraph", nil, env(map[string]string{"SNAPSHOT_EVERY": "lots"}), nil); err == nil {
		t.Error("SNAPSHOT_EVERY=lots accepted")
	}
}
