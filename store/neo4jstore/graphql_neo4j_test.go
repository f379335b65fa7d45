package neo4jstore

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/resolvers"
	"github.com/newsgraph/newsgraph/internal/events"
)

// nestedQuery walks three levels of relationships from every subsidiary:
// subsidiary -> (hub, its city) -> their relationships -> the far ends.
const nestedQuery = `{ entities(kind: COMPANY, first: 50, where: { nameContains: "sub " }) { nodes { name
	relationships(first: 5) { nodes { other { name
		relationships(first: 5) { nodes { other { name
			relationships(first: 5) { nodes { other { name } } } } } } } } } } } }`

// nestedRequestRoundTrips serves nestedQuery through the real GraphQL
// handler over s and returns the Cypher round trips it cost.
func nestedRequestRoundTrips(t testing.TB, s *Store, wantNodes int) int64 {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	opts := graph.DefaultOptions()
	opts.MaxComplexity = 10_000_000 // the point is the batching, not the cost limit
	h := graph.NewHandler(resolvers.NewResolver(s, nil, events.NewBus(), log), opts)
	body, _ := json.Marshal(map[string]string{"query": nestedQuery})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	before := s.RoundTrips()
	h.ServeHTTP(rec, req)
	trips := s.RoundTrips() - before
	var resp struct {
		Data struct {
			Entities struct {
				Nodes []struct {
					Relationships struct{ Nodes []json.RawMessage }
				}
			}
		}
		Errors []json.RawMessage
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || len(resp.Errors) > 0 {
		t.Fatalf("GraphQL response %d: %s", rec.Code, rec.Body.String())
	}
	if len(resp.Data.Entities.Nodes) != wantNodes {
		t.Fatalf("got %d subsidiaries, want %d", len(resp.Data.Entities.Nodes), wantNodes)
	}
	// Each subsidiary shows its hub and its city. The stand-in cannot
	// select a window of edges (see standInDeviations), so there the
	// pages are empty and only the first level's trips are counted.
	for _, n := range resp.Data.Entities.Nodes {
		if got := len(n.Relationships.Nodes); got != 2 && !standIn() {
			t.Fatalf("a subsidiary shows %d relationships, want 2", got)
		}
	}
	return trips
}

// BenchmarkNeo4jNestedRequest reports the Cypher round trips of one GraphQL
// request three relationship levels deep over 40 subsidiaries.
func BenchmarkNeo4jNestedRequest(b *testing.B) {
	s := wiped(b)
	if _, err := s.Ingest(context.Background(), hubExtraction(40)); err != nil {
		b.Fatal(err)
	}
	var trips int64
	for i := 0; i < b.N; i++ {
		trips = nestedRequestRoundTrips(b, s, 40)
	}
	b.ReportMetric(float64(trips), "roundtrips/request")
}

// TestNeo4jGraphQLRoundTripsPerLevel serves the real GraphQL handler over
// the Neo4j store and counts Cypher round trips for a request nesting three
// levels of relationships: the count must not grow with the number of
// nodes, i.e. every level is batched.
func TestNeo4jGraphQLRoundTripsPerLevel(t *testing.T) {
	trips := map[int]int64{}
	for _, fanout := range []int{4, 40} {
		s := wiped(t)
		if _, err := s.Ingest(context.Background(), hubExtraction(fanout)); err != nil {
			t.Fatal(err)
		}
		trips[fanout] = nestedRequestRoundTrips(t, s, fanout)
		t.Logf("fan-out %d: %d Cypher round trips for a request three relationship levels deep", fanout, trips[fanout])
	}
	if trips[40] != trips[4] {
		t.Errorf("round trips grew with the data: %d for 4 subsidiaries, %d for 40: some level is not batched", trips[4], trips[40])
	}
	// Per level: the edges (one EdgePages) and the nodes at their far ends
	// (one Nodes); plus the entities page and its count.
	if max := int64(2 + 2*3); trips[40] > max {
		t.Errorf("%d round trips, want at most %d (2 for the list, 2 per level)", trips[40], max)
	}
}
