package httpx

import (
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// maxNamedQuery bounds the documents parsed here just to name them; larger
// ones are left to the executor, which enforces the real token limit.
const maxNamedQuery = 64 << 10

// selected parses the document and returns the operation the request
// selects, or nil when it does not parse or selects nothing.
func (p params) selected() *ast.OperationDefinition {
	if p.Query == "" || len(p.Query) > maxNamedQuery {
		return nil
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: p.Query})
	if err != nil {
		return nil
	}
	if p.OperationName == "" {
		if len(doc.Operations) == 1 {
			return doc.Operations[0]
		}
		return nil
	}
	return doc.Operations.ForName(p.OperationName)
}

// operationType is "query", "mutation" or "subscription", or "" when the
// document does not parse (the executor then reports why).
func (p params) operationType() string {
	if op := p.selected(); op != nil {
		return string(op.Operation)
	}
	return ""
}

// name is the label of the request in logs and metrics: the operation
// name, else the root fields of an anonymous operation ("search+node").
func (p params) name() string {
	if p.OperationName != "" {
		return p.OperationName
	}
	op := p.selected()
	if op == nil {
		if p.persisted && p.Query == "" {
			return "persisted"
		}
		return ""
	}
	if op.Name != "" {
		return op.Name
	}
	var fields []string
	for _, s := range op.SelectionSet {
		if f, ok := s.(*ast.Field); ok && len(fields) < 3 {
			fields = append(fields, f.Name)
		}
	}
	prefix := ""
	if op.Operation != ast.Query {
		prefix = string(op.Operation) + ":"
	}
	return prefix + strings.Join(fields, "+")
}
