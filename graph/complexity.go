package graph

import (
	"github.com/newsgraph/newsgraph/graph/generated"
	"github.com/newsgraph/newsgraph/graph/model"
	"github.com/newsgraph/newsgraph/kg"
)

// setComplexity makes list fields cost their page size times the cost of
// what is selected in each item, so a query's complexity grows with
// first/limit the way its work does. Page sizes are counted up to the
// maximum page size: larger values are refused by the resolvers anyway.
func setComplexity(c *generated.ComplexityRoot, maxPage int) {
	page := func(child int, first *int, def int) int {
		n := def
		if first != nil {
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
