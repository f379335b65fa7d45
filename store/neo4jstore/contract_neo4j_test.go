package neo4jstore

import (
	"context"
	_ "embed"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/kg"
	"github.com/newsgraph/newsgraph/store/storetest"
)

//go:embed testdata/wipe.cypher
var wipeFile string

var wipeCypher = stripComments(wipeFile)

// standIn reports whether the tests run against the NornicDB Bolt stand-in
// (scripts/neo4j-contract.sh sets NEO4J_STANDIN=nornicdb) rather than Neo4j.
func standIn() bool { return os.Getenv("NEO4J_STANDIN") == "nornicdb" }

// standInDeviations is the one place that lists where NornicDB v1.2.2, the
// Bolt stand-in used in CI, departs from the Neo4j Cypher manual. The
// store's Cypher stays Neo4j-correct; against the stand-in only these
// contract assertions are skipped, by name. Against real Neo4j
// (NEO4J_STANDIN unset) nothing is skipped.
//
// Deviations observed (each was reproduced with a minimal statement):
//   - ORDER BY ignores a second sort key, and ORDER BY … LIMIT after a
//     multi-clause WHERE on a relationship pattern returns rows unordered.
//   - `$value IN n.listProperty` and `any(x IN list WHERE …)` in WHERE
//     match nothing.
//   - Variable-length patterns ignore predicates on relationships(p) /
//     nodes(p), leave out zero-length paths and revisit relationships.
//   - shortestPath cannot see start/end nodes bound by preceding MATCH
//     clauses ("could not resolve start variable").
//   - EXISTS { MATCH … } subqueries lose the outer variables.
//   - UNWIND over a list property followed by WITH … WHERE or an aggregate
//     (max) returns no rows, and reduce() over a list yields 0.
//   - List indexing and slicing (xs[0], xs[0..n]) and list comprehensions
//     come back as their own text, and UNWIND over a collected list gives
//     null rows, so a per-node window of edges cannot be selected.
//   - Lucene fuzzy terms ("raimondoo~") in db.index.fulltext.queryNodes
//     match nothing.
//   - Two transactions that MERGE the same node conflict at commit with a
//     constraint violation instead of one waiting for the other's lock.
//
// Also met, and handled without skipping anything: the stand-in splices
// parameter values into the query text, so a stored sentence containing
// "remove" broke a MERGE (tools/boltstandin encodes string parameters to
// survive it); it rejects CREATE TEXT INDEX (the store logs a refused index
// and goes on, as it would on any engine without that index type) and
// statements that start with a // comment (the store strips comment lines
// before sending); it drops the second branch of UNION after UNWIND, names
// a result column after an UNWIND variable by its value, returns the text
// "startNode(r).id" for that expression, and ignores write statements
// without RETURN inside an explicit transaction. The store's statements
// use equivalent forms that Neo4j treats identically (directional
// patterns, CASE on startNode(r) = n, aliased columns, RETURN of the
// written IDs, which the store also checks).
var standInDeviations = map[string]string{
	"Edges/EdgesPaging":                 "stand-in: ORDER BY r.id LIMIT after a multi-clause WHERE is unordered",
	"Edges/EdgesFilters":                "stand-in: $document IN r.documents matches nothing; ORDER BY unordered",
	"Neighborhood":                      "stand-in: variable-length patterns ignore relationship/node predicates",
	"Paths":                             "stand-in: shortestPath cannot see MATCH-bound endpoints; variable-length revisits relationships",
	"Timeline/Order":                    "stand-in: ORDER BY ignores the second sort key (edge ID)",
	"Timeline/Range":                    "stand-in: ORDER BY ignores the second sort key (edge ID)",
	"Timeline/AboutAndTypes":            "stand-in: EXISTS { MATCH … } subquery loses outer variables",
	"Read/FindDocuments":                "stand-in: any(b IN d.bands WHERE b IN $bands) in WHERE matches nothing",
	"Search":                            "stand-in: UNWIND n.aliasKeys … WHERE … max() (the graded key score) returns no rows; fuzzy terms match nothing",
	"EdgePages":                         "stand-in: list slicing, indexing and comprehensions come back as text",
	"Lifecycle/ConcurrentIngestAndRead": "stand-in: concurrent MERGE of one node fails at commit instead of waiting for the lock",
}

var (
	sharedOnce  sync.Once
	sharedStore *Store
	sharedErr   error
)

// testStore opens the process's one Store (one driver, as in production)
// for NEO4J_URI, or skips the test when NEO4J_URI is unset.
func testStore(t testing.TB) *Store {
	t.Helper()
	if os.Getenv("NEO4J_URI") == "" {
		t.Skip("NEO4J_URI not set: no Neo4j (or Bolt stand-in) to test against; see scripts/neo4j-contract.sh")
	}
	sharedOnce.Do(func() {
		cfg := ConfigFromEnv()
		if cfg.StartupWait == 0 {
			cfg.StartupWait = 10 * time.Second
		}
		sharedStore, sharedErr = Open(context.Background(), cfg)
	})
	if sharedErr != nil {
		t.Fatalf("Open: %v", sharedErr)
	}
	return sharedStore
}

// wiped empties the database and returns the shared store.
func wiped(t testing.TB) *Store {
	t.Helper()
	s := testStore(t)
	if _, err := s.write(context.Background(), wipeCypher, nil); err != nil {
		t.Fatalf("wipe: %v", err)
	}
	return s
}

// noClose shares one Store between subtests: the suite closes each store
// it opens, but the driver must outlive them all.
type noClose struct{ *Store }

func (noClose) Close() error { return nil }

func TestNeo4jContract(t *testing.T) {
	testStore(t)
	opts := storetest.Options{Skip: map[string]string{}}
	if standIn() {
		opts.Skip = standInDeviations
	}
	storetest.RunWith(t, func(t *testing.T) kg.Store { return noClose{wiped(t)} }, opts)
}
