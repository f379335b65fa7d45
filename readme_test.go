package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/app"
	"github.com/newsgraph/newsgraph/internal/config"
)

var updateReadme = flag.Bool("update", false, "rewrite the answers of README.md's examples from the running product")

// readmeExample matches one checked example in README.md: a marker comment,
// a graphql block (the query as a reader would paste it) and a json block
// (the answer's list, one item per line, as `jq -c '.[]'` prints it).
var readmeExample = regexp.MustCompile("(?s)<!-- example: ([a-z-]+) -->\n```graphql\n(.*?)```\n```json\n(.*?)```\n")

// TestReadmeExamples runs every example query of README.md against the
// production wiring over the seed documents and compares the answer with
// the one the README shows. `go test -run TestReadmeExamples -update .`
// rewrites the shown answers.
func TestReadmeExamples(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	found := readmeExample.FindAllSubmatchIndex(readme, -1)
	if len(found) < 4 {
		t.Fatalf("README.md has %d checked examples; want at least 4", len(found))
	}
	srv := seededServer(t)
	var out bytes.Buffer
	last := 0
	for _, m := range found {
		name, query, shown := string(readme[m[2]:m[3]]), string(readme[m[4]:m[5]]), string(readme[m[6]:m[7]])
		got := answerLines(t, srv, name, query)
		if got != shown && !*updateReadme {
			t.Errorf("example %s: README shows\n%s\nthe product answers\n%s", name, shown, got)
		}
		out.Write(readme[last:m[6]])
		out.WriteString(got)
		last = m[7]
	}
	out.Write(readme[last:])
	if *updateReadme && !bytes.Equal(out.Bytes(), readme) {
		if err := os.WriteFile("README.md", out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// seededServer serves the production handler over a fresh embedded store
// loaded with seed/.
func seededServer(t *testing.T) *httptest.Server {
	t.Helper()
	cfg, _, err := config.Parse("newsgraph", []string{"--data-dir", t.TempDir(), "--seed-dir", "seed"}, func(string) (string, bool) { return "", false }, nil)
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.Open(t.Context(), cfg, logger)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Close() })
	if err := a.LoadSeed(t.Context()); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler("readme-example-token-0123456789"))
	t.Cleanup(srv.Close)
	return srv
}

// answerLines posts the query and renders the value of its one top-level
// field (descending through objects of one field): a list as one compact
// JSON item per line, anything else on one line.
func answerLines(t *testing.T, srv *httptest.Server, name, query string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	resp, err := http.Post(srv.URL+"/query", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("example %s: %v", name, err)
	}
	defer resp.Body.Close()
	var res struct {
		Data   map[string]json.RawMessage `json:"data"`
		Errors []json.RawMessage          `json:"errors"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		t.Fatalf("example %s: decoding the answer: %v", name, err)
	}
	if len(res.Errors) > 0 || len(res.Data) != 1 {
		t.Fatalf("example %s: want one top-level field and no errors, got %d fields, errors %s", name, len(res.Data), res.Errors)
	}
	var value json.RawMessage
	for _, v := range res.Data {
		value = v
	}
	// An object of one field stands for that field: a node asked for one
	// list shows the list.
	for {
		var obj map[string]json.RawMessage
		if json.Unmarshal(value, &obj) != nil || len(obj) != 1 {
			break
		}
		for _, v := range obj {
			value = v
		}
	}
	var items []json.RawMessage
	if err := json.Unmarshal(value, &items); err != nil {
		items = []json.RawMessage{value}
	}
	var b strings.Builder
	for _, it := range items {
		var c bytes.Buffer
		if err := json.Compact(&c, it); err != nil {
			t.Fatal(err)
		}
		b.Write(c.Bytes())
		b.WriteByte('\n')
	}
	return b.String()
}
