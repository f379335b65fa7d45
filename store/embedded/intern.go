package embedded

import (
	"hash/maphash"

	"github.com/newsgraph/newsgraph/kg"
)

// interner keeps one copy of each string that recurs across the graph:
// node IDs in every edge that touches them, document IDs in every piece of
// evidence and every Documents list, dates, names, attribute keys and the
// quotes of repeated mentions. Decoded from the log or built by a loader,
// each occurrence would otherwise be an object of its own, and the
// garbage collector's cost grows with the number of live objects: at 180k
// nodes and 1.4M edges, strings were 19 of the 27 million objects it had
// to mark on every cycle, a cycle that competed with queries for the CPU.
//
// Edge IDs and document texts are left alone: each occurs once.
//
// The table from a value to its copy holds no pointers: a map from
// string to string put two pointers per interned value into every
// collection's marking, where a map of integers is one object the
// collector marks without reading (at full scale a collection of the
// store took 0.95-0.99 s of CPU with the first, 0.83-0.90 s with this). A value
// is found by its hash; the arena's bytes tell whether the value there is
// the one asked for, and the rare value whose hash an earlier one took,
// like a value too long for the arena, goes to a map of its own.
type interner struct {
	seed  maphash.Seed
	hash  func(string) uint64 // tests set it to make values collide; nil: maphash
	refs  map[uint64]ref      // hash of a value -> its copy in the arena
	other map[string]string   // values the arena does not hold, or whose hash was taken
	bytes *arena
}

func newInterner(a *arena) *interner {
	return &interner{
		seed:  maphash.MakeSeed(),
		refs:  map[uint64]ref{},
		other: map[string]string{},
		bytes: a,
	}
}

// str replaces *p with the canonical copy of its value. A first-seen
// value is cloned, so a quote cut from a document's text does not keep
// the whole text alive.
func (in *interner) str(p *string) {
	s := *p
	if s == "" {
		return
	}
	if len(s) <= arenaMax {
		h := maphash.String(in.seed, s)
		if in.hash != nil {
			h = in.hash(s)
		}
		r, taken := in.refs[h]
		if !taken {
			c, r := in.bytes.cloneRef(s)
			in.refs[h] = r
			*p = c
			return
		}
		if c := in.bytes.at(r); c == s {
			*p = c
			return
		}
	}
	if c, ok := in.other[s]; ok {
		*p = c
		return
	}
	c := in.bytes.clone(s)
	in.other[c] = c
	*p = c
}

func (in *interner) strs(xs []string) {
	for i := range xs {
		in.str(&xs[i])
	}
}

// attrs returns m with canonical keys and values. Map keys cannot be
// replaced in place, so a map is rebuilt; maps are small and rare.
func (in *interner) attrs(m map[string]string) map[string]string {
	if len(m) == 0 {
		return m
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		in.str(&k)
		in.str(&v)
		out[k] = v
	}
	return out
}

func (in *interner) evidence(e *kg.Evidence) {
	in.str(&e.DocumentID)
	in.str(&e.Quote)
}

// extraction makes every recurring string of x canonical, in place: the
// values are equal, so what the caller sees of x does not change.
func (in *interner) extraction(x *kg.Extraction) {
	d := &x.Document
	in.str(&d.ID)
	in.str(&d.Cluster)
	in.str(&d.PublishedAt)
	in.str(&d.Source)
	in.strs(d.Bands)
	for i := range x.Nodes {
		n := &x.Nodes[i]
		n.Kind = canonicalKind(n.Kind)
		in.str(&n.ID)
		in.str(&n.Name)
		in.strs(n.Aliases)
		n.Attrs = in.attrs(n.Attrs)
		for j := range n.Facts {
			f := &n.Facts[j]
			in.str(&f.Name)
			in.str(&f.Unit)
			in.str(&f.Qualifier)
			in.evidence(&f.Evidence)
		}
		for j := range n.Mentions {
			in.evidence(&n.Mentions[j])
		}
		in.strs(n.Documents)
		in.str(&n.FirstSeen)
		in.str(&n.LastSeen)
	}
	for i := range x.Edges {
		e := &x.Edges[i]
		in.str(&e.Source)
		in.str(&e.Target)
		e.Type = canonicalType(e.Type)
		e.Attrs = in.attrs(e.Attrs)
		for j := range e.Evidence {
			in.evidence(&e.Evidence[j])
		}
		in.strs(e.Documents)
		in.strs(e.Clusters)
		in.str(&e.FirstSeen)
		in.str(&e.LastSeen)
	}
}

// canonicalKind returns kg's constant equal to k (k itself if none is):
// every node of a kind then shares the constant's bytes, which every
// comparison and every answer reads, instead of a copy of its own decoded
// from the log, a cache miss per node written out.
func canonicalKind(k kg.Kind) kg.Kind {
	if i, ok := kindIndex[k]; ok {
		return kg.Kinds[i]
	}
	return k
}

// canonicalType is canonicalKind for relationship types.
func canonicalType(t kg.RelType) kg.RelType {
	if i, ok := typeIndex[t]; ok {
		return kg.RelTypes[i]
	}
	return t
}
