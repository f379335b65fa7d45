package synth

import (
	"github.com/newsgraph/newsgraph/kg"
)

// extraction turns a rendered document into the records a store ingests:
// one node per thing named (with every mention), one edge per stated
// relationship (the sentence as evidence), a MENTIONS edge per node and a
// PUBLISHED_ON edge to the publication date.
func (d *doc) extraction() *kg.Extraction {
	w := d.w
	id := kg.DocumentID(d.text)
	cluster := d.cluster
	if cluster == "" {
		cluster = id
	}
	x := &kg.Extraction{Document: kg.Document{
		ID: id, Title: d.title, Source: d.source, URL: d.url, PublishedAt: d.published,
		Text: d.text, Cluster: cluster,
	}}
	pub := d.published
	// Each edge gets its own slices: stores may append to them when merging.
	docs := func() []string { return []string{id} }
	clusters := func() []string { return []string{cluster} }
	ev := func(start, end, sentence int, quote string) kg.Evidence {
		return kg.Evidence{DocumentID: id, Sentence: sentence, Start: start, End: end, Quote: quote}
	}

	index := map[ref]int{}
	nodeID := func(r ref) string {
		if r.date {
			return kg.DateNodeID(dayISO(r.idx))
		}
		return w.nodes[r.idx].id
	}
	for _, s := range d.spans {
		i, ok := index[s.ref]
		if !ok {
			i = len(x.Nodes)
			index[s.ref] = i
			x.Nodes = append(x.Nodes, newNode(w, s.ref, id, pub))
		}
		n := &x.Nodes[i]
		n.Mentions = append(n.Mentions, ev(s.start, s.end, s.sentence, s.surface))
		if s.surface != n.Name && !contains(n.Aliases, s.surface) {
			n.Aliases = append(n.Aliases, s.surface)
		}
	}

	runes := []rune(d.text)
	quote := func(start, end int) string { return string(runes[start:end]) }
	for _, st := range d.facts {
		f := st.f
		subj := nodeID(ref{idx: f.s})
		if f.t == "" {
			n := &x.Nodes[index[ref{idx: f.s}]]
			n.Facts = append(n.Facts, kg.Fact{
				Name: "users", Value: itoa(int(f.figure)) + "000000", Qualifier: "more than",
				Text:     quote(st.figure[0], st.figure[1]),
				Evidence: ev(st.start, st.end, st.sentence, quote(st.start, st.end)),
			})
			continue
		}
		obj := nodeID(ref{idx: f.o, date: f.t.Dated()})
		role := ""
		var attrs map[string]string
		if f.role >= 0 {
			role = roles[f.role].name
			attrs = map[string]string{kg.AttrRole: role}
		}
		if f.stmt >= 0 {
			attrs = map[string]string{kg.AttrStatement: statements[f.stmt]}
		}
		x.Edges = append(x.Edges, kg.Edge{
			ID: kg.EdgeID(subj, f.t, obj, role), Type: f.t, Source: subj, Target: obj, Attrs: attrs,
			Evidence:  []kg.Evidence{ev(st.start, st.end, st.sentence, quote(st.start, st.end))},
			Documents: docs(), Clusters: clusters(), FirstSeen: pub, LastSeen: pub,
		})
	}
	for _, n := range x.Nodes {
		t := kg.RelMentions
		x.Edges = append(x.Edges, kg.Edge{
			ID: kg.EdgeID(id, t, n.ID, ""), Type: t, Source: id, Target: n.ID,
			Evidence:  []kg.Evidence{n.Mentions[0]},
			Documents: docs(), Clusters: clusters(), FirstSeen: pub, LastSeen: pub,
		})
	}
	pubID := kg.DateNodeID(pub)
	x.Edges = append(x.Edges, kg.Edge{
		ID: kg.EdgeID(id, kg.RelPublishedOn, pubID, ""), Type: kg.RelPublishedOn, Source: id, Target: pubID,
		Evidence:  []kg.Evidence{ev(d.pubSpan.start, d.pubSpan.end, d.pubSpan.sentence, d.pubSpan.surface)},
		Documents: docs(), Clusters: clusters(), FirstSeen: pub, LastSeen: pub,
	})
	return x
}

func newNode(w *world, r ref, docID, pub string) kg.Node {
	n := kg.Node{Documents: []string{docID}, FirstSeen: pub, LastSeen: pub}
	if r.date {
		iso := dayISO(r.idx)
		n.ID, n.Kind, n.Name = kg.DateNodeID(iso), kg.KindDate, iso
		n.Attrs = map[string]string{kg.AttrDate: iso, kg.AttrPrecision: string(kg.PrecisionDay)}
		return n
	}
	nd := w.nodes[r.idx]
	n.ID, n.Kind, n.Name = nd.id, nd.kind, nd.name
	switch {
	case nd.kind == kg.KindPerson && nd.title != "":
		n.Attrs = map[string]string{kg.AttrTitle: nd.title}
	case nd.kind == kg.KindOrder:
		n.Attrs = map[string]string{kg.AttrOrderType: nd.title}
	}
	return n
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
