package loader

import (
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/kg"
)

// deptKnown is the canonical department for a portfolio topic. A ministry
// and a department of the same topic are one body (translation noise);
// the country is part of the key unless it is the United States or unknown.
func deptKnown(topic, country string) known {
	if topic == "foreign" {
		topic = "foreign affairs"
	}
	name := "Department of " + titleCase(topic)
	if g, ok := lex.gaz[kg.AliasKey(topic+" department")]; ok && g.kind == kg.KindAgency {
		name = g.name // "Treasury Department" is the Department of the Treasury
	}
	if country != "" && country != "United States" {
		name = country + " " + name
	}
	return newKnown(kg.KindAgency, name)
}

var courtAdjectives = map[string]bool{"federal": true, "district": true, "appeals": true, "appellate": true, "lower": true, "state": true, "supreme": true}

// agencyAt recognises a government body starting at token i and returns it
// with the number of tokens it spans, or n == 0.
func (x *extraction) agencyAt(toks []token, i int) (known, int) {
	k, n := x.bodyAt(toks, i)
	if n > 0 && x.agencyAs != nil {
		if p, ok := x.agencyAs[k.id]; ok {
			return p, n
		}
	}
	return k, n
}

// bodyAt is agencyAt before the document's own resolutions apply.
func (x *extraction) bodyAt(toks []token, i int) (known, int) {
	if i >= len(toks) {
		return known{}, 0
	}
	if k, ok := courtInPlace(toks, i); ok {
		// Only "court" is the body's mention: the place after it keeps
		// its own.
		return k, 1
	}
	if n := attorneysGeneral(toks, i); n > 0 {
		return newKnown(kg.KindAgency, upperFirst(joinWords(toks[i:i+n]))), n
	}
	if t := &toks[i]; !t.cap && t.lexf&lexBodyStart == 0 {
		return known{}, 0 // every body starts with a capital, a portfolio or a court adjective
	}
	if toks[i].common() && toks[i].cap && !toks[i].allCaps && !(i > 0 && portfolioWord(toks[i].lower)) {
		return known{}, 0 // "The Federal Trade Commission" starts at "Federal"; "Russia's Security Council" at "Russia's"
	}
	// "the Frankfurt prosecutor's office": a city's prosecutors.
	g, gok := x.gazAt(toks, i)
	if ok := gok; ok && g.e.kind == kg.KindLocation && !g.e.demonym && i+g.n < len(toks) && !toks[i+g.n-1].possessive {
		if p := toks[i+g.n]; p.lower == "prosecutor" && p.possessive && i+g.n+1 < len(toks) && toks[i+g.n+1].lower == "office" {
			return newKnown(kg.KindAgency, g.e.name+" prosecutor's office"), g.n + 2
		}
	}
	country := ""
	j := i
	if gok && g.e.kind == kg.KindLocation && g.e.country == "" {
		country, j = g.e.name, i+g.n
	}
	if j > i && j < len(toks) && toks[j-1].possessive {
		// "China's Ministry of Commerce": a possessive country qualifies
		// only a government body that follows.
		if k, n := x.agencyAt(toks, j); n > 0 {
			if strings.HasPrefix(k.name, "Department of ") {
				k = deptKnown(strings.TrimPrefix(k.name, "Department of "), country)
			} else if country != "United States" && !strings.HasPrefix(k.name, country) && !isFixedAgency(k.name) {
				k = newKnown(kg.KindAgency, country+" "+k.name)
			}
			return k, j + n - i
		}
		return known{}, 0
	}
	if j >= len(toks) {
		return known{}, 0
	}
	// A fixed name from the lexicon ("White House", "DHS").
	if g, ok := x.gazAt(toks, j); ok && g.e.kind == kg.KindAgency {
		return newKnown(kg.KindAgency, g.e.name), j + g.n - i
	}
	t := toks[j]
	// "<Name> administration" and "<Country> government".
	if j+1 < len(toks) && isNameToken(t) && !t.possessive && !t.common() {
		nx := toks[j+1].lower
		if nx == "administration" && !t.punctAfter && !(toks[j+1].cap && complementEnd(toks, j+2) > j+2) {
			if _, isLoc := x.gazAt(toks, j); !isLoc {
				return newKnown(kg.KindAgency, upperFirst(t.word)+" administration"), j + 2 - i
			}
		}
	}
	if country != "" && t.lower == "government" {
		return newKnown(kg.KindAgency, "Government of "+country), j + 1 - i
	}
	// "the appeals court" in a story that names the court: that court.
	if k, ok := x.courts[t.lower]; ok && j+1 < len(toks) && toks[j+1].lower == "court" && !toks[j+1].possessive {
		return k, j + 2 - i
	}
	// "federal courts". A country before it ("US federal judge") keeps
	// its own mention: the body's starts at the adjective.
	if courtAdjectives[t.lower] && country == "" && j+1 < len(toks) && (toks[j+1].lower == "courts" || toks[j+1].lower == "court" || toks[j+1].word == "judge") && !(t.cap && t.lower == "supreme") && !namedCourt(toks, j) {
		return newKnown(kg.KindAgency, upperFirst(t.lower)+" courts"), j + 2 - i
	}
	// "Department of Commerce", "Ministry of Foreign Affairs", "Office of X".
	if mode, ok := lex.agencyHeads[strings.TrimSuffix(t.word, ".")]; ok && t.cap && j+1 < len(toks) && toks[j+1].lower == "of" {
		k := j + 2
		if k < len(toks) && toks[k].lower == "the" {
			k++
		}
		e := k
		for e < len(toks) && e-k < 5 && (isNameToken(toks[e]) || (toks[e].lower == "and" && e+1 < len(toks) && isNameToken(toks[e+1]))) {
			e++
			if toks[e-1].possessive || toks[e-1].punctAfter {
				break
			}
		}
		if e > k {
			topic := joinWords(toks[k:e])
			if mode == "dept" {
				return deptKnown(topic, country), e - i
			}
			// "Court of Appeals for the District of Columbia Circuit".
			if !toks[e-1].possessive && !toks[e-1].punctAfter {
				if e2 := complementEnd(toks, e); e2 > e {
					return newKnown(kg.KindAgency, prefixCountry(country, joinWords(toks[j:e2]))), e2 - i
				}
			}
			if g, ok := lex.gaz[wordKey(toks[j:e])]; ok && g.kind == kg.KindAgency {
				return newKnown(kg.KindAgency, g.name), e - i
			}
			return newKnown(kg.KindAgency, prefixCountry(country, strings.TrimSuffix(t.word, ".")+" of "+topic)), e - i
		}
	}
	// "Commerce Department", "commerce department", "Federal Communications Commission".
	var buf [64]byte // scratch for map keys, so lookups build no strings
	for n := 1; n <= 4 && j+n < len(toks); n++ {
		head := toks[j+n]
		mode, ok := lex.agencyHeads[strings.TrimSuffix(head.word, ".")]
		if !ok {
			mode, ok = agencyHeadOfLower(head.lower)
			if !ok || head.cap || (mode != "dept") {
				ok = false
			}
		}
		words := toks[j : j+n]
		if ok && (punctInside(words) || head.parenBefore || (n > 1 && parenInside(words[1:]))) {
			return known{}, 0 // "Contact: Office of Public Affairs": the body starts after the colon
		}
		if ok && head.word == "Commissioner" && j+n+1 < len(toks) && isNameToken(toks[j+n+1]) && !head.punctAfter {
			return known{}, 0 // "FDA Commissioner Robert Califf": a title before a name
		}
		if ok {
			topic := strings.ToLower(joinWords(words))
			capital := true
			for _, w := range words {
				if !w.cap && w.lower != "and" {
					capital = false
				}
			}
			if mode == "dept" && lex.topics[topic] {
				return deptKnown(topic, country), j + n + 1 - i
			}
			// "Senfenia Ministry of Interior": a ministry of a country no
			// list knows keeps its owner's name, so that two countries'
			// ministries are never one node.
			if mode == "dept" && capital && n == 1 && country == "" && !words[0].common() && !head.possessive && !head.punctAfter &&
				!lex.gazFirst[words[0].key] && j+n+2 < len(toks) && toks[j+n+1].lower == "of" && isNameToken(toks[j+n+2]) {
				if e := complementEnd(toks, j+n+1); e > j+n+2 {
					return newKnown(kg.KindAgency, joinWords(toks[j:e])), e - i
				}
			}
			if capital && mode != "dept" && words[0].lower != "and" && !companyAfter(toks, j+n+1) {
				end := j + n + 1
				// "Ninth Circuit Court": heads in a row belong together.
				for end < len(toks) && !toks[end-1].possessive && !toks[end-1].punctAfter && toks[end].cap && lex.agencyHeads[toks[end].word] != "" {
					end++
				}
				// "Court of Appeals", "Commission for Energy": keep the complement.
				// "Court of Appeals for the District of Columbia Circuit":
				// up to two complements in a row.
				for c := 0; c < 2 && !toks[end-1].possessive && !toks[end-1].punctAfter; c++ {
					e := complementEnd(toks, end)
					if e == end {
						break
					}
					end = e
				}
				name := joinWords(toks[j:end])
				if g, ok := lex.gaz[wordKey(toks[j:end])]; ok && g.kind == kg.KindAgency {
					name = g.name
				}
				return newKnown(kg.KindAgency, prefixCountry(country, name)), end - i
			}
			return known{}, 0
		}
		w := toks[j+n-1]
		if w.possessive || w.punctAfter {
			break
		}
		if w.lower == "and" && n > 1 && j+n < len(toks) && toks[j+n].cap {
			continue // "Competition and Markets Authority"
		}
		if !(w.cap || lex.topics[w.lower] || (n > 1 && lex.topics[string(appendLowerWords(buf[:0], toks[j:j+n]))])) {
			break
		}
	}
	return known{}, 0
}

// agencyHeadOfLower is lex.agencyHeads[upperFirst(lower)]; a word with an
// ASCII first letter is looked up without building the capitalised string.
func agencyHeadOfLower(lower string) (string, bool) {
	if lower == "" || lower[0] >= utf8.RuneSelf {
		mode, ok := lex.agencyHeads[upperFirst(lower)]
		return mode, ok
	}
	var buf [48]byte
	b := append(buf[:0], lower...)
	if 'a' <= b[0] && b[0] <= 'z' {
		b[0] -= 'a' - 'A'
	}
	mode, ok := lex.agencyHeads[string(b)]
	return mode, ok
}

// appendLowerWords appends strings.ToLower(joinWords(toks)) to dst. Lower
// casing maps rune by rune and token.lower is its word lower-cased, so
// joining the lower forms gives the same bytes.
func appendLowerWords(dst []byte, toks []token) []byte {
	for i := range toks {
		if i > 0 {
			if toks[i-1].hyphen {
				dst = append(dst, '-')
			} else {
				dst = append(dst, ' ')
			}
		}
		dst = append(dst, toks[i].lower...)
	}
	return dst
}

func prefixCountry(country, name string) string {
	if country == "" || country == "United States" {
		return name
	}
	return country + " " + name
}

// isFixedAgency reports whether name is a body of the agencies lexicon.
func isFixedAgency(name string) bool {
	g, ok := lex.gaz[kg.AliasKey(name)]
	return ok && g.kind == kg.KindAgency
}

// namedCourt reports whether a capitalised "District Court" at j names one
// court by its seat ("District Court for the District of Columbia"), not
// the federal courts in general.
func namedCourt(toks []token, j int) bool {
	return toks[j].cap && j+1 < len(toks) && toks[j+1].cap && complementEnd(toks, j+2) > j+2
}

// complementEnd returns the end of the complement of a body's name that
// starts at i ("of Appeals", "for the District of Columbia Circuit",
// "for the Southern District of New York"), or i when there is none. The
// complement is one name: inner "of" and "and" join capitalised words, so
// a court is never split into two bodies.
func complementEnd(toks []token, i int) int {
	if i+1 >= len(toks) || (toks[i].lower != "of" && toks[i].lower != "for" && toks[i].lower != "on") || toks[i].punctAfter {
		return i
	}
	k := i + 1
	if toks[k].lower == "the" && !toks[k].punctAfter && k+1 < len(toks) {
		k++
	}
	if !toks[k].cap {
		return i
	}
	e, last := k, i
	for e < len(toks) && e-k < 8 {
		t := toks[e]
		if t.parenBefore {
			break // "(SAMR)" is the body's acronym, not part of its name
		}
		if isNameToken(t) && !cw.notName[t.word] && (!t.common() || t.allCaps || (t.lower != "the" && e+1 < len(toks) && isNameToken(toks[e+1]))) {
			e++
			last = e
			if t.possessive || t.punctAfter || t.hyphen {
				break
			}
			continue
		}
		// "District of Columbia", "Industry and Security": a connector
		// between capitalised words stays inside.
		if (t.lower == "of" || t.lower == "and") && !t.punctAfter && e+1 < len(toks) && isNameToken(toks[e+1]) && e > k {
			e++
			continue
		}
		break
	}
	return last
}

// companyAfter reports whether a legal suffix follows at i: "Fujian Jinhua
// Integrated Circuit Co" is a company whose name ends in a body's head word.
func companyAfter(toks []token, i int) bool {
	return i < len(toks) && toks[i-1].punctAfter == false && isSuffix(toks[i]) && toks[i].cap
}

// punctInside reports whether a word of a body's name before its head is
// followed by punctuation, so the name cannot span it.
func punctInside(words []token) bool {
	for _, w := range words {
		if w.punctAfter {
			return true
		}
	}
	return false
}

// noteCourt records a named court under its court words, so that "the
// appeals court" later in the story is that court, not courts in general.
func (x *extraction) noteCourt(k known) {
	if !strings.Contains(k.name, "Court") || strings.HasSuffix(k.name, "courts") {
		return
	}
	for _, w := range strings.Fields(strings.ToLower(k.name)) {
		if courtAdjectives[w] && w != "federal" && w != "state" && w != "lower" {
			if x.courts == nil {
				x.courts = map[string]known{}
			}
			first, ok := x.courts[w]
			if !ok {
				x.courts[w] = k
			} else if w == "supreme" && first.id != k.id && !strings.HasSuffix(first.name, "courts") {
				// "Brazilian Supreme Court" and "Supreme Federal Court": a
				// story's country has one supreme court, under two names.
				if x.agencyAs == nil {
					x.agencyAs = map[string]known{}
				}
				if _, done := x.agencyAs[k.id]; !done {
					x.agencyAs[k.id] = first
				}
			}
		}
	}
}

// parenInside reports whether a word opens a parenthesis: "Bundeskartellamt
// (Federal Cartel Office)" is a name and its gloss, not one name.
func parenInside(words []token) bool {
	for _, w := range words {
		if w.parenBefore {
			return true
		}
	}
	return false
}

// portfolioWord reports whether w is a word of a portfolio ("security"),
// which may open a body's name even though it is a common word.
func portfolioWord(w string) bool {
	return topicWords[w] && w != "the" && w != "and" && w != "of" && w != "for"
}

// prosecutorOffice reads "U.S. Attorney for the Southern District of New
// York" at i: a federal prosecutor named by the judicial district he
// serves, whose office is the body he leads. It returns that office and
// the length of the phrase.
func (x *extraction) prosecutorOffice(toks []token, i int) (known, int) {
	g, ok := x.gazAt(toks, i)
	if !ok || g.e.kind != kg.KindLocation || g.e.name != "United States" {
		return known{}, 0
	}
	a := i + g.n
	if a+3 >= len(toks) || toks[a].word != "Attorney" || toks[a+1].lower != "for" || toks[a].punctAfter {
		return known{}, 0
	}
	d := a + 2
	if toks[d].lower == "the" {
		d++
	}
	// The district: "Southern District of New York", "District of Columbia".
	e := d
	for e < len(toks) && e-d < 3 && toks[e].cap && toks[e].word != "District" && !toks[e].punctAfter {
		e++
	}
	if e+2 >= len(toks) || toks[e].word != "District" || toks[e+1].lower != "of" {
		return known{}, 0
	}
	p, ok := x.gazAt(toks, e+2)
	if !ok || p.e.kind != kg.KindLocation {
		return known{}, 0
	}
	end := e + 2 + p.n
	return newKnown(kg.KindAgency, "U.S. Attorney's Office for the "+joinWords(toks[d:end])), end - i
}

// attorneysGeneral is the length of "state attorneys general" or "state
// and district attorneys general" at i: the chief law officers of several
// states, who sue together as one party.
func attorneysGeneral(toks []token, i int) int {
	if toks[i].lower != "state" || toks[i].cap && i > 0 {
		return 0
	}
	j := i + 1
	if j+1 < len(toks) && toks[j].lower == "and" && (toks[j+1].lower == "district" || toks[j+1].lower == "territorial") {
		j += 2
	}
	if j+1 < len(toks) && toks[j].lower == "attorneys" && toks[j+1].lower == "general" && !toks[j].punctAfter {
		return j + 2 - i
	}
	return 0
}

// courtInPlace reads "a court in Fuzhou" at i: a court the story names
// only by its seat is the court of that place.
func courtInPlace(toks []token, i int) (known, bool) {
	if i == 0 || toks[i].lower != "court" || toks[i].cap || toks[i].punctAfter || toks[i].possessive || i+2 >= len(toks) {
		return known{}, false
	}
	if a := toks[i-1].lower; a != "a" && a != "the" {
		return known{}, false
	}
	if toks[i+1].lower != "in" {
		return known{}, false
	}
	e := capRun(toks, i+2, 3)
	if e == i+2 || toks[i+2].common() {
		return known{}, false
	}
	return newKnown(kg.KindAgency, "Court in "+strings.TrimSuffix(joinWords(toks[i+2:e]), "'s")), true
}
