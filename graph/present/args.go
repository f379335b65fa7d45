package present

import (
	"context"
	"strings"

	"github.com/newsgraph/newsgraph/graph/model"
	"github.com/newsgraph/newsgraph/kg"
)

// Limits bound what one field may ask for. Arguments beyond them are
// refused with BAD_USER_INPUT rather than clamped, so a client never gets
// silently fewer items than it asked for.
type Limits struct {
	MaxPageSize      int // first / limit of lists and connections
	MaxDepth         int // neighborhood depth
	MaxPathLength    int // path and paths maxLength
	MaxSubgraphNodes int // neighborhood limit
}

// DefaultLimits are the limits when the handler sets none.
func DefaultLimits() Limits {
	return Limits{MaxPageSize: 100, MaxDepth: 3, MaxPathLength: 6, MaxSubgraphNodes: 1000}
}

type limitsKey struct{}

// WithLimits returns a context carrying l for the resolvers.
func WithLimits(ctx context.Context, l Limits) context.Context {
	return context.WithValue(ctx, limitsKey{}, l)
}

// LimitsFrom returns the request's limits, or DefaultLimits.
func LimitsFrom(ctx context.Context) Limits {
	if l, ok := ctx.Value(limitsKey{}).(Limits); ok {
		return l
	}
	return DefaultLimits()
}

// First checks a page size: nil and 0 mean def, negative or above the
// page size limit is BAD_USER_INPUT. 0 means def because the stores read
// a page size of 0 as their default page, and every list must answer a
// given first the same way (the cost limit counts 0 as def too).
func First(ctx context.Context, name string, v *int, def int) (int, error) {
	n, err := IntIn(name, v, def, 0, LimitsFrom(ctx).MaxPageSize)
	if err == nil && n == 0 {
		n = def
	}
	return n, err
}

// IntIn checks that an optional integer argument lies in [lo, hi].
func IntIn(name string, v *int, def, lo, hi int) (int, error) {
	n := def
	if v != nil {
		n = *v
	}
	if n < lo || n > hi {
		return 0, kg.Errorf(kg.CodeBadUserInput, "%s must be between %d and %d, got %d", name, lo, hi, n)
	}
	return n, nil
}

// ISODate checks an optional ISO date argument (YYYY, YYYY-MM or
// YYYY-MM-DD) and returns it normalised, "" when absent.
func ISODate(name string, s *string) (string, error) {
	if s == nil || strings.TrimSpace(*s) == "" {
		return "", nil
	}
	iso, _, err := kg.ParseISODate(*s)
	if err != nil {
		return "", kg.Errorf(kg.CodeBadUserInput, "invalid %s: want YYYY-MM-DD, YYYY-MM or YYYY", name)
	}
	return iso, nil
}

// Str dereferences an optional string.
func Str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// EdgeFilter builds the filter of a node's relationships field.
func EdgeFilter(dir *kg.Direction, types []kg.RelType, minSources *int, from, to *string) (kg.EdgeFilter, error) {
	f := kg.EdgeFilter{Direction: kg.DirectionBoth, Types: types}
	if dir != nil {
		f.Direction = *dir
	}
	if minSources != nil {
		if *minSources < 0 {
			return f, kg.Errorf(kg.CodeBadUserInput, "minSources must not be negative")
		}
		f.MinSources = *minSources
	}
	var err error
	if f.SeenFrom, err = ISODate("from", from); err != nil {
		return f, err
	}
	if f.SeenTo, err = ISODate("to", to); err != nil {
		return f, err
	}
	return f, nil
}

// EntityFilter builds the store filter of the entities field; kind is a
// shortcut for where.kinds kept from the first version of the API.
func EntityFilter(kind *kg.Kind, where *model.EntityFilter, sort *kg.SortField) (kg.EntityFilter, error) {
	var f kg.EntityFilter
	if sort != nil {
		f.Sort = *sort
	}
	if where != nil {
		f.Kinds = where.Kinds
		f.NameContains = strings.TrimSpace(Str(where.NameContains))
		f.Document = Str(where.MentionedIn)
		if where.MinMentions != nil {
			if *where.MinMentions < 0 {
				return f, kg.Errorf(kg.CodeBadUserInput, "minMentions must not be negative")
			}
			f.MinMentions = *where.MinMentions
		}
		var err error
		if f.SeenFrom, err = ISODate("seenFrom", where.SeenFrom); err != nil {
			return f, err
		}
		if f.SeenTo, err = ISODate("seenTo", where.SeenTo); err != nil {
			return f, err
		}
	}
	if kind != nil {
		f.Kinds = append([]kg.Kind{*kind}, f.Kinds...)
		if where != nil && len(where.Kinds) > 0 {
			// Both given: the kind must be one of where.kinds.
			f.Kinds = intersectKinds([]kg.Kind{*kind}, where.Kinds)
			if len(f.Kinds) == 0 {
				return f, kg.Errorf(kg.CodeBadUserInput, "kind %s is not among where.kinds", *kind)
			}
		}
	}
	return f, nil
}

func intersectKinds(a, b []kg.Kind) []kg.Kind {
	var out []kg.Kind
	for _, x := range a {
		for _, y := range b {
			if x == y {
				out = append(out, x)
				break
			}
		}
	}
	return out
}

// EdgeQuery builds the store query of the root relationships field.
func EdgeQuery(where *model.RelationshipFilter) (kg.EdgeQuery, error) {
	var q kg.EdgeQuery
	if where == nil {
		return q, nil
	}
	q.Types = where.Types
	q.Source = Str(where.Source)
	q.Target = Str(where.Target)
	q.Document = Str(where.Document)
	if where.MinSources != nil {
		if *where.MinSources < 0 {
			return q, kg.Errorf(kg.CodeBadUserInput, "minSources must not be negative")
		}
		q.MinSources = *where.MinSources
	}
	if where.MinIndependentSources != nil {
		if *where.MinIndependentSources < 0 {
			return q, kg.Errorf(kg.CodeBadUserInput, "minIndependentSources must not be negative")
		}
		q.MinIndependent = *where.MinIndependentSources
	}
	return q, nil
}
