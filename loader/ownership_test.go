package loader

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

// edgeByNames finds an edge of type typ between the nodes named src and
// dst (a company's node name drops its legal suffix: "Davrin Corp" is
// "Davrin").
func edgeByNames(x *kg.Extraction, src string, typ kg.RelType, dst string) bool {
	names := map[string]string{}
	for _, n := range x.Nodes {
		names[n.ID] = n.Name
	}
	named := func(id, want string) bool {
		n := names[id]
		return n != "" && (n == want || strings.HasPrefix(want, n+" "))
	}
	for _, e := range x.Edges {
		if e.Type == typ && named(e.Source, src) && named(e.Target, dst) {
			return true
		}
	}
	return false
}

// TestOwnershipSeatsAndRoles: the phrases news uses for who owns what,
// where a company sits and what post a person holds, on invented names.
func TestOwnershipSeatsAndRoles(t *testing.T) {
	l := New(nil)
	cases := []struct {
		text, src string
		typ       kg.RelType
		dst       string
	}{
		{"Brevano Media Inc said its chat service Quillo, Brevano Media Inc's messaging service, was blocked.", "Quillo", kg.RelLinkedTo, "Brevano Media Inc"},
		{"The regulator fined Hollin Petro Corp and froze assets of Hollin Petro Corp's U.S. refining arm, Dastel Refining Inc.", "Dastel Refining Inc", kg.RelSubsidiaryOf, "Hollin Petro Corp"},
		{"Shares of Vantor Holdings Inc, Pellico Corp's parent company, fell on Monday.", "Pellico Corp", kg.RelSubsidiaryOf, "Vantor Holdings Inc"},
		{"The ministry sanctioned Korvath Motors Ltd, the Russian carmaker he controls.", "Korvath Motors Ltd", kg.RelLocatedIn, "Russia"},
		{"The agency sued Trellin Games Inc, the Santa Monica, California-based maker of the game.", "Trellin Games Inc", kg.RelLocatedIn, "Santa Monica"},
		{"Marsk Pipeline AG, a subsidiary of Norbel Gas Corp, is registered in Zug, Switzerland.", "Marsk Pipeline AG", kg.RelLocatedIn, "Switzerland"},
		{"The court fined Ostrel Labs Inc, in which Davrin Corp holds a 35% stake.", "Ostrel Labs Inc", kg.RelLinkedTo, "Davrin Corp"},
		{"Tomas Keller, director-general of the Federal Trade Commission, said the fine was final.", "Tomas Keller", kg.RelHeads, "Federal Trade Commission"},
		{"Velto Exchange Inc named Marta Olsen, previously its head of markets, as its new chief executive.", "Marta Olsen", kg.RelHeads, "Velto Exchange Inc"},
	}
	for _, c := range cases {
		x := extractText(t, l, c.text, "2024-06-21")
		if !edgeByNames(x, c.src, c.typ, c.dst) {
			var got []string
			for _, e := range x.Edges {
				if e.Type != kg.RelMentions && e.Type != kg.RelPublishedOn {
					got = append(got, e.Source+" -"+string(e.Type)+"-> "+e.Target)
				}
			}
			t.Errorf("%q: missing %s -%s-> %s; got %v", c.text, c.src, c.typ, c.dst, got)
		}
	}
}

// TestSpeakerClauses: the body a speaker belongs to, and a name in
// another clause before the speaker, are not what was said.
func TestSpeakerClauses(t *testing.T) {
	l := New(nil)
	x := extractText(t, l, "The Department of the Treasury's Office of Foreign Assets Control said the companies would face renewed sanctions.", "2024-06-21")
	if edgeByNames(x, "Office of Foreign Assets Control", kg.RelStated, "Department of the Treasury") {
		t.Errorf("a speaker's parent body is not what it said")
	}
}
