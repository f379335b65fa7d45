// Package present maps domain records (package kg) to the GraphQL objects
// of package model, and checks and converts GraphQL arguments into domain
// queries. It is pure: no store access, so every rule here is unit-testable.
package present

import (
	"strings"

	"github.com/newsgraph/newsgraph/graph/model"
	"github.com/newsgraph/newsgraph/kg"
)

// Node wraps a stored node in its kind's object. doc is the stored
// document for DOCUMENT nodes and is ignored otherwise.
func Node(n *kg.Node, doc *kg.Document) model.Node {
	b := model.Base{N: n}
	switch n.Kind {
	case kg.KindAgency:
		return &model.Agency{Base: b}
	case kg.KindCompany:
		return &model.Company{Base: b}
	case kg.KindPerson:
		return &model.Person{Base: b}
	case kg.KindLocation:
		return &model.Location{Base: b}
	case kg.KindOrder:
		return &model.Order{Base: b}
	case kg.KindDate:
		return &model.Date{Base: b}
	case kg.KindDocument:
		if doc == nil {
			doc = &kg.Document{ID: n.ID, Title: n.Name}
		}
		return &model.Document{Base: b, Doc: doc}
	default:
		// ENTITY, and any kind a newer store knows but this server does not,
		// is shown as the catch-all kind rather than failing the query.
		return &model.Entity{Base: b}
	}
}

// Document presents a stored document. Its node fields come from
// DocumentNode, so no second read is needed.
func Document(d *kg.Document) *model.Document {
	return &model.Document{Base: model.Base{N: DocumentNode(d)}, Doc: d}
}

// DocumentNode is the DOCUMENT node of a stored document, built by the same
// rule the stores use: Name is the title, or the first 80 characters of the
// first non-empty line.
func DocumentNode(d *kg.Document) *kg.Node {
	name := d.Title
	if name == "" {
		for _, line := range strings.Split(d.Text, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				r := []rune(line)
				if len(r) > 80 {
					r = r[:80]
				}
				name = string(r)
				break
			}
		}
	}
	if name == "" {
		name = d.ID
	}
	return &kg.Node{
		ID: d.ID, Kind: kg.KindDocument, Name: name,
		Documents: []string{d.ID}, FirstSeen: d.PublishedAt, LastSeen: d.PublishedAt,
	}
}

// Nodes wraps stored nodes that need no document (callers hydrate
// DOCUMENT nodes through the loaders).
func Nodes(ns []kg.Node) []model.Node {
	out := make([]model.Node, len(ns))
	for i := range ns {
		out[i] = Node(&ns[i], nil)
	}
	return out
}

// Orders keeps the orders among nodes, in order.
func Orders(ns []model.Node) []*model.Order { return only[*model.Order](ns) }

// Locations keeps the locations among nodes, in order.
func Locations(ns []model.Node) []*model.Location { return only[*model.Location](ns) }

func only[T model.Node](ns []model.Node) []T {
	out := make([]T, 0, len(ns))
	for _, n := range ns {
		if t, ok := n.(T); ok {
			out = append(out, t)
		}
	}
	return out
}
