package loader

import (
	"regexp"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

var (
	// A title right before a person: "Its chief executive, Wei Lan",
	// "Delmora's chief executive, Andreas Kyprianou", "EDPB chair Tomas Varga".
	reTitleBefore = regexp.MustCompile(`(?i)(\b(?:its|their)\s+|['’]s\s+|\s)(chief\s+executive(?:\s+officer)?|ceo|chairman|chairwoman|chairperson|chair|director|founder|head|president|spokesperson|spokesman|spokeswoman)\s*,?\s*$`)
	// "Northgate Analytics, a Cambridge-based maker".
	reApposBased = regexp.MustCompile(`^\s*,\s+an?\s+$`)
)

// structuralRelations reads relations that the arrangement of mentions
// states without a verb: titles in apposition, a body's sub-body ("the
// Treasury's Office of Foreign Assets Control"), a country qualifying a
// body ("Ireland's Data Protection Commission") or a company ("Chinese
// chipmaker Quanhai").
func (x *extraction) structuralRelations(si int, ms []mention) {
	s := x.sents[si]
	ev := x.b.evidence(s.start, s.end, si)
	x.qualifierDates(si)
	for i, m := range ms {
		switch m.kind {
		case kg.KindPerson:
			if m.anaphor || (m.title != nil && m.title.org != nil) {
				continue
			}
			pre := tail(x.masked[s.start:m.start], 60)
			loc := reTitleBefore.FindStringSubmatchIndex(pre)
			if loc == nil {
				continue
			}
			titleStart := m.start - len(pre) + loc[4]
			title := strings.ToLower(pre[loc[4]:loc[5]])
			rel := kg.RelHeads
			if strings.HasPrefix(title, "spokes") {
				rel = kg.RelMemberOf
			}
			var org *known
			lead := strings.ToLower(strings.TrimSpace(pre[loc[2]:loc[3]]))
			if lead == "its" || lead == "their" {
				if k, ok := x.itsOwner(si, titleStart); ok {
					org = &k
				}
			} else {
				for j := i - 1; j >= 0; j-- {
					if ms[j].end <= titleStart && titleStart-ms[j].end <= 3 && (ms[j].kind == kg.KindCompany || ms[j].kind == kg.KindAgency || ms[j].kind == kg.KindEntity) {
						k := ms[j].known
						org = &k
						break
					}
				}
			}
			if org != nil {
				x.b.nodeAttr(m.id, kg.AttrTitle, title)
				x.b.edge(m.id, rel, org.id, "", nil, ev)
			}
		case kg.KindAgency:
			// "The Treasury's Office of Foreign Assets Control".
			if i+1 < len(ms) && ms[i+1].kind == kg.KindAgency && ms[i+1].id != m.id && (isPossessive(x.text[m.start:m.end]) || strings.HasPrefix(x.masked[m.end:ms[i+1].start], "'s") || strings.HasPrefix(x.masked[m.end:ms[i+1].start], "’s")) &&
				len(strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(x.masked[m.end:ms[i+1].start], "'s"), "’s"))) == 0 {
				x.b.edge(ms[i+1].id, kg.RelLinkedTo, m.id, "", nil, ev)
			}
			if m.anaphor {
				continue
			}
			toks := tokenize(x.masked, m.start, m.end)
			if g, ok := x.gazAt(toks, 0); ok && g.e.kind == kg.KindLocation && g.e.country == "" && g.n < len(toks) && g.e.name != "United States" {
				x.b.ensureNode(known{kind: kg.KindLocation, id: g.e.id, name: g.e.name, key: g.e.name}, nil)
				x.b.edge(m.id, kg.RelLocatedIn, g.e.id, "", nil, ev)
			}
		case kg.KindLocation:
			// "Chinese chipmaker Quanhai", "Chinese social media platforms TikTok and WeChat".
			k := i + 1
			if k >= len(ms) || (ms[k].kind != kg.KindCompany && ms[k].kind != kg.KindEntity) || isList(ms[k].known) {
				continue
			}
			gap := strings.Fields(x.masked[m.end:ms[k].start])
			if strings.ContainsAny(x.masked[m.end:ms[k].start], ",;:.\"“”()") || len(gap) > 3 {
				continue
			}
			// "Russia's Positive Technologies", "Russia's state-controlled
			// Gazprom": a place's possessive before a company.
			possessive := isPossessive(x.text[m.start:m.end]) && len(gap) <= 1
			if !possessive && (len(gap) == 0 || !descriptorNoun(gap[len(gap)-1])) {
				continue
			}
			for ; k < len(ms) && (ms[k].kind == kg.KindCompany || ms[k].kind == kg.KindEntity); k++ {
				x.b.edge(ms[k].id, kg.RelLocatedIn, m.id, "", nil, ev)
				if k+1 < len(ms) {
					g := strings.TrimSpace(x.masked[ms[k].end:ms[k+1].start])
					if g != "and" && g != "," {
						break
					}
				}
			}
		case kg.KindCompany, kg.KindEntity:
			// "Northgate Analytics, a Cambridge-based maker".
			if i+1 < len(ms) && ms[i+1].kind == kg.KindLocation && reApposBased.MatchString(x.masked[m.end:ms[i+1].start]) &&
				strings.HasPrefix(x.masked[ms[i+1].end:min(s.end, ms[i+1].end+6)], "-based") {
				x.b.edge(m.id, kg.RelLocatedIn, ms[i+1].id, "", nil, ev)
			}
		}
	}
}

// qualifierDates puts on the timeline the years of sentence si that
// qualify a noun ("a 2019 law", "the 1967-70 civil war"). They date that
// thing, not the sentence's event, so no edge is drawn to them here.
func (x *extraction) qualifierDates(si int) {
	s := x.sents[si]
	for _, d := range x.dc.qualified {
		if d.start >= s.start && d.end <= s.end && d.iso != "" {
			dev := x.b.evidence(d.start, d.end, si)
			x.b.dateNode(d.iso, d.prec, &dev)
		}
	}
}

func isPossessive(s string) bool {
	return strings.HasSuffix(s, "'s") || strings.HasSuffix(s, "’s")
}

// enumerateMembers handles "The two affiliates are X, based in Y, and Z":
// the members are linked to the company the group belongs to and join the
// targets of the orders that named the group.
func (x *extraction) enumerateMembers() {
	if !x.enumerated || x.firstCompany == nil {
		return
	}
	owner := *x.firstCompany
	var members []known
	for si, s := range x.sents {
		loc := reGroupEnum.FindStringIndex(x.masked[s.start:s.end])
		if loc == nil {
			continue
		}
		for _, m := range x.ments[si] {
			if m.start >= s.start+loc[1] && (m.kind == kg.KindCompany || m.kind == kg.KindEntity) && m.id != owner.id && !isList(m.known) {
				members = append(members, m.known)
				x.b.edge(m.id, kg.RelLinkedTo, owner.id, "", nil, x.b.evidence(s.start, s.end, si))
			}
		}
	}
	if len(members) == 0 {
		return
	}
	for i := range x.orders {
		o := &x.orders[i]
		if o.ref || o.authority || o.skip {
			continue
		}
		s := x.sents[o.sent]
		if reGroup.MatchString(x.masked[s.start:s.end]) {
			o.targets = append(o.targets, members...)
		}
	}
}

// descriptorNoun reports whether w describes a company or a platform,
// singular or plural ("Israeli spyware companies NSO Group and Candiru").
func descriptorNoun(w string) bool {
	sing := strings.TrimSuffix(w, "s")
	if strings.HasSuffix(w, "ies") {
		sing = strings.TrimSuffix(w, "ies") + "y"
	}
	return lex.descriptors[w] || lex.entityDesc[w] || lex.descriptors[sing]
}
