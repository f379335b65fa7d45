package graph_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/kg"
	"github.com/newsgraph/newsgraph/store/storetest"
)

func TestUnknownIDsAreNotFound(t *testing.T) {
	e := newEnv(t)
	for _, q := range []string{
		`{ neighborhood(id: "company:nope") { nodes { id } } }`,
		`{ path(from: "company:nope", to: "company:kaspersky") { nodes { id } } }`,
		`{ path(from: "company:kaspersky", to: "company:nope") { nodes { id } } }`,
		`{ paths(from: "company:nope", to: "company:kaspersky") { length } }`,
		`{ timeline(about: "company:nope") { date } }`,
		`{ document(id: "doc:0000") { id } }`,
		`{ relationships(where: { source: "company:nope" }) { totalCount } }`,
		`{ relationships(where: { document: "doc:0000" }) { totalCount } }`,
		`{ entities(where: { mentionedIn: "doc:0000" }) { totalCount } }`,
		`{ conflicts(about: "company:nope") { id } }`,
	} {
		er := e.wantCode(t, q, kg.CodeNotFound)
		if !strings.Contains(er.Message, "nope") && !strings.Contains(er.Message, "doc:0000") {
			t.Errorf("message %q should name the id", er.Message)
		}
	}
}

func TestBadInputIsBadUserInput(t *testing.T) {
	e := newEnv(t)
	id := storetest.Kaspersky
	for _, q := range []string{
		`{ entities(first: -1) { totalCount } }`,
		`{ entities(first: 1000000) { totalCount } }`,
		`{ entities(first: 2147483647) { totalCount } }`,
		`{ entities(after: "not-a-cursor") { totalCount } }`,
		`{ entities(where: { seenFrom: "June 2024" }) { totalCount } }`,
		`{ entities(where: { minMentions: -3 }) { totalCount } }`,
		`{ relationships(after: "%%%") { totalCount } }`,
		`{ relationships(where: { minSources: -1 }) { totalCount } }`,
		`{ search(query: "   ") { score } }`,
		`{ search(query: "kaspersky", first: 101) { score } }`,
		`{ neighborhood(id: "` + id + `", depth: 0) { nodes { id } } }`,
		`{ neighborhood(id: "` + id + `", depth: 9) { nodes { id } } }`,
		`{ neighborhood(id: "` + id + `", limit: 0) { nodes { id } } }`,
		`{ path(from: "` + id + `", to: "` + id + `", maxLength: 99) { nodes { id } } }`,
		`{ paths(from: "` + id + `", to: "` + id + `", limit: 0) { length } }`,
		`{ timeline(from: "2024-13-01") { date } }`,
		`{ timeline(to: "yesterday") { date } }`,
		`{ timeline(types: [TARGETS]) { date } }`,
		`{ timeline(first: -5) { date } }`,
		`{ conflicts(first: 500) { id } }`,
		`{ documents(first: -1) { totalCount } }`,
		`{ node(id: "` + id + `") { relationships(after: "bad") { totalCount } } }`,
		`{ node(id: "` + id + `") { relationships(from: "soon") { totalCount } } }`,
		`{ node(id: "` + id + `") { relationships(minSources: -2) { totalCount } } }`,
		`{ node(id: "` + id + `") { mentions(first: 1000) { quote } } }`,
		`{ node(id: "` + id + `") { documents(first: -1) { id } } }`,
		`{ node(id: "` + storetest.D1 + `") { ... on Document { entities(first: 5000) { id } } } }`,
	} {
		e.wantCode(t, q, kg.CodeBadUserInput)
	}
}

func TestMutationNeedsToken(t *testing.T) {
	e := newEnv(t)
	const m = `mutation { ingestDocument(input: { text: "Some news." }) { created } }`
	e.wantCode(t, m, kg.CodeUnauthenticated)
	er := e.wantCode(t, m, kg.CodeUnauthenticated, bearer("wrong"))
	if !strings.Contains(er.Message, "invalid") {
		t.Fatalf("wrong token message = %q", er.Message)
	}
	e.wantCode(t, `mutation { ingestDocument(input: { text: "  \n " }) { created } }`, kg.CodeBadUserInput, bearer(token))
	e.wantCode(t, `mutation { ingestDocument(input: { text: "News.", publishedAt: "someday" }) { created } }`, kg.CodeBadUserInput, bearer(token))
	var resp struct{ Stats struct{ Documents int } }
	e.query(t, `{ stats { documents } }`, &resp)
	if resp.Stats.Documents != 5 {
		t.Fatalf("refused mutations stored something: %d documents", resp.Stats.Documents)
	}
}

func TestMalformedGraphQLKeepsGqlgenCodes(t *testing.T) {
	e := newEnv(t)
	e.wantCode(t, `{ node(id: "x") { id `, "GRAPHQL_PARSE_FAILED")
	e.wantCode(t, `{ nosuchfield }`, "GRAPHQL_VALIDATION_FAILED")
	e.wantCode(t, `{ entities(kind: MOON) { totalCount } }`, "GRAPHQL_VALIDATION_FAILED")
	e.wantCode(t, `query($f: Int) { entities(first: $f) { totalCount } }`, "GRAPHQL_VALIDATION_FAILED", client.Var("f", "ten"))
}

func deepQuery(levels int) string {
	return `{ node(id: "order:x") { ... on Order { ` + strings.Repeat("authority { ", levels) + "id" + strings.Repeat(" }", levels) + ` } } }`
}

func TestDepthLimit(t *testing.T) {
	e := newEnv(t)
	e.wantCode(t, deepQuery(40), graph.CodeDepthLimit)
	var ok struct{ Node *struct{ Authority []any } }
	e.query(t, deepQuery(5), &ok) // within the default limit
}

func TestComplexityScalesWithFirst(t *testing.T) {
	e := newEnv(t)
	q := func(n int) string {
		return fmt.Sprintf(`{ entities(first: %d) { nodes { relationships(first: %d) { nodes { other { relationships(first: %d) { nodes { id type } } } } } } } }`, n, n, n)
	}
	e.wantCode(t, q(100), graph.CodeComplexityLimit)
	var ok struct{ Entities struct{ Nodes []any } }
	e.query(t, q(10), &ok)
	if len(ok.Entities.Nodes) != 10 {
		t.Fatalf("got %d nodes", len(ok.Entities.Nodes))
	}
	// Lower the limit: the same small query is now refused.
	tight := newEnv(t, withOptions(func(o *graph.Options) { o.MaxComplexity = 500 }))
	tight.wantCode(t, q(10), graph.CodeComplexityLimit)
	// Lists without first count too: nesting them multiplies.
	nested := `{ node(id: "order:x") { ... on Order { targets { ... on Company { ordersAgainst { targets { ... on Company { ordersAgainst { targets { id } } } } } } } } } }`
	tight.wantCode(t, nested, graph.CodeComplexityLimit)
	var res struct{ Node *struct{ Targets []any } }
	e.query(t, nested, &res)
}

func TestAliasFieldAndTokenLimits(t *testing.T) {
	e := newEnv(t)
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < 150; i++ {
		fmt.Fprintf(&b, " a%d: __typename", i)
	}
	b.WriteString(" }")
	e.wantCode(t, b.String(), graph.CodeAliasLimit)

	fields := newEnv(t, withOptions(func(o *graph.Options) { o.MaxFields = 20 }))
	// A fragment spread many times multiplies the fields selected.
	q := `fragment F on Node { id name kind label weight } { s: search(query: "kaspersky") { node { ...F ...F } } n: node(id: "x") { ...F } m: node(id: "y") { ...F } o: node(id: "z") { ...F } p: node(id: "w") { ...F } }`
	fields.wantCode(t, q, graph.CodeFieldLimit)

	tokens := newEnv(t, withOptions(func(o *graph.Options) { o.MaxTokens = 15 }))
	tokens.wantCode(t, `{ search(query: "kaspersky") { score node { id name kind label weight aliases firstSeen lastSeen documentCount mentionCount } } }`, "GRAPHQL_PARSE_FAILED")
}

func TestIntrospectionSwitch(t *testing.T) {
	on := newEnv(t)
	var resp struct {
		Schema struct{ QueryType struct{ Name string } } `json:"__schema"`
	}
	on.query(t, `{ __schema { queryType { name } } }`, &resp)
	if resp.Schema.QueryType.Name != "Query" {
		t.Fatalf("introspection = %+v", resp)
	}
	off := newEnv(t, withOptions(func(o *graph.Options) { o.Introspection = false }))
	off.wantCode(t, `{ __schema { queryType { name } } }`, "GRAPHQL_VALIDATION_FAILED")
	off.wantCode(t, `{ __type(name: "Company") { name } }`, "GRAPHQL_VALIDATION_FAILED")
	var tn struct {
		Typename string `json:"__typename"`
	}
	off.query(t, `{ __typename }`, &tn)
}

// brokenStore fails or panics on Search, to check that internal details
// never reach the client.
type brokenStore struct {
	kg.Store
	panic bool
}

func (b brokenStore) Search(context.Context, kg.SearchQuery) ([]kg.SearchHit, error) {
	if b.panic {
		panic("secret panic detail")
	}
	return nil, fmt.Errorf("dial tcp 10.0.0.7:7687: secret driver detail")
}

func (b brokenStore) Nodes(ctx context.Context, ids []string) ([]*kg.Node, error) {
	if b.panic && len(ids) > 0 && ids[0] == "company:boom" {
		panic("secret panic in a batched read")
	}
	return b.Store.Nodes(ctx, ids)
}

func (b brokenStore) Stats(context.Context) (*kg.Stats, error) {
	return nil, kg.Wrap(kg.CodeUnavailable, fmt.Errorf("secret cause"), "the store is unavailable")
}

func TestInternalErrorsLeakNothing(t *testing.T) {
	for _, p := range []bool{false, true} {
		e := newEnv(t, withStore(func(s kg.Store) kg.Store { return brokenStore{Store: s, panic: p} }))
		er := e.wantCode(t, `{ search(query: "kaspersky") { score } }`, kg.CodeInternal)
		if strings.Contains(er.Message, "secret") || er.Message != "internal error" {
			t.Fatalf("leaked: %q", er.Message)
		}
		if !strings.Contains(e.logs.String(), "secret") {
			t.Fatalf("the cause should be logged: %s", e.logs.String())
		}
		if p {
			// A panic inside a batched read, off the resolver's goroutine.
			er = e.wantCode(t, `{ node(id: "company:boom") { id } }`, kg.CodeInternal)
			if strings.Contains(er.Message, "secret") {
				t.Fatalf("leaked: %q", er.Message)
			}
		}
		er = e.wantCode(t, `{ stats { documents } }`, kg.CodeUnavailable)
		if strings.Contains(er.Message, "secret") {
			t.Fatalf("leaked: %q", er.Message)
		}
	}
}

func TestAutomaticPersistedQueries(t *testing.T) {
	e := newEnv(t)
	const q = `{ stats { documents } }`
	hash := "d6fa9b3b0b6b0e0b4c2b0a6f0b8ec5f2b2e1b9b5d8d0a4d4c0f7b6f1a2c3d4e5"
	ext := func(h string) client.Option {
		return client.Extensions(map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": h}})
	}
	// A wrong hash for the text is refused.
	if errs := e.errorsOf(t, q, ext(hash)); len(errs) == 0 {
		t.Fatal("mismatched APQ hash accepted")
	}
	sum := sha256Hex(q)
	var resp struct{ Stats struct{ Documents int } }
	e.query(t, q, &resp, ext(sum)) // registers
	resp.Stats.Documents = 0
	e.query(t, "", &resp, ext(sum)) // by hash only
	if resp.Stats.Documents != 5 {
		t.Fatalf("persisted query gave %+v", resp)
	}
}

// introspectionQuery is what GraphiQL sends on load; the default limits
// must let it through.
const introspectionQuery = `query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
}`

func TestDefaultLimitsAllowIntrospection(t *testing.T) {
	e := newEnv(t)
	if errs := e.errorsOf(t, introspectionQuery); len(errs) != 0 {
		t.Fatalf("introspection refused: %+v", errs)
	}
	resp, err := e.c.RawPost(introspectionQuery)
	if err != nil || !strings.Contains(fmt.Sprint(resp.Data), "Company") {
		t.Fatalf("introspection gave %v, %v", resp, err)
	}
}
