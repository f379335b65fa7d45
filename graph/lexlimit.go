package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/lexer"
)

// lexLimit refuses documents with too many tokens or fields in one linear
// pass of the lexer, before gqlgen parses and validates them. Validation
// compares the fields of a selection set pairwise (overlapping fields must
// merge), so its cost grows with the square of the fields: a 20 KB
// document of 10,000 __typename took seconds of CPU before shapeLimit,
// which runs after validation, could refuse it. Every field of a valid
// document is written at least once, so a document that writes more
// fields than the limit would also fail shapeLimit's count with fragments
// expanded: refusing it here changes no answer, only its cost.
type lexLimit struct {
	maxTokens, maxFields int
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = lexLimit{}

// ExtensionName implements graphql.HandlerExtension.
func (lexLimit) ExtensionName() string { return "LexicalLimit" }

// Validate implements graphql.HandlerExtension.
func (lexLimit) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters implements graphql.OperationParameterMutator.
// It runs after the persisted-query extension has filled in the query.
func (l lexLimit) MutateOperationParameters(_ context.Context, raw *graphql.RawParams) *gqlerror.Error {
	tokens, fields := scan(raw.Query, l.maxTokens, l.maxFields)
	switch {
	case tokens > l.maxTokens:
		// The parser's own token limit answers the same way.
		return limitErr("GRAPHQL_PARSE_FAILED", "document has more than %d tokens, which exceeds the limit", l.maxTokens)
	case fields > l.maxFields:
		return limitErr(CodeFieldLimit, "operation selects more than %d fields, which exceeds the limit", l.maxFields)
	}
	return nil
}

// scan counts the tokens of a document and the fields it writes out (a
// name inside a selection set that is not an argument, an alias's target,
// a directive, a fragment name or a type condition). It stops as soon as
// either count passes its limit, or at a lexical error, which the parser
// then reports.
func scan(doc string, maxTokens, maxFields int) (tokens, fields int) {
	lx := lexer.New(&ast.Source{Input: doc})
	var braces, parens int
	var prev lexer.Type
	afterSpread, skipName := false, false
	for tokens <= maxTokens && fields <= maxFields {
		tok, err := lx.ReadToken()
		if err != nil || tok.Kind == lexer.EOF {
			return tokens, fields
		}
		if tok.Kind == lexer.Comment {
			continue
		}
		tokens++
		switch tok.Kind {
		case lexer.BraceL:
			braces++
		case lexer.BraceR:
			braces--
		case lexer.ParenL:
			parens++
		case lexer.ParenR:
			parens--
		case lexer.Spread:
			afterSpread = true
		case lexer.Name:
			switch {
			case afterSpread:
				// "...Fragment" or "... on Type": neither is a field.
				afterSpread = false
				skipName = tok.Value == "on"
			case skipName:
				skipName = false
			case prev == lexer.At || prev == lexer.Colon:
				// A directive, or the field an alias names (the alias
				// itself was counted).
			case braces > 0 && parens == 0:
				fields++
			}
		}
		if tok.Kind != lexer.Spread && tok.Kind != lexer.Name {
			afterSpread, skipName = false, false
		}
		prev = tok.Kind
	}
	return tokens, fields
}
