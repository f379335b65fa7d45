package graph

import (
	"strings"
	"testing"
)

func TestScanCountsWrittenFields(t *testing.T) {
	for _, c := range []struct {
		doc            string
		tokens, fields int
	}{
		{`{ __typename }`, 3, 1},
		{`query Q($id: ID! = "x") @live { a: node(id: $id) { id ... on Company { name } ...F } }`, 35, 3},
		{`fragment F on Node { id label } { search(query: "{ x y }", where: {kinds: [COMPANY]}) { node { ...F } } }`, 32, 4},
		{`# comment { a b c }
		{ n: node(id: "x") @include(if: true) { id } }`, 20, 2},
	} {
		tokens, fields := scan(c.doc, 1000, 1000)
		if tokens != c.tokens || fields != c.fields {
			t.Errorf("%s: %d tokens, %d fields; want %d, %d", c.doc, tokens, fields, c.tokens, c.fields)
		}
	}
	// Counting stops just past the limit, however long the document.
	doc := "{" + strings.Repeat(" __typename", 100000) + " }"
	if _, fields := scan(doc, 1<<20, 2000); fields != 2001 {
		t.Errorf("stopped at %d fields, want 2001", fields)
	}
}
