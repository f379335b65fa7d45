package model

import (
	"github.com/newsgraph/newsgraph/kg"
)

// Node is the Go side of the GraphQL Node interface: every kind's object
// type is a view over one stored kg.Node.
type Node interface {
	// Stored returns the domain record behind the object.
	Stored() *kg.Node
}

// Base carries the stored node and implements the fields that every kind
// shares. The per-kind types embed it so that gqlgen binds those fields to
// the promoted methods.
type Base struct {
	N *kg.Node
}

// Stored returns the domain record behind the object.
func (b Base) Stored() *kg.Node { return b.N }

// ID is the stable node ID.
func (b Base) ID() string { return b.N.ID }

// Name is the canonical display name.
func (b Base) Name() string { return b.N.Name }

// Kind is the node's kind.
func (b Base) Kind() kg.Kind { return b.N.Kind }

// Label is the short text a drawing shows: the name, or for dates their
// ISO value, which is what a reader scans a timeline for.
func (b Base) Label() string {
	if b.N.Kind == kg.KindDate {
		if d := b.N.Attrs[kg.AttrDate]; d != "" {
			return d
		}
	}
	return b.N.Name
}

// Weight is the number of documents that mention the node, so that a
// drawing sizes nodes by how widely they are reported.
func (b Base) Weight() int { return b.N.NumDocuments() }

// Aliases lists the other surface forms; never null.
func (b Base) Aliases() []string {
	if b.N.Aliases == nil {
		return []string{}
	}
	return b.N.Aliases
}

// MentionCount is the total number of mentions. It is read from the
// node's count, so a summary (see kg.Store) answers it without its list.
func (b Base) MentionCount() int { return b.N.NumMentions() }

// DocumentCount is the number of documents that mention the node.
func (b Base) DocumentCount() int { return b.N.NumDocuments() }

// FirstSeen is null rather than "" when unknown.
func (b Base) FirstSeen() *string { return Opt(b.N.FirstSeen) }

// LastSeen is null rather than "" when unknown.
func (b Base) LastSeen() *string { return Opt(b.N.LastSeen) }

// Facts presents the node's figures.
func (b Base) Facts() []*Fact { return Facts(b.N.Facts) }

// Agency is a government body.
type Agency struct{ Base }

// Company is a business.
type Company struct{ Base }

// Figures are the company's facts, under the name analysts use.
func (c Company) Figures() []*Fact { return c.Facts() }

// Entity is any other named organisation, unit, product, platform or list.
type Entity struct{ Base }

// Person is a human being.
type Person struct{ Base }

// Title is the best title the loader saw for the person.
func (p Person) Title() *string { return Opt(p.N.Attrs[kg.AttrTitle]) }

// Location is a country or a city.
type Location struct{ Base }

// Order is an executive order, ban, determination, directive, sanction or
// list designation.
type Order struct{ Base }

// OrderType is what sort of order it is, when the loader could tell.
func (o Order) OrderType() *string { return Opt(o.N.Attrs[kg.AttrOrderType]) }

// Date is a DATE node.
type Date struct{ Base }

// Date is the ISO value at its precision. Older records without the
// attribute fall back to the ID, which is "date:" + ISO by construction.
func (d Date) Date() string {
	if v := d.N.Attrs[kg.AttrDate]; v != "" {
		return v
	}
	if len(d.N.ID) > 5 {
		return d.N.ID[5:]
	}
	return d.N.Name
}

// Precision is DAY, MONTH or YEAR; it is derived from the ISO value when
// the attribute is missing, because the value's length encodes it.
func (d Date) Precision() kg.Precision {
	if p := kg.Precision(d.N.Attrs[kg.AttrPrecision]); p != "" {
		return p
	}
	if _, p, err := kg.ParseISODate(d.Date()); err == nil {
		return p
	}
	return kg.PrecisionDay
}

// Start is the first day of the period.
func (d Date) Start() string { return kg.RangeStart(d.Date()) }

// End is the last day of the period.
func (d Date) End() string { return kg.RangeEnd(d.Date()) }

// Document is a DOCUMENT node together with the stored document, which
// holds the text and metadata.
type Document struct {
	Base
	Doc *kg.Document
}

// Title is null when the document has none.
func (d Document) Title() *string { return Opt(d.Doc.Title) }

// Source is the publisher, null when unknown.
func (d Document) Source() *string { return Opt(d.Doc.Source) }

// URL is where it was published, null when unknown.
func (d Document) URL() *string { return Opt(d.Doc.URL) }

// PublishedAt is the ISO publication date, null when unknown.
func (d Document) PublishedAt() *string { return Opt(d.Doc.PublishedAt) }

// Byline is null when the loader found none.
func (d Document) Byline() *string { return Opt(d.Doc.Byline) }

// Dateline is null when the loader found none.
func (d Document) Dateline() *string { return Opt(d.Doc.Dateline) }

// Text is the document exactly as ingested.
func (d Document) Text() string { return d.Doc.Text }

// Cluster is the ID of the near-duplicate group; a document alone is its
// own group.
func (d Document) Cluster() string {
	if d.Doc.Cluster == "" {
		return d.Doc.ID
	}
	return d.Doc.Cluster
}

// IngestedAt is RFC 3339 in UTC.
func (d Document) IngestedAt() string {
	return d.Doc.IngestedAt.UTC().Format("2006-01-02T15:04:05Z07:00")
}

// Opt turns the domain's "empty means unknown" into GraphQL null.
func Opt(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Str is the inverse of Opt: null becomes "".
func Str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
