package graph_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/newsgraph/newsgraph/store/storetest"
)

// The root fields added by the full query surface, and the mutation.

func TestRootRelationships(t *testing.T) {
	e := newEnv(t)
	type conn struct {
		TotalCount int
		Nodes      []struct {
			ID, Type, Direction   string
			Source, Target, Other struct{ ID string }
			SourceCount           int
		}
		PageInfo struct {
			HasNextPage bool
			EndCursor   *string
		}
	}
	var resp struct{ Issued, Strong, FromDoc, Paged conn }
	e.query(t, `fragment R on RelationshipConnection { totalCount nodes { id type direction source { id } target { id } other { id } sourceCount } pageInfo { hasNextPage endCursor } }
	query($ban: ID!, $d6: ID!) {
		issued: relationships(where: { types: [ISSUED], target: $ban }) { ...R }
		strong: relationships(where: { minSources: 2, minIndependentSources: 2 }, first: 100) { ...R }
		fromDoc: relationships(where: { document: $d6, types: [LINKED_TO] }) { ...R }
		paged: relationships(first: 1) { ...R }
	}`, &resp, client.Var("ban", storetest.Ban), client.Var("d6", d6))
	if resp.Issued.TotalCount != 2 || len(resp.Issued.Nodes) != 2 {
		t.Fatalf("issued = %+v", resp.Issued)
	}
	for _, r := range resp.Issued.Nodes {
		if r.Type != "ISSUED" || r.Target.ID != storetest.Ban || r.Direction != "OUT" || r.Other.ID != r.Target.ID {
			t.Fatalf("issued rel %+v", r)
		}
	}
	for _, r := range resp.Strong.Nodes {
		if r.SourceCount < 2 {
			t.Fatalf("minSources let %+v in", r)
		}
	}
	if len(resp.Strong.Nodes) == 0 {
		t.Fatal("some relationships have two independent sources")
	}
	if len(resp.FromDoc.Nodes) != 1 || resp.FromDoc.Nodes[0].Source.ID != ksn {
		t.Fatalf("fromDoc = %+v", resp.FromDoc)
	}
	if len(resp.Paged.Nodes) != 1 || !resp.Paged.PageInfo.HasNextPage || resp.Paged.TotalCount < 10 {
		t.Fatalf("paged = %+v", resp.Paged)
	}
	var next struct{ Relationships conn }
	e.query(t, `query($after: String) { relationships(first: 1, after: $after) { totalCount nodes { id type direction source { id } target { id } other { id } sourceCount } pageInfo { hasNextPage endCursor } } }`,
		&next, client.Var("after", *resp.Paged.PageInfo.EndCursor))
	if len(next.Relationships.Nodes) != 1 || next.Relationships.Nodes[0].ID <= resp.Paged.Nodes[0].ID {
		t.Fatalf("next page = %+v after %+v", next.Relationships.Nodes, resp.Paged.Nodes)
	}
}

func TestPaths(t *testing.T) {
	e := newEnv(t)
	var resp struct {
		Paths []struct {
			Length, SourceCount int
			Nodes               []struct{ ID string }
			Edges               []struct{ Source, Target string }
		}
	}
	e.query(t, `query($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxLength: 3, limit: 5) { length sourceCount nodes { id } edges { source target } } }`,
		&resp, client.Var("a", storetest.Raimondo), client.Var("b", storetest.Kaspersky))
	if len(resp.Paths) < 2 {
		t.Fatalf("want several paths, got %+v", resp.Paths)
	}
	for i, p := range resp.Paths {
		if p.Length != len(p.Edges) || len(p.Nodes) != p.Length+1 || p.Nodes[0].ID != storetest.Raimondo || p.Nodes[p.Length].ID != storetest.Kaspersky {
			t.Fatalf("path %+v", p)
		}
		if i > 0 {
			prev := resp.Paths[i-1]
			if p.Length < prev.Length || (p.Length == prev.Length && p.SourceCount > prev.SourceCount) {
				t.Fatalf("paths not ranked: %+v then %+v", prev, p)
			}
		}
	}
}

func TestStats(t *testing.T) {
	e := newEnv(t)
	var resp struct {
		Stats struct {
			Documents, Nodes, Edges int
			NodesByKind             []struct {
				Kind  string
				Count int
			}
			EdgesByType []struct {
				Type  string
				Count int
			}
		}
	}
	e.query(t, `{ stats { documents nodes edges nodesByKind { kind count } edgesByType { type count } } }`, &resp)
	s := resp.Stats
	if s.Documents != 5 || len(s.NodesByKind) != 8 || s.NodesByKind[0].Kind != "AGENCY" {
		t.Fatalf("stats = %+v", s)
	}
	sum := 0
	byKind := map[string]int{}
	for _, k := range s.NodesByKind {
		sum += k.Count
		byKind[k.Kind] = k.Count
	}
	if sum != s.Nodes || byKind["DOCUMENT"] != 5 || byKind["COMPANY"] != 3 || byKind["ENTITY"] != 1 {
		t.Fatalf("nodes by kind = %v (total %d)", byKind, s.Nodes)
	}
	sum = 0
	for _, c := range s.EdgesByType {
		sum += c.Count
		if c.Count == 0 {
			t.Fatalf("zero count listed: %+v", c)
		}
	}
	if sum != s.Edges {
		t.Fatalf("edges %d != sum %d", s.Edges, sum)
	}
}

func TestConflicts(t *testing.T) {
	e := newEnv(t)
	type conflict struct {
		ID, Kind, Topic, Description string
		Subject                      struct{ ID string }
		Sides                        []struct {
			Value                  string
			Node                   *struct{ ID string }
			Evidence               []struct{ Quote string }
			Documents              []struct{ ID string }
			SourceCount            int
			IndependentSourceCount int
		}
	}
	var resp struct {
		Conflicts []conflict
		About     []conflict
		One       []conflict
	}
	e.query(t, `fragment C on Conflict { id kind topic description subject { id } sides { value node { id } evidence { quote } documents { id } sourceCount independentSourceCount } }
	query($k: ID!) { conflicts { ...C } about: conflicts(about: $k) { ...C } one: conflicts(first: 1) { ...C } }`, &resp, client.Var("k", storetest.Kaspersky))
	kinds := map[string]conflict{}
	for _, c := range resp.Conflicts {
		kinds[c.Kind] = c
		if len(c.Sides) < 2 || c.Description == "" || !strings.HasPrefix(c.ID, "conflict:") {
			t.Fatalf("conflict %+v", c)
		}
		for _, s := range c.Sides {
			if len(s.Evidence) == 0 || len(s.Documents) != s.SourceCount || s.IndependentSourceCount < 1 {
				t.Fatalf("side %+v", s)
			}
		}
	}
	iss, ok := kinds["ISSUER"]
	if !ok || iss.Subject.ID != storetest.Ban || iss.Sides[0].Node.ID != storetest.Commerce || iss.Sides[1].Node.ID != storetest.DHS {
		t.Fatalf("issuer conflict = %+v", iss)
	}
	if iss.Sides[0].SourceCount != 3 || iss.Sides[0].IndependentSourceCount != 2 {
		t.Fatalf("D1 and D3 are one story: %+v", iss.Sides[0])
	}
	date, ok := kinds["DATE"]
	if !ok || date.Topic != "updates end" || date.Sides[0].Value != "2024-09-29" || date.Sides[1].Value != "2024-09-30" {
		t.Fatalf("date conflict = %+v", date)
	}
	fig, ok := kinds["FIGURE"]
	if !ok || fig.Subject.ID != storetest.Kaspersky || fig.Topic != "users" || fig.Sides[0].Value != "400000000" || fig.Sides[1].Value != "200000000" {
		t.Fatalf("figure conflict = %+v", fig)
	}
	if len(resp.Conflicts) != 3 {
		t.Fatalf("want exactly 3 conflicts, got %+v", resp.Conflicts)
	}
	if len(resp.About) != 1 || resp.About[0].Kind != "FIGURE" {
		t.Fatalf("about Kaspersky = %+v", resp.About)
	}
	if len(resp.One) != 1 {
		t.Fatalf("first: 1 gave %d", len(resp.One))
	}
}

func TestDocuments(t *testing.T) {
	e := newEnv(t)
	type conn struct {
		TotalCount int
		Edges      []struct {
			Cursor string
			Node   struct {
				ID          string
				PublishedAt *string
			}
		}
		Nodes    []struct{ ID string }
		PageInfo struct {
			HasNextPage bool
			EndCursor   *string
		}
	}
	var resp struct {
		Documents conn
		ByName    conn
		Document  struct{ ID, Text string }
	}
	e.query(t, `fragment D on DocumentConnection { totalCount edges { cursor node { id publishedAt } } nodes { id } pageInfo { hasNextPage endCursor } }
	query($id: ID!) { documents(first: 3) { ...D } byName: documents(sort: NAME, first: 10) { ...D } document(id: $id) { id text } }`,
		&resp, client.Var("id", storetest.D2))
	d := resp.Documents
	if d.TotalCount != 5 || len(d.Edges) != 3 || !d.PageInfo.HasNextPage {
		t.Fatalf("documents = %+v", d)
	}
	var dates []string
	for _, ed := range d.Edges {
		dates = append(dates, *ed.Node.PublishedAt)
	}
	if !slices.IsSorted(dates) || dates[0] != "2023-01-05" {
		t.Fatalf("publication order = %v", dates)
	}
	if len(resp.ByName.Nodes) != 5 {
		t.Fatalf("byName = %+v", resp.ByName)
	}
	if resp.Document.ID != storetest.D2 || resp.Document.Text != storetest.Text2 {
		t.Fatalf("document = %+v", resp.Document)
	}
}

func TestIngestDocument(t *testing.T) {
	e := newEnv(t)
	const m = `mutation($in: DocumentInput!) { ingestDocument(input: $in) { created nodeCount edgeCount document { id title source url publishedAt text kind name } } }`
	in := map[string]any{"text": "Fresh news about widgets.", "title": "Widgets", "source": "Wire C", "url": "https://example.com/w", "publishedAt": "2024-07-02"}
	type result struct {
		IngestDocument struct {
			Created              bool
			NodeCount, EdgeCount int
			Document             struct {
				ID, Text, Kind, Name            string
				Title, Source, URL, PublishedAt *string
			}
		}
	}
	var first, second result
	e.query(t, m, &first, client.Var("in", in), bearer(token))
	doc := first.IngestDocument.Document
	if !first.IngestDocument.Created || doc.Kind != "DOCUMENT" || doc.Name != "Widgets" || *doc.URL != "https://example.com/w" || *doc.PublishedAt != "2024-07-02" || *doc.Source != "Wire C" {
		t.Fatalf("first ingest = %+v", first)
	}
	e.query(t, m, &second, client.Var("in", in), bearer(token))
	if second.IngestDocument.Created || second.IngestDocument.Document.ID != doc.ID {
		t.Fatalf("second ingest = %+v", second)
	}
	var got struct{ Document struct{ Text string } }
	e.query(t, `query($id: ID!) { document(id: $id) { text } }`, &got, client.Var("id", doc.ID))
	if got.Document.Text != in["text"] {
		t.Fatalf("stored text = %q", got.Document.Text)
	}
}
