package loader

import (
	"regexp"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

var (
	// "Name, [the] [words] title of [the] Body": the title's last word
	// is in the group.
	reTitleOfGap = regexp.MustCompile(`^\s*,\s+(?:the\s+|a\s+)?(?:[\p{L}.-]+\s+){0,3}?([\p{L}-]+)\s+(?:of|at|for)\s+(?:the\s+)?$`)
	// "Name, who runs [the] ...": the person heads what the clause names.
	// "Binance named Richard Teng, previously ..., as its new chief
	// executive": the title the person takes at the subject.
	reNamedBefore = regexp.MustCompile(`\b(?:named|appointed|picked|tapped|hired|chose|promoted)\s+$`)
	reAsTitle     = regexp.MustCompile(`^(?:\s*,[^,.;]{0,80},)?\s+as\s+(?:its|their|the\s+company's|the)\s+(?:new\s+|next\s+|interim\s+|permanent\s+)?([a-z][a-z -]{1,40}?)\s*(?:[,.;]|$)`)
	// "... who later joined UMC and then became president of Fujian
	// Jinhua": the person named before heads the body after.
	reBecameTitle = regexp.MustCompile(`\b(?:became|becomes|become|was\s+named|was\s+appointed)\s+(?:the\s+|its\s+)?((?:[a-z-]+\s+){0,2}?[a-z-]+)\s+(?:of|at)\s+(?:the\s+)?$`)
	reWhoRuns     = regexp.MustCompile(`^\s*,\s+who\s+(?:also\s+)?(?:runs|ran|heads|headed|leads|led|chairs|chaired|founded|co-founded|oversees|oversaw)\s+`)
)

// roleOf gives the relation a title word implies: a head ("director",
// "director-general", "secretary") or a member ("commissioner",
// "lawyer"); ok is false for a word that is no title.
func roleOf(word string) (kg.RelType, bool) {
	w := strings.ToLower(word)
	if i := strings.IndexByte(w, '-'); i > 0 && w[:i] != "co" && w[:i] != "vice" {
		w = w[:i] // "director-general": a director
	}
	if r, ok := roleNouns[w]; ok {
		return r, true
	}
	for _, k := range []string{w, upperFirst(w)} {
		if tr, ok := lex.titleByKey[k]; ok && (tr.rel == kg.RelHeads || tr.rel == kg.RelMemberOf) {
			return tr.rel, true
		}
	}
	return "", false
}

// personRoles links a person to a body an appositive names: "Kashifu
// Inuwa Abdullahi, director-general of the National Information
// Technology Development Agency", "Nikolai Patrushev, secretary of
// Russia's Security Council", "Phil Spencer, who runs the company's Xbox
// business", "Larsen, who ran Ripple". A title a mention already carries
// with its body is left alone.
func (x *extraction) personRoles(si int, ms []mention, ev kg.Evidence) {
	s := x.sents[si]
	if !s.kind.minable() {
		return
	}
	body := func(k kg.Kind) bool {
		return k == kg.KindAgency || k == kg.KindCompany || k == kg.KindEntity
	}
	x.appointments(si, ms, ev)
	x.companyHeControls(ms, ev)
	for i, p := range ms {
		if p.kind != kg.KindPerson || p.anaphor || (p.title != nil && p.title.org != nil) {
			continue
		}
		if p.title == nil {
			x.officerTitle(si, ms, i, ev)
		}
		// "Senate Democratic leader Chuck Schumer": a body, a qualifier
		// and a title word right before the name.
		if i > 0 && body(ms[i-1].kind) && !ms[i-1].anaphor && !isList(ms[i-1].known) && ms[i-1].end <= p.start {
			if rel, ok := x.titleBetween(x.masked[ms[i-1].end:p.start]); ok {
				x.b.edge(p.id, rel, ms[i-1].id, "", nil, ev)
				continue
			}
		}
		// The first body after the person, past a possessive place
		// ("of Russia's Security Council").
		j := i + 1
		for j < len(ms) && ms[j].kind == kg.KindLocation && x.possessiveAt(ms[j]) {
			j++
		}
		if j < len(ms) && body(ms[j].kind) && !isList(ms[j].known) {
			gap := x.masked[p.end:ms[min(i+1, j)].start]
			if loc := reTitleOfGap.FindStringSubmatchIndex(gap); loc != nil {
				if rel, ok := roleOf(gap[loc[2]:loc[3]]); ok && !juniorWords(gap) {
					x.b.edge(p.id, rel, ms[j].id, "", nil, ev)
				} else if ok {
					x.b.edge(p.id, kg.RelMemberOf, ms[j].id, "", nil, ev)
				}
				continue
			}
		}
		loc := reWhoRuns.FindStringIndex(x.masked[p.end:s.end])
		if loc == nil {
			continue
		}
		// What the clause names up to its comma: the last body heads,
		// a body named with a possessive before it holds the person.
		stop := p.end + loc[1]
		if c := strings.IndexAny(x.masked[stop:s.end], ",;"); c >= 0 {
			stop += c
		} else {
			stop = s.end
		}
		var named []mention
		for _, m := range ms[i+1:] {
			if m.start >= stop {
				break
			}
			if body(m.kind) && !isList(m.known) {
				named = append(named, m)
			}
		}
		if len(named) == 0 {
			continue
		}
		last := named[len(named)-1]
		if x.possessiveAt(last) {
			// "who runs the company's cloud business": a part of it.
			x.b.edge(p.id, kg.RelMemberOf, last.id, "", nil, ev)
			continue
		}
		x.b.edge(p.id, kg.RelHeads, last.id, "", nil, ev)
		if len(named) > 1 && x.possessiveAt(named[len(named)-2]) && named[len(named)-2].id != last.id {
			x.b.edge(p.id, kg.RelMemberOf, named[len(named)-2].id, "", nil, ev)
		}
	}
}

// titleBetween reads the words between a body and a person's name
// ("Democratic leader"): one to three plain words, the last a title word.
func (x *extraction) titleBetween(gap string) (kg.RelType, bool) {
	if strings.ContainsAny(gap, ",;.:'’\"“”()") {
		return "", false
	}
	f := strings.Fields(gap)
	if len(f) == 0 || len(f) > 3 {
		return "", false
	}
	last := f[len(f)-1]
	if len(f) == 1 {
		// "Brazilian Supreme Court Justice Alexandre de Moraes": a title
		// the lexicon does not give the mention.
		if last == strings.ToLower(last) || !roleNounCap(last) {
			return "", false
		}
	} else if last != strings.ToLower(last) {
		return "", false
	}
	rel, ok := roleOf(last)
	if ok && juniorWords(strings.ToLower(gap)) {
		rel = kg.RelMemberOf
	}
	return rel, ok
}

// roleNounCap reports whether a capitalised word is a role noun
// ("Justice"): only those, since a capitalised word after a body is
// otherwise part of a name.
func roleNounCap(w string) bool {
	_, ok := roleNouns[strings.ToLower(w)]
	return ok
}

// officerTitle reads a company officer's lower-case title right before a
// name in a sentence that names the company before ("Nick Clegg, the
// company's president of global affairs, and chief legal officer Jennifer
// Newstead"): the person holds that post there.
func (x *extraction) officerTitle(si int, ms []mention, i int, ev kg.Evidence) {
	p := ms[i]
	s := x.sents[si]
	before := strings.Fields(tail(x.masked[s.start:p.start], 40))
	n := 0
	for k := len(before) - 1; k >= 0 && n < 3; k-- {
		w := before[k]
		if w != strings.ToLower(w) || strings.ContainsAny(w, ",.;:'’\"“”") {
			break
		}
		n++
	}
	if n < 2 || len(before) == n || before[len(before)-n-1] != "and" {
		return
	}
	rel, ok := titleRel(strings.Join(before[len(before)-n:], " "))
	if !ok {
		return
	}
	owner, ok := x.itsOwner(si, p.start)
	if !ok || owner.kind != kg.KindCompany {
		return
	}
	x.b.edge(p.id, rel, owner.id, "", nil, ev)
}

// titleRel is the relation a lower-case title phrase implies ("chief
// executive", "president"), tried whole and by its last word.
func titleRel(phrase string) (kg.RelType, bool) {
	phrase = strings.TrimSpace(phrase)
	for _, k := range []string{phrase, upperFirst(phrase)} {
		if tr, ok := lex.titleByKey[k]; ok && (tr.rel == kg.RelHeads || tr.rel == kg.RelMemberOf) {
			return tr.rel, true
		}
	}
	f := strings.Fields(phrase)
	if len(f) == 0 {
		return "", false
	}
	return roleOf(f[len(f)-1])
}

// appointments reads "Org named Person as its new title" and "Person ...
// became title of Org".
func (x *extraction) appointments(si int, ms []mention, ev kg.Evidence) {
	s := x.sents[si]
	body := func(k kg.Kind) bool { return k == kg.KindAgency || k == kg.KindCompany }
	for i, p := range ms {
		if p.kind != kg.KindPerson || p.anaphor {
			continue
		}
		if i > 0 && body(ms[i-1].kind) && reNamedBefore.MatchString(x.masked[ms[i-1].end:p.start]) {
			if loc := reAsTitle.FindStringSubmatchIndex(x.masked[p.end:s.end]); loc != nil {
				title := x.masked[p.end+loc[2] : p.end+loc[3]]
				if rel, ok := titleRel(title); ok {
					if juniorWords(title) {
						rel = kg.RelMemberOf
					}
					x.b.edge(p.id, rel, ms[i-1].id, "", nil, ev)
				}
			}
		}
	}
	for j, o := range ms {
		if !body(o.kind) || o.anaphor || j == 0 {
			continue
		}
		before := x.masked[max(s.start, o.start-60):o.start]
		if !strings.Contains(before, "bec") && !strings.Contains(before, "was ") {
			continue // no "became" or "was named": skip the expression
		}
		loc := reBecameTitle.FindStringSubmatchIndex(before)
		if loc == nil {
			continue
		}
		title := before[loc[2]:loc[3]]
		rel, ok := titleRel(title)
		if !ok {
			continue
		}
		if juniorWords(title) {
			rel = kg.RelMemberOf
		}
		verbAt := o.start - len(before) + loc[0]
		for k := j - 1; k >= 0; k-- {
			if ms[k].end <= verbAt && ms[k].kind == kg.KindPerson && !strings.ContainsAny(x.masked[ms[k].end:verbAt], ".;") {
				x.b.edge(ms[k].id, rel, o.id, "", nil, ev)
				break
			}
		}
	}
}

// companyHeControls reads "GAZ Group, the Russian carmaker he controls":
// the person (a name or a resolved pronoun) heads the company.
func (x *extraction) companyHeControls(ms []mention, ev kg.Evidence) {
	for i, c := range ms {
		if c.kind != kg.KindCompany {
			continue
		}
		for _, p := range ms[i+1:] {
			if p.kind == kg.KindLocation {
				continue // "the Russian carmaker"
			}
			if p.kind == kg.KindPerson && reCompanyHeOpen.MatchString(x.masked[c.end:p.start]) && reControlsAfter.MatchString(x.masked[p.end:min(len(x.masked), p.end+24)]) {
				x.b.edge(p.id, kg.RelHeads, c.id, "", nil, ev)
			}
			break
		}
	}
}

// juniorWords reports whether an appositive names a junior post ("deputy
// director of"): its holder is a member, not the head.
func juniorWords(gap string) bool {
	for _, w := range strings.Fields(strings.ToLower(gap)) {
		switch w {
		case "deputy", "assistant", "associate", "under", "vice", "acting":
			return w != "acting"
		}
	}
	return false
}

var (
	// "GAZ Group, the Russian carmaker he controls".
	reCompanyHeOpen = regexp.MustCompile(`^\s*,\s+(?:the|a|an)\s+[^,.;]{0,50}$`)
	reControlsAfter = regexp.MustCompile(`^\s+(?:also\s+)?(?:controls|controlled|owns|owned|founded|co-founded|runs|ran|heads|headed|chairs|chaired|leads|led)\b`)
)
