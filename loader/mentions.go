package loader

import (
	"cmp"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// mention is one place where a node is named (or referred to, when
// anaphor is set) in a sentence. Offsets are bytes into the text.
type mention struct {
	known
	start, end int
	sent       int
	anaphor    bool
	title      *titleMention // set on a person named with a title
}

// titleMention is a title seen with a person: "Commerce Secretary", "CEO of
// Kaspersky Lab". org is the body it implies, when one is named or derived.
type titleMention struct {
	title string
	rel   kg.RelType
	org   *known
}

// learn makes a first pass over every sentence (captions included: they
// name people) and records names that strong cues classify.
func (x *extraction) learn() {
	for si := range x.sents {
		toks := x.toks[si]
		for i := 0; i < len(toks); i++ {
			t := toks[i]
			// Company: "<Name> Lab|Inc|Ltd|Group" or "<Name> Systems|Networks".
			midRun := i > 0 && isNameToken(toks[i-1]) && !toks[i-1].punctAfter && !toks[i-1].possessive && !toks[i-1].hyphen
			if isNameToken(t) && !t.common() && !midRun && !(i > 1 && cw.particles[toks[i-1].word] && isNameToken(toks[i-2])) {
				j := nameRun(toks, i, 6)
				if p := openRun(toks, i); p > j && cw.particles[toks[j].word] {
					j = p // "Petroleos de Venezuela SA" is one name, not "Venezuela SA"
				}
				if p := capRun(toks, i, 6); p > j && isSuffix(toks[p-1]) {
					j = p // "Computer Security Initiative Consultancy PTE": a suffix ends it
				}
				if j+1 < len(toks) && j > i && toks[j].parenBefore && !toks[j-1].punctAfter && toks[j].end < len(x.masked) && x.masked[toks[j].end] == ')' && isNameToken(toks[j]) && isSuffix(toks[j+1]) {
					j += 2 // "China Telecom (Americas) Corp"
				}
				region := false
				if j+1 < len(toks) && j-i >= 2 && isSuffix(toks[j-1]) && !toks[j-1].punctAfter && toks[j].lower == "of" && !toks[j].punctAfter {
					// "Volkswagen Group of America": the region is part of the name.
					if g, ok := x.gazAt(toks, j+1); ok && g.e.kind == kg.KindLocation && !g.e.demonym {
						j += 1 + g.n
						region = true
						if j < len(toks) && isSuffix(toks[j]) && !toks[j-1].punctAfter {
							j++
						}
					}
				}
				afterOf := i > 0 && toks[i-1].lower == "of" // "Ministry of Industry and Information Technology"
				if j-i >= 2 && (region || isSuffix(toks[j-1]) || (lex.namewords[toks[j-1].word] && !afterOf)) && !x.isGovOrPlace(toks, i) {
					x.learnCompany(toks[i:j])
					i = j - 1
					continue
				}
			}
			// Location: "<Place>-based", "<Place>-headquartered".
			if t.cap && t.hyphen && i+1 < len(toks) && (toks[i+1].lower == "based" || toks[i+1].lower == "headquartered") && !t.common() &&
				(i == 0 || !isNameToken(toks[i-1]) || toks[i-1].punctAfter) { // not "Francisco" of "San Francisco-based"
				if _, ok := x.gazAt(toks, i); !ok {
					if _, ok := x.learned[t.key]; !ok {
						x.learnName(toks[i:i+1], newKnown(kg.KindLocation, t.word))
					}
				}
			}
			// Person: a title, a comma and a name ("Its chief executive, Wei Lan,").
			if n := titleAt(toks, i); n > 0 && i+n < len(toks) && toks[i+n-1].punctAfter && isNameToken(toks[i+n]) {
				j := nameRun(toks, i+n, 3)
				if nameWords(toks[i+n:j]) >= 2 && !x.isGovOrPlace(toks, i+n) {
					x.learnPerson(toks[i+n : j])
				}
			}
			// Person: "said Joel Bramwell", "<Name Name>, director of".
			if t.speech() && !t.cap && i+2 < len(toks) && isNameToken(toks[i+1]) && !toks[i+1].common() {
				j := nameRun(toks, i+1, 3)
				if nameWords(toks[i+1:j]) >= 2 && (j >= len(toks) || toks[j-1].punctAfter) && !x.isGovOrPlace(toks, i+1) && !lex.namewords[toks[j-1].word] && !isSuffix(toks[j-1]) && !x.placeFirst(toks, i+1) && !cw.orderNouns[toks[j-1].lower] {
					x.learnPerson(toks[i+1 : j])
				}
			}
			if isNameToken(t) && !t.common() && (i == 0 || !toks[i-1].cap) {
				j := nameRun(toks, i, 3)
				if nameWords(toks[i:j]) >= 2 && j < len(toks) && toks[j-1].punctAfter && !toks[j-1].possessive && !x.isGovOrPlace(toks, i) {
					k := j
					if k < len(toks) && (toks[k].lower == "the" || toks[k].lower == "a") {
						k++
					}
					if n := titleAt(toks, k); n > 0 && k+n < len(toks) && (toks[k+n].lower == "of" || toks[k+n].lower == "at") {
						x.learnPerson(toks[i:j])
					}
				}
			}
			// Company: "<descriptor> <Name>" ("cybersecurity firm Kaspersky").
			if t.descriptor() && !t.cap && !t.possessive && i+1 < len(toks) && isNameToken(toks[i+1]) && !toks[i+1].common() {
				j := nameRun(toks, i+1, 4)
				if _, ok := x.gazAt(toks, i+1); !ok && !toks[i+1].givenName() {
					x.learnCompany(toks[i+1 : j])
				}
				continue
			}
			// Company in apposition: "<Name>, a Cambridge-based maker of".
			if isNameToken(t) && !t.common() && (i == 0 || !toks[i-1].cap) {
				j := nameRun(toks, i, 4)
				if j < len(toks) && toks[j-1].punctAfter && !toks[j-1].possessive && (toks[j].lower == "a" || toks[j].lower == "an") && !x.isGovOrPlace(toks, i) {
					for k := j + 1; k < len(toks) && k <= j+4; k++ {
						if toks[k].descriptor() {
							x.learnCompany(toks[i:j])
							break
						}
						if toks[k].punctAfter {
							break
						}
					}
				}
			}
			// Entity: "<platforms|units|...> <Name>( and|, <Name>)*".
			if t.entityDesc() && !t.cap && i+1 < len(toks) && isNameToken(toks[i+1]) {
				k := i + 1
				for k < len(toks) && isNameToken(toks[k]) {
					j := nameRun(toks, k, 3)
					if _, ok := x.gazAt(toks, k); ok || j == k {
						break
					}
					if hasSuffix(toks[k:j]) {
						x.learnCompany(toks[k:j]) // "its aluminum unit United Co Rusal"
					} else {
						x.learnName(toks[k:j], newKnown(kg.KindEntity, displayName(toks[k:j])))
					}
					k = j
					if k < len(toks) && (toks[k].lower == "and" || toks[k].lower == "or") {
						k++
					} else if !toks[k-1].punctAfter {
						break
					}
				}
				continue
			}
			// Person: a common given name followed by a capitalised surname.
			if t.givenName() && !t.possessive && !t.punctAfter && !t.hyphen && i+1 < len(toks) && isNameToken(toks[i+1]) && !toks[i+1].common() {
				j := nameRun(toks, i, 3)
				if j-i >= 2 {
					if _, isLoc := x.gazAt(toks, i+1); !isLoc || j-i > 2 {
						x.learnPerson(toks[i:j])
						i = j - 1
						continue
					}
				}
			}
			// Person: a title followed by a name ("Commerce Secretary Gina Raimondo").
			if n := titleAt(toks, i); n > 0 && i+n < len(toks) && isNameToken(toks[i+n]) {
				j := nameRun(toks, i+n, 3)
				if _, ok := x.gazAt(toks, i+n); !ok && !toks[i+n].common() {
					x.learnPerson(toks[i+n : j])
				}
			} else if n > 0 && toks[i].cap {
				// "Secretary of State Antony Blinken", "Under Secretary of
				// Commerce for Industry and Security Alan Estevez": the
				// portfolio, then the name.
				if p, q, ok := nameAfterPortfolio(toks, i+n); ok {
					x.learnPerson(toks[p:q])
				}
			}
		}
		// Caption credit: "(Firstname LASTNAME)".
		if x.sents[si].kind == lineCaption {
			s := x.masked[x.sents[si].start:x.sents[si].end]
			if m := rePhotog.FindStringSubmatchIndex(s); m != nil {
				pt := tokenize(x.masked, x.sents[si].start+m[2], x.sents[si].start+m[3])
				if len(pt) >= 2 {
					x.learnPerson(pt)
				}
			}
		}
	}
	x.joinSurnames()
	x.learnOpen()
}

// topicWords holds every word of the portfolios ("State", "Commerce",
// "Industry", "Security"): the words a title's complement is made of.
var topicWords = func() map[string]bool {
	m := map[string]bool{"the": true, "and": true, "of": true, "for": true}
	for t := range lex.topics {
		for _, w := range strings.Fields(t) {
			m[w] = true
		}
	}
	return m
}()

// nameAfterPortfolio reads "of <portfolio> <First> <Last>" at i: the
// complement of a title made of portfolio words, then a name of two or
// three words that are not ("Secretary of Homeland Security" names no one).
func nameAfterPortfolio(toks []token, i int) (int, int, bool) {
	if i+3 >= len(toks) || (toks[i].lower != "of" && toks[i].lower != "for") {
		return 0, 0, false
	}
	k := i
	for k < len(toks) && k-i < 9 && topicWords[toks[k].lower] && !toks[k].punctAfter && !toks[k].possessive {
		k++
	}
	if k == i+1 || k >= len(toks) || !isNameToken(toks[k]) || toks[k].common() || (k > 0 && toks[k-1].punctAfter) {
		return 0, 0, false
	}
	j := nameRun(toks, k, 3)
	if nameWords(toks[k:j]) < 2 {
		return 0, 0, false
	}
	for _, t := range toks[k:j] {
		if _, head := lex.agencyHeads[t.word]; head || lex.namewords[t.word] || isSuffix(t) {
			return 0, 0, false
		}
	}
	return k, j, true
}

// joinSurnames makes a person first learned by surname alone ("FTX founder
// Bankman-Fried" in a headline) the person the full name names, when the
// document gives one: one person, not two nodes.
func (x *extraction) joinSurnames() {
	for key, k := range x.learned {
		if k.kind != kg.KindPerson || strings.Contains(k.name, " ") {
			continue
		}
		if full, ok := x.surnames[key]; ok && full.id != k.id {
			x.learned[key] = full
		}
	}
}

// titleAt returns how many tokens a title occupies at i, or 0.
// titlesByFirst holds the titles by first word, in lexicon order: only
// those can start at a token.
var titlesByFirst = func() map[string][]titleRule {
	m := map[string][]titleRule{}
	for _, t := range lex.titles {
		m[t.words[0]] = append(m[t.words[0]], t)
	}
	return m
}()

func titleAt(toks []token, i int) int {
	best := 0
	if i >= len(toks) {
		return 0 // callers look past a name that may end the sentence
	}
	if !toks[i].cap && !lex.titleStarts[toks[i].word] {
		return 0
	}
	for _, t := range titlesByFirst[toks[i].word] {
		w := t.words
		if i+len(w) > len(toks) || len(w) <= best {
			continue
		}
		ok := true
		for k, ww := range w {
			if toks[i+k].word != ww {
				ok = false
				break
			}
		}
		if ok {
			best = len(w)
		}
	}
	return best
}

func (x *extraction) learnName(toks []token, k known) {
	if len(toks) == 0 {
		return
	}
	x.learnedFirst[toks[0].key] = true
	key := wordKey(toks)
	if _, ok := x.learned[key]; !ok {
		x.learned[key] = k
	}
}

func (x *extraction) learnPerson(toks []token) {
	// "Donald J. Trump" is "Donald Trump": the name without its middle
	// initial is learned too, so both spellings are one person.
	full := toks
	if len(toks) >= 3 {
		var bare []token
		for i, t := range toks {
			if i == 0 || i == len(toks)-1 || !(len(t.word) == 1 && t.cap) {
				bare = append(bare, t)
			}
		}
		toks = bare
	}
	name := displayName(full)
	k := newKnown(kg.KindPerson, name)
	if prev, ok := x.learned[wordKey(toks)]; ok && prev.kind == kg.KindPerson {
		k = prev
	} else if prev, ok := x.lookup(kg.KindPerson, name); ok {
		k = prev
	} else if prev, ok := x.lookup(kg.KindPerson, displayName(toks)); ok {
		k = prev
	} else if prev, ok := x.samePersonElsewhere(toks); ok {
		k = prev
	}
	x.learnName(full, k)
	if len(toks) != len(full) {
		x.learnName(toks, k)
	}
	if nameWords(toks) >= 2 {
		sur := wordKey(toks[lastWordStart(toks):])
		if _, ok := x.surnames[sur]; !ok {
			x.surnames[sur] = k
			x.learnedFirst[toks[lastWordStart(toks)].key] = true
		}
	}
}

// gazAt finds the longest lexicon phrase (location or government body)
// starting at token i.
func (x *extraction) gazAt(toks []token, i int) (struct {
	e gazEntry
	n int
}, bool) {
	var res struct {
		e gazEntry
		n int
	}
	if i >= len(toks) || !toks[i].cap || !lex.gazFirst[toks[i].key] {
		return res, false
	}
	for n := lex.maxGazWords; n >= 1; n-- {
		if i+n > len(toks) {
			continue
		}
		// Words inside a phrase may not be split by a possessive or comma.
		okRun := true
		for k := i; k < i+n-1; k++ {
			if toks[k].possessive || toks[k].punctAfter {
				okRun = false
			}
		}
		if !okRun {
			continue
		}
		// A lower-case word inside ("Bosnia and Herzegovina") is fine,
		// but the phrase must end on a capitalised word.
		if !toks[i+n-1].cap {
			continue
		}
		x.keyBuf = appendWordKey(x.keyBuf[:0], toks[i:i+n])
		if e, ok := lex.gaz[string(x.keyBuf)]; ok {
			// "US" alone must be written in capitals to be the country.
			if n == 1 && len(toks[i].word) <= 3 && !toks[i].allCaps && !strings.Contains(toks[i].word, ".") {
				continue
			}
			res.e, res.n = e, n
			return res, true
		}
	}
	return res, false
}

// findMentions is the second pass over one sentence: every span that names
// a known thing becomes a mention. Overlaps resolve to the earliest, then
// longest span.
func (x *extraction) findMentions(si int) []mention {
	toks := x.toks[si]
	var ms []mention
	add := func(k known, a, b int) {
		ms = append(ms, mention{known: k, start: toks[a].start, end: toks[b-1].end, sent: si})
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if m, n := x.agencyAt(toks, i); n > 0 {
			add(m, i, i+n)
			i += n - 1
			continue
		}
		if !isNameToken(t) {
			// "Republican commissioner Brendan Carr": a lower-case title
			// right before a name.
			if n := titleAt(toks, i); n > 0 && i+n < len(toks) && !toks[i+n-1].punctAfter && !toks[i+n-1].possessive {
				if k, ok := x.learnedAt(toks, i+n); ok && k.kind == kg.KindPerson {
					if tm := x.titleInfo(toks, i, n); tm.org != nil {
						ms = append(ms, mention{known: k.known, start: toks[i+n].start, end: toks[i+n+k.n-1].end, sent: si, title: tm})
						i += n + k.n - 1
						continue
					}
				}
			}
			if isNumber(t.word) && x.learnedFirst[t.key] {
				// "737 MAX": a learned name may start with a number.
				if k, ok := x.learnedAt(toks, i); ok {
					add(k.known, i, i+k.n)
					i += k.n - 1
				}
			}
			continue
		}
		if m, end, ok := x.portfolioTitled(toks, i, si); ok {
			ms = append(ms, m)
			i = end - 1
			continue
		}
		if n := titleAt(toks, i); n > 0 && i+n < len(toks) {
			if k, ok := x.learnedAt(toks, i+n); ok && k.n > 0 && k.kind == kg.KindPerson {
				ms = append(ms, mention{known: k.known, start: toks[i+n].start, end: toks[i+n+k.n-1].end, sent: si,
					title: x.titleInfo(toks, i, n)})
				i += n + k.n - 1
				continue
			}
		}
		if k, ok := x.learnedAt(toks, i); ok && !x.longerPlace(toks, i, k.n) {
			m := mention{known: k.known, start: toks[i].start, end: toks[i+k.n-1].end, sent: si}
			if k.kind == kg.KindPerson {
				m.title = x.titleAfter(toks, i+k.n)
			}
			ms = append(ms, m)
			i += k.n - 1
			continue
		}
		if g, ok := x.gazAt(toks, i); ok {
			add(known{kind: g.e.kind, id: g.e.id, name: g.e.name, key: g.e.name}, i, i+g.n)
			i += g.n - 1
			continue
		}
		if t.common() && !t.allCaps {
			continue
		}
		if k, n := lawAt(toks, i); n > 0 {
			add(k, i, i+n)
			i += n - 1
			continue
		}
		// Unclassified capitalised run: ask what earlier documents taught.
		for j := nameRun(toks, i, 4); j > i; j-- {
			if k, ok := x.lookupAny(toks[i:j]); ok {
				add(k, i, j)
				i = j - 1
				break
			}
		}
	}
	ms = append(ms, x.patternMentions(si)...)
	return dedupeMentions(ms)
}

type knownSpan struct {
	known
	n int
}

// learnedAt finds the longest learned name starting at token i; a single
// surname resolves to the person it belongs to unless a company or entity
// of that name is known (the company "Kaspersky" against "Eugene
// Kaspersky").
func (x *extraction) learnedAt(toks []token, i int) (knownSpan, bool) {
	if i >= len(toks) || (!x.learnedFirst[toks[i].key] && x.surnames[toks[i].key].id == "") {
		return knownSpan{}, false
	}
	for n := 6; n >= 1; n-- {
		if i+n > len(toks) {
			continue
		}
		cut := false
		for k := i; k < i+n-1; k++ {
			if toks[k].possessive || (toks[k].punctAfter && !middleInitial(toks, k)) || (toks[k].hyphen && !hyphenJoinsName(toks, k)) {
				cut = true
			}
		}
		if cut {
			continue
		}
		x.keyBuf = appendWordKey(x.keyBuf[:0], toks[i:i+n])
		if k, ok := x.learned[string(x.keyBuf)]; ok {
			return knownSpan{k, n}, true
		}
		if nameWords(toks[i:i+n]) == 1 {
			if k, ok := x.surnames[string(x.keyBuf)]; ok {
				return knownSpan{k, 1}, true
			}
		}
	}
	return knownSpan{}, false
}

// titleInfo describes the title at toks[i:i+n] and the body it implies:
// "Commerce Secretary" -> Department of Commerce.
func (x *extraction) titleInfo(toks []token, i, n int) *titleMention {
	tr := lex.titleByKey[joinWords(toks[i:i+n])]
	tm := &titleMention{title: joinWords(toks[i : i+n]), rel: tr.rel}
	if tm.rel == "" {
		tm.rel = kg.RelHeads
	}
	if tr.of == "org" {
		// "FDA Commissioner Robert Califf": the body named right before
		// the title owns it.
		for s := i - 1; s >= 0 && s >= i-6; s-- {
			org, n := x.agencyAt(toks, s)
			if n == 0 {
				if k, ok := x.learnedAt(toks, s); ok && k.kind == kg.KindAgency {
					org, n = k.known, k.n
				}
			}
			if n > 0 && s+n == i && !toks[i-1].punctAfter && !toks[i-1].possessive {
				tm.org = &org
				if tm.title == "Commissioner" && !strings.Contains(org.name, "Commission") {
					tm.rel = kg.RelHeads // one commissioner runs an administration; a commission has several
				}
				break
			}
		}
	}
	if tm.org == nil && tr.of == "org" && strings.EqualFold(tm.title, "commissioner") {
		// "Republican commissioner Brendan Carr" in a story about one
		// commission: a member of that commission.
		if c, ok := x.onlyCommission(); ok {
			tm.org, tm.rel = &c, kg.RelMemberOf
		}
	}
	if strings.HasPrefix(tr.of, "dept") {
		topic := strings.TrimPrefix(strings.TrimPrefix(tr.of, "dept"), ":")
		if topic == "" && i > 0 && lex.topics[toks[i-1].lower] {
			topic = toks[i-1].lower
			tm.title = toks[i-1].word + " " + tm.title
			if i > 1 && (toks[i-2].word == "Deputy" || toks[i-2].word == "Under" || toks[i-2].word == "Assistant") {
				tm.rel = kg.RelMemberOf
				tm.title = toks[i-2].word + " " + tm.title
			}
		}
		if juniorTitle(toks, i) {
			tm.rel = kg.RelMemberOf
		}
		// "Secretary of State for Business" is a British minister, not
		// the head of the State Department.
		forPortfolio := strings.Contains(tm.title, " of ") && i+n < len(toks) && toks[i+n].lower == "for"
		if c := x.titleCountry(toks, i); topic != "" && !forPortfolio && (c == "" || c == "United States") {
			k := deptKnown(topic, "")
			tm.org = &k
		}
	}
	return tm
}

// titleAfter reads an appositive title after a name: ", CEO of Kaspersky Lab".
func (x *extraction) titleAfter(toks []token, i int) *titleMention {
	if i == 0 || i >= len(toks) || !toks[i-1].punctAfter {
		return nil
	}
	if toks[i].lower == "the" || toks[i].lower == "a" {
		i++
	}
	if office, n := x.prosecutorOffice(toks, i); n > 0 {
		// "Damian Williams, the U.S. Attorney for the Southern District
		// of New York": he leads the office of that district.
		return &titleMention{title: joinWords(toks[i : i+n]), rel: kg.RelHeads, org: &office}
	}
	// "Brian Nelson, the Treasury's under secretary for terrorism": the
	// body that owns the title comes first.
	if org, n := x.agencyAt(toks, i); n > 0 && toks[i+n-1].possessive && i+n < len(toks) {
		if tn := titleAt(toks, i+n); tn > 0 {
			tr := lex.titleByKey[joinWords(toks[i+n:i+n+tn])]
			if tr.of == "org" {
				return &titleMention{title: joinWords(toks[i+n : i+n+tn]), rel: tr.rel, org: &org}
			}
		}
	}
	n := titleAt(toks, i)
	if n == 0 || i+n >= len(toks) || (toks[i+n].lower != "of" && toks[i+n].lower != "at") {
		return nil
	}
	tr := lex.titleByKey[joinWords(toks[i:i+n])]
	tm := &titleMention{title: joinWords(toks[i : i+n]), rel: tr.rel}
	o := i + n + 1
	if o < len(toks) && toks[o].lower == "the" {
		o++
	}
	if k, ok := x.learnedAt(toks, o); ok && (k.kind == kg.KindCompany || k.kind == kg.KindAgency || k.kind == kg.KindEntity) {
		kk := k.known
		if toks[o+k.n-1].possessive {
			if m2, n3 := x.agencyAt(toks, o+k.n); n3 > 0 {
				kk = m2 // "the FTC's Bureau of Consumer Protection"
			}
		}
		tm.org = &kk
	} else if m, n2 := x.agencyAt(toks, o); n2 > 0 {
		if toks[o+n2-1].possessive {
			if m2, n3 := x.agencyAt(toks, o+n2); n3 > 0 {
				m = m2 // "the FTC's Bureau of Consumer Protection"
			}
		}
		tm.org = &m
	}
	return tm
}

func dedupeMentions(ms []mention) []mention {
	// A stable sort's result is unique; slices' generic one needs no
	// reflection-made swapper per call.
	slices.SortStableFunc(ms, func(a, b mention) int {
		if a.start != b.start {
			return cmp.Compare(a.start, b.start)
		}
		return cmp.Compare(b.end, a.end)
	})
	out := ms[:0]
	lastEnd := -1
	for _, m := range ms {
		if m.start < lastEnd {
			continue
		}
		out = append(out, m)
		lastEnd = m.end
	}
	return out
}

// learnCompany records a company name: without its legal suffix as the
// canonical name, and its first word as a short form when that word is a
// name of its own ("Quanhai" for "Quanhai Microelectronics").
func (x *extraction) learnCompany(toks []token) {
	k := newKnown(kg.KindCompany, companyName(toks))
	if prev, ok := x.shorterLearned(toks); ok {
		k = prev // "Fujian Jinhua Integrated Circuit Co" after "Fujian Jinhua"
	} else if n, ok := x.headlineShortName(toks); ok {
		// "FCC revokes China Telecom's authority" over a story about
		// "China Telecom (Americas) Corp": the headline shortens the
		// name the text gives, and the short name is this company's.
		x.learned[wordKey(toks[:n])] = k
	} else if prev, ok := x.afterSuffixLearned(toks); ok {
		k = prev // "United Co Rusal" after "Rusal"
	} else if prev, ok := x.lookup(kg.KindCompany, k.name); ok {
		k = prev
	} else if prev, ok := x.lookupShortForm(toks); ok {
		k = prev // "Meta Platforms" is the "Meta" an earlier document named
	}
	x.learnName(toks, k)
	core := toks
	for len(core) > 1 && lex.suffixes[strings.TrimSuffix(core[len(core)-1].word, ".")] {
		core = core[:len(core)-1]
	}
	x.learnName(core, k)
	// "United Co Rusal" is also "Rusal": what follows a suffix inside the
	// name is its short form.
	for m := 1; m < len(core)-1; m++ {
		if isSuffix(core[m]) && !lex.namewords[core[m+1].word] {
			x.learnName(core[m+1:], k)
			if x.firstCompany == nil {
				x.firstCompany = &k
			}
			return // its first words ("United Co") are no name of their own
		}
	}
	// Shorter forms: "Live Nation" for "Live Nation Entertainment", then
	// the first word alone.
	for n := len(core) - 1; n >= 2; n-- {
		if !core[n-1].possessive && !core[n-1].punctAfter && !cw.particles[core[n-1].word] {
			x.learnName(core[:n], k)
		}
	}
	if len(core) >= 2 && !core[0].givenName() {
		if g, isLoc := x.gazAt(core, 0); !isLoc {
			x.learnName(core[:1], k)
		} else if rest := core[g.n:]; len(rest) >= 1 && g.e.kind == kg.KindLocation && !rest[0].common() && !lex.namewords[rest[0].word] && !isSuffix(rest[0]) && len(rest[0].word) >= 3 {
			// "Beijing Kunlun Tech" is also "Kunlun Tech" and "Kunlun".
			for n := len(rest); n >= 1; n-- {
				if _, taken := x.learned[wordKey(rest[:n])]; !taken {
					x.learnName(rest[:n], k)
				}
			}
		}
	}
	if x.firstCompany == nil {
		x.firstCompany = &k
	}
}

// samePersonElsewhere finds the person an earlier document named with the
// same surname and a compatible first name: "Chris Larsen" is the
// "Christian Larsen" of a complaint, "Brad" the "Bradley".
func (x *extraction) samePersonElsewhere(toks []token) (known, bool) {
	if nameWords(toks) < 2 {
		return known{}, false
	}
	k, ok := x.lookup(kg.KindPerson, joinWords(toks[lastWordStart(toks):]))
	if !ok {
		return known{}, false
	}
	theirs := strings.ToLower(strings.Fields(k.name)[0])
	ours := toks[0].lower
	if len(theirs) < 3 || len(ours) < 3 || !(strings.HasPrefix(theirs, ours) || strings.HasPrefix(ours, theirs)) {
		return known{}, false
	}
	return k, true
}

// shorterLearned finds a company this document already named by the first
// two or more words of this name ("Fujian Jinhua" before "Fujian Jinhua Integrated
// Circuit Co"), unless the words added name a place or stand in
// parentheses: "Facebook Ireland Ltd" and "China Telecom (Americas)" are
// subsidiaries, not the parent.
func (x *extraction) shorterLearned(toks []token) (known, bool) {
	for n := len(toks) - 1; n >= 2; n-- {
		k, ok := x.learned[wordKey(toks[:n])]
		if !ok || k.kind != kg.KindCompany {
			continue
		}
		for e := n; e < len(toks); e++ {
			if toks[e].parenBefore || lex.gazFirst[toks[e].key] {
				return known{}, false
			}
		}
		return k, true
	}
	return known{}, false
}

// afterSuffixLearned finds the company this document already named by
// the words after a suffix inside this name: "Rusal" of "United Co Rusal".
func (x *extraction) afterSuffixLearned(toks []token) (known, bool) {
	for m := 1; m < len(toks)-1; m++ {
		if isSuffix(toks[m]) {
			if k, ok := x.learned[wordKey(toks[m+1:])]; ok && k.kind == kg.KindCompany {
				return k, true
			}
			return known{}, false
		}
	}
	return known{}, false
}

// lookupShortForm finds a company an earlier document named by the first
// word of this company's name, when that word can stand for it alone (it
// is neither a place nor a given name).
func (x *extraction) lookupShortForm(toks []token) (known, bool) {
	if len(toks) < 2 || toks[0].givenName() || !toks[0].cap || len(toks[0].word) < 3 {
		return known{}, false
	}
	// Only words that any company's name may end with ("Platforms",
	// "Inc") may be dropped: "Facebook Ireland" is another company.
	for _, t := range toks[1:] {
		if !lex.namewords[t.word] && !isSuffix(t) {
			return known{}, false
		}
	}
	if _, isPlace := x.gazAt(toks, 0); isPlace {
		return known{}, false
	}
	return x.lookup(kg.KindCompany, toks[0].word)
}

// placeFirst reports whether the name at i starts with a place that is
// not also a given name ("China Telecom Americas" is no person).
func (x *extraction) placeFirst(toks []token, i int) bool {
	g, ok := x.gazAt(toks, i)
	return ok && g.e.kind == kg.KindLocation && !toks[i].givenName()
}

// longerPlace reports whether a place named at i is longer than the n
// tokens a learned name covers there: "United States" against "United", a
// short form of "United Airlines".
func (x *extraction) longerPlace(toks []token, i, n int) bool {
	g, ok := x.gazAt(toks, i)
	return ok && g.n > n
}

// isGovOrPlace reports whether a government body or a known place starts
// at token i, so that its words are not taken for a company or a person.
func (x *extraction) isGovOrPlace(toks []token, i int) bool {
	if _, n := x.agencyAt(toks, i); n > 0 {
		return true
	}
	if g, ok := x.gazAt(toks, i); ok && g.n >= nameRun(toks, i, 4)-i {
		return true
	}
	return false
}

// headlineShortName finds a company learned under the first two or more
// words of this name that the document uses only outside its prose (in a
// headline or a citation). It returns how many words of this name that
// short name takes.
func (x *extraction) headlineShortName(toks []token) (int, bool) {
	for n := len(toks) - 1; n >= 2; n-- {
		k, ok := x.learned[wordKey(toks[:n])]
		if !ok || k.kind != kg.KindCompany {
			continue
		}
		for si, s := range x.sents {
			if s.kind != lineBody && s.kind != lineCaption {
				continue
			}
			st := x.toks[si]
			for i := 0; i+n <= len(st); i++ {
				if wordKey(st[i:i+n]) == k.key && (i+n == len(st) || !isNameToken(st[i+n]) || st[i+n-1].punctAfter) {
					return 0, false
				}
			}
		}
		return n, true
	}
	return 0, false
}

// portfolioTitled reads "Under Secretary of Commerce for Industry and
// Security Alan Estevez" at i: a title with the portfolio it serves and
// its remit, then the person. It returns the person's mention, titled as
// a member of that department, and where the name ends.
func (x *extraction) portfolioTitled(toks []token, i, si int) (mention, int, bool) {
	n := titleAt(toks, i)
	if n == 0 || i+n+2 >= len(toks) || toks[i+n].lower != "of" || toks[i+n].punctAfter {
		return mention{}, 0, false
	}
	topic := toks[i+n+1].lower
	if !lex.topics[topic] || toks[i+n+1].possessive {
		return mention{}, 0, false
	}
	for p := i + n + 2; p < len(toks) && p <= i+n+10; p++ {
		if k, ok := x.learnedAt(toks, p); ok && k.kind == kg.KindPerson {
			tm := x.titleInfo(toks, i, n)
			org := deptKnown(topic, "")
			tm.org, tm.title = &org, joinWords(toks[i:p])
			if tm.rel == kg.RelHeads && p > i+n+2 {
				tm.rel = kg.RelMemberOf // a remit after the portfolio: one of its officials
			}
			return mention{known: k.known, start: toks[p].start, end: toks[p+k.n-1].end, sent: si, title: tm}, p + k.n, true
		}
		if toks[p].punctAfter || !(toks[p].cap || toks[p].lower == "for" || toks[p].lower == "and" || toks[p].lower == "the") {
			break
		}
	}
	return mention{}, 0, false
}

// onlyCommission finds the one body named "... Commission" in the
// document, if exactly one is named.
func (x *extraction) onlyCommission() (known, bool) {
	var found known
	for si, s := range x.sents {
		if s.kind != lineBody {
			continue
		}
		toks := x.toks[si]
		for i := 0; i < len(toks); i++ {
			k, n := x.agencyAt(toks, i)
			if n == 0 {
				continue
			}
			i += n - 1
			if !strings.HasSuffix(k.name, "Commission") {
				continue
			}
			if found.id != "" && found.id != k.id {
				return known{}, false
			}
			found = k
		}
	}
	return found, found.id != ""
}
