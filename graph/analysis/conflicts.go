package analysis

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// Conflict kinds. They are the values of the schema's ConflictKind enum,
// so a new kind needs a schema change first.
const (
	KindIssuer    = "ISSUER"
	KindAuthority = "AUTHORITY"
	KindDate      = "DATE"
	KindFigure    = "FIGURE"
)

// Side is one version of a disputed fact.
type Side struct {
	Value     string // a node's label, an ISO date, a date as written, or a figure
	NodeID    string // the node asserted, "" for figures and unresolved dates
	Evidence  []kg.Evidence
	Documents []string // sorted
	Clusters  []string // sorted independent story groups among Documents

	ranks      []docRank      // sentences asserting this side, as read
	lead       map[string]int // document -> first of its ranks, made when compared
	date       dateValue      // DATE sides: what the side says, for comparing
	wording    string         // DATE sides: the date as written; breakdown sides: the text
	derivation string         // DATE sides: how the loader anchored a relative date
	number     string         // breakdown sides: the figure the words add up to
	texts      map[string]int // breakdown sides: how often each wording was seen
}

// Conflict is a fact on which documents disagree.
type Conflict struct {
	ID          string
	Kind        string
	SubjectID   string
	Topic       string
	Description string
	Sides       []Side // best supported first
}

// Input is what Detect works on.
type Input struct {
	Edges     []kg.Edge           // edges of FunctionalTypes (others are ignored)
	Nodes     []kg.Node           // nodes whose facts are compared
	ClusterOf map[string]string   // document ID -> near-duplicate cluster; missing means inferred from edges, else its own
	Label     map[string]string   // node ID -> display label, for values and descriptions
	Forms     map[string][]string // DATE node ID -> its name and aliases, to tell how each document wrote it
}

// Detect finds disagreements. A document takes a side when one of its
// relationships or facts asserts a value (a negated or merely attempted
// action asserts nothing; a planned one still names who acts). Two values
// disagree when they cannot both be true and each is the version of a
// story group the other is not:
//   - values (dates, figures) - one group asserts the first and not the
//     second, another group the second and not the first; a document that
//     lists two dates of a role supports both and contradicts nothing;
//   - agents (issuer, authority) - one group names the first and not the
//     second, or earlier than the second, and another group does the
//     reverse: a report that attributes a ban to the White House in its
//     lead and quotes the Commerce Department further down tells a
//     different story from one that only names the Commerce Department.
//
// Dates whose periods overlap (2024-09, 2024-09-29), a date written
// without its year that matches the month and day, and figures within 5%
// of each other are compatible. Compatible versions can still be told
// differently, which is reported too: a date given as an offset ("within
// 30 days of the announcement") by one group and as a calendar date ("July
// 20") by another (topic "<role> (wording)"), or a count given as a total
// ("three entities") by one group and as a breakdown ("two Russian units
// and one Kaspersky unit") by another (topic "<figure> (breakdown)").
// Results are ordered by kind, subject and topic; sides by independent
// sources, then documents, then value.
func Detect(in Input) []Conflict {
	return DetectFirst(in, 0)
}

// DetectFirst is Detect returning only the first limit conflicts (all
// when limit <= 0); the others are found but not written out, which is
// most of the cost on a large graph.
func DetectFirst(in Input, limit int) []Conflict {
	d := detector{in: in, groups: map[string]*group{}, cluster: clusterHints(in)}
	for i := range in.Edges {
		d.addEdge(&in.Edges[i])
	}
	for i := range in.Nodes {
		d.addFacts(&in.Nodes[i])
	}
	type found struct {
		g     *group
		topic string
	}
	var hits []found
	for _, g := range d.groups {
		if topic, ok := g.decide(d.cluster); ok {
			hits = append(hits, found{g, topic})
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.g.kind != b.g.kind {
			return a.g.kind < b.g.kind
		}
		if a.g.subject != b.g.subject {
			return a.g.subject < b.g.subject
		}
		return a.topic < b.topic
	})
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	out := make([]Conflict, len(hits))
	for i, h := range hits {
		out[i] = h.g.build(h.topic, in.Label, d.cluster)
	}
	return out
}

// aspect says how the sides of a group are compared.
type aspect int

const (
	aspectAgent     aspect = iota // different nodes never both hold; order of mention matters
	aspectDate                    // dates: overlap is agreement; wording compared too
	aspectFigure                  // numbers: within 5% is agreement
	aspectBreakdown               // one figure told as a total or as parts
)

type group struct {
	kind, subject, topic string
	aspect               aspect
	sides                map[string]*Side
}

func (g *group) side(key string) *Side {
	s := g.sides[key]
	if s == nil {
		s = &Side{}
		g.sides[key] = s
	}
	return s
}

// docRank is a document asserting a side and the sentence it does so in.
type docRank struct {
	doc  string
	rank int
}

// makeLead keeps, for each document, the first sentence asserting the
// side. It is made only for sides that are compared: most facts have one
// version.
func (s *Side) makeLead() {
	if s.lead != nil {
		return
	}
	s.lead = make(map[string]int, len(s.ranks))
	for _, r := range s.ranks {
		if cur, ok := s.lead[r.doc]; !ok || r.rank < cur {
			s.lead[r.doc] = r.rank
		}
	}
}

// decide reports whether the group's sides disagree, and under which
// topic: the group's own, or "<role> (wording)" for dates told in
// different words.
func (g *group) decide(cluster func(string) string) (string, bool) {
	if len(g.sides) < 2 {
		return "", false
	}
	raw := make([]*Side, 0, len(g.sides))
	for _, s := range g.sides {
		s.makeLead()
		raw = append(raw, s)
	}
	disputed, differ := false, false
	for i := range raw {
		for j := i + 1; j < len(raw) && !disputed; j++ {
			a, b := raw[i], raw[j]
			if !apart(a, b, cluster) {
				continue
			}
			switch {
			case g.aspect == aspectBreakdown:
				// parts that add up to another figure are a FIGURE conflict
				differ = differ || g.compatible(a, b) && a.wording != b.wording
			case !g.compatible(a, b):
				disputed = true
			case g.aspect == aspectDate && a.date.known() && b.date.known() && wordingClass(a.wording) != wordingClass(b.wording):
				differ = true
			}
		}
	}
	if !disputed && !differ {
		return "", false
	}
	if !disputed && g.aspect == aspectDate {
		return g.topic + " (wording)", true
	}
	return g.topic, true
}

// build writes out the conflict decide found: sides ranked, sources
// counted, quotes deduplicated.
func (g *group) build(topic string, label map[string]string, cluster func(string) string) Conflict {
	sides := make([]Side, 0, len(g.sides))
	for _, s := range g.sides {
		s.Documents = uniq(s.Documents)
		s.Clusters = uniq(s.Clusters)
		if len(s.Clusters) == 0 {
			for _, d := range s.Documents {
				s.Clusters = append(s.Clusters, cluster(d))
			}
			s.Clusters = uniq(s.Clusters)
		}
		s.Evidence = uniqEvidence(s.Evidence)
		sides = append(sides, *s)
	}
	sort.Slice(sides, func(i, j int) bool {
		if a, b := len(sides[i].Clusters), len(sides[j].Clusters); a != b {
			return a > b
		}
		if a, b := len(sides[i].Documents), len(sides[j].Documents); a != b {
			return a > b
		}
		if sides[i].Value != sides[j].Value {
			return sides[i].Value < sides[j].Value
		}
		return sides[i].wording < sides[j].wording // one day in two wordings
	})
	sum := sha256.Sum256([]byte(g.kind + "\x00" + g.subject + "\x00" + topic))
	return Conflict{
		ID:          "conflict:" + hex.EncodeToString(sum[:8]),
		Kind:        g.kind,
		SubjectID:   g.subject,
		Topic:       topic,
		Description: g.describe(labelOf(label, g.subject), topic != g.topic && g.aspect == aspectDate, sides),
		Sides:       sides,
	}
}

// describe puts the disagreement in words, quoting how each side wrote
// what it says when that is not the value itself.
func (g *group) describe(subject string, wording bool, sides []Side) string {
	parts := make([]string, len(sides))
	for i, s := range sides {
		src := fmt.Sprintf("%d source%s", len(s.Clusters), plural(len(s.Clusters)))
		switch {
		case g.aspect == aspectBreakdown:
			parts[i] = fmt.Sprintf("%q (%s; %s)", s.Value, s.number, src)
		case g.aspect == aspectDate && s.date.iso == "" && s.date.known():
			parts[i] = fmt.Sprintf("%q (year not stated; %s)", s.Value, src)
		case g.aspect == aspectDate && s.derivation != "":
			parts[i] = fmt.Sprintf("%s, written %q (derived: %s; %s)", s.Value, s.wording, s.derivation, src)
		case g.aspect == aspectDate && s.wording != "" && !strings.EqualFold(s.wording, s.Value):
			parts[i] = fmt.Sprintf("%s, written %q (%s)", s.Value, s.wording, src)
		default:
			parts[i] = fmt.Sprintf("%s (%s)", s.Value, src)
		}
	}
	base := strings.TrimSuffix(g.topic, " (breakdown)")
	var head string
	switch {
	case g.aspect == aspectBreakdown:
		head = fmt.Sprintf("Documents break down the %s of %s differently", base, subject)
	case wording:
		head = fmt.Sprintf("Documents give the same %q date of %s in different words", g.topic, subject)
	case g.aspect == aspectDate:
		head = fmt.Sprintf("Documents disagree on the %q date of %s", g.topic, subject)
	default:
		head = fmt.Sprintf("Documents disagree on the %s of %s", g.topic, subject)
	}
	return fmt.Sprintf("%s: %s.", head, strings.Join(parts, " vs "))
}

// apart reports whether a and b are each the version of some story group
// the other is not (see Detect): a group in which a comes before b and a
// different group in which b comes before a.
func apart(a, b *Side, cluster func(string) string) bool {
	ab1, ab2 := leads(a, b, cluster)
	if ab1 == "" {
		return false
	}
	ba1, ba2 := leads(b, a, cluster)
	if ba1 == "" {
		return false
	}
	return ab2 != "" || ba2 != "" || ab1 != ba1
}

// leads returns up to two distinct clusters with a document in which a
// comes before b: it asserts a and not b, or a in an earlier sentence
// than b. Two are enough to decide apart, so it stops there.
func leads(a, b *Side, cluster func(string) string) (first, second string) {
	for d := range a.lead {
		if !before(a, b, d) {
			continue
		}
		switch c := cluster(d); {
		case first == "":
			first = c
		case c != first:
			return first, c
		}
	}
	return first, ""
}

func before(a, b *Side, doc string) bool {
	la, ok := a.lead[doc]
	if !ok {
		return false
	}
	lb, ok := b.lead[doc]
	return !ok || la < lb
}

// compatible reports whether two values can both be true.
func (g *group) compatible(a, b *Side) bool {
	switch g.aspect {
	case aspectDate:
		return a.date.compatible(b.date)
	case aspectFigure, aspectBreakdown:
		return closeFigures(a.number, b.number)
	}
	return false
}

func labelOf(label map[string]string, id string) string {
	if l := label[id]; l != "" {
		return l
	}
	return id
}

func uniq(ss []string) []string {
	if len(ss) == 0 {
		return ss
	}
	out := append([]string(nil), ss...)
	sort.Strings(out)
	w := 1
	for _, s := range out[1:] {
		if s != out[w-1] {
			out[w] = s
			w++
		}
	}
	return out[:w]
}

// uniqEvidence drops repeated quotes (an edge and its ANNOUNCED twin
// often cite the same words) and orders them by document and position.
func uniqEvidence(ev []kg.Evidence) []kg.Evidence {
	sort.SliceStable(ev, func(i, j int) bool {
		a, b := ev[i], ev[j]
		if a.DocumentID != b.DocumentID {
			return a.DocumentID < b.DocumentID
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.End < b.End
	})
	out := ev[:0]
	for i, e := range ev {
		if i > 0 && e.DocumentID == ev[i-1].DocumentID && e.Start == ev[i-1].Start && e.End == ev[i-1].End && e.Quote == ev[i-1].Quote {
			continue
		}
		out = append(out, e)
	}
	return out
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
