package loader

import (
	"math/rand"
	"strings"
	"testing"
)

// TestDatePrefiltersAreNecessary checks that each cheap test findDates
// makes before a pattern holds whenever the pattern matches, on seed text
// and on random strings assembled from the pieces the patterns look for.
func TestDatePrefiltersAreNecessary(t *testing.T) {
	pieces := []string{"January", "June", "Jun", "Jun.", "Sept.", "Sept", "May", "Mayor", "Mayors", "Junebug", "Septx", "March", "Dec.", "JUNE", "june",
		"Monday", "Friday", "Sunday", "today", "day", "Tuesdays", "Thurs", "In", "in", "since", "by", "of",
		"1", "21", "21st", "3rd", "2024", "1999", "2017", "20", "19", "2024-06-21", "(2024, June 21)", "©",
		" ", "  ", "\t", "\n", "\f", "\v", "\r", ",", ".", "-", "(", ")", "é", "x", "the", "_"}
	var texts []string
	for _, in := range seedInputs(t) {
		texts = append(texts, strings.Split(in.Text, "\n")...)
	}
	rng := rand.New(rand.NewSource(3))
	for i := 0; i < 30000; i++ {
		var b strings.Builder
		for n := rng.Intn(8); n >= 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
			if rng.Intn(3) > 0 {
				b.WriteString([]string{" ", "  ", "\t", ""}[rng.Intn(4)])
			}
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		mc := scanMonths(s)
		if mc.any != hasMonthName(s) {
			t.Fatalf("scanMonths(%q).any = %v, hasMonthName = %v", s, mc.any, !mc.any)
		}
		// Where the test it refines (old) passes and the pattern matches,
		// the new test must pass too.
		check := func(name string, matches, old, pre bool) {
			if matches && old && !pre {
				t.Fatalf("%s matches %q but its prefilter says no", name, s)
			}
		}
		monthish := hasMonthName(s)
		check("reMonthDay", reMonthDay.MatchString(s), monthish, mc.digitAfter)
		check("reMonthYear", reMonthYear.MatchString(s), monthish, mc.digitAfter)
		check("reDayMonth", reDayMonth.MatchString(s), monthish, mc.digitBefore)
		check("reYear", reYear.MatchString(s), strings.Contains(s, "19") || strings.Contains(s, "20"), hasYearAfterSpace(s))
		check("reWeekday", reWeekday.MatchString(s), strings.Contains(s, "day"), hasWeekday(s))
	}
}

// TestModalityPrefilters checks the word tests before the modality
// patterns never hide a match.
func TestModalityPrefilters(t *testing.T) {
	words := strings.Fields("not no longer never cannot can't won't n't neither nor can could may might tried attempted sought tries attempts seeks to would will plans plan intends intend set proposed the company x , . ; ban it")
	rng := rand.New(rand.NewSource(4))
	for i := 0; i < 30000; i++ {
		var b strings.Builder
		for n := rng.Intn(7); n >= 0; n-- {
			b.WriteString(words[rng.Intn(len(words))])
			b.WriteString([]string{" ", "  ", "", "\t"}[rng.Intn(4)])
		}
		s := b.String()
		for _, c := range []struct {
			name string
			got  bool
			want bool
		}{
			{"negated", negatedBefore(s), reNegBefore.MatchString(s)},
			{"hypothetical", hypotheticalBefore(s), reHypoBefore.MatchString(s)},
			{"attempt", attemptBefore(s), reAttemptBefore.MatchString(s)},
			{"planned", plannedBefore(s), rePlanBefore.MatchString(s)},
		} {
			if c.got != c.want {
				t.Fatalf("%s(%q) = %v, pattern says %v", c.name, s, c.got, c.want)
			}
		}
	}
}
