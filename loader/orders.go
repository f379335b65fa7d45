package loader

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/kg"
)

var (
	reNegBefore     = regexp.MustCompile(`\b(?:not|no longer|never|cannot|n't|neither|nor)\s+(?:\w+\s+){0,2}$|n't\s+(?:\w+\s+){0,2}$`)
	reAttemptBefore = regexp.MustCompile(`\b(?:tried|attempted|sought|tries|attempts|seeks)\s+to\b[^.;]{0,40}$`)
	rePlanBefore    = regexp.MustCompile(`\b(?:would|will|plans?\s+to|intends?\s+to|set\s+to|proposed\s+to|plans\s+to)\b[^.;,]{0,25}$`)
	reHypoBefore    = regexp.MustCompile(`\b(?:can|could|may|might)\s+(?:\w+\s+){0,1}$`)
	reBlocked       = regexp.MustCompile(`\b(?:obstructed|blocked|struck\s+down|enjoined|halted|overturned|stopped)\s+by\b`)
	reOwnerEra      = regexp.MustCompile(`\b([A-Z][\p{L}]+)(?:-era|['’]s?\s+presidency|\s+presidency|\s+administration|\s+government)\b`)
	reItsAfter      = regexp.MustCompile(`^\W*(?:\w+\s+){0,3}?\b(?:its|their|it|them)\b`)
	reIndefCompany  = regexp.MustCompile(`^[^,;]{0,30}?\b(?:a|an)\s+(?:[\p{L}-]+\s+){0,3}?(?:company|firm|group|maker|provider|broker|operator|network)\b`)
	reEONumber      = regexp.MustCompile(`^\s*(?:No\.?\s*)?(\d{4,6})\b`)
	reDealNoun      = regexp.MustCompile(`\b(takeover|merger|acquisition|deal|purchase)\b`)
	reRelAfter      = regexp.MustCompile(`^\s*,?\s*(?:that|which)\b`)
)

// orderRef is an order named or referred to in a sentence.
type orderRef struct {
	sent       int
	start, end int // trigger span (bytes)
	id         string
	typ        string
	ref        bool // refers to the main order
	modality   string
	targets    []known
	issuer     *known
	viaPowers  bool
	eraOwner   string
	hasYear    bool
	authority  bool
	created    bool
	name       string
	key        string
	blockedBy  *known
	attemptBy  *known
	typeFilter string
	past       bool // dated in a year other than the document's: an earlier action
	alias      string
	skip       bool
	number     string // "14024" in "Executive Order 14024"
	foreign    bool   // a country, not a named body, acts
	label      string // display noun of a frame act ("Administrative stay")
	inside     bool   // the targets are inside the trigger ("ordered X to sell")
	byPlace    string // a country performs the act ("Grounding by Canada")
	frame      bool   // read as a general action frame (frames.go)
	issuerAt   int    // where the issuer is named in the sentence
	sameAs     int    // 1 + index of the earlier act this one is (frames.go)
	separate   bool   // "a separate lawsuit": not an act told before
	negated    bool   // the text denies the act for its targets (frames.go)
	members    bool   // the sentence names more targets of a told act (frames.go)
	lifted     bool   // the sentence lifts the order: its date ends it
	calledBan  bool   // a definite "the ban" referring to an act told before
	verb       bool   // a frame act told by its verb ("cleared"), not a noun
	own        bool   // "their own civil charges": the issuer's own act, like one told before
}

// The modality patterns end at the trigger ($) and so are tried at every
// position of the text before it; each needs one of a few words, a cheap
// test first. The texts are lower-cased, as are the words.

func containsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// negatedBefore is reNegBefore.MatchString.
func negatedBefore(s string) bool {
	return containsAny(s, "not", "no longer", "never", "n't", "neither", "nor") && reNegBefore.MatchString(s)
}

// hypotheticalBefore is reHypoBefore.MatchString.
func hypotheticalBefore(s string) bool {
	return containsAny(s, "can", "could", "may", "might") && reHypoBefore.MatchString(s)
}

// attemptBefore is reAttemptBefore.MatchString.
func attemptBefore(s string) bool {
	return containsAny(s, "tried", "attempt", "sought", "tries", "seeks") && reAttemptBefore.MatchString(s)
}

// plannedBefore is rePlanBefore.MatchString.
func plannedBefore(s string) bool {
	return containsAny(s, "would", "will", "plan", "intend", "set", "proposed") && rePlanBefore.MatchString(s)
}

// findOrders reads the order triggers of one sentence. New orders need a
// target (or, for an executive order, an owner); other triggers refer to
// the document's main order, resolved later.
func (x *extraction) findOrders(si int, ms []mention, ds []dateMention) []orderRef {
	s := x.sents[si]
	if !s.kind.minable() {
		return nil
	}
	text := x.masked[s.start:s.end]
	var out []orderRef
	var spans [][2]int
	overlaps := func(a, b int) bool {
		for _, sp := range spans {
			if a < sp[1] && sp[0] < b {
				return true
			}
		}
		return false
	}
	lower := x.lower(si)
	found := x.hintsIn(si)
	for ti, tr := range lex.orders {
		if !hints.orders[ti].in(found) {
			continue
		}
		for _, m := range fast(tr.re).FindAllStringIndex(lower) {
			a, b := s.start+m[0], s.start+m[1]
			if overlaps(a, b) || insideName(ms, a, b) {
				continue
			}
			spans = append(spans, [2]int{a, b})
			before := tail(lower[:m[0]], 80)
			o := orderRef{sent: si, start: a, end: b, typ: tr.typ, modality: "asserted"}
			if o.typ == "designation" && !hasList(ms) && !strings.Contains(x.lowerText, "list") {
				// "OFAC designated Rosneft and Lukoil" in a story that names
				// no list: the designation is a sanction.
				o.typ = "sanction"
			}
			// "lifted its suspension of Twitter", "lifts sanctions on
			// Rusal": the order is told, its lifting is an event on it.
			o.lifted = reLiftBefore.MatchString(tail(lower[:m[0]], 40))
			if hypotheticalBefore(before) {
				continue // "can bar": asserts no order
			}
			if negatedBefore(before) {
				// "X was not sanctioned", "did not impose a fine": no new
				// order, but a denied edge of the one the story tells.
				if n, ok := x.negatedAct(si, ms, a, b, tr.typ); ok {
					out = append(out, n)
				}
				continue
			}
			switch {
			case attemptBefore(before):
				o.modality = "attempted"
			case plannedBefore(before):
				o.modality = "planned"
			}
			if tr.ref {
				if a := refAlias(text[m[0]:m[1]]); !vagueRef[a] {
					o.alias = a
				}
				o.ref = true
				if tr.typ != "any" {
					o.typeFilter = tr.typ
				}
				// "The decision is addressed to Facebook Inc. and Facebook
				// Ireland Ltd.": those it is addressed to are its targets.
				if at := addressedTo(lower[m[1]:]); at > 0 {
					// Addressees are listed with their seats
					// ("Facebook Inc., USA, Facebook Ireland Ltd."):
					// every company named after "to" is one.
					for _, mn := range ms {
						if mn.start >= b+at && (mn.kind == kg.KindCompany || mn.kind == kg.KindEntity) && !containsKnown(o.targets, mn.known) {
							o.targets = append(o.targets, mn.known)
						}
					}
				}
				out = append(out, o)
				continue
			}
			if tr.typ == "executive order" {
				o.authority = true
				if nm := reEONumber.FindStringSubmatch(text[m[1]:]); nm != nil {
					o.number = nm[1]
				}
				o.viaPowers = !strings.Contains(strings.ToLower(text[m[0]:m[1]]), "executive")
				mm := reOwnerEra.FindStringSubmatch(text[m[0]:])
				if mm == nil {
					mm = reOwnerEra.FindStringSubmatch(text)
				}
				if mm != nil && !lex.common[strings.ToLower(mm[1])] {
					o.eraOwner = mm[1]
				} else {
					for _, mn := range ms {
						if mn.kind == kg.KindPerson && mn.title != nil && strings.Contains(strings.ToLower(mn.title.title), "president") {
							f := strings.Fields(mn.name)
							o.eraOwner = f[len(f)-1]
							break
						}
					}
				}
				if o.eraOwner == "" && o.viaPowers {
					continue
				}
				out = append(out, o)
				continue
			}
			if isFrame(tr.typ) {
				o.frame = true
				o.inside = strings.HasPrefix(tr.typ, "divestiture") || tr.typ == "delisting" || tr.typ == "bail"
				if x.readFrame(&o, ms, text[m[0]:m[1]]) {
					out = append(out, o)
					if k, ok := x.coIssuer(&o, ms); ok {
						// "The SEC and the CFTC filed their own civil
						// charges": each body's own act.
						c := o
						c.issuer, c.issuerAt = &k, 0
						out = append(out, c)
					}
				}
				continue
			}
			if tr.typ == "binding ruling" {
				if k, ok := x.agencyAfter(ms, b, 40); ok {
					o.issuer = &k
					o.eraOwner = k.name
				} else if k, ok := x.lastBeforeKinds(ms, a, kg.KindAgency); ok {
					o.issuer = &k
					o.eraOwner = k.name
				} else {
					continue
				}
				out = append(out, o)
				continue
			}
			if tr.typ == "designation" && strings.HasSuffix(before, " also ") && x.toldBefore("designation") {
				// "The department also placed X and Y on the list": more
				// members of the listing the story tells.
				o.ref, o.members, o.typeFilter = true, true, tr.typ
				o.targets = x.enumeration(si, ms, a, false)
				if len(o.targets) > 0 {
					out = append(out, o)
				}
				continue
			}
			if tr.typ == "sanction" && strings.HasSuffix(before, " also ") && x.toldBefore("sanction") && x.passiveAt(si, a) {
				// "Viktor Vekselberg, whose Renova Group was also
				// sanctioned": one more target of the told sanctions.
				if t, ok := x.frameSubject(si, ms, a, kg.KindCompany, kg.KindEntity, kg.KindPerson); ok {
					o.ref, o.members, o.typeFilter, o.targets = true, true, tr.typ, []known{t}
					out = append(out, o)
				}
				continue
			}
			if tr.typ == "ban" && reDealingAfter.MatchString(lower[m[1]:]) {
				// "Americans are prohibited from dealing with them": what
				// a sanction does, not an order of its own.
				continue
			}
			from := b
			if tr.typ == "designation" || tr.typ == "suspension order" {
				// "added three entities ... to a list", "ordered OpenAI to
				// stop processing": the target is inside the trigger.
				from = a
			}
			o.targets = x.orderTargets(si, ms, from, tr.typ)
			o.separate = datedBefore(ds, a)
			if x.passiveAt(si, a) {
				// "Meta was fined ... by Ireland's regulator", "whose
				// Renova Group was also sanctioned": the subject is the
				// target, the agent after "by" the issuer.
				if t, ok := x.frameSubject(si, ms, a, kg.KindCompany, kg.KindEntity, kg.KindPerson); ok {
					o.targets = []known{t}
				} else {
					o.targets = nil
				}
				if k, at, ok := x.frameIssuer(si, ms, a, b, true, frameKind{issuers: govIssuers}); ok {
					o.issuer, o.issuerAt = &k, at
				}
			}
			if len(o.targets) == 0 && tr.typ == "fine" && paidBefore(before) {
				// "X paid fines totalling ...": the payer is the one fined.
				if t, ok := x.frameSubject(si, ms, a, kg.KindCompany, kg.KindEntity, kg.KindPerson); ok {
					o.targets = []known{t}
				}
			}
			itFrom := b
			if sp := strings.IndexByte(text[m[0]:m[1]], ' '); sp > 0 {
				itFrom = a + sp // "ordered it to stop": the pronoun is inside the trigger
			}
			if len(o.targets) == 0 && reItsAfter.MatchString(x.masked[itFrom:s.end]) && !x.stateSubject(si, ms, a) {
				if k, ok := x.lastBeforeKinds(ms, a, kg.KindCompany, kg.KindEntity); ok {
					o.targets = []known{k}
				} else if k, ok := x.lastBefore(ms, kg.KindCompany, a); ok {
					o.targets = []known{k}
				}
			}
			// "imposed sanctions on a Cyprus-based holding company": the
			// company is named later in the document.
			if x.firstCompany != nil && (len(o.targets) == 0 || o.targets[0].kind == kg.KindEntity) && reIndefCompany.MatchString(lower[b-s.start:]) {
				o.targets = append([]known{*x.firstCompany}, o.targets...)
			}
			for _, d := range ds {
				if d.prec == kg.PrecisionYear && !d.relative && x.actsYear(s.start, a, b, d) {
					o.hasYear = true
					o.key = d.iso
				}
			}
			// "already banned the use of the software in 2017": an earlier
			// action against the document's subject, not the main order.
			if len(o.targets) == 0 && o.hasYear && (!x.dc.known() || x.dc.pub.Format("2006") != o.key) {
				if k, ok := x.last[kg.KindCompany]; ok {
					o.targets = []known{k}
				}
			}
			if len(o.targets) == 0 {
				o.ref = true
				o.typeFilter = tr.typ
				// "the ban": what the story calls the act it refers to.
				o.calledBan = tr.typ == "ban" && reDefiniteBefore.MatchString(tail(before, 40))
			}
			out = append(out, o)
		}
	}
	out = append(out, x.notCovered(si, ms)...)
	out = append(out, x.moreMembers(si, ms)...)
	out = append(out, x.coveredMembers(si, ms)...)
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	for i := range out {
		o := &out[i]
		// "an executive order that would have barred ... Zhiyuan": the ban is
		// what the order says.
		if o.typ == "executive order" && !o.viaPowers && (reRelAfter.MatchString(x.masked[o.end:s.end]) || (i+1 < len(out) && out[i+1].start-o.end <= 2)) {
			for j := i + 1; j < len(out); j++ {
				if out[j].typ == "ban" && !out[j].skip && len(out[j].targets) > 0 && out[j].start-o.end < 40 {
					o.targets, o.authority = out[j].targets, false
					out[j].skip = true
					break
				}
			}
		}
		// "the measures block any U.S. assets of Rosneft": blocking
		// property is what a sanction does, not a new order.
		if o.typ == "block" && (reAssetsAfter.MatchString(x.lowerText[o.end:min(s.end, o.end+50)]) ||
			x.passiveAt(si, o.start) && reAssetsIn.MatchString(x.lowerText[x.clauseStart(si, o.start):o.start])) {
			o.skip = true
			continue
		}
		// "blocked an executive order": blocking an order is not a new one.
		if o.typ == "block" {
			for j := i + 1; j < len(out); j++ {
				if out[j].start-o.end < 40 {
					subj, ok := x.lastBeforeKinds(ms, o.start, kg.KindAgency, kg.KindPerson)
					if ok {
						out[j].blockedBy = &subj
					}
					o.skip = true
					break
				}
			}
			if !o.skip && len(o.targets) == 0 {
				o.skip = true
				// "temporarily blocked a Food and Drug Administration order
				// that ...": the court acts on the story's order.
				after := x.lowerText[o.end:min(s.end, o.end+70)]
				if reOrderNounAfter.MatchString(after) {
					if subj, ok := x.lastBeforeKinds(ms, o.start, kg.KindAgency, kg.KindPerson); ok {
						o.skip, o.ref, o.typeFilter, o.targets = false, true, "", nil
						o.blockedBy = &subj
					}
				} else if d := reDealAfter.FindStringSubmatch(after); d != nil {
					// "blocked Microsoft's proposed acquisition of ...",
					// the parties unnamed here: the block of the deal.
					if _, ok := x.lastBeforeKinds(ms, o.start, kg.KindAgency); ok {
						o.skip, o.ref, o.typeFilter = false, false, ""
						o.label = d[1]
					}
				}
			}
		}
	}
	for i := 1; i < len(out); i++ {
		x.sharePassive(si, &out[i-1], &out[i])
	}
	for i := range out {
		x.stopIsTold(&out[i], out[:i])
	}
	// Issuer, attempt and blocking from the sentence around each trigger.
	for i := range out {
		o := &out[i]
		if o.frame {
			if o.modality == "attempted" && o.issuer != nil {
				o.attemptBy = o.issuer
			}
			continue
		}
		if o.skip || o.issuer != nil || o.blockedBy != nil {
			continue
		}
		if o.modality == "attempted" {
			if k, ok := x.lastBeforeKinds(ms, o.start, kg.KindPerson, kg.KindAgency); ok {
				o.attemptBy = &k
			}
			if m := reBlocked.FindStringIndex(lower); m != nil {
				for _, mn := range ms {
					if mn.start >= s.start+m[1] && mn.kind == kg.KindAgency {
						k := mn.known
						o.blockedBy = &k
						break
					}
				}
			}
			continue
		}
		if k, ok := x.stateIssuer(si, ms, o.start); ok && (o.typ == "sanction" || o.typ == "ban") {
			// "the United Kingdom sanctioned both Rosneft and Lukoil": a
			// state acts as such; its act is not another state's.
			o.issuer, o.byPlace = &k, k.name
		} else if k, ok := x.lastBeforeKinds(ms, o.start, kg.KindAgency); ok && x.haltsBetween(ms, k, o.start) {
			// "Appeals court temporarily halts FDA order banning Juul":
			// the court acts on the order; it does not issue it.
			o.blockedBy = &k
		} else if ok {
			o.issuer = &k
		} else if x.relativeToPlace(ms, o.start) {
			// "Britain, which added Delmora to its list": a country acts.
			o.foreign = true
		} else if k, ok := x.speaker(si, ms, kg.KindAgency); ok {
			o.issuer = &k
		}
	}
	kept := out[:0]
	for _, o := range out {
		if o.typ == "executive order" && !o.ref && o.number == "" && o.eraOwner == "" && len(o.targets) == 0 {
			o.ref, o.typeFilter = true, "executive order" // "the executive order": the one already named
		}
		if !o.skip {
			kept = append(kept, o)
		}
	}
	return kept
}

// relativeToPlace reports whether the trigger at pos opens a relative
// clause about a place: "Britain, which added ...".
func (x *extraction) relativeToPlace(ms []mention, pos int) bool {
	for i := len(ms) - 1; i >= 0; i-- {
		if ms[i].end <= pos {
			gap := strings.ToLower(strings.TrimSpace(x.masked[ms[i].end:pos]))
			return ms[i].kind == kg.KindLocation && (strings.HasPrefix(gap, ", which") || strings.HasPrefix(gap, ", who"))
		}
	}
	return false
}

// agencyAfter is the first government body named within n bytes after pos.
func (x *extraction) agencyAfter(ms []mention, pos, n int) (known, bool) {
	for _, m := range ms {
		if m.start >= pos && m.start-pos <= n && m.kind == kg.KindAgency {
			return m.known, true
		}
	}
	return known{}, false
}

// vagueRef are referring nouns too general to name an order by.
var vagueRef = map[string]bool{"decision": true, "move": true, "action": true, "plan": true, "measure": true, "order": true, "rule": true, "ruling": true, "restrictions": true, "block": true}

// refAlias turns a referring phrase into an alias of the order it refers
// to: "the decision" -> "decision", "The proposed consent order" -> "proposed consent order".
func refAlias(s string) string {
	f := strings.Fields(strings.ToLower(s))
	if len(f) > 1 && (f[0] == "the" || f[0] == "this" || f[0] == "its") {
		f = f[1:]
	}
	return strings.Join(f, " ")
}

// orderTargets returns the companies, entities or persons an order names
// after its trigger: the first one, and any joined to it by "and".
func (x *extraction) orderTargets(si int, ms []mention, after int, typ string) []known {
	var out []known
	// The target is in the trigger's clause: stop at the next comma.
	limit := x.sents[si].end
	if typ != "designation" {
		if c := strings.IndexAny(x.masked[after:limit], ",;:"); c >= 0 {
			limit = after + c
		}
	}
	if typ == "sanction" || typ == "designation" {
		// Sanctions name long lists: "on seven oligarchs, among them
		// Oleg Deripaska, and 12 companies", "blacklisted 17 officials,
		// state weapons exporter Rosoboronexport and a bank it owns,
		// Russian Financial Corporation".
		return x.enumeration(si, ms, after, false)
	}
	for i, m := range ms {
		if m.start < after {
			continue
		}
		if m.start >= limit {
			break
		}
		if typ != "designation" && headedElsewhere(x.lowerText[after:m.start]) {
			// "barred the plane following the crash of an Ethiopian
			// Airlines flight": the name is not the object of the act.
			break
		}
		if m.kind == kg.KindEntity && strings.HasSuffix(m.id, "-list") {
			continue
		}
		if m.kind != kg.KindCompany && m.kind != kg.KindEntity && m.kind != kg.KindPerson {
			continue
		}
		out = append(out, m.known)
		for j := i + 1; j < len(ms); j++ {
			gap := strings.TrimSpace(x.masked[ms[j-1].end:ms[j].start])
			if (gap == "and" || gap == "," || gap == "or") && ms[j].kind == m.kind {
				out = append(out, ms[j].known)
				continue
			}
			break
		}
		break
	}
	return out
}

func (x *extraction) lastBefore(ms []mention, kind kg.Kind, pos int) (known, bool) {
	return x.lastBeforeKinds(ms, pos, kind)
}

// lastBeforeKinds returns the nearest mention of one of kinds before pos in
// the sentence, falling back to the last one in earlier sentences only for
// companies (the usual antecedent of "its").
func (x *extraction) lastBeforeKinds(ms []mention, pos int, kinds ...kg.Kind) (known, bool) {
	var best *mention
	for i := range ms {
		if ms[i].end > pos {
			break
		}
		for _, k := range kinds {
			if ms[i].kind == k {
				best = &ms[i]
			}
		}
	}
	if best != nil {
		return best.known, true
	}
	if len(kinds) == 1 && kinds[0] == kg.KindCompany {
		k, ok := x.last[kg.KindCompany]
		return k, ok
	}
	return known{}, false
}

// orderIdentity gives a new order its canonical key and display name: the
// type and its first target, plus the year when the order is dated in a
// year other than the document's (an earlier action against the same
// target is a different order).
func (x *extraction) orderIdentity(o *orderRef) {
	var key, name string
	switch {
	case o.frame:
		key, name = x.frameIdentity(o)
	case o.typ == "executive order" && o.number != "":
		key = "executive order " + o.number
		name = "Executive Order " + o.number
	case o.typ == "executive order" && o.eraOwner != "":
		key = "executive order " + o.eraOwner
		name = "Executive order (" + o.eraOwner + " era)"
	case o.typ == "executive order" && len(o.targets) > 0:
		key = "executive order " + o.targets[0].key
		name = "Executive order on " + o.targets[0].name
	case o.typ == "binding ruling":
		key = "binding ruling " + o.eraOwner
		name = "Binding ruling by " + o.eraOwner
	default:
		var tk, tn []string
		for _, t := range o.targets {
			tk = append(tk, t.key)
			tn = append(tn, t.name)
		}
		key = o.typ + " " + strings.Join(tk, " ")
		if o.typ == "sanction" && len(tk) > 1 {
			// A list keys by its head: another story naming more or
			// fewer of the same designations still finds the order.
			key = o.typ + " " + tk[0]
		}
		switch o.typ {
		case "ban":
			name = "Ban on " + strings.Join(tn, " and ")
			if strings.HasPrefix(asciiLower(x.masked[o.start:o.end]), "prohibit") {
				// "has prohibited Facebook from ...": the act is named
				// by its own verb.
				name = "Prohibition on " + strings.Join(tn, " and ")
			}
		case "sanction":
			name = "Sanctions on " + strings.Join(tn, " and ")
		case "designation":
			name = "Designation of " + strings.Join(tn, " and ")
			for _, m := range x.ments[o.sent] {
				if isList(m.known) && m.key != "Entity List" {
					name += " on " + strings.ToLower(m.key)
					key += " " + m.key
					break
				}
			}
		case "block":
			name = "Block of " + strings.Join(tn, " and ")
			if len(tn) == 0 && o.label != "" {
				name = "Block of " + o.label
				key = "block deal" // takeover, merger or acquisition: one deal
				if o.issuer != nil {
					key += " by " + o.issuer.key
				}
				break
			}
			if m := reDealNoun.FindString(asciiLower(x.clauseAround(x.sents[o.sent].start, x.sents[o.sent].end, o.end))); m != "" {
				name += " " + strings.ToLower(m)
			}
		case "fine":
			name = "Fine on " + strings.Join(tn, " and ")
		default:
			name = upperFirst(o.typ) + " on " + strings.Join(tn, " and ")
		}
	}
	if !o.frame && o.byPlace != "" && (o.typ == "sanction" || o.typ == "ban") && x.foreignBodyActs(o) {
		// "the United Kingdom sanctioned both Rosneft and Lukoil": a
		// state's own act is not another body's act on the same targets.
		key += " by " + o.byPlace
		name += " by " + o.byPlace
	}
	year := o.key
	if o.hasYear && (!x.dc.known() || x.dc.pub.Format("2006") != year) {
		key += " " + year
		o.past = true
		name += " (" + year + ")"
	}
	o.key, o.name = key, name
	o.id = kg.NodeID(kg.KindOrder, key)
}

// tail returns at most the last n bytes of s, cut at a rune boundary, so
// that "$"-anchored look-behind patterns run in constant time.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

// insideName reports whether a trigger lies inside a law's or a body's
// name ("Countering America's Adversaries Through Sanctions Act"): the
// name is not an act of that kind.
func insideName(ms []mention, a, b int) bool {
	for _, m := range ms {
		if m.start <= a && b <= m.end && (m.kind == kg.KindOrder || m.kind == kg.KindAgency || m.kind == kg.KindCompany) {
			return true
		}
	}
	return false
}

// reOrderNounAfter: the object of "blocked" is an order of some body
// ("a Food and Drug Administration order", "the agency's ban").
var reOrderNounAfter = regexp.MustCompile(`^\s+(?:an?|the|its|their)\s+(?:[\p{L}'’.-]+\s+){0,6}?(?:order|orders|ban|rule|decision|directive|measure)\b`)

// reHalt: verbs by which a court or body stops another's order.
var reHalt = regexp.MustCompile(`\b(?:halt|halts|halted|halting|block|blocks|blocked|blocking|stay|stays|stayed|staying|overturn\w*|struck\s+down|strikes?\s+down|vacat(?:e|es|ed|ing)|enjoin\w*|suspend(?:s|ed|ing)?|lift(?:s|ed|ing)?)\b`)

// haltsBetween reports whether a halting verb stands between the body k
// (its last mention before pos) and an order trigger at pos.
func (x *extraction) haltsBetween(ms []mention, k known, pos int) bool {
	end := -1
	for _, m := range ms {
		if m.id == k.id && m.end <= pos {
			end = m.end
		}
	}
	if end < 0 {
		return false
	}
	locs := reHalt.FindAllStringIndex(x.lowerText[end:pos], -1)
	if locs == nil {
		return false
	}
	// "blocked Facebook on March 4, ..., and restricted access to
	// Instagram": a halting verb in a clause of its own is an act of its
	// own, not the halting of this one.
	rest := x.lowerText[end+locs[len(locs)-1][1] : pos]
	return !strings.Contains(rest, ",") && !reClauseSep.MatchString(rest)
}

// stateSubject reports whether the clause's actor before pos is a place or
// a government body: "China ordered its airlines to stop" is China's own
// airlines, not the last company named.
func (x *extraction) stateSubject(si int, ms []mention, pos int) bool {
	from := x.clauseStart(si, pos)
	for i := len(ms) - 1; i >= 0; i-- {
		m := ms[i]
		if m.end > pos || m.start < from {
			continue
		}
		return m.kind == kg.KindLocation || m.kind == kg.KindAgency
	}
	return false
}

// reDealAfter: the object of "blocked" is a deal.
var reDealAfter = regexp.MustCompile(`^\s+(?:an?|the|its|their)?\s*(?:[\p{L}'’$.,\d-]+\s+){0,6}?(takeover|merger|acquisition|deal|purchase)\b`)

// reLiftBefore: the words before an order trigger that lift it.
var reLiftBefore = regexp.MustCompile(`\b(?:lift|lifts|lifted|lifting|rescind\w*|revok\w*|end|ends|ended|ending)\s+(?:(?:the|its|their|a|an)\s+)?(?:[\p{L}-]+\s+){0,2}$`)

// reAssetsAfter: the object of "block" is property.
var reAssetsAfter = regexp.MustCompile(`^\s+(?:[\p{L}$.,\d-]+\s+){0,6}?(?:assets|property|funds|accounts|interests)\b`)

// datedBefore reports whether a date names the act right before its
// trigger ("Treasury's January 10 sanctions", "its 2019 ban"): an act of
// its own, not the one the story is about.
func datedBefore(ds []dateMention, a int) bool {
	for _, d := range ds {
		if d.end <= a && a-d.end <= 2 {
			return true
		}
	}
	return false
}

// reAssetsIn: property named as the subject of a passive "are blocked",
// or what a blocked party owns ("Any entity owned 50 percent or more by
// Rosneft is also blocked").
var reAssetsIn = regexp.MustCompile(`\b(?:assets|property|funds|accounts|owned)\b`)

// hasList reports whether a sentence names a list.
func hasList(ms []mention) bool {
	for _, m := range ms {
		if isList(m.known) {
			return true
		}
	}
	return false
}

// stateIssuer is the country that is the nearest actor before pos in its
// clause, when no body or person stands closer.
func (x *extraction) stateIssuer(si int, ms []mention, pos int) (known, bool) {
	from := x.clauseStart(si, pos)
	for i := len(ms) - 1; i >= 0; i-- {
		m := ms[i]
		if m.end > pos || m.start < from {
			continue
		}
		switch m.kind {
		case kg.KindLocation:
			if lex.countryNames[m.name] && !x.possessiveAt(m) && !lex.gaz[kg.AliasKey(x.masked[m.start:m.end])].demonym && !x.reportsOnly(si, m.end, pos) {
				return m.known, true
			}
			continue
		case kg.KindAgency, kg.KindPerson, kg.KindCompany, kg.KindEntity:
			return known{}, false
		}
	}
	return known{}, false
}

// reSinceBefore: "since 2015" dates conduct that goes on, not an act.
var reSinceBefore = regexp.MustCompile(`\b(?:since|until|through|from)\s+$`)

// actsYear reports whether the year d dates the act whose trigger is at
// [a, b): it stands near the trigger in the same clause ("banned the
// software in 2017"), not in an aside ("Twitter, which in 2021 chose
// Accra, said ... the ban") or on a figure further on ("the fine amounts
// to 4 percent of its revenue in 2019"), and it does not start a span
// ("since 2015 Alibaba has abused ... which prohibits").
func (x *extraction) actsYear(sentStart, a, b int, d dateMention) bool {
	if reSinceBefore.MatchString(asciiLower(x.masked[max(sentStart, d.start-8):d.start])) {
		return false
	}
	if d.start >= b && d.start-b > 50 || d.end <= a && a-d.end > 50 {
		return false
	}
	return x.sameClause(a, b, d.start, d.end)
}

// paidBefore reports whether the words before a fine say it was paid:
// "paid fines", "agreed to pay a fine".
func paidBefore(before string) bool {
	f := strings.Fields(before)
	if n := len(f); n > 0 && (f[n-1] == "a" || f[n-1] == "the" || f[n-1] == "its") {
		f = f[:n-1]
	}
	if len(f) == 0 {
		return false
	}
	switch f[len(f)-1] {
	case "paid", "pay", "pays", "paying":
		return true
	}
	return false
}

// addressedTo returns the offset just after "is addressed to " (or "was",
// "are", "were") at the start of after, or 0.
func addressedTo(after string) int {
	for _, p := range [...]string{" is addressed to ", " was addressed to ", " are addressed to ", " were addressed to "} {
		if strings.HasPrefix(after, p) {
			return len(p)
		}
	}
	return 0
}

// foreignBodyActs reports whether another act of o's kind in the story, on
// a target of o, is issued by a body that does not belong to o's country:
// then the country's act is its own, not a retelling of that one.
func (x *extraction) foreignBodyActs(o *orderRef) bool {
	for i := range x.orders {
		e := &x.orders[i]
		if e == o || e.ref || e.typ != o.typ || e.issuer == nil || e.issuer.kind != kg.KindAgency || !overlaps(e.targets, o.targets) {
			continue
		}
		if !bodyOf(e.issuer.name, o.byPlace) {
			return true
		}
	}
	return false
}

// sharePassive reads "Meta was fined ... by Ireland's regulator and
// ordered to stop sending data": a second participle joined by "and" to a
// passive act shares its subject (the target) and its agent (the issuer).
func (x *extraction) sharePassive(si int, p, o *orderRef) {
	if o.typ != "suspension order" || len(o.targets) > 0 || p.skip || len(p.targets) == 0 || p.issuer == nil || p.end > o.start {
		return
	}
	gap := x.lowerText[p.end:o.start]
	if !strings.HasSuffix(gap, " and ") || strings.ContainsAny(gap, ";:") || !x.passiveAt(si, p.start) {
		return
	}
	o.targets = append([]known(nil), p.targets...)
	k := *p.issuer
	o.issuer, o.issuerAt = &k, p.issuerAt
	o.ref, o.typeFilter = false, ""
}

// toldBefore reports whether an earlier sentence introduced an act of kind
// typ.
func (x *extraction) toldBefore(typ string) bool {
	for i := range x.orders {
		if o := &x.orders[i]; !o.ref && o.typ == typ {
			return true
		}
	}
	return false
}

// stopIsTold reads "revoked the authorization of X ... and ordered it to
// stop providing services": an order to stop, on the targets of a ban,
// suspension or revocation told before it, is what that act orders, not
// an act of its own. (A fine is another remedy: "fined and ordered to
// stop" stays two acts.)
func (x *extraction) stopIsTold(o *orderRef, before []orderRef) {
	if o.typ != "suspension order" || o.ref || len(o.targets) == 0 {
		return
	}
	fits := func(e *orderRef) bool {
		return !e.ref && !e.skip && (banLike[e.typ] || e.typ == "revocation") && overlaps(e.targets, o.targets)
	}
	for j := len(before) - 1; j >= 0; j-- {
		if fits(&before[j]) {
			o.ref, o.typeFilter = true, before[j].typ
			return
		}
	}
	for j := len(x.orders) - 1; j >= 0; j-- {
		if fits(&x.orders[j]) {
			o.ref, o.typeFilter = true, x.orders[j].typ
			return
		}
	}
}

// coIssuer is the first of two bodies that perform "their own" act
// together: "The Securities and Exchange Commission and the Commodity
// Futures Trading Commission (CFTC) filed their own civil charges".
func (x *extraction) coIssuer(o *orderRef, ms []mention) (known, bool) {
	if !o.own || o.issuer == nil || o.issuer.kind != kg.KindAgency {
		return known{}, false
	}
	for i := range ms {
		if ms[i].id != o.issuer.id || ms[i].start != o.issuerAt {
			continue
		}
		for i > 0 && ms[i-1].id == o.issuer.id {
			i-- // "the Commodity Futures Trading Commission (CFTC)": one body
		}
		if i == 0 {
			break
		}
		p := ms[i-1]
		gap := strings.TrimSpace(x.lowerText[p.end:ms[i].start])
		if p.kind == kg.KindAgency && p.id != o.issuer.id && (gap == "and" || gap == "and the") {
			return p.known, true
		}
	}
	return known{}, false
}

// reDealingAfter: a prohibition on doing business with a party, the
// effect of sanctions on it.
var reDealingAfter = regexp.MustCompile(`^\s+from\s+(?:dealing|doing\s+business|transacting|engaging\s+in\s+transactions)\b`)
