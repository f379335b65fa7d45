package loader

import (
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// Open-world names. The cues of learn (a title, a legal suffix, a
// descriptor) announce only some names; a well-known organisation is
// usually named bare ("Tesla is recalling..."). Every capitalised span
// that no cue, lexicon or earlier document explains is a candidate here:
// its occurrences in the document vote for a kind by their context
// (namevotes.go), and a candidate that wins no vote but recurs still
// becomes a node rather than being dropped (namedecide.go).

// candKind indexes the votes of a candidate.
type candKind int

const (
	cPerson candKind = iota
	cCompany
	cAgency
	cEntity
	cLocation
	nCandKinds
)

var candKinds = [nCandKinds]kg.Kind{kg.KindPerson, kg.KindCompany, kg.KindAgency, kg.KindEntity, kg.KindLocation}

// nameCand is one unexplained name of the document.
type nameCand struct {
	toks  []token // the first occurrence that is not sentence-initial, else the first
	count int
	mid   int // occurrences that do not start a sentence
	votes [nCandKinds]int
	coord []string // keys of names it is coordinated with ("X and Y")
	// targeted counts the votes it won as the target of an official act,
	// which say it is a party, not whether a person or a company.
	targeted int
}

// candidateWords are the word lists that read a candidate's context.
type candidateWords struct {
	notName        map[string]bool // capitalised words that never start a name
	particles      map[string]bool // "de", "von": lower-case words inside names
	roles          map[string]bool // role nouns of people: "founder", "lawyer"
	orgNouns       map[string]bool // what an organisation has: "X's shares"
	agencyDesc     map[string]bool // what describes a public body: "regulator"
	entNouns       map[string]bool // what a named thing is: "spyware", "token"
	actorVerbs     map[string]bool // what an actor does: "pleaded", "recalled"
	auxVerbs       map[string]bool // "is", "has", "will": an actor's verb follows
	honorifics     map[string]bool // "Mr", "Dr": a person follows
	placeCues      map[string]bool // "based", "headquartered": "in X" is a place
	actionNouns    map[string]bool // "sanctions on X": X is a target
	actionVerbs    map[string]bool // "sanctioned X": X is a target
	institutions   map[string]bool // "University": the last word of an institution's name
	authorityVerbs map[string]bool // "issued", "fined": what a public body does
	orderNouns     map[string]bool // "Notice", "Directive": the last word of an act's name
}

var cw = loadCandidateWords()

func loadCandidateWords() candidateWords {
	c := candidateWords{}
	sets := map[string]*map[string]bool{
		"notname": &c.notName, "particle": &c.particles, "role": &c.roles, "orgnoun": &c.orgNouns,
		"agencydesc": &c.agencyDesc, "entnoun": &c.entNouns, "actorverb": &c.actorVerbs,
		"aux": &c.auxVerbs, "honorific": &c.honorifics, "placecue": &c.placeCues,
		"actionnoun": &c.actionNouns, "actionverb": &c.actionVerbs, "institution": &c.institutions, "authorityverb": &c.authorityVerbs, "ordernoun": &c.orderNouns,
	}
	for _, p := range sets {
		*p = map[string]bool{}
	}
	for _, f := range lexLines("context.txt") {
		set, ok := sets[field(f, 0)]
		if !ok {
			panic("loader: context.txt has unknown list " + field(f, 0))
		}
		for _, w := range strings.Fields(field(f, 1)) {
			(*set)[w] = true
		}
	}
	return c
}

// learnOpen is the last pass of learn: it collects the unexplained
// capitalised spans of the document, lets their contexts vote, and learns
// the ones that are names.
func (x *extraction) learnOpen() {
	x.learnParenAcronyms()
	cands := map[string]*nameCand{}
	var order []string
	initials := map[string]known{} // "FDA" -> the Food and Drug Administration named in the document
	for si, s := range x.sents {
		toks := x.toks[si]
		if s.kind != lineBody && s.kind != lineCaption && !(s.kind == lineHeading && !titleCased(toks)) {
			continue // metadata and boilerplate are no prose; title case capitalises every word
		}
		prevCand, prevKnown := "", candKind(-1)
		// "Viktor Vekselberg, whose Renova Group was also sanctioned, and
		// Suleiman Kerimov": a relative clause set off by commas is an
		// aside, and the list resumes after it.
		asideCand, asideKnown, asideAt := "", candKind(-1), -1
		knownEnd := -1 // where the last span something already names ends
		for i := 0; i < len(toks); i++ {
			t := toks[i]
			if !isNameToken(t) && !(isNumber(t.word) && openRun(toks, i) > i) {
				if i > 0 && toks[i-1].punctAfter && relativeWords[t.lower] && strings.TrimSpace(x.masked[toks[i-1].end:t.start]) == "," {
					asideCand, asideKnown, asideAt = prevCand, prevKnown, i
				}
				if t.lower != "and" && t.lower != "or" {
					prevCand, prevKnown = "", -1
				}
				continue
			}
			resumed := false
			if asideAt > 0 && i > asideAt+2 && (toks[i-1].lower == "and" || toks[i-1].lower == "or") && toks[i-2].punctAfter && strings.TrimSpace(x.masked[toks[i-2].end:toks[i-1].start]) == "," {
				prevCand, prevKnown, resumed = asideCand, asideKnown, asideCand != "" || asideKnown >= 0
				asideAt = -1
			}
			if n, k := x.knownSpan(toks, i); n > 0 {
				if k.kind == "" && n == 1 && i > 1 && toks[i-1].lower == "based" && toks[i-2].hyphen {
					// "Seattle-based Alaska": a place's name used for the
					// company the story named with it ("Alaska Airlines").
					if co, ok := x.companyStartingWith(toks[i]); ok {
						x.learnName(toks[i:i+1], co)
					}
				}
				kind := candKind(-1)
				switch {
				case k.kind == kg.KindAgency:
					initials[acronymOf(toks[i:i+n])] = k
					x.noteCourt(k)
					kind = cAgency
				case k.kind != "":
					if n >= 2 && (k.kind == kg.KindCompany || k.kind == kg.KindEntity) {
						initials[acronymOf(toks[i:i+n])] = k
					}
					kind = kindIndex(k.kind)
				}
				// "Viktor Vekselberg ... and Suleiman Kerimov", "Microsoft
				// and Sony": names listed together are of one kind.
				alone := i+n >= len(toks) || !isNameToken(toks[i+n]) || toks[i+n-1].punctAfter // not "Audi" of "Audi A3"
				if kind >= 0 && alone && prevCand != "" && (resumed || x.joined(toks, i)) {
					cands[prevCand].votes[kind] += 2
				}
				i += n - 1
				knownEnd = i + 1
				prevCand = ""
				prevKnown = kind
				if kind < 0 || !alone || toks[i].punctAfter && !strings.HasPrefix(x.masked[toks[i].end:], ",") {
					prevKnown = -1
				}
				continue
			}
			if (t.common() && !t.allCaps) || cw.notName[t.word] || cw.honorifics[strings.TrimSuffix(t.word, ".")] {
				prevCand = ""
				continue
			}
			j := openRun(toks, i)
			if j == i {
				continue
			}
			initial := x.sentenceInitial(toks, i)
			if initial {
				// "Shares of Alphabet": a sentence's first word is no part
				// of the name that follows "of".
				for k := i + 1; k < j; k++ {
					if toks[k].word == "of" {
						j = k
						break
					}
				}
			}
			span := toks[i:j]
			if j == i+1 && lex.topics[t.lower] {
				continue // "Commerce Secretary": a portfolio, not a name
			}
			if cw.orderNouns[toks[j-1].lower] {
				i = j - 1
				continue // "Sanctions Notice 2010-0005": an act, which the order frames read
			}
			if k, ok := x.knownAs(toks, i); ok {
				// "Zhao, a Canadian citizen widely known as "CZ"": another
				// name of the one the clause describes.
				x.learnName(span, k)
				i = j - 1
				continue
			}
			if k, ok := x.parenGloss(toks, j); ok {
				// "The Bundeskartellamt (Federal Cartel Office)": the
				// name is the body the gloss names.
				x.learnName(span, k)
				i = j - 1
				continue
			}
			if _, ok := x.lookupAny(span); ok {
				i = j - 1 // an earlier document knows it: findMentions resolves it
				continue
			}
			key := wordKey(span)
			c := cands[key]
			if c == nil {
				c = &nameCand{toks: span}
				cands[key] = c
				order = append(order, key)
			}
			c.count++
			if !initial {
				if c.mid == 0 {
					c.toks = span
				}
				c.mid++
			}
			if j == i+1 && t.parenBefore && (acronymLike(t) || t.cap && len(t.word) <= 4 && strings.ContainsAny(t.word, "0123456789")) && t.end < len(x.masked) && x.masked[t.end] == ')' && i > 0 && toks[i-1].cap && strings.TrimSpace(x.masked[toks[i-1].end:t.start]) == "(" && knownEnd != i {
				// "the Group of Seven (G7)": an acronym defined for a name
				// no list explains is one the story means to use.
				c.count++
				c.mid++
			}
			x.vote(c, toks, i, j, initial)
			if prevKnown >= 0 && (resumed || x.joined(toks, i)) {
				c.votes[prevKnown] += 2
			}
			prevKnown = -1
			if prevCand != "" && (resumed || x.joined(toks, i)) {
				c.coord = append(c.coord, prevCand)
				if p := cands[prevCand]; p != nil {
					p.coord = append(p.coord, key)
				}
			}
			prevCand = key
			if toks[j-1].punctAfter && !strings.HasPrefix(x.masked[toks[j-1].end:], ",") {
				prevCand = ""
			}
			i = j - 1
		}
	}
	// "Boeing 737 MAX" and "737 MAX": a name glued to the maker's name in
	// one place recurs as the other.
	for _, key := range order {
		c := cands[key]
		if c == nil || len(c.toks) < 2 {
			continue
		}
		for k := 1; k < len(c.toks) && k <= 2; k++ {
			if rest := cands[wordKey(c.toks[k:])]; rest != nil && rest != c {
				rest.count += c.count
				rest.mid += c.mid
				break
			}
		}
	}
	// "Dorian Quell-Varga ... Quell-Varga denied": a name whose last word
	// recurs alone is a person called by surname.
	for _, key := range order {
		c := cands[key]
		if c == nil || nameWords(c.toks) < 2 || nameWords(c.toks) > 3 || c.toks[0].allCaps {
			continue
		}
		last := c.toks[lastWordStart(c.toks):]
		if c.votes[cCompany]-c.targeted >= 2 || c.votes[cAgency] >= 2 || c.votes[cEntity] >= 2 || c.votes[cLocation] >= 2 {
			continue // its own context says otherwise
		}
		if sur := cands[wordKey(last)]; sur != nil && sur != c && sur.mid > 0 && !hasSuffix(c.toks) && !lex.namewords[last[0].word] {
			c.votes[cPerson] += 3 + c.targeted
			sur.votes[cPerson] += 3 + sur.targeted
		}
	}
	// An acronym spelling the initials of a body or company the document
	// names is that body ("the Food and Drug Administration ... the FDA").
	for _, key := range order {
		c := cands[key]
		if len(c.toks) == 1 && c.toks[0].allCaps {
			if k, ok := initials[strings.ToUpper(c.toks[0].key)]; ok {
				x.learnName(c.toks, k)
				delete(cands, key)
			}
		}
	}
	x.decideCandidates(cands, order)
	x.learnParenAcronyms()
}

// relativeWords open a relative clause: "X, whose ...".
var relativeWords = map[string]bool{"whose": true, "who": true, "which": true}

// joined reports whether the name at i continues a list: "and", "or" or a
// comma before it.
func (x *extraction) joined(toks []token, i int) bool {
	if i > 1 && (toks[i-1].lower == "and" || toks[i-1].lower == "or") {
		// "Igor Sechin, and Lukoil": a comma before "and" closes an aside.
		return !toks[i-2].punctAfter
	}
	return i > 0 && toks[i-1].punctAfter && strings.TrimSpace(x.masked[toks[i-1].end:toks[i].start]) == ","
}

// kindIndex is the vote a known kind casts, or -1.
func kindIndex(k kg.Kind) candKind {
	for i, ck := range candKinds {
		if ck == k {
			return candKind(i)
		}
	}
	return -1
}

// titleCased reports whether most words of a line are capitalised, as in
// a headline written in title case, where capitals say nothing of names.
func titleCased(toks []token) bool {
	caps, words := 0, 0
	for _, t := range toks {
		if isNumber(t.word) {
			continue
		}
		words++
		if t.cap {
			caps++
		}
	}
	return words > 0 && caps*5 >= words*3
}

// knownSpan is the length of a span at i that something already names: a
// government body, a learned name, a place, a title or a law. It returns
// what names it when that is a body or a learned name.
func (x *extraction) knownSpan(toks []token, i int) (int, known) {
	if k, n := x.agencyAt(toks, i); n > 0 {
		return n, k
	}
	if k, ok := x.learnedAt(toks, i); ok {
		return k.n, k.known
	}
	if g, ok := x.gazAt(toks, i); ok && !placeStartsName(toks, i, g) {
		return g.n, known{}
	}
	if n := titleAt(toks, i); n > 0 {
		return n, known{}
	}
	if _, n := lawAt(toks, i); n > 0 {
		return n, known{}
	}
	return 0, known{}
}

// placeStartsName reports whether the place at i begins a longer name
// ("West Virginia University", "China Mobile"): a capitalised word that is
// not itself a place, a title or a common word follows it directly.
func placeStartsName(toks []token, i int, g struct {
	e gazEntry
	n int
}) bool {
	e := i + g.n
	if g.e.kind != kg.KindLocation || g.e.demonym || e >= len(toks) || toks[e-1].possessive || toks[e-1].punctAfter || toks[e-1].hyphen {
		return false
	}
	t := toks[e]
	if !isNameToken(t) || t.common() || cw.notName[t.word] || lex.titleStarts[t.word] || lex.gazFirst[t.key] {
		return false
	}
	_, isAgencyHead := lex.agencyHeads[t.word]
	return !isAgencyHead
}

// sentenceInitial reports whether token i starts its sentence or a quote,
// where any word is capitalised.
func (x *extraction) sentenceInitial(toks []token, i int) bool {
	if i == 0 {
		return true
	}
	gap := strings.TrimSpace(x.masked[toks[i-1].end:toks[i].start])
	return strings.HasSuffix(gap, ":") || strings.HasSuffix(gap, "\"") || strings.HasSuffix(gap, "“")
}

// openRun is the end of a candidate name at i: capitalised words, hyphenated
// parts, particles between them ("Petroleos de Venezuela SA") and a short
// number inside ("Nord Stream 2 AG").
func openRun(toks []token, i int) int {
	j := i
	for j < len(toks) && j-i < 6 {
		t := toks[j]
		switch {
		case j > i && titleAt(toks, j) > 0 && t.cap:
			return j // "FDA Commissioner Robert Califf": a title starts another name
		case isNameToken(t) && (j == i || !t.parenBefore) && !(j > i && t.common() && !t.allCaps && !middleInitial(toks, j)) && !cw.notName[t.word]:
		case j == i && isNumber(t.word) && len(t.word) <= 4 && !t.punctAfter && j+1 < len(toks) && toks[j+1].allCaps:
			// "737 MAX": a model number before its name.
		case j > i && (cw.particles[t.word] || t.word == "of") && j+1 < len(toks) && isNameToken(toks[j+1]) && !toks[j+1].common() && !toks[j-1].punctAfter && !toks[j-1].possessive && (t.word != "of" || !lex.gazFirst[toks[j+1].key]):
			// "Petroleos de Venezuela", "Call of Duty"; not "X of China".
		case j > i && isNumber(t.word) && len(t.word) <= 3 && !t.parenBefore:
		default:
			return j
		}
		j++
		if t.possessive || (t.punctAfter && !middleInitial(toks, j-1)) || (t.hyphen && !hyphenJoinsName(toks, j-1)) {
			break
		}
	}
	// A run never ends on a particle or a number it could not attach.
	for j > i+1 && (cw.particles[toks[j-1].word] || toks[j-1].word == "of" || (isNumber(toks[j-1].word) && (j >= len(toks) || !isNameToken(toks[j])))) {
		if isNumber(toks[j-1].word) && !toks[j-2].punctAfter && len(toks[j-1].word) <= 2 && !(j < len(toks) && quantityWords[toks[j].lower]) {
			break // "Nord Stream 2", "MAX 8": the number is part of the name
		}
		j--
	}
	return j
}

// quantityWords follow a number that counts rather than names: "Tesla
// 2 million".
var quantityWords = map[string]bool{"million": true, "billion": true, "percent": true, "per": true, "times": true, "years": true, "months": true, "days": true, "hours": true, "people": true}
