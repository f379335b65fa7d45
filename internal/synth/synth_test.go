package synth

import (
	"encoding/json"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

// merged is an independent tally of what a store would hold after
// ingesting every extraction: distinct nodes by kind, distinct edges by
// type, and the degree of each node over typed relationships.
type merged struct {
	nodes   map[string]kg.Kind
	edges   map[string]kg.RelType
	byKind  map[kg.Kind]int
	byType  map[kg.RelType]int
	degree  map[string]int
	docs    map[string]bool
	mention int
}

func merge(t *testing.T, c *Corpus) *merged {
	t.Helper()
	m := &merged{nodes: map[string]kg.Kind{}, edges: map[string]kg.RelType{}, byKind: map[kg.Kind]int{},
		byType: map[kg.RelType]int{}, degree: map[string]int{}, docs: map[string]bool{}}
	for _, x := range c.Extractions() {
		if m.docs[x.Document.ID] {
			t.Fatalf("document ID %s repeated", x.Document.ID)
		}
		m.docs[x.Document.ID] = true
		m.nodes[x.Document.ID] = kg.KindDocument
		for _, n := range x.Nodes {
			if k, ok := m.nodes[n.ID]; ok && k != n.Kind {
				t.Fatalf("node %s has kinds %s and %s", n.ID, k, n.Kind)
			}
			m.nodes[n.ID] = n.Kind
		}
		for _, e := range x.Edges {
			if e.Type == kg.RelMentions {
				m.mention++
			}
			if _, ok := m.edges[e.ID]; !ok && e.Type != kg.RelMentions && e.Type != kg.RelPublishedOn {
				m.degree[e.Source]++
				m.degree[e.Target]++
			}
			m.edges[e.ID] = e.Type
		}
	}
	for _, k := range m.nodes {
		m.byKind[k]++
	}
	for _, ty := range m.edges {
		m.byType[ty]++
	}
	return m
}

func mustNew(t *testing.T, cfg Config) *Corpus {
	t.Helper()
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func smoke(t *testing.T) Config {
	cfg, err := Preset("smoke")
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestCountsFollowParameters(t *testing.T) {
	base := smoke(t)
	noCopies := base
	noCopies.SyndicateEvery = 0
	noEcho := base
	noEcho.EchoFacts, noEcho.Seed = 0, 7
	tiny := Config{Seed: 3, Documents: 7, Agencies: 2, Companies: 5, Persons: 9, Locations: 10, Entities: 0, Orders: 3, EchoFacts: 2, SyndicateEvery: 3}
	manyDocs := Config{Seed: 4, Documents: 60, Agencies: 1, Companies: 2, Persons: 3, Locations: 10, Entities: 1, Orders: 2, EchoFacts: 3, SyndicateEvery: 5}
	for _, tc := range []struct {
		name string
		cfg  Config
	}{{"smoke", base}, {"no copies", noCopies}, {"no echo", noEcho}, {"tiny", tiny}, {"more documents than facts", manyDocs}} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := tc.cfg
			c := mustNew(t, cfg)
			m := merge(t, c)
			want := map[kg.Kind]int{
				kg.KindAgency: cfg.Agencies, kg.KindCompany: cfg.Companies, kg.KindPerson: cfg.Persons,
				kg.KindLocation: cfg.Locations, kg.KindEntity: cfg.Entities, kg.KindOrder: cfg.Orders,
				kg.KindDocument: cfg.Documents,
			}
			for k, n := range want {
				if m.byKind[k] != n {
					t.Errorf("%s nodes = %d, want %d", k, m.byKind[k], n)
				}
			}
			if m.byKind[kg.KindDate] == 0 {
				t.Error("no DATE nodes")
			}
			typed := 0
			for ty, n := range m.byType {
				if ty != kg.RelMentions && ty != kg.RelPublishedOn {
					typed += n
				}
			}
			if typed != c.Relationships() {
				t.Errorf("typed edges = %d, want %d (every fact of the world, once)", typed, c.Relationships())
			}
			if m.byType[kg.RelMentions] != m.mention {
				t.Errorf("MENTIONS merged to %d from %d: a document repeated a node", m.byType[kg.RelMentions], m.mention)
			}
			checks := map[kg.RelType]int{
				kg.RelIssued: cfg.Orders, kg.RelOccurredOn: cfg.Orders, kg.RelPublishedOn: cfg.Documents,
				kg.RelHeads: cfg.Agencies + cfg.Companies, kg.RelLinkedTo: cfg.Entities,
				kg.RelMemberOf: cfg.Persons - cfg.Agencies - cfg.Companies,
			}
			for ty, n := range checks {
				if m.byType[ty] != n {
					t.Errorf("%s edges = %d, want %d", ty, m.byType[ty], n)
				}
			}
			if m.byType[kg.RelTargets] < cfg.Orders || m.byType[kg.RelEffectiveOn] < cfg.Orders {
				t.Errorf("every order needs a target and an effective date: %v", m.byType)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	cfg := smoke(t)
	a, b := mustNew(t, cfg), mustNew(t, cfg)
	other := cfg
	other.Seed++
	o := mustNew(t, other)
	for _, tc := range []struct {
		name  string
		index int
	}{{"first", 0}, {"syndicated copy", cfg.SyndicateEvery - 1}, {"middle", cfg.Documents / 2}, {"last", cfg.Documents - 1}} {
		t.Run(tc.name, func(t *testing.T) {
			// Build b's documents out of order: a document depends on its index only.
			_ = b.Extraction(cfg.Documents - 1 - tc.index)
			x, y := enc(t, a.Extraction(tc.index)), enc(t, b.Extraction(tc.index))
			if x != y {
				t.Fatalf("document %d differs between two runs with the same seed", tc.index)
			}
			if enc(t, o.Extraction(tc.index)) == x {
				t.Fatalf("document %d identical under another seed", tc.index)
			}
			if a.Input(tc.index) != b.Input(tc.index) {
				t.Fatalf("input %d differs between runs", tc.index)
			}
		})
	}
	if !reflect.DeepEqual(a.Sample(kg.KindCompany, 5, 9), b.Sample(kg.KindCompany, 5, 9)) ||
		!reflect.DeepEqual(a.PathPairs(5, 9), b.PathPairs(5, 9)) {
		t.Fatal("samples differ between runs")
	}
}

func enc(t *testing.T, x *kg.Extraction) string {
	t.Helper()
	b, err := json.Marshal(x)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestExtractionsAreWellFormed checks what a store and the API rely on:
// quotes index the text, IDs are derived the agreed way, edges join nodes
// of the same extraction, and syndicated copies share their original's
// cluster.
func TestExtractionsAreWellFormed(t *testing.T) {
	cfg := smoke(t)
	c := mustNew(t, cfg)
	var prev *kg.Extraction
	accents := false
	for i, x := range c.Extractions() {
		d := x.Document
		runes := []rune(d.Text)
		if d.ID != kg.DocumentID(d.Text) {
			t.Fatalf("doc %d: ID %s is not kg.DocumentID of its text", i, d.ID)
		}
		in := c.Input(i)
		if in.Text != d.Text || in.PublishedAt != d.PublishedAt || in.Title != d.Title {
			t.Fatalf("doc %d: Input and Extraction disagree", i)
		}
		if _, _, err := kg.ParseISODate(d.PublishedAt); err != nil {
			t.Fatalf("doc %d: %v", i, err)
		}
		checkEv := func(what string, e kg.Evidence) {
			if e.DocumentID != d.ID || e.Start < 0 || e.End > len(runes) || e.Start >= e.End ||
				string(runes[e.Start:e.End]) != e.Quote {
				t.Fatalf("doc %d %s: evidence %+v does not index the text", i, what, e)
			}
		}
		ids := map[string]bool{d.ID: true}
		for _, n := range x.Nodes {
			ids[n.ID] = true
			if n.Kind == kg.KindDate {
				if n.ID != kg.DateNodeID(n.Attrs[kg.AttrDate]) {
					t.Fatalf("date node %s", n.ID)
				}
			} else if n.ID != kg.NodeID(n.Kind, n.Name) {
				t.Fatalf("node %s is not kg.NodeID(%s, %q)", n.ID, n.Kind, n.Name)
			}
			if len(n.Mentions) == 0 || !slices.IsSorted(n.Aliases) {
				t.Fatalf("node %s: no mention or unsorted aliases", n.ID)
			}
			for _, e := range n.Mentions {
				checkEv("mention of "+n.ID, e)
				if e.Quote != n.Name && !slices.Contains(n.Aliases, e.Quote) {
					t.Fatalf("mention %q of %s is neither its name nor an alias", e.Quote, n.ID)
				}
				if len([]rune(e.Quote)) != len(e.Quote) {
					accents = true
				}
			}
			for _, f := range n.Facts {
				checkEv("fact of "+n.ID, f.Evidence)
			}
		}
		edges := map[string]bool{}
		for _, e := range x.Edges {
			if !e.Type.Valid() || !ids[e.Source] || !ids[e.Target] || edges[e.ID] {
				t.Fatalf("doc %d: bad or repeated edge %+v", i, e)
			}
			edges[e.ID] = true
			role := e.Attrs[kg.AttrRole]
			if e.ID != kg.EdgeID(e.Source, e.Type, e.Target, role) {
				t.Fatalf("edge %s is not kg.EdgeID of its parts", e.ID)
			}
			if e.Type == kg.RelEffectiveOn && role == "" {
				t.Fatalf("EFFECTIVE_ON edge without a role")
			}
			if e.Type == kg.RelStated && e.Attrs[kg.AttrStatement] == "" {
				t.Fatalf("STATED edge without a statement")
			}
			for _, ev := range e.Evidence {
				checkEv("edge "+string(e.Type), ev)
			}
			if !reflect.DeepEqual(e.Documents, []string{d.ID}) || !reflect.DeepEqual(e.Clusters, []string{d.Cluster}) {
				t.Fatalf("edge sources %v %v", e.Documents, e.Clusters)
			}
		}
		switch {
		case cfg.isCopy(i):
			if d.Cluster != prev.Document.Cluster || d.Source == prev.Document.Source {
				t.Fatalf("doc %d: a syndicated copy must share its original's cluster under another outlet", i)
			}
			if len(x.Edges) != len(prev.Edges) {
				t.Fatalf("doc %d: a copy reports %d edges, its original %d", i, len(x.Edges), len(prev.Edges))
			}
		case d.Cluster != d.ID:
			t.Fatalf("doc %d: an original is its own cluster", i)
		}
		prev = x
	}
	if !accents {
		t.Error("no mention with non-ASCII characters: rune offsets are not exercised")
	}
}

// TestDegreeSkew checks the shape a realistic graph has: a few hubs far
// above the typical node.
func TestDegreeSkew(t *testing.T) {
	cfg, err := Preset("small")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Documents = 300 // the degree shape does not depend on how facts are spread over documents
	m := merge(t, mustNew(t, cfg))
	var deg []int
	for _, d := range m.degree {
		deg = append(deg, d)
	}
	sort.Ints(deg)
	median, top := deg[len(deg)/2], deg[len(deg)-1]
	if top < 50*median {
		t.Errorf("max degree %d is not a hub against median %d", top, median)
	}
	typed := len(m.edges) - m.byType[kg.RelMentions]
	if typed*100 < 35*len(m.edges) {
		t.Errorf("typed relationships are %d of %d edges; want at least 35%%", typed, len(m.edges))
	}
}

func TestValidate(t *testing.T) {
	good := smoke(t)
	for _, tc := range []struct {
		name string
		edit func(*Config)
	}{
		{"no documents", func(c *Config) { c.Documents = 0 }},
		{"too few persons for heads", func(c *Config) { c.Persons = c.Agencies + c.Companies - 1 }},
		{"too few locations", func(c *Config) { c.Locations = 9 }},
		{"syndicate every document", func(c *Config) { c.SyndicateEvery = 1 }},
		{"negative echo", func(c *Config) { c.EchoFacts = -1 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := good
			tc.edit(&c)
			if _, err := New(c); kg.ErrorCode(err) != kg.CodeBadUserInput {
				t.Fatalf("New(%v) = %v, want BAD_USER_INPUT", c, err)
			}
		})
	}
	if _, err := Preset("galactic"); err == nil {
		t.Fatal("unknown preset accepted")
	}
}
