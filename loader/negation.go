package loader

import (
	"regexp"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// Negation: what the text denies of an act becomes negated edges of the
// act the story tells, never an asserted order.

// negatedAct reads a negated trigger at [a, b): its targets (the subject
// of a passive, else the named object) become negated edges of the order
// the story already tells of that kind. It makes no order of its own.
func (x *extraction) negatedAct(si int, ms []mention, a, b int, typ string) (orderRef, bool) {
	o := orderRef{sent: si, start: a, end: b, typ: typ, modality: "negated", ref: true, negated: true}
	if typ != "any" {
		o.typeFilter = typ
	}
	if x.passiveAt(si, a) {
		if t, ok := x.frameSubject(si, ms, a, kg.KindCompany, kg.KindEntity, kg.KindPerson); ok {
			o.targets = []known{t}
		}
	} else {
		o.targets = x.frameObjects(si, ms, b, false)
	}
	return o, len(o.targets) > 0
}

// reNotCovered: a thing the text puts outside an order ("WhatsApp was
// not covered by the ban", "UMC was not added to the list").
var reNotCovered = regexp.MustCompile(`\b(?:not|never|n't)\s+(?:be\s+|been\s+)?(?:covered|included|affected|targeted|named|listed|added|part\s+of|subject\s+to)\b`)

// notCovered adds, for each "X was not covered by ..." of sentence si, a
// negated act on X: its order is the one named after the phrase or the
// story's main order.
func (x *extraction) notCovered(si int, ms []mention) []orderRef {
	if !strings.Contains(x.lower(si), "not") && !strings.Contains(x.lower(si), "n't") {
		return nil
	}
	s := x.sents[si]
	var out []orderRef
	for _, loc := range reNotCovered.FindAllStringIndex(x.lower(si), -1) {
		a, b := s.start+loc[0], s.start+loc[1]
		t, ok := x.frameSubject(si, ms, a, kg.KindCompany, kg.KindEntity, kg.KindPerson)
		if !ok {
			continue
		}
		o := orderRef{sent: si, start: a, end: b, typ: "any", modality: "negated", ref: true, negated: true, targets: []known{t}}
		if w := x.lower(si)[loc[0]:loc[1]]; strings.HasSuffix(w, "added") || strings.HasSuffix(w, "listed") {
			o.typeFilter = "designation" // "UMC was not added to the list": the listing
		}
		out = append(out, o)
	}
	return out
}
