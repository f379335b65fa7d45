package model

import (
	"sort"

	"github.com/newsgraph/newsgraph/kg"
)

// Attribute is one key and value of a relationship.
type Attribute struct {
	Key   string
	Value string
}

// Attributes presents a relationship's attributes sorted by key, so the
// output is stable.
func Attributes(m map[string]string) []*Attribute {
	out := make([]*Attribute, 0, len(m))
	for k, v := range m {
		out = append(out, &Attribute{Key: k, Value: v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// Edge is a relationship as a Subgraph draws it: its ends are IDs.
type Edge struct {
	E *kg.Edge
}

// ID is the stable relationship ID.
func (e Edge) ID() string { return e.E.ID }

// Type is the relationship type as a plain string (the contract's type).
func (e Edge) Type() string { return string(e.E.Type) }

// Source is the subject's ID.
func (e Edge) Source() string { return e.E.Source }

// Target is the object's ID.
func (e Edge) Target() string { return e.E.Target }

// Evidence lists the supporting quotes; never null.
func (e Edge) Evidence() []kg.Evidence { return evidence(e.E.Evidence) }

// Label is the type, with the role when there is one, because two dates of
// one order differ only by their role.
func (e Edge) Label() string {
	if r := e.E.Attrs[kg.AttrRole]; r != "" {
		return string(e.E.Type) + ": " + r
	}
	return string(e.E.Type)
}

// Weight is the source count, for line widths.
func (e Edge) Weight() int { return e.E.SourceCount() }

// SourceCount is the number of supporting documents.
func (e Edge) SourceCount() int { return e.E.SourceCount() }

// IndependentSourceCount counts near-duplicate copies once.
func (e Edge) IndependentSourceCount() int { return independent(e.E) }

// Role is what a date means for an order, null when not given.
func (e Edge) Role() *string { return Opt(e.E.Attrs[kg.AttrRole]) }

// Attributes lists every attribute, sorted by key.
func (e Edge) Attributes() []*Attribute { return Attributes(e.E.Attrs) }

// Relationship is a relationship seen from one of its ends (From). At the
// root of the graph From is the source.
type Relationship struct {
	E    *kg.Edge
	From string
}

// ID is the stable relationship ID.
func (r Relationship) ID() string { return r.E.ID }

// Type is the relationship type.
func (r Relationship) Type() kg.RelType { return r.E.Type }

// Direction is OUT when the node asked about is the subject. A self-loop
// counts as OUT.
func (r Relationship) Direction() kg.Direction {
	if r.E.Source == r.From || r.From == "" {
		return kg.DirectionOut
	}
	return kg.DirectionIn
}

// OtherID is the ID of the end that is not From.
func (r Relationship) OtherID() string {
	if r.Direction() == kg.DirectionOut {
		return r.E.Target
	}
	return r.E.Source
}

// Role is what a date means for an order, null when not given.
func (r Relationship) Role() *string { return Opt(r.E.Attrs[kg.AttrRole]) }

// Modality defaults to "asserted" because most statements in news are.
func (r Relationship) Modality() string {
	if m := r.E.Attrs[kg.AttrModality]; m != "" {
		return m
	}
	return "asserted"
}

// Statement holds the words of a claim, null when not given.
func (r Relationship) Statement() *string { return Opt(r.E.Attrs[kg.AttrStatement]) }

// Derivation says how a relative date was computed, null when it was not.
func (r Relationship) Derivation() *string { return Opt(r.E.Attrs[kg.AttrDerivation]) }

// Attributes lists every attribute, sorted by key.
func (r Relationship) Attributes() []*Attribute { return Attributes(r.E.Attrs) }

// Evidence lists the supporting quotes; never null.
func (r Relationship) Evidence() []kg.Evidence { return evidence(r.E.Evidence) }

// SourceCount is the number of supporting documents.
func (r Relationship) SourceCount() int { return r.E.SourceCount() }

// IndependentSourceCount counts near-duplicate copies once.
func (r Relationship) IndependentSourceCount() int { return independent(r.E) }

// FirstSeen is null when unknown.
func (r Relationship) FirstSeen() *string { return Opt(r.E.FirstSeen) }

// LastSeen is null when unknown.
func (r Relationship) LastSeen() *string { return Opt(r.E.LastSeen) }

// independent never reports fewer independent sources than one per
// supporting document group: a store that did not record clusters still
// has at least one source when it has documents.
func independent(e *kg.Edge) int {
	if n := e.IndependentCount(); n > 0 || e.SourceCount() == 0 {
		return n
	}
	return 1
}

func evidence(ev []kg.Evidence) []kg.Evidence {
	if ev == nil {
		return []kg.Evidence{}
	}
	return ev
}

// TimelineEntry is one dated fact.
type TimelineEntry struct {
	Item *kg.TimelineItem
}

// ID is the ID of the relationship behind the entry.
func (t TimelineEntry) ID() string { return t.Item.Edge.ID }

// Type is EFFECTIVE_ON, OCCURRED_ON or PUBLISHED_ON.
func (t TimelineEntry) Type() kg.RelType { return t.Item.Edge.Type }

// Date is the ISO value of the date node.
func (t TimelineEntry) Date() string { return Date{Base{&t.Item.Date}}.Date() }

// Precision is the date's precision.
func (t TimelineEntry) Precision() kg.Precision { return Date{Base{&t.Item.Date}}.Precision() }

// Role is what the date means, null when not given.
func (t TimelineEntry) Role() *string { return Opt(t.Item.Edge.Attrs[kg.AttrRole]) }

// Derivation says how a relative date was computed.
func (t TimelineEntry) Derivation() *string { return Opt(t.Item.Edge.Attrs[kg.AttrDerivation]) }

// Evidence lists the supporting quotes.
func (t TimelineEntry) Evidence() []kg.Evidence { return evidence(t.Item.Edge.Evidence) }

// SourceCount is the number of supporting documents.
func (t TimelineEntry) SourceCount() int { return t.Item.Edge.SourceCount() }

// IndependentSourceCount counts near-duplicate copies once.
func (t TimelineEntry) IndependentSourceCount() int { return independent(&t.Item.Edge) }

// Description says in words what happens on the date: the subject, then
// the role of the date or what the relationship type means.
func (t TimelineEntry) Description() string {
	subj := t.Item.Subject.Name
	if subj == "" {
		subj = t.Item.Subject.ID
	}
	if r := t.Item.Edge.Attrs[kg.AttrRole]; r != "" {
		return subj + ": " + r
	}
	switch t.Item.Edge.Type {
	case kg.RelEffectiveOn:
		return subj + ": takes effect"
	case kg.RelPublishedOn:
		return "published: " + subj
	default:
		return subj
	}
}

// Fact is a figure with its evidence. Identical figures (same name, value,
// unit and qualifier) from several documents are merged into one, whose
// Evidence is the first quote and Sources all of them.
type Fact struct {
	Name        string
	Value       string
	Unit        *string
	Text        string
	Qualifier   *string
	Evidence    kg.Evidence
	Sources     []kg.Evidence
	SourceCount int
}

// Facts presents figures, merging identical ones in first-seen order;
// never null.
func Facts(fs []kg.Fact) []*Fact {
	out := make([]*Fact, 0, len(fs))
	byKey := map[string]*Fact{}
	docs := map[string]map[string]bool{}
	for _, f := range fs {
		key := f.Name + "\x00" + f.Value + "\x00" + f.Unit + "\x00" + f.Qualifier
		m := byKey[key]
		if m == nil {
			m = &Fact{Name: f.Name, Value: f.Value, Unit: Opt(f.Unit), Text: f.Text, Qualifier: Opt(f.Qualifier), Evidence: f.Evidence}
			byKey[key] = m
			docs[key] = map[string]bool{}
			out = append(out, m)
		}
		m.Sources = append(m.Sources, f.Evidence)
		if !docs[key][f.Evidence.DocumentID] {
			docs[key][f.Evidence.DocumentID] = true
			m.SourceCount++
		}
	}
	return out
}
