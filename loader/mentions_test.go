package loader

import (
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

func TestMentionsAndResolution(t *testing.T) {
	l := New(nil)
	text := "Russia-based cybersecurity firm Kaspersky was banned. Kaspersky's products and Kaspersky Lab software are used widely. " +
		"Eugene Kaspersky, CEO of Kaspersky Lab, spoke. The US Commerce Department acted, and the Department of Commerce said so. " +
		"The Commerce Ministry agreed. DHS and the Department of Homeland Security are one body. " +
		"Commerce Secretary Gina Raimondo spoke. Raimondo said more. The White House and the Biden administration agreed, " +
		"but federal courts did not in the United States. Chinese platforms TikTok and WeChat were named."
	x := extractText(t, l, text, "2024-06-21")
	want := map[string]kg.Kind{
		"company:kaspersky":                      kg.KindCompany,
		"person:eugene-kaspersky":                kg.KindPerson,
		"agency:department-of-commerce":          kg.KindAgency,
		"agency:department-of-homeland-security": kg.KindAgency,
		"person:gina-raimondo":                   kg.KindPerson,
		"agency:white-house":                     kg.KindAgency,
		"agency:biden-administration":            kg.KindAgency,
		"agency:federal-courts":                  kg.KindAgency,
		"location:russia":                        kg.KindLocation,
		"location:united-states":                 kg.KindLocation,
		"location:china":                         kg.KindLocation,
		"entity:tiktok":                          kg.KindEntity,
		"entity:wechat":                          kg.KindEntity,
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
	co := nodeByID(x, "company:kaspersky")
	if co != nil && len(co.Mentions) < 4 {
		t.Errorf("Kaspersky, Kaspersky's and Kaspersky Lab should be one company: %d mentions", len(co.Mentions))
	}
	ag := nodeByID(x, "agency:department-of-commerce")
	if ag != nil {
		aliases := map[string]bool{}
		for _, a := range ag.Aliases {
			aliases[a] = true
		}
		for _, a := range []string{"US Commerce Department", "Commerce Ministry"} {
			if !aliases[a] {
				t.Errorf("alias %q not kept: %v", a, ag.Aliases)
			}
		}
	}
	if p := nodeByID(x, "person:gina-raimondo"); p != nil && len(p.Mentions) < 2 {
		t.Errorf("short form Raimondo not resolved: %d mentions", len(p.Mentions))
	}
	for _, n := range x.Nodes {
		if n.ID == "person:raimondo" || n.ID == "company:kaspersky-lab" || n.ID == "person:kaspersky" {
			t.Errorf("unresolved duplicate node %s", n.ID)
		}
	}
	if hasEdge(x, "person:gina-raimondo", kg.RelHeads, "agency:department-of-commerce") == nil {
		t.Error("title Commerce Secretary should give HEADS Department of Commerce")
	}
	if hasEdge(x, "person:eugene-kaspersky", kg.RelHeads, "company:kaspersky") == nil {
		t.Error("CEO of Kaspersky Lab should give HEADS Kaspersky")
	}
}

func TestShortFormAcrossDocuments(t *testing.T) {
	mem := NewMemory()
	l := New(mem)
	mem.Add(extractText(t, l, "Commerce Secretary Gina Raimondo announced the ban.", "2024-06-21"))
	x := extractText(t, l, "Raimondo said the risk was real.", "2024-06-22")
	if nodeByID(x, "person:gina-raimondo") == nil {
		var ids []string
		for _, n := range x.Nodes {
			ids = append(ids, n.ID)
		}
		t.Fatalf("Raimondo should resolve to Gina Raimondo via Lookup; nodes %v", ids)
	}
}

func TestAnaphora(t *testing.T) {
	l := New(nil)
	x := extractText(t, l, "Russia-based firm Kaspersky was banned. The company denied it. Commerce Secretary Gina Raimondo spoke. She added that it was a risk.", "2024-06-21")
	if n := nodeByID(x, "company:kaspersky"); n == nil || len(n.Mentions) < 2 {
		t.Fatalf("the company should refer to Kaspersky: %+v", n)
	}
	if n := nodeByID(x, "person:gina-raimondo"); n == nil || len(n.Mentions) < 2 {
		t.Fatalf("she should refer to Raimondo: %+v", n)
	}
}
