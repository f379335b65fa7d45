package loader

import (
	"regexp"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// lawHeads end the names of laws and regulations, which are ORDER nodes:
// the authority other orders rest on ("General Data Protection Regulation").
var lawHeads = map[string]bool{"Regulation": true, "Act": true, "Directive": true, "Law": true, "Code": true, "Treaty": true, "Convention": true, "Ordinance": true, "Statute": true}

var reAcronym = regexp.MustCompile(`^\s*\(([A-Z][A-Za-z]{1,9})\)`)

// lawAt recognises a capitalised law name at token i.
func lawAt(toks []token, i int) (known, int) {
	j := nameRun(toks, i, 6)
	if j-i >= 2 && lawHeads[toks[j-1].word] {
		return newKnown(kg.KindOrder, joinWords(toks[i:j])), j - i
	}
	return known{}, 0
}

// learnAcronyms makes "Name (ACR)" teach ACR as another name of what Name
// names, so later mentions of the acronym resolve to it.
func (x *extraction) learnAcronyms(si int, ms []mention) []mention {
	var extra []mention
	for _, m := range ms {
		if m.anaphor || m.kind == kg.KindLocation || m.kind == kg.KindDate {
			continue
		}
		rest := x.masked[m.end:x.sents[si].end]
		loc := reAcronym.FindStringSubmatchIndex(rest)
		if loc == nil {
			continue
		}
		acr := rest[loc[2]:loc[3]]
		toks := tokenize(x.masked, m.end+loc[2], m.end+loc[3])
		if len(toks) != 1 {
			continue
		}
		if _, ok := x.learned[toks[0].key]; !ok {
			x.learnName(toks, m.known)
		}
		if x.learned[toks[0].key].id == m.id {
			extra = append(extra, mention{known: m.known, start: m.end + loc[2], end: m.end + loc[2] + len(acr), sent: si})
		}
	}
	if len(extra) == 0 {
		return ms
	}
	return dedupeMentions(append(ms, extra...))
}

// isLaw reports whether an ORDER node is a law or regulation named in the
// text ("Clean Air Act") rather than an act the loader composed.
func (x *extraction) isLaw(k known) bool {
	f := strings.Fields(k.name)
	return k.kind == kg.KindOrder && len(f) > 1 && lawHeads[f[len(f)-1]]
}

// reLawCue ends the words that make a law the authority of an act: "under
// the", "violated Section 2 of the", "rest on", "a violation of the".
var reLawCue = regexp.MustCompile(`\b(?:under|pursuant\s+to|violat\w*(?:\s+of)?|breach\w*(?:\s+of)?|broke|broken|breaking|infring\w*|rests?\s+on|based\s+on)\s+(?:section\s+\d+\w*\s+of\s+)?(?:the\s+)?(?:[\p{L}'’]+\s+){0,5}$`)

// lawCue reports whether the words before pos make the law named there an
// act's authority.
func (x *extraction) lawCue(pos int) bool {
	return reLawCue.MatchString(tail(x.lowerText[:pos], 60))
}

// reLawAppos: the appositive after a law that dates or attributes it
// (", a law Congress passed in 2017", ", a 2019 law aimed at").
var reLawAppos = regexp.MustCompile(`^\s*(?:\([^)]{1,20}\)\s*)?,\s+(?:a|an|the)\s+(?:\d{4}\s+)?(?:[\p{L}-]+\s+){0,2}?(?:law|act|statute|regulation|treaty)\b[^.;,]*`)

var rePassedVerb = regexp.MustCompile(`\b(?:passed|enacted|adopted|approved|signed)\b`)

// lawFacts reads, for each law named in sentence si, the act that rests
// on it (BASED_ON: the sentence's act before it, else the story's main
// order) and who made it and when, from its appositive. The dates it
// takes are returned so that no order claims them too; edges are made
// only when emit is set (once every order has its node).
func (x *extraction) lawFacts(si int, emit bool) map[int]bool {
	s := x.sents[si]
	if !s.kind.minable() {
		return nil
	}
	var used map[int]bool
	ev := x.b.evidence(s.start, s.end, si)
	for _, m := range x.ments[si] {
		if !x.isLaw(m.known) {
			continue
		}
		if emit && x.lawCue(m.start) {
			if act := x.actBefore(si, m.start); act != "" && act != m.id {
				x.b.edge(act, kg.RelBasedOn, m.id, "", nil, ev)
			}
		}
		loc := reLawAppos.FindStringIndex(x.lowerText[m.end:s.end])
		if loc == nil {
			continue
		}
		a, b := m.end+loc[0], m.end+loc[1]
		if v := rePassedVerb.FindStringIndex(x.lowerText[a:b]); v != nil && emit {
			for _, p := range x.ments[si] {
				if p.start >= a && p.end <= a+v[0] && (p.kind == kg.KindAgency || p.kind == kg.KindPerson) {
					x.b.edge(p.id, kg.RelIssued, m.id, "", nil, ev)
					break
				}
			}
		}
		for _, d := range x.dates[si] {
			if d.start >= a && d.end <= b && d.iso != "" {
				if emit {
					dev := x.b.evidence(d.start, d.end, si)
					id := x.b.dateNode(d.iso, d.prec, &dev)
					x.b.edge(m.id, kg.RelOccurredOn, id, "", nil, ev)
				}
				if used == nil {
					used = map[int]bool{}
				}
				used[d.start] = true
			}
		}
	}
	return used
}

// actBefore is the act a law named at pos in sentence si is the authority
// of: the nearest order of the sentence named before it, else the first
// after it, else the story's main order.
func (x *extraction) actBefore(si, pos int) string {
	best, after := "", ""
	for _, i := range x.ordersIn(si) {
		o := &x.orders[i]
		if o.id == "" && !o.negated {
			return "" // "the penalty" with no act to refer to: unknown
		}
		if o.id == "" || o.negated || o.authority {
			continue
		}
		if o.end <= pos {
			best = o.id
		} else if after == "" {
			after = o.id
		}
	}
	switch {
	case best != "":
		return best
	case after != "":
		return after
	case x.main != nil:
		return x.main.id
	}
	return ""
}
