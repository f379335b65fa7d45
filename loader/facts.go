package loader

import (
	"math/big"
	"regexp"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

var (
	reCount     = regexp.MustCompile(`\b(?:(more than|over|about|nearly|almost|around|some|at least|up to|roughly|fewer than|less than)\s+)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(million|billion|thousand))?\s+((?:corporate\s+|business\s+|active\s+|monthly\s+)?(?:countries|users|clients|customers|employees|offices|staff|subscribers|workers|people|companies|downloads|devices))\b`)
	reMoney     = regexp.MustCompile(`(?i)(US\$|\$|€|£)\s?(\d+(?:[.,]\d+)*)\s*(million|billion|bn|m\b)?(?:\s*\(\s*(US\$|\$|€|£)\s?(\d+(?:[.,]\d+)*)\s*(million|billion|bn|m\b)?\s*\))?(?:\s+in\s+((?:19|20)\d{2}))?`)
	reMoneyName = regexp.MustCompile(`(?i)\b(revenue|revenues|sales|turnover|profit|profits|fine|fines|penalty|investment|income)\b`)
)

var currencyCodes = map[string]string{"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP"}

// normaliseAmount turns "752" + "million" into "752000000" exactly.
func normaliseAmount(num, scale string) string {
	num = strings.ReplaceAll(num, ",", "")
	r, ok := new(big.Rat).SetString(num)
	if !ok {
		return num
	}
	switch strings.ToLower(scale) {
	case "thousand":
		r.Mul(r, big.NewRat(1000, 1))
	case "million", "m":
		r.Mul(r, big.NewRat(1000000, 1))
	case "billion", "bn":
		r.Mul(r, big.NewRat(1000000000, 1))
	}
	if r.IsInt() {
		return r.Num().String()
	}
	return r.FloatString(2)
}

// sentenceFacts attaches counts and amounts to the company the sentence is
// about: the nearest company mentioned before the figure, else the last one.
func (x *extraction) sentenceFacts(si int, ms []mention) {
	s := x.sents[si]
	if !s.kind.minable() {
		return
	}
	text := x.masked[s.start:s.end]
	if !strings.ContainsAny(text, "0123456789") {
		return
	}
	owner := func(pos int) (known, bool) {
		return x.lastBefore(ms, kg.KindCompany, pos)
	}
	lower := x.lower(si)
	counts := hints.counts.in(x.hintsIn(si))
	for _, m := range findSubIf(reCount, lower, counts) {
		a, b := s.start+m[0], s.start+m[1]
		k, ok := owner(a)
		if !ok {
			continue
		}
		f := kg.Fact{
			Name:     strings.Join(strings.Fields(strings.ToLower(text[m[8]:m[9]])), " "),
			Value:    normaliseAmount(text[m[4]:m[5]], sub(text, m, 3)),
			Text:     strings.Join(strings.Fields(bracketDropper.Replace(x.text[a:b])), " "),
			Evidence: x.b.evidence(a, b, si),
		}
		if m[2] >= 0 {
			f.Qualifier = strings.ToLower(text[m[2]:m[3]])
		}
		x.b.fact(k.id, f)
	}
	for _, m := range findSubIf(reMoney, text, strings.ContainsAny(text, "$€£")) {
		a, b := s.start+m[0], s.start+m[1]
		k, ok := owner(a)
		if !ok {
			continue
		}
		name := "amount"
		if n := reMoneyName.FindString(text[:m[0]]); n != "" {
			name = strings.ToLower(strings.TrimSuffix(strings.ToLower(n), "s"))
			if name == "revenue" || name == "sale" {
				name = strings.TrimSuffix(strings.ToLower(n), "s")
			}
		}
		year := sub(text, m, 7)
		ev := x.b.evidence(a, b, si)
		x.b.fact(k.id, kg.Fact{Name: name, Value: normaliseAmount(text[m[4]:m[5]], sub(text, m, 3)), Unit: currencyCodes[text[m[2]:m[3]]],
			Text: x.text[a:b], Qualifier: year, Evidence: ev})
		if m[8] >= 0 {
			x.b.fact(k.id, kg.Fact{Name: name, Value: normaliseAmount(text[m[10]:m[11]], sub(text, m, 6)), Unit: currencyCodes[text[m[8]:m[9]]],
				Text: x.text[a:b], Qualifier: year, Evidence: ev})
		}
	}
}

func sub(text string, m []int, g int) string {
	if m[2*g] < 0 {
		return ""
	}
	return text[m[2*g]:m[2*g+1]]
}
