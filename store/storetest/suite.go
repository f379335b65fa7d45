package storetest

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

// Opener opens a fresh, empty store for one subtest.
type Opener func(t *testing.T) kg.Store

// Options tunes the suite for a backend.
type Options struct {
	// Skip maps a subtest name ("Search/Typo", or a whole group such as
	// "Paths") to the reason the backend cannot pass it yet. Every skip is
	// reported by name, so deviations stay visible.
	Skip map[string]string
}

// Run runs the whole contract suite against the backend open returns.
func Run(t *testing.T, open Opener) { RunWith(t, open, Options{}) }

// RunWith is Run with options for known backend deviations.
func RunWith(t *testing.T, open Opener, o Options) {
	s := &suite{open: open, opts: o}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			if r, ok := o.Skip[g.name]; ok {
				t.Skip(r)
			}
			for _, c := range g.cases {
				t.Run(c.name, func(t *testing.T) {
					if r, ok := o.Skip[g.name+"/"+c.name]; ok {
						t.Skip(r)
					}
					c.fn(t, s)
				})
			}
		})
	}
}

type suite struct {
	open Opener
	opts Options
}

type testCase struct {
	name string
	fn   func(t *testing.T, s *suite)
}

type group struct {
	name  string
	cases []testCase
}

// groups is filled by the init functions of the files that hold the cases.
var groups []group

func addGroup(name string, cases ...testCase) {
	groups = append(groups, group{name: name, cases: cases})
}

// fresh opens an empty store that is closed when the subtest ends.
func (s *suite) fresh(t *testing.T) kg.Store {
	t.Helper()
	st := s.open(t)
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// seeded opens a store holding the base fixtures D1..D4.
func (s *suite) seeded(t *testing.T) kg.Store {
	t.Helper()
	st := s.fresh(t)
	Seed(t, st, Base()...)
	return st
}

// Seed ingests the extractions in order and fails the test on any error or
// on a document reported as already stored.
func Seed(t testing.TB, st kg.Store, xs ...*kg.Extraction) {
	t.Helper()
	for _, x := range xs {
		status, err := st.Ingest(context.Background(), x)
		if err != nil {
			t.Fatalf("Ingest(%s): %v", x.Document.ID, err)
		}
		if !status.Created {
			t.Fatalf("Ingest(%s): Created=false on first ingest", x.Document.ID)
		}
	}
}

var bg = context.Background()

// NodeIDs lists the IDs of nodes, in order.
func NodeIDs(ns []kg.Node) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	return out
}

// EdgeIDs lists the IDs of edges, in order.
func EdgeIDs(es []kg.Edge) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

// NodeRefIDs lists the IDs of shared nodes (a subgraph's), in order.
func NodeRefIDs(ns []*kg.Node) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	return out
}

// EdgeRefIDs lists the IDs of shared edges, in order.
func EdgeRefIDs(es []*kg.Edge) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

func eqIDs(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got  %q\n want %q", what, got, want)
	}
}

func sorted(ids ...string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error, want %s", what, code)
		return
	}
	if got := kg.ErrorCode(err); got != code {
		t.Errorf("%s: error %v has code %s, want %s", what, err, got, code)
	}
	var ke *kg.Error
	if !errors.As(err, &ke) {
		t.Errorf("%s: error %v is not a *kg.Error", what, err)
	}
}

// edgeIn returns the edge with the given ID among the fixtures' edges.
func fixtureEdge(xs []*kg.Extraction, src string, typ kg.RelType, dst string) string {
	for _, x := range xs {
		for _, e := range x.Edges {
			if e.Source == src && e.Type == typ && e.Target == dst {
				return e.ID
			}
		}
	}
	panic("storetest: no fixture edge " + src + " " + string(typ) + " " + dst)
}

// edgeID is the ID of the single fixture edge src -typ-> dst.
func edgeID(src string, typ kg.RelType, dst string) string {
	return fixtureEdge(Corpus(), src, typ, dst)
}

// refNode is the reference model's view of a merged node: what the merge
// rules make of the fixtures, computed independently of any backend.
type refNode struct {
	id, name  string
	kind      kg.Kind
	keys      []string // lower-cased name and aliases
	docs      []string
	mentions  int
	first     string
	last      string
	aliasKeys map[string]bool
}

// reference merges the extractions the simple way.
func reference(xs []*kg.Extraction) map[string]*refNode {
	out := map[string]*refNode{}
	seenMention := map[string]bool{}
	add := func(n kg.Node) {
		r, ok := out[n.ID]
		if !ok {
			r = &refNode{id: n.ID, name: n.Name, kind: n.Kind, aliasKeys: map[string]bool{}}
			out[n.ID] = r
		}
		for _, s := range append([]string{n.Name}, n.Aliases...) {
			r.keys = append(r.keys, strings.ToLower(s))
			r.aliasKeys[kg.AliasKey(s)] = true
		}
		for _, d := range n.Documents {
			if !slices.Contains(r.docs, d) {
				r.docs = append(r.docs, d)
			}
		}
		slices.Sort(r.docs)
		for _, m := range n.Mentions {
			k := n.ID + "\x00" + m.DocumentID + "\x00" + strconv.Itoa(m.Start) + "\x00" + strconv.Itoa(m.End)
			if !seenMention[k] {
				seenMention[k] = true
				r.mentions++
			}
		}
		if n.FirstSeen != "" && (r.first == "" || n.FirstSeen < r.first) {
			r.first = n.FirstSeen
		}
		if n.LastSeen != "" && n.LastSeen > r.last {
			r.last = n.LastSeen
		}
	}
	for _, x := range xs {
		d := x.Document
		add(kg.Node{ID: d.ID, Kind: kg.KindDocument, Name: docName(d), Documents: []string{d.ID}, FirstSeen: d.PublishedAt, LastSeen: d.PublishedAt})
		for _, n := range x.Nodes {
			add(n)
		}
	}
	return out
}

// docName is the DOCUMENT node name rule.
func docName(d kg.Document) string {
	if d.Title != "" {
		return d.Title
	}
	for _, line := range strings.Split(d.Text, "\n") {
		if l := strings.TrimSpace(line); l != "" {
			r := []rune(l)
			if len(r) > 80 {
				r = r[:80]
			}
			return strings.TrimSpace(string(r))
		}
	}
	return ""
}
