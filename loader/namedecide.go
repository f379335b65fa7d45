package loader

import (
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// Deciding the candidates: which become names, of which kind, and which
// are other names of something the document or an earlier one names
// (acronyms, glosses, short and long forms, misspellings).

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

// decideCandidates learns every candidate whose votes or recurrence make
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
				if p, moved := x.agencyAs[k.id]; moved {
					x.learned[t.key] = p // the body turned out to be one named before
				}
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
					x.sameAgencyElsewhere(ag, t.word)
					if p, ok := x.agencyAs[ag.id]; ok {
						k = p
					}
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

// sameAgencyElsewhere makes a body named here without its country the
// body an earlier document named with it, when both carry the same
// acronym: "the Competition and Markets Authority (CMA)" after "Britain's
// Competition and Markets Authority (CMA)".
func (x *extraction) sameAgencyElsewhere(k known, acronym string) {
	if _, done := x.agencyAs[k.id]; done {
		return
	}
	p, ok := x.lookup(kg.KindAgency, acronym)
	if !ok || p.id == k.id || !strings.HasSuffix(p.name, " "+k.name) {
		return
	}
	if x.agencyAs == nil {
		x.agencyAs = map[string]known{}
	}
	x.agencyAs[k.id] = p
}
