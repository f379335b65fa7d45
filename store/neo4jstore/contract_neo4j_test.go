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
var standInDeviations = map[string]string{}

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
