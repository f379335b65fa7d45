package embedded

import (
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// interner keeps one copy of each string that recurs across the graph:
// node IDs in every edge that touches them, document IDs in every piece of
// evidence and every Documents list, dates, names, attribute keys and the
// quotes of repeated mentions. Decoded from the log or a snapshot, each
// occurrence would otherwise be an allocation of its own, and both the
// heap's size and the collector's work grow with the number of live
// objects.
//
// Edge IDs and document texts are left alone: each occurs once.
type interner struct {
	seen map[string]string
}

func newInterner() *interner {
	return &interner{seen: map[string]string{}}
}

// str replaces *p with the canonical copy of its value. A first-seen
// value is cloned, so a quote cut from a document's text does not keep
// the whole text alive.
func (in *interner) str(p *string) {
	s := *p
	if s == "" {
		return
	}
	if c, ok := in.seen[s]; ok {
		*p = c
		return
	}
	c := strings.Clone(s)
	in.seen[c] = c
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
