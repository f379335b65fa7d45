package storetest

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/kg"
)

// Node IDs of the fixture corpus, exported so that backend-specific tests
// (and the Neo4j store's own tests) can ask questions about the same graph.
var (
	Commerce  = kg.NodeID(kg.KindAgency, "Department of Commerce")
	DHS       = kg.NodeID(kg.KindAgency, "Department of Homeland Security")
	Kaspersky = kg.NodeID(kg.KindCompany, "Kaspersky")
	Acme      = kg.NodeID(kg.KindCompany, "Acme Corp")
	Bravo     = kg.NodeID(kg.KindCompany, "Bravo Labs")
	Aardvark  = kg.NodeID(kg.KindCompany, "Aardvark Security")
	Zeta      = kg.NodeID(kg.KindCompany, "Zeta Systems")
	Raimondo  = kg.NodeID(kg.KindPerson, "Gina Raimondo")
	Ban       = kg.NodeID(kg.KindOrder, "Kaspersky software ban")
	EO        = kg.NodeID(kg.KindOrder, "Executive Order 13873")
	Directive = kg.NodeID(kg.KindOrder, "Binding Operational Directive 17-01")
	Moscow    = kg.NodeID(kg.KindLocation, "Moscow")
	Russia    = kg.NodeID(kg.KindLocation, "Russia")
	Paris     = kg.NodeID(kg.KindLocation, "Paris")

	DateSales   = kg.DateNodeID("2024-07-20")
	DateUpdates = kg.DateNodeID("2024-09-29")
	DateD1      = kg.DateNodeID("2024-06-20")
	DateD2      = kg.DateNodeID("2024-06-21")
	DateEO      = kg.DateNodeID("2019-05")
	Date2017    = kg.DateNodeID("2017")
	DateD4      = kg.DateNodeID("2023-01-05")
)

// The texts of the fixture documents. D3 is a near-duplicate (syndicated
// copy) of D1 and shares its cluster; D4 is unrelated to the others; D5 is
// ingested late by the pagination tests.
const (
	Text1 = "WASHINGTON — The Commerce Department on Thursday banned sales of Kaspersky software in the United States. " +
		"Commerce Secretary Gina Raimondo announced the ban. " +
		"New sales end on July 20, 2024 and updates end on September 29, 2024. " +
		"Kaspersky Lab is based in Moscow, Russia, and says it has more than 400 million users."
	Text2 = "Kaspersky’s response: Kaspersky Labs denied wrongdoing and said it would challenge the ban. " +
		"The US Department of Commerce ban relies on powers created by Executive Order 13873, signed in May 2019. " +
		"In 2017, the Department of Homeland Security (DHS) issued Binding Operational Directive 17-01 to remove Kaspersky products from federal networks. " +
		"Kaspersky says it has 400 million users."
	Text3 = "Commerce Department bans Kaspersky\n" +
		"The Commerce Department on Thursday banned sales of Kaspersky software, a copy of the wire report said."
	Text4 = "\n   \n  Acme Corp, a maker of widgets and industrial gadgets for customers across Europe, opened a new office in Paris on January 5, 2023.\n" +
		"The bravo Labs team joined it."
	Text5 = "Aardvark Security and Zeta Systems announced a partnership. Aardvark Security is linked to Zeta Systems."
)

// Titles of the fixture documents; D3 and D4 have none, so their DOCUMENT
// nodes are named after their first non-empty line.
const (
	Title1 = "US bans Kaspersky software"
	Title2 = "Kaspersky to challenge ban"
	Title5 = "Aardvark and Zeta partner"
)

// Doc4Name is the DOCUMENT node name of D4: the first 80 characters of its
// first non-empty line, which is longer than that.
var Doc4Name = strings.TrimSpace(string([]rune(strings.TrimSpace("Acme Corp, a maker of widgets and industrial gadgets for customers across Europe, opened a new office in Paris on January 5, 2023."))[:80]))

// Document IDs of the fixtures.
var (
	D1 = kg.DocumentID(Text1)
	D2 = kg.DocumentID(Text2)
	D3 = kg.DocumentID(Text3)
	D4 = kg.DocumentID(Text4)
	D5 = kg.DocumentID(Text5)
)

// Corpus returns fresh copies of the five fixture extractions, D1..D5 in
// that order. Base (D1..D4) is what most tests ingest; D5 arrives later.
func Corpus() []*kg.Extraction {
	return []*kg.Extraction{doc1(), doc2(), doc3(), doc4(), doc5()}
}

// Base returns fresh copies of D1..D4, in ingestion order.
func Base() []*kg.Extraction { return Corpus()[:4] }

// builder assembles one hand-made extraction whose evidence offsets index
// the text exactly, as the loader's would.
type builder struct {
	x     *kg.Extraction
	text  string
	nodes map[string]int
	edges map[string]bool
}

func newDoc(text, title, source, published, cluster string, bands ...string) *builder {
	id := kg.DocumentID(text)
	if cluster == "" {
		cluster = id
	}
	return &builder{
		x: &kg.Extraction{Document: kg.Document{
			ID: id, Title: title, Source: source, PublishedAt: published, Text: text,
			Cluster: cluster, Bands: bands, Signature: []uint64{uint64(len(text)), 7, 11},
			IngestedAt: time.Date(2024, 6, 22, 12, 0, 0, 0, time.UTC),
		}},
		text:  text,
		nodes: map[string]int{},
		edges: map[string]bool{},
	}
}

// ev is the evidence for the first occurrence of quote at or after byte from.
func (b *builder) evAt(quote string, from int) (kg.Evidence, int) {
	i := strings.Index(b.text[from:], quote)
	if i < 0 {
		panic(fmt.Sprintf("storetest fixture: %q not in document", quote))
	}
	i += from
	start := utf8.RuneCountInString(b.text[:i])
	sentence := strings.Count(b.text[:i], ". ")
	return kg.Evidence{
		DocumentID: b.x.Document.ID, Sentence: sentence, Start: start,
		End: start + utf8.RuneCountInString(quote), Quote: quote,
	}, i + len(quote)
}

func (b *builder) ev(quote string) kg.Evidence {
	e, _ := b.evAt(quote, 0)
	return e
}

// node adds a node named name with aliases; every occurrence of each
// surface form in the text becomes a mention.
func (b *builder) node(id string, kind kg.Kind, name string, aliases []string, surfaces ...string) *kg.Node {
	n := kg.Node{
		ID: id, Kind: kind, Name: name, Aliases: aliases,
		Documents: []string{b.x.Document.ID},
		FirstSeen: b.x.Document.PublishedAt, LastSeen: b.x.Document.PublishedAt,
	}
	for _, s := range surfaces {
		for from := 0; ; {
			if !strings.Contains(b.text[from:], s) {
				break
			}
			var e kg.Evidence
			e, from = b.evAt(s, from)
			n.Mentions = append(n.Mentions, e)
		}
		if len(n.Mentions) == 0 {
			panic(fmt.Sprintf("storetest fixture: surface %q not in document", s))
		}
	}
	b.nodes[id] = len(b.x.Nodes)
	b.x.Nodes = append(b.x.Nodes, n)
	return &b.x.Nodes[len(b.x.Nodes)-1]
}

func (b *builder) date(iso string, p kg.Precision, surface string) {
	n := b.node(kg.DateNodeID(iso), kg.KindDate, iso, nil, surface)
	n.Attrs = map[string]string{kg.AttrDate: iso, kg.AttrPrecision: string(p)}
}

func (b *builder) attr(id, k, v string) {
	n := &b.x.Nodes[b.nodes[id]]
	if n.Attrs == nil {
		n.Attrs = map[string]string{}
	}
	n.Attrs[k] = v
}

func (b *builder) fact(id, name, value, text string) {
	n := &b.x.Nodes[b.nodes[id]]
	n.Facts = append(n.Facts, kg.Fact{Name: name, Value: value, Text: text, Evidence: b.ev(text)})
}

// edge adds a typed edge with one quote of evidence and optional
// attribute key/value pairs; "role" is also part of the ID.
func (b *builder) edge(src string, t kg.RelType, dst, quote string, kv ...string) string {
	role := ""
	attrs := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		attrs[kv[i]] = kv[i+1]
		if kv[i] == kg.AttrRole {
			role = kv[i+1]
		}
	}
	if len(attrs) == 0 {
		attrs = nil
	}
	id := kg.EdgeID(src, t, dst, role)
	if b.edges[id] {
		panic("storetest fixture: duplicate edge " + id)
	}
	b.edges[id] = true
	d := b.x.Document
	b.x.Edges = append(b.x.Edges, kg.Edge{
		ID: id, Type: t, Source: src, Target: dst, Attrs: attrs,
		Evidence: []kg.Evidence{b.ev(quote)}, Documents: []string{d.ID}, Clusters: []string{d.Cluster},
		FirstSeen: d.PublishedAt, LastSeen: d.PublishedAt,
	})
	return id
}

// finish adds a MENTIONS edge from the document to every node, with the
// node's first mention as evidence.
func (b *builder) finish() *kg.Extraction {
	for _, n := range b.x.Nodes {
		if len(n.Mentions) > 0 {
			b.edge(b.x.Document.ID, kg.RelMentions, n.ID, n.Mentions[0].Quote)
		}
	}
	return b.x
}

func doc1() *kg.Extraction {
	b := newDoc(Text1, Title1, "Wire A", "2024-06-20", "", "band-a", "band-b")
	b.node(Commerce, kg.KindAgency, "Commerce Department", nil, "Commerce Department")
	b.node(Kaspersky, kg.KindCompany, "Kaspersky", []string{"Kaspersky Lab"}, "Kaspersky")
	b.attr(Kaspersky, "hq", "Moscow")
	b.fact(Kaspersky, "users", "400000000", "more than 400 million users")
	b.node(Raimondo, kg.KindPerson, "Gina Raimondo", nil, "Gina Raimondo")
	b.attr(Raimondo, kg.AttrTitle, "Commerce Secretary")
	b.node(Ban, kg.KindOrder, "Kaspersky software ban", nil, "banned sales of Kaspersky software")
	b.attr(Ban, kg.AttrOrderType, "ban")
	b.node(Moscow, kg.KindLocation, "Moscow", nil, "Moscow")
	russia := b.node(Russia, kg.KindLocation, "Russia", nil, "Russia")
	russia.FirstSeen, russia.LastSeen = "", "" // a node whose dates the loader did not know
	b.date("2024-07-20", kg.PrecisionDay, "July 20, 2024")
	b.date("2024-09-29", kg.PrecisionDay, "September 29, 2024")
	b.date("2024-06-20", kg.PrecisionDay, "Thursday")
	b.edge(Commerce, kg.RelIssued, Ban, "The Commerce Department on Thursday banned sales of Kaspersky software", kg.AttrModality, "asserted")
	b.edge(Ban, kg.RelTargets, Kaspersky, "banned sales of Kaspersky software")
	b.edge(Raimondo, kg.RelHeads, Commerce, "Commerce Secretary Gina Raimondo")
	b.edge(Raimondo, kg.RelAnnounced, Ban, "Gina Raimondo announced the ban")
	b.edge(Ban, kg.RelEffectiveOn, DateSales, "New sales end on July 20, 2024", kg.AttrRole, "new sales banned")
	b.edge(Ban, kg.RelEffectiveOn, DateUpdates, "updates end on September 29, 2024", kg.AttrRole, "updates end")
	b.edge(Kaspersky, kg.RelLocatedIn, Moscow, "Kaspersky Lab is based in Moscow")
	b.edge(Moscow, kg.RelLocatedIn, Russia, "Moscow, Russia")
	b.edge(D1, kg.RelPublishedOn, DateD1, "Thursday")
	return b.finish()
}

func doc2() *kg.Extraction {
	b := newDoc(Text2, Title2, "Daily B", "2024-06-21", "", "band-c")
	b.node(Kaspersky, kg.KindCompany, "Kaspersky Labs", []string{"Kaspersky’s"}, "Kaspersky")
	b.attr(Kaspersky, "hq", "Russia")
	b.attr(Kaspersky, "founded", "1997")
	b.fact(Kaspersky, "users", "400000000", "400 million users")
	b.node(Commerce, kg.KindAgency, "US Department of Commerce", []string{"Department of Commerce"}, "US Department of Commerce")
	b.node(Ban, kg.KindOrder, "Kaspersky ban", nil, "the ban")
	b.attr(Ban, kg.AttrOrderType, "sanction")
	b.attr(Ban, "scope", "software")
	b.node(EO, kg.KindOrder, "Executive Order 13873", nil, "Executive Order 13873")
	b.attr(EO, kg.AttrOrderType, "executive order")
	b.node(DHS, kg.KindAgency, "Department of Homeland Security", []string{"DHS"}, "Department of Homeland Security", "DHS")
	b.node(Directive, kg.KindOrder, "Binding Operational Directive 17-01", nil, "Binding Operational Directive 17-01")
	b.date("2019-05", kg.PrecisionMonth, "May 2019")
	b.date("2017", kg.PrecisionYear, "2017")
	b.date("2024-06-21", kg.PrecisionDay, "Kaspersky’s response")
	b.edge(Commerce, kg.RelIssued, Ban, "US Department of Commerce ban", kg.AttrModality, "reported")
	b.edge(Ban, kg.RelTargets, Kaspersky, "Kaspersky Labs denied wrongdoing and said it would challenge the ban")
	b.edge(Kaspersky, kg.RelDenied, Ban, "Kaspersky Labs denied wrongdoing", kg.AttrStatement, "denied wrongdoing")
	b.edge(Ban, kg.RelBasedOn, EO, "relies on powers created by Executive Order 13873")
	b.edge(EO, kg.RelOccurredOn, DateEO, "signed in May 2019", kg.AttrRole, "signed")
	b.edge(DHS, kg.RelIssued, Directive, "Department of Homeland Security (DHS) issued Binding Operational Directive 17-01")
	b.edge(Directive, kg.RelTargets, Kaspersky, "Binding Operational Directive 17-01 to remove Kaspersky products")
	b.edge(Directive, kg.RelOccurredOn, Date2017, "In 2017", kg.AttrRole, "issued")
	b.edge(D2, kg.RelPublishedOn, DateD2, "Kaspersky’s response")
	return b.finish()
}

func doc3() *kg.Extraction {
	b := newDoc(Text3, "", "Wire B", "2024-06-20", D1, "band-b", "band-z")
	b.node(Commerce, kg.KindAgency, "Commerce Department", nil, "Commerce Department")
	b.node(Kaspersky, kg.KindCompany, "Kaspersky", nil, "Kaspersky")
	b.node(Ban, kg.KindOrder, "Kaspersky software ban", nil, "banned sales of Kaspersky software")
	b.date("2024-06-20", kg.PrecisionDay, "Thursday")
	b.edge(Commerce, kg.RelIssued, Ban, "The Commerce Department on Thursday banned sales of Kaspersky software")
	b.edge(Ban, kg.RelTargets, Kaspersky, "banned sales of Kaspersky software")
	b.edge(D3, kg.RelPublishedOn, DateD1, "Thursday")
	return b.finish()
}

func doc4() *kg.Extraction {
	b := newDoc(Text4, "", "Gazette", "2023-01-05", "", "band-d")
	b.node(Acme, kg.KindCompany, "Acme Corp", nil, "Acme Corp")
	b.node(Bravo, kg.KindCompany, "bravo Labs", nil, "bravo Labs")
	b.node(Paris, kg.KindLocation, "Paris", nil, "Paris")
	b.date("2023-01-05", kg.PrecisionDay, "January 5, 2023")
	b.edge(Acme, kg.RelOperatesIn, Paris, "opened a new office in Paris")
	b.edge(Bravo, kg.RelMemberOf, Acme, "The bravo Labs team joined it")
	b.edge(D4, kg.RelPublishedOn, DateD4, "January 5, 2023")
	return b.finish()
}

func doc5() *kg.Extraction {
	b := newDoc(Text5, Title5, "Wire A", "2024-07-01", "", "band-e")
	b.node(Aardvark, kg.KindCompany, "Aardvark Security", nil, "Aardvark Security")
	b.node(Zeta, kg.KindCompany, "Zeta Systems", nil, "Zeta Systems")
	b.edge(Aardvark, kg.RelLinkedTo, Zeta, "Aardvark Security is linked to Zeta Systems")
	return b.finish()
}
