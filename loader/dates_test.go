package loader

import (
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/kg"
)

func TestFindDates(t *testing.T) {
	pub := time.Date(2024, 6, 21, 0, 0, 0, 0, time.UTC) // a Friday
	tests := []struct {
		name string
		pub  time.Time
		text string
		iso  []string
		prec []kg.Precision
	}{
		{"weekday before publication", pub, "The US on Thursday banned it.", []string{"2024-06-20"}, []kg.Precision{kg.PrecisionDay}},
		{"weekday of publication is that day", pub, "It acted on Friday.", []string{"2024-06-21"}, []kg.Precision{kg.PrecisionDay}},
		{"yearless date takes the publication year", pub, "until September 29 this year", []string{"2024-09-29"}, []kg.Precision{kg.PrecisionDay}},
		{"yearless date", pub, "as of September 29, and more", []string{"2024-09-29"}, []kg.Precision{kg.PrecisionDay}},
		{"explicit day", pub, "on June 21, 2024 it began", []string{"2024-06-21"}, []kg.Precision{kg.PrecisionDay}},
		{"day month year", pub, "retrieved 26 June 2024 from", []string{"2024-06-26"}, []kg.Precision{kg.PrecisionDay}},
		{"month and year", pub, "signed in April 2021 to", []string{"2021-04"}, []kg.Precision{kg.PrecisionMonth}},
		{"year", pub, "In 2017, the agency banned it", []string{"2017"}, []kg.Precision{kg.PrecisionYear}},
		{"this year", pub, "later this year", []string{"2024"}, []kg.Precision{kg.PrecisionYear}},
		{"last month", pub, "as recently as last month", []string{"2024-05"}, []kg.Precision{kg.PrecisionMonth}},
		{"earlier this month", pub, "it began earlier this month", []string{"2024-06"}, []kg.Precision{kg.PrecisionMonth}},
		{"last month in January", time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC), "last month", []string{"2023-12"}, []kg.Precision{kg.PrecisionMonth}},
		{"undated weekday is unresolved", time.Time{}, "on Thursday it banned", []string{""}, []kg.Precision{kg.PrecisionDay}},
		{"undated yearless date is unresolved", time.Time{}, "starts July 20", []string{""}, []kg.Precision{kg.PrecisionDay}},
		{"undated explicit year still resolves", time.Time{}, "in 2022 it began", []string{"2022"}, []kg.Precision{kg.PrecisionYear}},
		{"invalid day is ignored", pub, "on February 30 it", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &dateContext{pub: tc.pub, events: map[string]dateMention{}}
			ds := findDates(tc.text, 0, len(tc.text), c)
			if len(ds) != len(tc.iso) {
				t.Fatalf("got %d dates %+v, want %v", len(ds), ds, tc.iso)
			}
			for i, d := range ds {
				if d.iso != tc.iso[i] || d.prec != tc.prec[i] {
					t.Errorf("date %d = %s/%s, want %s/%s", i, d.iso, d.prec, tc.iso[i], tc.prec[i])
				}
				if tc.text[d.start:d.end] != d.surface {
					t.Errorf("surface %q does not match offsets", d.surface)
				}
			}
		})
	}
}

func TestRelativeToEvents(t *testing.T) {
	c := &dateContext{pub: time.Date(2024, 6, 21, 0, 0, 0, 0, time.UTC), events: map[string]dateMention{}}
	// The announcement happened on Thursday; 30 days later is July 20.
	s1 := "Raimondo said Thursday that it was a risk."
	d1 := findDates(s1, 0, len(s1), c)
	c.announce = &d1[0]
	s2 := "New business will be restricted within 30 days of the announcement."
	d2 := findDates(s2, 0, len(s2), c)
	if len(d2) != 1 || d2[0].iso != "2024-07-20" || d2[0].derivation == "" {
		t.Fatalf("within 30 days: %+v", d2)
	}
	// An event dated at YEAR precision anchors "the day after" at YEAR.
	s3 := "Russia launched its invasion of Ukraine in 2022."
	d3 := findDates(s3, 0, len(s3), c)
	c.noteEvents(s3, d3)
	s4 := "The day after the invasion, it warned companies."
	d4 := findDates(s4, 0, len(s4), c)
	if len(d4) != 1 || d4[0].iso != "2022" || d4[0].prec != kg.PrecisionYear {
		t.Fatalf("day after the invasion: %+v", d4)
	}
	// Without an anchor the expression stays unresolved.
	c2 := &dateContext{events: map[string]dateMention{}}
	d5 := findDates(s2, 0, len(s2), c2)
	if len(d5) != 1 || d5[0].iso != "" {
		t.Fatalf("undated within: %+v", d5)
	}
}
