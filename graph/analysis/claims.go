package analysis

import (
	"slices"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// FunctionalTypes are the relationship types Detect looks at.
var FunctionalTypes = []kg.RelType{kg.RelIssued, kg.RelAnnounced, kg.RelBasedOn, kg.RelEffectiveOn, kg.RelOccurredOn}

// unresolvedFact is the fact name the loader gives a date it could not
// anchor (no publication date): Value as written, Qualifier its role.
const unresolvedFact = "unresolvedDate"

// notAgent is the sentence rank of a document an edge lists without
// quoting it: it asserts the value, after anything it quotes.
const notAgent = 1 << 30

// functional says, for the relationship types that admit one value per
// subject, which end is the subject and what the disputed topic is.
// An order has one issuer and one authority; one role of an order (new
// sales banned, updates end) has one date. Who announced an order is read
// as who issued it, unless a person announced it (a spokesperson or a
// minister speaks for the issuer).
func functional(e *kg.Edge) (kind, subject, value, topic string, ok bool) {
	switch e.Type {
	case kg.RelIssued:
		return KindIssuer, e.Target, e.Source, "issuer", true
	case kg.RelAnnounced:
		if strings.HasPrefix(e.Source, kg.KindPerson.IDPrefix()+":") {
			return "", "", "", "", false
		}
		return KindIssuer, e.Target, e.Source, "issuer", true
	case kg.RelBasedOn:
		return KindAuthority, e.Source, e.Target, "authority", true
	case kg.RelEffectiveOn, kg.RelOccurredOn:
		role := e.Attrs[kg.AttrRole]
		if role == "" {
			role = strings.ToLower(strings.ReplaceAll(string(e.Type), "_", " "))
		}
		return KindDate, e.Source, e.Target, role, true
	}
	return "", "", "", "", false
}

// dateTopic maps an unresolved date's qualifier to the topic its resolved
// twin would have: a role, or "occurred on"/"effective on".
func dateTopic(q string) string {
	switch q {
	case "", "occurred":
		return "occurred on"
	case "effective":
		return "effective on"
	}
	return q
}

type detector struct {
	in      Input
	groups  map[string]*group
	cluster func(doc string) string
	classes map[string]string
}

func (d *detector) group(kind, subject, topic string, a aspect) *group {
	k := kind + "\x00" + subject + "\x00" + topic + "\x00" + strconv.Itoa(int(a))
	g := d.groups[k]
	if g == nil {
		g = &group{kind: kind, subject: subject, topic: topic, aspect: a, sides: map[string]*Side{}}
		d.groups[k] = g
	}
	return g
}

func (d *detector) addEdge(e *kg.Edge) {
	if m := e.Attrs[kg.AttrModality]; m == "negated" || m == "attempted" {
		return
	}
	kind, subject, value, topic, ok := functional(e)
	if !ok {
		return
	}
	if kind == KindDate {
		d.addDate(e, subject, value, topic)
		return
	}
	s := d.group(kind, subject, topic, aspectAgent).side(value)
	d.sideEdge(s, value, e.Documents, e.Evidence, e.Clusters)
	for _, ev := range e.Evidence {
		s.ranks = append(s.ranks, docRank{ev.DocumentID, ev.Sentence})
	}
}

// addDate files each document's version of a dated edge under the date
// and the way that document wrote it, so that two groups giving the same
// day in different words are two sides.
func (d *detector) addDate(e *kg.Edge, subject, value, topic string) {
	g := d.group(KindDate, subject, topic, aspectDate)
	var cl []string
	if len(e.Clusters) == 1 {
		cl = e.Clusters
	}
	for i, doc := range e.Documents {
		ev := e.Evidence
		if len(e.Documents) > 1 {
			ev = nil
			for _, x := range e.Evidence {
				if x.DocumentID == doc {
					ev = append(ev, x)
				}
			}
		}
		w := writtenAs(d.in.Forms[value], ev)
		s := g.side(value + "\x00" + d.class(w))
		if s.wording == "" || len(w) > len(s.wording) || len(w) == len(s.wording) && w < s.wording {
			s.wording = w
		}
		s.date = dateValue{iso: dateOf(value)}
		if dv := e.Attrs[kg.AttrDerivation]; dv != "" && (s.derivation == "" || dv < s.derivation) {
			s.derivation = dv
		}
		d.sideEdge(s, value, e.Documents[i:i+1], ev, cl)
		s.ranks = append(s.ranks, docRank{doc, 0}) // for values, where a document says it does not matter
	}
}

// class is wordingClass, remembered: a graph repeats few wordings.
func (d *detector) class(w string) string {
	c, ok := d.classes[w]
	if !ok {
		c = wordingClass(w)
		if d.classes == nil {
			d.classes = map[string]string{}
		}
		d.classes[w] = c
	}
	return c
}

func (d *detector) sideEdge(s *Side, value string, docs []string, ev []kg.Evidence, clusters []string) {
	s.NodeID = value
	s.Value = labelOf(d.in.Label, value)
	s.Evidence = append(s.Evidence, ev...)
	s.Documents = append(s.Documents, docs...)
	if len(clusters) == 0 {
		for _, doc := range docs {
			clusters = append(clusters, d.cluster(doc))
		}
	}
	s.Clusters = append(s.Clusters, clusters...)
	for _, doc := range docs {
		s.ranks = append(s.ranks, docRank{doc, notAgent})
	}
}

// addFacts files a node's facts. A figure is compared as a total or parts
// only when some document gives it as parts: most figures never are.
func (d *detector) addFacts(n *kg.Node) {
	var parted []string
	for i := range n.Facts {
		if f := &n.Facts[i]; f.Name != unresolvedFact && breakdown(f.Text) {
			parted = append(parted, figureTopic(f))
		}
	}
	for i := range n.Facts {
		d.addFact(n.ID, &n.Facts[i], parted)
	}
}

// figureTopic names what a figure measures: its name, the year it is for
// and its unit ("revenue (2022) [USD]").
func figureTopic(f *kg.Fact) string {
	topic := f.Name
	if isYear(f.Qualifier) {
		topic += " (" + f.Qualifier + ")"
	}
	if f.Unit != "" {
		topic += " [" + f.Unit + "]"
	}
	return topic
}

func (d *detector) addFact(node string, f *kg.Fact, parted []string) {
	if f.Name == unresolvedFact {
		v := strings.TrimSpace(f.Value)
		s := d.group(KindDate, node, dateTopic(f.Qualifier), aspectDate).side("unresolved:" + strings.ToLower(v))
		s.Value, s.wording, s.date = v, v, dateValue{md: monthDay(v)}
		d.sideFact(s, f)
		return
	}
	if _, err := strconv.ParseFloat(f.Value, 64); err != nil {
		return // only figures can disagree by value; other facts are notes
	}
	topic := figureTopic(f)
	value := f.Value
	if f.Unit != "" {
		value += " " + f.Unit
	}
	s := d.group(KindFigure, node, topic, aspectFigure).side(value)
	s.Value, s.number = value, f.Value
	d.sideFact(s, f)

	// The same figure told as a total or as a sum of parts.
	if !slices.Contains(parted, topic) {
		return
	}
	key := "total"
	if breakdown(f.Text) {
		key = "parts:" + strings.ToLower(strings.Join(strings.Fields(f.Text), " "))
	}
	b := d.group(KindFigure, node, topic+" (breakdown)", aspectBreakdown).side(key + "\x00" + f.Value)
	b.number, b.wording = f.Value, key
	if b.texts == nil {
		b.texts = map[string]int{}
	}
	b.texts[f.Text]++
	b.Value = commonest(b.texts)
	d.sideFact(b, f)
}

func (d *detector) sideFact(s *Side, f *kg.Fact) {
	doc := f.Evidence.DocumentID
	s.Evidence = append(s.Evidence, f.Evidence)
	s.Documents = append(s.Documents, doc)
	s.Clusters = append(s.Clusters, d.cluster(doc))
	s.ranks = append(s.ranks, docRank{doc, 0})
}

// commonest returns the wording seen most often, the shortest on ties.
func commonest(texts map[string]int) string {
	best, n := "", 0
	for t, c := range texts {
		if c > n || c == n && (len(t) < len(best) || len(t) == len(best) && t < best) {
			best, n = t, c
		}
	}
	return best
}

// clusterHints returns the cluster of a document: given, else learned
// from the edges (learnClusters), else the document itself.
func clusterHints(in Input) func(string) string {
	learned := learnClusters(in.Edges)
	return func(doc string) string {
		if c := in.ClusterOf[doc]; c != "" {
			return c
		}
		if c := learned[doc]; c != "" {
			return c
		}
		return doc
	}
}

// learnClusters reads document clusters off edges, without asking the
// store: every document of an edge that cites one cluster is in it, and a
// document that names a cluster is in its own (a cluster is named after
// its first document).
func learnClusters(edges []kg.Edge) map[string]string {
	learned := map[string]string{}
	for i := range edges {
		e := &edges[i]
		if len(e.Clusters) == 1 {
			for _, doc := range e.Documents {
				learned[doc] = e.Clusters[0]
			}
			continue
		}
		for _, c := range e.Clusters {
			learned[c] = c
		}
	}
	return learned
}

func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	_, err := strconv.Atoi(s)
	return err == nil
}
