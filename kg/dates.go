package kg

import (
	"strings"
	"time"
)

// ParseISODate parses an ISO date at DAY, MONTH or YEAR precision
// ("2024-06-21", "2024-06", "2024") and returns it normalised with its
// precision. Anything else is a CodeBadUserInput error.
func ParseISODate(s string) (string, Precision, error) {
	s = strings.TrimSpace(s)
	layouts := []struct {
		layout string
		p      Precision
	}{{"2006-01-02", PrecisionDay}, {"2006-01", PrecisionMonth}, {"2006", PrecisionYear}}
	for _, l := range layouts {
		if len(s) != len(l.layout) {
			continue
		}
		if t, err := time.Parse(l.layout, s); err == nil {
			return t.Format(l.layout), l.p, nil
		}
	}
	return "", "", Errorf(CodeBadUserInput, "invalid date %s: want YYYY-MM-DD, YYYY-MM or YYYY", Echo(s))
}

// DateNodeID is the ID of the DATE node for an ISO date at its precision.
func DateNodeID(iso string) string { return "date:" + iso }

// RangeStart is the first day-precision ISO string covered by an ISO prefix
// ("2024" -> "2024-01-01"), used as an inclusive lower bound.
func RangeStart(prefix string) string {
	switch len(prefix) {
	case 4:
		return prefix + "-01-01"
	case 7:
		return prefix + "-01"
	}
	return prefix
}

// RangeEnd is the last day-precision ISO string covered by an ISO prefix
// ("2024" -> "2024-12-31"), used as an inclusive upper bound.
func RangeEnd(prefix string) string {
	switch len(prefix) {
	case 4:
		return prefix + "-12-31"
	case 7:
		t, err := time.Parse("2006-01", prefix)
		if err != nil {
			return prefix
		}
		return t.AddDate(0, 1, -1).Format("2006-01-02")
	}
	return prefix
}

// DateOverlaps reports whether the period named by the ISO value iso (at
// any precision) overlaps the inclusive range [from, to]; empty bounds are
// open.
func DateOverlaps(iso, from, to string) bool {
	if iso == "" {
		return false
	}
	if from != "" && RangeEnd(iso) < RangeStart(from) {
		return false
	}
	if to != "" && RangeStart(iso) > RangeEnd(to) {
		return false
	}
	return true
}
