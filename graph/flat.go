package graph

import (
	"context"
	"io"
	"reflect"
	"strconv"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/newsgraph/newsgraph/graph/loaders"
	"github.com/newsgraph/newsgraph/graph/model"
	"github.com/newsgraph/newsgraph/graph/resolvers"
	"github.com/newsgraph/newsgraph/kg"
)

// Subgraphs, pages of relationships and nested walks are what
// visualisations and analysts ask for most, and they are wide: a hundred
// nodes and edges, or hundreds of relationships three levels deep, each
// with a handful of scalar fields. gqlgen resolves every one of those
// scalars through its general machinery (a field context, a middleware
// chain, a boxed result and a closure per value, a goroutine per list
// element, and one more per resolver field such as Relationship.other),
// which costs several times what the store spends answering.
//
// flat.after is the second half of a field middleware (the handler's):
// it sees what a field resolved to. For a field returning a Subgraph, a
// RelationshipConnection or a node whose selection it knows (flatTypes:
// scalar fields, pageInfo, the ends of relationships, and
// relationships(...) with arguments written in the document), it first
// reads everything the selection shows, with the same resolver code and
// the request's loaders (so still one batched store call per level), and
// then returns a graphql.Marshaler that writes the JSON in one go; gqlgen
// writes a Marshaler returned by a middleware as the field's value. The
// values come from the model methods the generated code calls, and the
// bytes are gqlgen's: the differential tests in flat_test.go compare both.
// Anything else (fragments, directives, variables in nested arguments,
// evidence, documents, typed fields, a response key used twice, an error
// or an end that is not stored) leaves the field to gqlgen, unchanged.
type flat struct{ r *resolvers.Resolver }

func (x flat) after(ctx context.Context, res any, err error) (any, error) {
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
	case model.Node:
		if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() || v.Stored() == nil {
			return res, nil // a nullable object field left empty
		}
		typ = "Node"
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
	f := &flatWriter{r: x.r, plan: plan, sink: splicesFrom(ctx), ends: map[string]*kg.Node{}, conns: map[connKey]*model.RelationshipConnection{}}
	ok := true
	switch v := res.(type) {
	case *model.Subgraph:
		f.sg = v
		for _, l := range plan {
			if l.name == "nodes" {
				for _, n := range v.Nodes {
					if ok = f.prepareNode(ctx, l.sub, n.Stored()); !ok {
						break
					}
				}
			}
		}
	case *model.RelationshipConnection:
		f.conn = v
		ok = f.prepareConn(ctx, plan, v)
	case model.Node:
		f.node = v
		ok = f.prepareNode(ctx, plan, v.Stored())
	}
	if !ok {
		return res, nil
	}
	return f, nil
}

// A leaf is one selected field under its response key; sub is the
// selection of an object-valued field.
type leaf struct {
	key  string
	name string
	sub  []leaf
	args *relArgs // the arguments of relationships
}

// flatTypes are the object types the writer knows, with the fields it can
// write: "" marks a scalar (or list of scalars), any other value the
// object type of the field.
var flatTypes = map[string]map[string]string{
	"Subgraph": {"__typename": "", "nodes": "Node", "edges": "Edge"},
	"Node": {"__typename": "", "id": "", "name": "", "kind": "", "label": "", "weight": "",
		"aliases": "", "mentionCount": "", "documentCount": "", "firstSeen": "", "lastSeen": "",
		"relationships": "RelationshipConnection"},
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
		if !ok || len(f.Directives) > 0 || (len(f.Arguments) > 0 && !literalArgs(typ, f)) {
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
		if typ == "Node" && f.Name == "relationships" && f.Definition != nil {
			if l.args, ok = readRelArgs(f); !ok {
				return nil
			}
		}
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

// literalArgs reports whether f is Node.relationships with arguments
// written in the document: values from variables are left to gqlgen,
// which coerces them.
func literalArgs(typ string, f *ast.Field) bool {
	if typ != "Node" || f.Name != "relationships" {
		return false
	}
	for _, a := range f.Arguments {
		if a.Value == nil || a.Value.Kind == ast.Variable {
			return false
		}
		for _, c := range a.Value.Children {
			if c.Value == nil || c.Value.Kind == ast.Variable {
				return false
			}
		}
	}
	return true
}

// flatWriter writes a resolved Subgraph, RelationshipConnection or Node by
// its plan. Everything it writes is read before (prepare*), so that
// MarshalGQL cannot fail and any error leaves the field to gqlgen.
type flatWriter struct {
	r    *resolvers.Resolver
	plan []leaf
	sg   *model.Subgraph
	conn *model.RelationshipConnection
	node model.Node
	sink *splices // where the bytes go under the POST transport (splice.go)

	ends  map[string]*kg.Node // the relationship ends shown, by ID
	conns map[connKey]*model.RelationshipConnection
}

// connKey names the page a relationships field (by its plan leaf) shows
// for one node.
type connKey struct {
	l  *leaf
	id string
}

// prepareNode reads the relationship pages plan shows for n.
func (f *flatWriter) prepareNode(ctx context.Context, plan []leaf, n *kg.Node) bool {
	for i := range plan {
		l := &plan[i]
		if l.name != "relationships" {
			continue
		}
		k := connKey{l, n.ID}
		if _, done := f.conns[k]; done {
			continue
		}
		c, ok := f.page(ctx, l, n.ID)
		if !ok {
			return false
		}
		f.conns[k] = c
		if !f.prepareConn(ctx, l.sub, c) {
			return false
		}
	}
	return true
}

// page answers relationships(...) for node id as the resolvers do, with
// the arguments l's field was compiled with (none when the field had no
// definition to read them by: then gqlgen answers).
func (f *flatWriter) page(ctx context.Context, l *leaf, id string) (c *model.RelationshipConnection, ok bool) {
	if f.r == nil || l.args == nil {
		return nil, false
	}
	a := l.args
	c, err := f.r.RelationshipPage(ctx, id, a.dir, a.types, a.minSources, a.from, a.to, a.first, a.after)
	return c, err == nil && c != nil
}

// relArgs are the arguments of a relationships field as the resolvers
// take them. They are written in the document (see literalArgs), so one
// reading serves every node the field is asked of: a nested walk asks it
// of dozens.
type relArgs struct {
	dir        *kg.Direction
	types      []kg.RelType
	minSources *int
	from, to   *string
	first      *int
	after      *string
}

// readRelArgs reads the arguments of fd, a validated field; false when
// it cannot, and gqlgen must.
func readRelArgs(fd *ast.Field) (a *relArgs, ok bool) {
	defer func() {
		// ArgumentMap panics on a value it cannot convert; validation
		// makes that unreachable, and gqlgen would report it anyway.
		if recover() != nil {
			a, ok = nil, false
		}
	}()
	a = &relArgs{}
	argsOK := true
	optInt := func(v any) *int { n, ok := v.(int64); argsOK = argsOK && (ok || v == nil); i := int(n); return &i }
	optString := func(v any) *string { s, ok := v.(string); argsOK = argsOK && (ok || v == nil); return &s }
	for name, v := range fd.ArgumentMap(nil) {
		switch name {
		case "direction":
			if v != nil {
				d := kg.Direction(*optString(v))
				a.dir = &d
			}
		case "types":
			list, isList := v.([]any)
			if !isList && v != nil {
				list = []any{v} // a single value stands for a list of one
			}
			for _, t := range list {
				a.types = append(a.types, kg.RelType(*optString(t)))
			}
			if v != nil && a.types == nil {
				a.types = []kg.RelType{}
			}
		case "minSources":
			if v != nil {
				a.minSources = optInt(v)
			}
		case "first":
			if v != nil {
				a.first = optInt(v)
			}
		case "from":
			if v != nil {
				a.from = optString(v)
			}
		case "to":
			if v != nil {
				a.to = optString(v)
			}
		case "after":
			if v != nil {
				a.after = optString(v)
			}
		default:
			return nil, false
		}
	}
	if !argsOK {
		return nil, false
	}
	return a, true
}

// relationshipPlans are the plans of the relationships a page shows.
func relationshipPlans(plan []leaf) [][]leaf {
	var out [][]leaf
	for _, l := range plan {
		switch l.name {
		case "nodes":
			out = append(out, l.sub)
		case "edges":
			for _, el := range l.sub {
				if el.name == "node" {
					out = append(out, el.sub)
				}
			}
		}
	}
	return out
}

// endOf is the ID of the end of r that field name shows.
func endOf(r *model.Relationship, name string) string {
	switch name {
	case "source":
		return r.E.Source
	case "target":
		return r.E.Target
	}
	return r.OtherID()
}

// prepareConn reads the ends the page shows through the request's
// loaders, so the page costs one batched read per level as the
// Relationship resolvers would, then what the ends show in turn. It is
// false when an end is not stored (gqlgen then reports it).
func (f *flatWriter) prepareConn(ctx context.Context, plan []leaf, c *model.RelationshipConnection) bool {
	rels := relationshipPlans(plan)
	var ids []string
	for _, rp := range rels {
		for _, l := range rp {
			if l.sub == nil {
				continue
			}
			for _, r := range c.Nodes {
				if id := endOf(r, l.name); f.ends[id] == nil {
					ids = append(ids, id)
				}
			}
		}
	}
	if len(ids) > 0 {
		l := loaders.From(ctx)
		if l == nil {
			return false
		}
		raw, err := l.RawNodes(ctx, ids)
		if err != nil {
			return false
		}
		for i, n := range raw {
			if n == nil {
				return false
			}
			f.ends[ids[i]] = n
		}
	}
	for _, rp := range rels {
		for _, l := range rp {
			if l.sub == nil {
				continue
			}
			for _, r := range c.Nodes {
				if !f.prepareNode(ctx, l.sub, f.ends[endOf(r, l.name)]) {
					return false
				}
			}
		}
	}
	return true
}

// bufPool recycles the writer's buffers: a subgraph or a nested page is
// tens of kilobytes, and growing a fresh buffer for each response was a
// tenth of the bytes a request allocated.
var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}

// MarshalGQL writes the value as gqlgen would, in one Write (io.Writer
// implementations must not keep the slice, so the buffer is reused), or
// under the POST transport sets the bytes aside and writes their
// placeholder.
func (f *flatWriter) MarshalGQL(w io.Writer) {
	bp := bufPool.Get().(*[]byte)
	b := (*bp)[:0]
	switch {
	case f.sg != nil:
		b = f.appendSubgraph(b, f.plan)
	case f.conn != nil:
		b = f.appendConnection(b, f.plan, f.conn)
	default:
		b = f.appendNode(b, f.plan, f.node.Stored(), typeName(f.node))
	}
	*bp = b
	if f.sink != nil {
		f.sink.add(bp)
		_, _ = w.Write([]byte{spliceMark})
		return
	}
	_, _ = w.Write(b)
	putBuf(bp)
}

// putBuf returns a buffer to bufPool unless it grew too large to keep.
func putBuf(bp *[]byte) {
	if cap(*bp) <= 1<<20 {
		*bp = (*bp)[:0]
		bufPool.Put(bp)
	}
}

// open writes the separator and key of the i-th field of an object. A
// key is a response name from a parsed document, a GraphQL name
// ([_A-Za-z][_0-9A-Za-z]*), which JSON never escapes; a neighbourhood
// answer has some 760 keys (4 for each of 100 nodes, 5 for each of about
// 72 edges), and quoting them byte by byte was a fifth of its quoting in
// a profile.
func open(b []byte, i int, key string) []byte {
	if i > 0 {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, key...)
	return append(b, '"', ':')
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
				b = f.appendNode(b, l.sub, n.Stored(), typeName(n))
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

func (f *flatWriter) appendConnection(b []byte, plan []leaf, c *model.RelationshipConnection) []byte {
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
			n := f.ends[endOf(r, l.name)]
			b = f.appendNode(b, l.sub, n, kindTypeName(n.Kind))
		}
	}
	return append(b, '}')
}

func (f *flatWriter) appendNode(b []byte, plan []leaf, n *kg.Node, typ string) []byte {
	base := model.Base{N: n}
	b = append(b, '{')
	for i := range plan {
		l := &plan[i]
		b = open(b, i, l.key)
		switch l.name {
		case "relationships":
			b = f.appendConnection(b, l.sub, f.conns[connKey{l, n.ID}])
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
// Runs without such bytes, nearly all of every answer, are found eight
// bytes at a time and copied whole; quoting was a twelfth of a
// neighbourhood request's CPU with a test per byte.
func appendQuoted(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) && plain8(s[i:i+8]) {
			i += 8
			continue
		}
		c := s[i]
		if c >= 0x20 && c != '\\' && c != '"' {
			i++
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
		i++
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// plain8 reports whether none of the 8 bytes of s needs escaping: none is
// below 0x20, a double quote or a backslash. Each test is the exact
// "has a zero byte" formula, on x less 0x20 per byte and on x xor the
// character; bytes of 0x80 and above (UTF-8) never match.
func plain8(s string) bool {
	x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	control := (x - 0x20*ones) &^ x
	q := x ^ '"'*ones
	quote := (q - ones) &^ q
	bs := x ^ '\\'*ones
	backslash := (bs - ones) &^ bs
	return (control|quote|backslash)&highs == 0
}
