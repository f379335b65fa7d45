package present

import (
	"github.com/newsgraph/newsgraph/graph/analysis"
	"github.com/newsgraph/newsgraph/graph/model"
	"github.com/newsgraph/newsgraph/kg"
)

// ConflictRefs lists the node and document IDs that presenting cs needs,
// so they can be read in one batch each.
func ConflictRefs(cs []analysis.Conflict) (nodeIDs, docIDs []string) {
	seenN, seenD := map[string]bool{}, map[string]bool{}
	add := func(seen map[string]bool, list *[]string, id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			*list = append(*list, id)
		}
	}
	for _, c := range cs {
		add(seenN, &nodeIDs, c.SubjectID)
		for _, s := range c.Sides {
			add(seenN, &nodeIDs, s.NodeID)
			for _, d := range s.Documents {
				add(seenD, &docIDs, d)
			}
		}
	}
	return nodeIDs, docIDs
}

// Conflicts presents conflicts given the nodes and documents they refer
// to; a conflict whose subject has vanished is left out.
func Conflicts(cs []analysis.Conflict, nodes []model.Node, docs []*model.Document) []*model.Conflict {
	byID := map[string]model.Node{}
	for _, n := range nodes {
		byID[n.Stored().ID] = n
	}
	docByID := map[string]*model.Document{}
	for _, d := range docs {
		docByID[d.Doc.ID] = d
	}
	out := make([]*model.Conflict, 0, len(cs))
	for _, c := range cs {
		subj := byID[c.SubjectID]
		if subj == nil {
			continue
		}
		mc := &model.Conflict{ID: c.ID, Kind: model.ConflictKind(c.Kind), Subject: subj, Topic: c.Topic, Description: c.Description}
		for _, s := range c.Sides {
			side := &model.ConflictSide{
				Value: s.Value, Node: byID[s.NodeID], SourceCount: len(s.Documents), IndependentSourceCount: len(s.Clusters),
				Evidence: make([]*kg.Evidence, len(s.Evidence)), Documents: []*model.Document{},
			}
			for i := range s.Evidence {
				side.Evidence[i] = &s.Evidence[i]
			}
			for _, d := range s.Documents {
				if doc := docByID[d]; doc != nil {
					side.Documents = append(side.Documents, doc)
				}
			}
			mc.Sides = append(mc.Sides, side)
		}
		out = append(out, mc)
	}
	return out
}

// DocumentPage presents a page of DOCUMENT nodes as documents; docs holds
// the stored documents for the page, in any order.
func DocumentPage(p kg.NodePage, docs []*model.Document) *model.DocumentConnection {
	byID := map[string]*model.Document{}
	for _, d := range docs {
		byID[d.Doc.ID] = d
	}
	var list []*model.Document
	var cursors []string
	for i, n := range p.Nodes {
		if d := byID[n.ID]; d != nil {
			list = append(list, d)
			cursors = append(cursors, p.Cursors[i])
		}
	}
	return DocumentConnection(list, cursors, p.TotalCount, p.HasNextPage)
}

// NodeIDs lists the IDs of nodes.
func NodeIDs(ns []kg.Node) []string {
	out := make([]string, len(ns))
	for i := range ns {
		out[i] = ns[i].ID
	}
	return out
}

// DatedTypes checks that timeline types are dated relationship types.
func DatedTypes(ts []kg.RelType) error {
	for _, t := range ts {
		if !t.Dated() {
			return kg.Errorf(kg.CodeBadUserInput, "%s is not a dated relationship type: use EFFECTIVE_ON, OCCURRED_ON or PUBLISHED_ON", t)
		}
	}
	return nil
}

// SearchText checks a search query: not blank, at most 200 characters.
func SearchText(q string) (string, error) {
	r := []rune(q)
	if len(r) > 200 {
		return "", kg.Errorf(kg.CodeBadUserInput, "query must be at most 200 characters")
	}
	for _, c := range r {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return q, nil
		}
	}
	return "", kg.Errorf(kg.CodeBadUserInput, "query must not be empty")
}
