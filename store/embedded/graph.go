package embedded

import (
	"cmp"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// nodeRec is a stored node. Its kg.Node value is copy-on-write: a merge
// builds new slices and maps instead of editing the old ones, so a value
// handed to a caller stays valid after the lock is released.
type nodeRec struct {
	n     kg.Node
	kind  uint8   // index in kg.Kinds
	main  []int32 // incident edges of every type but MENTIONS and PUBLISHED_ON
	meta  []int32 // incident MENTIONS and PUBLISHED_ON edges, kept apart so traversals skip them cheaply
	lower string  // lower-cased name, the NAME sort key
	names string  // lower-cased name and aliases joined by "\n", for NameContains
}

// edgeRec is a stored edge, copy-on-write like nodeRec.
type edgeRec struct {
	e        kg.Edge
	src, dst int32
	typ      uint8 // index in kg.RelTypes
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

// documentName is the DOCUMENT node's name: the title, else the first 80
// characters of the first line that is not blank.
func documentName(d *kg.Document) string {
	if t := strings.TrimSpace(d.Title); t != "" {
		return d.Title
	}
	for line := range strings.SplitSeq(d.Text, "\n") {
		if l := strings.TrimSpace(line); l != "" {
			if r := []rune(l); len(r) > 80 {
				l = strings.TrimSpace(string(r[:80]))
			}
			return l
		}
	}
	return d.ID
}

// mergeNode returns old merged with in by the store merge rules; old may
// be the zero Node for a new one. Nothing of old or in is modified.
func mergeNode(old, in kg.Node) kg.Node {
	out := old
	if out.ID == "" {
		out = kg.Node{ID: in.ID, Kind: in.Kind, Name: in.Name}
	}
	out.Aliases = mergeAliases(old.Aliases, out.Name, old.Name, in.Name, in.Aliases)
	out.Attrs = mergeAttrs(old.Attrs, in.Attrs)
	out.Facts = mergeSorted(old.Facts, in.Facts, cmpFact)
	out.Mentions = mergeSorted(old.Mentions, in.Mentions, cmpEvidence)
	out.Documents = mergeSorted(old.Documents, in.Documents, strings.Compare)
	out.FirstSeen = minDate(old.FirstSeen, in.FirstSeen)
	out.LastSeen = maxDate(old.LastSeen, in.LastSeen)
	return out
}

// mergeEdge is mergeNode for edges.
func mergeEdge(old, in kg.Edge) kg.Edge {
	out := old
	if out.ID == "" {
		out = kg.Edge{ID: in.ID, Type: in.Type, Source: in.Source, Target: in.Target}
	}
	out.Attrs = mergeAttrs(old.Attrs, in.Attrs)
	out.Evidence = mergeSorted(old.Evidence, in.Evidence, cmpEvidence)
	out.Documents = mergeSorted(old.Documents, in.Documents, strings.Compare)
	out.Clusters = mergeSorted(old.Clusters, in.Clusters, strings.Compare)
	out.FirstSeen = minDate(old.FirstSeen, in.FirstSeen)
	out.LastSeen = maxDate(old.LastSeen, in.LastSeen)
	return out
}

func mergeAliases(old []string, name, oldName, inName string, inAliases []string) []string {
	set := make([]string, 0, len(old)+len(inAliases)+2)
	set = append(set, old...)
	for _, s := range append([]string{oldName, inName}, inAliases...) {
		if s != "" && s != name {
			set = append(set, s)
		}
	}
	slices.Sort(set)
	set = slices.Compact(set)
	if len(set) == 0 {
		return nil
	}
	if slices.Equal(set, old) {
		return old
	}
	return slices.Clip(set)
}

func mergeAttrs(old, in map[string]string) map[string]string {
	var out map[string]string
	for k, v := range in {
		if _, ok := old[k]; ok {
			continue
		}
		if out == nil {
			out = make(map[string]string, len(old)+len(in))
			for ok, ov := range old {
				out[ok] = ov
			}
		}
		out[k] = v
	}
	if out == nil {
		return old
	}
	return out
}

// mergeSorted returns the sorted, deduplicated union of old (already
// sorted and deduplicated) and in. It returns old itself when in adds
// nothing, and otherwise a new slice.
func mergeSorted[T any](old, in []T, c func(a, b T) int) []T {
	if len(in) == 0 {
		return old
	}
	add := slices.Clone(in)
	slices.SortFunc(add, c)
	add = slices.CompactFunc(add, func(a, b T) bool { return c(a, b) == 0 })
	out := make([]T, 0, len(old)+len(add))
	i, j := 0, 0
	for i < len(old) || j < len(add) {
		switch {
		case j == len(add):
			out = append(out, old[i])
			i++
		case i == len(old):
			out = append(out, add[j])
			j++
		default:
			switch d := c(old[i], add[j]); {
			case d < 0:
				out = append(out, old[i])
				i++
			case d > 0:
				out = append(out, add[j])
				j++
			default:
				out = append(out, old[i])
				i++
				j++
			}
		}
	}
	if len(out) == len(old) {
		return old
	}
	return out
}

func cmpEvidence(a, b kg.Evidence) int {
	return cmp.Or(strings.Compare(a.DocumentID, b.DocumentID), cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
}

func cmpFact(a, b kg.Fact) int {
	return cmp.Or(cmpEvidence(a.Evidence, b.Evidence), strings.Compare(a.Name, b.Name))
}

func minDate(a, b string) string {
	if a == "" || (b != "" && b < a) {
		return b
	}
	return a
}

func maxDate(a, b string) string {
	if b > a {
		return b
	}
	return a
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
