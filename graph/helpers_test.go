package graph_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/99designs/gqlgen/client"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/resolvers"
	"github.com/newsgraph/newsgraph/internal/auth"
	"github.com/newsgraph/newsgraph/internal/events"
	"github.com/newsgraph/newsgraph/kg"
	"github.com/newsgraph/newsgraph/store/embedded"
	"github.com/newsgraph/newsgraph/store/storetest"
)

const token = "test-token"

// env is a served graph over the storetest corpus plus the extra document
// D6, which disagrees with D1/D2 and introduces an ENTITY.
type env struct {
	c     *client.Client
	h     http.Handler
	store kg.Store
	bus   *events.Bus
	logs  *strings.Builder
}

type envOption func(*envConfig)

type envConfig struct {
	opts  graph.Options
	store func(kg.Store) kg.Store
}

func withOptions(f func(*graph.Options)) envOption {
	return func(c *envConfig) { f(&c.opts) }
}

func withStore(wrap func(kg.Store) kg.Store) envOption {
	return func(c *envConfig) { c.store = wrap }
}

func newEnv(t testing.TB, opts ...envOption) *env {
	t.Helper()
	cfg := envConfig{opts: graph.DefaultOptions(), store: func(s kg.Store) kg.Store { return s }}
	for _, o := range opts {
		o(&cfg)
	}
	raw := embedded.OpenMemory()
	t.Cleanup(func() { _ = raw.Close() })
	storetest.Seed(t, raw, storetest.Base()...)
	storetest.Seed(t, raw, doc6())
	st := cfg.store(raw)
	bus := events.NewBus()
	logs := &strings.Builder{}
	logger := slog.New(slog.NewTextHandler(&syncWriter{w: logs}, nil))
	r := resolvers.NewResolver(st, events.NewPublishing(&testIngester{store: st}, bus), bus, logger)
	h := auth.Middleware(token)(graph.NewHandler(r, cfg.opts))
	return &env{c: client.New(h), h: h, store: st, bus: bus, logs: logs}
}

type syncWriter struct {
	mu sync.Mutex
	w  *strings.Builder
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func bearer(tok string) client.Option { return client.AddHeader("Authorization", "Bearer "+tok) }

// query runs q and decodes data into out, failing on any error.
func (e *env) query(t testing.TB, q string, out any, opts ...client.Option) {
	t.Helper()
	if err := e.c.Post(q, out, opts...); err != nil {
		t.Fatalf("query failed: %v\n%s", err, q)
	}
}

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// errorsOf runs q and returns its errors, whatever the HTTP status.
func (e *env) errorsOf(t testing.TB, q string, opts ...client.Option) []gqlError {
	t.Helper()
	resp, err := e.c.RawPost(q, opts...)
	var raw []byte
	if err != nil {
		msg := err.Error()
		i := strings.Index(msg, ": ")
		if !strings.HasPrefix(msg, "http 4") || i < 0 {
			t.Fatalf("request failed: %v", err)
		}
		var body struct {
			Errors json.RawMessage `json:"errors"`
		}
		if err := json.Unmarshal([]byte(msg[i+2:]), &body); err != nil {
			t.Fatalf("decode %q: %v", msg, err)
		}
		raw = body.Errors
	} else {
		raw = resp.Errors
	}
	var errs []gqlError
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &errs); err != nil {
			t.Fatalf("decode errors %s: %v", raw, err)
		}
	}
	return errs
}

// wantCode asserts that q fails with exactly one error coded code.
func (e *env) wantCode(t testing.TB, q, code string, opts ...client.Option) gqlError {
	t.Helper()
	errs := e.errorsOf(t, q, opts...)
	if len(errs) == 0 {
		t.Fatalf("want %s, got no error for %s", code, q)
	}
	if got := errs[0].Extensions["code"]; got != code {
		t.Fatalf("want code %s, got %v (%s) for %s", code, got, errs[0].Message, q)
	}
	return errs[0]
}

// testIngester stores a document without extraction: the loader is
// tested on its own; here only the mutation's plumbing matters.
type testIngester struct{ store kg.Store }

func (i *testIngester) Ingest(ctx context.Context, in kg.DocumentInput) (*kg.Document, kg.IngestStatus, error) {
	if strings.TrimSpace(in.Text) == "" {
		return nil, kg.IngestStatus{}, kg.Errorf(kg.CodeBadUserInput, "text must not be empty")
	}
	pub := ""
	if in.PublishedAt != "" {
		iso, _, err := kg.ParseISODate(in.PublishedAt)
		if err != nil {
			return nil, kg.IngestStatus{}, err
		}
		pub = iso
	}
	id := kg.DocumentID(in.Text)
	x := &kg.Extraction{Document: kg.Document{
		ID: id, Title: in.Title, Source: in.Source, URL: in.URL, PublishedAt: pub,
		Text: in.Text, Cluster: id, IngestedAt: time.Now().UTC(),
	}}
	st, err := i.store.Ingest(ctx, x)
	if err != nil {
		return nil, st, err
	}
	return &x.Document, st, nil
}

// Fixture IDs beyond storetest's.
var (
	ksn       = kg.NodeID(kg.KindEntity, "Kaspersky Security Network")
	date0930  = kg.DateNodeID("2024-09-30")
	text6     = "A later report said the Department of Homeland Security issued the Kaspersky software ban. Updates end on September 30, 2024, the report said. The Kaspersky Security Network, a unit of Kaspersky, was also named. Kaspersky has 200 million users."
	d6        = kg.DocumentID(text6)
	updates0  = kg.EdgeID(storetest.Ban, kg.RelEffectiveOn, storetest.DateUpdates, "updates end")
	issuedCom = kg.EdgeID(storetest.Commerce, kg.RelIssued, storetest.Ban, "")
)

// xb builds an extraction whose evidence indexes its text exactly.
type xb struct{ x *kg.Extraction }

func newXB(text, title, published string) *xb {
	id := kg.DocumentID(text)
	return &xb{x: &kg.Extraction{Document: kg.Document{
		ID: id, Title: title, Source: "Test Wire", PublishedAt: published, Text: text, Cluster: id,
		IngestedAt: time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC),
	}}}
}

func (b *xb) ev(quote string) kg.Evidence {
	i := strings.Index(b.x.Document.Text, quote)
	if i < 0 {
		panic(fmt.Sprintf("fixture: %q not in text", quote))
	}
	start := utf8.RuneCountInString(b.x.Document.Text[:i])
	return kg.Evidence{DocumentID: b.x.Document.ID, Start: start, End: start + utf8.RuneCountInString(quote), Quote: quote}
}

func (b *xb) node(id string, k kg.Kind, name, surface string, attrs ...string) *kg.Node {
	n := kg.Node{ID: id, Kind: k, Name: name, Documents: []string{b.x.Document.ID},
		FirstSeen: b.x.Document.PublishedAt, LastSeen: b.x.Document.PublishedAt,
		Mentions: []kg.Evidence{b.ev(surface)}}
	for i := 0; i+1 < len(attrs); i += 2 {
		if n.Attrs == nil {
			n.Attrs = map[string]string{}
		}
		n.Attrs[attrs[i]] = attrs[i+1]
	}
	b.x.Nodes = append(b.x.Nodes, n)
	b.x.Edges = append(b.x.Edges, b.mkEdge(b.x.Document.ID, kg.RelMentions, id, surface))
	return &b.x.Nodes[len(b.x.Nodes)-1]
}

func (b *xb) mkEdge(src string, t kg.RelType, dst, quote string, kv ...string) kg.Edge {
	var attrs map[string]string
	role := ""
	for i := 0; i+1 < len(kv); i += 2 {
		if attrs == nil {
			attrs = map[string]string{}
		}
		attrs[kv[i]] = kv[i+1]
		if kv[i] == kg.AttrRole {
			role = kv[i+1]
		}
	}
	d := b.x.Document
	return kg.Edge{ID: kg.EdgeID(src, t, dst, role), Type: t, Source: src, Target: dst, Attrs: attrs,
		Evidence: []kg.Evidence{b.ev(quote)}, Documents: []string{d.ID}, Clusters: []string{d.Cluster},
		FirstSeen: d.PublishedAt, LastSeen: d.PublishedAt}
}

func (b *xb) edge(src string, t kg.RelType, dst, quote string, kv ...string) {
	b.x.Edges = append(b.x.Edges, b.mkEdge(src, t, dst, quote, kv...))
}

func doc6() *kg.Extraction {
	b := newXB(text6, "Later report", "2024-06-25")
	b.node(storetest.DHS, kg.KindAgency, "Department of Homeland Security", "Department of Homeland Security")
	b.node(storetest.Ban, kg.KindOrder, "Kaspersky software ban", "Kaspersky software ban")
	k := b.node(storetest.Kaspersky, kg.KindCompany, "Kaspersky", "Kaspersky")
	k.Facts = []kg.Fact{{Name: "users", Value: "200000000", Text: "200 million users", Evidence: b.ev("200 million users")}}
	b.node(ksn, kg.KindEntity, "Kaspersky Security Network", "Kaspersky Security Network")
	b.node(date0930, kg.KindDate, "2024-09-30", "September 30, 2024", kg.AttrDate, "2024-09-30", kg.AttrPrecision, "DAY")
	b.edge(storetest.DHS, kg.RelIssued, storetest.Ban, "the Department of Homeland Security issued the Kaspersky software ban")
	b.edge(storetest.Ban, kg.RelEffectiveOn, date0930, "Updates end on September 30, 2024", kg.AttrRole, "updates end")
	b.edge(ksn, kg.RelLinkedTo, storetest.Kaspersky, "The Kaspersky Security Network, a unit of Kaspersky")
	b.edge(storetest.Ban, kg.RelTargets, ksn, "Kaspersky Security Network")
	return b.x
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
