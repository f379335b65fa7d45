package loader

import (
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// The context of one occurrence of a candidate name: the words around it
// vote for the kind of thing it names.

// vote reads the context of one occurrence toks[i:j] of candidate c.
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
	case i > 1 && prev.lower == "of" && (prev2.lower == "occupation" || prev2.lower == "annexation" || prev2.lower == "invasion"):
		c.votes[cLocation] += 2 // "its occupation of Crimea": only land is occupied
	case i > 1 && prev.lower == "to" && undertakingNouns[prev2.lower]:
		c.votes[x.targetKind(span)] += 2 // "a similar commitment to Nintendo": a counterparty
	case i > 1 && prev.lower == "by" && applicationNouns[prev2.lower]:
		c.votes[x.targetKind(span)] += 2 // "a request by China Mobile to offer services": an applicant
	case i > 1 && prev.lower == "of" && prev2.lower == "parent":
		c.votes[cCompany] += 2 // "the parent of Bethesda Softworks"
	case i > 1 && prev.lower == "of" && (prev2.descriptor() || prev2.lower == "owner") && !prev2.cap:
		c.votes[cEntity] += 2 // "the maker of Call of Duty": a product
	case i > 0 && prev.lower == "whose" && !orgWord:
		c.votes[cEntity] += 2 // "Sony, whose PlayStation competes": what it has
	case i > 0 && (prev.lower == "included" || prev.lower == "include" || prev.lower == "includes" || prev.lower == "including"):
		// "Other tycoons on the list included Viktor Vekselberg",
		// "companies including Nvidia": the kind of the plural before.
		for k := i - 2; k >= 0 && k >= i-6; k-- {
			if kind, ok := descriptionKind(singularToken(toks[k])); ok {
				c.votes[kind] += 2
				break
			}
		}
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
	if x.definesAcronym(span, toks, j) {
		// "the Financial Crimes Enforcement Network (FinCEN) imposed": a
		// name the story defines an acronym for is a name it will use
		// again, and what it does after the gloss says what it is.
		c.count++
		c.mid++
		if j+1 < len(toks) && !toks[j+1].cap && cw.authorityVerbs[toks[j+1].lower] {
			c.votes[cAgency] += 2
		}
		return
	}
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
	// "China Unicom Americas and two other companies": the kind of the
	// plural it is listed with.
	if (next.lower == "and" || next.lower == "or") && !last.punctAfter && j+1 < len(toks) && (listQuantifiers[toks[j+1].lower] || isNumber(toks[j+1].word)) {
		for k := j + 1; k < len(toks) && k <= j+4 && !toks[k].cap; k++ {
			if kind, ok := descriptionKind(singularToken(toks[k])); ok && toks[k].lower != singularToken(toks[k]).lower {
				c.votes[kind] += 2
				break
			}
			if toks[k].punctAfter {
				break
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
		if initial && single && actor && groupPlural(last.word) {
			// "Democrats tried to keep the penalties": a party or a
			// people named by its members acts as one.
			c.votes[cEntity] += 2
			return
		}
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

// listQuantifiers open "and two other companies", which says what the
// names listed before it are.
var listQuantifiers = map[string]bool{"other": true, "two": true, "three": true, "four": true, "five": true, "several": true, "many": true, "some": true, "more": true, "dozens": true}

// singularToken is t with a plural noun's ending dropped ("tycoons" ->
// "tycoon", "companies" -> "company"), so the word lists of singular
// nouns read it.
func singularToken(t token) token {
	w := t.lower
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = strings.TrimSuffix(w, "ies") + "y"
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3:
		w = strings.TrimSuffix(w, "s")
	}
	s := t
	s.lower = w
	s.lexf = lexFlagsOf(w, w)
	return s
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

// definesAcronym reports whether toks[j] is "(ACR)" right after the name
// span and spells its initials: "Financial Crimes Enforcement Network
// (FinCEN)".
func (x *extraction) definesAcronym(span, toks []token, j int) bool {
	t := toks[j]
	if !t.parenBefore || !acronymLike(t) || t.end >= len(x.masked) || x.masked[t.end] != ')' || nameWords(span) < 2 {
		return false
	}
	var up strings.Builder
	for _, r := range t.word {
		if r >= 'A' && r <= 'Z' {
			up.WriteRune(r)
		}
	}
	return up.Len() >= 2 && up.String() == acronymOf(span)
}

// groupPlural reports whether a capitalised plural names the members of a
// party or a people ("Democrats", "Republicans") rather than a trade
// ("Analysts") or a thing ("Shares").
func groupPlural(w string) bool {
	return len(w) > 5 && (strings.HasSuffix(w, "ats") || strings.HasSuffix(w, "ans"))
}

// applicationNouns are what a party files with an authority: "a request by
// X" names a company or a person.
var applicationNouns = map[string]bool{"request": true, "application": true, "bid": true, "petition": true, "proposal": true}

// undertakingNouns are what one party gives another: "a commitment to X"
// names a company or a person.
var undertakingNouns = map[string]bool{"commitment": true, "commitments": true, "offer": true, "pledge": true, "promise": true, "guarantee": true, "assurances": true}
