package loader

import (
	"regexp"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// Lists of an act's targets: enumerations after a trigger and
// sentences that name more members of a told act.

// possessiveAt reports whether a mention is a possessive ("Delmora's").
func (x *extraction) possessiveAt(m mention) bool {
	rest := x.masked[m.end:min(len(x.masked), m.end+4)]
	return strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") || strings.HasSuffix(x.masked[m.start:m.end], "'s") || strings.HasSuffix(x.masked[m.start:m.end], "’s")
}

// enumeration collects the named members of a list that is the object of
// an act starting at from (cont: from ends a first member already read): companies, entities and people separated by
// commas, "and", and short unnamed items or descriptors, until a word
// that heads another phrase or the clause ends.
func (x *extraction) enumeration(si int, ms []mention, from int, cont bool) []known {
	return x.enumerationOf(si, ms, from, cont, false)
}

// enumerationOf is enumeration; with places set, a country or place named
// as an item ("mainland China as well as Hong Kong and Macau") is one.
func (x *extraction) enumerationOf(si int, ms []mention, from int, cont, places bool) []known {
	var out []known
	prev := from
	for i, m := range ms {
		if m.start < from {
			continue
		}
		gapText := x.masked[prev:m.start]
		// "Hydra as well as Garantex": a conjunction.
		lowGap := strings.Replace(x.lowerText[prev:m.start], " as well as ", " and ", 1)
		gap := strings.Fields(lowGap)
		// Only the words after the gap's last comma lead into the name:
		// ", a maker of lithography tools, and Cambricon" is an item, an
		// appositive and a conjunction.
		lead := lowGap
		if c := strings.LastIndexByte(lead, ','); c >= 0 {
			lead = lead[c+1:]
		}
		if strings.ContainsAny(gapText, ";:.\"“”()") || len(gap) > 9 || headedElsewhere(lead) {
			break
		}
		if (prev != from || cont) && hasPreposition(gap) {
			break // "... and UMC for stealing secrets from Micron": another phrase
		}
		if len(out) > 0 && !strings.Contains(gapText, ",") && !strings.Contains(" "+lowGap+" ", " and ") {
			break // two names with nothing joining them: not one list
		}
		if (m.kind == kg.KindAgency && !x.modifierAt(m)) || m.kind == kg.KindOrder {
			break
		}
		if places && m.kind == kg.KindLocation && !m.anaphor && !x.possessiveAt(m) && (!x.modifierAt(m) || joinedAfter(x.lowerText[m.end:min(len(x.lowerText), m.end+5)])) {
			if !containsKnown(out, m.known) {
				out = append(out, m.known)
			}
			prev = m.end
			continue
		}
		if isList(m.known) || m.kind == kg.KindLocation || m.kind == kg.KindAgency || m.anaphor {
			continue // "Russian" in "senior Russian officials" is part of an item
		}
		if m.kind != kg.KindPerson && i+1 < len(ms) && ms[i+1].kind == kg.KindPerson && titledBy(x.lowerText[m.end:ms[i+1].start]) {
			continue // "Gazprom chief executive Alexei Miller": the person
		}
		if x.possessiveAt(m) {
			continue // "Deripaska's holding company En+ Group": the company
		}
		if !containsKnown(out, m.known) {
			out = append(out, m.known)
		}
		prev = m.end
	}
	return out
}

// modifierAt reports whether a mention qualifies the noun after it
// ("senior Russian government officials"): a lower-case word follows.
func (x *extraction) modifierAt(m mention) bool {
	rest := strings.TrimLeft(x.masked[m.end:min(len(x.masked), m.end+20)], " ")
	return rest != "" && rest[0] >= 'a' && rest[0] <= 'z'
}

// reMoreMembers opens a sentence that names more targets of the act the
// story tells: "Among those added were", "Those named included", "Other
// tycoons on the list included".
var reMoreMembers = regexp.MustCompile(`^\W*(?:among\s+)?(?:those|the\s+[a-z]+|other\s+[a-z]+)\s+(?:added|named|listed|sanctioned|hit|designated|targeted|blacklisted|on\s+the\s+list)\s+(?:were|was|are|is|included|include|also\s+included)\b`)

// moreMembers reads such a sentence as a continuation of the story's
// act of the kind its verb names (or its main order).
func (x *extraction) moreMembers(si int, ms []mention) []orderRef {
	s := x.sents[si]
	loc := reMoreMembers.FindStringSubmatchIndex(x.lower(si))
	if loc == nil {
		return nil
	}
	a, b := s.start+loc[0], s.start+loc[1]
	o := orderRef{sent: si, start: a, end: b, typ: "any", modality: "asserted", ref: true, members: true}
	phrase := x.lower(si)[loc[0]:loc[1]]
	switch {
	case strings.Contains(phrase, "sanction") || strings.Contains(phrase, "blacklist"):
		o.typeFilter = "sanction"
	case strings.Contains(phrase, "added") || strings.Contains(phrase, "list") || strings.Contains(phrase, "designat"):
		o.typeFilter = "designation"
	}
	o.targets = x.enumeration(si, ms, b, false)
	if len(o.targets) == 0 {
		return nil
	}
	return []orderRef{o}
}

// listPreps are prepositions that, between two names, put the second in
// another phrase than the list.
var listPreps = map[string]bool{"from": true, "with": true, "to": true, "against": true, "on": true, "into": true,
	"about": true, "under": true, "than": true, "through": true, "via": true, "by": true}

func hasPreposition(words []string) bool {
	for _, w := range words {
		if listPreps[strings.Trim(w, ",")] {
			return true
		}
	}
	return false
}

// titledBy reports whether the words between an organisation and a person
// are a title ("chief executive", "founder"): the organisation qualifies
// the person.
func titledBy(gap string) bool {
	w := strings.Fields(gap)
	if len(w) == 0 || len(w) > 3 || strings.ContainsAny(gap, ",;:.") {
		return false
	}
	for k := range w {
		if _, ok := lex.titleByKey[strings.Join(w[k:], " ")]; ok {
			return true
		}
	}
	return roleNouns[w[len(w)-1]] != ""
}

// reCovers: a told act said to reach more targets ("the rules cover its
// A100 and H100 chips", "the ban also applies to Instagram").
var reCovers = regexp.MustCompile(`(?:\b(?:the|this|these|its|their)\s+(?:[a-z-]+\s+){0,2}?(rules|controls|restrictions|curbs|measures|order|ban|sanctions)|^\W*(it))\s+(?:also\s+)?(?:cover|covers|covered|apply\s+to|applies\s+to|applied\s+to|extend\s+to|extends\s+to)\b`)

// coveredMembers reads such a sentence: the named objects after the verb
// are more targets of the act its noun names (an export measure for
// "rules", a ban for "ban"), else of the story's main order.
func (x *extraction) coveredMembers(si int, ms []mention) []orderRef {
	if !hints.covers.in(x.hintsIn(si)) {
		return nil
	}
	low := x.lower(si)
	loc := reCovers.FindStringSubmatchIndex(low)
	if loc == nil {
		return nil
	}
	s := x.sents[si]
	a, b := s.start+loc[0], s.start+loc[1]
	o := orderRef{sent: si, start: a, end: b, typ: "any", modality: "asserted", ref: true, members: true}
	noun := "it" // "It covers mainland China": the story's act
	if loc[2] >= 0 {
		noun = low[loc[2]:loc[3]]
	}
	switch noun {
	case "it":
		// "The order directs ... It covers mainland China": the act last
		// told.
		for j := len(x.orders) - 1; j >= 0; j-- {
			if c := &x.orders[j]; !c.ref {
				o.typeFilter = c.typ
				break
			}
		}
	case "rules", "controls", "restrictions", "curbs":
		if x.toldBefore("export controls") {
			o.typeFilter = "export controls"
		}
	case "ban":
		o.typeFilter = "ban"
	case "sanctions":
		o.typeFilter = "sanction"
	}
	// What an act covers may be places: "It covers mainland China as well
	// as Hong Kong and Macau".
	o.targets = x.frameObjects(si, ms, b, true)
	if len(o.targets) == 0 {
		return nil
	}
	return []orderRef{o}
}

// joinedAfter reports whether the words after a name join it to the next
// item ("Hong Kong and Macau") rather than qualify a noun.
func joinedAfter(after string) bool {
	return strings.HasPrefix(after, " and ") || strings.HasPrefix(after, " or ") || strings.HasPrefix(after, " as ")
}
