package graph

import (
	"github.com/newsgraph/newsgraph/graph/generated"
	"github.com/newsgraph/newsgraph/graph/model"
	"github.com/newsgraph/newsgraph/kg"
)

// unpagedItems is the size assumed for a list field without first/limit.
const unpagedItems = 5

// setComplexity makes list fields cost their page size times the cost of
// what is selected in each item, so a query's complexity grows with
// first/limit the way its work does. Page sizes are counted up to the
// maximum page size: larger values are refused by the resolvers anyway.
func setComplexity(c *generated.ComplexityRoot, maxPage int) {
	// A page of first items, def when first is omitted or 0 (the stores
	// read 0 as their default page: see present.First).
	page := func(child int, first *int, def int) int {
		n := def
		if first != nil && *first != 0 {
			n = *first
		}
		n = max(0, min(n, maxPage))
		return 1 + n*child
	}
	mentions := func(child int, first *int) int { return page(child, first, 20) }
	documents := mentions
	rels := func(child int, _ *kg.Direction, _ []kg.RelType, _ *int, _, _ *string, first *int, _ *string) int {
		return page(child, first, 20)
	}

	c.Agency.Mentions, c.Agency.Documents, c.Agency.Relationships = mentions, documents, rels
	c.Company.Mentions, c.Company.Documents, c.Company.Relationships = mentions, documents, rels
	c.Entity.Mentions, c.Entity.Documents, c.Entity.Relationships = mentions, documents, rels
	c.Person.Mentions, c.Person.Documents, c.Person.Relationships = mentions, documents, rels
	c.Location.Mentions, c.Location.Documents, c.Location.Relationships = mentions, documents, rels
	c.Order.Mentions, c.Order.Documents, c.Order.Relationships = mentions, documents, rels
	c.Date.Mentions, c.Date.Documents, c.Date.Relationships = mentions, documents, rels
	c.Document.Mentions, c.Document.Documents, c.Document.Relationships = mentions, documents, rels
	c.Document.Entities = func(child int, _ []kg.Kind, first *int) int { return page(child, first, 50) }

	// Lists without a page argument (an order's targets, an agency's
	// leaders) are small in news, but not bounded: count each as a few
	// items so nesting them still adds up.
	few := func(child int) int { return 1 + unpagedItems*child }
	paged := func(child int, first *int) int { return page(child, first, 20) }
	c.Edge.Evidence, c.Relationship.Evidence, c.Relationship.Documents, c.TimelineEntry.Evidence = paged, paged, paged, paged
	c.Fact.Sources, c.ConflictSide.Evidence, c.ConflictSide.Documents = paged, paged, paged
	c.Agency.Leaders, c.Agency.Members, c.Agency.OrdersIssued, c.Agency.OrdersAnnounced = few, few, few, few
	c.Company.Locations, c.Company.Headquarters, c.Company.People, c.Company.OrdersAgainst, c.Company.Affiliates = few, few, few, few, few
	c.Entity.LinkedTo, c.Entity.OrdersAgainst = few, few
	c.Person.Roles, c.Person.OrdersIssued = few, few
	c.Location.BasedHere, c.Location.OperatingHere = few, few
	c.Order.IssuedBy, c.Order.AnnouncedBy, c.Order.Targets, c.Order.Authority, c.Order.BasisFor, c.Order.Dates = few, few, few, few, few, few
	c.Date.Events = few
	c.Document.NearDuplicates = paged

	c.Query.Search = func(child int, _ string, _ []kg.Kind, first *int) int { return page(child, first, 10) }
	c.Query.Entities = func(child int, _ *kg.Kind, _ *model.EntityFilter, _ *kg.SortField, first *int, _ *string) int {
		return page(child, first, 20)
	}
	c.Query.Relationships = func(child int, _ *model.RelationshipFilter, first *int, _ *string) int {
		return page(child, first, 20)
	}
	c.Query.Documents = func(child int, _ *kg.SortField, first *int, _ *string) int { return page(child, first, 20) }
	c.Query.Conflicts = func(child int, _ *string, first *int) int { return page(child, first, 20) }
	c.Query.Timeline = func(child int, _, _, _ *string, _ []kg.RelType, first *int) int { return page(child, first, 100) }
	// A subgraph holds up to limit nodes and about as many edges again.
	c.Query.Neighborhood = func(child int, _ string, _ *int, limit *int, _ []kg.RelType, _ []kg.Kind) int {
		n := 100
		if limit != nil {
			n = max(0, min(*limit, 10*maxPage))
		}
		return 1 + 2*n*child
	}
	c.Query.Path = func(child int, _, _ string, maxLength *int) int {
		n := 4
		if maxLength != nil {
			n = max(0, min(*maxLength, 10))
		}
		return 1 + 2*(n+1)*child
	}
	c.Query.Paths = func(child int, _, _ string, maxLength, limit *int, _ []kg.RelType) int {
		n := 4
		if maxLength != nil {
			n = max(0, min(*maxLength, 10))
		}
		return page(2*(n+1)*child, limit, 10)
	}
}
