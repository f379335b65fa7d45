package present

import (
	"sort"

	"github.com/newsgraph/newsgraph/graph/model"
	"github.com/newsgraph/newsgraph/kg"
)

// Take keeps the first k items.
func Take[T any](xs []T, k int) []T {
	if len(xs) > k {
		return xs[:k]
	}
	return xs
}

// OfKinds keeps the nodes of the given kinds; no kinds keeps all.
func OfKinds(ns []model.Node, kinds []kg.Kind) []model.Node {
	if len(kinds) == 0 {
		return ns
	}
	want := map[kg.Kind]bool{}
	for _, k := range kinds {
		want[k] = true
	}
	out := make([]model.Node, 0, len(ns))
	for _, n := range ns {
		if want[n.Stored().Kind] {
			out = append(out, n)
		}
	}
	return out
}

// DocumentFacts are the figures of the nodes a document mentions whose
// evidence quotes that document, ordered by node then position.
func DocumentFacts(docID string, ns []model.Node) []*model.Fact {
	var fs []kg.Fact
	for _, n := range ns {
		for _, f := range n.Stored().Facts {
			if f.Evidence.DocumentID == docID {
				fs = append(fs, f)
			}
		}
	}
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Evidence.Start < fs[j].Evidence.Start })
	return model.Facts(fs)
}

// OtherDocumentIDs keeps the IDs of the documents in cluster other than
// self: candidates sharing only an LSH band are not duplicates.
func OtherDocumentIDs(self, cluster string, docs []kg.Document) []string {
	var out []string
	for _, d := range docs {
		c := d.Cluster
		if c == "" {
			c = d.ID
		}
		if d.ID != self && c == cluster {
			out = append(out, d.ID)
		}
	}
	sort.Strings(out)
	return out
}

// Events presents the dated links into a date node as timeline entries,
// ordered by relationship ID.
func Events(date *model.Date, links []Link) []*model.TimelineEntry {
	out := make([]*model.TimelineEntry, 0, len(links))
	for _, l := range links {
		out = append(out, &model.TimelineEntry{Item: &kg.TimelineItem{Edge: *l.Edge, Subject: *l.Other.Stored(), Date: *date.N}})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Item.Edge.ID < out[j].Item.Edge.ID })
	return out
}
