package loader

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/kg"
)

// bracketDropper removes markdown link brackets from quoted names.
var bracketDropper = strings.NewReplacer("[", "", "]", "")

// builder accumulates one document's nodes and edges, with evidence whose
// offsets are code points into the original text.
type builder struct {
	doc  *kg.Document
	text string
	// Multi-byte characters of text, built lazily: the byte offset of
	// each, and the bytes beyond one that it and those before it take. A
	// byte offset less that excess is a code-point offset (a table of
	// every byte cost four bytes of memory per byte of text).
	multiAt    []int32
	multiExtra []int32
	multiDone  bool
	nodes      map[string]*kg.Node
	edges      map[string]*kg.Edge
	// surnames holds, per person node, the surname added as an alias
	// without being seen on its own, so extraction can withdraw it when it
	// would make the person answer to another thing's name.
	surnames map[string]string
}

func newBuilder(doc *kg.Document) *builder {
	return &builder{doc: doc, text: doc.Text, nodes: map[string]*kg.Node{}, edges: map[string]*kg.Edge{}}
}

// runeOffset is the code-point offset of a byte offset into the text; an
// offset inside a character counts as that character's start.
func (b *builder) runeOffset(byteOff int) int {
	if !b.multiDone {
		b.multiDone = true
		extra := int32(0)
		for i := 0; i < len(b.text); {
			if b.text[i] < utf8.RuneSelf {
				i++
				continue
			}
			_, sz := utf8.DecodeRuneInString(b.text[i:])
			if sz > 1 {
				extra += int32(sz - 1)
				b.multiAt = append(b.multiAt, int32(i))
				b.multiExtra = append(b.multiExtra, extra)
			}
			i += sz
		}
	}
	if byteOff < 0 {
		byteOff = 0
	}
	if byteOff > len(b.text) {
		byteOff = len(b.text)
	}
	// k: the multi-byte characters starting before byteOff.
	k := sort.Search(len(b.multiAt), func(i int) bool { return int(b.multiAt[i]) >= byteOff })
	if k == 0 {
		return byteOff
	}
	p := int(b.multiAt[k-1])
	before := 0
	if k > 1 {
		before = int(b.multiExtra[k-2])
	}
	if inside := byteOff - p; inside < int(b.multiExtra[k-1])-before {
		return p - before // within the character at p
	}
	return byteOff - int(b.multiExtra[k-1])
}

// evidence quotes text[start:end] (bytes) verbatim, widened to whole
// characters so that Quote == []rune(text)[Start:End].
func (b *builder) evidence(start, end, sent int) kg.Evidence {
	start, end = max(0, min(start, len(b.text))), max(0, min(end, len(b.text)))
	for start > 0 && start < len(b.text) && !utf8.RuneStart(b.text[start]) {
		start--
	}
	for end < len(b.text) && !utf8.RuneStart(b.text[end]) {
		end++
	}
	if end < start {
		end = start
	}
	return kg.Evidence{DocumentID: b.doc.ID, Sentence: sent, Start: b.runeOffset(start), End: b.runeOffset(end), Quote: b.text[start:end]}
}

// ensureNode creates the node if needed and records where it is named.
func (b *builder) ensureNode(k known, ev *kg.Evidence) *kg.Node {
	n, ok := b.nodes[k.id]
	if !ok {
		n = &kg.Node{ID: k.id, Kind: k.kind, Name: k.name, Documents: []string{b.doc.ID},
			FirstSeen: b.doc.PublishedAt, LastSeen: b.doc.PublishedAt}
		b.nodes[k.id] = n
	}
	if ev != nil {
		n.Mentions = append(n.Mentions, *ev)
	}
	return n
}

// mention adds a node mention; the surface form becomes an alias.
func (b *builder) mention(m mention) {
	ev := b.evidence(m.start, m.end, m.sent)
	n := b.ensureNode(m.known, &ev)
	if !m.anaphor {
		b.alias(n, ev.Quote)
		// A person is referred to by surname later ("Raimondo"); keeping
		// it as an alias lets later documents resolve it via Lookup.
		if f := strings.Fields(m.name); m.kind == kg.KindPerson && len(f) >= 2 {
			b.alias(n, f[len(f)-1])
			if b.surnames == nil {
				b.surnames = map[string]string{}
			}
			b.surnames[n.ID] = f[len(f)-1]
		}
	}
}

func (b *builder) alias(n *kg.Node, s string) {
	s = strings.Join(strings.Fields(bracketDropper.Replace(s)), " ")
	if s == "" || s == n.Name {
		return
	}
	for _, a := range n.Aliases {
		if a == s {
			return
		}
	}
	n.Aliases = append(n.Aliases, s)
}

func (b *builder) nodeAttr(id, k, v string) {
	if n, ok := b.nodes[id]; ok {
		if n.Attrs == nil {
			n.Attrs = map[string]string{}
		}
		if _, set := n.Attrs[k]; !set {
			n.Attrs[k] = v
		}
	}
}

func (b *builder) fact(id string, f kg.Fact) {
	if n, ok := b.nodes[id]; ok {
		for _, g := range n.Facts {
			if g.Evidence.Start == f.Evidence.Start && g.Evidence.End == f.Evidence.End && g.Name == f.Name && g.Unit == f.Unit && g.Value == f.Value {
				return
			}
		}
		n.Facts = append(n.Facts, f)
	}
}

// edge adds (or adds evidence to) a typed edge. Both ends must exist.
func (b *builder) edge(src string, t kg.RelType, dst, role string, attrs map[string]string, ev kg.Evidence) {
	if _, ok := b.nodes[src]; !ok && src != b.doc.ID {
		return
	}
	if _, ok := b.nodes[dst]; !ok {
		return
	}
	id := kg.EdgeID(src, t, dst, role)
	e, ok := b.edges[id]
	if !ok {
		e = &kg.Edge{ID: id, Type: t, Source: src, Target: dst, Documents: []string{b.doc.ID}, Clusters: []string{b.doc.Cluster},
			FirstSeen: b.doc.PublishedAt, LastSeen: b.doc.PublishedAt}
		if role != "" {
			e.Attrs = map[string]string{kg.AttrRole: role}
		}
		b.edges[id] = e
	}
	for k, v := range attrs {
		if e.Attrs == nil {
			e.Attrs = map[string]string{}
		}
		if old, set := e.Attrs[k]; !set || (k == kg.AttrModality && v == "asserted" && old != v) {
			// A plain assertion in the document outweighs "would ban".
			e.Attrs[k] = v
		}
	}
	for _, g := range e.Evidence {
		if g.Start == ev.Start && g.End == ev.End {
			return
		}
	}
	e.Evidence = append(e.Evidence, ev)
}

// dateNode makes the DATE node of an ISO value at its precision.
func (b *builder) dateNode(iso string, p kg.Precision, ev *kg.Evidence) string {
	k := known{kind: kg.KindDate, id: kg.DateNodeID(iso), name: iso, key: iso}
	n := b.ensureNode(k, ev)
	if n.Attrs == nil {
		n.Attrs = map[string]string{kg.AttrDate: iso, kg.AttrPrecision: string(p)}
	}
	if ev != nil {
		b.alias(n, ev.Quote)
	}
	return k.id
}

// extraction returns the accumulated graph in a deterministic order, with
// a MENTIONS edge from the document to every node it names.
func (b *builder) extraction() *kg.Extraction {
	x := &kg.Extraction{Document: *b.doc}
	ids := make([]string, 0, len(b.nodes))
	for id := range b.nodes {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if len(ids) > 0 {
		x.Nodes = make([]kg.Node, 0, len(ids))
	}
	b.withdrawAmbiguousSurnames()
	for _, id := range ids {
		n := b.nodes[id]
		sort.Strings(n.Aliases)
		sortEvidence(n.Mentions)
		if len(n.Mentions) > 0 {
			b.edge(b.doc.ID, kg.RelMentions, id, "", nil, n.Mentions[0])
		}
		x.Nodes = append(x.Nodes, *n)
	}
	eids := make([]string, 0, len(b.edges))
	for id := range b.edges {
		eids = append(eids, id)
	}
	sort.Strings(eids)
	if len(eids) > 0 {
		x.Edges = make([]kg.Edge, 0, len(eids))
	}
	for _, id := range eids {
		e := b.edges[id]
		sortEvidence(e.Evidence)
		x.Edges = append(x.Edges, *e)
	}
	return x
}

// withdrawAmbiguousSurnames drops a person's surname alias that was never
// seen standing alone when another thing in the document bears that name:
// the founder "Eugene Kaspersky" must not answer to "Kaspersky", the
// company's name, in search and lookups.
func (b *builder) withdrawAmbiguousSurnames() {
	if len(b.surnames) == 0 {
		return
	}
	others := map[string]bool{}
	for _, n := range b.nodes {
		if n.Kind == kg.KindPerson {
			continue
		}
		others[kg.AliasKey(n.Name)] = true
		for _, a := range n.Aliases {
			others[kg.AliasKey(a)] = true
		}
	}
	for id, sur := range b.surnames {
		n := b.nodes[id]
		if !others[kg.AliasKey(sur)] || seenAlone(n.Mentions, sur) {
			continue
		}
		n.Aliases = slices.DeleteFunc(n.Aliases, func(a string) bool { return a == sur })
	}
}

// seenAlone reports whether one of the mentions is the surname by itself.
func seenAlone(mentions []kg.Evidence, sur string) bool {
	for _, m := range mentions {
		if kg.AliasKey(m.Quote) == kg.AliasKey(sur) {
			return true
		}
	}
	return false
}

func sortEvidence(ev []kg.Evidence) {
	sort.SliceStable(ev, func(i, j int) bool {
		if ev[i].DocumentID != ev[j].DocumentID {
			return ev[i].DocumentID < ev[j].DocumentID
		}
		if ev[i].Start != ev[j].Start {
			return ev[i].Start < ev[j].Start
		}
		return ev[i].End < ev[j].End
	})
}
