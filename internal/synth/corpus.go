package synth

import (
	"iter"
	"math/rand/v2"

	"github.com/newsgraph/newsgraph/kg"
)

// Corpus is a generated world and the documents that report it. It is
// immutable after New and safe for concurrent use.
type Corpus struct {
	cfg Config
	w   *world
}

// New builds the world for cfg. Documents are generated on demand by
// Extraction and Input.
func New(cfg Config) (*Corpus, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Corpus{cfg: cfg, w: newWorld(cfg)}, nil
}

// Config returns the configuration the corpus was built from.
func (c *Corpus) Config() Config { return c.cfg }

// Len is the number of documents.
func (c *Corpus) Len() int { return c.cfg.Documents }

// Relationships is the number of distinct typed relationships (MENTIONS
// and PUBLISHED_ON excluded) that the documents state between them.
func (c *Corpus) Relationships() int {
	n := 0
	for _, f := range c.w.facts {
		if f.t != "" {
			n++
		}
	}
	return n
}

// Extraction returns document i (0 <= i < Len) as the loader would extract
// it. The result is a fresh value; callers may keep or modify it.
func (c *Corpus) Extraction(i int) *kg.Extraction { return c.build(i).extraction() }

// Input returns document i as raw input, for exercising the real loader on
// the same text.
func (c *Corpus) Input(i int) kg.DocumentInput {
	d := c.build(i)
	return kg.DocumentInput{Text: d.text, Title: d.title, Source: d.source, URL: d.url, PublishedAt: d.published}
}

// Extractions yields every document's extraction in order, building each
// only when asked, so a full-scale corpus streams in constant memory.
func (c *Corpus) Extractions() iter.Seq2[int, *kg.Extraction] {
	return func(yield func(int, *kg.Extraction) bool) {
		for i := 0; i < c.cfg.Documents; i++ {
			if !yield(i, c.Extraction(i)) {
				return
			}
		}
	}
}

// NodeRef is a node of the world as queries name it.
type NodeRef struct {
	ID   string
	Kind kg.Kind
	Name string
}

// Sample returns n nodes of kind drawn uniformly (with replacement) by a
// stream seeded with seed: the query targets of a benchmark. DATE and
// DOCUMENT nodes are not part of the world's entity list and give nil.
func (c *Corpus) Sample(kind kg.Kind, n int, seed uint64) []NodeRef {
	var pool []int32
	for i, nd := range c.w.nodes {
		if nd.kind == kind {
			pool = append(pool, int32(i))
		}
	}
	if len(pool) == 0 {
		return nil
	}
	r := rand.New(rand.NewPCG(seed, uint64(len(pool))))
	out := make([]NodeRef, n)
	for i := range out {
		nd := c.w.nodes[pool[r.IntN(len(pool))]]
		out[i] = NodeRef{ID: nd.id, Kind: nd.kind, Name: nd.name}
	}
	return out
}

// PathPairs returns n (from, to) pairs an analyst would ask to connect: the
// head of the agency that issued a random order, and the order's first
// target ("how is the minister connected to this company"). They are
// joined by a path of at most three relationships.
func (c *Corpus) PathPairs(n int, seed uint64) [][2]NodeRef {
	r := rand.New(rand.NewPCG(seed, 0x9a7))
	w := c.w
	out := make([][2]NodeRef, 0, n)
	for len(out) < n {
		var issuer, target int32 = -1, -1
		for _, f := range w.anchorFacts(w.orderAnchor[r.IntN(len(w.orderAnchor))]) {
			switch {
			case f.t == kg.RelIssued && issuer < 0:
				issuer = f.s
			case f.t == kg.RelTargets && target < 0:
				target = f.o
			}
		}
		if issuer < 0 || target < 0 {
			continue
		}
		head := w.person0 + (issuer - w.agency0) // agency k is headed by person k
		ref := func(i int32) NodeRef { nd := w.nodes[i]; return NodeRef{ID: nd.id, Kind: nd.kind, Name: nd.name} }
		out = append(out, [2]NodeRef{ref(head), ref(target)})
	}
	return out
}
