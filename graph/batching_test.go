package graph_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/kg"
)

// countingStore counts the calls of each kg.Store method the GraphQL layer
// makes while resolving fields.
type countingStore struct {
	kg.Store
	mu    sync.Mutex
	calls map[string]int
	keys  map[string]int // IDs asked for, by method
}

func (c *countingStore) count(m string, ids ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls[m]++
	c.keys[m] += len(ids)
}

func (c *countingStore) snapshot() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string]int{}
	for k, v := range c.calls {
		out[k] = v
	}
	return out
}

func (c *countingStore) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls = map[string]int{}
	c.keys = map[string]int{}
}

func (c *countingStore) keysAsked() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string]int{}
	for k, v := range c.keys {
		out[k] = v
	}
	return out
}

func (c *countingStore) Nodes(ctx context.Context, ids []string) ([]*kg.Node, error) {
	c.count("Nodes", ids...)
	return c.Store.Nodes(ctx, ids)
}

// Summaries is counted as a Nodes call: both are the one node read per
// level that the tests bound, and a list of nodes reads summaries.
func (c *countingStore) Summaries(ctx context.Context, ids []string) ([]*kg.Node, error) {
	c.count("Nodes", ids...)
	return c.Store.Summaries(ctx, ids)
}

func (c *countingStore) Documents(ctx context.Context, ids []string) ([]*kg.Document, error) {
	c.count("Documents", ids...)
	return c.Store.Documents(ctx, ids)
}

func (c *countingStore) EdgesOf(ctx context.Context, ids []string, f kg.EdgeFilter) (map[string][]kg.Edge, error) {
	c.count("EdgesOf", ids...)
	return c.Store.EdgesOf(ctx, ids, f)
}

// EdgePages is counted as an EdgesOf call: both are the one edge read per
// level that the tests bound, and a relationships page uses EdgePages.
func (c *countingStore) EdgePages(ctx context.Context, ids []string, f kg.EdgeFilter, w kg.EdgeWindow) (map[string]kg.EdgeWindowPage, error) {
	c.count("EdgesOf", ids...)
	return c.Store.EdgePages(ctx, ids, f, w)
}

func (c *countingStore) Entities(ctx context.Context, f kg.EntityFilter, p kg.Page) (kg.NodePage, error) {
	c.count("Entities")
	return c.Store.Entities(ctx, f, p)
}

// manyCompanies is a synthetic corpus: n companies, each targeted by its
// own order, issued by one of five agencies, each headed by a person.
// withCountedCompanies seeds the store with manyCompanies(n) and then
// counts its calls in a countingStore, which it stores in *cs.
func withCountedCompanies(t testing.TB, n int, cs **countingStore) envOption {
	return withStore(func(s kg.Store) kg.Store {
		for _, x := range manyCompanies(n) {
			if _, err := s.Ingest(context.Background(), x); err != nil {
				t.Fatal(err)
			}
		}
		*cs = &countingStore{Store: s}
		(*cs).reset()
		return *cs
	})
}

// withCounted counts the store's calls in a countingStore, which it
// stores in *cs.
func withCounted(cs **countingStore) envOption {
	return withStore(func(s kg.Store) kg.Store {
		*cs = &countingStore{Store: s}
		(*cs).reset()
		return *cs
	})
}

func manyCompanies(n int) []*kg.Extraction {
	var xs []*kg.Extraction
	for i := 0; i < n; i++ {
		a := i % 5
		company, order := fmt.Sprintf("Company %02d", i), fmt.Sprintf("Order %02d", i)
		agency, person := fmt.Sprintf("Agency %d", a), fmt.Sprintf("Person %d", a)
		city := fmt.Sprintf("City %d", i%4)
		text := fmt.Sprintf("%s issued %s against %s, based in %s. %s heads %s.", agency, order, company, city, person, agency)
		b := newXB(text, "", "2024-06-01")
		cid, oid, aid, pid, lid := kg.NodeID(kg.KindCompany, company), kg.NodeID(kg.KindOrder, order),
			kg.NodeID(kg.KindAgency, agency), kg.NodeID(kg.KindPerson, person), kg.NodeID(kg.KindLocation, city)
		b.node(cid, kg.KindCompany, company, company)
		b.node(oid, kg.KindOrder, order, order)
		b.node(aid, kg.KindAgency, agency, agency)
		b.node(pid, kg.KindPerson, person, person)
		b.node(lid, kg.KindLocation, city, city)
		b.edge(aid, kg.RelIssued, oid, agency+" issued "+order)
		b.edge(oid, kg.RelTargets, cid, order+" against "+company)
		b.edge(cid, kg.RelLocatedIn, lid, company+", based in "+city)
		b.edge(pid, kg.RelHeads, aid, person+" heads "+agency)
		xs = append(xs, b.x)
	}
	return xs
}

// TestNestedQueryIsBatchedPerLevel resolves a query three levels deep
// over 20 and then 60 companies and checks that the store is called a
// fixed number of times per level, not once per parent.
func TestNestedQueryIsBatchedPerLevel(t *testing.T) {
	for _, n := range []int{20, 60} {
		t.Run(fmt.Sprint(n), func(t *testing.T) { nestedQueryCalls(t, n) })
	}
}

func nestedQueryCalls(t *testing.T, n int) {
	var cs *countingStore
	// The shortest window: sibling groups, not timing, must do the work.
	e := newEnv(t,
		withOptions(func(o *graph.Options) { o.BatchWait = time.Microsecond }),
		withCountedCompanies(t, n, &cs))
	cs.reset()
	var resp struct {
		Entities struct {
			Nodes []struct {
				Name          string
				OrdersAgainst []struct {
					Name     string
					IssuedBy []struct {
						Name    string
						Leaders []struct{ Person struct{ Name string } }
					}
				}
				Relationships struct {
					Nodes []struct {
						Other struct {
							Name          string
							Relationships struct {
								Nodes []struct{ Other struct{ Name string } }
							}
						}
					}
				}
			}
		}
	}
	e.query(t, `{ entities(kind: COMPANY, first: 60, where: { nameContains: "company " }) { nodes { name
		... on Company { ordersAgainst { name issuedBy { name ... on Agency { leaders { person { name } } } } } }
		relationships(first: 10) { nodes { other { name relationships(first: 10) { nodes { other { name } } } } } } } } }`, &resp)

	// The answer is complete...
	companies := 0
	for _, c := range resp.Entities.Nodes {
		if len(c.OrdersAgainst) == 0 {
			continue // the storetest companies
		}
		companies++
		o := c.OrdersAgainst[0]
		if len(o.IssuedBy) != 1 || len(o.IssuedBy[0].Leaders) != 1 || o.IssuedBy[0].Leaders[0].Person.Name == "" {
			t.Fatalf("incomplete answer for %s: %+v", c.Name, o)
		}
		if len(c.Relationships.Nodes) != 2 || len(c.Relationships.Nodes[0].Other.Relationships.Nodes) == 0 {
			t.Fatalf("incomplete relationships for %s: %+v", c.Name, c.Relationships)
		}
	}
	if companies != n {
		t.Fatalf("got %d synthetic companies, want %d", companies, n)
	}
	// ...and cost one Entities call, and at most one EdgesOf and one Nodes
	// call per level and per kind of edge asked for: ordersAgainst,
	// issuedBy, leaders, relationships, relationships (5 levels of edges).
	calls := cs.snapshot()
	t.Logf("store calls for %d companies: %v", n, calls)
	if calls["Entities"] != 1 || calls["EdgesOf"] > 5 || calls["Nodes"] > 5 || calls["Documents"] > 0 {
		t.Fatalf("store calls are not flat per level: %v", calls)
	}
}

// TestPagesDoNotOverfetch checks that the next level reads the nodes a
// page shows, not every node behind a hub's other edges.
func TestPagesDoNotOverfetch(t *testing.T) {
	var cs *countingStore
	e := newEnv(t, withCountedCompanies(t, 60, &cs))
	cs.reset()
	var resp struct {
		Node struct {
			Relationships struct {
				TotalCount int
				Nodes      []struct {
					Other struct {
						Relationships struct {
							Nodes []struct{ Other struct{ ID string } }
						}
					}
				}
			}
		}
	}
	// Agency 0 issued 12 orders and has a leader: 13 edges, 2 shown.
	e.query(t, `query($id: ID!) { node(id: $id) { relationships(first: 2) { totalCount nodes { other {
		relationships(first: 1) { nodes { other { id } } } } } } } }`, &resp, client.Var("id", kg.NodeID(kg.KindAgency, "Agency 0")))
	if resp.Node.Relationships.TotalCount != 13 || len(resp.Node.Relationships.Nodes) != 2 {
		t.Fatalf("answer = %+v", resp.Node.Relationships)
	}
	keys := cs.keysAsked()
	t.Logf("IDs asked: %v in calls %v", keys, cs.snapshot())
	// The root node, the 2 shown neighbours and at most 2 nodes behind them.
	if keys["Nodes"] > 5 || keys["EdgesOf"] > 3 {
		t.Fatalf("over-fetch: %v", keys)
	}
}

// TestRelationshipPagesWalkAHub follows endCursor through a hub's
// relationships: every page reads one window from the store (one node's
// ID), the pages together list each edge once, and totalCount stays exact.
func TestRelationshipPagesWalkAHub(t *testing.T) {
	var cs *countingStore
	e := newEnv(t, withCountedCompanies(t, 60, &cs))
	type page struct {
		Node struct {
			Relationships struct {
				TotalCount int
				Edges      []struct{ Cursor string }
				PageInfo   struct {
					HasNextPage bool
					EndCursor   *string
				}
			}
		}
	}
	seen := map[string]bool{}
	after := ""
	for pages := 0; ; pages++ {
		if pages > 13 {
			t.Fatal("paging does not end")
		}
		cs.reset()
		var resp page
		e.query(t, `query($id: ID!, $after: String) { node(id: $id) { relationships(first: 5, after: $after) {
			totalCount edges { cursor } pageInfo { hasNextPage endCursor } } } }`, &resp,
			client.Var("id", kg.NodeID(kg.KindAgency, "Agency 0")), client.Var("after", after))
		rel := resp.Node.Relationships
		// Agency 0 issued 12 orders and has a leader.
		if rel.TotalCount != 13 {
			t.Fatalf("page %d: totalCount %d, want 13", pages, rel.TotalCount)
		}
		if keys := cs.keysAsked(); keys["EdgesOf"] != 1 {
			t.Fatalf("page %d: edge reads %v, want one window of one node", pages, keys)
		}
		for _, ed := range rel.Edges {
			if seen[ed.Cursor] {
				t.Fatalf("page %d repeats %s", pages, ed.Cursor)
			}
			seen[ed.Cursor] = true
		}
		if !rel.PageInfo.HasNextPage {
			break
		}
		if len(rel.Edges) != 5 || rel.PageInfo.EndCursor == nil {
			t.Fatalf("page %d: %d edges before the last page", pages, len(rel.Edges))
		}
		after = *rel.PageInfo.EndCursor
	}
	if len(seen) != 13 {
		t.Fatalf("paged through %d edges, want 13", len(seen))
	}
}
