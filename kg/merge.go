package kg

import (
	"cmp"
	"slices"
	"strings"
)

// The merge rules of the store contract live here, once, so that every
// backend (and the loader's in-memory knowledge) folds documents into the
// graph identically: the first writer names a node and owns each attribute
// key; aliases, facts, mentions, evidence, documents and clusters
// accumulate as sorted sets; first and last seen widen.

// MergeNode returns old merged with in; old is the zero Node when the node
// is new. Neither argument is modified, and slices of old that in adds
// nothing to are returned as they are, so a re-ingest allocates little.
func MergeNode(old, in Node) Node {
	out := old
	if out.ID == "" {
		out = Node{ID: in.ID, Kind: in.Kind, Name: in.Name}
	}
	out.Aliases = mergeAliases(old.Aliases, out.Name, old.Name, in.Name, in.Aliases)
	out.Attrs = mergeAttrs(old.Attrs, in.Attrs)
	out.Facts = mergeSorted(old.Facts, in.Facts, CompareFacts)
	out.Mentions = mergeSorted(old.Mentions, in.Mentions, CompareEvidence)
	out.Documents = mergeSorted(old.Documents, in.Documents, strings.Compare)
	out.FirstSeen = EarlierDate(old.FirstSeen, in.FirstSeen)
	out.LastSeen = LaterDate(old.LastSeen, in.LastSeen)
	// The counts describe the merged lists, never what either side said.
	out.MentionCount, out.DocumentCount, out.Summary = len(out.Mentions), len(out.Documents), false
	return out
}

// MergeEdge is MergeNode for edges; old is the zero Edge when it is new.
func MergeEdge(old, in Edge) Edge {
	out := old
	if out.ID == "" {
		out = Edge{ID: in.ID, Type: in.Type, Source: in.Source, Target: in.Target}
	}
	out.Attrs = mergeAttrs(old.Attrs, in.Attrs)
	out.Evidence = mergeSorted(old.Evidence, in.Evidence, CompareEvidence)
	out.Documents = mergeSorted(old.Documents, in.Documents, strings.Compare)
	out.Clusters = mergeSorted(old.Clusters, in.Clusters, strings.Compare)
	out.FirstSeen = EarlierDate(old.FirstSeen, in.FirstSeen)
	out.LastSeen = LaterDate(old.LastSeen, in.LastSeen)
	// The counts describe the merged lists, never what either side said.
	out.EvidenceCount, out.DocumentCount, out.ClusterCount = len(out.Evidence), len(out.Documents), len(out.Clusters)
	out.Summary = false
	return out
}

// CompareEvidence is the order evidence is kept in: by document, then
// position. Two pieces of evidence that compare equal are one.
func CompareEvidence(a, b Evidence) int {
	return cmp.Or(strings.Compare(a.DocumentID, b.DocumentID), cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
}

// CompareFacts orders facts by their evidence, then name; equal facts are one.
func CompareFacts(a, b Fact) int {
	return cmp.Or(CompareEvidence(a.Evidence, b.Evidence), strings.Compare(a.Name, b.Name))
}

// DocumentName is the display name of a DOCUMENT node: its title, or the
// first 80 characters of the first non-empty line of its text.
func DocumentName(d *Document) string {
	if strings.TrimSpace(d.Title) != "" {
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
// sorted and deduplicated) and in: old itself when in adds nothing, and
// otherwise a new slice.
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

// EarlierDate is the earlier of two ISO dates, ignoring an empty one: how
// first-seen dates widen.
func EarlierDate(a, b string) string {
	if a == "" || (b != "" && b < a) {
		return b
	}
	return a
}

// LaterDate is the later of two ISO dates: how last-seen dates widen.
func LaterDate(a, b string) string {
	if b > a {
		return b
	}
	return a
}
