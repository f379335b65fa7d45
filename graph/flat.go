package graph

import (
	"context"
	"io"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/newsgraph/newsgraph/graph/loaders"
	"github.com/newsgraph/newsgraph/graph/model"
	"github.com/newsgraph/newsgraph/kg"
)

// Subgraphs and pages of relationships are what visualisations and deep
// queries ask for most, and they are wide and shallow: a hundred nodes and
// edges, or the last level of a nested query, each with a handful of
// scalar fields. gqlgen resolves every one of those scalars through its
// general machinery (a field context, a middleware chain, a boxed result
// and a closure per value, a goroutine per list element, and one more per
// resolver field such as Relationship.other), which costs several times
// what the store spends answering.
//
// flatResults is a field middleware that, for a field returning a Subgraph
// or a RelationshipConnection whose selection is one it knows (scalar
// fields, and the scalar fields of the nodes at a relationship's ends),
// returns a graphql.Marshaler writing the answer straight from the
// resolved objects; gqlgen writes a Marshaler returned by a middleware as
// the field's value. The values come from the same model methods the
// generated code calls, the ends of relationships are read through the
// request's loaders (one batched read per level, as before), and the bytes
// are gqlgen's: the differential test in flat_test.go compares both for
// many selections. Anything else (fragments, directives, arguments below
// the field, evidence, documents, deeper relationships, a response key used
// twice, an end that is not stored) takes gqlgen's path unchanged.
func flatResults(ctx context.Context, next graphql.Resolver) (any, error) {
	res, err := next(ctx)
	if err != nil || res == nil {
		return res, err
	}
	var typ string
	switch v := res.(type) {
	case *model.Subgraph:
		if v == nil {
			return res, nil
		}
		typ = "Subgraph"
	case *model.RelationshipConnection:
		if v == nil {
			return res, nil
		}
		typ = "RelationshipConnection"
	default:
		return res, nil
	}
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return res, nil
	}
	plan := compile(fc.Field.Selections, typ)
	if plan == nil {
		return res, nil
	}
	f := &flatWriter{plan: plan}
	if c, ok := res.(*model.RelationshipConnection); ok {
		f.conn = c
		if !f.loadEnds(ctx) {
			return res, nil
		}
	} else {
		f.sg = res.(*model.Subgraph)
	}
	return f, nil
}

// A leaf is one selected field under its response key; sub is the
// selection of an object-valued field.
type leaf struct {
	key  string
	name string
	sub  []leaf
}

// flatTypes are the object types the writer knows, with the fields it can
// write: "" marks a scalar (or list of scalars), any other value the
// object type of the field.
var flatTypes = map[string]map[string]string{
	"Subgraph": {"__typename": "", "nodes": "Node", "edges": "Edge"},
	"Node": {"__typename": "", "id": "", "name": "", "kind": "", "label": "", "weight": "",
		"aliases": "", "mentionCount": "", "documentCount": "", "firstSeen": "", "lastSeen": ""},
	"Edge": {"__typename": "", "id": "", "type": "", "source": "", "target": "", "label": "",
		"weight": "", "sourceCount": "", "independentSourceCount": "", "role": ""},
	"RelationshipConnection": {"__typename": "", "totalCount": "", "edges": "RelationshipEdge",
		"nodes": "Relationship", "pageInfo": "PageInfo"},
	"RelationshipEdge": {"__typename": "", "cursor": "", "node": "Relationship"},
	"PageInfo":         {"__typename": "", "hasNextPage": "", "endCursor": ""},
	"Relationship": {"__typename": "", "id": "", "type": "", "direction": "", "role": "", "modality": "",
		"statement": "", "derivation": "", "sourceCount": "", "independentSourceCount": "",
		"firstSeen": "", "lastSeen": "", "other": "Node", "source": "Node", "target": "Node"},
}

// compile returns how to write sel on an object of type typ, or nil when
// gqlgen must.
func compile(sel ast.SelectionSet, typ string) []leaf {
	known := flatTypes[typ]
	if len(sel) == 0 || known == nil {
		return nil
	}
	out := make([]leaf, 0, len(sel))
	for _, s := range sel {
		f, ok := s.(*ast.Field)
		if !ok || len(f.Arguments) > 0 || len(f.Directives) > 0 {
			return nil
		}
		for _, l := range out {
			if l.key == f.Alias {
				return nil // gqlgen merges repeated keys; leave that to it
			}
		}
		child, ok := known[f.Name]
		if !ok {
			return nil
		}
		l := leaf{key: f.Alias, name: f.Name}
		switch {
		case child == "" && len(f.SelectionSet) > 0:
			return nil
		case child != "":
			if l.sub = compile(f.SelectionSet, child); l.sub == nil {
				return nil
			}
		}
		out = append(out, l)
	}
	return out
}

// flatWriter writes a resolved Subgraph or RelationshipConnection by its
// plan.
type flatWriter struct {
	plan []leaf
	sg   *model.Subgraph
	conn *model.RelationshipConnection
	ends map[string]*kg.Node // the relationship ends the plan shows
}

// wantsEnds reports which ends of a relationship the plan shows.
func wantsEnds(plan []leaf) (other, source, target bool) {
	for _, l := range plan {
		switch l.name {
		case "other":
			other = true
		case "source":
			source = true
		case "target":
			target = true
		}
		if l.sub != nil {
			o, s, t := wantsEnds(l.sub)
			other, source, target = other || o, source || s, target || t
		}
	}
	return
}

// loadEnds reads the ends the plan shows through the request's loaders,
// so the page costs one batched read per level, as the Relationship
// resolvers would; false when one is not stored (gqlgen then reports it).
func (f *flatWriter) loadEnds(ctx context.Context) bool {
	other, source, target := wantsEnds(f.plan)
	if !other && !source && !target {
		return true
	}
	l := loaders.From(ctx)
	if l == nil {
		return false
	}
	ids := make([]string, 0, len(f.conn.Nodes))
	for _, r := range f.conn.Nodes {
		if other {
			ids = append(ids, r.OtherID())
		}
		if source {
			ids = append(ids, r.E.Source)
		}
		if target {
			ids = append(ids, r.E.Target)
		}
	}
	if len(ids) == 0 {
		return true
	}
	raw, err := l.RawNodes(ctx, ids)
	if err != nil {
		return false
	}
	f.ends = make(map[string]*kg.Node, len(ids))
	for i, n := range raw {
		if n == nil {
			return false
		}
		f.ends[ids[i]] = n
	}
	return true
}

// MarshalGQL writes the value as gqlgen would, in one Write.
func (f *flatWriter) MarshalGQL(w io.Writer) {
	var b []byte
	if f.sg != nil {
		b = make([]byte, 0, 64+128*(len(f.sg.Nodes)+len(f.sg.Edges)))
		b = f.appendSubgraph(b, f.plan)
	} else {
		b = make([]byte, 0, 128+256*len(f.conn.Nodes))
		b = f.appendConnection(b, f.plan)
	}
	_, _ = w.Write(b)
}

// open writes the separator and key of the i-th field of an object.
func open(b []byte, i int, key string) []byte {
	if i > 0 {
		b = append(b, ',')
	}
	b = appendQuoted(b, key)
	return append(b, ':')
}

func (f *flatWriter) appendSubgraph(b []byte, plan []leaf) []byte {
	b = append(b, '{')
	for i, l := range plan {
		b = open(b, i, l.key)
		switch l.name {
		case "__typename":
			b = appendQuoted(b, "Subgraph")
		case "nodes":
			b = append(b, '[')
			for j, n := range f.sg.Nodes {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendNode(b, l.sub, n.Stored(), typeName(n))
			}
			b = append(b, ']')
		case "edges":
			b = append(b, '[')
			for j, e := range f.sg.Edges {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendEdge(b, l.sub, e)
			}
			b = append(b, ']')
		}
	}
	return append(b, '}')
}

func (f *flatWriter) appendConnection(b []byte, plan []leaf) []byte {
	c := f.conn
	b = append(b, '{')
	for i, l := range plan {
		b = open(b, i, l.key)
		switch l.name {
		case "__typename":
			b = appendQuoted(b, "RelationshipConnection")
		case "totalCount":
			b = strconv.AppendInt(b, int64(c.TotalCount), 10)
		case "pageInfo":
			b = appendPageInfo(b, l.sub, c.PageInfo)
		case "nodes":
			b = append(b, '[')
			for j, r := range c.Nodes {
				if j > 0 {
					b = append(b, ',')
				}
				b = f.appendRelationship(b, l.sub, r)
			}
			b = append(b, ']')
		case "edges":
			b = append(b, '[')
			for j, e := range c.Edges {
				if j > 0 {
					b = append(b, ',')
				}
				b = append(b, '{')
				for k, el := range l.sub {
					b = open(b, k, el.key)
					switch el.name {
					case "__typename":
						b = appendQuoted(b, "RelationshipEdge")
					case "cursor":
						b = appendQuoted(b, e.Cursor)
					case "node":
						b = f.appendRelationship(b, el.sub, e.Node)
					}
				}
				b = append(b, '}')
			}
			b = append(b, ']')
		}
	}
	return append(b, '}')
}

func appendPageInfo(b []byte, plan []leaf, p *model.PageInfo) []byte {
	b = append(b, '{')
	for i, l := range plan {
		b = open(b, i, l.key)
		switch l.name {
		case "__typename":
			b = appendQuoted(b, "PageInfo")
		case "hasNextPage":
			b = strconv.AppendBool(b, p.HasNextPage)
		case "endCursor":
			if p.EndCursor == nil {
				b = append(b, "null"...)
			} else {
				b = appendQuoted(b, *p.EndCursor)
			}
		}
	}
	return append(b, '}')
}

func (f *flatWriter) appendRelationship(b []byte, plan []leaf, r *model.Relationship) []byte {
	b = append(b, '{')
	for i, l := range plan {
		b = open(b, i, l.key)
		switch l.name {
		case "__typename":
			b = appendQuoted(b, "Relationship")
		case "id":
			b = appendQuoted(b, r.ID())
		case "type":
			b = appendQuoted(b, relTypeName(r.Type()))
		case "direction":
			b = appendQuoted(b, directionName(r.Direction()))
		case "role":
			b = appendOpt(b, r.Role())
		case "modality":
			b = appendQuoted(b, r.Modality())
		case "statement":
			b = appendOpt(b, r.Statement())
		case "derivation":
			b = appendOpt(b, r.Derivation())
		case "sourceCount":
			b = strconv.AppendInt(b, int64(r.SourceCount()), 10)
		case "independentSourceCount":
			b = strconv.AppendInt(b, int64(r.IndependentSourceCount()), 10)
		case "firstSeen":
			b = appendOpt(b, r.FirstSeen())
		case "lastSeen":
			b = appendOpt(b, r.LastSeen())
		case "other", "source", "target":
			id := r.OtherID()
			if l.name == "source" {
				id = r.E.Source
			} else if l.name == "target" {
				id = r.E.Target
			}
			n := f.ends[id]
			b = appendNode(b, l.sub, n, kindTypeName(n.Kind))
		}
	}
	return append(b, '}')
}

func appendNode(b []byte, plan []leaf, n *kg.Node, typ string) []byte {
	base := model.Base{N: n}
	b = append(b, '{')
	for i, l := range plan {
		b = open(b, i, l.key)
		switch l.name {
		case "__typename":
			b = appendQuoted(b, typ)
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
			b = appendOpt(b, base.FirstSeen())
		case "lastSeen":
			b = appendOpt(b, base.LastSeen())
		}
	}
	return append(b, '}')
}

func appendEdge(b []byte, plan []leaf, e *model.Edge) []byte {
	b = append(b, '{')
	for i, l := range plan {
		b = open(b, i, l.key)
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
			b = appendOpt(b, e.Role())
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

// kindTypeName is the object type present.Node gives a stored node of
// kind k: its kind's type, and Entity for kinds this server does not know.
func kindTypeName(k kg.Kind) string {
	switch k {
	case kg.KindAgency:
		return "Agency"
	case kg.KindCompany:
		return "Company"
	case kg.KindPerson:
		return "Person"
	case kg.KindLocation:
		return "Location"
	case kg.KindOrder:
		return "Order"
	case kg.KindDate:
		return "Date"
	case kg.KindDocument:
		return "Document"
	default:
		return "Entity"
	}
}

// kindName, relTypeName and directionName are the GraphQL enum values of
// the kg constants, which are the constants' own strings (gqlgen.yml binds
// them so); gqlgen writes "" for a value it does not know.
func kindName(k kg.Kind) string {
	for _, known := range kg.Kinds {
		if k == known {
			return string(k)
		}
	}
	return ""
}

func relTypeName(t kg.RelType) string {
	for _, known := range kg.RelTypes {
		if t == known {
			return string(t)
		}
	}
	return ""
}

func directionName(d kg.Direction) string {
	switch d {
	case kg.DirectionOut, kg.DirectionIn, kg.DirectionBoth:
		return string(d)
	}
	return ""
}

// appendOpt writes an optional string: nil is null.
func appendOpt(b []byte, s *string) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	return appendQuoted(b, *s)
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
