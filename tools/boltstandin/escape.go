package main

import (
	"strings"

	"github.com/orneryd/nornicdb/pkg/cypher"
	"github.com/orneryd/nornicdb/pkg/storage"
)

// NornicDB v1.2.2 splices parameter values into the query text before it
// parses some clauses (UNWIND … MATCH … MERGE among them) and then looks
// for keywords without fully respecting string literals, so a stored
// sentence such as "… issued a directive to remove Kaspersky products …"
// makes a valid parameterised statement fail with "REMOVE requires a MATCH
// clause first". Neo4j never does this: parameters are values.
//
// To keep the stand-in faithful for the client, every string parameter is
// encoded on the way in (any byte outside a small safe set becomes %XX, so
// no quote or bracket survives and no word stands alone to be taken for a
// keyword) and every string in the results is decoded on the way out. Equality, CONTAINS, STARTS WITH
// and ordering of mostly-alphanumeric keys are preserved because both
// sides of a comparison are encoded the same way. String functions that
// look inside values (toLower, split, size) would see the encoding, and
// a nil map of properties stays nil.

const hexDigits = "0123456789ABCDEF"

func safeByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '-' || c == '_' || c == ':' || c == '.' || c == '|' || c == '~'
}

func encodeString(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if safeByte(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}

func decodeString(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			hi, ok1 := unhex(s[i+1])
			lo, ok2 := unhex(s[i+2])
			if ok1 && ok2 {
				b.WriteByte(hi<<4 | lo)
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// encodeValue encodes every string inside a parameter value.
func encodeValue(v any) any {
	switch x := v.(type) {
	case string:
		return encodeString(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = encodeValue(e)
		}
		return out
	case []string:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = encodeString(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = encodeValue(e)
		}
		return out
	}
	return v
}

// decodeValue decodes every string inside a result value, copying nodes
// and relationships rather than touching the stored ones.
func decodeValue(v any) any {
	switch x := v.(type) {
	case string:
		return decodeString(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = decodeValue(e)
		}
		return out
	case []string:
		out := make([]string, len(x))
		for i, e := range x {
			out[i] = decodeString(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = decodeValue(e)
		}
		return out
	case *storage.Node:
		if x == nil {
			return x
		}
		return decodeNode(x)
	case storage.Node:
		return *decodeNode(&x)
	case *storage.Edge:
		if x == nil {
			return x
		}
		return decodeEdge(x)
	case storage.Edge:
		return *decodeEdge(&x)
	case *cypher.PathResult:
		if x == nil {
			return x
		}
		p := &cypher.PathResult{Length: x.Length}
		for _, n := range x.Nodes {
			p.Nodes = append(p.Nodes, decodeNode(n))
		}
		for _, e := range x.Relationships {
			p.Relationships = append(p.Relationships, decodeEdge(e))
		}
		return p
	}
	return v
}

func decodeNode(n *storage.Node) *storage.Node {
	c := *n
	c.Properties = decodeValue(n.Properties).(map[string]any)
	return &c
}

func decodeEdge(e *storage.Edge) *storage.Edge {
	c := *e
	c.Properties = decodeValue(e.Properties).(map[string]any)
	return &c
}
