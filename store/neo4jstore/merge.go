package neo4jstore

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// The merge rules below are the team's store contract, shared with the
// embedded store: the first writer names a node and owns each attribute
// key; everything else accumulates without duplicates. They run in Go
// inside the write transaction, on nodes and relationships read under a
// write lock, because Cypher has no sorted set union without plugins.

// mergeNode folds in into old (which may be nil) and returns the result.
func mergeNode(old *kg.Node, in kg.Node) kg.Node {
	if old == nil {
		out := in
		out.Aliases = aliasUnion(in.Name, nil, in)
		out.Attrs = mergeAttrs(nil, in.Attrs)
		out.Facts = mergeFacts(nil, in.Facts)
		out.Mentions = mergeEvidence(nil, in.Mentions)
		out.Documents = union(nil, in.Documents)
		return out
	}
	out := *old
	out.Aliases = aliasUnion(old.Name, old.Aliases, in)
	out.Attrs = mergeAttrs(old.Attrs, in.Attrs)
	out.Facts = mergeFacts(old.Facts, in.Facts)
	out.Mentions = mergeEvidence(old.Mentions, in.Mentions)
	out.Documents = union(old.Documents, in.Documents)
	out.FirstSeen = minDate(old.FirstSeen, in.FirstSeen)
	out.LastSeen = maxDate(old.LastSeen, in.LastSeen)
	return out
}

// mergeEdge folds in into old (which may be nil) and returns the result.
func mergeEdge(old *kg.Edge, in kg.Edge) kg.Edge {
	if old == nil {
		out := in
		out.Attrs = mergeAttrs(nil, in.Attrs)
		out.Evidence = mergeEvidence(nil, in.Evidence)
		out.Documents = union(nil, in.Documents)
		out.Clusters = union(nil, in.Clusters)
		return out
	}
	out := *old
	out.Attrs = mergeAttrs(old.Attrs, in.Attrs)
	out.Evidence = mergeEvidence(old.Evidence, in.Evidence)
	out.Documents = union(old.Documents, in.Documents)
	out.Clusters = union(old.Clusters, in.Clusters)
	out.FirstSeen = minDate(old.FirstSeen, in.FirstSeen)
	out.LastSeen = maxDate(old.LastSeen, in.LastSeen)
	return out
}

// aliasUnion is every name and alias seen, sorted, minus the kept name.
func aliasUnion(name string, old []string, in kg.Node) []string {
	all := append(append(append([]string{}, old...), in.Aliases...), in.Name)
	var out []string
	for _, a := range all {
		if a != "" && a != name && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	slices.Sort(out)
	return out
}

func mergeAttrs(old, in map[string]string) map[string]string {
	if len(old) == 0 && len(in) == 0 {
		return nil
	}
	out := maps.Clone(old)
	if out == nil {
		out = map[string]string{}
	}
	for k, v := range in {
		if _, ok := out[k]; !ok {
			out[k] = v
		}
	}
	return out
}

func evidenceKey(e kg.Evidence) string {
	return fmt.Sprintf("%s\x00%d\x00%d", e.DocumentID, e.Start, e.End)
}

func mergeEvidence(old, in []kg.Evidence) []kg.Evidence {
	seen := map[string]bool{}
	var out []kg.Evidence
	for _, e := range append(append([]kg.Evidence{}, old...), in...) {
		if k := evidenceKey(e); !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, compareEvidence)
	return out
}

// compareEvidence orders evidence by document, then position.
func compareEvidence(a, b kg.Evidence) int {
	if c := strings.Compare(a.DocumentID, b.DocumentID); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Start, b.Start); c != 0 {
		return c
	}
	return cmp.Compare(a.End, b.End)
}

func mergeFacts(old, in []kg.Fact) []kg.Fact {
	seen := map[string]bool{}
	var out []kg.Fact
	for _, f := range append(append([]kg.Fact{}, old...), in...) {
		if k := evidenceKey(f.Evidence) + "\x00" + f.Name; !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	slices.SortStableFunc(out, func(a, b kg.Fact) int {
		if c := compareEvidence(a.Evidence, b.Evidence); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// union is the sorted, de-duplicated union of two string sets.
func union(a, b []string) []string {
	var out []string
	for _, s := range append(append([]string{}, a...), b...) {
		if s != "" {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
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
