package loader

import (
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// Open-world names. The cues of learn (a title, a legal suffix, a
// descriptor) announce only some names; a well-known organisation is
// usually named bare ("Tesla is recalling..."). Every capitalised span
// that no cue, lexicon or earlier document explains is a nameCand here:
// its occurrences in the document vote for a kind by their context, and a
// nameCand that wins no vote but recurs still becomes an ENTITY rather
// than being dropped.

// candKind indexes the votes of a nameCand.
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

// candidateWords are the word lists that read a nameCand's context.
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
}

var cw = loadCandidateWords()

func loadCandidateWords() candidateWords {
	c := candidateWords{}
	sets := map[string]*map[string]bool{
		"notname": &c.notName, "particle": &c.particles, "role": &c.roles, "orgnoun": &c.orgNouns,
		"agencydesc": &c.agencyDesc, "entnoun": &c.entNouns, "actorverb": &c.actorVerbs,
		"aux": &c.auxVerbs, "honorific": &c.honorifics, "placecue": &c.placeCues,
		"actionnoun": &c.actionNouns, "actionverb": &c.actionVerbs, "institution": &c.institutions, "authorityverb": &c.authorityVerbs,
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
		for i := 0; i < len(toks); i++ {
			t := toks[i]
			if !isNameToken(t) && !(isNumber(t.word) && openRun(toks, i) > i) {
				if t.lower != "and" && t.lower != "or" {
					prevCand, prevKnown = "", -1
				}
				continue
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
				if kind >= 0 && alone && prevCand != "" && x.joined(toks, i) {
					cands[prevCand].votes[kind] += 2
				}
				i += n - 1
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
			x.vote(c, toks, i, j, initial)
			if prevKnown >= 0 && x.joined(toks, i) {
				c.votes[prevKnown] += 2
			}
			prevKnown = -1
			if prevCand != "" && x.joined(toks, i) {
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

// companyStartingWith finds the company learned in this document whose
// name starts with the word t ("Alaska" -> "Alaska Airlines"), when there
// is exactly one.
func (x *extraction) companyStartingWith(t token) (known, bool) {
	var found known
	n := 0
	for key, k := range x.learned {
		if k.kind == kg.KindCompany && strings.HasPrefix(key, t.key+" ") && found.id != k.id {
			found = k
			n++
		}
	}
	return found, n == 1
}

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

// openRun is the end of a nameCand name at i: capitalised words, hyphenated
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

// vote reads the context of one occurrence toks[i:j] of nameCand c.
func (x *extraction) vote(c *nameCand, toks []token, i, j int, initial bool) {
	span := toks[i:j]
	last := toks[j-1]
	words := nameWords(span)
	single := words == 1
	orgWord := lex.namewords[last.word]
	for _, t := range span[1:] {
		orgWord = orgWord || isSuffix(t)
	}
	if orgWord && words >= 2 {
		c.votes[cCompany] += 3
	}
	if cw.institutions[last.word] && words >= 2 {
		c.votes[cEntity] += 3 // "West Virginia University"
	}
	if last.word == "List" && words >= 2 {
		c.votes[cEntity] += 3 // "Unverified List": a list, as patterns name lists
	}
	if mode, ok := lex.agencyHeads[last.word]; ok && mode == "name" && words >= 2 {
		c.votes[cAgency] += 3 // "Antitrust Division" is named like a body
	}
	var prev, prev2 token
	if i > 0 {
		prev = toks[i-1]
	}
	if i > 1 {
		prev2 = toks[i-2]
	}
	// Before the name.
	switch {
	case i > 0 && cw.honorifics[strings.TrimSuffix(prev.word, ".")]:
		c.votes[cPerson] += 3
	case i > 0 && !prev.cap && cw.roles[prev.lower]:
		c.votes[cPerson] += 2 // "founder Jane Roe", "Meta's lawyer, Jane Roe"
	case i > 0 && !prev.cap && cw.agencyDesc[prev.lower] && !prev.punctAfter:
		c.votes[cAgency] += 2 // "communications regulator Roskomnadzor"
	case i > 0 && !prev.cap && cw.entNouns[prev.lower] && !prev.punctAfter:
		c.votes[cEntity] += 2 // "cryptocurrency exchange Garantex"
	case i > 1 && (prev.lower == "in" || prev.lower == "near") && cw.placeCues[prev2.lower]:
		c.votes[cLocation] += 3 // "based in Zug", "court in Fuzhou"
	case i > 1 && prev.lower == "of" && (prev2.lower == "shares" || prev2.lower == "acquisition" || prev2.lower == "takeover" || prev2.lower == "subsidiary" || prev2.lower == "unit" || prev2.lower == "purchase"):
		c.votes[cCompany] += 2
	case i > 1 && prev.lower == "of" && prev2.lower == "parent":
		c.votes[cCompany] += 2 // "the parent of Bethesda Softworks"
	case i > 1 && prev.lower == "of" && (prev2.descriptor() || prev2.lower == "owner") && !prev2.cap:
		c.votes[cEntity] += 2 // "the maker of Call of Duty": a product
	case i > 0 && prev.lower == "whose" && !orgWord:
		c.votes[cEntity] += 2 // "Sony, whose PlayStation competes": what it has
	case i > 1 && prev.lower == "as" && prev2.lower == "such":
		if k, ok := nounBefore(toks, i-2); ok {
			c.votes[k] += 2 // "rival platforms such as Bluesky"
		}
	case i > 1 && prev.lower == "on" && (prev2.lower == "imposed" || prev2.lower == "levied"):
		c.votes[x.targetKind(span)] += 2 // "levied on Amazon"
	case i > 1 && (prev.lower == "the" && toks[i-2].punctAfter || prev.punctAfter && strings.TrimSpace(x.masked[prev.end:span[0].start]) == ","):
		// "Luxembourg's privacy regulator, the CNPD": a name after the
		// description it is given.
		d := i - 1
		if prev.lower == "the" {
			d = i - 2
		}
		if k, ok := descriptionKind(toks[d]); ok {
			c.votes[k] += 2
		}
	case i > 1 && (prev.lower == "on" || prev.lower == "against") && cw.actionNouns[prev2.lower]:
		c.votes[x.targetKind(span)] += 2 // "sanctions on Gazprom Neft": what an action targets
		c.targeted += 2
	case i > 0 && cw.actionVerbs[prev.lower]:
		c.votes[x.targetKind(span)] += 2 // "sanctioned Garantex"
		c.targeted += 2
	case i > 1 && prev.lower == "as" && (prev2.lower == "known" || prev2.lower == "called" || prev2.lower == "named"):
		// "The authority, known as the Garante": what it is called.
		if k, ok := nounBefore(toks, i-2); ok {
			c.votes[k] += 3
		}
	case i > 2 && prev.lower == "the" && toks[i-2].lower == "as" && (toks[i-3].lower == "known" || toks[i-3].lower == "called"):
		if k, ok := nounBefore(toks, i-3); ok {
			c.votes[k] += 3
		}
	}
	if last.punctAfter && j < len(toks) && strings.HasPrefix(x.masked[last.end:], ",") {
		// "in Herndon, Virginia", "the Santa Monica, California-based
		// maker": a place followed by its state or country.
		if g, ok := x.gazAt(toks, j); ok && g.e.kind == kg.KindLocation && !g.e.demonym && (g.e.country == "" || g.e.country == "United States") &&
			(j+g.n >= len(toks) || toks[j+g.n-1].punctAfter || toks[j+g.n-1].hyphen) {
			c.votes[cLocation] += 3
		}
	}
	if j >= len(toks) {
		return
	}
	next := toks[j]
	// A possessive: "Tesla's chief executive", "Hydra's servers".
	if last.possessive {
		// The head noun of the phrase it opens: "Microsoft's proposed $68.7
		// billion acquisition", "Meta's lawyer".
		for k := j; k < len(toks) && k < j+5; k++ {
			t := toks[k]
			if t.cap && !isNumber(t.word) {
				break
			}
			if cw.orgNouns[t.lower] {
				c.votes[cCompany] += 2
				break
			}
			if cw.roles[t.lower] {
				if single {
					c.votes[cCompany]++
				}
				break
			}
			if t.punctAfter && !isNumber(t.word) {
				break
			}
		}
		return
	}
	// "FTX founder Bankman-Fried", "Autopilot driver-assistance system",
	// "Conti ransomware group".
	if !last.punctAfter && !next.cap {
		switch {
		case (cw.roles[next.lower] || next.lower == "ceo") && !(single && (adjectiveLike(last.word) || initial)):
			c.votes[cCompany] += 2
		default:
			// "Pegasus spyware", "Autopilot driver-assistance system": a
			// noun phrase of up to three words whose head names a thing.
			for k := j; k < len(toks) && k < j+3 && !toks[k].cap; k++ {
				if cw.entNouns[toks[k].lower] || lex.entityDesc[toks[k].lower] {
					c.votes[cEntity] += 2
					break
				}
				if toks[k].punctAfter || toks[k].common() || cw.auxVerbs[toks[k].lower] {
					break
				}
			}
		}
	}
	// An appositive: "Anatel, the national telecommunications agency",
	// "Bankman-Fried, 30," and "Jane Roe, the commerce secretary".
	if last.punctAfter && strings.HasPrefix(x.masked[last.end:], ",") {
		if isNumber(next.word) && len(next.word) <= 2 && next.punctAfter {
			c.votes[cPerson] += 3
			return
		}
		if next.lower == "who" {
			c.votes[cPerson] += 2 // "Phil Spencer, who runs"
			return
		}
		if k, ok := appositiveKind(toks, j); ok {
			c.votes[k] += 2
		}
		return
	}
	// An actor: "Tesla is recalling", "Binance pleaded guilty", "X said".
	verb := next
	if cw.auxVerbs[next.lower] && j+1 < len(toks) {
		verb = toks[j+1]
		if verb.lower == "not" && j+2 < len(toks) {
			verb = toks[j+2]
		}
	}
	if span[0].allCaps && single && !verb.cap && cw.authorityVerbs[verb.lower] {
		// "QRT issued marketing denial orders": an acronym that issues,
		// fines, grounds or bans is a public body.
		c.votes[cAgency] += 2
		return
	}
	actor := cw.actorVerbs[verb.lower] || verb.speech()
	if !verb.cap && (actor || (verb != next && strings.HasSuffix(verb.lower, "ing"))) {
		if initial && single && (!actor || (strings.HasSuffix(last.word, "s") && !last.allCaps)) {
			return // "Shares are falling", "Analysts said": a sentence's first word is capitalised anyway
		}
		k := verbIndex(toks, verb)
		switch {
		case !single && !orgWord && !span[0].allCaps:
			c.votes[cPerson]++
		case (verb.speech() || k+1 < len(toks) && (toks[k+1].lower == "it" || toks[k+1].lower == "its")) && c.votes[cAgency] == 0:
			// "Nvidia said it", "Meta said its": an organisation; a
			// person named by one word is a surname the story introduced.
			c.votes[cCompany] += 2
		case c.votes[cAgency] > 0 || c.votes[cEntity] > 0:
		default:
			c.votes[cCompany]++
		}
	}
}

// adjectiveLike reports whether a capitalised word reads as an adjective
// ("Democratic leader", "Republican commissioner"), not an organisation
// before a role.
func adjectiveLike(w string) bool {
	return strings.HasSuffix(w, "ic") || strings.HasSuffix(w, "an") || strings.HasSuffix(w, "ish") || strings.HasSuffix(w, "ese")
}

// targetKind is what an official action's unexplained target most
// likely is: a person when it starts with a given name, else a company.
func (x *extraction) targetKind(span []token) candKind {
	if nameWords(span) >= 2 && span[0].givenName() {
		return cPerson
	}
	return cCompany
}

// verbIndex is the index of token v in toks.
func verbIndex(toks []token, v token) int {
	for k := range toks {
		if toks[k].start == v.start {
			return k
		}
	}
	return len(toks)
}

// descriptionKind is the kind a description's head noun gives a name.
func descriptionKind(t token) (candKind, bool) {
	if t.cap {
		return 0, false
	}
	switch {
	case cw.agencyDesc[t.lower]:
		return cAgency, true
	case t.descriptor():
		return cCompany, true
	case cw.entNouns[t.lower] || t.entityDesc():
		return cEntity, true
	case cw.roles[t.lower]:
		return cPerson, true
	}
	return 0, false
}

// nounBefore reads the kind of the noun a few words before toks[i] ("The
// authority, known as"): a public body, a company, a thing or a person.
func nounBefore(toks []token, i int) (candKind, bool) {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		w := toks[k].lower
		switch {
		case cw.agencyDesc[w]:
			return cAgency, true
		case toks[k].descriptor():
			return cCompany, true
		case cw.entNouns[w] || toks[k].entityDesc():
			return cEntity, true
		case cw.roles[w]:
			return cPerson, true
		}
	}
	return 0, false
}

// determiners open a noun phrase.
var determiners = map[string]bool{"the": true, "a": true, "an": true, "its": true, "their": true, "his": true, "her": true}

// appositiveKind reads a description after a comma ("the national
// telecommunications agency", "a Moscow-based cryptocurrency exchange") and
// returns the kind its head noun names.
func appositiveKind(toks []token, j int) (candKind, bool) {
	k := j
	// An appositive opens with a determiner, a possessive or an adverb
	// ("the company's president", "previously its global head"), not a
	// verb ("led by", "told the court").
	for k < len(toks) && k < j+2 && (determiners[toks[k].lower] || (strings.HasSuffix(toks[k].lower, "ly") && !toks[k].cap) || toks[k].lower == "former") {
		k++
	}
	if k == j && k < len(toks) && !toks[k].possessive && !cw.roles[toks[k].lower] {
		return 0, false
	}
	for ; k < len(toks) && k < j+6; k++ {
		t := toks[k]
		w := t.lower
		if t.possessive {
			continue // "the company's president": the head comes after
		}
		switch {
		case cw.roles[w] || w == "ceo":
			return cPerson, true
		case t.descriptor():
			return cCompany, true
		case cw.agencyDesc[w]:
			return cAgency, true
		case cw.entNouns[w] || t.entityDesc():
			return cEntity, true
		}
		if t.punctAfter || w == "of" || w == "that" || w == "which" || w == "who" {
			break
		}
	}
	return 0, false
}

// decideCandidates learns every nameCand whose votes or recurrence make
// it a name.
func (x *extraction) decideCandidates(cands map[string]*nameCand, order []string) {
	kindOf := map[string]candKind{}
	for _, key := range order {
		c := cands[key]
		if c == nil {
			continue
		}
		best, bv := cEntity, 0
		for k := candKind(0); k < nCandKinds; k++ {
			if c.votes[k] > bv {
				best, bv = k, c.votes[k]
			}
		}
		switch {
		case bv >= 2:
		case bv == 1 && c.count >= 2 && c.mid >= 1:
		case bv == 0 && c.count >= 2 && c.mid >= 1:
			best = recurringKind(c.toks)
		default:
			continue
		}
		if len(c.toks) == 1 && (isSuffix(c.toks[0]) || lex.namewords[c.toks[0].word]) {
			continue // "Group" left over from a name the tokens split
		}
		kindOf[key] = best
	}
	// Coordination: "Microsoft and Sony" — a name with no vote of its own
	// takes the kind of the names it is listed with.
	for _, key := range order {
		c := cands[key]
		if c == nil {
			continue
		}
		if _, ok := kindOf[key]; ok || c.mid == 0 {
			continue
		}
		for _, o := range c.coord {
			if k, ok := kindOf[o]; ok && k != cLocation {
				kindOf[key] = k
				break
			}
		}
	}
	// People first, so that a surname seen alone ("Garlinghouse") joins
	// the full name ("Brad Garlinghouse") rather than becoming a thing.
	for _, key := range order {
		if k, ok := kindOf[key]; ok && k == cPerson && nameWords(cands[key].toks) >= 2 {
			x.learnPerson(cands[key].toks)
			delete(kindOf, key)
		}
	}
	// Products: the longer names first, so that "MAX 8" is the "Boeing
	// 737 MAX 8" the story also names.
	var ents, rest []string
	for _, key := range order {
		if k, ok := kindOf[key]; ok && k == cEntity {
			ents = append(ents, key)
		} else {
			rest = append(rest, key)
		}
	}
	sort.SliceStable(ents, func(a, b int) bool { return len(cands[ents[a]].toks) > len(cands[ents[b]].toks) })
	var products []string
	for _, key := range append(ents, rest...) {
		k, ok := kindOf[key]
		if !ok {
			continue
		}
		toks := cands[key].toks
		if _, isSurname := x.surnames[key]; isSurname {
			continue
		}
		if k == cEntity {
			if long, ok := x.longerProduct(products, key); ok {
				x.learnName(toks, long)
				continue
			}
			if short, ok := x.shorterProductElsewhere(toks); ok {
				x.learnName(toks, short) // "Boeing 737 MAX 9" is the "MAX 9" of an earlier story
				continue
			}
			products = append(products, key)
		}
		if near, ok := x.nearName(toks); ok {
			x.learnName(toks, near) // a misspelling of a name the document has
			continue
		}
		switch k {
		case cPerson:
			x.learnPerson(toks)
		case cCompany:
			x.learnCompany(toks)
		default:
			x.learnName(toks, newKnown(candKinds[k], displayName(toks)))
		}
	}
}

// acronymOf is the initials of the capitalised words of a name: "Food and
// Drug Administration" -> "FDA". A leading country is left out ("U.S.
// Environmental Protection Agency" -> "EPA").
func acronymOf(toks []token) string {
	var b strings.Builder
	for k, t := range toks {
		if !t.cap || (k == 0 && len(toks) > 2 && lex.gaz[t.key].kind == kg.KindLocation) {
			continue
		}
		b.WriteString(strings.ToUpper(t.word[:1]))
	}
	return b.String()
}

// knownAs finds the name a clause "<Name>, ... known as <X>" describes,
// when X at i follows "known as" or "called".
func (x *extraction) knownAs(toks []token, i int) (known, bool) {
	a := i - 1
	if a >= 0 && toks[a].lower == "the" {
		a--
	}
	if a < 1 || toks[a].lower != "as" || (toks[a-1].lower != "known" && toks[a-1].lower != "nicknamed") {
		return known{}, false
	}
	for c := a - 2; c >= 0 && c >= a-10; c-- {
		if !toks[c].punctAfter {
			continue
		}
		for s := c; s >= 0 && s >= c-5; s-- {
			if k, ok := x.learnedAt(toks, s); ok && s+k.n == c+1 {
				return k.known, true
			}
		}
		return known{}, false
	}
	return known{}, false
}

// parenGloss reads "(Federal Cartel Office)" at j: a government body or a
// learned name between parentheses right after a name glosses it.
func (x *extraction) parenGloss(toks []token, j int) (known, bool) {
	if j >= len(toks) || !toks[j].parenBefore {
		return known{}, false
	}
	k, n := x.agencyAt(toks, j)
	if n == 0 {
		if l, ok := x.learnedAt(toks, j); ok && l.kind != kg.KindPerson {
			k, n = l.known, l.n
		}
	}
	if n == 0 || n == 1 && toks[j].allCaps {
		return known{}, false // "(EPA)" after a name is its acronym, read the other way
	}
	end := toks[j+n-1].end
	if end >= len(x.masked) || x.masked[end] != ')' {
		return known{}, false
	}
	return k, true
}

// longerProduct finds a product name already learned that ends with the
// words of key ("boeing 737 max 8" for "max 8").
func (x *extraction) longerProduct(products []string, key string) (known, bool) {
	for _, p := range products {
		if strings.HasSuffix(p, " "+key) {
			if k, ok := x.learned[p]; ok {
				return k, true
			}
		}
	}
	return known{}, false
}

// shorterProductElsewhere finds a product an earlier document named by
// the last words of this name, without the maker's name before them.
func (x *extraction) shorterProductElsewhere(toks []token) (known, bool) {
	for k := 1; k < len(toks) && k <= 2; k++ {
		if len(toks)-k < 2 && !strings.ContainsAny(toks[k].word, "0123456789") {
			break // one plain word is too little to tell one product
		}
		if p, ok := x.lookup(kg.KindEntity, joinWords(toks[k:])); ok {
			return p, true
		}
	}
	return known{}, false
}

// recurringKind is the kind of a name that recurs with no cue: a word
// with digits or in capitals is a product, a token or a programme ("H100",
// "XRP"); a capitalised word in regulatory news is mostly a company, and
// a platform named like one is accepted as either.
func recurringKind(toks []token) candKind {
	for _, t := range toks {
		if t.allCaps || strings.ContainsAny(t.word, "0123456789") {
			return cEntity
		}
	}
	if nameWords(toks) >= 2 && toks[0].givenName() {
		return cPerson
	}
	if w := toks[len(toks)-1].lower; len(toks) == 1 && (strings.HasSuffix(w, "ans") || strings.HasSuffix(w, "ats") || strings.HasSuffix(w, "ists") || strings.HasSuffix(w, "ites")) {
		return cEntity // "Democrats", "Europeans": a group of people, not a company
	}
	return cCompany
}

// nearName finds a learned one-word company or person name that a
// one-word candidate misspells by one letter ("Kaspersy").
func (x *extraction) nearName(toks []token) (known, bool) {
	if len(toks) != 1 || len(toks[0].key) < 6 || toks[0].allCaps {
		return known{}, false
	}
	w := toks[0].key
	for key, k := range x.learned {
		if (k.kind == kg.KindCompany || k.kind == kg.KindPerson) && !strings.Contains(key, " ") && editOne(w, key) {
			return k, true
		}
	}
	return known{}, false
}

// editOne reports whether a and b differ by exactly one inserted,
// deleted or replaced byte.
func editOne(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 || a == b {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return a[i+1:] == b[i+1:]
	}
	return a[i:] == b[i+1:]
}

// acronymLike reports whether t is written as an acronym: capitals only
// ("YMTC") or mostly ("FinCEN", "PdVSA").
func acronymLike(t token) bool {
	if t.allCaps {
		return true
	}
	upper := 0
	for _, r := range t.word {
		if r >= 'A' && r <= 'Z' {
			upper++
		}
	}
	return t.cap && upper >= 2 && len(t.word) <= 8 && upper*2 >= len(t.word)
}

// learnParenAcronyms teaches "Name (ACR)": the acronym names what the
// name before it names ("Yangtze Memory Technologies Co (YMTC)"), so the
// two are one node. The acronym's first letter must be the name's.
func (x *extraction) learnParenAcronyms() {
	for si := range x.sents {
		toks := x.toks[si]
		for i := 1; i < len(toks); i++ {
			t := toks[i]
			if !t.parenBefore || !acronymLike(t) || t.end >= len(x.masked) || x.masked[t.end] != ')' {
				continue
			}
			if k, ok := x.learned[t.key]; ok && k.kind != kg.KindCompany && k.kind != kg.KindEntity {
				continue
			}
			// The longest name that ends at the parenthesis; its letters
			// need not spell the acronym ("Federal Criminal Police Office
			// (BKA)" abbreviates the German name).
			for s := max(0, i-8); s < i; s++ {
				if toks[s].lower == "the" || !toks[s].cap {
					continue
				}
				var k known
				if kk, ok := x.learnedAt(toks, s); ok && s+kk.n == i {
					k = kk.known
				} else if ag, n := x.agencyAt(toks, s); n > 0 && s+n == i {
					k = ag
				} else {
					continue
				}
				if old, ok := x.learned[t.key]; !ok || old.id != k.id {
					x.learned[t.key] = k
					x.learnedFirst[t.key] = true
				}
				break
			}
		}
	}
}
