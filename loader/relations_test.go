package loader

import (
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

func TestNegationAndModality(t *testing.T) {
	l := New(nil)
	x := extractText(t, l, "Shipping firm Acme Holdings Ltd and its CEO John Smith were not sanctioned by the Department of the Treasury.", "2024-06-21")
	if es := edgesOfType(x, kg.RelSanctioned); len(es) != 0 {
		t.Fatalf("negated sanction produced %v", es)
	}
	x = extractText(t, l, "Former President Donald Trump had tried to use the powers to ban the use of Chinese social media platforms TikTok and WeChat, but he was obstructed by federal courts.", "2024-06-21")
	if es := edgesOfType(x, kg.RelIssued); len(es) != 0 {
		t.Errorf("an attempt is not an issued order: %v", es)
	}
	att := edgesOfType(x, kg.RelAttempted)
	if len(att) != 1 || att[0].Source != "person:donald-trump" || att[0].Attrs[kg.AttrModality] != "attempted" {
		t.Errorf("ATTEMPTED: %+v", att)
	}
	if bl := edgesOfType(x, kg.RelBlocked); len(bl) != 1 || bl[0].Source != "agency:federal-courts" {
		t.Errorf("BLOCKED: %+v", bl)
	}
	x = extractText(t, l, "The agency does not ban users from using the software.", "2024-06-21")
	for _, n := range x.Nodes {
		if n.Kind == kg.KindOrder {
			t.Errorf("negated ban produced order %s", n.ID)
		}
	}
}

func TestOrderRelations(t *testing.T) {
	l := New(nil)
	text := "The US Commerce Department on Thursday banned Russia-based cybersecurity firm Kaspersky from selling its software. " +
		"Kaspersky is allowed to provide antivirus updates until September 29 this year. " +
		"The move is the first since a Trump-era executive order gave the department the power to act. " +
		"While the multinational firm is headquartered in Moscow, it has offices in 31 countries, serving more than 400 million users. " +
		"In 2017, the Department of Homeland Security banned its main antivirus product from federal networks."
	x := extractText(t, l, text, "2024-06-21")
	ban := "order:ban-kaspersky"
	checks := []struct {
		src string
		typ kg.RelType
		dst string
	}{
		{"agency:department-of-commerce", kg.RelIssued, ban},
		{ban, kg.RelTargets, "company:kaspersky"},
		{ban, kg.RelOccurredOn, "date:2024-06-20"},
		{ban, kg.RelEffectiveOn, "date:2024-09-29"},
		{ban, kg.RelBasedOn, "order:executive-order-trump"},
		{"company:kaspersky", kg.RelLocatedIn, "location:moscow"},
		{"company:kaspersky", kg.RelLocatedIn, "location:russia"},
		{"agency:department-of-homeland-security", kg.RelIssued, "order:ban-kaspersky-2017"},
		{"order:ban-kaspersky-2017", kg.RelOccurredOn, "date:2017"},
	}
	for _, c := range checks {
		if hasEdge(x, c.src, c.typ, c.dst) == nil {
			t.Errorf("missing %s -%s-> %s", c.src, c.typ, c.dst)
		}
	}
	if e := hasEdge(x, ban, kg.RelEffectiveOn, "date:2024-09-29"); e != nil && e.Attrs[kg.AttrRole] != "updates end" {
		t.Errorf("role = %q, want updates end", e.Attrs[kg.AttrRole])
	}
	co := nodeByID(x, "company:kaspersky")
	facts := map[string]string{}
	for _, f := range co.Facts {
		facts[f.Name] = f.Value
	}
	if facts["countries"] != "31" || facts["users"] != "400000000" {
		t.Errorf("facts = %v", facts)
	}
}

func TestUndatedDocumentNeverGuesses(t *testing.T) {
	l := New(nil)
	x := extractText(t, l, "The Commerce Department banned cybersecurity firm Kaspersky on Thursday. The ban on new sales will take effect from July 20.", "")
	for _, n := range x.Nodes {
		if n.Kind == kg.KindDate {
			t.Errorf("guessed date node %s in an undated document", n.ID)
		}
	}
	o := nodeByID(x, "order:ban-kaspersky")
	if o == nil || o.Attrs[kg.AttrUnresolved] != "true" || len(o.Facts) == 0 {
		t.Fatalf("unresolved dates should be flagged on the order: %+v", o)
	}
}
