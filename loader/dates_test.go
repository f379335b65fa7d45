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
		// Tense: a future clause looks forward from publication.
		{"future weekday looks forward", pub, "The rule takes effect on Thursday.", []string{"2024-06-27"}, []kg.Precision{kg.PrecisionDay}},
		{"future weekday of publication is that day", pub, "It will hold a call on Friday.", []string{"2024-06-21"}, []kg.Precision{kg.PrecisionDay}},
		{"reported future is not future", pub, "He said it would act on Thursday.", []string{"2024-06-20"}, []kg.Precision{kg.PrecisionDay}},
		{"future tense after the date does not count", pub, "It signed an order on Wednesday that will ban it.", []string{"2024-06-19"}, []kg.Precision{kg.PrecisionDay}},
		{"next weekday is never publication day", pub, "They meet next Friday.", []string{"2024-06-28"}, []kg.Precision{kg.PrecisionDay}},
		{"last weekday is never publication day", pub, "They met last Friday.", []string{"2024-06-14"}, []kg.Precision{kg.PrecisionDay}},
		{"deadline weekday looks forward", pub, "The firm has until Monday to respond.", []string{"2024-06-24"}, []kg.Precision{kg.PrecisionDay}},
		{"past participle after a future cue dates a past event", pub, "It will appeal the ruling issued on Monday.", []string{"2024-06-17"}, []kg.Precision{kg.PrecisionDay}},
		{"an adjective in -ed does not take the date back", pub, "It will ban advanced chips from Monday.", []string{"2024-06-24"}, []kg.Precision{kg.PrecisionDay}},
		{"passive future stays future", time.Date(2023, 11, 21, 0, 0, 0, 0, time.UTC), "He will be sentenced in February.", []string{"2024-02"}, []kg.Precision{kg.PrecisionMonth}},
		// Yearless days: the latest one unless the clause looks forward.
		{"yearless past day is last year", time.Date(2022, 1, 13, 0, 0, 0, 0, time.UTC), "The minister announced it on June 4.", []string{"2021-06-04"}, []kg.Precision{kg.PrecisionDay}},
		{"yearless day month past is last year", time.Date(2022, 1, 13, 0, 0, 0, 0, time.UTC), "It began on 4 June.", []string{"2021-06-04"}, []kg.Precision{kg.PrecisionDay}},
		{"yearless day after from keeps the year", time.Date(2022, 10, 8, 0, 0, 0, 0, time.UTC), "Others apply from October 21.", []string{"2022-10-21"}, []kg.Precision{kg.PrecisionDay}},
		{"yearless future day before publication is next year", time.Date(2023, 12, 1, 0, 0, 0, 0, time.UTC), "He will be sentenced on February 23.", []string{"2024-02-23"}, []kg.Precision{kg.PrecisionDay}},
		// Yearless months.
		{"future month is the next one", time.Date(2023, 11, 21, 0, 0, 0, 0, time.UTC), "He is due to be sentenced in February.", []string{"2024-02"}, []kg.Precision{kg.PrecisionMonth}},
		{"past month after publication month is last year", time.Date(2023, 10, 13, 0, 0, 0, 0, time.UTC), "The FTC sued in December to block it.", []string{"2022-12"}, []kg.Precision{kg.PrecisionMonth}},
		{"last month name not yet come round", time.Date(2019, 3, 13, 0, 0, 0, 0, time.UTC), "a crash last October", []string{"2018-10"}, []kg.Precision{kg.PrecisionMonth}},
		{"last month name of the publication month", time.Date(2019, 3, 13, 0, 0, 0, 0, time.UTC), "a crash last March", []string{"2018-03"}, []kg.Precision{kg.PrecisionMonth}},
		{"month with last year is one date", time.Date(2021, 4, 10, 0, 0, 0, 0, time.UTC), "launched in December last year", []string{"2020-12"}, []kg.Precision{kg.PrecisionMonth}},
		// Years qualifying a noun and ranges.
		{"year qualifying a noun", pub, "under a 2019 law aimed at it", []string{"2019"}, []kg.Precision{kg.PrecisionYear}},
		{"range of years", pub, "the 1967-70 civil war", []string{"1967", "1970"}, []kg.Precision{kg.PrecisionYear, kg.PrecisionYear}},
		{"a count is not a year", pub, "the 2000 employees of the firm", nil, nil},
		{"year range after in", pub, "in 2009-2010 it grew", []string{"2009", "2010"}, []kg.Precision{kg.PrecisionYear, kg.PrecisionYear}},
		// Durations need a known anchor.
		{"within hours of the order", pub, "restore access within 24 hours.", []string{"2024-06-22"}, []kg.Precision{kg.PrecisionDay}},
		{"within hours not a whole day", pub, "restore access within 36 hours.", []string{""}, []kg.Precision{kg.PrecisionDay}},
		{"within days of an undated release", pub, "It must stop within 60 days of the order's release.", []string{""}, []kg.Precision{kg.PrecisionDay}},
		// Distances between two events of one sentence.
		{"a day after dates the earlier event", pub, "A court on Friday blocked the order, a day after the agency issued it.", []string{"2024-06-21", "2024-06-20"}, []kg.Precision{kg.PrecisionDay, kg.PrecisionDay}},
		{"a week after from today", pub, "Today's action comes a week after the United Kingdom acted.", []string{"2024-06-21", "2024-06-14"}, []kg.Precision{kg.PrecisionDay, kg.PrecisionDay}},
		{"a day after without a date of its own is unresolved", pub, "The firm sued a day after the agency acted.", []string{""}, []kg.Precision{kg.PrecisionDay}},
		{"a length of weeks is no date", pub, "It ended a suspension of more than five weeks after the firm paid.", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &dateContext{pub: tc.pub, events: map[string]dateMention{}}
			// Years qualifying a noun are kept aside for the timeline.
			ds := append(findDates(tc.text, 0, len(tc.text), c), c.qualified...)
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
	// "The following day" and "a day earlier" take the last day-precise
	// date of the text.
	c3 := &dateContext{pub: time.Date(2022, 1, 13, 0, 0, 0, 0, time.UTC), events: map[string]dateMention{}}
	s6 := "The minister announced the suspension on June 4."
	d6 := findDates(s6, 0, len(s6), c3)
	c3.noteEvents(s6, d6)
	s7 := "Operators cut off access the following day."
	d7 := findDates(s7, 0, len(s7), c3)
	if len(d7) != 1 || d7[0].iso != "2021-06-05" {
		t.Fatalf("the following day: %+v", d7)
	}
	s8 := "The firm had disclosed it a day earlier."
	d8 := findDates(s8, 0, len(s8), c3)
	if len(d8) != 1 || d8[0].iso != "2021-06-03" {
		t.Fatalf("a day earlier: %+v", d8)
	}
	// Without an anchor the expression stays unresolved.
	c2 := &dateContext{events: map[string]dateMention{}}
	d5 := findDates(s2, 0, len(s2), c2)
	if len(d5) != 1 || d5[0].iso != "" {
		t.Fatalf("undated within: %+v", d5)
	}
	d9 := findDates(s7, 0, len(s7), c2)
	if len(d9) != 1 || d9[0].iso != "" {
		t.Fatalf("undated following day: %+v", d9)
	}
}
