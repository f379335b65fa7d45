package embedded

import (
	"github.com/newsgraph/newsgraph/kg"
)

// validate checks everything that could make apply fail halfway, so that
// an ingest is all or nothing. Edge endpoints must be in the extraction,
// be the document, or be stored already (nodes are never removed, so the
// answer cannot change before the extraction is applied).
func (s *state) validate(x *kg.Extraction) error {
	if x == nil {
		return kg.Errorf(kg.CodeBadUserInput, "no extraction to store")
	}
	d := &x.Document
	if d.ID == "" {
		return kg.Errorf(kg.CodeBadUserInput, "document has no ID")
	}
	local := make(map[string]bool, len(x.Nodes)+1)
	local[d.ID] = true
	for i := range x.Nodes {
		n := &x.Nodes[i]
		switch {
		case n.ID == "":
			return kg.Errorf(kg.CodeBadUserInput, "node %d has no ID", i)
		case !n.Kind.Valid():
			return kg.Errorf(kg.CodeBadUserInput, "node %q has unknown kind %q", n.ID, n.Kind)
		case n.ID == d.ID && n.Kind != kg.KindDocument:
			return kg.Errorf(kg.CodeBadUserInput, "node %q has the document's ID but kind %s", n.ID, n.Kind)
		}
		local[n.ID] = true
	}
	for i := range x.Edges {
		e := &x.Edges[i]
		switch {
		case e.ID == "":
			return kg.Errorf(kg.CodeBadUserInput, "edge %d has no ID", i)
		case !e.Type.Valid():
			return kg.Errorf(kg.CodeBadUserInput, "edge %q has unknown type %q", e.ID, e.Type)
		}
		for _, end := range []string{e.Source, e.Target} {
			if _, stored := s.nodeIdx[end]; !local[end] && !stored {
				return kg.Errorf(kg.CodeBadUserInput, "edge %q refers to unknown node %q", e.ID, end)
			}
		}
	}
	return nil
}
