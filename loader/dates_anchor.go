package loader

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/kg"
)

// This file anchors the date expressions that need more than the
// publication date: the tense of the clause ("will hold a call on
// Monday" looks forward), the preposition ("from October 21" may lie
// after publication) and the other dates of the text ("a day after",
// "the following day").

// futureCues are words that put the clause before a date in the future:
// modal and scheduling verbs, and verbs of coming into force. "Would" is
// left out: reported speech ("said it would appeal") is future only
// relative to a past moment.
var futureCues = []string{
	" will ", " shall ", "'ll ", "’ll ", " due to ", " expected to ", " set to ", " scheduled ", " plans to ",
	" plan to ", " is to ", " are to ", " takes effect", " take effect", " into force", " into effect",
	" comes into", " come into", " goes into", " go into",
}

// markFuture flags the date of out that starts at pos of s (s begins at
// start of the text) when its clause speaks of the future.
func markFuture(out []dateMention, s string, start, pos int) {
	if len(out) == 0 || out[len(out)-1].start != start+pos || !futureTense(s, pos) {
		return
	}
	out[len(out)-1].future = true
}

// forwardPreps may introduce a date after the publication date even in a
// past or present sentence ("others apply from October 21").
var forwardPreps = map[string]bool{"from": true, "until": true, "till": true, "by": true, "starting": true,
	"beginning": true, "effective": true, "through": true, "of": true} // "of": "as of"

// clauseBefore is the clause of s that ends at pos: from the last comma,
// semicolon, colon or dash before pos (or the start of s).
func clauseBefore(s string, pos int) string {
	pre := s[:pos]
	cut := strings.LastIndexAny(pre, ",;:—–(")
	if cut >= 0 {
		pre = pre[cut+1:]
	}
	return pre
}

// futureTense reports whether the clause leading to the date at pos of s
// speaks of the future.
//
// A past verb governing the date takes it back: in "will appeal the
// ruling issued on Monday" Monday is when the ruling was issued, while in
// "will ban advanced chips from Monday" the adjective does not govern it. A participle after "be", "been" or "have" is still the future
// verb ("is due to be sentenced in February").
func futureTense(s string, pos int) bool {
	cl := " " + asciiLower(clauseBefore(s, pos))
	at := -1
	for _, f := range futureCues {
		if i := strings.LastIndex(cl, f); i >= 0 && i+len(f) > at {
			at = i + len(f)
		}
	}
	if at < 0 {
		return false
	}
	words := strings.Fields(cl[min(at, len(cl)):])
	i := len(words) - 1
	if i >= 0 && datePreps[words[i]] {
		i-- // the verb governing the date stands before its preposition
	}
	if i >= 0 {
		w := words[i]
		if len(w) > 4 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed") && (i == 0 || !auxBefore[words[i-1]]) {
			return false
		}
	}
	return true
}

// datePreps introduce a date.
var datePreps = map[string]bool{"on": true, "in": true, "from": true, "since": true, "by": true, "until": true, "at": true, "during": true}

// auxBefore are the auxiliaries that keep a participle in the future
// ("will be fined", "will have paid").
var auxBefore = map[string]bool{"be": true, "been": true, "have": true, "get": true, "being": true}

// prevWord is the lower-cased word right before pos in s.
func prevWord(s string, pos int) string {
	f := strings.Fields(s[:pos])
	if len(f) == 0 {
		return ""
	}
	return strings.ToLower(strings.Trim(f[len(f)-1], `"'“”(`))
}

// forwardLooking reports whether the date at pos may lie after
// publication: future tense, or a preposition of a start or an end.
func forwardLooking(s string, pos int) bool {
	return forwardPreps[prevWord(s, pos)] || futureTense(s, pos)
}

// yearlessDay dates a day named without a year ("on June 4") from the
// publication date: the latest such day on or before publication, unless
// the clause looks forward, when it is the next one on or after it (a
// forward preposition alone keeps the publication year).
func yearlessDay(c *dateContext, mon, day int, s string, pos int) (string, string) {
	pub := c.pub
	year := pub.Year()
	cand := time.Date(year, time.Month(mon), day, 0, 0, 0, 0, time.UTC)
	deriv := "year of publication"
	switch {
	case futureTense(s, pos):
		if cand.Before(pub) {
			year++
			deriv = "next " + time.Month(mon).String() + " " + strconv.Itoa(day) + " after publication (future tense)"
		}
	case forwardPreps[prevWord(s, pos)]:
	case cand.After(pub):
		year--
		deriv = "latest " + time.Month(mon).String() + " " + strconv.Itoa(day) + " on or before publication"
	}
	iso := strconv.Itoa(year) + "-" + pad2(mon) + "-" + pad2(day)
	if !validISODay(iso) {
		return "", ""
	}
	return iso, deriv
}

// yearlessMonth dates a month named without a year ("in July", "last
// October", "due to be sentenced in February") from the publication date.
// lead is the word before the month.
func yearlessMonth(c *dateContext, mon int, lead string, s string, pos int) (int, string) {
	year := c.pub.Year()
	pm := int(c.pub.Month())
	name := time.Month(mon).String()
	switch {
	case lead == "last":
		// "last October": the latest October before this month.
		if mon >= pm {
			year--
		}
		return year, "last " + name + " before publication"
	case lead == "next" || futureTense(s, pos):
		if mon < pm {
			year++
		}
		return year, "next " + name + " on or after publication (future tense)"
	case forwardPreps[lead] && lead != "since":
		return year, name + " of the publication year (" + lead + ")"
	}
	if mon > pm {
		year-- // a past month named without a year: the latest one
	}
	return year, "latest " + name + " on or before publication"
}

// weekdayDate anchors a weekday to the publication date: the latest such
// day on or before it, or in a future-tense clause the next one on or
// after it.
//
// The word before the weekday can decide instead: "next Monday" and "last
// Monday" never mean the day of publication, and a deadline ("until
// Friday", "by Monday", "this Friday") lies ahead.
func weekdayDate(c *dateContext, wd time.Weekday, s string, pos int) (time.Time, string) {
	name := wd.String()
	pubISO := c.pub.Format("2006-01-02")
	ahead := (int(wd) - int(c.pub.Weekday()) + 7) % 7
	back := (int(c.pub.Weekday()) - int(wd) + 7) % 7
	switch prevWord(s, pos) {
	case "next":
		if ahead == 0 {
			ahead = 7
		}
		return c.pub.AddDate(0, 0, ahead), "next " + name + " after publication " + pubISO
	case "last":
		if back == 0 {
			back = 7
		}
		return c.pub.AddDate(0, 0, -back), "last " + name + " before publication " + pubISO
	case "until", "till", "by", "this":
		return c.pub.AddDate(0, 0, ahead), "next " + name + " on or after publication " + pubISO + " (a deadline)"
	}
	if futureTense(s, pos) {
		return c.pub.AddDate(0, 0, ahead), "next " + name + " on or after publication " + pubISO + " (future tense)"
	}
	return c.pub.AddDate(0, 0, -back), "last " + name + " on or before publication " + pubISO
}

// reStep finds the expressions that date one event by its distance from
// another: "a day after <event>", "a week before", "a day earlier", "the
// following day", "the same day".
var reStep = regexp.MustCompile(`\b(?:(a|an|one|two|three|four|five|six|seven|\d{1,2})\s+(days?|weeks?)\s+(after|before|earlier|later)|the\s+(following|next|previous|same)\s+day|on\s+the\s+(same)\s+day)\b`)

// stepDates adds to out the expressions reStep finds in s, anchored to
// another date of the text:
//   - "<event on D>, a day after <other event>" dates the other event:
//     D minus the step, D being the first day-precise date of the sentence
//     before the phrase;
//   - "a day earlier", "the following day", "the same day" and a "day
//     after" with no such date take the last day-precise date of the
//     document before them (c.lastDay) as the reference;
//
// Without a reference the expression stays unresolved.
func stepDates(lower string, out []dateMention, start int, c *dateContext, add func(a, b int, iso string, p kg.Precision, rel bool, deriv string)) {
	for _, m := range findSubIf(reStep, lower, strings.Contains(lower, " day") || strings.Contains(lower, " week")) {
		var ref *dateMention
		for i := range out {
			d := &out[i]
			if d.start-start < m[0] && d.iso != "" && d.prec == kg.PrecisionDay && !strings.HasPrefix(d.derivation, derivStep) && (ref == nil || d.start < ref.start) {
				ref = d
			}
		}
		n, unit, dir := 0, "day", 0
		switch {
		case m[2] >= 0 && vagueAmount(lower[:m[0]]):
			continue // "a suspension of more than five weeks after ...": a length, not a date
		case m[2] >= 0:
			n = parseCount(lower[m[2]:m[3]])
			if w := lower[m[2]:m[3]]; w == "a" || w == "an" {
				n = 1
			}
			unit = strings.TrimSuffix(lower[m[4]:m[5]], "s")
			switch lower[m[6]:m[7]] {
			case "after":
				// The reference is the later event; the phrase dates
				// the earlier one.
				dir = -1
			case "before":
				dir = 1
			case "earlier":
				dir = -1
			case "later":
				dir = 1
			}
			if ref == nil {
				if w := lower[m[6]:m[7]]; w == "after" || w == "before" {
					// "a day after the ruling" with no date of its own
					// in the sentence: the event after it is not dated
					// here; reDayAfter handles "the day after the X".
					add(m[0], m[1], "", kg.PrecisionDay, true, derivStep)
					continue
				}
			}
		case m[8] >= 0:
			n = 1
			switch lower[m[8]:m[9]] {
			case "following", "next":
				dir = 1
			case "previous":
				dir = -1
			case "same":
				n = 0
			}
		default:
			n = 0
		}
		if ref == nil && m[8] >= 0 && n == 0 && c.announce != nil {
			// "The SEC and the CFTC filed their own civil charges the
			// same day": the day of the act the story is about, not of
			// the last event told (an arrest the evening before).
			ref = c.announce
		}
		if ref == nil {
			ref = c.lastDay
		}
		if ref == nil || n < 0 || n > 99 {
			add(m[0], m[1], "", kg.PrecisionDay, true, derivStep)
			continue
		}
		t, err := time.Parse("2006-01-02", ref.iso)
		if err != nil {
			add(m[0], m[1], "", kg.PrecisionDay, true, derivStep)
			continue
		}
		t = shiftDate(t, unit, dir*n)
		add(m[0], m[1], t.Format("2006-01-02"), kg.PrecisionDay, true, derivStep+" ("+ref.iso+")")
	}
}

// vagueAmount reports whether pre ends with a word that makes the
// following amount a length of time rather than a distance between two
// dated events ("more than five weeks after").
func vagueAmount(pre string) bool {
	f := strings.Fields(pre)
	if len(f) == 0 {
		return false
	}
	switch f[len(f)-1] {
	case "than", "about", "nearly", "almost", "over", "of", "some", "around", "roughly", "least", "just", "only", "for":
		return true
	}
	return false
}

// derivStep begins the derivation of the dates stepDates finds (the
// reference date follows in brackets): they date another event than the
// one the sentence is about, so they never serve as a reference.
const derivStep = "distance from another date of the text"

// noteLastDay remembers the last day-precise date of a sentence that
// dates the sentence's own event, for "the following day" later on.
func (c *dateContext) noteLastDay(ds []dateMention) {
	var last *dateMention
	for i := range ds {
		d := &ds[i]
		if d.iso == "" || d.prec != kg.PrecisionDay || strings.HasPrefix(d.derivation, derivStep) || strings.Contains(d.derivation, "within") || strings.Contains(d.derivation, " from the decision") {
			continue
		}
		if last == nil || d.start > last.start {
			last = d
		}
	}
	if last != nil {
		dd := *last
		c.lastDay = &dd
	}
}
