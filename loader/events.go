package loader

import (
	"regexp"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

var (
	reEffectiveCue = regexp.MustCompile(`\b(?:until|as\s+of|from|starting|starts?|effective|take\s+effect|takes\s+effect|come\s+in|comes\s+in|by|after|within|through|expires?|ends?)\s*(?:on\s+)?$`)
	reClauseSep    = regexp.MustCompile(`,\s+(?:and|but|while|although)\s+|;\s*|\s+but\s+`)
	reOtherEvent   = regexp.MustCompile(`(?:\bsince|\b(?:began|begun|started|opened|launched)(?:\s+(?:in|on))?)\s*$`)
	reMoneyBefore  = regexp.MustCompile(`(?:[$€£]\s?\d[\d.,]*\s*(?:million|billion|bn)?\)?)\s*(?:in\s+)?$`)
)

// clauseAround returns the clause of the sentence [s0, s1) containing pos.
func (x *extraction) clauseAround(s0, s1, pos int) string {
	text := x.masked[s0:s1]
	a, b := 0, len(text)
	for _, m := range fast(reClauseSep).FindAllStringIndex(x.lowerText[s0:s1]) {
		if s0+m[1] <= pos {
			a = m[1]
		} else if s0+m[0] >= pos && m[0] < b {
			b = m[0]
			break
		}
	}
	return text[a:b]
}

func roleFor(clause string) string {
	lower := asciiLower(clause)
	for _, r := range lex.roles {
		if r.re.MatchString(lower) {
			return r.role
		}
	}
	return "effective"
}

// emitOrders turns the orders found in each sentence into ORDER nodes and
// their relations: issuer, announcer, targets, authority, attempts, dates.
func (x *extraction) emitOrders() {
	for i := range x.orders {
		o := &x.orders[i]
		s := x.sents[o.sent]
		ev := x.b.evidence(s.start, s.end, o.sent)
		if o.ref {
			r := x.referent(i)
			if r == nil {
				if !x.standsAlone(o) {
					continue
				}
			} else if o.issuer != nil && r.issuer != nil && o.issuer.kind != kg.KindPerson && r.issuer.kind != kg.KindPerson && !sameActor(o.issuer, r.issuer) {
				// "Canada grounded the jet" after the United States'
				// grounding: another actor's act, not a name of this one.
				o.id = ""
				if !x.ownAct(o, r) {
					continue
				}
			} else {
				if x.givesIssuer(o, r) {
					// "UK watchdog clears deal ... on Friday it [the CMA]
					// formally cleared it": the act told without its
					// issuer is this body's.
					k := *o.issuer
					r.issuer = &k
					x.b.edge(k.id, kg.RelIssued, r.id, "", map[string]string{kg.AttrModality: "asserted"}, ev)
				}
				if fk, ok := frameKinds[o.typeFilter]; ok && o.alias != "" && !strings.Contains(o.alias, " ") && len(r.targets) > 0 {
					// "upheld the suspension" of X: the referring noun
					// with its act's targets ("suspension of X") names it;
					// a bare noun would name every suspension.
					o.alias += " " + fk.prep + " " + joinNames(r.targets)
				}
				o.id, o.name, o.key, o.typ = r.id, r.name, r.key, r.typ
				o.frame = o.frame && isFrame(r.typ) // "the suspension" of an order to stop
				if o.calledBan && r.typ != "ban" && len(r.targets) > 0 {
					// "ordered OpenAI to stop processing data ... The ban":
					// the story names the order a ban on its targets.
					o.alias = "Ban on " + joinNames(r.targets)
				}
				if c, ok := x.challenger(o); ok && (r.issuer == nil || c.id != r.issuer.id) {
					// "The FTC has appealed that ruling", "to reverse the
					// decision on appeal": the clause's actor challenges
					// the act referred to.
					x.b.edge(c.id, kg.RelChallenges, r.id, "", map[string]string{kg.AttrStatement: strings.TrimSpace(x.text[s.start:s.end])}, ev)
				}
				if o.issuer != nil && o.issuer.id != o.id && announcedBefore(x.lowerText[x.sents[o.sent].start:o.start]) {
					// "Information Minister Lai Mohammed announced the
					// suspension": the speaker made the act known.
					x.b.edge(o.issuer.id, kg.RelAnnounced, o.id, "", nil, ev)
				}
				if o.negated || o.members {
					x.memberEdges(o, r, ev)
					continue
				}
			}
		}
		if o.foreign {
			// "Britain, which added Delmora to its own sanctions list": no
			// named body issues it; keep only the listing.
			for _, m := range x.ments[o.sent] {
				if isList(m.known) {
					for _, t := range o.targets {
						x.b.edge(t.id, kg.RelListedOn, m.id, "", nil, ev)
					}
				}
			}
			o.id = ""
			continue
		}
		k := known{kind: kg.KindOrder, id: o.id, name: o.name, key: o.key}
		tev := x.b.evidence(o.start, o.end, o.sent)
		n := x.b.ensureNode(k, &tev)
		if o.alias != "" {
			x.b.alias(n, o.alias)
		}
		if a := x.issuerAlias(o); a != "" {
			x.b.alias(n, a)
		}
		if o.frame {
			if a := x.npAlias(o); a != "" {
				x.b.alias(n, a)
			}
			if fk := frameKinds[o.typ]; o.label != "" && o.label != fk.label && !o.ref {
				// "ordered the temporary grounding of some jets": the
				// act's own noun phrase names it.
				x.b.alias(n, o.label)
			}
		}
		x.ments[o.sent] = insertMention(x.ments[o.sent], mention{known: k, start: o.start, end: o.end, sent: o.sent})
		x.b.nodeAttr(o.id, kg.AttrOrderType, o.typ)
		mod := map[string]string{kg.AttrModality: o.modality}
		for _, t := range o.targets {
			x.b.edge(o.id, kg.RelTargets, t.id, "", mod, ev)
		}
		if t, ok := x.remedyParty(o); ok {
			x.b.edge(o.id, kg.RelTargets, t.id, "", mod, ev)
		}
		if o.attemptBy != nil {
			x.b.edge(o.attemptBy.id, kg.RelAttempted, o.id, "", map[string]string{kg.AttrModality: "attempted"}, ev)
		}
		if o.blockedBy != nil {
			x.b.edge(o.blockedBy.id, kg.RelBlocked, o.id, "", nil, ev)
		}
		if o.issuer == nil && !o.ref && o.blockedBy == nil && !o.foreign && o.byPlace == "" {
			if k, ok := x.describedBody(o); ok {
				o.issuer = &k // "A Moscow court on Monday banned ...": the court named next
			}
		}
		if o.issuer != nil && !o.ref && o.modality != "attempted" && !o.authority && !o.lifted {
			x.b.edge(o.issuer.id, kg.RelIssued, o.id, "", mod, ev)
			switch o.typ {
			case "sanction":
				for _, t := range o.targets {
					x.b.edge(o.issuer.id, kg.RelSanctioned, t.id, "", mod, ev)
				}
			case "designation":
				for _, t := range o.targets {
					x.b.edge(o.issuer.id, kg.RelDesignated, t.id, "", mod, ev)
				}
			case "block":
				for _, t := range o.targets {
					x.b.edge(o.issuer.id, kg.RelBlocked, t.id, "", mod, ev)
				}
			}
		}
		if o.typ == "designation" {
			for _, m := range x.ments[o.sent] {
				if isList(m.known) {
					for _, t := range o.targets {
						x.b.edge(t.id, kg.RelListedOn, m.id, "", mod, ev)
					}
					break
				}
			}
		}
		if sp, ok := x.announcer(o); ok && !o.ref && !o.foreign && o.modality != "attempted" && !o.authority && (!o.frame || o.issuer == nil) && (o.issuer == nil || o.issuer.id != sp.id) {
			x.b.edge(sp.id, kg.RelAnnounced, o.id, "", nil, ev)
		}
		if k, ok := x.stayRequester(o); ok {
			// "granted Juul's request for an administrative stay": who
			// asks for a stay of the story's order challenges it.
			x.b.edge(k.id, kg.RelChallenges, x.main.id, "", map[string]string{kg.AttrStatement: strings.TrimSpace(x.text[s.start:s.end])}, ev)
		}
		if o.frame && !o.ref && o.issuer != nil && o.issuer.kind == kg.KindLocation && (o.modality == "asserted" || o.modality == "planned") {
			// "President Donald Trump said on Wednesday that the United
			// States would ground all ... jets": the official makes the
			// state's act known.
			if sp, ok := x.speaker(o.sent, x.ments[o.sent], kg.KindPerson); ok && x.saidBefore(o.sent, o.start) {
				x.b.edge(sp.id, kg.RelAnnounced, o.id, "", nil, ev)
			}
		}
		if o.authority {
			if x.main != nil && x.main.id != o.id {
				x.b.edge(x.main.id, kg.RelBasedOn, o.id, "", nil, ev)
			}
			if p, ok := x.surnames[strings.ToLower(o.eraOwner)]; ok {
				x.b.edge(p.id, kg.RelIssued, o.id, "", nil, ev)
			} else if p, ok := x.lookup(kg.KindPerson, o.eraOwner); ok {
				x.b.ensureNode(p, nil)
				x.b.edge(p.id, kg.RelIssued, o.id, "", nil, ev)
			}
		}
	}
	var stays *blockDate // the first date a court blocked an order on
	// Each date of a sentence goes to the nearest order mentioned before it
	// (else the first after it).
	for si := range x.sents {
		var os []*orderRef
		for _, i := range x.ordersIn(si) {
			if x.orders[i].id != "" {
				os = append(os, &x.orders[i])
			}
		}
		if len(os) == 0 {
			continue
		}
		kept := os[:0]
		for _, o := range os {
			if !o.negated {
				kept = append(kept, o) // a denied act has no dates of its own
			}
		}
		if os = kept; len(os) == 0 {
			continue
		}
		blocked := false
		var blocker *known
		for _, o := range os {
			blocked = blocked || o.blockedBy != nil
			if o.blockedBy != nil && blocker == nil {
				blocker = o.blockedBy
			}
		}
		for _, d := range x.dates[si] {
			if x.lawDates[si][d.start] {
				continue // the date of a law the sentence names
			}
			if reOtherEvent.MatchString(asciiLower(tail(x.masked[x.sents[si].start:d.start], 30))) {
				blocked = true // "since 2019", "began in September": another event's date
			}
			if blocked {
				// "blocked an executive order on Thursday": the date is the
				// court's, not the order's.
				if d.iso != "" {
					dev := x.b.evidence(d.start, d.end, si)
					x.b.dateNode(d.iso, d.prec, &dev)
					if blocker != nil && stays == nil {
						stays = &blockDate{by: blocker.id, sent: si, d: d}
					}
				}
				continue
			}
			o := os[0]
			for _, c := range os {
				if c.end <= d.start {
					o = c
				}
			}
			// "Treasury's January 10 sanctions": a date right before an
			// act's noun is that act's.
			for _, c := range os {
				if c.start >= d.end && c.start-d.end <= 2 && !c.ref {
					o = c
					break
				}
			}
			// "The charges came days after the Commerce Department, on
			// Monday, added Fujian Jinhua": a date right before an act's
			// verb, in its clause, dates that act.
			for _, c := range os {
				if c.start >= d.end && c.start-d.end <= 12 && !x.sameClause(o.start, o.end, d.start, d.end) && x.sameClause(c.start, c.end, d.start, d.end) {
					o = c
					break
				}
			}
			// "comes a week after the United Kingdom sanctioned both": a
			// distance read back from its anchor dates the act after it.
			if sf := strings.ToLower(d.surface); strings.HasSuffix(sf, " after") || strings.HasSuffix(sf, " before") {
				for _, c := range os {
					if c.start >= d.end && c.start-d.end <= 60 && x.sameClause(c.start, c.end, d.start, d.end) {
						o = c
						break
					}
				}
			}
			if (o.frame || o.members) && !x.sameClause(o.start, o.end, d.start, d.end) || o.ref && x.relativeBetween(o, d) || x.inClosedRelative(si, o, d) {
				// "The FTC, which sued in December, lost in July": a date
				// dates the act of its own clause only.
				if d.iso != "" {
					dev := x.b.evidence(d.start, d.end, si)
					x.b.dateNode(d.iso, d.prec, &dev)
				}
				continue
			}
			if o.lifted {
				x.liftDate(o.id, si, d)
				continue
			}
			x.orderDate(o.id, si, d)
			for _, c := range os {
				if c != o && c.start == o.start && c.end == o.end && c.id != o.id && !c.lifted {
					x.orderDate(c.id, si, d) // one trigger, two bodies' acts ("filed their own civil charges")
				}
			}
			// "lost its bid in July when Judge Corley ruled against the
			// agency": the date also dates the act of its "when" clause.
			if after := x.lowerText[d.end:min(x.sents[si].end, d.end+7)]; strings.HasPrefix(after, " when ") || strings.HasPrefix(after, ", when ") {
				for _, c := range os {
					if c != o && c.id != o.id && c.start > d.end && c.start-d.end <= 80 && !c.lifted {
						x.orderDate(c.id, si, d)
						break
					}
				}
			}
		}
	}
	x.dateStay(stays)
}

// liftDate records the date an order was lifted: it ends its effect.
func (x *extraction) liftDate(orderID string, si int, d dateMention) {
	if d.iso == "" {
		return
	}
	s := x.sents[si]
	dev := x.b.evidence(d.start, d.end, si)
	id := x.b.dateNode(d.iso, d.prec, &dev)
	var attrs map[string]string
	if d.derivation != "" {
		attrs = map[string]string{kg.AttrDerivation: d.derivation}
	}
	x.b.edge(orderID, kg.RelEffectiveOn, id, "lifted", attrs, x.b.evidence(s.start, s.end, si))
}

var reRelClause = regexp.MustCompile(`,\s*(?:which|who|whose|where)\b|\s+(?:when|after|before|while|although|because)\s`)

// sameClause reports whether nothing separates two spans of a sentence
// into different clauses.
func (x *extraction) sameClause(a0, a1, b0, b1 int) bool {
	from, to := a1, b0
	if b1 <= a0 {
		from, to = b1, a0
	}
	if to <= from {
		return true
	}
	gap := x.lowerText[from:to]
	return !reClauseSep.MatchString(gap) && !reRelClause.MatchString(gap)
}

// memberEdges records the targets a sentence adds to (or, negated,
// denies of) the order r the story tells: r targets them, r's issuer
// sanctioned or listed them, and they are on r's list.
func (x *extraction) memberEdges(o, r *orderRef, ev kg.Evidence) {
	modality := "asserted"
	if o.negated {
		modality = "negated"
	}
	mod := map[string]string{kg.AttrModality: modality}
	typ := r.typ
	if o.negated && (o.typeFilter == "sanction" || o.typeFilter == "designation") {
		typ = o.typeFilter // "was not sanctioned": the denied act's own kind
	}
	var list *known
	if typ == "designation" {
		for _, m := range x.ments[r.sent] {
			if isList(m.known) {
				k := m.known
				list = &k
				break
			}
		}
	}
	for _, t := range o.targets {
		if o.negated && containsKnown(r.targets, t) {
			continue // the text asserts it elsewhere
		}
		x.b.ensureNode(t, nil)
		x.b.edge(r.id, kg.RelTargets, t.id, "", mod, ev)
		if list != nil {
			x.b.edge(t.id, kg.RelListedOn, list.id, "", mod, ev)
		}
		if r.issuer == nil {
			continue
		}
		switch typ {
		case "sanction":
			x.b.edge(r.issuer.id, kg.RelSanctioned, t.id, "", mod, ev)
		case "designation":
			x.b.edge(r.issuer.id, kg.RelDesignated, t.id, "", mod, ev)
		}
	}
}

// referent is the order a referring trigger (the i-th order) names: the
// latest act of its kind introduced before it when it is a frame kind
// ("the lawsuit", "the stay"), else the document's main order when the
// kinds agree.
func (x *extraction) referent(i int) *orderRef {
	o := &x.orders[i]
	if isFrame(o.typeFilter) {
		for j := i - 1; j >= 0; j-- {
			c := &x.orders[j]
			if !c.ref && c.id != "" && c.typ == o.typeFilter {
				return c
			}
		}
		for j := i + 1; j < len(x.orders); j++ {
			c := &x.orders[j]
			if !c.ref && c.typ == o.typeFilter && c.sent == o.sent {
				return c
			}
		}
	}
	if (o.members || o.negated) && o.typeFilter != "" {
		for j := i - 1; j >= 0; j-- {
			if c := &x.orders[j]; !c.ref && c.id != "" && c.typ == o.typeFilter {
				return c
			}
		}
	}
	if x.main == nil || (o.typeFilter != "" && !sameKindOfAct(o.typeFilter, x.main.typ) && !o.negated && !o.members) {
		return nil
	}
	return x.main
}

// orderDate links an order to a date of its sentence: an effective date
// (with what it means) when a cue such as "until" or "as of" precedes it,
// otherwise the date it happened.
func (x *extraction) orderDate(orderID string, si int, d dateMention) {
	s := x.sents[si]
	ev := x.b.evidence(s.start, s.end, si)
	before := tail(x.masked[s.start:d.start], 40)
	low := strings.ToLower(d.surface)
	effective := reEffectiveCue.MatchString(asciiLower(before)) || strings.HasPrefix(low, "within") || strings.HasSuffix(low, " to")
	role := ""
	rel := kg.RelOccurredOn
	if effective {
		rel = kg.RelEffectiveOn
		role = roleFor(x.clauseAround(s.start, s.end, d.start))
	}
	if d.iso == "" {
		// Never guess: keep the unresolved expression on the order, flagged.
		q := role
		if q == "" {
			q = "occurred"
		}
		dev := x.b.evidence(d.start, d.end, si)
		x.b.fact(orderID, kg.Fact{Name: "unresolvedDate", Value: strings.TrimSpace(d.surface), Text: dev.Quote, Qualifier: q, Evidence: dev})
		x.b.nodeAttr(orderID, kg.AttrUnresolved, "true")
		return
	}
	dev := x.b.evidence(d.start, d.end, si)
	id := x.b.dateNode(d.iso, d.prec, &dev)
	if d.future && !effective {
		// "The company will hold a call on Monday": a date still to come
		// is not when the order happened.
		return
	}
	var attrs map[string]string
	if d.derivation != "" {
		attrs = map[string]string{kg.AttrDerivation: d.derivation}
	}
	x.b.edge(orderID, rel, id, role, attrs, ev)
}

// emitEventDates places dates of sentences without an order: an effective
// cue or a statement dates the main order; otherwise the date is when the
// sentence's subject acted.
func (x *extraction) emitEventDates() {
	for si, ds := range x.dates {
		if len(ds) == 0 || x.sentHasOrder(si) {
			continue
		}
		s := x.sents[si]
		for _, d := range ds {
			before := tail(x.masked[s.start:d.start], 40)
			deadline := strings.HasPrefix(strings.ToLower(d.surface), "within") || strings.HasSuffix(strings.ToLower(d.surface), " to")
			switch {
			case !s.kind.minable() || reMoneyBefore.MatchString(before):
				// boilerplate, or "$752 million in 2022": the year of a figure
			case x.main != nil && (reEffectiveCue.MatchString(asciiLower(before)) || deadline):
				x.orderDate(x.orderInClause(si, d.start).id, si, d)
				continue
			case x.main != nil && d.iso != "" && !x.main.past && banLike[x.main.typ] && reCutOff.MatchString(x.lower(si)):
				// "Telecoms operators cut off access the following day":
				// the ban took effect that day.
				dev := x.b.evidence(d.start, d.end, si)
				id := x.b.dateNode(d.iso, d.prec, &dev)
				var attrs map[string]string
				if d.derivation != "" {
					attrs = map[string]string{kg.AttrDerivation: d.derivation}
				}
				x.b.edge(x.main.id, kg.RelEffectiveOn, id, "effective", attrs, x.b.evidence(s.start, s.end, si))
				continue
			case x.main != nil && len(x.speechVerbs(si)) > 0 && d.prec == kg.PrecisionDay:
				x.orderDate(x.main.id, si, d)
				continue
			}
			if d.iso != "" {
				// Every date the text gives is on the timeline's axis,
				// even when no relation is read from its sentence.
				dev := x.b.evidence(d.start, d.end, si)
				x.b.dateNode(d.iso, d.prec, &dev)
			}
		}
	}
}

func (x *extraction) sentHasOrder(si int) bool {
	for _, i := range x.ordersIn(si) {
		if x.orders[i].id != "" {
			return true
		}
	}
	return false
}

// ordersIn returns the indexes into x.orders of the orders of sentence si
// (x.orders is in sentence order).
func (x *extraction) ordersIn(si int) []int {
	if x.bySent == nil {
		x.bySent = map[int][]int{}
		for i, o := range x.orders {
			x.bySent[o.sent] = append(x.bySent[o.sent], i)
		}
	}
	return x.bySent[si]
}

// subjectOf is the first named actor of a sentence.
func (x *extraction) subjectOf(si int) (known, bool) {
	for _, m := range x.ments[si] {
		switch m.kind {
		case kg.KindAgency, kg.KindCompany, kg.KindPerson, kg.KindLocation:
			return m.known, true
		}
	}
	return known{}, false
}

var reAnnounce = regexp.MustCompile(`(?i)\b(?:announced|announces|announcing|unveiled|unveils)\b`)

// announcer is the government body that makes the order o public: the
// agency that says it, or the one before "announced" in o's clause ("YMTC
// had been placed on the list in October, when the administration unveiled
// restrictions" announces the restrictions, not the listing).
func (x *extraction) announcer(o *orderRef) (known, bool) {
	si := o.sent
	finite := false
	for _, v := range x.speechVerbs(si) {
		finite = finite || v.lower != "saying"
	}
	if sp, ok := x.speaker(si, x.ments[si], kg.KindAgency); ok && finite {
		return sp, true
	}
	s := x.sents[si]
	if !hints.announce.in(x.hintsIn(si)) {
		return known{}, false
	}
	if m := reAnnounce.FindStringIndex(x.masked[s.start:s.end]); m != nil && x.sameClause(o.start, o.end, s.start+m[0], s.start+m[1]) {
		return x.lastBeforeKinds(x.ments[si], s.start+m[0], kg.KindAgency)
	}
	return known{}, false
}

// insertMention adds an order mention to a sentence's mentions, in order,
// so relation patterns can point at orders too.
func insertMention(ms []mention, m mention) []mention {
	for _, o := range ms {
		if o.id == m.id && o.start == m.start {
			return ms
		}
	}
	i := sort.Search(len(ms), func(i int) bool { return ms[i].start > m.start })
	ms = append(ms, mention{})
	copy(ms[i+1:], ms[i:])
	ms[i] = m
	return ms
}

// orderStems names each order type by the word stems a clause uses for it.
var orderStems = map[string][]string{
	"suspension order": {"suspen"}, "fine": {"fine"}, "ban": {"ban", "sale", "sell"}, "sanction": {"sanction"},
	"designation": {"list", "designat"}, "block": {"block", "deal", "takeover"},
}

// wholeStems are stems that are words themselves: "deal" is not in
// "dealings", "ban" not in "bank".
var wholeStems = map[string]bool{"fine": true, "ban": true, "sale": true, "sell": true, "deal": true}

// hasStem reports whether a word of the lower-case clause starts with st
// (for a whole-word stem: is st or one of its inflections).
func hasStem(clause, st string) bool {
	for off := 0; ; {
		i := strings.Index(clause[off:], st)
		if i < 0 {
			return false
		}
		i += off
		off = i + len(st)
		if i > 0 && isWordByte(clause[i-1]) {
			continue
		}
		if !wholeStems[st] {
			return true
		}
		j := off
		for j < len(clause) && isWordByte(clause[j]) {
			j++
		}
		switch clause[off:j] {
		case "", "s", "d", "ed", "ned", "ning", "ing", "es":
			return true
		}
	}
}

// orderInClause is the order a deadline's clause speaks of ("five months
// to suspend the transfers" -> the suspension order), else the main order.
func (x *extraction) orderInClause(si, pos int) *orderRef {
	clause := strings.ToLower(x.clauseAround(x.sents[si].start, x.sents[si].end, pos))
	seen := map[string]bool{}
	for i := range x.orders {
		o := &x.orders[i]
		if o.ref || o.id == "" || o.past || o.authority || seen[o.id] {
			continue
		}
		seen[o.id] = true
		if len(seen) > 64 {
			break // bounded: a deadline belongs to one of the first orders named
		}
		for _, st := range orderStems[o.typ] {
			if hasStem(clause, st) {
				return o
			}
		}
	}
	return x.main
}

// ownAct turns a reference to the story's act r, made by another country
// ("Canada grounded the jet" after the United States' grounding), into that
// country's own act on r's targets, named by the country. It reports false
// when the reference cannot stand as an act of its own.
func (x *extraction) ownAct(o, r *orderRef) bool {
	targets := r.targets
	if len(targets) == 0 && r.sameAs > 0 {
		targets = x.orders[r.sameAs-1].targets // a retelling: the act it retells
	}
	if !r.frame || len(targets) == 0 {
		return false
	}
	if o.issuer.kind == kg.KindAgency {
		// "The European Commission approved the original deal in May"
		// after the CMA's clearance: the Commission's own clearance of
		// the same deal, told by its verb.
		if !o.frame || !(o.verb || o.own) || o.modality != "asserted" || o.negated || o.members || o.lifted {
			return false
		}
		if c := x.actOf(o.issuer, familyOf(r.typ), o); o.own && c != nil {
			// "The SEC and the CFTC filed their own civil charges the same
			// day ... the CFTC also sued FTX": the body's own act is the
			// one told with its targets; it is on the told act's targets
			// too, and this sentence dates it.
			o.ref, o.typeFilter, o.frame = false, "", true
			o.id, o.name, o.key, o.typ, o.label = c.id, c.name, c.key, c.typ, c.label
			o.targets = append([]known(nil), targets...)
			return true
		}
	} else if o.issuer.kind != kg.KindLocation {
		return false
	}
	// "grounded the jet": the country acts on the thing, not on its maker
	// the story's act also names.
	var things []known
	for _, t := range targets {
		if t.kind != kg.KindCompany {
			things = append(things, t)
		}
	}
	if len(things) > 0 {
		targets = things
	}
	label := r.label
	if o.own && o.label != "" {
		label = o.label // "their own civil charges"
	}
	o.ref, o.typeFilter, o.frame, o.typ, o.label = false, "", true, r.typ, label
	o.targets, o.byPlace = targets, o.issuer.name
	x.orderIdentity(o)
	return true
}

// announcedBefore reports whether the words before a referring trigger
// are "announced the" (or "announces the"): the act is being made known.
func announcedBefore(before string) bool {
	return strings.HasSuffix(before, " announced the ") || strings.HasSuffix(before, " announces the ")
}

// banLike are the kinds of act a story also calls "the ban": an order to
// stop doing something bars it while it lasts.
var banLike = map[string]bool{"ban": true, "suspension order": true, "suspension": true}

// sameKindOfAct reports whether a referring trigger of kind filter can
// name an act of kind typ.
func sameKindOfAct(filter, typ string) bool {
	return filter == typ || banLike[filter] && banLike[typ] || filter == "penalty" && typ == "fine" // "The penalty" of a fine
}

// joinNames joins the display names of ks with "and".
func joinNames(ks []known) string {
	var ns []string
	for _, k := range ks {
		ns = append(ns, k.name)
	}
	return strings.Join(ns, " and ")
}

// standsAlone turns an act told by its verb, with a named official as
// issuer but no named target and no earlier act it could retell ("Judge Corley ruled
// against the agency"), into an act of its own, named by its issuer.
func (x *extraction) standsAlone(o *orderRef) bool {
	if !o.frame || !o.verb || o.issuer == nil || o.modality != "asserted" || o.negated || o.members || o.lifted || o.typeFilter == "" {
		return false
	}
	if o.issuer.kind != kg.KindPerson {
		// A body's bare verb ("the FTC has already sued") mostly retells
		// an act another story names; an official's is their own act.
		return false
	}
	o.ref, o.typ = false, o.typeFilter
	x.orderIdentity(o)
	return true
}

// remedyParty is whom a money remedy that names no party is on: "FinCEN
// imposed a $3.4 billion penalty", "OFAC reached a separate settlement" in
// a story whose act is on one company: that company.
func (x *extraction) remedyParty(o *orderRef) (known, bool) {
	if !o.frame || o.ref || len(o.targets) > 0 || o.issuer == nil || o.modality != "asserted" || x.main == nil || x.main == o {
		return known{}, false
	}
	if o.typ != "penalty" && o.typ != "settlement" {
		return known{}, false
	}
	if len(x.main.targets) == 0 || x.main.targets[0].kind != kg.KindCompany || x.main.modality != "asserted" {
		return known{}, false
	}
	return x.main.targets[0], true
}

// saidBefore reports whether a verb of saying stands before pos in
// sentence si.
func (x *extraction) saidBefore(si, pos int) bool {
	for _, v := range x.speechVerbs(si) {
		if v.end <= pos {
			return true
		}
	}
	return false
}

// actOf is another act of family fam by the body k that the story tells
// with targets of its own, or nil.
func (x *extraction) actOf(k *known, fam string, not *orderRef) *orderRef {
	for i := range x.orders {
		c := &x.orders[i]
		if c != not && !c.ref && c.id != "" && c.issuer != nil && c.issuer.id == k.id && familyOf(c.typ) == fam && len(c.targets) > 0 {
			return c
		}
	}
	return nil
}

// relativeBetween reports whether a relative clause opens between an
// order's trigger and a date after it ("the decision followed new
// evidence ..., which pointed to ... the Lion Air disaster last October"):
// the date is the clause's, not the act's.
func (x *extraction) relativeBetween(o *orderRef, d dateMention) bool {
	return d.start >= o.end && reRelClause.MatchString(x.lowerText[o.end:d.start])
}

// reRelOpen: a relative clause opening (", which", ", who").
var reRelOpen = regexp.MustCompile(`,\s*(?:which|who|whose|where)\b`)

// inClosedRelative reports whether the date d stands in a relative clause
// that closes before the act o told after it ("The FTC, which sued in
// December to block the takeover, lost its bid for an injunction"): the
// date is the clause's act, not o's.
func (x *extraction) inClosedRelative(si int, o *orderRef, d dateMention) bool {
	if o.start < d.end {
		return false
	}
	before := x.lowerText[x.sents[si].start:d.start]
	if !strings.Contains(before, "wh") {
		return false // the cheap test first
	}
	locs := reRelOpen.FindAllStringIndex(before, -1)
	if locs == nil {
		return false
	}
	open := before[locs[len(locs)-1][1]:]
	return !strings.Contains(open, ",") && strings.Contains(x.lowerText[d.end:o.start], ",")
}

// blockDate is the date a body blocked an order on.
type blockDate struct {
	by   string // the body's node ID
	sent int
	d    dateMention
}

// dateStay dates the stay or injunction by which a body blocked an order
// ("A federal appeals court on Friday temporarily blocked an FDA order
// ... The court granted an administrative stay"): when its own sentence
// gives no date, the blocking's date is its date.
func (x *extraction) dateStay(bd *blockDate) {
	if bd == nil {
		return
	}
	for i := range x.orders {
		o := &x.orders[i]
		if o.ref || o.id == "" || (o.typ != "stay" && o.typ != "injunction") || o.issuer == nil || o.issuer.id != bd.by || len(x.dates[o.sent]) > 0 || o.modality != "asserted" {
			continue
		}
		x.orderDate(o.id, bd.sent, bd.d)
		return
	}
}

// reCutOff: a ban's effect told without its name ("operators cut off
// access", "access was blocked").
var reCutOff = regexp.MustCompile(`\b(?:cut\s+off\s+access|blocked\s+access|access\s+was\s+(?:cut|blocked|restricted))\b`)

// reChallengeBefore: a verb that contests the act a referring noun names
// ("appealed that ruling", "to reverse the decision").
var reChallengeBefore = regexp.MustCompile(`\b(?:appeal|appeals|appealed|appealing|fight|fights|fighting|challenge|challenges|challenged|challenging|contest|contests|contested|contesting|reverse|reversing|overturn|overturning)\s+(?:(?:the|that|this|its|their)\s+)?(?:[\p{L}-]+\s+){0,2}$`)

// challenger is the actor of the clause whose verb contests the act a
// referring trigger names, when no negation stands before the verb.
func (x *extraction) challenger(o *orderRef) (known, bool) {
	s := x.sents[o.sent]
	before := tail(x.lowerText[s.start:o.start], 60)
	if !containsAny(before, "appeal", "fight", "challeng", "contest", "revers", "overturn") || !reChallengeBefore.MatchString(before) || negatedBefore(before) {
		return known{}, false
	}
	return x.frameSubject(o.sent, x.ments[o.sent], o.start, kg.KindCompany, kg.KindAgency, kg.KindPerson)
}

// reRequestFor: the words between a party's possessive and a stay it asks
// for ("'s request for an administrative stay").
var reRequestFor = regexp.MustCompile(`^(?:['’]s)?\s+(?:request|motion|petition|application|bid)\s+for\s+(?:an?\s+|the\s+)?(?:[a-z-]+\s+)?$`)

// stayRequester is the company whose request for the stay o is told, when
// the story's order is another act (the one the stay halts).
func (x *extraction) stayRequester(o *orderRef) (known, bool) {
	if o.typ != "stay" || o.ref || x.main == nil || x.main == o || x.main.id == o.id || o.negated {
		return known{}, false
	}
	for _, m := range x.ments[o.sent] {
		if m.kind == kg.KindCompany && m.end <= o.start && o.start-m.end <= 40 && x.possessiveAt(m) && reRequestFor.MatchString(x.lowerText[m.end:o.start]) {
			return m.known, true
		}
	}
	return known{}, false
}

// givesIssuer reports whether the referring act o, told by its verb with a
// named body or official as actor, names the issuer of the act r it refers
// to: r was told before without one (or with only a country acting).
func (x *extraction) givesIssuer(o, r *orderRef) bool {
	if !o.frame || !o.verb || o.issuer == nil || r.start >= o.start || o.modality != "asserted" || o.negated || o.members || o.lifted {
		return false
	}
	if o.issuer.kind != kg.KindAgency && o.issuer.kind != kg.KindPerson {
		return false
	}
	return r.issuer == nil || r.issuer.kind == kg.KindLocation
}
