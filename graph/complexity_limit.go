package graph

import (
	"context"
	"sync"

	"github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// pageArgs are the only arguments the complexity functions of
// setComplexity read. A function that reads another argument must add
// it here, or complexityLimit would reuse a cost computed for other
// values of it.
var pageArgs = map[string]bool{"first": true, "limit": true, "maxLength": true}

// complexityLimit refuses operations whose complexity exceeds limit, as
// gqlgen's extension.FixedComplexityLimit does (same error, code and
// statistics), but walks an operation's selection only once when its cost
// cannot depend on its variables: no page argument and no directive takes
// a variable. The parsed operation comes from the query cache, so a
// client that asks the same question about ever new IDs pays the walk,
// about 4 % of a neighbourhood request, once per document.
type complexityLimit struct {
	limit int
	max   int // operations remembered; the memory is cleared when full
	es    graphql.ExecutableSchema

	mu    sync.Mutex
	costs map[*ast.OperationDefinition]int // -1: depends on variables
}

var _ interface {
	graphql.OperationContextMutator
	graphql.HandlerExtension
} = (*complexityLimit)(nil)

func newComplexityLimit(limit, remember int) *complexityLimit {
	return &complexityLimit{limit: limit, max: remember, costs: map[*ast.OperationDefinition]int{}}
}

// ExtensionName is gqlgen's, so statistics read as before.
func (c *complexityLimit) ExtensionName() string { return "ComplexityLimit" }

// Validate keeps the schema the costs are computed against.
func (c *complexityLimit) Validate(es graphql.ExecutableSchema) error {
	c.es = es
	return nil
}

// MutateOperationContext computes (or recalls) the operation's cost and
// refuses it above the limit.
func (c *complexityLimit) MutateOperationContext(ctx context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	op := rc.Doc.Operations.ForName(rc.OperationName)
	cost := c.cost(ctx, rc, op)
	rc.Stats.SetExtension(c.ExtensionName(), &extension.ComplexityStats{Complexity: cost, ComplexityLimit: c.limit})
	if cost > c.limit {
		err := gqlerror.Errorf("operation has complexity %d, which exceeds the limit of %d", cost, c.limit)
		errcode.Set(err, "COMPLEXITY_LIMIT_EXCEEDED")
		return err
	}
	return nil
}

func (c *complexityLimit) cost(ctx context.Context, rc *graphql.OperationContext, op *ast.OperationDefinition) int {
	if op == nil {
		return complexity.Calculate(ctx, c.es, op, rc.Variables)
	}
	c.mu.Lock()
	cost, ok := c.costs[op]
	c.mu.Unlock()
	if ok && cost >= 0 {
		return cost
	}
	cost = complexity.Calculate(ctx, c.es, op, rc.Variables)
	if !ok {
		remembered := cost
		if variesWithVariables(op.SelectionSet, rc.Doc.Fragments, map[string]bool{}) {
			remembered = -1
		}
		c.mu.Lock()
		if len(c.costs) >= c.max {
			clear(c.costs)
		}
		c.costs[op] = remembered
		c.mu.Unlock()
	}
	return cost
}

// variesWithVariables reports whether a page argument or a directive in
// sel, fragments followed, takes a variable.
func variesWithVariables(sel ast.SelectionSet, frags ast.FragmentDefinitionList, visited map[string]bool) bool {
	for _, s := range sel {
		var dirs ast.DirectiveList
		var sub ast.SelectionSet
		switch s := s.(type) {
		case *ast.Field:
			for _, a := range s.Arguments {
				if pageArgs[a.Name] && hasVariable(a.Value) {
					return true
				}
			}
			dirs, sub = s.Directives, s.SelectionSet
		case *ast.InlineFragment:
			dirs, sub = s.Directives, s.SelectionSet
		case *ast.FragmentSpread:
			dirs = s.Directives
			if !visited[s.Name] {
				visited[s.Name] = true
				if f := frags.ForName(s.Name); f != nil {
					sub = f.SelectionSet
				}
			}
		}
		for _, d := range dirs {
			for _, a := range d.Arguments {
				if hasVariable(a.Value) {
					return true
				}
			}
		}
		if variesWithVariables(sub, frags, visited) {
			return true
		}
	}
	return false
}

func hasVariable(v *ast.Value) bool {
	if v == nil {
		return false
	}
	if v.Kind == ast.Variable {
		return true
	}
	for _, c := range v.Children {
		if hasVariable(c.Value) {
			return true
		}
	}
	return false
}
