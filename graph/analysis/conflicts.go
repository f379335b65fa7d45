// Package analysis answers questions that are computed from stored graph
// data rather than looked up: where the documents disagree.
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

	lead       map[string]int // document -> first sentence asserting this side
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
	d := detector{in: in, groups: map[string]*group{}, cluster: clusterHints(in)}
	for i := range in.Edges {
		d.addEdge(&in.Edges[i])
	}
	for i := range in.Nodes {
		for j := range in.Nodes[i].Facts {
			d.addFact(in.Nodes[i].ID, &in.Nodes[i].Facts[j])
		}
	}
	var out []Conflict
	for _, g := range d.groups {
		if c, ok := g.conflict(in.Label, d.cluster); ok {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.SubjectID != b.SubjectID {
			return a.SubjectID < b.SubjectID
		}
		return a.Topic < b.Topic
	})
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
		s = &Side{lead: map[string]int{}}
		g.sides[key] = s
	}
	return s
}

// conflict returns the group's conflict, if its sides disagree.
func (g *group) conflict(label map[string]string, cluster func(string) string) (Conflict, bool) {
	if len(g.sides) < 2 {
		return Conflict{}, false
	}
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
		return sides[i].Value < sides[j].Value
	})
	disputed, differ := false, false
	for i := range sides {
		for j := i + 1; j < len(sides); j++ {
			a, b := &sides[i], &sides[j]
			if !apart(a, b, cluster) {
				continue
			}
			switch {
			case !g.compatible(a, b):
				disputed = true
			case g.aspect == aspectDate && a.date.known() && b.date.known() && wordingClass(a.wording) != wordingClass(b.wording):
				differ = true
			case g.aspect == aspectBreakdown && a.wording != b.wording:
				differ = true
			}
		}
	}
	topic := g.topic
	switch {
	case disputed && g.aspect != aspectBreakdown:
	case differ && g.aspect == aspectDate:
		topic += " (wording)"
	case differ && g.aspect == aspectBreakdown:
	default:
		return Conflict{}, false
	}
	sum := sha256.Sum256([]byte(g.kind + "\x00" + g.subject + "\x00" + topic))
	return Conflict{
		ID:          "conflict:" + hex.EncodeToString(sum[:8]),
		Kind:        g.kind,
		SubjectID:   g.subject,
		Topic:       topic,
		Description: g.describe(labelOf(label, g.subject), differ && !disputed, sides),
		Sides:       sides,
	}, true
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
	ab, ba := leads(a, b, cluster), leads(b, a, cluster)
	if len(ab) == 0 || len(ba) == 0 {
		return false
	}
	return len(ab) > 1 || len(ba) > 1 || ab[0] != ba[0]
}

// leads lists, sorted, the clusters with a document in which a comes
// before b: it asserts a and not b, or a in an earlier sentence than b.
func leads(a, b *Side, cluster func(string) string) []string {
	var out []string
	for d := range a.lead {
		if before(a, b, d) {
			out = append(out, cluster(d))
		}
	}
	return uniq(out)
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
