package loader

import (
	"regexp"

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
