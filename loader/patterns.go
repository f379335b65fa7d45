package loader

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

var (
	numWord     = `(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})`
	groupTyp    = `(?:entit(?:y|ies)|units?|subsidiar(?:y|ies)|affiliates?)`
	reGroup     = regexp.MustCompile(`\b(` + numWord + `)\s+((?:of\s+(?:its|their)\s+)?(?:[\p{L}-]+\s+){0,2}?)(` + groupTyp + `)\b(?:\s+and\s+(` + numWord + `)\s+((?:[\p{L}-]+\s+){0,2}?)(` + groupTyp + `)\b)?(?:\s+(?:linked|tied|affiliated|connected)\s+(?:to|with)\s+)?`)
	reGroupEnum = regexp.MustCompile(`(?i)\bthe\s+(?:` + numWord + `)\s+(?:` + groupTyp + `)\s+are\b`)
	reList      = regexp.MustCompile(`\b(?:to|on|onto)\s+(?:(?:a|an|the|its|their)\s+)?((?:[\p{L}-]+\s+){0,4}?list\b(?:\s+of\s+(?:companies|entities|firms|organi[sz]ations)(?:\s+(?:deemed|considered|seen|regarded)\s+(?:to\s+be\s+)?(?:an?\s+)?(?:[\p{L}-]+\s+){0,3}?(?:concerns?|threats?|risks?))?)?)`)
	reEntList   = regexp.MustCompile(`\bEntity List\b`)
	reAnaCo     = regexp.MustCompile(`\b(?:the|this)\s+(?:[\p{L}-]+\s+){0,2}?(?:company|firm)\b`)
	reAnaAg     = regexp.MustCompile(`\bthe\s+(?:agency|department|ministry|bureau|commission|regulator|watchdog|office)\b`)
	reAnaPer    = regexp.MustCompile(`\b(?:[Ss]he|[Hh]e)\b`)
)

var numberWords = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

func parseCount(s string) int {
	if n, ok := numberWords[strings.ToLower(s)]; ok {
		return n
	}
	n, _ := strconv.Atoi(s)
	return n
}

// patternMentions finds what phrase patterns name rather than capitalised
// words: groups of linked entities and the lists they are put on.
func (x *extraction) patternMentions(si int) []mention {
	s := x.sents[si]
	text := x.masked[s.start:s.end]
	var ms []mention
	lower := x.lower(si)
	if s.kind.minable() && hints.groupWords.in(x.hintsIn(si)) {
		for _, m := range fast(reGroup).FindAllStringSubmatchIndex(lower) {
			if x.enumerated {
				break // "The two affiliates are X and Y": the members are named
			}
			owner, ok := x.groupOwner(si, s.start+m[0], s.start+m[1], text[m[0]:m[1]])
			if !ok {
				continue
			}
			name := "Entities linked to " + owner.name
			k := newKnown(kg.KindEntity, name)
			end := m[7]
			if m[13] > 0 {
				end = m[13]
			}
			mm := mention{known: k, start: s.start + m[0], end: s.start + end, sent: si}
			ms = append(ms, mm)
			count := parseCount(text[m[2]:m[3]])
			if m[8] >= 0 {
				count += parseCount(text[m[8]:m[9]])
			}
			x.groups = append(x.groups, groupFact{id: k.id, owner: owner, count: count, start: mm.start, end: mm.end, sent: si})
		}
	}
	if s.kind.minable() && hints.list.in(x.hintsIn(si)) {
		for _, m := range fast(reList).FindAllStringSubmatchIndex(lower) {
			ps := m[2]
			low := strings.ToLower(text[ps:m[3]])
			pre := low[:strings.Index(low+"list", "list")]
			if i := strings.LastIndex(pre, " to "); i >= 0 {
				ps += i + 4
				for _, art := range []string{"a ", "an ", "the ", "its ", "their "} {
					if strings.HasPrefix(strings.ToLower(text[ps:]), art) {
						ps += len(art)
						break
					}
				}
			}
			m[2] = ps
			phrase := text[m[2]:m[3]]
			if after := strings.TrimLeft(text[m[3]:], " "); strings.EqualFold(phrase, "list") && strings.HasSuffix(strings.ToLower(text[:m[2]]), "to ") &&
				after != "" && after[0] >= 'A' && after[0] <= 'Z' {
				continue // "preparing to list Grindr": the verb and its object, not a list
			}
			key := "Entity List"
			if strings.Contains(strings.ToLower(phrase), "sanction") {
				key = "Sanctions List"
			}
			k := known{kind: kg.KindEntity, id: kg.NodeID(kg.KindEntity, key), key: key, name: phrase}
			ms = append(ms, mention{known: k, start: s.start + m[2], end: s.start + m[3], sent: si})
		}
		for _, m := range fast(reEntList).FindAllStringIndex(text) {
			ms = append(ms, mention{known: newKnown(kg.KindEntity, "Entity List"), start: s.start + m[0], end: s.start + m[1], sent: si})
		}
	}
	return ms
}

func trimRight(text string, a, b int) int {
	for b > a && (text[b-1] == ' ' || text[b-1] == '\t') {
		b--
	}
	return b
}

// groupFact is a counted group of entities, kept to attach its count.
type groupFact struct {
	id         string
	owner      known
	count      int
	start, end int
	sent       int
}

// groupOwner finds the company a group of entities belongs to: named in
// the phrase ("Kaspersky-linked", "linked to Kaspersky"), referred to ("the
// firm"), or else the company last mentioned.
func (x *extraction) groupOwner(si, start, end int, phrase string) (known, bool) {
	toks := x.toks[si]
	window := end
	if p := strings.ToLower(strings.TrimSpace(phrase)); strings.HasSuffix(p, " to") || strings.HasSuffix(p, " with") {
		window = end + 40 // "linked to Kaspersky"
	}
	for i, t := range toks {
		if t.start < start || t.start > window {
			continue
		}
		if k, ok := x.learnedAt(toks, i); ok && k.kind == kg.KindCompany {
			return k.known, true
		}
	}
	if k, ok := x.last[kg.KindCompany]; ok {
		return k, true
	}
	if x.firstCompany != nil {
		return *x.firstCompany, true // "a holding company and four of its subsidiaries": named later
	}
	return known{}, false
}

// resolveAnaphora adds mentions for definite descriptions and pronouns,
// each pointing to the nearest compatible antecedent before it.
func (x *extraction) resolveAnaphora(si int, ms []mention) []mention {
	s := x.sents[si]
	text := x.masked[s.start:s.end]
	type ana struct {
		kind       kg.Kind
		start, end int
		head       string
	}
	var as []ana
	lower := x.lower(si)
	found := x.hintsIn(si)
	for _, m := range findIf(reAnaCo, lower, found, &hints.anaCo) {
		as = append(as, ana{kg.KindCompany, s.start + m[0], s.start + m[1], ""})
	}
	for _, m := range findIf(reAnaAg, lower, found, &hints.anaAg) {
		head := strings.ToLower(text[m[0]:m[1]])
		as = append(as, ana{kg.KindAgency, s.start + m[0], s.start + m[1], head[strings.LastIndexByte(head, ' ')+1:]})
	}
	for _, m := range findIf(reAnaPer, text, found, &hints.anaPer) {
		as = append(as, ana{kg.KindPerson, s.start + m[0], s.start + m[1], ""})
	}
	if hints.judge.in(found) {
		for _, m := range reAnaJudge.FindAllStringIndex(lower, -1) {
			// "The judge had ordered X suspended": the judge told before
			// ("the Justice Department" is a name of its own).
			a, b := s.start+m[0], s.start+m[1]
			inName := false
			for _, mn := range ms {
				inName = inName || mn.start < b && a < mn.end
			}
			if inName {
				continue
			}
			if k := x.earlierJudge(si, ms, a); k != nil {
				ms = append(ms, mention{known: *k, start: s.start + m[0], end: s.start + m[1], sent: si, anaphor: true})
				ms = dedupeMentions(ms)
			}
		}
	}
	if len(as) == 0 {
		return ms
	}
	out := append([]mention(nil), ms...)
	for _, a := range as {
		var ante *known
		if k, ok := x.last[a.kind]; ok && compatible(k, a.head) {
			ante = &k
		} else if ok && a.head != "" {
			// "The department allowed ..." after a court was named: the
			// nearest body the description fits, further back.
			ante = x.earlierFit(si, a.kind, a.head)
		}
		for i := range ms {
			if ms[i].end <= a.start && ms[i].kind == a.kind && compatible(ms[i].known, a.head) {
				k := ms[i].known
				ante = &k
			}
			if ms[i].start < a.end && a.start < ms[i].end {
				ante = nil // overlaps a real mention ("the Commerce Department")
				break
			}
		}
		if ante == nil {
			continue
		}
		out = append(out, mention{known: *ante, start: a.start, end: a.end, sent: si, anaphor: true})
	}
	return dedupeMentions(out)
}

// compatible reports whether an antecedent fits a definite description:
// "the department" or "the ministry" is a department, "the agency" any
// government body.
func compatible(k known, head string) bool {
	switch head {
	case "department", "ministry":
		n := strings.ToLower(k.name)
		return strings.Contains(n, "department") || strings.Contains(n, "ministry")
	case "bureau", "commission", "office":
		return strings.Contains(strings.ToLower(k.name), head)
	}
	return true
}

// findIf runs re only when one of the hints of g occurs in the sentence.
func findIf(re *regexp.Regexp, text string, found *hintMask, g *hintGroup) [][]int {
	if !g.in(found) {
		return nil
	}
	return fast(re).FindAllStringIndex(text)
}

// earlierFit is the latest mention of kind before sentence si that fits the
// definite description head ("the department"), or nil. It looks back a
// few sentences only: a description takes up a body recently told.
func (x *extraction) earlierFit(si int, kind kg.Kind, head string) *known {
	for j := si - 1; j >= 0 && si-j <= 6; j-- {
		ms := x.ments[j]
		for i := len(ms) - 1; i >= 0; i-- {
			if ms[i].kind == kind && compatible(ms[i].known, head) {
				k := ms[i].known
				return &k
			}
		}
	}
	return nil
}

// reAnaJudge: a judge referred to by the office ("the judge").
var reAnaJudge = regexp.MustCompile(`\bthe\s+(?:judge|justice|magistrate)\b`)

// earlierJudge is the latest person named with a judicial title before pos
// (in the sentence, then up to six sentences back), or nil.
func (x *extraction) earlierJudge(si int, ms []mention, pos int) *known {
	judicial := func(m mention) bool {
		if m.kind != kg.KindPerson || m.anaphor {
			return false
		}
		t := tail(x.lowerText[:m.start], 12) // "Supreme Court Justice Alexandre de Moraes"
		if m.title != nil {
			t = strings.ToLower(m.title.title)
		}
		return strings.Contains(t, "judge") || strings.Contains(t, "justice") || strings.Contains(t, "magistrate")
	}
	for i := len(ms) - 1; i >= 0; i-- {
		if ms[i].end <= pos && judicial(ms[i]) {
			k := ms[i].known
			return &k
		}
	}
	for j := si - 1; j >= 0 && si-j <= 6; j-- {
		pm := x.ments[j]
		for i := len(pm) - 1; i >= 0; i-- {
			if judicial(pm[i]) {
				k := pm[i].known
				return &k
			}
		}
	}
	return nil
}
