package graph

import (
	"context"
	"io"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/newsgraph/newsgraph/graph/model"
	"github.com/newsgraph/newsgraph/kg"
)

// Subgraphs are what visualisations ask for, and they are wide and flat:
// a hundred nodes and a hundred edges, each with a handful of scalar
// fields. gqlgen resolves every one of those scalars through its general
// machinery (a field context, a middleware chain, a boxed result and a
// closure per value, and a goroutine per list element), which costs
// several times what the store spends finding the subgraph.
//
// flatSubgraphs is a field middleware that, for a field returning a
// Subgraph whose selection asks only for scalar fields of its nodes and
// edges, returns a graphql.Marshaler writing those fields straight from
// the resolved objects; gqlgen writes a Marshaler returned by a middleware
// as the field's value. The values come from the same model methods the
// generated code calls, and the bytes are gqlgen's (the differential test
// in flat_test.go compares both for many selections). Any other selection
// (fragments, directives, arguments, nested objects such as evidence or
// relationships, a response key used twice) takes gqlgen's path
// unchanged.
func flatSubgraphs(ctx context.Context, next graphql.Resolver) (any, error) {
	res, err := next(ctx)
	sg, ok := res.(*model.Subgraph)
	if err != nil || !ok || sg == nil {
		return res, err
	}
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return res, nil
	}
	p := compileSubgraph(fc.Field.Selections)
	if p == nil {
		return res, nil
	}
	return &flatSubgraph{plan: p, sg: sg}, nil
}

// A leaf is one scalar field of a node or an edge, under its response key.
type leaf struct {
	key  string
	name string
}

type subgraphPart struct {
	key    string
	name   string // "nodes", "edges" or "__typename"
	leaves []leaf
}

type subgraphPlan []subgraphPart

// nodeLeaves and edgeLeaves are the fields flatSubgraph knows how to
// write; anything else falls back to gqlgen.
var (
	nodeLeaves = map[string]bool{"__typename": true, "id": true, "name": true, "kind": true, "label": true, "weight": true,
		"aliases": true, "mentionCount": true, "documentCount": true, "firstSeen": true, "lastSeen": true}
	edgeLeaves = map[string]bool{"__typename": true, "id": true, "type": true, "source": true, "target": true, "label": true,
		"weight": true, "sourceCount": true, "independentSourceCount": true, "role": true}
)

// plainField is f when it is a field without arguments or directives
// whose response key is not in used.
func plainField(s ast.Selection, used []string) *ast.Field {
	f, ok := s.(*ast.Field)
	if !ok || len(f.Arguments) > 0 || len(f.Directives) > 0 {
		return nil
	}
	for _, k := range used {
		if k == f.Alias {
			return nil
		}
	}
	return f
}

func compileLeaves(sel ast.SelectionSet, known map[string]bool) []leaf {
	if len(sel) == 0 {
		return nil
	}
	out := make([]leaf, 0, len(sel))
	used := make([]string, 0, len(sel))
	for _, s := range sel {
		f := plainField(s, used)
		if f == nil || len(f.SelectionSet) > 0 || !known[f.Name] {
			return nil
		}
		used = append(used, f.Alias)
		out = append(out, leaf{key: f.Alias, name: f.Name})
	}
	return out
}

// compileSubgraph returns how to write sel, or nil when gqlgen must.
func compileSubgraph(sel ast.SelectionSet) subgraphPlan {
	if len(sel) == 0 {
		return nil
	}
	p := make(subgraphPlan, 0, len(sel))
	used := make([]string, 0, len(sel))
	for _, s := range sel {
		f := plainField(s, used)
		if f == nil {
			return nil
		}
		part := subgraphPart{key: f.Alias, name: f.Name}
		switch f.Name {
		case "__typename":
		case "nodes":
			if part.leaves = compileLeaves(f.SelectionSet, nodeLeaves); part.leaves == nil {
				return nil
			}
		case "edges":
			if part.leaves = compileLeaves(f.SelectionSet, edgeLeaves); part.leaves == nil {
				return nil
			}
		default:
			return nil
		}
		used = append(used, f.Alias)
		p = append(p, part)
	}
	return p
}

// flatSubgraph writes a resolved Subgraph by its plan.
type flatSubgraph struct {
	plan subgraphPlan
	sg   *model.Subgraph
}

// MarshalGQL writes the subgraph as gqlgen would, in one Write.
func (f *flatSubgraph) MarshalGQL(w io.Writer) {
	b := make([]byte, 0, 64+96*(len(f.sg.Nodes)+len(f.sg.Edges)))
	b = append(b, '{')
	for i, part := range f.plan {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendQuoted(b, part.key)
		b = append(b, ':')
		switch part.name {
		case "__typename":
			b = appendQuoted(b, "Subgraph")
		case "nodes":
			b = append(b, '[')
			for j, n := range f.sg.Nodes {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendNode(b, part.leaves, n)
			}
			b = append(b, ']')
		case "edges":
			b = append(b, '[')
			for j, e := range f.sg.Edges {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendEdge(b, part.leaves, e)
			}
			b = append(b, ']')
		}
	}
	b = append(b, '}')
	_, _ = w.Write(b)
}

func appendNode(b []byte, leaves []leaf, n model.Node) []byte {
	base := model.Base{N: n.Stored()}
	b = append(b, '{')
	for i, l := range leaves {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendQuoted(b, l.key)
		b = append(b, ':')
		switch l.name {
		case "__typename":
			b = appendQuoted(b, typeName(n))
		case "id":
			b = appendQuoted(b, base.ID())
		case "name":
			b = appendQuoted(b, base.Name())
		case "kind":
			b = appendQuoted(b, kindName(base.Kind()))
		case "label":
			b = appendQuoted(b, base.Label())
		case "weight":
			b = strconv.AppendInt(b, int64(base.Weight()), 10)
		case "aliases":
			b = append(b, '[')
			for j, a := range base.Aliases() {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendQuoted(b, a)
			}
			b = append(b, ']')
		case "mentionCount":
			b = strconv.AppendInt(b, int64(base.MentionCount()), 10)
		case "documentCount":
			b = strconv.AppendInt(b, int64(base.DocumentCount()), 10)
		case "firstSeen":
			b = appendOpt(b, base.N.FirstSeen)
		case "lastSeen":
			b = appendOpt(b, base.N.LastSeen)
		}
	}
	return append(b, '}')
}

func appendEdge(b []byte, leaves []leaf, e *model.Edge) []byte {
	b = append(b, '{')
	for i, l := range leaves {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendQuoted(b, l.key)
		b = append(b, ':')
		switch l.name {
		case "__typename":
			b = appendQuoted(b, "Edge")
		case "id":
			b = appendQuoted(b, e.ID())
		case "type":
			b = appendQuoted(b, e.Type())
		case "source":
			b = appendQuoted(b, e.Source())
		case "target":
			b = appendQuoted(b, e.Target())
		case "label":
			b = appendQuoted(b, e.Label())
		case "weight":
			b = strconv.AppendInt(b, int64(e.Weight()), 10)
		case "sourceCount":
			b = strconv.AppendInt(b, int64(e.SourceCount()), 10)
		case "independentSourceCount":
			b = strconv.AppendInt(b, int64(e.IndependentSourceCount()), 10)
		case "role":
			b = appendOpt(b, e.E.Attrs[kg.AttrRole])
		}
	}
	return append(b, '}')
}

// typeName is the GraphQL object type of n.
func typeName(n model.Node) string {
	switch n.(type) {
	case *model.Agency, model.Agency:
		return "Agency"
	case *model.Company, model.Company:
		return "Company"
	case *model.Person, model.Person:
		return "Person"
	case *model.Location, model.Location:
		return "Location"
	case *model.Order, model.Order:
		return "Order"
	case *model.Date, model.Date:
		return "Date"
	case *model.Document, model.Document:
		return "Document"
	default:
		return "Entity"
	}
}

// kindName is the GraphQL enum value of k. The enum values are the kg
// constants' own strings; gqlgen writes "" for a kind it does not know.
func kindName(k kg.Kind) string {
	for _, known := range kg.Kinds {
		if k == known {
			return string(k)
		}
	}
	return ""
}

// appendOpt writes model.Opt's convention: "" is null.
func appendOpt(b []byte, s string) []byte {
	if s == "" {
		return append(b, "null"...)
	}
	return appendQuoted(b, s)
}

// appendQuoted quotes s exactly as gqlgen's MarshalString does: only
// control characters, backslash and double quote are escaped (the HTTP
// transport's JSON encoder then escapes HTML characters for both paths).
func appendQuoted(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '\\' && c != '"' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '\t':
			b = append(b, `\t`...)
		case '\r':
			b = append(b, `\r`...)
		case '\n':
			b = append(b, `\n`...)
		case '\\':
			b = append(b, `\\`...)
		case '"':
			b = append(b, `\"`...)
		default:
			b = append(b, `\u00`...)
			b = append(b, hex[c>>4], hex[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
