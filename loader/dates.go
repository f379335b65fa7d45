package loader

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/kg"
)

var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

func monthIndex(s string) (int, bool) {
	m, ok := months[strings.ToLower(strings.TrimSuffix(s, "."))]
	return m, ok
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func pad2s(s string) string {
	n, _ := strconv.Atoi(s)
	return pad2(n)
}

const monthRe = `(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)`

var (
	reMonthDay  = regexp.MustCompile(`\b(` + monthRe + `)\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?(\s+(?:this|last|next)\s+year\b)?`)
	reDayMonth  = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)?\s+(` + monthRe + `)(?:,?\s+(\d{4})\b)?`)
	reMonthYear = regexp.MustCompile(`\b(` + monthRe + `)\s+(\d{4})\b`)
	reISO       = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	reYear      = regexp.MustCompile(`\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Dd]uring|[Ee]arly|[Ll]ate|[Ss]ummer|[Ww]inter|[Ss]pring|[Aa]utumn|[Ff]all|[Oo]f)\s+((?:19|20)\d{2})(?:[-–]((?:19|20)?\d{2}))?\b`)
	// A year qualifying a noun: "a 2019 law", "the 1967-70 civil war".
	reYearAdj   = regexp.MustCompile(`\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+((?:19|20)\d{2})(?:[-–]((?:19|20)?\d{2}))?\s+([A-Za-z][a-z]*)`)
	reWeekday   = regexp.MustCompile(`\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`)
	reRelative  = regexp.MustCompile(`\b(this year|last year|next year|this month|last month|next month|earlier this month|later this month|earlier this year|later this year|today|yesterday|tomorrow)\b`)
	reWithin    = regexp.MustCompile(`\bwithin\s+(\d{1,3}|` + numWord + `)\s+(days?|weeks?|months?)\s+of\s+(?:the|its|their)\s+([a-z]+)\b(?:['’]s\s+([a-z]+))?`)
	reParenDate = regexp.MustCompile(`\((\d{4}),\s*(` + monthRe + `)\s+(\d{1,2})\)`)
	reCopyYear  = regexp.MustCompile(`©\s*((?:19|20)\d{2})\b`)
	reMonthOnly = regexp.MustCompile(`\b([Ii]n|[Ss]ince|[Ff]rom|[Uu]ntil|[Bb]y|[Dd]uring|[Ee]arly|[Ll]ate|[Ll]ast|[Nn]ext)\s+(` + monthRe + `)\b(\s+(?:this|last|next)\s+year\b)?`)
	reDuration  = regexp.MustCompile(`\b(within\s+)?(\d{1,3}|` + numWord + `)\s+(days?|weeks?|months?|years?|hours?)(\s+to\b)?`)
	reDayAfter  = regexp.MustCompile(`\bthe\s+(day|week|month|year)\s+(after|before)\s+the\s+([a-z-]+)\b`)
)

// dateMention is a date expression found in a sentence. iso is empty when
// the expression is relative and the document's date is unknown.
type dateMention struct {
	start, end int // bytes into the text
	iso        string
	prec       kg.Precision
	relative   bool
	derivation string
	surface    string
	// qualifier: the year qualifies a noun ("a 2019 law"), so it dates
	// that thing and not the event of the sentence.
	qualifier bool
	// future: anchored forward from publication because its clause speaks
	// of the future, so it cannot be when an event of the report happened.
	future bool
}

// dateContext is what relative dates are anchored to.
type dateContext struct {
	pub    time.Time // zero when the publication date is unknown
	events map[string]dateMention
	// announce is the date of the document's announcement, when known.
	announce *dateMention
	// qualified holds the dates that qualify a noun ("a 2019 law"): they
	// go on the timeline but date no event of their sentence, so
	// findDates keeps them out of its answer.
	qualified []dateMention
	// lastDay is the last day-precise date of the sentences read so far
	// that dates a sentence's own event ("the following day" refers to it).
	lastDay *dateMention
}

func (c *dateContext) known() bool { return !c.pub.IsZero() }

// findDates finds every date expression in text[start:end] and anchors the
// relative ones to the publication date. It never guesses: without a
// publication date a relative or yearless date has an empty iso.
func findDates(text string, start, end int, c *dateContext) []dateMention {
	return findDatesLower(text, asciiLower(text[start:end]), start, end, c)
}

// findDatesLower is findDates given lower = asciiLower(text[start:end]),
// which the extraction has already.
func findDatesLower(text, lower string, start, end int, c *dateContext) []dateMention {
	s := text[start:end]
	var out []dateMention
	digits := strings.ContainsAny(s, "0123456789")
	// Cheap necessary conditions of the patterns below, from one scan:
	// most sentences name no month, and most numbers are not years.
	mc := scanMonths(s)
	monthish := digits && mc.any
	taken := func(a, b int) bool {
		for _, d := range out {
			if a < d.end-start && d.start-start < b {
				return true
			}
		}
		return false
	}
	addDM := func(a, b int, iso string, p kg.Precision, rel bool, deriv string) {
		if taken(a, b) {
			return
		}
		out = append(out, dateMention{start: start + a, end: start + b, iso: iso, prec: p, relative: rel, derivation: deriv, surface: s[a:b]})
	}
	for _, m := range findSubIf(reParenDate, s, digits && strings.Contains(s, "(")) {
		if iso := isoFromParts(s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]]); iso != "" {
			addDM(m[0], m[1], iso, kg.PrecisionDay, false, "")
		}
	}
	for _, m := range findSubIf(reCopyYear, s, strings.Contains(s, "©")) {
		addDM(m[0], m[1], s[m[2]:m[3]], kg.PrecisionYear, false, "")
	}
	for _, m := range findSubIf(reISO, s, digits && strings.Contains(s, "-")) {
		if validISODay(s[m[0]:m[1]]) {
			addDM(m[0], m[1], s[m[0]:m[1]], kg.PrecisionDay, false, "")
		}
	}
	for _, m := range findSubIf(reMonthDay, s, monthish && mc.digitAfter) {
		mon, _ := monthIndex(s[m[2]:m[3]])
		day, _ := strconv.Atoi(s[m[4]:m[5]])
		switch {
		case m[6] >= 0:
			iso := s[m[6]:m[7]] + "-" + pad2(mon) + "-" + pad2(day)
			if validISODay(iso) {
				addDM(m[0], m[1], iso, kg.PrecisionDay, false, "")
			}
		case c.known() && m[8] >= 0:
			year := c.pub.Year()
			switch strings.ToLower(strings.Fields(s[m[8]:m[9]])[0]) {
			case "last":
				year--
			case "next":
				year++
			}
			iso := strconv.Itoa(year) + "-" + pad2(mon) + "-" + pad2(day)
			if validISODay(iso) {
				addDM(m[0], m[1], iso, kg.PrecisionDay, true, strings.TrimSpace(s[m[8]:m[9]])+" from publication")
			}
		case c.known():
			if iso, deriv := yearlessDay(c, mon, day, s, m[0]); iso != "" {
				addDM(m[0], m[1], iso, kg.PrecisionDay, true, deriv)
				markFuture(out, s, start, m[0])
			}
		default:
			addDM(m[0], m[1], "", kg.PrecisionDay, true, "")
		}
	}
	for _, m := range findSubIf(reDayMonth, s, monthish && mc.digitBefore) {
		mon, _ := monthIndex(s[m[4]:m[5]])
		day, _ := strconv.Atoi(s[m[2]:m[3]])
		if m[6] >= 0 {
			iso := s[m[6]:m[7]] + "-" + pad2(mon) + "-" + pad2(day)
			if validISODay(iso) {
				addDM(m[0], m[1], iso, kg.PrecisionDay, false, "")
			}
		} else if c.known() {
			if iso, deriv := yearlessDay(c, mon, day, s, m[0]); iso != "" {
				addDM(m[0], m[1], iso, kg.PrecisionDay, true, deriv)
				markFuture(out, s, start, m[0])
			}
		} else {
			addDM(m[0], m[1], "", kg.PrecisionDay, true, "")
		}
	}
	for _, m := range findSubIf(reMonthYear, s, monthish && mc.digitAfter) {
		mon, _ := monthIndex(s[m[2]:m[3]])
		addDM(m[0], m[1], s[m[4]:m[5]]+"-"+pad2(mon), kg.PrecisionMonth, false, "")
	}
	for _, m := range findSubIf(reMonthOnly, s, mc.any) {
		if m[5] < len(s) && (s[m[5]] == ' ' && m[5]+1 < len(s) && s[m[5]+1] >= '0' && s[m[5]+1] <= '9') {
			continue // "June 21": a day, found above
		}
		if !c.known() {
			addDM(m[4], m[5], "", kg.PrecisionMonth, true, "")
			continue
		}
		mon, _ := monthIndex(s[m[4]:m[5]])
		var year int
		var deriv string
		if m[6] >= 0 {
			// "in December last year".
			year = c.pub.Year()
			switch strings.ToLower(strings.Fields(s[m[6]:m[7]])[0]) {
			case "last":
				year--
			case "next":
				year++
			}
			deriv = strings.TrimSpace(s[m[6]:m[7]]) + " from publication " + c.pub.Format("2006-01-02")
		} else {
			year, deriv = yearlessMonth(c, mon, strings.ToLower(s[m[2]:m[3]]), s, m[0])
			deriv += " " + c.pub.Format("2006-01-02")
		}
		addDM(m[0], m[1], strconv.Itoa(year)+"-"+pad2(mon), kg.PrecisionMonth, true, deriv)
		markFuture(out, s, start, m[0])
	}
	for _, m := range findSubIf(reYear, s, digits && hasYearAfterSpace(s)) {
		addDM(m[2], m[3], s[m[2]:m[3]], kg.PrecisionYear, false, "")
		if y := rangeEnd(s[m[2]:m[3]], m, s); y != "" {
			addDM(m[4], m[5], y, kg.PrecisionYear, false, "end of a range of years")
		}
	}
	for _, m := range findSubIf(reYearAdj, s, digits && hasYearAfterSpace(s)) {
		if countNouns[strings.ToLower(s[m[6]:m[7]])] {
			continue // "the 2000 employees": a number, not a year
		}
		n := len(out)
		addDM(m[2], m[3], s[m[2]:m[3]], kg.PrecisionYear, false, "")
		if y := rangeEnd(s[m[2]:m[3]], m, s); y != "" {
			addDM(m[4], m[5], y, kg.PrecisionYear, false, "end of a range of years")
		}
		for i := n; i < len(out); i++ {
			out[i].qualifier = true
		}
	}
	for _, m := range findSubIf(reWeekday, s, hasWeekday(s)) {
		if !c.known() {
			addDM(m[0], m[1], "", kg.PrecisionDay, true, "")
			continue
		}
		wd := weekdays[strings.ToLower(s[m[2]:m[3]])]
		d, deriv := weekdayDate(c, wd, s, m[0])
		addDM(m[0], m[1], d.Format("2006-01-02"), kg.PrecisionDay, true, deriv)
		markFuture(out, s, start, m[0])
	}
	for _, m := range findSubIf(reRelative, lower, hinted(lower, []string{"year", "month", "today", "yesterday", "tomorrow"})) {
		if !c.known() {
			addDM(m[0], m[1], "", kg.PrecisionDay, true, "")
			continue
		}
		phrase := strings.ToLower(s[m[2]:m[3]])
		var iso string
		p := kg.PrecisionYear
		switch phrase {
		case "this year", "earlier this year", "later this year":
			iso = c.pub.Format("2006")
		case "last year":
			iso = c.pub.AddDate(-1, 0, 0).Format("2006")
		case "next year":
			iso = c.pub.AddDate(1, 0, 0).Format("2006")
		case "this month", "earlier this month", "later this month":
			iso, p = c.pub.Format("2006-01"), kg.PrecisionMonth
		case "last month":
			iso, p = time.Date(c.pub.Year(), c.pub.Month()-1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01"), kg.PrecisionMonth
		case "next month":
			iso, p = time.Date(c.pub.Year(), c.pub.Month()+1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01"), kg.PrecisionMonth
		case "today":
			iso, p = c.pub.Format("2006-01-02"), kg.PrecisionDay
		case "yesterday":
			iso, p = c.pub.AddDate(0, 0, -1).Format("2006-01-02"), kg.PrecisionDay
		case "tomorrow":
			iso, p = c.pub.AddDate(0, 0, 1).Format("2006-01-02"), kg.PrecisionDay
		}
		addDM(m[0], m[1], iso, p, true, phrase+" from publication "+c.pub.Format("2006-01-02"))
	}
	for _, m := range findSubIf(reWithin, lower, strings.Contains(lower, "within")) {
		n := parseCount(s[m[2]:m[3]])
		unit := strings.TrimSuffix(strings.ToLower(s[m[4]:m[5]]), "s")
		event := strings.ToLower(s[m[6]:m[7]])
		if m[8] >= 0 {
			// "within 60 days of the order's release": the release is
			// the anchor, not the order.
			event = strings.ToLower(s[m[8]:m[9]])
		}
		anchor := c.anchorFor(event)
		if anchor == nil || anchor.iso == "" || anchor.prec != kg.PrecisionDay {
			addDM(m[0], m[1], "", kg.PrecisionDay, true, "")
			continue
		}
		t, _ := time.Parse("2006-01-02", anchor.iso)
		t = shiftDate(t, unit, n)
		addDM(m[0], m[1], t.Format("2006-01-02"), kg.PrecisionDay, true,
			"within "+strconv.Itoa(n)+" "+unit+"s of the "+event+" ("+anchor.iso+")")
	}
	for _, m := range findSubIf(reDuration, lower, (strings.Contains(lower, " to") || strings.Contains(lower, "within")) && hinted(lower, []string{"days", "day ", "week", "month", "year", "hour"})) {
		if m[2] < 0 && m[8] < 0 {
			continue // a length of time, not a deadline
		}
		if strings.HasPrefix(strings.ToLower(strings.TrimSpace(s[m[1]:min(len(s), m[1]+8)])), "of") {
			continue
		}
		anchor := c.anchorFor("announcement")
		if anchor == nil || anchor.iso == "" || anchor.prec != kg.PrecisionDay {
			addDM(m[0], m[1], "", kg.PrecisionDay, true, "")
			continue
		}
		n := parseCount(s[m[4]:m[5]])
		unit := strings.TrimSuffix(strings.ToLower(s[m[6]:m[7]]), "s")
		if unit == "hour" {
			if n%24 != 0 {
				// "within 36 hours": the day depends on the hour of
				// the order, which the text does not give.
				addDM(m[0], m[1], "", kg.PrecisionDay, true, "")
				continue
			}
			unit, n = "day", n/24
		}
		t, _ := time.Parse("2006-01-02", anchor.iso)
		t = shiftDate(t, unit, n)
		addDM(m[0], m[1], t.Format("2006-01-02"), kg.PrecisionDay, true, strings.TrimSpace(s[m[0]:m[1]])+" from the decision ("+anchor.iso+")")
	}
	for _, m := range findSubIf(reDayAfter, lower, strings.Contains(lower, "after") || strings.Contains(lower, "before")) {
		event := strings.ToLower(s[m[6]:m[7]])
		anchor := c.anchorFor(event)
		if anchor == nil || anchor.iso == "" {
			addDM(m[0], m[1], "", kg.PrecisionDay, true, "")
			continue
		}
		iso, p := anchor.iso, anchor.prec
		if p == kg.PrecisionDay {
			t, _ := time.Parse("2006-01-02", iso)
			step := 1
			if strings.EqualFold(s[m[4]:m[5]], "before") {
				step = -1
			}
			t = shiftDate(t, strings.ToLower(s[m[2]:m[3]]), step)
			iso = t.Format("2006-01-02")
		}
		addDM(m[0], m[1], iso, p, true, s[m[0]:m[1]]+" ("+anchor.iso+")")
	}
	stepDates(lower, out, start, c, addDM)
	kept := out[:0]
	for _, d := range out {
		if d.qualifier {
			c.qualified = append(c.qualified, d)
		} else {
			kept = append(kept, d)
		}
	}
	return kept
}

// countNouns follow a number that is not a year ("the 2000 employees").
var countNouns = map[string]bool{"percent": true, "people": true, "employees": true, "workers": true, "units": true,
	"shares": true, "vehicles": true, "cars": true, "times": true, "jobs": true, "members": true, "users": true,
	"companies": true, "staff": true, "tonnes": true, "tons": true, "barrels": true, "miles": true, "votes": true,
	"points": true, "customers": true, "dollars": true, "euros": true, "yuan": true, "pounds": true, "pages": true}

// rangeEnd is the second year of a range such as "1967-70" or
// "2009-2010" whose match m (groups 1 and 2) starts at year, or "".
func rangeEnd(year string, m []int, s string) string {
	if m[4] < 0 {
		return ""
	}
	end := s[m[4]:m[5]]
	if len(end) == 2 {
		end = year[:2] + end
	}
	a, _ := strconv.Atoi(year)
	b, _ := strconv.Atoi(end)
	if b <= a || b-a > 50 {
		return ""
	}
	return end
}

// anchorFor returns the date of an event the document dated earlier ("the
// invasion ... in 2022"), or of the announcement.
func (c *dateContext) anchorFor(event string) *dateMention {
	if d, ok := c.events[event]; ok {
		return &d
	}
	if event == "announcement" || event == "decision" || event == "order" || event == "rule" {
		if c.announce != nil {
			return c.announce
		}
		if c.known() {
			return &dateMention{iso: c.pub.Format("2006-01-02"), prec: kg.PrecisionDay}
		}
	}
	return nil
}

var reEventNoun = regexp.MustCompile(`(?i)\b(invasion|announcement|attack|election|war|agreement|ruling|decision|investigation)\b`)

// noteEvents remembers dated event nouns of a sentence ("its full-scale
// invasion of Ukraine in 2022") so "the day after the invasion" can be
// anchored later in the document, and the sentence's last day-precise
// date for "the following day".
func (c *dateContext) noteEvents(s string, ds []dateMention) {
	c.noteLastDay(ds)
	resolved := ds[:0:0]
	for _, d := range ds {
		if d.iso != "" {
			resolved = append(resolved, d)
		}
	}
	if len(resolved) == 0 {
		return
	}
	if !hinted(strings.ToLower(s), []string{"invasion", "announcement", "attack", "election", "war", "agreement", "ruling", "decision", "investigation"}) {
		return
	}
	for _, m := range reEventNoun.FindAllStringSubmatch(s, -1) {
		ev := strings.ToLower(m[1])
		if _, ok := c.events[ev]; !ok {
			c.events[ev] = resolved[0]
		}
	}
}

// hasMonthName is a cheap test before the month patterns run: is there a
// capitalised word that names a month?
func hasMonthName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 'A' || c > 'S' || (i > 0 && isASCIILetter(s[i-1])) {
			continue
		}
		j := i + 1
		for j < len(s) && j-i < 10 && isASCIILetter(s[j]) {
			j++
		}
		if _, ok := months[asciiLower(s[i:j])]; ok {
			return true
		}
		i = j
	}
	return false
}

// monthCues is what one scan for month names found in a sentence.
type monthCues struct {
	any         bool // hasMonthName
	digitAfter  bool // some month name is followed by spaces and a digit ("June 21", "June 2024")
	digitBefore bool // some capital that may start a month name follows a digit, maybe an ordinal suffix, and spaces ("21st June")
}

// scanMonths finds month names as hasMonthName does and looks at what
// surrounds them, a superset of what the month patterns need.
func scanMonths(s string) monthCues {
	var mc monthCues
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 'A' || c > 'S' || (i > 0 && isASCIILetter(s[i-1])) {
			continue
		}
		// reDayMonth has no word boundary after the month ("21 Mayor"
		// holds "21 May"), so any such capital counts.
		if k := i; !mc.digitBefore && k > 0 && isRESpace(s[k-1]) {
			for k > 0 && isRESpace(s[k-1]) {
				k--
			}
			for n := 0; n < 2 && k > 0 && isASCIILetter(s[k-1]); n++ {
				k--
			}
			mc.digitBefore = k > 0 && isDigit(s[k-1])
		}
		j := i + 1
		for j < len(s) && j-i < 10 && isASCIILetter(s[j]) {
			j++
		}
		if _, ok := months[asciiLower(s[i:j])]; ok {
			mc.any = true
			k := j
			if k < len(s) && s[k] == '.' {
				k++
			}
			if k < len(s) && isRESpace(s[k]) {
				for k < len(s) && isRESpace(s[k]) {
					k++
				}
				if k < len(s) && isDigit(s[k]) {
					mc.digitAfter = true
				}
			}
		}
		i = j
	}
	return mc
}

// isRESpace is a byte that \s matches (or \v, to stay on the safe side).
func isRESpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// hasYearAfterSpace reports whether a 19xx or 20xx follows a space, as
// every year reYear finds does.
func hasYearAfterSpace(s string) bool {
	for i := 1; i+3 < len(s); i++ {
		if (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && isDigit(s[i+2]) && isDigit(s[i+3]) && isRESpace(s[i-1]) {
			return true
		}
	}
	return false
}

var weekdayStems = []string{"Mon", "Tues", "Wednes", "Thurs", "Fri", "Satur", "Sun"}

// hasWeekday reports whether a capitalised weekday name occurs.
func hasWeekday(s string) bool {
	for off := 0; ; {
		p := strings.Index(s[off:], "day")
		if p < 0 {
			return false
		}
		p += off
		for _, w := range weekdayStems {
			if strings.HasSuffix(s[:p], w) {
				return true
			}
		}
		off = p + 1
	}
}

func isASCIILetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

// findSubIf runs re only when the cheap precondition ok holds.
func findSubIf(re *regexp.Regexp, s string, ok bool) [][]int {
	if !ok {
		return nil
	}
	return fast(re).FindAllStringSubmatchIndex(s)
}

// shiftDate moves t by n units ("day", "week", "month", "year"); an
// unknown unit leaves it where it is.
func shiftDate(t time.Time, unit string, n int) time.Time {
	switch unit {
	case "day":
		return t.AddDate(0, 0, n)
	case "week":
		return t.AddDate(0, 0, 7*n)
	case "month":
		return t.AddDate(0, n, 0)
	case "year":
		return t.AddDate(n, 0, 0)
	}
	return t
}
