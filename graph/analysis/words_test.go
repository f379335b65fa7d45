package analysis

import (
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

func TestBreakdown(t *testing.T) {
	cases := []struct {
		text string
		want bool
	}{
		{"two Russian units and one Kaspersky unit", true},
		{"3 in Russia, 1 in the United Kingdom", true},
		{"five banks plus two insurers", true},
		{"three entities", false},
		{"three Kaspersky-linked entities", false},
		{"more than 400 million users", false},
		{"four hundred and twenty users", false}, // one number: "and" inside it
		{"$752 million (€703 million) in 2022", false},
		{"270,000 corporate clients", false},
		{"31 countries", false},
		{"", false},
	}
	for _, c := range cases {
		if got := breakdown(c.text); got != c.want {
			t.Errorf("breakdown(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestMonthDayAndWording(t *testing.T) {
	cases := []struct{ text, md, class string }{
		{"July 20", "07-20", wordCalendar},
		{"20 July", "07-20", wordCalendar},
		{"Sept. 29th", "09-29", wordCalendar},
		{"September 29 this year", "09-29", wordCalendar},
		{"in July", "07", wordCalendar},
		{"2024-07-20", "", wordCalendar},
		{"within 30 days of the announcement", "", wordRelative},
		{"Thursday", "", wordRelative},
		{"today", "", wordRelative},
		{"may", "", wordRelative}, // the verb, not the month
		{"", "", ""},
	}
	for _, c := range cases {
		if got := monthDay(c.text); got != c.md {
			t.Errorf("monthDay(%q) = %q, want %q", c.text, got, c.md)
		}
		if got := wordingClass(c.text); got != c.class {
			t.Errorf("wordingClass(%q) = %q, want %q", c.text, got, c.class)
		}
	}
}

func TestDateValueCompatible(t *testing.T) {
	cases := []struct {
		a, b dateValue
		want bool
	}{
		{dateValue{iso: "2024-07-20"}, dateValue{md: "07-20"}, true},
		{dateValue{md: "07-20"}, dateValue{iso: "2024-07-20"}, true},
		{dateValue{iso: "2024-07-20"}, dateValue{md: "07-21"}, false},
		{dateValue{iso: "2024-07"}, dateValue{md: "07-21"}, true},
		{dateValue{iso: "2024-07"}, dateValue{md: "08"}, false},
		{dateValue{iso: "2024"}, dateValue{md: "08-01"}, true},
		{dateValue{md: "07"}, dateValue{md: "07-21"}, true},
		{dateValue{iso: "2024-09"}, dateValue{iso: "2024-09-29"}, true},
		{dateValue{iso: "2024-09-29"}, dateValue{iso: "2024-09-30"}, false},
		{dateValue{}, dateValue{iso: "2024-09-30"}, true},
	}
	for _, c := range cases {
		if got := c.a.compatible(c.b); got != c.want {
			t.Errorf("%+v compatible %+v = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestWrittenAs(t *testing.T) {
	forms := []string{"2024-07-20", "within 30 days of the announcement", "July 20"}
	ev := []kg.Evidence{{Quote: "new business will be restricted within 30 days of the announcement."}}
	if got := writtenAs(forms, ev); got != "within 30 days of the announcement" {
		t.Fatalf("writtenAs = %q", got)
	}
	if got := writtenAs(forms, []kg.Evidence{{Quote: "nothing here"}}); got != "" {
		t.Fatalf("writtenAs = %q, want none", got)
	}
}

func TestSentenceAround(t *testing.T) {
	text := []rune("Ban details\nBan on new sales starts July 20\nThe U.S. ban will take effect from July 20. Updates end later.")
	at := func(quote string, from int) kg.Evidence {
		r := []rune(quote)
		for i := from; i+len(r) <= len(text); i++ {
			if string(text[i:i+len(r)]) == quote {
				return kg.Evidence{DocumentID: "d", Start: i, End: i + len(r), Quote: quote}
			}
		}
		t.Fatalf("%q not in text", quote)
		return kg.Evidence{}
	}
	first := at("July 20", 0)
	if got := sentenceAround(text, first); got.Quote != "Ban on new sales starts July 20" {
		t.Errorf("heading: got %q", got.Quote)
	}
	second := at("July 20", first.End)
	got := sentenceAround(text, second)
	if got.Quote != "The U.S. ban will take effect from July 20." {
		t.Errorf("sentence: got %q", got.Quote)
	}
	if string(text[got.Start:got.End]) != got.Quote {
		t.Errorf("quote %q does not match its offsets", got.Quote)
	}
	bad := first
	bad.Quote = "June 1"
	if got := sentenceAround(text, bad); got != bad {
		t.Errorf("evidence not matching the text must stay as it is, got %+v", got)
	}
}
