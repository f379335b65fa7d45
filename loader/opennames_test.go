package loader

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

// The names below are invented: no lexicon knows them, so whatever the
// loader finds it finds from context.

func TestOpenWorldNamesByContext(t *testing.T) {
	l := New(nil)
	text := "Velmora is recalling more than 2 million vehicles in the United States. " +
		"Regulators said Velmora's chief executive would testify. " +
		"Velmora said it would comply. " +
		"Privacy campaigner Tarn Osgood filed the complaint. " +
		"Quillon, the national telecommunications agency, ordered the block. " +
		"The company also makes the Brisket spyware, and Brisket was sold abroad. " +
		"The firm, based in Harrowgate, Norlandia, was fined by Quillon."
	x := extractText(t, l, text, "2024-06-21")
	want := map[string]kg.Kind{
		"company:velmora":     kg.KindCompany,
		"person:tarn-osgood":  kg.KindPerson,
		"agency:quillon":      kg.KindAgency,
		"entity:brisket":      kg.KindEntity,
		"location:harrowgate": kg.KindLocation,
	}
	for id, kind := range want {
		n := nodeByID(x, id)
		if n == nil {
			t.Errorf("missing node %s", id)
			continue
		}
		if n.Kind != kind {
			t.Errorf("%s kind %s, want %s", id, n.Kind, kind)
		}
	}
	// Sentence-initial and common capitalised words are no names.
	for _, id := range []string{"company:regulators", "company:the", "entity:regulators", "company:privacy"} {
		if nodeByID(x, id) != nil {
			t.Errorf("unexpected node %s", id)
		}
	}
}

func TestOpenWorldNameBoundaries(t *testing.T) {
	l := New(nil)
	text := "WASHINGTON — The Environmental Protection Agency accused the carmaker. " +
		"Prosecutors charged Dorian Quell-Varga with fraud, and Quell-Varga denied it. " +
		"The U.S. Court of Appeals for the District of Columbia Circuit granted a stay. " +
		"The sanctions hit Petrolera de Sandovia SA (PDSA), and PDSA said it would appeal. " +
		"Ostrava Memory Technologies Co (OMT) was added to the list; OMT said it objected. " +
		"President Harlan J. Brixby spoke, and Harlan Brixby said more."
	x := extractText(t, l, text, "2024-06-21")
	for _, id := range []string{
		"agency:environmental-protection-agency",
		"person:dorian-quell-varga",
		"agency:court-of-appeals-for-the-district-of-columbia-circuit",
		"company:petrolera-de-sandovia",
		"company:ostrava-memory-technologies",
		"person:harlan-j-brixby",
	} {
		if nodeByID(x, id) == nil {
			t.Errorf("missing node %s", id)
		}
	}
	for _, id := range []string{
		"agency:washington-the-environmental-protection-agency",
		"person:dorian-quell",
		"agency:court-of-appeals",
		"agency:columbia-circuit",
		"company:sandovia",
		"location:sandovia",
		"company:pdsa",
		"company:omt",
		"person:harlan-brixby",
	} {
		if nodeByID(x, id) != nil {
			t.Errorf("unexpected node %s", id)
		}
	}
	if n := nodeByID(x, "company:petrolera-de-sandovia"); n != nil && !containsStr(n.Aliases, "PDSA") {
		t.Errorf("PDSA is not an alias of %s: %v", n.Name, n.Aliases)
	}
}

func TestOpenWorldResolutionAcrossDocuments(t *testing.T) {
	mem := NewMemory()
	l := New(mem)
	docs := []string{
		"Bravik said it would fight the order. Bravik's shares fell. Its co-founder, Christopher Dallow, resigned.",
		"Bravik Platforms Inc was fined again. Chris Dallow, the co-founder, said the fine was unfair.",
	}
	var xs []*kg.Extraction
	for _, d := range docs {
		x, err := l.Extract(context.Background(), kg.DocumentInput{Text: d, PublishedAt: "2024-06-21"})
		if err != nil {
			t.Fatal(err)
		}
		mem.Add(x)
		xs = append(xs, x)
	}
	if nodeByID(xs[1], "company:bravik") == nil {
		t.Errorf("the long name did not resolve to the company of the first story: %v", nodeIDs(xs[1]))
	}
	if nodeByID(xs[1], "person:christopher-dallow") == nil {
		t.Errorf("the short first name did not resolve to the person of the first story: %v", nodeIDs(xs[1]))
	}
}

func TestEditOne(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{{"kaspersy", "kaspersky", true}, {"kaspersky", "kaspersky", false}, {"abcdef", "abcxef", true}, {"abcdef", "abxyef", false}, {"abc", "abcde", false}} {
		if got := editOne(c.a, c.b); got != c.want {
			t.Errorf("editOne(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func containsStr(ss []string, s string) bool {
	for _, v := range ss {
		if v == s {
			return true
		}
	}
	return false
}

func nodeIDs(x *kg.Extraction) []string {
	var out []string
	for _, n := range x.Nodes {
		out = append(out, n.ID)
	}
	return out
}
