package loader

import (
	"regexp"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// An action frame is one official act read from a sentence: a trigger (a
// verb such as "sued" or a noun such as "indictment"), the body or person
// that acts (the issuer), whom it acts on (the targets) and the dates the
// sentence gives. The seed's order kinds (ban, sanction, designation, fine,
// block) keep their own reading in orders.go; the frames below cover every
// other kind of official action with one reading, driven by this table.

// frameKind describes one kind of official action.
type frameKind struct {
	label   string    // display noun: "Lawsuit"
	prep    string    // how the noun takes its target: "against", "of", "on", "by"
	issuers []kg.Kind // who may issue it, nearest first in this order
	// subjectTarget: the act is the subject's own ("Tesla is recalling",
	// "Binance pleaded guilty"): its subject is its target.
	subjectTarget bool
	// family groups kinds a story uses for one act: the SEC's lawsuit is
	// also its charges and its complaint; the FAA's emergency order is the
	// grounding. Empty: the kind itself.
	family string
}

var (
	// Who may perform an act: government bodies always; officials (a judge,
	// a president) for rulings and measures they order themselves; a
	// country for measures it takes as a state ("Canada grounded the jet").
	govIssuers     = []kg.Kind{kg.KindAgency}
	officialActs   = []kg.Kind{kg.KindAgency, kg.KindPerson}
	stateActs      = []kg.Kind{kg.KindAgency, kg.KindPerson, kg.KindLocation}
	suitIssuers    = []kg.Kind{kg.KindAgency, kg.KindCompany}
	subjectIssuers = []kg.Kind{kg.KindAgency}
)

// frameKinds maps an order type of orders.txt to its frame. Types missing
// here are the seed kinds read by findOrders' older rules.
var frameKinds = map[string]frameKind{
	"lawsuit":           {label: "Lawsuit", prep: "against", issuers: suitIssuers, family: "case"},
	"charges":           {label: "Charges", prep: "against", issuers: govIssuers, family: "case"},
	"indictment":        {label: "Indictment", prep: "of", issuers: govIssuers, family: "case"},
	"plea":              {label: "Guilty plea", prep: "by", issuers: subjectIssuers, subjectTarget: true},
	"ruling":            {label: "Ruling", prep: "against", issuers: officialActs},
	"stay":              {label: "Stay", prep: "of", issuers: officialActs},
	"injunction":        {label: "Injunction", prep: "against", issuers: officialActs},
	"recall":            {label: "Recall", prep: "by", issuers: []kg.Kind{kg.KindCompany, kg.KindAgency}, subjectTarget: true},
	"grounding":         {label: "Grounding", prep: "of", issuers: stateActs},
	"arrest":            {label: "Arrest", prep: "of", issuers: govIssuers},
	"denial order":      {label: "Denial order", prep: "on", issuers: govIssuers, family: "ban"},
	"penalty":           {label: "Penalty", prep: "on", issuers: govIssuers},
	"revocation":        {label: "Revocation", prep: "of", issuers: govIssuers},
	"suspension":        {label: "Suspension", prep: "of", issuers: stateActs},
	"freeze":            {label: "Freeze", prep: "on", issuers: officialActs},
	"clearance":         {label: "Clearance", prep: "of", issuers: govIssuers},
	"divestiture order": {label: "Divestiture order", prep: "on", issuers: govIssuers},
	"waiver":            {label: "Waiver", prep: "for", issuers: govIssuers},
	"delisting":         {label: "Delisting", prep: "of", issuers: govIssuers},
	"bail":              {label: "Bail decision", prep: "on", issuers: officialActs},
	"settlement":        {label: "Settlement", prep: "with", issuers: govIssuers},
	"notice":            {label: "Notice of violation", prep: "to", issuers: govIssuers},
	"consent decree":    {label: "Consent decree", prep: "on", issuers: govIssuers},
	"export controls":   {label: "Export controls", prep: "on", issuers: govIssuers},
	"emergency order":   {label: "Emergency order", prep: "on", issuers: stateActs, family: "grounding"},
	"guidance":          {label: "Guidance", prep: "to", issuers: govIssuers},
	"restriction":       {label: "Restriction", prep: "on", issuers: govIssuers},
	"rulemaking":        {label: "Proposed rulemaking", prep: "on", issuers: govIssuers},
	"refusal":           {label: "Refusal", prep: "of a request by", issuers: govIssuers},
}

var (
	// rePassiveBefore: the trigger is a participle after a form of "be"
	// ("was fined", "were added", "has been charged").
	rePassiveBefore = regexp.MustCompile(`\b(?:was|were|been|being|is|are|be|get|gets|got)\s+(?:(?:also|not|later|then|formally|temporarily|jointly|reportedly|already|now|each)\s+)?$`)
	// reDefiniteBefore: a referring noun phrase ("the lawsuit", "that
	// ruling", "its complaint") names an act already introduced.
	reDefiniteBefore = regexp.MustCompile(`\b(?:the|this|that|these|those|its|their|his|her)\s+(?:[\p{L}-]+\s+){0,2}$`)
	// reByAfter: the agent of a passive act ("by Ireland's regulator").
	reByAfter = regexp.MustCompile(`^(?:[^.;]|\.\d){0,100}?\bby\s+`)
)

// frameStop are words that end the object of an act before its target:
// "barred the plane following the crash of an Ethiopian Airlines flight"
// names no target; "executives of Nord Stream 2 AG" is not the company.
var frameStop = map[string]bool{
	"of": true, "that": true, "which": true, "who": true, "after": true, "following": true, "because": true,
	"when": true, "while": true, "for": true, "in": true, "at": true, "since": true, "before": true,
	"said": true, "says": true, "over": true, "amid": true, "as": true, "if": true, "until": true,
}

// isFrame reports whether typ is read as a general action frame.
func isFrame(typ string) bool {
	_, ok := frameKinds[typ]
	return ok
}

// passiveAt reports whether the trigger at [a, b) of sentence si is a
// passive participle: "Meta was fined", "Bankman-Fried was arrested".
func (x *extraction) passiveAt(si, a int) bool {
	s := x.sents[si]
	w := a
	for w < s.end && isWordByte(x.lowerText[w]) {
		w++
	}
	if strings.HasSuffix(x.lowerText[a:w], "ing") {
		return false // "Tesla is recalling": progressive, not passive
	}
	before := tail(x.lowerText[s.start:a], 40)
	return rePassiveBefore.MatchString(before)
}

// clauseStart is the start of the clause holding pos: after the last
// clause separator or relative pronoun before it.
func (x *extraction) clauseStart(si, pos int) int {
	s := x.sents[si]
	start := s.start
	for _, m := range fast(reClauseSep).FindAllStringIndex(x.lowerText[s.start:pos]) {
		start = s.start + m[1]
	}
	for _, m := range reWhose.FindAllStringIndex(x.lowerText[start:pos], -1) {
		start += m[1] // "Vekselberg, whose Renova Group was sanctioned": Renova's clause
		break
	}
	return start
}

var reWhose = regexp.MustCompile(`,\s*whose\s`)

// frameSubject is the first actor of the clause before pos: the subject a
// passive act is done to, or the one who acts ("Binance pleaded guilty").
// An appositive after it ("X, the founder of Y, was arrested") does not
// displace it.
func (x *extraction) frameSubject(si int, ms []mention, pos int, kinds ...kg.Kind) (known, bool) {
	from := x.clauseStart(si, pos)
	for _, m := range ms {
		if m.start < from || m.end > pos {
			continue
		}
		if isList(m.known) || m.kind == kg.KindOrder || x.possessiveAt(m) {
			continue // "Delmora's chief executive, X, was not sanctioned": X
		}
		for _, k := range kinds {
			if m.kind == k {
				return m.known, true
			}
		}
	}
	return known{}, false
}

// frameObjects returns the named objects of an act whose trigger ends at
// from: the first company, entity or person after it, when nothing but
// determiners and modifiers separate them, and those joined to it by
// "and", "or" or commas.
func (x *extraction) frameObjects(si int, ms []mention, from int, allowPlace bool) []known {
	var out []known
	ok := func(m mention) bool {
		if isList(m.known) || m.anaphor && m.kind == kg.KindPerson {
			return false
		}
		switch m.kind {
		case kg.KindCompany, kg.KindEntity, kg.KindPerson:
			return true
		case kg.KindLocation:
			return allowPlace
		}
		return false
	}
	for i, m := range ms {
		if m.start < from {
			continue
		}
		if m.kind == kg.KindOrder && x.isLaw(m.known) && x.lawCue(m.start) {
			from = m.end // "a notice of violation of the Clean Air Act to Volkswagen"
			continue
		}
		gap := strings.Fields(x.lowerText[from:m.start])
		if len(gap) > 4 || strings.ContainsAny(x.masked[from:m.start], ";:.\"“”") || reClauseSep.MatchString(x.lowerText[from:m.start]) {
			break
		}
		if strings.HasPrefix(strings.TrimSpace(x.lowerText[from:m.start]), ",") {
			break // "According to the complaint, Sigma Chain AG ... engaged": a new clause's subject
		}
		if headedElsewhere(x.lowerText[from:m.start]) || strings.Contains(" "+x.lowerText[from:m.start]+" ", " by ") {
			break // "an injunction sought by the company": the agent, not the target
		}
		if !ok(m) {
			if m.kind == kg.KindAgency || m.kind == kg.KindOrder {
				break
			}
			continue
		}
		out = append(out, m.known)
		// The rest of the list: "to Volkswagen AG, its Audi AG unit and
		// Volkswagen Group of America".
		for _, k := range x.enumerationOf(si, ms[i+1:], m.end, true, allowPlace && m.kind == kg.KindLocation) {
			if (allowPlace || k.kind != kg.KindLocation) && !containsKnown(out, k) {
				out = append(out, k)
			}
		}
		// "sued Binance Holdings Ltd., which operates ..., along with BAM
		// Trading Services Inc.": the list goes on after an aside.
		if at := alongWith(x.lowerText[m.end:min(x.sents[si].end, m.end+160)]); at > 0 {
			for _, k := range x.enumeration(si, ms[i+1:], m.end+at, false) {
				if (allowPlace || k.kind != kg.KindLocation) && !containsKnown(out, k) {
					out = append(out, k)
				}
			}
		}
		break
	}
	return out
}

// headedElsewhere reports whether the words between an act's trigger and
// a name make the name part of another phrase: "the crash of", "the
// executives of", "following".
func headedElsewhere(gap string) bool {
	prev := ""
	for gi, w := range strings.Fields(gap) {
		w = strings.Trim(w, ",()")
		if gi == 0 && (w == "of" || w == "against" || w == "on" || w == "to" || w == "with" || w == "for") {
			prev = w
			continue
		}
		if w == "of" && activityOf[prev] {
			prev = w
			continue // "barred the use of X": X is what the act is against
		}
		if frameStop[w] {
			return true
		}
		prev = w
	}
	return false
}

// activityOf are nouns whose "of" complement is what an act targets: "the
// use of", "sales of", "products of".
var activityOf = map[string]bool{
	"use": true, "sale": true, "sales": true, "purchase": true, "purchases": true, "import": true, "imports": true,
	"export": true, "exports": true, "operation": true, "operations": true, "download": true, "downloads": true,
	"distribution": true, "provision": true, "transfer": true, "transfers": true, "supply": true, "products": true,
	"services": true, "software": true, "shares": true, "assets": true, "property": true, "accounts": true,
	// A deal names its parties: "blocked Microsoft's takeover of Activision".
	"takeover": true, "acquisition": true, "merger": true, "deal": true, "stake": true,
}

// frameIssuer finds who performs the act at [a, b): for a passive, the
// agent after "by"; otherwise the nearest actor of an allowed kind before
// the trigger in its clause, then anywhere before it in the sentence.
func (x *extraction) frameIssuer(si int, ms []mention, a, b int, passive bool, fk frameKind) (known, int, bool) {
	s := x.sents[si]
	if passive {
		if loc := reByAfter.FindStringIndex(x.lowerText[b:s.end]); loc != nil {
			at := b + loc[1]
			for _, m := range ms {
				if m.start >= at && m.start-at <= 12 && hasKind(fk.issuers, m.kind) {
					return m.known, m.start, true
				}
			}
		}
		return known{}, 0, false
	}
	from := x.clauseStart(si, a)
	for i := len(ms) - 1; i >= 0; i-- {
		m := ms[i]
		if m.end > a || m.start < from || isList(m.known) || !hasKind(fk.issuers, m.kind) {
			continue
		}
		if m.kind == kg.KindLocation && !lex.countryNames[m.name] {
			continue
		}
		if x.reportsOnly(si, m.end, a) {
			// "China's ministry said the U.S. abused export controls": the
			// speaker reports the act, it does not perform it.
			return known{}, 0, false
		}
		return m.known, m.start, true
	}
	// "The CMA said last month ..., and on Friday it formally cleared
	// it": a pronoun subject takes up the body the sentence opened with;
	// "Roskomnadzor had blocked Facebook ..., and restricted access to
	// Instagram": a clause without a subject shares the sentence's.
	if reItSubject.MatchString(x.lowerText[from:a]) {
		for _, m := range ms {
			if m.start >= from {
				break
			}
			if m.kind == kg.KindAgency && hasKind(fk.issuers, m.kind) && !isList(m.known) {
				return m.known, m.start, true
			}
		}
	}
	return known{}, 0, false
}

// reItSubject: a clause whose subject is "it" right before its verb ("on
// Friday it formally cleared").
var reItSubject = regexp.MustCompile(`^\W*(?:(?:on|in|later|then|also)\s+(?:[\p{L}\d]+\s+){0,2})?(?:it\s+)?(?:[a-z]+ly\s+|also\s+|has\s+|had\s+|then\s+)*$`)

var reSelfPronoun = regexp.MustCompile(`\b(?:it|they|we|he|she)\b`)

// reportsOnly reports whether a verb of saying stands between an actor
// ending at from and a trigger at to, and no pronoun takes the actor up
// again after it ("the FAA said it was issuing" still has the FAA act).
func (x *extraction) reportsOnly(si, from, to int) bool {
	for _, v := range x.speechVerbs(si) {
		if v.start >= from && v.end <= to {
			after := x.lowerText[v.end:to]
			return !reSelfPronoun.MatchString(after) || reStance.MatchString(after)
		}
	}
	gap := x.lowerText[from:to]
	if !strings.Contains(gap, "that") {
		return reStance.MatchString(gap)
	}
	if loc := reThat.FindStringIndex(gap); loc != nil && !reSelfPronoun.MatchString(gap[loc[1]:]) {
		return true // "the listing, published by BIS, means that US suppliers ... export controls"
	}
	return reStance.MatchString(gap)
}

// reThat: "that" opening a clause after a verb of saying or finding ("the
// listing means that US suppliers ..."); a demonstrative ("allowed that
// merger") opens none.
var reThat = regexp.MustCompile(`\b(?:means?|meant|mean|said|says|say|found|finds|argued|argues|claim(?:s|ed)?|believes?|believed|shows?|showed|shown|alleges?|alleged|concluded|noted|notes|warned|warns|stated|states|added|adds|announced|ruled|decided|determined|suggest(?:s|ed)?)\s+that\b`)

// reStance: verbs by which an actor judges another's act ("accused the
// United States of abusing export controls", "opposed the ban").
var reStance = regexp.MustCompile(`\b(?:accus|criticis|criticiz|oppos|condemn|denounc|slam|welcom|reject|protest|challeng|appeal)\w*\b`)

func hasKind(ks []kg.Kind, k kg.Kind) bool {
	for _, c := range ks {
		if c == k {
			return true
		}
	}
	return false
}

// readFrame fills an order of a frame kind from its sentence: voice,
// targets and issuer. It reports false when the trigger asserts no act of
// its own (a bare referring noun with nothing to say).
func (x *extraction) readFrame(o *orderRef, ms []mention, triggerText string) bool {
	fk := frameKinds[o.typ]
	si := o.sent
	s := x.sents[si]
	before := tail(x.lowerText[s.start:o.start], 100)
	passive := x.passiveAt(si, o.start)
	if o.typ == "charges" && strings.HasSuffix(before, " on ") {
		return false // "listed on charges of cooperating": the grounds, not an act
	}
	o.label = frameLabel(fk, triggerText)
	if reFrameAttempt.MatchString(before) && !reGrantedBefore.MatchString(before) {
		o.modality = "attempted" // "lost its bid for a preliminary injunction"
	}
	switch {
	case passive:
		if t, ok := x.frameSubject(si, ms, o.start, kg.KindCompany, kg.KindEntity, kg.KindPerson); ok {
			o.targets = []known{t}
		}
	case fk.subjectTarget:
		if t, ok := x.frameSubject(si, ms, o.start, kg.KindCompany, kg.KindEntity, kg.KindPerson); ok {
			o.targets = []known{t}
			if fk.issuers[0] == kg.KindCompany && t.kind == kg.KindCompany {
				o.issuer = &t
			}
		}
		if len(o.targets) == 0 && o.typ != "plea" {
			o.targets = x.frameObjects(si, ms, o.end, false) // "recalling 2 million vehicles"
		}
		if o.typ == "plea" {
			// "pleaded guilty ... to settle with the Justice Department":
			// the plea is made to the prosecuting body.
			if k, at, ok := x.agencyWith(si, ms, o.end); ok {
				o.issuer, o.issuerAt = &k, at
			}
		}
	default:
		from := o.end
		if o.inside {
			from = o.start
		}
		if o.typ == "ruling" {
			// "ruled that Google is a monopolist": the ruling is on what
			// follows.
			if m := reRuledThat.FindStringIndex(x.lowerText[from:s.end]); m != nil {
				from += m[1]
			}
		}
		o.targets = x.frameObjects(si, ms, from, o.typ == "export controls")
		if o.typ == "refusal" {
			// "refused a request by China Mobile to offer services": the
			// one who asked is the one refused.
			o.targets = x.requester(si, ms, o.end)
		}
		if len(o.targets) == 0 && o.typ == "export controls" {
			// "restrictions on exports of advanced chips and chipmaking
			// equipment to China": the country the goods go to.
			if k, ok := x.destination(si, ms, o.end); ok {
				o.targets = []known{k}
			}
		}
		if len(o.targets) == 0 && o.typ == "freeze" {
			// "had frozen the Brazilian bank accounts of Starlink": the
			// holder of what is frozen is the target.
			if at := holdingsOf(x.lowerText[o.end:min(s.end, o.end+80)]); at >= 0 {
				o.targets = x.frameObjects(si, ms, o.end+at, false)
			}
		}

	}
	if o.issuer == nil {
		if k, at, ok := x.frameIssuer(si, ms, o.start, o.end, passive, fk); ok && !containsKnown(o.targets, k) {
			o.issuer = &k
			o.issuerAt = at
		}
	}
	definite := reDefiniteBefore.MatchString(tail(before, 40))
	o.own = strings.Contains(before, " own ") && reOwnBefore.MatchString(tail(before, 40))
	// An act without a named target stands on its own only when a noun
	// names it ("an emergency order", "an indictment") and a body or
	// official issues it; otherwise it refers to one already told.
	noun := o.label != fk.label || isNounTrigger(fk, triggerText)
	o.verb = !noun
	if len(o.targets) == 0 && (definite || o.issuer == nil || !noun || o.issuer.kind == kg.KindLocation) {
		o.ref, o.typeFilter = true, o.typ
		if a := refAlias(triggerText); noun && !vagueRef[a] && len(o.targets) == 0 {
			o.alias = a // "the lawsuit": the act's short name
		}
		return true
	}
	o.separate = reSeparateBefore.MatchString(tail(before, 40))
	if o.issuer != nil && o.issuer.kind == kg.KindLocation {
		o.byPlace = o.issuer.name
	}
	return true
}

// reFrameAttempt: an act asked for, not granted.
var reFrameAttempt = regexp.MustCompile(`\b(?:bid|bids|request|requests|requested|requesting|motion|sought|seeks|seeking|asked|asking|asks)\s+(?:[\p{L}-]+\s+){0,3}?(?:for|to)\b[^.;]{0,70}$`)

// reGrantedBefore: the act asked for was granted ("granted Juul's request
// for an administrative stay").
var reGrantedBefore = regexp.MustCompile(`\b(?:granted|grants|granting|won|wins|obtained)\b[^.;]{0,50}$`)

// reRuledThat: the words between "ruled" and what it rules on.
var reRuledThat = regexp.MustCompile(`^\s+(?:on\s+\w+\s+)?(?:that|against)\s+(?:the\s+)?`)

// reOwnBefore: "filed their own civil charges": an act of the issuer's
// own, of the kind told before.
var reOwnBefore = regexp.MustCompile(`\b(?:their|its|his|her)\s+own\s+(?:[\p{L}-]+\s+){0,2}$`)

var reSeparateBefore = regexp.MustCompile(`\b(?:separate|another|second|new|earlier|own)\s+(?:[\p{L}-]+\s+){0,2}$`)

// isNounTrigger reports whether the trigger is the kind's noun ("lawsuit",
// "indictments"), not a verb ("sued").
func isNounTrigger(fk frameKind, trigger string) bool {
	f := strings.Fields(strings.ToLower(trigger))
	lf := strings.Fields(strings.ToLower(fk.label))
	return len(f) > 0 && singular(f[len(f)-1]) == singular(lf[len(lf)-1])
}

// frameLabel is the display noun of an act: the trigger itself when it is
// a noun phrase ("marketing denial orders", "administrative stay"), else
// the kind's noun.
func frameLabel(fk frameKind, trigger string) string {
	t := strings.Join(strings.Fields(strings.ToLower(trigger)), " ")
	f := strings.Fields(t)
	lf := strings.Fields(strings.ToLower(fk.label))
	if len(f) < 2 || len(t) > 40 || strings.ContainsAny(t, ",;") || singular(f[len(f)-1]) != singular(lf[len(lf)-1]) {
		return fk.label
	}
	return upperFirst(t)
}

// singular drops an English plural ending: "penalties" -> "penalty".
func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies"):
		return strings.TrimSuffix(w, "ies") + "y"
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return strings.TrimSuffix(w, "s")
	}
	return w
}

func containsKnown(ks []known, k known) bool {
	for _, c := range ks {
		if c.id == k.id {
			return true
		}
	}
	return false
}

// frameIdentity names an act of a frame kind: its noun and its targets,
// or its issuer when it names no target; a country acting is part of the
// name, so Canada's grounding of a jet is not the United States' one.
func (x *extraction) frameIdentity(o *orderRef) (key, name string) {
	fk := frameKinds[o.typ]
	label := o.label
	if label == "" {
		label = fk.label
	}
	var tk, tn []string
	for _, t := range o.targets {
		tk = append(tk, t.key)
		tn = append(tn, t.name)
	}
	fam := fk.family
	if fam == "" {
		fam = o.typ
	}
	switch {
	case len(tn) > 0:
		// The first target keys the act, so that a later story naming
		// fewer or more of its targets still finds it; a company's own
		// suit is not the government's case against the same target.
		key = fam + " " + tk[0]
		if o.issuer != nil && o.issuer.kind != kg.KindAgency && o.byPlace == "" {
			key += " by " + o.issuer.key
		}
		name = label + " " + fk.prep + " " + strings.Join(tn, " and ")
		if o.byPlace != "" {
			key += " by " + o.byPlace
			name += " by " + o.byPlace
		}
	case o.issuer != nil:
		key = fam + " by " + o.issuer.key
		name = label + " by " + o.issuer.name
	default:
		key, name = fam, label
	}
	// The act's year keeps apart two acts of one kind on one target told
	// years apart (the 2019 and the 2024 groundings of one jet): the year
	// of a date its sentence gives, else the story's.
	if y := x.actYear(o.sent); y != "" {
		key += " " + y
	}
	return key, name
}

// actYear is the year of the first resolved date of sentence si, else the
// year of publication, else "".
func (x *extraction) actYear(si int) string {
	for _, d := range x.dates[si] {
		if len(d.iso) >= 4 {
			return d.iso[:4]
		}
	}
	if x.dc.known() {
		return x.dc.pub.Format("2006")
	}
	return ""
}

// familyOf is the family of an act's kind.
func familyOf(typ string) string {
	if f := frameKinds[typ].family; f != "" {
		return f
	}
	return typ
}

var reWithBody = regexp.MustCompile(`\b(?:with|to)\s+(?:the\s+)?$`)

// agencyWith is the government body a plea or settlement is made with,
// named after "with" later in the sentence.
func (x *extraction) agencyWith(si int, ms []mention, from int) (known, int, bool) {
	s := x.sents[si]
	for _, m := range ms {
		if m.start < from || m.kind != kg.KindAgency || m.start-from > 160 {
			continue
		}
		if reWithBody.MatchString(x.lowerText[max(s.start, m.start-10):m.start]) {
			return m.known, m.start, true
		}
	}
	return known{}, 0, false
}

// holdingsOf finds "accounts of", "assets of", "funds of" or "property of"
// in the words after a freeze and returns the offset just after "of ", or
// -1.
func holdingsOf(after string) int {
	off := 0
	for {
		i := strings.Index(after[off:], " of ")
		if i < 0 {
			return -1
		}
		head := after[:off+i]
		if sp := strings.LastIndexByte(head, ' '); sp >= 0 {
			head = head[sp+1:]
		}
		switch head {
		case "accounts", "assets", "funds", "property", "holdings":
			return off + i + len(" of ")
		}
		off += i + 1
	}
}

// destination is the country named after "to" in the clause that follows
// an export measure ending at from: where the goods may not go.
func (x *extraction) destination(si int, ms []mention, from int) (known, bool) {
	end := min(x.sents[si].end, from+120)
	for _, m := range ms {
		if m.start < from || m.start >= end {
			continue
		}
		if strings.ContainsAny(x.masked[from:m.start], ";:") || reClauseSep.MatchString(x.lowerText[from:m.start]) {
			break
		}
		if m.kind == kg.KindLocation && lex.countryNames[m.name] && strings.HasSuffix(x.lowerText[max(from, m.start-4):m.start], "to ") {
			return m.known, true
		}
	}
	return known{}, false
}

// alongWith returns the offset just after ", along with " (or ", as well
// as ") in the words after an act's first object, when no clause ends
// before it, or 0.
func alongWith(after string) int {
	for _, p := range [...]string{", along with ", ", as well as ", ", together with "} {
		if i := strings.Index(after, p); i >= 0 && !strings.ContainsAny(after[:i], ";:") && !reClauseSep.MatchString(after[:i+2]) {
			return i + len(p)
		}
	}
	return 0
}

// requester is the company, entity or person named right after "by" or
// "from" that follows a refused request.
func (x *extraction) requester(si int, ms []mention, from int) []known {
	for _, m := range ms {
		if m.start < from {
			continue
		}
		gap := strings.TrimSpace(x.lowerText[from:m.start])
		if (gap == "by" || gap == "from") && (m.kind == kg.KindCompany || m.kind == kg.KindEntity || m.kind == kg.KindPerson) {
			return []known{m.known}
		}
		break
	}
	return nil
}
