package loader

import (
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// One act told several times in a story: coreference of frame acts and
// the names a story gives them.

// corefFrames finds acts of one document that are one act told twice:
// "The SEC today sued Binance ... The complaint ... the SEC charges". A
// later act of the same family is the earlier one when their issuers do
// not differ and their targets overlap or one of them names none; it adds
// its targets to the earlier act's.
func (x *extraction) corefFrames() {
	merges := func(o *orderRef) bool { return o.frame || o.typ == "sanction" || o.typ == "ban" }
	for i := range x.orders {
		o := &x.orders[i]
		if !merges(o) || o.ref {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			e := &x.orders[j]
			if x.manner(o, e) {
				// "banned Facebook and Instagram, ruling that Meta ...":
				// the participle tells how the act was done.
				o.sameAs = j + 1
				break
			}
			if !merges(e) || e.ref || e.sameAs > 0 || familyOf(e.typ) != familyOf(o.typ) || o.hasYear != e.hasYear || o.key != e.key {
				continue
			}
			if o.typ == "ban" && e.typ == "ban" {
				continue // the seed kind keeps its own reading of several bans
			}
			if o.separate || e.separate || !sameActor(o.issuer, e.issuer) || o.byPlace != e.byPlace && (o.byPlace != "" && e.byPlace != "" || !sameActor(o.issuer, e.issuer)) {
				continue
			}
			if (o.issuer == nil && e.issuer == nil || frameKinds[o.typ].subjectTarget) && len(o.targets) > 0 && len(e.targets) > 0 && !overlaps(o.targets, e.targets) {
				continue // two defendants' pleas are two acts
			}
			o.sameAs = j + 1
			for _, t := range o.targets {
				if !containsKnown(e.targets, t) {
					e.targets = append(e.targets, t)
				}
			}
			if e.issuer == nil && o.issuer != nil {
				e.issuer = o.issuer
			}
			break
		}
	}
}

// sameActor reports whether two acts' issuers may be one: the same, or
// one untold while the other is a government body (a company's own
// lawsuit is not the agency's case).
func sameActor(a, b *known) bool {
	switch {
	case a != nil && b != nil:
		if a.kind == kg.KindLocation && b.kind == kg.KindAgency {
			return bodyOf(b.name, a.name)
		}
		if b.kind == kg.KindLocation && a.kind == kg.KindAgency {
			return bodyOf(a.name, b.name)
		}
		// A judge and the court named for one ruling act as one.
		return a.id == b.id || (a.kind == kg.KindPerson) != (b.kind == kg.KindPerson) && (a.kind == kg.KindAgency || b.kind == kg.KindAgency)
	case a != nil:
		return a.kind == kg.KindAgency
	case b != nil:
		return b.kind == kg.KindAgency
	}
	return true
}

func overlaps(a, b []known) bool {
	for _, k := range a {
		if containsKnown(b, k) {
			return true
		}
	}
	return false
}

// npAlias is the noun phrase a story names an act by when names stand
// before its noun: "a separate Justice Department lawsuit".
func (x *extraction) npAlias(o *orderRef) string {
	fk := frameKinds[o.typ]
	trig := x.masked[o.start:o.end]
	if !isNounTrigger(fk, trig) {
		return ""
	}
	toks := x.toks[o.sent]
	k := -1
	for i, t := range toks {
		if t.start == o.start {
			k = i
			break
		}
	}
	if k <= 0 {
		return ""
	}
	i := k
	for i > 0 && k-i < 4 && toks[i-1].cap && !toks[i-1].punctAfter && !toks[i-1].possessive {
		i--
	}
	if i == k {
		return ""
	}
	if i > 0 && reSeparateBefore.MatchString(toks[i-1].lower+" ") {
		i--
	}
	return strings.Join(strings.Fields(x.text[toks[i].start:o.end]), " ")
}

// issuerAlias is the name a story gives an act after its issuer: "FTC
// lawsuit", "CMA clearance", when the issuer is named in a short form.
func (x *extraction) issuerAlias(o *orderRef) string {
	if o.issuer == nil || !o.frame {
		return ""
	}
	for _, m := range x.ments[o.sent] {
		if m.start != o.issuerAt || m.id != o.issuer.id {
			continue
		}
		surf := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(x.text[m.start:m.end]), "'s"), "’s")
		if len(strings.Fields(surf)) > 2 || surf == "" {
			return ""
		}
		label := o.label
		if label == "" {
			label = frameKinds[o.typ].label
		}
		return surf + " " + strings.ToLower(label)
	}
	return ""
}

// manner reports whether act o is a participle clause of act e told just
// before it in the same sentence (", ruling that ...").
func (x *extraction) manner(o, e *orderRef) bool {
	if !o.frame || e.sameAs > 0 || e.negated || e.sent != o.sent || e.end > o.start || o.start-e.end > 80 {
		return false
	}
	w := strings.ToLower(x.masked[o.start:o.end])
	return strings.HasSuffix(w, "ing") && strings.HasSuffix(strings.TrimRight(x.masked[e.end:o.start], " "), ",") ||
		strings.HasSuffix(w, "ing") && strings.Contains(x.masked[e.end:o.start], ", ")
}

// bodyOf reports whether a government body belongs to a country by its
// name: bodies are named with their country ("United Kingdom Competition
// and Markets Authority") except those of the United States.
func bodyOf(body, country string) bool {
	if strings.HasPrefix(body, country+" ") {
		return true
	}
	if country != "United States" {
		return false
	}
	f := strings.Fields(body)
	for n := 1; n <= 3 && n <= len(f); n++ {
		if lex.countryNames[strings.Join(f[:n], " ")] {
			return false
		}
	}
	return true
}

// stateBodies gives an act a country performs ("China bars Micron chips")
// to the body of that country the next sentences name ("The Cyberspace
// Administration of China said ..."): a state acts through its bodies.
func (x *extraction) stateBodies() {
	for i := range x.orders {
		o := &x.orders[i]
		if o.byPlace == "" || o.issuer == nil || o.issuer.kind != kg.KindLocation {
			continue
		}
		country := o.issuer.name
	look:
		for j := o.sent; j < len(x.ments) && j <= o.sent+2; j++ {
			for _, m := range x.ments[j] {
				if m.kind == kg.KindAgency && !m.anaphor && (bodyOf(m.name, country) && country != "United States" || strings.HasSuffix(m.name, " of "+country)) {
					k := m.known
					o.issuer, o.byPlace = &k, ""
					break look
				}
			}
		}
	}
}
