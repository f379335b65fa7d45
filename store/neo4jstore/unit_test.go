package neo4jstore

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/kg"
)

// The generated statements on disk must be what the generator makes now,
// so a change to the ontology cannot ship with stale Cypher.
func TestGeneratedStatementsUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generator")
	}
	dir := t.TempDir()
	cmd := exec.Command("go", "run", "./gen", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./gen: %v\n%s", err, out)
	}
	fresh, _ := filepath.Glob(filepath.Join(dir, "gen_*.cypher"))
	committed, _ := filepath.Glob(filepath.Join("cypher", "gen_*.cypher"))
	if len(fresh) != len(committed) {
		t.Fatalf("generator makes %d files, cypher/ holds %d: run go generate ./store/neo4jstore", len(fresh), len(committed))
	}
	for _, f := range fresh {
		want, _ := os.ReadFile(f)
		got, err := os.ReadFile(filepath.Join("cypher", filepath.Base(f)))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("cypher/%s is stale: run go generate ./store/neo4jstore", filepath.Base(f))
		}
	}
}

// Every label and relationship type in the embedded Cypher must come from
// the ontology's whitelist (plus the shared :Node label).
func TestStatementsUseOnlyWhitelistedLabelsAndTypes(t *testing.T) {
	allowed := map[string]bool{"Node": true}
	for _, k := range kg.Kinds {
		allowed[k.Label()] = true
	}
	for _, rt := range kg.RelTypes {
		allowed[string(rt)] = true
	}
	label := regexp.MustCompile(`[(\[,]\s*[a-z]*\s*:\s*([A-Za-z_]+)|SET [a-z]+:([A-Za-z_]+)`)
	seen := map[string]bool{}
	for name, q := range statements {
		for _, m := range label.FindAllStringSubmatch(q, -1) {
			l := m[1] + m[2]
			seen[l] = true
			if !allowed[l] {
				t.Errorf("%s uses label or type %q outside the whitelist", name, l)
			}
		}
	}
	for _, l := range []string{"Node", "Document", "Date", "Agency", "ISSUED", "MENTIONS"} {
		if !seen[l] {
			t.Errorf("label/type %s never found: the check is not looking", l)
		}
	}
	for _, k := range kg.Kinds {
		if k == kg.KindDocument {
			continue
		}
		if q := nodeStatement(k); !strings.Contains(q, "SET n:"+k.Label()+",") {
			t.Errorf("node statement for %s does not set label %s", k, k.Label())
		}
	}
	for _, rt := range kg.RelTypes {
		if q := edgeStatement(rt); !strings.Contains(q, "[r:"+string(rt)+" ") {
			t.Errorf("edge statement for %s does not use that type", rt)
		}
	}
	for h := 0; h <= MaxHops+1; h++ {
		for _, family := range []string{"neighborhood", "shortest_path", "paths"} {
			hopStatement(family, h) // panics if a bound is missing
		}
	}
}

// Values never reach the query text: every statement takes them as $params.
func TestStatementsHaveNoInlineValues(t *testing.T) {
	quoted := regexp.MustCompile(`'([^']*)'`)
	for name, q := range statements {
		for _, m := range quoted.FindAllStringSubmatch(q, -1) {
			switch m[1] {
			case "", "node_search", "MENTIONS":
			default:
				t.Errorf("%s has an inline string literal %q", name, m[0])
			}
		}
	}
	if got := schemaStatements(); got[0] != "schema_node_id" || len(got) < 8+len(kg.RelTypes) {
		t.Errorf("schema statements = %v", got)
	}
}

func TestMergeRules(t *testing.T) {
	ev := func(doc string, start int) kg.Evidence {
		return kg.Evidence{DocumentID: doc, Start: start, End: start + 3, Quote: "abc"}
	}
	a := kg.Node{ID: "company:k", Kind: kg.KindCompany, Name: "Kaspersky", Aliases: []string{"Kaspersky Lab"},
		Attrs: map[string]string{"x": "1"}, Mentions: []kg.Evidence{ev("d2", 5), ev("d2", 1)},
		Documents: []string{"d2"}, FirstSeen: "2024-06-21", LastSeen: "2024-06-21"}
	b := kg.Node{ID: "company:k", Kind: kg.KindCompany, Name: "Kaspersky Labs", Aliases: []string{"Kaspersky"},
		Attrs: map[string]string{"x": "2", "y": "3"}, Mentions: []kg.Evidence{ev("d2", 1), ev("d1", 9)},
		Documents: []string{"d1"}, FirstSeen: "2024-06-20", LastSeen: "2024-06-20"}
	first := mergeNode(nil, a)
	m := mergeNode(&first, b)
	if m.Name != "Kaspersky" {
		t.Errorf("name %q: first writer must win", m.Name)
	}
	if want := []string{"Kaspersky Lab", "Kaspersky Labs"}; !slices.Equal(m.Aliases, want) {
		t.Errorf("aliases %q, want %q", m.Aliases, want)
	}
	if m.Attrs["x"] != "1" || m.Attrs["y"] != "3" {
		t.Errorf("attrs %v: stored keys keep their value, new keys are added", m.Attrs)
	}
	if len(m.Mentions) != 3 || m.Mentions[0].DocumentID != "d1" || m.Mentions[1].Start != 1 {
		t.Errorf("mentions %+v: want 3, deduplicated and sorted", m.Mentions)
	}
	if !slices.Equal(m.Documents, []string{"d1", "d2"}) || m.FirstSeen != "2024-06-20" || m.LastSeen != "2024-06-21" {
		t.Errorf("documents/seen: %v %s %s", m.Documents, m.FirstSeen, m.LastSeen)
	}
	again := mergeNode(&m, b)
	if len(again.Mentions) != len(m.Mentions) || !slices.Equal(again.Aliases, m.Aliases) {
		t.Errorf("merging the same input twice changed the node: %+v", again)
	}

	e1 := kg.Edge{ID: "rel:1", Type: kg.RelTargets, Source: "a", Target: "b", Attrs: map[string]string{"role": "x"},
		Evidence: []kg.Evidence{ev("d1", 0)}, Documents: []string{"d1"}, Clusters: []string{"d1"}}
	e2 := kg.Edge{ID: "rel:1", Type: kg.RelTargets, Source: "a", Target: "b", Attrs: map[string]string{"role": "y"},
		Evidence: []kg.Evidence{ev("d3", 0), ev("d1", 0)}, Documents: []string{"d3"}, Clusters: []string{"d1"}}
	f := mergeEdge(nil, e1)
	me := mergeEdge(&f, e2)
	if me.Attrs["role"] != "x" || len(me.Evidence) != 2 || !slices.Equal(me.Documents, []string{"d1", "d3"}) ||
		!slices.Equal(me.Clusters, []string{"d1"}) {
		t.Errorf("edge merge: %+v", me)
	}
}

func TestCodecRoundTrip(t *testing.T) {
	n := kg.Node{ID: "date:2024-06", Kind: kg.KindDate, Name: "June 2024",
		Attrs:    map[string]string{kg.AttrDate: "2024-06", kg.AttrPrecision: "MONTH"},
		Facts:    []kg.Fact{{Name: "users", Value: "4", Text: "four", Evidence: kg.Evidence{DocumentID: "d", Start: 1, End: 2, Quote: "x"}}},
		Mentions: []kg.Evidence{{DocumentID: "d", Start: 1, End: 2, Quote: "x"}}, Documents: []string{"d"}}
	p := nodeProps(&n)
	if p["rangeStart"] != "2024-06-01" || p["rangeEnd"] != "2024-06-30" || p["date"] != "2024-06" {
		t.Errorf("date props: %v %v %v", p["rangeStart"], p["rangeEnd"], p["date"])
	}
	if p["aliasKeyText"] != "|june 2024|" || p["mentionCount"] != int64(1) {
		t.Errorf("derived props: %v %v", p["aliasKeyText"], p["mentionCount"])
	}
	year := nodeProps(&kg.Node{ID: "x", Name: "x", FirstSeen: "2023", LastSeen: "2024"})
	if year["firstSeenStart"] != "2023-01-01" || year["lastSeenEnd"] != "2024-12-31" {
		t.Errorf("seen bounds of year-precision dates: %v %v", year["firstSeenStart"], year["lastSeenEnd"])
	}
	got := decodeNode(asStored(p))
	if got.ID != n.ID || got.Name != n.Name || len(got.Facts) != 1 || got.Facts[0].Evidence.Quote != "x" || got.Attrs[kg.AttrPrecision] != "MONTH" {
		t.Errorf("node round trip: %+v", got)
	}
	d := kg.Document{ID: "doc:1", Text: "\n  First line  \nbody", Signature: []uint64{1, 1 << 63}, Bands: []string{"b1"},
		IngestedAt: time.Date(2024, 6, 21, 1, 2, 3, 4, time.UTC)}
	dp := documentProps(&d, documentNode(&d))
	if dp["name"] != "First line" {
		t.Errorf("document name %q", dp["name"])
	}
	back := decodeDocument(asStored(dp))
	if !slices.Equal(back.Signature, d.Signature) || !back.IngestedAt.Equal(d.IngestedAt) || back.Text != d.Text {
		t.Errorf("document round trip: %+v", back)
	}
}

// asStored mimics what the driver hands back: lists as []any.
func asStored(p map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range p {
		switch x := v.(type) {
		case []string:
			l := make([]any, len(x))
			for i, s := range x {
				l[i] = s
			}
			out[k] = l
		case []int64:
			l := make([]any, len(x))
			for i, s := range x {
				l[i] = s
			}
			out[k] = l
		default:
			out[k] = v
		}
	}
	return out
}

// Open against a port where nothing listens retries with backoff, logs
// each attempt, then fails with UNAVAILABLE and no driver text.
func TestOpenWaitsThenReportsUnavailable(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	start := time.Now()
	_, err := OpenWithLogger(context.Background(), Config{URI: "bolt://127.0.0.1:1", StartupWait: 700 * time.Millisecond}, log)
	if kg.ErrorCode(err) != kg.CodeUnavailable {
		t.Fatalf("Open: %v, want UNAVAILABLE", err)
	}
	if msg := kg.ErrorMessage(err); msg != "graph database unavailable" {
		t.Errorf("client message %q leaks details", msg)
	}
	if time.Since(start) < 600*time.Millisecond {
		t.Errorf("Open gave up after %v, before StartupWait", time.Since(start))
	}
	if n := strings.Count(logs.String(), "neo4j not reachable yet"); n < 2 {
		t.Errorf("want a log line per attempt, got %d:\n%s", n, logs.String())
	}
}

func TestFuzzyQuery(t *testing.T) {
	for in, want := range map[string]string{"usa": "", "kasperski": "kasperski~2", "raimond": "raimond~1",
		"commerce departmnt": "commerce~2 AND departmnt~2"} {
		if got := fuzzyQuery(in); got != want {
			t.Errorf("fuzzyQuery(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestConfigFromEnv(t *testing.T) {
	t.Setenv("NEO4J_URI", "neo4j://db:7687")
	t.Setenv("NEO4J_USERNAME", "u")
	t.Setenv("NEO4J_PASSWORD", "p")
	t.Setenv("NEO4J_DATABASE", "graph")
	t.Setenv("NEO4J_MAX_POOL_SIZE", "7")
	t.Setenv("NEO4J_QUERY_TIMEOUT", "2s")
	c := ConfigFromEnv().withDefaults()
	if c.URI != "neo4j://db:7687" || c.Username != "u" || c.Password != "p" || c.Database != "graph" ||
		c.MaxConnectionPoolSize != 7 || c.QueryTimeout != 2*time.Second || c.StartupWait != time.Minute {
		t.Errorf("config %+v", c)
	}
}
