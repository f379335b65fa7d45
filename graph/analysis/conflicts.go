// Package analysis answers questions that are computed from stored graph
// data rather than looked up: where the documents disagree.
package analysis

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// Conflict kinds.
const (
	KindIssuer    = "ISSUER"
	KindAuthority = "AUTHORITY"
	KindDate      = "DATE"
	KindFigure    = "FIGURE"
)

// Side is one version of a disputed fact.
type Side struct {
	Value     string // a node's label, or a figure's value and unit
	NodeID    string // the node asserted, "" for figures
	Evidence  []kg.Evidence
	Documents []string // sorted
	Clusters  []string // sorted independent story groups among Documents
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

// functional says, for the relationship types that admit one value per
// subject, which end is the subject and what the disputed topic is.
// An order has one issuer and one authority; one role of an order (new
// sales banned, updates end) has one date.
func functional(e *kg.Edge) (kind, subject, value, topic string, ok bool) {
	switch e.Type {
	case kg.RelIssued:
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

// FunctionalTypes are the relationship types Detect looks at.
var FunctionalTypes = []kg.RelType{kg.RelIssued, kg.RelBasedOn, kg.RelEffectiveOn, kg.RelOccurredOn}

// Input is what Detect works on.
type Input struct {
	Edges     []kg.Edge         // edges of FunctionalTypes (others are ignored)
	Nodes     []kg.Node         // nodes whose facts are compared
	ClusterOf map[string]string // document ID -> near-duplicate cluster; missing means its own
	Label     map[string]string // node ID -> display label, for values and descriptions
}

// Detect finds disagreements. Facts count when their value is a number.
// Two versions disagree when their values are
// incompatible and each is backed by an independent source the other
// lacks: one document that lists two dates of a role supports both and
// contradicts nothing. Dates whose periods overlap (2024-09, 2024-09-29)
// and figures within 5% of each other are compatible. Results are ordered
// by kind, subject and topic.
func Detect(in Input) []Conflict {
	groups := map[string]*group{}
	get := func(kind, subject, topic string) *group {
		k := kind + "\x00" + subject + "\x00" + topic
		g := groups[k]
		if g == nil {
			g = &group{kind: kind, subject: subject, topic: topic, sides: map[string]*Side{}}
			groups[k] = g
		}
		return g
	}
	for i := range in.Edges {
		e := &in.Edges[i]
		if m := e.Attrs[kg.AttrModality]; m == "negated" || m == "attempted" || m == "planned" {
			continue
		}
		kind, subject, value, topic, ok := functional(e)
		if !ok {
			continue
		}
		s := get(kind, subject, topic).side(value)
		s.NodeID = value
		s.Value = labelOf(in.Label, value)
		s.Evidence = append(s.Evidence, e.Evidence...)
		s.Documents = append(s.Documents, e.Documents...)
		s.Clusters = append(s.Clusters, e.Clusters...)
	}
	for i := range in.Nodes {
		n := &in.Nodes[i]
		for _, f := range n.Facts {
			if _, err := strconv.ParseFloat(f.Value, 64); err != nil {
				continue // only figures can disagree by value; other facts are notes
			}
			topic := f.Name
			if isYear(f.Qualifier) {
				topic += " (" + f.Qualifier + ")"
			}
			if f.Unit != "" {
				topic += " [" + f.Unit + "]"
			}
			value := f.Value
			if f.Unit != "" {
				value += " " + f.Unit
			}
			s := get(KindFigure, n.ID, topic).side(value)
			s.Value = value
			s.Evidence = append(s.Evidence, f.Evidence)
			s.Documents = append(s.Documents, f.Evidence.DocumentID)
			cl := in.ClusterOf[f.Evidence.DocumentID]
			if cl == "" {
				cl = f.Evidence.DocumentID
			}
			s.Clusters = append(s.Clusters, cl)
		}
	}

	var out []Conflict
	for _, g := range groups {
		if c, ok := g.conflict(in.Label); ok {
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

type group struct {
	kind, subject, topic string
	sides                map[string]*Side
}

func (g *group) side(value string) *Side {
	s := g.sides[value]
	if s == nil {
		s = &Side{}
		g.sides[value] = s
	}
	return s
}

func (g *group) conflict(label map[string]string) (Conflict, bool) {
	if len(g.sides) < 2 {
		return Conflict{}, false
	}
	sides := make([]Side, 0, len(g.sides))
	for _, s := range g.sides {
		s.Documents = uniq(s.Documents)
		s.Clusters = uniq(s.Clusters)
		if len(s.Clusters) == 0 {
			s.Clusters = s.Documents
		}
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
	disputed := false
	for i := 0; i < len(sides) && !disputed; i++ {
		for j := i + 1; j < len(sides) && !disputed; j++ {
			disputed = !g.compatible(&sides[i], &sides[j]) &&
				hasOutside(sides[i].Clusters, sides[j].Clusters) &&
				hasOutside(sides[j].Clusters, sides[i].Clusters)
		}
	}
	if !disputed {
		return Conflict{}, false
	}
	parts := make([]string, len(sides))
	for i, s := range sides {
		parts[i] = fmt.Sprintf("%s (%d source%s)", s.Value, len(s.Clusters), plural(len(s.Clusters)))
	}
	subject := labelOf(label, g.subject)
	sum := sha256.Sum256([]byte(g.kind + "\x00" + g.subject + "\x00" + g.topic))
	return Conflict{
		ID:          "conflict:" + hex.EncodeToString(sum[:8]),
		Kind:        g.kind,
		SubjectID:   g.subject,
		Topic:       g.topic,
		Description: fmt.Sprintf("Documents disagree on the %s of %s: %s.", g.topic, subject, strings.Join(parts, " vs ")),
		Sides:       sides,
	}, true
}

// compatible reports whether two values can both be true.
func (g *group) compatible(a, b *Side) bool {
	switch g.kind {
	case KindDate:
		da, db := dateOf(a.NodeID), dateOf(b.NodeID)
		if da == "" || db == "" {
			return false
		}
		return kg.DateOverlaps(da, db, db)
	case KindFigure:
		x, errx := strconv.ParseFloat(strings.Fields(a.Value + " ")[0], 64)
		y, erry := strconv.ParseFloat(strings.Fields(b.Value + " ")[0], 64)
		if errx != nil || erry != nil {
			return false
		}
		return math.Abs(x-y) <= 0.05*math.Max(math.Abs(x), math.Abs(y))
	}
	return false
}

func dateOf(id string) string {
	iso, ok := strings.CutPrefix(id, kg.DateNodeID(""))
	if !ok {
		return ""
	}
	return iso
}

// hasOutside reports whether a holds an element that b lacks.
func hasOutside(a, b []string) bool {
	in := make(map[string]bool, len(b))
	for _, x := range b {
		in[x] = true
	}
	for _, x := range a {
		if !in[x] {
			return true
		}
	}
	return false
}

func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	_, err := strconv.Atoi(s)
	return err == nil
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

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
