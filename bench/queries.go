package bench

import (
	"encoding/json"
	"math/rand/v2"
	"strings"

	"github.com/newsgraph/newsgraph/internal/synth"
	"github.com/newsgraph/newsgraph/kg"
)

// The GraphQL documents of the benchmark. Each asks for what a client
// would draw or list, not just IDs, so serialisation is part of the cost.
const (
	qTypename = `{ __typename }`
	qSearch   = `query($q: String!) { search(query: $q, first: 10) { score node { id name kind } } }`
	qNeighbor = `query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 100) {
  nodes { id kind label weight } edges { id type source target label } } }`
	qPath = `query($from: ID!, $to: ID!) { path(from: $from, to: $to, maxLength: 4) {
  nodes { id kind label } edges { id type source target } } }`
	// qNested walks three levels of relationships from one node: the query
	// a dataloader must keep to one store call per level.
	qNested = `query($id: ID!) { node(id: $id) { id name
  relationships(first: 10) { totalCount edges { node { type sourceCount other { id name
    relationships(first: 5) { edges { node { type other { id name
      relationships(first: 5) { edges { node { type other { id name kind } } } } } } } } } } } } } }`
)

// Operation names, as reported.
const (
	OpCeiling      = "{ __typename } (ceiling)"
	OpSearch       = "search"
	OpNeighborhood = "neighborhood(depth: 2)"
	OpPath         = "path"
	OpNested       = "nested 3 levels"
)

func body(query string, vars map[string]any) []byte {
	m := map[string]any{"query": query}
	if vars != nil {
		m["variables"] = vars
	}
	b, err := json.Marshal(m)
	if err != nil {
		panic(err) // strings and maps of strings always marshal
	}
	return b
}

// Sample is what a run asks about: search terms, neighbourhood centres,
// path endpoints and nested-query roots drawn from the corpus. The GraphQL
// and the store-only operations ask the same questions.
type Sample struct {
	Terms   []string
	Centres []string
	Pairs   [][2]string
	Roots   []string
}

// NewSample draws about n questions of each operation from c with seed.
func NewSample(c *synth.Corpus, n int, seed uint64) Sample {
	r := rand.New(rand.NewPCG(seed, 0xb3))
	var s Sample
	for _, ref := range mixed(c, n, seed, map[kg.Kind]int{kg.KindCompany: 4, kg.KindPerson: 3, kg.KindAgency: 1, kg.KindOrder: 1, kg.KindEntity: 1}) {
		s.Terms = append(s.Terms, searchTerm(r, ref.Name))
	}
	for _, ref := range mixed(c, n, seed+1, map[kg.Kind]int{kg.KindOrder: 4, kg.KindCompany: 3, kg.KindPerson: 2, kg.KindAgency: 1}) {
		s.Centres = append(s.Centres, ref.ID)
	}
	for _, p := range c.PathPairs(n, seed+2) {
		s.Pairs = append(s.Pairs, [2]string{p[0].ID, p[1].ID})
	}
	for _, ref := range mixed(c, n, seed+3, map[kg.Kind]int{kg.KindOrder: 2, kg.KindCompany: 1}) {
		s.Roots = append(s.Roots, ref.ID)
	}
	return s
}

// Ops prepares the GraphQL requests of s: the ceiling first, then search,
// neighborhood, path and the nested query.
func Ops(s Sample) []Op {
	ceiling := Op{Name: OpCeiling, Bodies: [][]byte{body(qTypename, nil)}}
	search := Op{Name: OpSearch}
	for _, q := range s.Terms {
		search.Bodies = append(search.Bodies, body(qSearch, map[string]any{"q": q}))
	}
	neigh := Op{Name: OpNeighborhood}
	for _, id := range s.Centres {
		neigh.Bodies = append(neigh.Bodies, body(qNeighbor, map[string]any{"id": id}))
	}
	path := Op{Name: OpPath}
	for _, p := range s.Pairs {
		path.Bodies = append(path.Bodies, body(qPath, map[string]any{"from": p[0], "to": p[1]}))
	}
	nested := Op{Name: OpNested}
	for _, id := range s.Roots {
		nested.Bodies = append(nested.Bodies, body(qNested, map[string]any{"id": id}))
	}
	return []Op{ceiling, search, neigh, path, nested}
}

// mixed samples about n nodes, the kinds in the given proportions.
func mixed(c *synth.Corpus, n int, seed uint64, weights map[kg.Kind]int) []synth.NodeRef {
	total := 0
	for _, w := range weights {
		total += w
	}
	var out []synth.NodeRef
	for i, k := range kg.Kinds { // a fixed order keeps the sample deterministic
		if w := weights[k]; w > 0 {
			out = append(out, c.Sample(k, max(1, n*w/total), seed+uint64(i))...)
		}
	}
	r := rand.New(rand.NewPCG(seed, 0x51))
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// searchTerm is what a user types for name: the exact name, its first
// word (typeahead), or the name with two letters swapped (a typo).
func searchTerm(r *rand.Rand, name string) string {
	switch r.IntN(10) {
	case 0, 1, 2, 3:
		return name
	case 4, 5, 6:
		if w, _, ok := strings.Cut(name, " "); ok {
			return w
		}
		return name
	}
	rs := []rune(name)
	if len(rs) > 3 {
		i := 1 + r.IntN(len(rs)-2)
		rs[i], rs[i+1] = rs[i+1], rs[i]
	}
	return string(rs)
}

// Select keeps the ceiling (always first: ratios are taken against it)
// and the operations whose names contain one of names; no names keeps
// all. It lets a profile cover one operation at a time.
func Select(ops []Op, names []string) []Op {
	if len(names) == 0 || len(ops) == 0 {
		return ops
	}
	out := []Op{ops[0]}
	for _, op := range ops[1:] {
		if matchesAny(op.Name, names) {
			out = append(out, op)
		}
	}
	return out
}

// SelectStore is Select for store-only operations, which have no ceiling.
func SelectStore(ops []StoreOp, names []string) []StoreOp {
	if len(names) == 0 {
		return ops
	}
	var out []StoreOp
	for _, op := range ops {
		if matchesAny(op.Name, names) {
			out = append(out, op)
		}
	}
	return out
}

func matchesAny(name string, parts []string) bool {
	for _, p := range parts {
		if p != "" && strings.Contains(name, p) {
			return true
		}
	}
	return false
}
