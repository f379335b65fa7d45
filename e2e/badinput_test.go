package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// badCase is one hostile or malformed request. The server must answer with
// a status below 500 (want, when set), an error carrying one of codes, and
// leave the stored graph unchanged.
type badCase struct {
	name   string
	body   []byte            // raw request body
	header map[string]string // extra headers
	status []int             // accepted statuses (nil: any below 500)
	codes  []string          // accepted error codes (nil: any non-empty code but INTERNAL)
}

func body(query string, vars map[string]any) []byte {
	b, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		panic(err)
	}
	return b
}

func auth(token string) map[string]string {
	return map[string]string{"Authorization": "Bearer " + token}
}

// injections are strings shaped like attacks on the layers below GraphQL:
// Cypher, SQL, JSON/NoSQL operators, script, template and path tricks.
var injections = []string{
	`' OR '1'='1`,
	`"; DROP TABLE documents; --`,
	`x"}) MATCH (n) DETACH DELETE n //`,
	"company:kaspersky` DETACH DELETE n //",
	`MATCH (n) DETACH DELETE n`,
	`{"$gt": ""}`,
	`<script>alert(1)</script>`,
	`${jndi:ldap://127.0.0.1/a}`,
	`{{7*7}}`,
	`../../../../etc/passwd`,
	"nul\x00byte",
	`\u0000\\`,
	strings.Repeat("%s", 50),
}

func badCases() []badCase {
	deep := strings.Repeat("documents { ", 40) + "id" + strings.Repeat(" }", 40)
	var aliases strings.Builder
	aliases.WriteString("query Aliases {")
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&aliases, " a%d: stats { documents }", i)
	}
	aliases.WriteString(" }")
	doc := map[string]any{"text": "A valid text that must not be stored by a refused request.", "publishedAt": "2024-06-21"}
	huge := bytes.Repeat([]byte("a"), 40<<20)
	hugeBody := append(append([]byte(`{"query":"mutation($t:String!){ingestDocument(input:{text:$t}){created}}","variables":{"t":"`), huge...), []byte(`"}}`)...)

	cases := []badCase{
		{name: "invalid JSON", body: []byte(`{"query": "{ stats { documents } }"`), status: []int{400}, codes: []string{"BAD_USER_INPUT"}},
		{name: "JSON not an object", body: []byte(`["{ stats { documents } }"]`), status: []int{400}, codes: []string{"BAD_USER_INPUT"}},
		{name: "syntax error", body: body(`{ stats { documents }`, nil), status: []int{200}, codes: []string{"GRAPHQL_PARSE_FAILED"}},
		{name: "syntax error graphql-response", body: body(`query { node(id: ) { id } }`, nil), header: map[string]string{"Accept": "application/graphql-response+json"}, status: []int{400}, codes: []string{"GRAPHQL_PARSE_FAILED"}},
		{name: "unknown field", body: body(`{ nope }`, nil), status: []int{200}, codes: []string{"GRAPHQL_VALIDATION_FAILED"}},
		{name: "40-deep query", body: body(`query Deep { node(id: "company:kaspersky") { ... on Company { `+deep+` } } }`, nil)},
		{name: "3000 aliases", body: body(aliases.String(), nil)},
		{name: "40 MB body", body: hugeBody, header: auth(testToken), status: []int{413}, codes: []string{"BAD_USER_INPUT"}},
		{name: "missing token", body: body(ingestMutation, map[string]any{"input": doc}), status: []int{200}, codes: []string{"UNAUTHENTICATED"}},
		{name: "wrong token", body: body(ingestMutation, map[string]any{"input": doc}), header: auth("wrong-token-0123456789"), status: []int{200}, codes: []string{"UNAUTHENTICATED"}},
		{name: "malformed authorization", body: body(ingestMutation, map[string]any{"input": doc}), header: map[string]string{"Authorization": "Basic " + testToken}, status: []int{200}, codes: []string{"UNAUTHENTICATED"}},
		{name: "empty document", body: body(ingestMutation, map[string]any{"input": map[string]any{"text": ""}}), header: auth(testToken), status: []int{200}, codes: []string{"BAD_USER_INPUT"}},
		{name: "whitespace document", body: body(ingestMutation, map[string]any{"input": map[string]any{"text": " \n\t\r\n "}}), header: auth(testToken), status: []int{200}, codes: []string{"BAD_USER_INPUT"}},
		{name: "missing text", body: body(ingestMutation, map[string]any{"input": map[string]any{"title": "t"}}), header: auth(testToken), codes: []string{"GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT"}},
		{name: "invalid date", body: body(ingestMutation, map[string]any{"input": map[string]any{"text": "Some text.", "publishedAt": "2024-13-45"}}), header: auth(testToken), status: []int{200}, codes: []string{"BAD_USER_INPUT"}},
		{name: "date in words", body: body(ingestMutation, map[string]any{"input": map[string]any{"text": "Some text.", "publishedAt": "yesterday"}}), header: auth(testToken), status: []int{200}, codes: []string{"BAD_USER_INPUT"}},
		{name: "invalid UTF-8", body: []byte("{\"query\":\"mutation($t:String!){ingestDocument(input:{text:$t}){created}}\",\"variables\":{\"t\":\"caf\xe9 \xff\xfe\"}}"), header: auth(testToken), status: []int{400}, codes: []string{"BAD_USER_INPUT"}},
		{name: "empty query", body: []byte(`{"query":""}`), status: []int{400}, codes: []string{"BAD_USER_INPUT"}},
		{name: "empty body", body: nil, status: []int{400}, codes: []string{"BAD_USER_INPUT"}},
		{name: "huge first", body: body(`{ entities(first: 1000000000) { totalCount } }`, nil), codes: []string{"BAD_USER_INPUT"}},
		{name: "first beyond Int", body: body(`{ entities(first: 1099511627776) { totalCount } }`, nil), codes: []string{"GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT"}},
		{name: "negative first", body: body(`{ search(query: "Kaspersky", first: -5) { score } }`, nil), codes: []string{"BAD_USER_INPUT"}},
		{name: "huge search first", body: body(`{ search(query: "Kaspersky", first: 2147483647) { score } }`, nil), codes: []string{"BAD_USER_INPUT"}},
		{name: "huge neighborhood", body: body(`{ neighborhood(id: "company:kaspersky", depth: 1000, limit: 100000000) { nodes { id } } }`, nil), codes: []string{"BAD_USER_INPUT"}},
		{name: "huge paths", body: body(`{ paths(from: "company:kaspersky", to: "agency:department-of-commerce", maxLength: 1000, limit: 1000000) { nodes { id } } }`, nil), codes: []string{"BAD_USER_INPUT"}},
		{name: "bad cursor", body: body(`{ entities(first: 5, after: "not-a-cursor") { totalCount } }`, nil), codes: []string{"BAD_USER_INPUT"}},
		{name: "bad timeline date", body: body(`{ timeline(from: "June 2024") { date } }`, nil), codes: []string{"BAD_USER_INPUT"}},
	}
	return cases
}

// injectionQueries puts every injection string into every string argument
// of the read API. The answers may be empty or refusals, never 5xx, never a
// changed graph.
func injectionQueries() []badCase {
	var out []badCase
	for i, s := range injections {
		vars := map[string]any{"s": s}
		for _, q := range []string{
			`query Q($s: ID!) { node(id: $s) { id } }`,
			`query Q($s: ID!) { document(id: $s) { id } }`,
			`query Q($s: String!) { search(query: $s) { node { id } } }`,
			`query Q($s: String) { entities(first: 5, after: $s) { totalCount } }`,
			`query Q($s: String) { entities(first: 5, where: {nameContains: $s}) { totalCount } }`,
			`query Q($s: ID!) { neighborhood(id: $s) { nodes { id } } }`,
			`query Q($s: ID!) { path(from: $s, to: $s) { nodes { id } } }`,
			`query Q($s: ID!) { paths(from: "company:kaspersky", to: $s) { nodes { id } } }`,
			`query Q($s: String) { timeline(from: $s, to: $s) { date } }`,
			`query Q($s: ID) { timeline(about: $s) { date } conflicts(about: $s) { __typename } }`,
			`query Q($s: String) { documents(first: 3, after: $s) { totalCount } }`,
			`query Q($s: String) { relationships(first: 3, after: $s) { totalCount } }`,
		} {
			out = append(out, badCase{name: fmt.Sprintf("injection %d %s", i, strings.Fields(q)[4]), body: body(q, vars), codes: []string{"", "BAD_USER_INPUT", "NOT_FOUND"}})
		}
		// The mutation refuses without a token whatever the strings hold.
		in := map[string]any{"text": s, "title": s, "source": s, "url": s, "publishedAt": s}
		out = append(out, badCase{name: fmt.Sprintf("injection %d mutation", i), body: body(ingestMutation, map[string]any{"input": in}), codes: []string{"UNAUTHENTICATED"}})
	}
	return out
}

func TestBadInputBattery(t *testing.T) {
	t.Parallel()
	s := start(t, t.TempDir(), "SEED_DIR=../seed")
	before := snapshot(t, s.URL)
	if !strings.Contains(before, `"documents":5`) {
		t.Fatalf("seed not loaded: %s", before)
	}
	cases := append(badCases(), injectionQueries()...)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := post(context.Background(), s.URL, tc.body, tc.header)
			if err != nil {
				t.Fatalf("request failed: %v", err)
			}
			if r.Status >= 500 {
				t.Fatalf("status %d: %.300s", r.Status, r.Raw)
			}
			if tc.status != nil && !slices.Contains(tc.status, r.Status) {
				t.Errorf("status %d, want %v: %.300s", r.Status, tc.status, r.Raw)
			}
			code := r.Code()
			switch {
			case tc.codes == nil && (code == "" || code == "INTERNAL"):
				t.Errorf("want a clear error code, got %q: %.300s", code, r.Raw)
			case tc.codes != nil && !slices.Contains(tc.codes, code):
				t.Errorf("code %q, want one of %v: %.300s", code, tc.codes, r.Raw)
			}
			for _, e := range r.Errors {
				if e.Message == "" || strings.Contains(e.Message, "/") && strings.Contains(e.Message, ".go") {
					t.Errorf("unclear or leaking message %q", e.Message)
				}
			}
			if after := snapshot(t, s.URL); after != before {
				t.Fatalf("graph changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}

	// Authenticated documents full of injection strings are stored
	// verbatim, as data: nothing else in the graph changes or disappears.
	t.Run("injection strings stored verbatim", func(t *testing.T) {
		var ids []string
		for i, s2 := range injections {
			title := strings.ReplaceAll(s2, "\x00", "")
			text := fmt.Sprintf("Probe %d. %s\n\nThe Commerce Department said %s on Thursday.", i, s2, s2)
			id, created, err := ingest(context.Background(), s.URL, map[string]any{"text": text, "title": title, "source": title, "url": "https://example.com/" + fmt.Sprint(i)})
			if err != nil {
				if strings.Contains(err.Error(), "BAD_USER_INPUT") {
					continue // a refusal (e.g. of a NUL byte) is a clear answer too
				}
				t.Fatalf("%q: %v", s2, err)
			}
			if !created {
				t.Errorf("%q: not created", s2)
			}
			r, err := gql(context.Background(), s.URL, `query($id: ID!) { document(id: $id) { title } }`, map[string]any{"id": id}, "")
			if err != nil || len(r.Errors) > 0 {
				t.Fatalf("read back: %v %s", err, r.Raw)
			}
			var got struct {
				Document struct{ Title string }
			}
			_ = json.Unmarshal(mustJSON(r.Data), &got)
			if got.Document.Title != title {
				t.Errorf("title %q stored as %q", title, got.Document.Title)
			}
			ids = append(ids, id)
		}
		r, err := gql(context.Background(), s.URL, `{ stats { documents } }`, nil, "")
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf(`{"documents":%d}`, 5+len(ids))
		if !strings.Contains(string(r.Raw), want) {
			t.Errorf("stats %s, want %s", r.Raw, want)
		}
		if missing, err := missingDocuments(context.Background(), s.URL, ids); err != nil || len(missing) > 0 {
			t.Errorf("missing %v %v", missing, err)
		}
	})
}

func mustJSON(m map[string]json.RawMessage) []byte {
	b, _ := json.Marshal(m)
	return b
}
