package neo4jstore

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

//go:generate go run ./gen cypher

// MaxHops is the deepest neighbourhood and the longest path the store
// answers: Cypher cannot bind a variable-length bound as a parameter, so
// one statement per bound is generated (gen_*_<n>.cypher) up to this.
const MaxHops = 6

//go:embed cypher/*.cypher
var cypherFiles embed.FS

// statements holds every embedded statement by file name without the
// .cypher suffix. It is the only source of query text in this package.
var statements = func() map[string]string {
	m := map[string]string{}
	err := fs.WalkDir(cypherFiles, "cypher", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := cypherFiles.ReadFile(path)
		if err != nil {
			return err
		}
		name := strings.TrimSuffix(strings.TrimPrefix(path, "cypher/"), ".cypher")
		m[name] = stripComments(string(b))
		return nil
	})
	if err != nil {
		panic(err)
	}
	return m
}()

// names maps statement text back to its file name, so that logged errors
// say which statement failed.
var names = func() map[string]string {
	m := make(map[string]string, len(statements))
	for name, q := range statements {
		m[q] = name
	}
	return m
}()

func statementName(q string) string {
	if n, ok := names[q]; ok {
		return n
	}
	return "statement"
}

// stripComments drops whole-line // comments: they document the files for
// people and the linter, and need not travel to the server on every call.
func stripComments(q string) string {
	var keep []string
	for _, line := range strings.Split(q, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "//") {
			keep = append(keep, line)
		}
	}
	return strings.TrimSpace(strings.Join(keep, "\n"))
}

// stmt returns an embedded statement; a missing name is a programming
// error caught by the package's tests, so it panics.
func stmt(name string) string {
	q, ok := statements[name]
	if !ok {
		panic(fmt.Sprintf("neo4jstore: no statement %q", name))
	}
	return q
}

// schemaStatements lists the schema statements in a stable order, the
// uniqueness constraint first (indexes on the same label follow it).
func schemaStatements() []string {
	var names []string
	for name := range statements {
		if strings.HasPrefix(name, "schema_") || strings.HasPrefix(name, "gen_schema_") {
			names = append(names, name)
		}
	}
	sort.Slice(names, func(i, j int) bool {
		ci, cj := names[i] == "schema_node_id", names[j] == "schema_node_id"
		if ci != cj {
			return ci
		}
		return names[i] < names[j]
	})
	return names
}

// nodeStatement is the fixed-label upsert for kind k.
func nodeStatement(k kg.Kind) string {
	return stmt("gen_node_" + strings.ToLower(string(k)))
}

// edgeStatement is the fixed-type upsert for relationship type t.
func edgeStatement(t kg.RelType) string {
	return stmt("gen_edge_" + strings.ToLower(string(t)))
}

// hopStatement is the generated statement family (neighborhood,
// shortest_path, paths) for a hop bound clamped to [1, MaxHops].
func hopStatement(family string, hops int) string {
	if hops < 1 {
		hops = 1
	}
	if hops > MaxHops {
		hops = MaxHops
	}
	return stmt(fmt.Sprintf("gen_%s_%d", family, hops))
}
