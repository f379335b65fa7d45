package loader

import (
	"regexp"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// claimParticiples report, after a clause, what its subject claims ("X
// blocked Facebook, accusing it of ...", "sued, arguing that ...").
var claimParticiples = map[string]bool{"saying": true, "accusing": true, "arguing": true}

// thatVerbs report a claim when "that" follows within a few words.
var thatVerbs = map[string]bool{"found": true, "finds": true, "concluded": true, "concluding": true, "finding": true, "disclosed": true, "determined": true}

// claimWord is a cheap first test for the words of claimParticiples,
// thatVerbs and "described", run on every token: all end in "d", "g" or
// "s" ("finds").
func claimWord(w string) bool {
	if len(w) < 5 {
		return false
	}
	switch w[len(w)-1] {
	case 'd', 'g', 's':
		return claimParticiples[w] || thatVerbs[w] || w == "described"
	}
	return false
}

var weakSpeech = map[string]bool{"added": true, "adds": true, "announced": true, "announces": true, "noted": true, "warned": true, "claimed": true, "claims": true}

// reLongAppositive: a name's appositive set off by two commas, with no
// clause or quotation inside.
var reLongAppositive = regexp.MustCompile(`^\s*,[^,.;"“”()]{3,120},\s*$`)

var reQuoted = regexp.MustCompile(`["“]([^"”]{3,})["”]`)

// speechAt returns the byte offset of the first verb of saying in the
// sentence, or -1.
func (x *extraction) speechVerbs(si int) []token {
	if x.verbs == nil {
		x.verbs = make([][]token, len(x.sents))
		x.verbsDone = make([]bool, len(x.sents))
	}
	if !x.verbsDone[si] {
		x.verbs[si] = x.findSpeechVerbs(si)
		x.verbsDone[si] = true
	}
	return x.verbs[si]
}

func (x *extraction) findSpeechVerbs(si int) []token {
	var out []token
	toks := x.toks[si]
	for i, t := range toks {
		// "In the United States, ...": a capitalised word inside a
		// sentence is part of a name, not a verb of saying.
		if t.cap && i > 0 {
			continue
		}
		if !t.speech() && !claimWord(t.lower) {
			continue
		}
		if !t.speech() && !claimParticiples[t.lower] {
			// "The authority found that ...", "after concluding that ...",
			// "had disclosed a day earlier that": a finding is a claim
			// when "that" opens it; "described the case as ...".
			next := ""
			if i+1 < len(toks) {
				next = toks[i+1].lower
			}
			if !(thatVerbs[t.lower] && (next == "that" || i+4 < len(toks) && (toks[i+3].lower == "that" || toks[i+4].lower == "that") && !t.punctAfter)) && !(t.lower == "described" && strings.Contains(x.lower(si)[t.end-x.sents[si].start:], " as ")) {
				continue
			}
		}
		// "has added three entities", "announced a ban" are not speech:
		// these verbs report words only at a clause end or before "that".
		if weakSpeech[t.lower] && !t.punctAfter && i+1 < len(toks) && toks[i+1].lower != "that" {
			continue
		}
		out = append(out, t)
	}
	return out
}

// speaker finds who says something in the sentence: the mention right
// before a verb of saying ("the Commerce Department said", "she added") or
// right after it ("says the department", "said Raimondo").
func (x *extraction) speaker(si int, ms []mention, kinds ...kg.Kind) (known, bool) {
	ok := func(k kg.Kind) bool {
		if len(kinds) == 0 {
			return k == kg.KindAgency || k == kg.KindPerson || k == kg.KindCompany
		}
		for _, kk := range kinds {
			if kk == k {
				return true
			}
		}
		return false
	}
	for _, v := range x.speechVerbs(si) {
		if claimParticiples[v.lower] || strings.HasSuffix(v.lower, "ing") {
			// "It rejected a remedy offered by Microsoft, saying ...": the
			// pronoun is the body that spoke last, not the name after it.
			if st := x.toks[si]; len(st) > 0 && st[0].lower == "it" {
				if x.lastSpeaker != nil && ok(x.lastSpeaker.kind) {
					return *x.lastSpeaker, true
				}
				continue
			}
			// "China has told operators ... Micron Technology, saying":
			// a country is the subject; no body named after it spoke.
			if len(ms) > 0 && x.namedCountry(ms[0]) && ms[0].start-x.sents[si].start <= 4 {
				continue
			}
			// "X had closed its office in Brazil, saying": a platform
			// that opens the sentence speaks for itself.
			if len(kinds) == 0 && len(ms) > 0 && ms[0].kind == kg.KindEntity && !isList(ms[0].known) && ms[0].start == x.sents[si].start {
				return ms[0].known, true
			}
			// "X banned it, saying that ...": the speaker is the subject.
			for i, m := range ms {
				if m.end <= v.start && ok(m.kind) {
					// "Treasury Secretary Steven Mnuchin had defended the
					// agreement, saying": the person the title names.
					if m.kind != kg.KindPerson && i+1 < len(ms) && ms[i+1].kind == kg.KindPerson && ok(kg.KindPerson) && ms[i+1].start >= m.end && ms[i+1].start-m.end <= 24 && !strings.ContainsAny(x.masked[m.end:ms[i+1].start], ",;.") {
						return ms[i+1].known, true
					}
					return m.known, true
				}
			}
			continue
		}
		for i := len(ms) - 1; i >= 0; i-- {
			m := ms[i]
			if m.end <= v.start && v.start-m.end <= 30 && ok(m.kind) && !strings.ContainsAny(x.masked[m.end:v.start], ".\"”“") {
				if p, yes := x.appositiveHead(ms, i, v.start); yes && ok(p.kind) {
					return p, true // "Daniel Elwell, the FAA's acting administrator, told"
				}
				return m.known, true
			}
		}
		// "Brian Nelson, the Treasury's under secretary for terrorism and
		// financial intelligence, said": a long appositive between.
		for _, m := range ms {
			if m.end <= v.start && ok(m.kind) && !m.anaphor && reLongAppositive.MatchString(x.masked[m.end:v.start]) {
				return m.known, true
			}
		}
		// "Volkswagen, which is based in Wolfsburg, Germany, said" and
		// "United Airlines, the largest U.S. operator of the model, said":
		// an aside with commas of its own.
		for _, m := range ms {
			if m.end <= v.start && ok(m.kind) && !m.anaphor && commaAside(x.masked[m.end:v.start]) {
				return m.known, true
			}
		}
		// "alleges that Zhao ...": what follows "that" is the claim, not
		// its speaker (an inverted "said Raimondo" has no "that").
		if !strings.HasPrefix(strings.TrimLeft(x.lowerText[v.end:min(x.sents[si].end, v.end+8)], " "), "that ") {
			for i, m := range ms {
				if m.start >= v.end && m.start-v.end <= 12 && ok(m.kind) {
					// "said Treasury Secretary Scott Bessent": the person
					// the title names, not the body in the title.
					if m.kind != kg.KindPerson && i+1 < len(ms) && ms[i+1].kind == kg.KindPerson && ok(kg.KindPerson) && ms[i+1].start >= m.end && ms[i+1].start-m.end <= 24 && !strings.ContainsAny(x.masked[m.end:ms[i+1].start], ",;.") {
						return ms[i+1].known, true
					}
					return m.known, true
				}
			}
		}
		// "it added", "it said": the last agency or company that spoke.
		pre := strings.ToLower(strings.TrimSpace(x.masked[maxInt(x.sents[si].start, v.start-4):v.start]))
		if strings.HasSuffix(pre, "it") && x.lastSpeaker != nil && ok(x.lastSpeaker.kind) {
			return *x.lastSpeaker, true
		}
		// "Nick Clegg ... and Jennifer Newstead called the fine ... and
		// said": the second verb shares the sentence's subject.
		if k, yes := x.sharedSubject(si, ms, v); yes && ok(k.kind) {
			return k, true
		}
		// "The Irish watchdog, which oversees Meta ..., said", "because the
		// court said", "Prosecutors said": a body named by what it is.
		if k, yes := x.describedSpeaker(si, ms, v); yes && ok(k.kind) {
			return k, true
		}
	}
	return known{}, false
}

// commaAside reports whether gap, between a name and its verb, is one
// aside set off by commas: a relative clause (", which ...,") or a noun
// phrase (", the largest U.S. operator of the model,"), with no quotation,
// no clause break and no full stop other than an abbreviation's.
func commaAside(gap string) bool {
	if len(gap) < 5 || len(gap) > 150 || gap[0] != ',' {
		return false
	}
	t := strings.TrimRight(gap, " ")
	// "Nick Clegg, Meta's president of global affairs, later said".
	for _, adv := range []string{" later", " also", " had", " has", " previously", " earlier"} {
		t = strings.TrimSuffix(t, adv)
	}
	if t[len(t)-1] != ',' || strings.ContainsAny(gap, ";\"“”()") {
		return false
	}
	gap = t
	for i := 0; i < len(gap); i++ {
		// A full stop counts only after a single capital ("U.S.").
		if gap[i] == '.' && (i == 0 || gap[i-1] < 'A' || gap[i-1] > 'Z' || i > 1 && isLetterByte(gap[i-2])) {
			return false
		}
	}
	first := strings.Fields(gap[1:])
	if len(first) == 0 {
		return false
	}
	switch strings.ToLower(first[0]) {
	case "which", "who", "whose", "the", "a", "an", "its", "their", "his", "her":
		return true
	}
	// "Nick Clegg, Meta's president of global affairs, later said".
	return strings.HasSuffix(first[0], "'s") || strings.HasSuffix(first[0], "’s")
}

// sharedSubject reads "X ... called the fine \"...\" and said": a verb of
// saying right after "and" whose subject opens the sentence, past a
// leading phrase ("In a blog post, Nick Clegg ...").
func (x *extraction) sharedSubject(si int, ms []mention, v token) (known, bool) {
	s := x.sents[si]
	if !strings.HasSuffix(x.lowerText[maxInt(s.start, v.start-5):v.start], " and ") {
		return known{}, false
	}
	from := s.start
	if c := strings.IndexByte(x.masked[s.start:v.start], ','); c >= 0 && c < 30 {
		switch x.toks[si][0].lower {
		case "in", "on", "at", "after", "later", "earlier", "separately", "meanwhile":
			from = s.start + c + 1
		}
	}
	for _, m := range ms {
		if m.start < from {
			continue
		}
		if m.start-from <= 3 && m.kind == kg.KindPerson && m.end <= v.start {
			return m.known, true
		}
		break
	}
	return known{}, false
}

// coSpeakers are the other persons a subject joins with "and" before the
// verb: "Nick Clegg, the company's president of global affairs, and chief
// legal officer Jennifer Newstead called ... and said".
func (x *extraction) coSpeakers(si int, ms []mention, sp known, spAt, verb int) []known {
	var out []known
	if sp.kind != kg.KindPerson || spAt < 0 || verb < 0 {
		return nil
	}
	for _, m := range ms {
		if m.kind != kg.KindPerson || m.start <= spAt || m.end > verb || m.id == sp.id || m.anaphor {
			continue
		}
		gap := x.lowerText[spAt:m.start]
		if strings.ContainsAny(gap, ";\"“”") || !(strings.HasSuffix(strings.TrimRight(gap, " "), " and") || reAndTitle.MatchString(gap)) {
			continue
		}
		out = append(out, m.known)
	}
	return out
}

// reAndTitle: "... and chief legal officer " right before a name.
var reAndTitle = regexp.MustCompile(`\band\s+(?:[a-z-]+\s+){1,4}$`)

// reDescribedSpeaker: a body named by a description right before a verb
// of saying, possibly across an aside: "The Irish watchdog, which oversees
// Meta ..., said", "the court said", "Prosecutors said".
var reDescribedSpeaker = regexp.MustCompile(`(?:\bthe\s+(?:[a-z-]+\s+){0,2}?(authority|regulator|watchdog|court|agency|commission|ministry|department)|(?:^|\s)(prosecutors))\s*(?:,[^"“”;]{3,150},\s*)?(?:(?:later|also|had|has|have|previously|earlier)\s+){0,2}$`)

// describedHeads are the nouns reDescribedSpeaker ends on.
var describedHeads = []string{"authority", "regulator", "watchdog", "court", "agency", "commission", "ministry", "department", "prosecutors"}

// hasAny reports whether s contains one of words: plain searches that
// spare a regular expression on most sentences.
func hasAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// describedSpeaker resolves a described speaker before verb v to the
// nearest body named before it that fits the description: a court for
// "the court", a justice department or prosecutor's office for
// "prosecutors", any agency otherwise.
func (x *extraction) describedSpeaker(si int, ms []mention, v token) (known, bool) {
	s := x.sents[si]
	pre := x.lowerText[maxInt(s.start, v.start-220):v.start]
	if !hasAny(pre, describedHeads) {
		return known{}, false // most sentences: no description, no regular expression
	}
	loc := reDescribedSpeaker.FindStringSubmatchIndex(pre)
	if loc == nil {
		return known{}, false
	}
	head := ""
	if loc[2] >= 0 {
		head = pre[loc[2]:loc[3]]
	} else {
		head = pre[loc[4]:loc[5]]
	}
	at := maxInt(s.start, v.start-220) + loc[0]
	headEnd := maxInt(s.start, v.start-220) + maxInt(loc[3], loc[5])
	// "The Irish watchdog": the body must be that country's.
	var country *known
	for i := range ms {
		if ms[i].kind == kg.KindLocation && ms[i].start >= at && ms[i].end <= headEnd {
			country = &ms[i].known
		}
	}
	fits := func(m mention) bool {
		if m.kind != kg.KindAgency {
			return false
		}
		if country != nil && !strings.Contains(m.name, country.name) {
			if _, ok := x.b.edges[kg.EdgeID(m.id, kg.RelLocatedIn, country.id, "")]; !ok {
				return false
			}
		}
		n := strings.ToLower(m.name)
		switch head {
		case "court":
			return strings.Contains(n, "court")
		case "prosecutors":
			return strings.Contains(n, "justice") || strings.Contains(n, "attorney") || strings.Contains(n, "prosecut")
		case "ministry", "department", "commission":
			return strings.Contains(n, head)
		}
		return !strings.Contains(n, "court")
	}
	for i := len(ms) - 1; i >= 0; i-- {
		if ms[i].end <= at && fits(ms[i]) {
			return ms[i].known, true
		}
		if ms[i].start < headEnd && ms[i].end > at && ms[i].kind != kg.KindLocation { // "the Irish watchdog" is still a description
			return known{}, false // a name inside the phrase: not a bare description
		}
	}
	for j := si - 1; j >= 0 && si-j <= 6; j-- {
		pm := x.ments[j]
		for i := len(pm) - 1; i >= 0; i-- {
			if fits(pm[i]) {
				return pm[i].known, true
			}
		}
	}
	return known{}, false
}

// namedCountry reports whether m names a country by its name, not by a
// demonym ("American users") or a possessive ("China's market").
func (x *extraction) namedCountry(m mention) bool {
	return m.kind == kg.KindLocation && lex.countryNames[m.name] && !x.possessiveAt(m) && !lex.gaz[kg.AliasKey(x.masked[m.start:m.end])].demonym
}

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// sentenceRelations applies the titles, the relation lexicon and the
// attribution of claims to one sentence.
func (x *extraction) sentenceRelations(si int, ms []mention) {
	s := x.sents[si]
	ev := x.b.evidence(s.start, s.end, si)
	// Titles hold in captions too: "Eugene Kaspersky, CEO of Kaspersky Lab".
	for _, m := range ms {
		if m.title == nil || m.kind != kg.KindPerson {
			continue
		}
		x.b.nodeAttr(m.id, kg.AttrTitle, m.title.title)
		if m.title.org != nil {
			x.b.ensureNode(*m.title.org, &ev)
			x.b.edge(m.id, m.title.rel, m.title.org.id, "", nil, ev)
		}
	}
	ms = x.unitNames(si, ms, ev)
	x.possessiveTitles(si, ms, ev)
	x.itsUnits(si, ms, ev)
	x.personsCompanies(si, ms, ev)
	x.ownership(si, ms, ev)
	x.seats(si, ms, ev)
	x.personRoles(si, ms, ev)
	if !s.kind.minable() {
		return
	}
	lower := x.lower(si)
	found := x.hintsIn(si)
	for ri, r := range lex.relations {
		if !hints.relations[ri].in(found) {
			continue
		}
		for _, loc := range fast(r.re).FindAllStringIndex(lower) {
			a, b := s.start+loc[0], s.start+loc[1]
			if negatedBefore(tail(lower[:loc[0]], 60)) {
				continue
			}
			subj, ok1 := x.pick(ms, r.subj, r.subjAt, a, b)
			obj, ok2 := x.pick(ms, r.obj, r.objAt, a, b)
			if !ok1 || !ok2 || subj.id == obj.id {
				continue
			}
			if r.typ == kg.RelChallenges && x.actAt(si, a, b) {
				continue // "Micron sued Fujian Jinhua": its own lawsuit, not a challenge
			}
			attrs := map[string]string{}
			if r.modality != "" {
				attrs[kg.AttrModality] = r.modality
			}
			switch r.typ {
			case kg.RelDenied, kg.RelWarned, kg.RelChallenges, kg.RelUrged:
				attrs[kg.AttrStatement] = strings.TrimSpace(x.text[s.start:s.end])
			}
			x.b.edge(subj.id, r.typ, obj.id, "", attrs, ev)
			x.sentEdges[si] = append(x.sentEdges[si], subj)
		}
	}
	// Claims: who said what.
	if sp, ok := x.speaker(si, ms); ok {
		spk := sp
		x.lastSpeaker = &spk
		var obj *known
		verb := -1
		for _, v := range x.speechVerbs(si) {
			verb = v.end
			break
		}
		spAt := -1
		official := false // the speaker holds a public post named here
		for _, m := range ms {
			if m.id == sp.id {
				spAt = m.start
				official = m.title != nil && m.title.org != nil && m.title.org.kind == kg.KindAgency
				break
			}
		}
		usable := func(m mention) bool {
			// "Garlinghouse said the company would fight": a person's
			// "the company" is the one he speaks for, unless an official
			// speaks of it ("Commerce Secretary Gina Raimondo said ...
			// the company poses a risk").
			if sp.kind == kg.KindPerson && !official && m.anaphor && m.kind == kg.KindCompany {
				return false
			}
			return m.id != sp.id && m.kind != kg.KindLocation && m.kind != kg.KindDate && m.kind != kg.KindOrder && !x.isOrgOf(sp.id, m.id) && !x.qualifies(m, spAt)
		}
		// "X said Y ...": what follows the verb; '"...," X said': what the
		// quotation before the speaker names.
		if v, ok := x.claimAbout(si, ms, spAt, usable); ok {
			obj = &v // "blocked Facebook, accusing it of ...": the one just named
		}
		if obj == nil && spAt >= 0 && spAt < verb {
			// What the statement is about: the act it names, else the
			// first thing named after the verb (not the place it was
			// said: "told reporters at the White House").
			for _, m := range ms {
				if m.start >= verb && m.kind == kg.KindOrder && !reClauseSep.MatchString(x.lowerText[verb:m.start]) && x.reportedAct(si, m.id, sp.id) {
					k := m.known
					obj = &k
					break
				}
			}
			for _, m := range ms {
				if obj == nil && m.start >= verb && usable(m) && !x.placeOfSaying(m) {
					k := m.known
					obj = &k
					break
				}
			}
		}
		clauseFrom := -1
		for _, m := range ms {
			// A name before the speaker in another clause ("The
			// regulator moved against Instagram after Meta said") is not
			// what it said.
			if obj != nil || !usable(m) || m.start >= verb && verb >= 0 && x.placeOfSaying(m) {
				continue
			}
			if m.start < spAt && clauseFrom < 0 {
				clauseFrom = x.clauseStart(si, spAt)
				clauseFrom += lastSubordinate(x.lowerText[clauseFrom:spAt]) // "... after Meta said": the clause "after" opens
			}
			if m.start > spAt || spAt < 0 || m.start >= clauseFrom {
				k := m.known
				obj = &k
			}
		}
		// "said the exchange let American users trade with users in Iran":
		// the country the claim names when it names nothing else.
		for _, m := range ms {
			if obj == nil && verb >= 0 && m.start >= verb && x.namedCountry(m) && !(x.placeOfSaying(m) && m.start-verb <= 28) && !reClauseSep.MatchString(x.lowerText[verb:m.start]) {
				k := m.known
				obj = &k
			}
		}
		// "said it was gravely concerned about the order" in a story with
		// no main act: the act the story told last.
		if obj == nil && x.main == nil && verb >= 0 && hasAny(x.lowerText[verb:s.end], actBackRefs) {
			if k, ok := x.latestAct(si); ok {
				obj = &k
			}
		}
		if obj == nil && x.main != nil {
			k := x.mainKnown()
			obj = &k
		}
		if obj != nil {
			stmt := strings.TrimSpace(x.text[s.start:s.end])
			if !strings.ContainsAny(stmt, "\"“") {
				// no quotation: the sentence is the statement
			} else if q := reQuoted.FindStringSubmatch(stmt); q != nil {
				stmt = q[1]
			}
			x.b.edge(sp.id, kg.RelStated, obj.id, "", map[string]string{kg.AttrStatement: stmt}, ev)
			for _, co := range x.coSpeakers(si, ms, sp, spAt, verb) {
				if co.id != obj.id {
					x.b.edge(co.id, kg.RelStated, obj.id, "", map[string]string{kg.AttrStatement: stmt}, ev)
				}
			}
		}
	}
}

// claimAbout reads "X blocked Facebook, accusing it of ...": a claim
// participle followed by a pronoun is about the last thing named between
// the speaker and the participle.
func (x *extraction) claimAbout(si int, ms []mention, spAt int, usable func(mention) bool) (known, bool) {
	toks := x.toks[si]
	for _, v := range x.speechVerbs(si) {
		if !claimParticiples[v.lower] || v.lower == "saying" {
			continue
		}
		i := 0
		for i < len(toks) && toks[i].start != v.start {
			i++
		}
		if i+1 >= len(toks) {
			return known{}, false
		}
		t := toks[i]
		switch toks[i+1].lower {
		case "it", "him", "her", "them":
		default:
			return known{}, false
		}
		for j := len(ms) - 1; j >= 0; j-- {
			if m := ms[j]; m.end <= t.start && m.start > spAt && usable(m) {
				return m.known, true
			}
		}
		return known{}, false
	}
	return known{}, false
}

// actBackRefs point back at an act already told.
var actBackRefs = []string{"the order", "the decision", "the ban", "the sanctions", "the measures", "such measures", "the rules", "the ruling", "the move"}

// latestAct is the last act introduced up to sentence si whose node was
// made.
func (x *extraction) latestAct(si int) (known, bool) {
	for i := len(x.orders) - 1; i >= 0; i-- {
		o := &x.orders[i]
		if o.sent > si || o.ref || o.sameAs != 0 || o.skip || o.negated {
			continue
		}
		if n, ok := x.b.nodes[o.id]; ok && n.Kind == kg.KindOrder {
			return known{kind: kg.KindOrder, id: o.id, name: n.Name, key: o.key}, true
		}
	}
	return known{}, false
}

// unitWordsAfter name a part of a company after its own name: "the
// company's Xbox business", "Alphabet's Waymo unit".
var unitWordsAfter = map[string]bool{"business": true, "unit": true, "division": true, "brand": true, "arm": true}

// unitNames finds the name of a company's part that no list knows from its
// place between a company's possessive and a unit noun ("the company's
// Xbox business"): one or two capitalised words that are no common word
// and no place. It returns the mentions with the new one, in text order.
func (x *extraction) unitNames(si int, ms []mention, ev kg.Evidence) []mention {
	if !x.sents[si].kind.minable() {
		return ms
	}
	toks := x.toks[si]
	var added []mention
	for _, m := range ms {
		if m.kind != kg.KindCompany || !x.possessiveAt(m) {
			continue
		}
		// The first token after the possessive.
		i := 0
		for i < len(toks) && toks[i].start < m.end {
			i++
		}
		n := 0
		for n < 2 && i+n < len(toks) && toks[i+n].cap && !toks[i+n].common() && !toks[i+n].possessive && !toks[i+n].punctAfter {
			if _, ok := x.gazAt(toks, i+n); ok {
				break
			}
			n++
		}
		if n == 0 || i+n >= len(toks) || !unitWordsAfter[toks[i+n].lower] {
			continue
		}
		a, b := toks[i].start, toks[i+n-1].end
		taken := false
		for _, o := range ms {
			taken = taken || o.start < b && a < o.end
		}
		if taken {
			continue
		}
		u := mention{known: newKnown(kg.KindEntity, x.masked[a:b]), start: a, end: b, sent: si}
		x.b.mention(u)
		added = append(added, u)
	}
	if len(added) == 0 {
		return ms
	}
	out := append(append([]mention(nil), ms...), added...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// subordinators open a relative or subordinate clause (reRelClause's
// words, found with plain searches: this runs once per claim).
var subordinators = []string{", which", ",which", ", who", ",who", ", where", " when ", " after ", " before ", " while ", " although ", " because "}

// lastSubordinate is the offset in seg right after the last word that
// opens a subordinate clause, or 0.
func lastSubordinate(seg string) int {
	// The latest end of any occurrence: one backward pass that tests the
	// words only where one of their last bytes stands.
	for e := len(seg); e > 0; e-- {
		if !subordinatorEnds[seg[e-1]] {
			continue
		}
		for _, w := range subordinators {
			if strings.HasSuffix(seg[:e], w) {
				return e
			}
		}
	}
	return 0
}

// subordinatorEnds holds the last bytes of the subordinators.
var subordinatorEnds = func() (b [256]bool) {
	for _, w := range subordinators {
		b[w[len(w)-1]] = true
	}
	return b
}()

// qualifies reports whether m is the possessive that names the speaker's
// parent body right before it ("Treasury's Office of Foreign Assets
// Control said", "the department's Bureau of Industry and Security"): who
// speaks, not what is spoken of.
func (x *extraction) qualifies(m mention, speakerAt int) bool {
	return speakerAt >= m.end && speakerAt-m.end <= 3 && x.possessiveAt(m)
}

// pick chooses a relation end by the rule's position.
func (x *extraction) pick(ms []mention, kinds []kg.Kind, at string, a, b int) (known, bool) {
	has := func(k kg.Kind) bool {
		for _, kk := range kinds {
			if kk == k {
				return true
			}
		}
		return false
	}
	// A relation's object stands near its trigger: "Sigma Chain AG,
	// another company owned by Zhao" is not owned by a company named
	// further on.
	const reach = 80
	switch at {
	case "before":
		for i := len(ms) - 1; i >= 0; i-- {
			if ms[i].end <= a+1 && has(ms[i].kind) && !isList(ms[i].known) {
				return ms[i].known, true
			}
		}
	case "after":
		for _, m := range ms {
			if m.start >= b-1 && has(m.kind) && !isList(m.known) {
				if m.start-b > reach {
					break
				}
				return m.known, true
			}
		}
	case "main":
		if x.main != nil {
			return x.mainKnown(), true
		}
	case "maintarget":
		if x.main != nil && len(x.main.targets) > 0 {
			return x.main.targets[0], true
		}
	}
	return known{}, false
}

func isList(k known) bool {
	return k.kind == kg.KindEntity && strings.HasSuffix(k.id, "-list")
}

// isOrgOf reports whether org is the body person heads or belongs to in
// this document ("EDPB chair Tomas Varga said": the EDPB is not what he
// speaks about).
func (x *extraction) isOrgOf(person, org string) bool {
	for _, t := range []kg.RelType{kg.RelHeads, kg.RelMemberOf} {
		if _, ok := x.b.edges[kg.EdgeID(person, t, org, "")]; ok {
			return true
		}
	}
	return false
}

// itsOwner is the company "its" or "their" refers to at pos in sentence
// si: a company named before pos in the sentence, else the subject of the
// nearest earlier sentence that names one ("Chicago-based Boeing said ...
// Its chief executive, Dennis Muilenburg," is Boeing's, not that of the
// airline named last). A possessive name is not a subject.
func (x *extraction) itsOwner(si, pos int) (known, bool) {
	ms := x.ments[si]
	var best *mention
	for i := range ms {
		if ms[i].end <= pos && (ms[i].kind == kg.KindCompany || ms[i].kind == kg.KindAgency && pos-ms[i].end <= 30 && x.sameClause(ms[i].start, ms[i].end, pos, pos)) {
			best = &ms[i] // "the CMA under its chief executive, Sarah Cardell"
		}
	}
	if best != nil {
		return best.known, true
	}
	// The subject of the nearest earlier sentence that has one near its
	// start; any other kind of subject there ends the search.
	for j := si - 1; j >= 0 && si-j <= 3; j-- {
		for _, m := range x.ments[j] {
			if m.start-x.sents[j].start > 40 {
				break // past where a subject stands
			}
			if x.possessiveAt(m) || x.hyphenModifier(m) {
				continue
			}
			if m.kind == kg.KindCompany || m.kind == kg.KindAgency {
				return m.known, true
			}
			return known{}, false
		}
	}
	// No subject near: a guess at the last company named would attach the
	// officer to the wrong one.
	return known{}, false
}

// hyphenModifier reports whether a mention only qualifies the name after
// it ("Chicago-based Boeing", "Microsoft-backed"): it is not the subject.
func (x *extraction) hyphenModifier(m mention) bool {
	return m.end < len(x.masked) && x.masked[m.end] == '-'
}

// titleCountry is the country named right before a title ("Bahamas
// Attorney General"), or "": a foreign official is not made head of the
// US department the bare title implies.
func (x *extraction) titleCountry(toks []token, i int) string {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if g, ok := x.gazAt(toks, j); ok && j+g.n == i && g.e.kind == kg.KindLocation && g.e.country == "" {
			return g.e.name
		}
		if !toks[j].cap {
			break
		}
	}
	return ""
}

// juniorTitle reports whether the word before a title makes its holder a
// member rather than the head ("Assistant Attorney General").
func juniorTitle(toks []token, i int) bool {
	if i == 0 {
		return false
	}
	switch toks[i-1].word {
	case "Deputy", "Under", "Assistant", "Associate":
		return true
	}
	return false
}

// roleNouns are heads of official titles the title lexicon does not list,
// with the relation they imply.
var roleNouns = map[string]kg.RelType{
	"administrator": kg.RelHeads, "officer": kg.RelMemberOf, "counsel": kg.RelMemberOf,
	"adviser": kg.RelMemberOf, "advisor": kg.RelMemberOf, "official": kg.RelMemberOf,
	"spokesperson": kg.RelMemberOf, "spokesman": kg.RelMemberOf, "spokeswoman": kg.RelMemberOf,
	"member": kg.RelMemberOf, "lawyer": kg.RelMemberOf, "leader": kg.RelHeads,
	"justice": kg.RelMemberOf,
}

// possessiveTitles links a person to the body whose title a possessive
// gives them: "Daniel Elwell, the FAA's acting administrator",
// "Joe Murillo, Juul's chief regulatory officer", "Treasury's under
// secretary Jane Roe".
func (x *extraction) possessiveTitles(si int, ms []mention, ev kg.Evidence) {
	s := x.sents[si]
	for i, m := range ms {
		if m.kind != kg.KindAgency && m.kind != kg.KindCompany {
			continue
		}
		if !x.possessiveAt(m) {
			continue
		}
		rest := x.masked[m.end:s.end]
		rest = strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(rest, "'s"), "’s"), " ")
		// The title: up to four lower-case or title words before a comma,
		// the end or a person's name.
		words := strings.Fields(rest)
		var title []string
		var rel kg.RelType
		for _, w := range words {
			if len(title) == 4 {
				break
			}
			clean := strings.TrimRight(w, ",.;")
			low := strings.ToLower(clean)
			title = append(title, low)
			if r, ok := roleNouns[low]; ok {
				rel = r
			} else if tr, ok := lex.titleByKey[clean]; ok {
				rel = tr.rel
			} else if r, ok := roleOf(clean); ok && clean == low {
				rel = r // "the Treasury's under secretary": a title in lower case
			} else if len(title) > 1 && clean != low && rel != "" {
				title = title[:len(title)-1]
				break // "the Agency's title Name": the name starts
			}
			if clean != w {
				break // the title ends at a comma: its last title word decides
			}
		}
		if rel == "" {
			continue
		}
		if rel != kg.RelHeads && rel != kg.RelMemberOf {
			rel = kg.RelHeads
		}
		if len(title) > 1 && (title[0] == "deputy" || title[0] == "under" || title[0] == "assistant") {
			rel = kg.RelMemberOf
		}
		for k := 1; k+1 < len(title); k++ {
			if title[k] == "of" || title[k] == "for" {
				rel = kg.RelMemberOf // "president of global affairs": one portfolio, not the head
			}
		}
		var p *mention
		// "Name, the Agency's title": the person just before.
		if i > 0 && ms[i-1].kind == kg.KindPerson {
			gap := strings.ToLower(strings.TrimSpace(x.masked[ms[i-1].end:m.start]))
			if gap == ", the" || gap == "," || gap == ", its" {
				p = &ms[i-1]
			}
		}
		// "the Agency's title Name".
		if p == nil && i+1 < len(ms) && ms[i+1].kind == kg.KindPerson {
			if len(strings.Fields(x.masked[m.end:ms[i+1].start])) <= 5 {
				p = &ms[i+1]
			}
		}
		if p == nil || (p.title != nil && p.title.org != nil) {
			continue
		}
		x.b.nodeAttr(p.id, kg.AttrTitle, strings.Join(title, " "))
		x.b.edge(p.id, rel, m.id, "", nil, ev)
	}
}

// appositiveHead: when the mention ms[i] before a verb at v sits in an
// appositive set off by commas after a person or an organisation
// ("Jessica Rosenworcel, the FCC's acting chairwoman, said", "Tesla, led
// by chief executive Elon Musk, has long said"), that one is the subject.
func (x *extraction) appositiveHead(ms []mention, i, v int) (known, bool) {
	if !strings.Contains(x.masked[ms[i].end:v], ",") {
		return known{}, false
	}
	for j := i - 1; j >= 0; j-- {
		p := ms[j]
		gap := x.masked[p.end:ms[i].start]
		if (p.kind == kg.KindPerson || p.kind == kg.KindCompany || p.kind == kg.KindAgency) && strings.HasPrefix(strings.TrimSpace(gap), ",") && strings.Count(x.masked[p.end:v], ",") == 2 && !strings.ContainsAny(x.masked[p.end:v], ".;\"“”") {
			return p.known, true
		}
		if strings.ContainsAny(gap, ".;") {
			break
		}
	}
	return known{}, false
}

var rePlaceBefore = regexp.MustCompile(`\b(?:at|in|from|outside|on)\s+(?:the\s+)?$`)

// placeOfSaying reports whether a mention is where something was said
// ("at the White House", "in a post on X"), not what.
func (x *extraction) placeOfSaying(m mention) bool {
	return rePlaceBefore.MatchString(x.lowerText[max(0, m.start-16):m.start])
}

// reportedAct reports whether order id, named in sentence si, is an act a
// speaker reports on rather than one it makes itself ("the White House
// said it will ban": its own order, an announcement, not a claim) or the
// law it invokes.
func (x *extraction) reportedAct(si int, id, speaker string) bool {
	for _, i := range x.ordersIn(si) {
		o := &x.orders[i]
		if o.id != id || o.authority || o.negated {
			continue
		}
		if o.issuer != nil && o.issuer.id == speaker {
			return false
		}
		if r := x.orderByID(id); r != nil && r.issuer != nil && r.issuer.id == speaker {
			return false
		}
		return true
	}
	return false
}

// orderByID is the order that introduced id.
func (x *extraction) orderByID(id string) *orderRef {
	for i := range x.orders {
		if o := &x.orders[i]; o.id == id && !o.ref && o.sameAs == 0 {
			return o
		}
	}
	return nil
}

// actAt reports whether a new act of a frame kind was read at [a, b).
func (x *extraction) actAt(si, a, b int) bool {
	for _, i := range x.ordersIn(si) {
		o := &x.orders[i]
		if o.frame && !o.ref && o.start < b && a < o.end {
			return true
		}
	}
	return false
}

// reItsUnit: "its aluminum unit", "its wholly owned subsidiary,", "its
// token,", "Its" before a name: the name belongs to the subject.
var reItsUnit = regexp.MustCompile(`(?i)\bits\s+((?:[a-z][\w-]*\s+){0,3}?)(?:([a-z][\w-]*)\s*,?\s*)?$`)

// unitWords make the named thing a subsidiary rather than a product.
var unitWords = map[string]bool{"unit": true, "subsidiary": true, "affiliate": true, "division": true, "arm": true, "business": true}

// itsUnits links a name introduced by "its" to the company or body the
// pronoun refers to: "En+ Group, its aluminum unit United Co Rusal",
// "its wholly owned subsidiary, Ticketmaster", "its token, XRP", "Its
// Financial Crimes Enforcement Network".
func (x *extraction) itsUnits(si int, ms []mention, ev kg.Evidence) {
	s := x.sents[si]
	if !s.kind.minable() || !strings.Contains(x.lower(si), "its ") {
		return
	}
	for _, m := range ms {
		if m.anaphor || isList(m.known) || (m.kind != kg.KindCompany && m.kind != kg.KindEntity && m.kind != kg.KindAgency) {
			continue
		}
		before := tail(x.masked[s.start:m.start], 60)
		loc := reItsUnit.FindStringSubmatchIndex(before)
		if loc == nil {
			continue
		}
		words := strings.Fields(strings.ToLower(before[loc[0]:]))
		head := strings.Trim(words[len(words)-1], ",")
		pos := m.start - len(before) + loc[0]
		owner, ok := x.itsOwner(si, pos)
		if !ok && m.kind == kg.KindAgency && pos == s.start && si > 0 {
			// "... investigations by the Treasury Department. Its
			// Financial Crimes Enforcement Network": a body's unit
			// belongs to the body the sentence before ends on.
			pm := x.ments[si-1]
			for j := len(pm) - 1; j >= 0; j-- {
				if pm[j].kind == kg.KindAgency {
					owner, ok = pm[j].known, true
					break
				}
			}
		}
		if !ok || owner.id == m.id || (owner.kind == kg.KindAgency) != (m.kind == kg.KindAgency) {
			continue
		}
		rel := kg.RelLinkedTo
		if unitWords[head] {
			rel = kg.RelSubsidiaryOf
		}
		parent := false
		for _, w := range words {
			parent = parent || w == "parent" || w == "owner"
		}
		if parent {
			// "Rusal, its parent company En+ Group": the other way round.
			x.b.edge(owner.id, kg.RelSubsidiaryOf, m.id, "", nil, ev)
			continue
		}
		x.b.edge(m.id, rel, owner.id, "", nil, ev)
	}
}

var (
	// "Viktor Vekselberg, whose Renova Group": the person's company.
	reWhoseGap = regexp.MustCompile(`^\s*,\s*whose\s+$`)
	// "Deripaska's holding company En+ Group": a company word between.
	rePossCompanyGap = regexp.MustCompile(`^(?:['’]s)?\s+(?:[a-z][\w-]*\s+){0,3}?(?:company|firm|group|business|holding|conglomerate|empire|exchange)\s+$`)
)

// personsCompanies reads a person's company from "X, whose Y" and "X's
// holding company Y": the person HEADS it (control is the reading these
// phrases give; the text names no finer role).
func (x *extraction) personsCompanies(si int, ms []mention, ev kg.Evidence) {
	if !x.sents[si].kind.minable() {
		return
	}
	for i := 0; i+1 < len(ms); i++ {
		p, c := ms[i], ms[i+1]
		if p.kind != kg.KindPerson || (c.kind != kg.KindCompany && c.kind != kg.KindEntity) || c.anaphor {
			continue
		}
		gap := x.masked[p.end:c.start]
		if reWhoseGap.MatchString(gap) || rePossCompanyGap.MatchString(asciiLower(gap)) {
			x.b.edge(p.id, kg.RelHeads, c.id, "", nil, ev)
		}
	}
}
