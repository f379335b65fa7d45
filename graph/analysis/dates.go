package analysis

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/kg"
)

// dateValue is what one side says a date is: an ISO value at its
// precision (2024-07-20, 2024-09, 2017) when the loader anchored it, or
// the month and day read from the words ("07-20", "07") when the document
// had no publication date to anchor them to. Neither is set when the
// words name no calendar day ("today"): such a side is compared with
// nothing, since nothing can be said about it without guessing.
type dateValue struct {
	iso string
	md  string
}

func (v dateValue) known() bool { return v.iso != "" || v.md != "" }

// compatible reports whether both can be true: overlapping periods, or a
// month and day that match the anchored date's.
func (v dateValue) compatible(w dateValue) bool {
	switch {
	case !v.known() || !w.known():
		return true
	case v.iso != "" && w.iso != "":
		return kg.DateOverlaps(v.iso, w.iso, w.iso)
	case v.iso == "":
		v, w = w, v
	}
	// v has an ISO value; w a month and day (or month) without a year.
	if v.iso != "" && w.iso == "" {
		if len(v.iso) < 7 {
			return true // a year says nothing about the month
		}
		return prefixMatch(v.iso[5:], w.md)
	}
	return prefixMatch(v.md, w.md)
}

// prefixMatch compares "07-20" with "07-20" or "07": the coarser one
// decides.
func prefixMatch(a, b string) bool {
	n := min(len(a), len(b))
	return a[:n] == b[:n]
}

func dateOf(id string) string {
	iso, ok := strings.CutPrefix(id, kg.DateNodeID(""))
	if !ok {
		return ""
	}
	return iso
}

var months = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

// monthOf returns the month (1-12) a word names, in full or abbreviated
// ("Sept.", "Jul"); 0 when it names none. "may" in lower case is the verb.
func monthOf(word string) int {
	if word == "may" {
		return 0
	}
	w := strings.TrimSuffix(strings.ToLower(word), ".")
	for i, m := range months {
		if w == m || len(w) >= 3 && len(w) <= 4 && strings.HasPrefix(m, w) {
			return i + 1
		}
	}
	return 0
}

// monthDay reads "July 20", "20 July", "Sept. 29th" or "in July" as
// "07-20" or "07"; "" when the words name no month.
func monthDay(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool { return unicode.IsSpace(r) || r == ',' })
	for i, w := range words {
		m := monthOf(w)
		if m == 0 {
			continue
		}
		for _, j := range []int{i + 1, i - 1} {
			if j < 0 || j >= len(words) {
				continue
			}
			if d := dayOf(words[j]); d > 0 {
				return fmt.Sprintf("%02d-%02d", m, d)
			}
		}
		return fmt.Sprintf("%02d", m)
	}
	return ""
}

// dayOf reads "20", "20th", "1st": a day of the month, else 0.
func dayOf(w string) int {
	w = strings.TrimRightFunc(strings.ToLower(w), func(r rune) bool { return !unicode.IsDigit(r) })
	d, err := strconv.Atoi(w)
	if err != nil || d < 1 || d > 31 {
		return 0
	}
	return d
}

// Wording classes of a date as written.
const (
	wordCalendar = "calendar" // names the day: "July 20", "2024-07-20", "September 29 this year"
	wordRelative = "relative" // counts from something: "within 30 days of the announcement", "Thursday"
)

// wordingClass tells whether a document named the day itself or counted
// to it from something else; "" when the words are not known.
func wordingClass(w string) string {
	if w == "" {
		return ""
	}
	if monthDay(w) != "" {
		return wordCalendar
	}
	for _, f := range strings.FieldsFunc(w, func(r rune) bool { return !unicode.IsDigit(r) && r != '-' }) {
		if len(f) >= 4 && isYear(f[:4]) {
			return wordCalendar
		}
	}
	return wordRelative
}

// writtenAs returns how the evidence wrote a date: the longest of the
// date node's names found in a quote, "" when none is. Names are looked
// for as written first, then ignoring case.
func writtenAs(forms []string, ev []kg.Evidence) string {
	if best := longestIn(forms, ev, false); best != "" {
		return best
	}
	return longestIn(forms, ev, true)
}

func longestIn(forms []string, ev []kg.Evidence, fold bool) string {
	best := ""
	for _, f := range forms {
		if len(f) < len(best) || len(f) == len(best) && f >= best {
			continue
		}
		for _, e := range ev {
			if fold && strings.Contains(strings.ToLower(e.Quote), strings.ToLower(f)) || !fold && strings.Contains(e.Quote, f) {
				best = f
				break
			}
		}
	}
	return best
}
