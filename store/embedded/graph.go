package embedded

import (
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// nodeRec is a stored node. Its kg.Node value is copy-on-write: a merge
// builds new slices and maps instead of editing the old ones, so a value
// handed to a caller stays valid after the lock is released.
type nodeRec struct {
	n     kg.Node
	kind  uint8  // index in kg.Kinds
	main  []adj  // incident edges of every type but MENTIONS and PUBLISHED_ON, ordered by neighbour ID
	meta  []adj  // incident MENTIONS and PUBLISHED_ON edges in arrival order, kept apart so traversals skip them cheaply
	lower string // lower-cased name, the NAME sort key
	names string // lower-cased name and aliases joined by "\n", for NameContains
}

// adj is one incident edge as seen from a node. It carries what a
// traversal tests (type, the neighbour and its kind) so walking a hub's
// list reads one contiguous slice instead of chasing a pointer per edge.
// Kinds and types never change once stored, so the copy cannot go stale.
type adj struct {
	e, nb     int32 // edge index, the other end (the node itself for a self-loop)
	typ, kind uint8 // the edge's type, the neighbour's kind
	src, dst  bool  // whether the node is the edge's source, its target (both for a self-loop)
}

// edgeRec is a stored edge's lists and ends, copy-on-write like nodeRec;
// the rest of the edge is its row (see edgeread.go).
type edgeRec struct {
	evidence  []kg.Evidence
	documents []string // sorted
	clusters  []string // sorted
	src, dst  int32
	typ       uint8 // index in kg.RelTypes
}

// typeMask is a set of relationship types, one bit per index in kg.RelTypes.
type typeMask uint32

// kindMask is a set of node kinds, one bit per index in kg.Kinds.
type kindMask uint16

var (
	kindIndex = func() map[kg.Kind]uint8 {
		m := map[kg.Kind]uint8{}
		for i, k := range kg.Kinds {
			m[k] = uint8(i)
		}
		return m
	}()
	typeIndex = func() map[kg.RelType]uint8 {
		m := map[kg.RelType]uint8{}
		for i, t := range kg.RelTypes {
			m[t] = uint8(i)
		}
		return m
	}()
	metaMask     = typeMask(1)<<typeIndex[kg.RelMentions] | typeMask(1)<<typeIndex[kg.RelPublishedOn]
	allTypes     = typeMask(1)<<len(kg.RelTypes) - 1
	mentionsMask = typeMask(1) << typeIndex[kg.RelMentions]
	dateKind     = kindIndex[kg.KindDate]
)

// maskOf is the set of types; empty means def.
func maskOf(ts []kg.RelType, def typeMask) typeMask {
	if len(ts) == 0 {
		return def
	}
	var m typeMask
	for _, t := range ts {
		if i, ok := typeIndex[t]; ok {
			m |= 1 << i
		}
	}
	return m
}

// kindsOf is the set of kinds; empty means all.
func kindsOf(ks []kg.Kind) kindMask {
	if len(ks) == 0 {
		return ^kindMask(0)
	}
	var m kindMask
	for _, k := range ks {
		if i, ok := kindIndex[k]; ok {
			m |= 1 << i
		}
	}
	return m
}

func (m typeMask) has(t uint8) bool  { return m&(1<<t) != 0 }
func (m kindMask) has(k uint8) bool  { return m&(1<<k) != 0 }
func (r *nodeRec) mentionCount() int { return len(r.n.Mentions) }

// other is the end of e that is not u (u itself for a self-loop).
func (e *edgeRec) other(u int32) int32 {
	if e.src == u {
		return e.dst
	}
	return e.src
}

// lowerNames joins the lower-cased name and aliases for substring filters.
func lowerNames(n *kg.Node) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(n.Name))
	for _, a := range n.Aliases {
		b.WriteByte('\n')
		b.WriteString(strings.ToLower(a))
	}
	return b.String()
}
