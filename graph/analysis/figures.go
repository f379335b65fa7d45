package analysis

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// closeFigures reports whether two numbers are within 5% of each other:
// reports round differently ("about 400 million", "more than 400 million").
func closeFigures(a, b string) bool {
	x, errx := strconv.ParseFloat(a, 64)
	y, erry := strconv.ParseFloat(b, 64)
	if errx != nil || erry != nil {
		return false
	}
	return math.Abs(x-y) <= 0.05*math.Max(math.Abs(x), math.Abs(y))
}

// numberWords are the cardinals a count is spelled with; "hundred",
// "thousand", "million" scale a number rather than start a new one.
var numberWords = map[string]bool{
	"one": true, "two": true, "three": true, "four": true, "five": true, "six": true, "seven": true,
	"eight": true, "nine": true, "ten": true, "eleven": true, "twelve": true, "thirteen": true,
	"fourteen": true, "fifteen": true, "sixteen": true, "seventeen": true, "eighteen": true,
	"nineteen": true, "twenty": true, "thirty": true, "forty": true, "fifty": true, "sixty": true,
	"seventy": true, "eighty": true, "ninety": true, "dozen": true,
}

var scaleWords = map[string]bool{"hundred": true, "thousand": true, "million": true, "billion": true, "trillion": true}

// joinWords join the parts of a sum.
var joinWords = map[string]bool{"and": true, "plus": true, ",": true, "&": true}

// breakdown reports whether a figure is written as a sum of parts ("two
// Russian units and one Kaspersky unit", "3 in Russia, 1 in the UK"):
// two or more numbers with a joining word between them. Two currencies of
// one amount ("$752 million (€703 million)") are not parts.
func breakdown(text string) bool {
	if !strings.ContainsAny(text, ",&") && !strings.Contains(text, " and ") && !strings.Contains(text, " plus ") {
		return false // no joining word: one number at most
	}
	toks := func(yield func(string) bool) {
		for f := range strings.FieldsSeq(strings.ToLower(text)) {
			f = strings.Trim(f, "()[]\"'.;:")
			if g, ok := strings.CutSuffix(f, ","); ok {
				if !yield(g) || !yield(",") {
					return
				}
				continue
			}
			if !yield(f) {
				return
			}
		}
	}
	numbers, joined, inNumber, scaled := 0, false, false, false
	for t := range toks {
		isNum := numberWords[t] || startsWithDigit(t)
		if scaled && t == "and" {
			continue // "four hundred and twenty" is one number
		}
		scaled = inNumber && scaleWords[t]
		switch {
		case isNum && !inNumber:
			if numbers > 0 && !joined {
				return false
			}
			numbers++
			joined, inNumber = false, true
		case isNum || scaleWords[t]:
			// still the same number ("four hundred", "1.5 million")
		default:
			inNumber = false
			if numbers > 0 && joinWords[t] {
				joined = true
			}
		}
	}
	return numbers >= 2
}

func startsWithDigit(s string) bool {
	for _, r := range s {
		return unicode.IsDigit(r) || (r == '$' || r == '€' || r == '£') && len(s) > 1
	}
	return false
}
