package graph_test

import (
	"slices"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/newsgraph/newsgraph/store/storetest"
)

// Every kind's fields, including the ones shared through Node.

type idName struct{ ID, Name string }

func ids(xs []idName) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = x.ID
	}
	return out
}

func TestSharedNodeFields(t *testing.T) {
	e := newEnv(t)
	var resp struct {
		Node struct {
			ID, Name, Kind, Label string
			Weight                int
			Aliases               []string
			Mentions              []struct {
				Quote, DocumentID string
				Start, End        int
				Sentence          int
				Document          struct{ ID string }
			}
			MentionCount, DocumentCount int
			Documents                   []struct{ ID string }
			FirstSeen, LastSeen         *string
			Facts                       []struct {
				Name, Value, Text string
				Unit, Qualifier   *string
				Evidence          struct{ Quote string }
				Sources           []struct{ DocumentID string }
				SourceCount       int
			}
		}
	}
	e.query(t, `query($id: ID!) { node(id: $id) { id name kind label weight aliases
		mentions(first: 2) { quote documentId start end sentence document { id } } mentionCount documentCount
		documents(first: 10) { id } firstSeen lastSeen facts { name value text unit qualifier evidence { quote } sources { documentId } sourceCount } } }`,
		&resp, client.Var("id", storetest.Kaspersky))
	n := resp.Node
	if !slices.Contains(n.Aliases, "Kaspersky Lab") || slices.Contains(n.Aliases, n.Name) {
		t.Fatalf("aliases = %v", n.Aliases)
	}
	if len(n.Mentions) != 2 || n.MentionCount < 4 {
		t.Fatalf("mentions = %d of %d", len(n.Mentions), n.MentionCount)
	}
	for _, m := range n.Mentions {
		if m.Document.ID != m.DocumentID || m.End-m.Start != len([]rune(m.Quote)) {
			t.Fatalf("mention %+v", m)
		}
	}
	if n.DocumentCount != 4 || len(n.Documents) != 4 {
		t.Fatalf("documents = %d/%d", len(n.Documents), n.DocumentCount)
	}
	if n.FirstSeen == nil || *n.FirstSeen != "2024-06-20" || n.LastSeen == nil || *n.LastSeen != "2024-06-25" {
		t.Fatalf("seen = %v..%v", n.FirstSeen, n.LastSeen)
	}
	// D1 and D2 give the same figure: one fact with two sources; D6 another.
	if len(n.Facts) != 2 || n.Facts[0].Name != "users" || n.Facts[0].Unit != nil || n.Facts[0].Evidence.Quote == "" ||
		n.Facts[0].SourceCount != 2 || len(n.Facts[0].Sources) != 2 || n.Facts[1].Value != "200000000" || n.Facts[1].SourceCount != 1 {
		t.Fatalf("facts = %+v", n.Facts)
	}

	var russia struct {
		Node struct{ FirstSeen, LastSeen *string }
	}
	e.query(t, `query($id: ID!) { node(id: $id) { firstSeen lastSeen } }`, &russia, client.Var("id", storetest.Russia))
	if russia.Node.FirstSeen != nil || russia.Node.LastSeen != nil {
		t.Fatalf("unknown dates should be null: %+v", russia.Node)
	}
}

func TestRelationshipsField(t *testing.T) {
	e := newEnv(t)
	type rel struct {
		Cursor string
		Node   struct {
			ID, Type, Direction, Modality string
			Role, Statement, Derivation   *string
			Source, Target, Other         struct{ ID string }
			Attributes                    []struct{ Key, Value string }
			Evidence                      []struct{ Quote string }
			Documents                     []struct{ ID string }
			SourceCount                   int
			IndependentSourceCount        int
			FirstSeen, LastSeen           *string
		}
	}
	type conn struct {
		TotalCount int
		Edges      []rel
		PageInfo   struct {
			HasNextPage bool
			EndCursor   *string
		}
	}
	var resp struct {
		Node struct {
			All, Out, In, Page, Strong, Dated conn
		}
	}
	e.query(t, `fragment R on RelationshipConnection { totalCount edges { cursor node {
			id type direction modality role statement derivation source { id } target { id } other { id }
			attributes { key value } evidence { quote } documents { id } sourceCount independentSourceCount firstSeen lastSeen } }
			pageInfo { hasNextPage endCursor } }
		query($id: ID!) { node(id: $id) {
			all: relationships(first: 100) { ...R }
			out: relationships(direction: OUT, first: 100) { ...R }
			in: relationships(direction: IN, types: [TARGETS], first: 100) { ...R }
			page: relationships(first: 2) { ...R }
			strong: relationships(minSources: 3, first: 100) { ...R }
			dated: relationships(from: "2024-06-24", first: 100) { ...R }
		} }`, &resp, client.Var("id", storetest.Ban))
	n := resp.Node
	if n.All.TotalCount != len(n.All.Edges) || n.All.TotalCount < 8 {
		t.Fatalf("all: %d edges, total %d", len(n.All.Edges), n.All.TotalCount)
	}
	for i, r := range n.All.Edges {
		if i > 0 && r.Node.ID <= n.All.Edges[i-1].Node.ID {
			t.Fatal("relationships not ordered by ID")
		}
		if r.Node.Type == "MENTIONS" {
			t.Fatal("MENTIONS should be left out by default")
		}
		want := r.Node.Target.ID
		if r.Node.Direction == "IN" {
			want = r.Node.Source.ID
		}
		if r.Node.Other.ID != want || (r.Node.Direction == "OUT") != (r.Node.Source.ID == storetest.Ban) {
			t.Fatalf("direction/other wrong: %+v", r.Node)
		}
		if r.Node.SourceCount != len(r.Node.Documents) || r.Node.IndependentSourceCount > r.Node.SourceCount || r.Node.IndependentSourceCount < 1 {
			t.Fatalf("counts: %+v", r.Node)
		}
	}
	for _, r := range n.Out.Edges {
		if r.Node.Direction != "OUT" {
			t.Fatalf("OUT gave %+v", r.Node)
		}
	}
	if len(n.In.Edges) != 0 {
		t.Fatalf("nothing targets the ban: %+v", n.In.Edges)
	}
	if len(n.Page.Edges) != 2 || !n.Page.PageInfo.HasNextPage || n.Page.TotalCount != n.All.TotalCount ||
		*n.Page.PageInfo.EndCursor != n.Page.Edges[1].Cursor || n.Page.Edges[1].Node.ID != n.All.Edges[1].Node.ID {
		t.Fatalf("page: %+v", n.Page)
	}
	// The issuer edge Commerce -> ban is supported by D1, D2 and D3, but D1
	// and D3 are one story: 3 sources, 2 independent.
	var issued *rel
	for i, r := range n.Strong.Edges {
		if r.Node.ID == issuedCom {
			issued = &n.Strong.Edges[i]
		}
		if r.Node.SourceCount < 3 {
			t.Fatalf("minSources let %+v in", r.Node)
		}
	}
	if issued == nil || issued.Node.SourceCount != 3 || issued.Node.IndependentSourceCount != 2 || len(issued.Node.Evidence) < 2 {
		t.Fatalf("issuer edge: %+v", issued)
	}
	for _, r := range n.Dated.Edges {
		if r.Node.LastSeen == nil || *r.Node.LastSeen < "2024-06-24" {
			t.Fatalf("from filter let %+v in", r.Node)
		}
	}
	if len(n.Dated.Edges) == 0 {
		t.Fatal("D6's edges are seen after 2024-06-24")
	}

	// The next page continues after the cursor.
	var next struct {
		Node struct{ Relationships conn }
	}
	e.query(t, `query($id: ID!, $after: String) { node(id: $id) { relationships(first: 100, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } }`,
		&next, client.Var("id", storetest.Ban), client.Var("after", *n.Page.PageInfo.EndCursor))
	if len(next.Node.Relationships.Edges) != n.All.TotalCount-2 || next.Node.Relationships.Edges[0].Node.ID != n.All.Edges[2].Node.ID {
		t.Fatalf("next page: %+v", next.Node.Relationships)
	}

	// Attributes of a claim.
	var denied struct {
		Node struct {
			Relationships struct {
				Nodes []struct {
					Statement  *string
					Attributes []struct{ Key, Value string }
				}
			}
		}
	}
	e.query(t, `query($id: ID!) { node(id: $id) { relationships(types: [DENIED]) { nodes { statement attributes { key value } } } } }`,
		&denied, client.Var("id", storetest.Kaspersky))
	d := denied.Node.Relationships.Nodes
	if len(d) != 1 || d[0].Statement == nil || *d[0].Statement != "denied wrongdoing" || d[0].Attributes[0].Key != "statement" {
		t.Fatalf("denied = %+v", d)
	}
}

func TestAgencyFields(t *testing.T) {
	e := newEnv(t)
	var resp struct {
		Node struct {
			Leaders []struct {
				Person       idName
				Organization idName
				Type         string
				Title        *string
				Relationship struct {
					Evidence []struct{ Quote string }
				}
			}
			Members         []struct{ Person idName }
			OrdersIssued    []idName
			OrdersAnnounced []idName
		}
	}
	e.query(t, `query($id: ID!) { node(id: $id) { ... on Agency {
		leaders { person { id name } organization { id name } type title relationship { evidence { quote } } }
		members { person { id name } } ordersIssued { id name } ordersAnnounced { id name } } } }`,
		&resp, client.Var("id", storetest.Commerce))
	n := resp.Node
	if len(n.Leaders) != 1 || n.Leaders[0].Person.ID != storetest.Raimondo || n.Leaders[0].Organization.ID != storetest.Commerce ||
		n.Leaders[0].Type != "HEADS" || n.Leaders[0].Title == nil || *n.Leaders[0].Title != "Commerce Secretary" ||
		n.Leaders[0].Relationship.Evidence[0].Quote != "Commerce Secretary Gina Raimondo" {
		t.Fatalf("leaders = %+v", n.Leaders)
	}
	if len(n.Members) != 0 || len(n.OrdersAnnounced) != 0 {
		t.Fatalf("members/announced = %+v %+v", n.Members, n.OrdersAnnounced)
	}
	if !slices.Equal(ids(n.OrdersIssued), []string{storetest.Ban}) {
		t.Fatalf("ordersIssued = %+v", n.OrdersIssued)
	}
}

func TestCompanyFields(t *testing.T) {
	e := newEnv(t)
	var resp struct {
		K struct {
			Locations     []idName
			Headquarters  []idName
			People        []struct{ Person idName }
			OrdersAgainst []idName
			Figures       []struct{ Name, Value string }
			Affiliates    []idName
		}
		A struct {
			Locations     []idName
			Headquarters  []idName
			People        []struct{ Person idName }
			OrdersAgainst []idName
			Figures       []struct{ Name, Value string }
			Affiliates    []idName
		}
	}
	e.query(t, `fragment C on Company { locations { id name } headquarters { id name } people { person { id name } }
		ordersAgainst { id name } figures { name value } affiliates { id name } }
		query($k: ID!, $a: ID!) { k: node(id: $k) { ...C } a: node(id: $a) { ...C } }`,
		&resp, client.Var("k", storetest.Kaspersky), client.Var("a", storetest.Acme))
	if !slices.Equal(ids(resp.K.Locations), []string{storetest.Moscow}) || !slices.Equal(ids(resp.K.Headquarters), []string{storetest.Moscow}) {
		t.Fatalf("kaspersky locations = %+v / %+v", resp.K.Locations, resp.K.Headquarters)
	}
	got := ids(resp.K.OrdersAgainst)
	slices.Sort(got)
	want := []string{storetest.Directive, storetest.Ban}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("ordersAgainst = %v, want %v", got, want)
	}
	if len(resp.K.Figures) != 2 || resp.K.Figures[0].Name != "users" {
		t.Fatalf("figures = %+v", resp.K.Figures)
	}
	if !slices.Equal(ids(resp.K.Affiliates), []string{ksn}) {
		t.Fatalf("affiliates = %+v", resp.K.Affiliates)
	}
	if !slices.Equal(ids(resp.A.Locations), []string{storetest.Paris}) || len(resp.A.Headquarters) != 0 {
		t.Fatalf("acme locations = %+v / %+v", resp.A.Locations, resp.A.Headquarters)
	}
	// A company as a member is not a person: people lists persons only.
	if len(resp.A.People) != 0 {
		t.Fatalf("acme people = %+v", resp.A.People)
	}
}

func TestEntityPersonLocationFields(t *testing.T) {
	e := newEnv(t)
	var resp struct {
		Ksn struct {
			Kind          string
			LinkedTo      []idName
			OrdersAgainst []idName
		}
		Gina struct {
			Title        *string
			Roles        []struct{ Organization idName }
			OrdersIssued []idName
		}
		Moscow struct {
			BasedHere     []idName
			OperatingHere []idName
		}
		Paris struct{ OperatingHere []idName }
	}
	e.query(t, `query($ksn: ID!, $gina: ID!, $moscow: ID!, $paris: ID!) {
		ksn: node(id: $ksn) { kind ... on Entity { linkedTo { id name } ordersAgainst { id name } } }
		gina: node(id: $gina) { ... on Person { title roles { organization { id name } } ordersIssued { id name } } }
		moscow: node(id: $moscow) { ... on Location { basedHere { id name } operatingHere { id name } } }
		paris: node(id: $paris) { ... on Location { operatingHere { id name } } } }`, &resp,
		client.Var("ksn", ksn), client.Var("gina", storetest.Raimondo), client.Var("moscow", storetest.Moscow), client.Var("paris", storetest.Paris))
	if resp.Ksn.Kind != "ENTITY" || !slices.Equal(ids(resp.Ksn.LinkedTo), []string{storetest.Kaspersky}) || !slices.Equal(ids(resp.Ksn.OrdersAgainst), []string{storetest.Ban}) {
		t.Fatalf("entity = %+v", resp.Ksn)
	}
	if resp.Gina.Title == nil || *resp.Gina.Title != "Commerce Secretary" || len(resp.Gina.Roles) != 1 || resp.Gina.Roles[0].Organization.ID != storetest.Commerce || len(resp.Gina.OrdersIssued) != 0 {
		t.Fatalf("person = %+v", resp.Gina)
	}
	if !slices.Equal(ids(resp.Moscow.BasedHere), []string{storetest.Kaspersky}) || len(resp.Moscow.OperatingHere) != 0 {
		t.Fatalf("moscow = %+v", resp.Moscow)
	}
	if !slices.Equal(ids(resp.Paris.OperatingHere), []string{storetest.Acme}) {
		t.Fatalf("paris = %+v", resp.Paris)
	}
}

func TestOrderFields(t *testing.T) {
	e := newEnv(t)
	var resp struct {
		Ban struct {
			OrderType   *string
			IssuedBy    []idName
			AnnouncedBy []idName
			Targets     []struct{ ID, Kind string }
			Authority   []idName
			BasisFor    []idName
			Dates       []struct {
				Date         struct{ Date, Precision string }
				Role         *string
				Type         string
				Derivation   *string
				Relationship struct {
					SourceCount int
					Evidence    []struct{ Quote string }
				}
			}
		}
		EO struct{ BasisFor []idName }
	}
	e.query(t, `query($ban: ID!, $eo: ID!) {
		ban: node(id: $ban) { ... on Order { orderType issuedBy { id name } announcedBy { id name } targets { id kind } authority { id name } basisFor { id name }
			dates { date { date precision } role type derivation relationship { sourceCount evidence { quote } } } } }
		eo: node(id: $eo) { ... on Order { basisFor { id name } } } }`, &resp, client.Var("ban", storetest.Ban), client.Var("eo", storetest.EO))
	b := resp.Ban
	if b.OrderType == nil || *b.OrderType != "ban" {
		t.Fatalf("orderType = %v (first writer wins)", b.OrderType)
	}
	// Best supported first: Commerce (3 documents) before DHS (1).
	if !slices.Equal(ids(b.IssuedBy), []string{storetest.Commerce, storetest.DHS}) {
		t.Fatalf("issuedBy = %+v", b.IssuedBy)
	}
	if !slices.Equal(ids(b.AnnouncedBy), []string{storetest.Raimondo}) || !slices.Equal(ids(b.Authority), []string{storetest.EO}) || len(b.BasisFor) != 0 {
		t.Fatalf("announcedBy/authority/basisFor = %+v %+v %+v", b.AnnouncedBy, b.Authority, b.BasisFor)
	}
	if len(b.Targets) != 2 || b.Targets[0].ID != storetest.Kaspersky {
		t.Fatalf("targets = %+v", b.Targets)
	}
	var dates []string
	for _, d := range b.Dates {
		role := ""
		if d.Role != nil {
			role = *d.Role
		}
		dates = append(dates, d.Date.Date+" "+role)
		if d.Type != "EFFECTIVE_ON" || d.Relationship.SourceCount < 1 || len(d.Relationship.Evidence) == 0 {
			t.Fatalf("date %+v", d)
		}
	}
	want := []string{"2024-07-20 new sales banned", "2024-09-29 updates end", "2024-09-30 updates end"}
	if !slices.Equal(dates, want) {
		t.Fatalf("dates = %v, want %v", dates, want)
	}
	if !slices.Equal(ids(resp.EO.BasisFor), []string{storetest.Ban}) {
		t.Fatalf("EO basisFor = %+v", resp.EO.BasisFor)
	}
}

func TestDateFields(t *testing.T) {
	e := newEnv(t)
	var resp struct {
		D struct {
			Date, Precision, Start, End, Label string
			Events                             []struct {
				Subject struct{ ID string }
				Role    *string
			}
		}
		M struct{ Date, Precision, Start, End string }
	}
	e.query(t, `query($d: ID!, $m: ID!) {
		d: node(id: $d) { label ... on Date { date precision start end events { subject { id } role } } }
		m: node(id: $m) { ... on Date { date precision start end } } }`, &resp, client.Var("d", storetest.DateUpdates), client.Var("m", storetest.DateEO))
	if resp.D.Date != "2024-09-29" || resp.D.Precision != "DAY" || resp.D.Start != "2024-09-29" || resp.D.End != "2024-09-29" || resp.D.Label != "2024-09-29" {
		t.Fatalf("date = %+v", resp.D)
	}
	if len(resp.D.Events) != 1 || resp.D.Events[0].Subject.ID != storetest.Ban || *resp.D.Events[0].Role != "updates end" {
		t.Fatalf("events = %+v", resp.D.Events)
	}
	if resp.M.Date != "2019-05" || resp.M.Precision != "MONTH" || resp.M.Start != "2019-05-01" || resp.M.End != "2019-05-31" {
		t.Fatalf("month = %+v", resp.M)
	}
}

func TestDocumentFields(t *testing.T) {
	e := newEnv(t)
	var resp struct {
		D struct {
			ID, Kind, Name, Text, Cluster, IngestedAt         string
			Title, Source, URL, PublishedAt, Byline, Dateline *string
			Entities                                          []struct{ ID, Kind string }
			Orgs                                              []struct{ ID string }
			Facts                                             []struct {
				Name, Value string
				Evidence    struct{ DocumentID string }
			}
			NearDuplicates []struct{ ID string }
		}
		D4 struct {
			Name  string
			Title *string
		}
	}
	e.query(t, `query($d: ID!, $d4: ID!) {
		d: node(id: $d) { id kind name ... on Document { text cluster ingestedAt title source url publishedAt byline dateline
			entities(first: 50) { id kind } orgs: entities(kinds: [AGENCY, COMPANY]) { id } facts { name value evidence { documentId } } nearDuplicates { id } } }
		d4: document(id: $d4) { name title } }`, &resp, client.Var("d", storetest.D1), client.Var("d4", storetest.D4))
	d := resp.D
	if d.Kind != "DOCUMENT" || d.Text != storetest.Text1 || *d.Title != storetest.Title1 || *d.Source != "Wire A" || d.URL != nil || *d.PublishedAt != "2024-06-20" || d.Cluster != storetest.D1 || d.IngestedAt != "2024-06-22T12:00:00Z" {
		t.Fatalf("document = %+v", d)
	}
	if len(d.Entities) < 8 {
		t.Fatalf("entities = %+v", d.Entities)
	}
	got := map[string]bool{}
	for _, o := range d.Orgs {
		got[o.ID] = true
	}
	if len(d.Orgs) != 2 || !got[storetest.Commerce] || !got[storetest.Kaspersky] {
		t.Fatalf("orgs = %+v", d.Orgs)
	}
	if len(d.Facts) != 1 || d.Facts[0].Value != "400000000" || d.Facts[0].Evidence.DocumentID != storetest.D1 {
		t.Fatalf("facts = %+v", d.Facts)
	}
	if len(d.NearDuplicates) != 1 || d.NearDuplicates[0].ID != storetest.D3 {
		t.Fatalf("nearDuplicates = %+v", d.NearDuplicates)
	}
	if resp.D4.Name != storetest.Doc4Name || resp.D4.Title != nil {
		t.Fatalf("untitled document = %+v", resp.D4)
	}
}
