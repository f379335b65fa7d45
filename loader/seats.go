package loader

import (
	"regexp"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// seatNouns head a descriptor whose place names where a company or body
// is: "Russia's two largest oil companies", "the Russian carmaker", "US
// memory chipmaker", "Russia's communications regulator".
var seatNouns = map[string]bool{
	"company": true, "companies": true, "firm": true, "maker": true, "chipmaker": true,
	"carmaker": true, "automaker": true, "giant": true, "bank": true, "exchange": true,
	"operator": true, "producer": true, "regulator": true, "watchdog": true, "authority": true,
	"conglomerate": true, "manufacturer": true, "insurer": true, "lender": true, "retailer": true,
	"carrier": true, "carriers": true, "makers": true, "firms": true, "banks": true, "airline": true,
	"airlines": true, "startup": true, "publisher": true, "group": true,
}

var (
	// "-based" or "-headquartered" right after a place.
	reBasedAfter = regexp.MustCompile(`^-(?:based|headquartered)\b`)
	// "based in X": what follows may be "X, Y" (a city and its country).
	// A verb before it ("is registered in") has the clause's subject,
	// unless "which" stands for it.
	reBasedIn = regexp.MustCompile(`\b(?:headquartered|based|located|registered)\s+in\s+`)
	// reVerbBefore: "is (also) registered in".
	reVerbBefore = regexp.MustCompile(`\b(?:is|are|was|were)\s+(?:(?:also|now|still)\s+)?$`)
)

// seats reads where a company or body is from the descriptors news puts
// beside its name: a place before a company noun ("GAZ Group, the Russian
// carmaker", "US memory chipmaker Micron Technology"), a "-based" place
// ("the Santa Monica, California-based maker": the city, which the state
// only locates), and "based in X, Y" (both).
func (x *extraction) seats(si int, ms []mention, ev kg.Evidence) {
	s := x.sents[si]
	if !s.kind.minable() {
		return
	}
	seated := func(k kg.Kind) bool {
		return k == kg.KindCompany || k == kg.KindEntity || k == kg.KindAgency
	}
	for i, m := range ms {
		if m.kind != kg.KindLocation {
			continue
		}
		after := x.masked[m.end:min(len(x.masked), m.end+16)]
		if reBasedAfter.MatchString(after) {
			x.basedPlace(si, ms, i, ev)
			continue
		}
		// "LOC('s) [words] noun": the descriptor's last word.
		end, ok := x.seatPhrase(m, s.end)
		if !ok {
			continue
		}
		// "N, [the] LOC ... noun": apposition to the name before; "N, the
		// largest U.S. crypto exchange", "N, the Microsoft-backed San
		// Francisco company"; "Rosneft and Lukoil, Russia's two largest
		// oil companies": every name of the list.
		if j := x.appositionBefore(ms, i); j >= 0 {
			x.b.edge(ms[j].id, kg.RelLocatedIn, m.id, "", nil, ev)
			if plural := x.masked[end-1]; plural == 's' {
				for k := j - 1; k >= 0 && seated(ms[k].kind) && !ms[k].anaphor; k-- {
					if g := strings.TrimSpace(x.between(ms[k].end, ms[k+1].start)); g != "," && g != "and" && g != ", and" {
						break
					}
					x.b.edge(ms[k].id, kg.RelLocatedIn, m.id, "", nil, ev)
				}
			}
			continue
		}
		// "LOC ... noun[,] [the] N": the name right after.
		for _, n := range ms[i+1:] {
			if n.start < end {
				continue
			}
			gap := strings.ToLower(strings.TrimSpace(x.masked[end:n.start]))
			if seated(n.kind) && !n.anaphor && (gap == "" || gap == "," || gap == ", the") {
				x.b.edge(n.id, kg.RelLocatedIn, m.id, "", nil, ev)
			}
			break
		}
	}
	x.basedIn(si, ms, ev)
	x.marketsIn(si, ms, ev)
	x.addresses(ms, ev)
	x.headquarters(si, ms, ev)
	x.namedForCountry(ms, ev)
}

// headquarters reads "the company's European headquarters is in Dublin":
// the owner of the headquarters, named right before, is located there.
func (x *extraction) headquarters(si int, ms []mention, ev kg.Evidence) {
	s := x.sents[si]
	lower := x.lower(si)
	if !strings.Contains(lower, "headquarters") {
		return
	}
	for i, m := range ms {
		if m.kind != kg.KindLocation || i == 0 {
			continue
		}
		pre := tail(x.lowerText[s.start:m.start], 48)
		at := strings.LastIndex(pre, "headquarters ")
		if at < 0 {
			continue
		}
		rest := strings.TrimSpace(pre[at+len("headquarters "):])
		if rest != "is in" && rest != "are in" && rest != "was in" && rest != "in" && rest != "is located in" {
			continue
		}
		hq := m.start - len(pre) + at
		for j := i - 1; j >= 0; j-- {
			o := ms[j]
			if o.end > hq {
				continue
			}
			// "Meta's headquarters", "the company's European headquarters".
			if (o.kind == kg.KindCompany || o.kind == kg.KindAgency) && x.possessiveAt(o) && len(strings.Fields(x.masked[o.end:hq])) <= 2 {
				x.b.edge(o.id, kg.RelLocatedIn, m.id, "", nil, ev)
			}
			break
		}
	}
}

// namedForCountry places a body whose name ends with its country ("the
// Cyberspace Administration of China") in that country. A government is
// left alone: it is the country's, not a body in it.
func (x *extraction) namedForCountry(ms []mention, ev kg.Evidence) {
	for _, m := range ms {
		if m.kind != kg.KindAgency || m.anaphor {
			continue
		}
		i := strings.LastIndex(m.name, " of ")
		if i < 0 || strings.HasPrefix(m.name, "Government") {
			continue
		}
		country := m.name[i+4:]
		if !lex.countryNames[country] {
			continue
		}
		k := newKnown(kg.KindLocation, country)
		x.b.ensureNode(k, nil)
		x.b.edge(m.id, kg.RelLocatedIn, k.id, "", nil, ev)
	}
}

// relativeTo reports whether m sits in a relative clause about c close
// after it: "Garantex, an exchange that is registered in Estonia but
// operates mostly from Moscow".
func (x *extraction) relativeTo(c, m mention) bool {
	if c.end > m.start || m.start-c.end > 90 {
		return false
	}
	gap := x.lowerText[c.end:m.start]
	return !strings.ContainsAny(gap, ";.") && (strings.Contains(gap, " that ") || strings.Contains(gap, " which "))
}

// between is the text from a to b, or "" when the spans overlap.
func (x *extraction) between(a, b int) string {
	if a > b {
		return ""
	}
	return x.masked[a:b]
}

// addresses reads the address style of notices and decisions: a company's
// full legal name and its seat after a comma ("Facebook Inc., USA",
// "Facebook Deutschland GmbH, Hamburg"), the place closing the item.
func (x *extraction) addresses(ms []mention, ev kg.Evidence) {
	for i := 1; i < len(ms); i++ {
		c, p := ms[i-1], ms[i]
		if p.kind != kg.KindLocation || c.end > p.start {
			continue
		}
		gap := strings.TrimSpace(x.masked[c.end:p.start])
		if p.kind != kg.KindLocation || c.kind != kg.KindCompany || c.anaphor || gap != "," && gap != ".," {
			continue
		}
		f := strings.Fields(x.masked[c.start:c.end])
		if len(f) < 2 {
			continue
		}
		last := strings.TrimSuffix(f[len(f)-1], ".")
		if !lex.suffixes[last] || last == "Group" || last == "Holding" || last == "Holdings" {
			continue
		}
		after := strings.TrimLeft(x.masked[p.end:min(len(x.masked), p.end+6)], " ")
		if after == "" || after[0] == ',' || after[0] == '.' || after[0] == ';' || after[0] == '\n' || strings.HasPrefix(after, "and ") {
			x.b.edge(c.id, kg.RelLocatedIn, p.id, "", nil, ev)
		}
	}
}

// tradeWords before "in" make the place one where a company trades:
// "cars sold in the United States", "stop selling and distributing the
// products in the United States". ("the industry in" is left out: it is
// the industry's place, whoever is named before.)
var tradeWords = map[string]bool{"sold": true, "selling": true, "sells": true, "distributing": true, "market": true, "markets": true}

// marketsIn reads where a company trades: a place after a verb of selling
// or a market word ("sold in the U.S."), or before "market" ("its dominant
// position in China's market", "from the U.S. market"). The company is
// the nearest one named before in the sentence.
func (x *extraction) marketsIn(si int, ms []mention, ev kg.Evidence) {
	s := x.sents[si]
	for i, m := range ms {
		if m.kind != kg.KindLocation || i == 0 {
			continue
		}
		after := strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(x.lowerText[m.end:min(s.end, m.end+12)], "'s"), "’s"), " ")
		ok := strings.HasPrefix(after, "market ") || strings.HasPrefix(after, "market,") || strings.HasPrefix(after, "market.")
		// "chose Ghana's capital Accra for its first African office".
		if !ok && strings.HasPrefix(x.lowerText[m.end:min(s.end, m.end+9)], " for its ") {
			f := strings.Fields(x.lowerText[m.end+9 : min(s.end, m.end+48)])
			for k := 0; k < len(f) && k < 3; k++ {
				w := strings.Trim(f[k], ",.;")
				if w == "office" || w == "headquarters" || w == "hub" {
					ok = true
				}
			}
		}
		near := x.lowerText[max(s.start, m.start-8):m.start]
		if !ok && (strings.HasSuffix(near, " from ") || strings.HasSuffix(near, " from the ")) {
			// "an exchange that is registered in Estonia but operates
			// mostly from Moscow".
			f := strings.Fields(tail(x.lowerText[s.start:m.start], 40))
			for k := len(f) - 2; k >= 0 && k >= len(f)-4; k-- {
				if f[k] == "operates" || f[k] == "operated" || f[k] == "operating" {
					ok = true
				}
			}
		}
		if !ok && (strings.HasSuffix(near, " in ") || strings.HasSuffix(near, " in the ")) {
			before := strings.Fields(tail(x.lowerText[s.start:m.start], 60))
			n := len(before)
			if n > 0 && before[n-1] == "the" {
				n--
			}
			if n > 0 && before[n-1] == "in" {
				// "sold in", "selling and distributing the products in"
				for k := n - 2; k >= 0 && k >= n-6; k-- {
					if tradeWords[before[k]] {
						ok = true
						break
					}
					if strings.ContainsAny(before[k], ",;.") {
						break
					}
				}
			}
		}
		if !ok {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			c := ms[j]
			if c.kind == kg.KindCompany && !x.hyphenModifier(c) && (x.sameClause(c.start, c.end, m.start, m.end) || x.relativeTo(c, m)) {
				x.b.edge(c.id, kg.RelOperatesIn, m.id, "", nil, ev)
				break
			}
		}
	}
}

// appositionBefore is the index of the company or body a place mention
// ms[i] describes in apposition (", the LOC", ", the largest LOC", ", the
// Microsoft-backed LOC"), or -1.
func (x *extraction) appositionBefore(ms []mention, i int) int {
	at := ms[i].start
	j := i - 1
	// A hyphenated modifier inside the apposition ("the Microsoft-backed")
	// is not what it describes.
	if j > 0 && x.hyphenModifier(ms[j]) && ms[j].end <= at && !strings.Contains(strings.TrimSpace(x.masked[ms[j].end:at]), " ") {
		at = ms[j].start
		j--
	}
	if j < 0 || ms[j].anaphor || !(ms[j].kind == kg.KindCompany || ms[j].kind == kg.KindEntity || ms[j].kind == kg.KindAgency) {
		return -1
	}
	gap := strings.Fields(strings.ToLower(x.between(ms[j].end, at)))
	if len(gap) == 0 || gap[0] != "," {
		return -1
	}
	if len(gap) == 1 {
		return j
	}
	if gap[1] != "the" && gap[1] != "a" && gap[1] != "an" || len(gap) > 4 {
		return -1
	}
	// "the largest", "the other big": plain lower-case words only.
	for _, w := range gap[2:] {
		for k := 0; k < len(w); k++ {
			if (w[k] < 'a' || w[k] > 'z') && w[k] != '-' {
				return -1
			}
		}
	}
	return j
}

// basedIn reads "X, which is based in Y", "X is registered in Y, Z" and
// "X, headquartered in Y": the place, and the country after a city. The
// company is the one "which" follows, else the clause's subject when a
// verb "is" comes before the trigger, else the name nearest before.
func (x *extraction) basedIn(si int, ms []mention, ev kg.Evidence) {
	s := x.sents[si]
	lower := x.lower(si)
	if !strings.Contains(lower, " in ") || !(strings.Contains(lower, "based") || strings.Contains(lower, "headquartered") || strings.Contains(lower, "located") || strings.Contains(lower, "registered")) {
		return // the trigger's words are rare: most sentences cost two scans
	}
	seated := func(k kg.Kind) bool {
		return k == kg.KindCompany || k == kg.KindEntity || k == kg.KindAgency
	}
	for _, loc := range fast(reBasedIn).FindAllStringIndex(lower) {
		a, b := s.start+loc[0], s.start+loc[1]
		vloc := reVerbBefore.FindStringIndex(tail(lower[:loc[0]], 30))
		if negatedBefore(tail(lower[:loc[0]], 60)) {
			continue
		}
		var places []mention
		for _, m := range ms {
			if m.start < b {
				continue
			}
			if len(places) == 0 && m.kind == kg.KindLocation && m.start-b <= 6 {
				places = append(places, m)
				continue
			}
			if len(places) == 1 && m.kind == kg.KindLocation && strings.TrimSpace(x.masked[places[0].end:m.start]) == "," {
				places = append(places, m)
			}
			break
		}
		if len(places) == 0 {
			continue
		}
		pre := strings.TrimSpace(tail(lower[:loc[0]], 30))
		if vloc != nil {
			pre = strings.TrimSpace(tail(lower[:loc[0]], 30)[:vloc[0]])
		}
		verb := vloc != nil && !strings.HasSuffix(pre, "which") && !strings.HasSuffix(pre, "that")
		var subj *mention
		for j := len(ms) - 1; j >= 0; j-- {
			m := ms[j]
			if m.end > a || !seated(m.kind) || isList(m.known) {
				continue
			}
			if subj == nil {
				mm := m
				subj = &mm
			}
			// "Nord Stream 2 AG, a subsidiary of ... Gazprom, is
			// registered in": the subject the verb agrees with opens
			// the clause.
			if verb && m.start-s.start <= 3 {
				mm := m
				subj = &mm
			}
		}
		if subj == nil {
			continue
		}
		for _, p := range places {
			x.b.edge(subj.id, kg.RelLocatedIn, p.id, "", nil, ev)
		}
	}
}

// seatPhrase reads "'s" and up to three lower-case words after a place
// mention, the last of them a seat noun; it returns where the phrase ends.
func (x *extraction) seatPhrase(m mention, limit int) (int, bool) {
	pos := m.end
	text := x.masked
	if strings.HasSuffix(text[m.start:m.end], "'s") || strings.HasSuffix(text[m.start:m.end], "’s") {
		// the mention holds its possessive
	} else if strings.HasPrefix(text[pos:], "'s") {
		pos += 2
	} else if strings.HasPrefix(text[pos:], "’s") {
		pos += len("’s")
	}
	for n := 0; n < 4; n++ {
		for pos < limit && text[pos] == ' ' {
			pos++
		}
		j := pos
		for j < limit && (text[j] >= 'a' && text[j] <= 'z' || text[j] == '-') {
			j++
		}
		if j == pos || j < limit && text[j] != ' ' && text[j] != ',' && text[j] != '.' && text[j] != ';' {
			return 0, false
		}
		if seatNouns[text[pos:j]] {
			return j, true
		}
		pos = j
		if j < limit && text[j] != ' ' {
			return 0, false
		}
	}
	return 0, false
}

// basedPlace handles the place ms[i] before "-based": the company is the
// name right after ("Chicago-based Boeing"), else the name the phrase is
// in apposition to ("Ripple, a San Francisco-based payments company"),
// else, for "the X-based company", the company the text is about. A
// "City, State-based" phrase places it in the city.
func (x *extraction) basedPlace(si int, ms []mention, i int, ev kg.Evidence) {
	place := ms[i]
	first := i
	if i > 0 && ms[i-1].kind == kg.KindLocation && strings.TrimSpace(x.masked[ms[i-1].end:place.start]) == "," {
		first = i - 1
	}
	where := ms[first]
	end := place.end + strings.IndexFunc(x.masked[place.end+1:], func(r rune) bool { return r == ' ' || r == ',' || r == '.' }) + 1
	org := func(k kg.Kind) bool { return k == kg.KindCompany || k == kg.KindEntity || k == kg.KindAgency }
	if i+1 < len(ms) && org(ms[i+1].kind) && strings.TrimSpace(x.masked[end:ms[i+1].start]) == "" {
		x.b.edge(ms[i+1].id, kg.RelLocatedIn, where.id, "", nil, ev)
		return
	}
	// What the phrase names: a body ("regulator") or a company.
	noun := ""
	if f := strings.Fields(asciiLower(x.masked[end:min(x.sents[si].end, end+40)])); len(f) > 0 {
		noun = strings.Trim(f[len(f)-1], ",.;")
		for _, w := range f {
			if w = strings.Trim(w, ",.;"); seatNouns[w] || w == "app" || w == "platform" {
				noun = w
				break
			}
		}
	}
	body := noun == "regulator" || noun == "watchdog" || noun == "authority"
	if first > 0 && org(ms[first-1].kind) && (ms[first-1].kind == kg.KindAgency) == body && reAppositiveOpen.MatchString(x.masked[ms[first-1].end:where.start]) {
		x.b.edge(ms[first-1].id, kg.RelLocatedIn, where.id, "", nil, ev)
		return
	}
	if !strings.HasSuffix(asciiLower(x.masked[max(x.sents[si].start, where.start-5):where.start]), "the ") {
		return
	}
	// "the Austin, Texas-based automaker": the company last named.
	for j := first - 1; j >= 0; j-- {
		if orgLike(ms[j].kind) && !ms[j].anaphor {
			x.b.edge(ms[j].id, kg.RelLocatedIn, where.id, "", nil, ev)
			return
		}
	}
	for j := si - 1; j >= 0 && si-j <= 3; j-- {
		pm := x.ments[j]
		for k := len(pm) - 1; k >= 0; k-- {
			if pm[k].kind == kg.KindCompany {
				x.b.edge(pm[k].id, kg.RelLocatedIn, where.id, "", nil, ev)
				return
			}
		}
	}
	// No company near: "the automaker" is the one the story is about.
	if !body && x.firstCompany != nil {
		x.b.edge(x.firstCompany.id, kg.RelLocatedIn, where.id, "", nil, ev)
	}
}
