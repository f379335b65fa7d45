package loader

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/kg"
)

func fuzzSeeds(f *testing.F) {
	for _, in := range seedInputs(f) {
		f.Add(in.Text)
	}
	for _, s := range []string{"", " date 2024-06-21 x", "# t\n\nJune 21 2024\n---\n", "“a. b.” c", "[x](#)", "Citation: a (2024, June 21) retrieved 1 from <u>",
		"U.S. Dept. Jan. 5. Inc.", "\"unclosed quote. More.", "A.\nb", "©", "By X", "WASHINGTON (AP) — x", "[", "](", "é. É", "\xff"} {
		f.Add(s)
	}
}

// FuzzParseDocument: parsing never panics, keeps the text length and
// yields line spans in order inside the text.
func FuzzParseDocument(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		p := parseDocument(text)
		if len(p.masked) != len(text) {
			t.Fatalf("masked length %d != %d", len(p.masked), len(text))
		}
		prev := 0
		for _, l := range p.lines {
			if l.start < prev || l.end < l.start || l.end > len(text) {
				t.Fatalf("bad line span %+v (prev end %d, len %d)", l, prev, len(text))
			}
			prev = l.start
		}
		if p.PublishedAt != "" {
			if _, _, err := kg.ParseISODate(p.PublishedAt); err != nil {
				t.Fatalf("inferred an invalid date %q", p.PublishedAt)
			}
		}
	})
}

// FuzzSentences: sentences are ordered, disjoint, trimmed and in range,
// and the whole extraction keeps every quote equal to the text it cites.
func FuzzSentences(f *testing.F) {
	fuzzSeeds(f)
	l := New(nil)
	f.Fuzz(func(t *testing.T, text string) {
		p := parseDocument(text)
		prev := 0
		for _, s := range splitSentences(p.masked, p.lines) {
			if s.start < prev || s.end <= s.start || s.end > len(text) {
				t.Fatalf("bad sentence %+v (prev %d, len %d)", s, prev, len(text))
			}
			if strings.TrimSpace(p.masked[s.start:s.end]) != p.masked[s.start:s.end] {
				t.Fatalf("untrimmed sentence %q", p.masked[s.start:s.end])
			}
			prev = s.end
		}
		in := kg.DocumentInput{Text: text, PublishedAt: "2024-06-21"}
		if ValidateInput(in, time.Now()) != nil {
			return // refused input is covered by TestValidateInput
		}
		x, err := l.Extract(context.Background(), in)
		if kg.ErrorCode(err) == kg.CodeBadUserInput {
			return // over the per-document caps
		}
		if err != nil {
			t.Fatalf("Extract: %v", err)
		}
		runes := []rune(text)
		check := func(e kg.Evidence) {
			if e.Start < 0 || e.End > len(runes) || e.Start > e.End || string(runes[e.Start:e.End]) != e.Quote {
				t.Fatalf("evidence %+v does not quote the text", e)
			}
		}
		for _, n := range x.Nodes {
			for _, m := range n.Mentions {
				check(m)
			}
		}
		for _, e := range x.Edges {
			for _, ev := range e.Evidence {
				check(ev)
			}
		}
	})
}

// FuzzDates: date finding never panics, every date it resolves is a valid
// ISO value at its precision, and spans quote the text.
func FuzzDates(f *testing.F) {
	for _, s := range []string{"on Thursday", "until September 29 this year", "In 2017,", "within 30 days of the announcement",
		"the day after the invasion", "last month", "26 June 2024", "2024-02-30", "April 2021", "Sept. 31", "earlier this month",
		"On Friday it acted, a day after the agency issued it.", "the following day", "the 1967-70 civil war", "a 2019 law",
		"within 24 hours", "will hold a call on Monday", "due to be sentenced in February", "in December last year",
		"within 60 days of the order's release", "more than five weeks after", "on June 4, 2021, and two days later"} {
		f.Add(s, int64(19895))
	}
	f.Fuzz(func(t *testing.T, text string, day int64) {
		c := &dateContext{events: map[string]dateMention{}}
		if day > 0 && day < 80000 {
			c.pub = time.Unix(day*86400, 0).UTC()
		}
		prevEnd := -1
		for _, d := range findDates(text, 0, len(text), c) {
			if d.start < 0 || d.end > len(text) || d.start >= d.end || text[d.start:d.end] != d.surface {
				t.Fatalf("bad span %+v", d)
			}
			_ = prevEnd
			if d.iso == "" {
				continue
			}
			iso, p, err := kg.ParseISODate(d.iso)
			if err != nil || iso != d.iso || p != d.prec {
				t.Fatalf("invalid date %q/%s from %q", d.iso, d.prec, d.surface)
			}
			if c.pub.IsZero() && d.relative && !strings.Contains(d.derivation, "(") {
				t.Fatalf("guessed %q for %q without a publication date", d.iso, d.surface)
			}
		}
	})
}
