package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Error codes of the operation-shape limits. They are protocol errors:
// HTTP 422 (400 with application/graphql-response+json), no data.
const (
	CodeDepthLimit      = "DEPTH_LIMIT_EXCEEDED"
	CodeAliasLimit      = "ALIAS_LIMIT_EXCEEDED"
	CodeFieldLimit      = "FIELD_LIMIT_EXCEEDED"
	CodeComplexityLimit = "COMPLEXITY_LIMIT_EXCEEDED" // gqlgen's own code
)

func init() {
	for _, c := range []string{CodeDepthLimit, CodeAliasLimit, CodeFieldLimit, CodeComplexityLimit} {
		errcode.RegisterErrorType(c, errcode.KindProtocol)
	}
}

// shapeLimit refuses operations that are too deep, use too many aliases or
// select too many fields once fragments are expanded. It runs after
// validation (so fragments are known to be acyclic) and before execution.
type shapeLimit struct {
	maxDepth, maxAliases, maxFields int
	introspection                   bool // __schema and __type allowed
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = shapeLimit{}

// ExtensionName implements graphql.HandlerExtension.
func (shapeLimit) ExtensionName() string { return "ShapeLimit" }

// Validate implements graphql.HandlerExtension.
func (shapeLimit) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (l shapeLimit) MutateOperationContext(_ context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	if rc.Operation == nil {
		return nil
	}
	s := measure(rc.Operation.SelectionSet, l.maxFields)
	switch {
	case s.introspects && !l.introspection:
		// Refused here, as a validation error, rather than by gqlgen at
		// execution time, where it would surface as an uncoded field error.
		return limitErr("GRAPHQL_VALIDATION_FAILED", "introspection is disabled on this server")
	case s.depth > l.maxDepth:
		return limitErr(CodeDepthLimit, "operation is %d levels deep, which exceeds the limit of %d", s.depth, l.maxDepth)
	case s.aliases > l.maxAliases:
		return limitErr(CodeAliasLimit, "operation uses %d aliases, which exceeds the limit of %d", s.aliases, l.maxAliases)
	case s.fields > l.maxFields:
		return limitErr(CodeFieldLimit, "operation selects more than %d fields, which exceeds the limit", l.maxFields)
	}
	return nil
}

func limitErr(code, format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	errcode.Set(err, code)
	return err
}

type shape struct {
	depth, aliases, fields int
	introspects            bool
}

// measure walks the selection set with fragments expanded. It stops
// counting once fields passes stop, so a fragment bomb costs no more than
// the limit to measure.
func measure(set ast.SelectionSet, stop int) shape {
	var s shape
	var walk func(set ast.SelectionSet, depth int)
	walk = func(set ast.SelectionSet, depth int) {
		for _, sel := range set {
			if s.fields > stop {
				return
			}
			switch sel := sel.(type) {
			case *ast.Field:
				s.fields++
				if sel.Name == "__schema" || sel.Name == "__type" {
					s.introspects = true
				}
				if sel.Alias != "" && sel.Alias != sel.Name {
					s.aliases++
				}
				if depth+1 > s.depth {
					s.depth = depth + 1
				}
				walk(sel.SelectionSet, depth+1)
			case *ast.InlineFragment:
				walk(sel.SelectionSet, depth)
			case *ast.FragmentSpread:
				if sel.Definition != nil {
					walk(sel.Definition.SelectionSet, depth)
				}
			}
		}
	}
	walk(set, 0)
	return s
}
