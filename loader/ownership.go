package loader

import (
	"regexp"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// partNouns head a phrase that makes a name a part of its possessor:
// "Meta's messaging service", "PDVSA's U.S. refining arm", "Binance's BNB
// token". The bool says whether the part is owned as a subsidiary (a
// unit, a company) rather than merely tied to the owner (a product).
var partNouns = map[string]bool{
	"unit": true, "subsidiary": true, "affiliate": true, "division": true, "arm": true,
	"business": true, "company": true, "firm": true, "carmaker": true, "bank": true,
	"service": false, "app": false, "platform": false, "token": false, "brand": false,
	"chatbot": false, "product": false, "network": false, "console": false, "stablecoin": false,
}

// ownerNouns make the possessor the part and the named thing its owner:
// "Alphabet, Google's parent company".
var ownerNouns = map[string]bool{"parent": true, "owner": true}

var (
	// "N, the parent of M", "N, parent company of M".
	reParentOf = regexp.MustCompile(`^\s*,\s*(?:the\s+|its\s+)?(?:parent|owner)(?:\s+company)?\s+of\s+$`)
	// "Sony, whose PlayStation".
	reOrgWhose = regexp.MustCompile(`^\s*,\s*whose\s+$`)
	// "Microsoft-backed", "Gazprom-owned": the name backs what follows.
	reBackedAfter = regexp.MustCompile(`^-(?:backed|owned|controlled)\b`)
	// "N, the M-backed company": N is what M backs.
	reAppositiveOpen = regexp.MustCompile(`^\s*,\s*(?:the|a|an)\s+$`)
)

func orgLike(k kg.Kind) bool { return k == kg.KindCompany || k == kg.KindEntity }

// ownership reads which company or product belongs to which from the
// phrases news uses for it: a possessive with a part noun, before or in
// apposition to the name ("Starlink, Musk's satellite internet company",
// "PDVSA's refining arm, Citgo Petroleum"), "the parent of", "whose" and
// "-backed". A person who owns a company heads it.
func (x *extraction) ownership(si int, ms []mention, ev kg.Evidence) {
	s := x.sents[si]
	if !s.kind.minable() {
		return
	}
	link := func(part, owner mention, sub bool) {
		if part.id == owner.id || part.anaphor && owner.anaphor {
			return
		}
		if owner.kind == kg.KindPerson {
			if part.kind == kg.KindCompany {
				x.b.edge(owner.id, kg.RelHeads, part.id, "", nil, ev)
			}
			return
		}
		rel := kg.RelLinkedTo
		if sub {
			rel = kg.RelSubsidiaryOf
		}
		x.b.edge(part.id, rel, owner.id, "", nil, ev)
	}
	for i, m := range ms {
		if m.kind == kg.KindLocation || m.kind == kg.KindDate || m.kind == kg.KindOrder || isList(m.known) {
			continue
		}
		if x.possessiveAt(m) && (orgLike(m.kind) || m.kind == kg.KindPerson) {
			x.possessivePart(ms, i, link)
		}
		if !orgLike(m.kind) || i+1 >= len(ms) || !orgLike(ms[i+1].kind) {
			continue
		}
		gap := x.masked[m.end:ms[i+1].start]
		switch {
		case reParentOf.MatchString(asciiLower(gap)):
			link(ms[i+1], m, true)
		case reOrgWhose.MatchString(gap) && m.kind == kg.KindCompany:
			link(ms[i+1], m, false)
		}
	}
	x.makersNamed(ms, ev)
	x.purchases(si, ms, ev)
	x.makers(si, ms, ev)
	x.theirParent(si, ms, ev)
	x.ownedSuchAs(si, ms, ev)
	x.stakes(si, ms, ev)
	x.itOwns(si, ms, ev)
	for i, m := range ms {
		if m.kind != kg.KindCompany || !reBackedAfter.MatchString(x.masked[m.end:min(len(x.masked), m.end+12)]) {
			continue
		}
		// The backed one: the next company in the same phrase, else the
		// name the phrase stands in apposition to.
		if i+1 < len(ms) && orgLike(ms[i+1].kind) && !strings.ContainsAny(x.masked[m.end:ms[i+1].start], ",;.") && ms[i+1].start-m.end <= 40 {
			link(ms[i+1], m, false)
			continue
		}
		if i > 0 && orgLike(ms[i-1].kind) && reAppositiveOpen.MatchString(x.masked[ms[i-1].end:m.start]) {
			link(ms[i-1], m, false)
		}
	}
}

// possessivePart handles the possessive mention ms[i]: "M's [words] part,
// N", "M's N part" and "N, M's [words] part".
func (x *extraction) possessivePart(ms []mention, i int, link func(part, owner mention, sub bool)) {
	m := ms[i]
	s := x.sents[m.sent]
	rest := x.masked[m.end:s.end]
	if strings.HasSuffix(x.masked[m.start:m.end], "s") && (strings.HasSuffix(x.masked[m.start:m.end], "'s") || strings.HasSuffix(x.masked[m.start:m.end], "’s")) {
		rest = "'s" + rest // the mention holds its "'s"
	}
	// "M's N part": a name right after the possessive, then the part noun.
	if i+1 < len(ms) && orgLike(ms[i+1].kind) && orgLike(m.kind) {
		n := ms[i+1]
		if gap := strings.TrimSpace(x.masked[m.end:n.start]); gap == "'s" || gap == "’s" || gap == "" {
			after := strings.Fields(strings.ToLower(x.masked[n.end:min(s.end, n.end+30)]))
			if len(after) > 0 {
				w := strings.TrimRight(after[0], ",.;")
				if sub, ok := partNouns[w]; ok {
					link(n, m, sub)
					return
				}
			}
		}
	}
	// Up to four lower-case words (or "U.S.") after the possessive; the
	// first part or owner noun ends the phrase.
	if !strings.HasPrefix(rest, "'s") && !strings.HasPrefix(rest, "’s") {
		return
	}
	off := len(rest) - len(x.masked[m.end:s.end]) // what was prepended
	pos := strings.Index(rest, "s") + 1
	sub, isPart, owner := false, false, false
	end := -1
	for n := 0; n < 4; n++ {
		for pos < len(rest) && rest[pos] == ' ' {
			pos++
		}
		j := pos
		for j < len(rest) && rest[j] != ' ' && rest[j] != ',' && rest[j] != ';' && rest[j] != '"' {
			j++
		}
		w := rest[pos:j]
		if w == "" || (w[0] < 'a' || w[0] > 'z') && w != "U.S." {
			break
		}
		w = strings.TrimRight(w, ".")
		if ownerNouns[w] {
			owner = true
		} else if v, ok := partNouns[w]; ok {
			sub, isPart = v, true
			end = m.end + j - off
			break
		}
		pos = j
		if pos < len(rest) && rest[pos] != ' ' {
			break // a comma ends the phrase
		}
	}
	if !isPart && !owner || end < 0 {
		return
	}
	// "N, M's ... part": the name the phrase stands in apposition to.
	if i > 0 && orgLike(ms[i-1].kind) {
		gap := strings.ToLower(strings.TrimSpace(x.masked[ms[i-1].end:m.start]))
		if gap == "," || gap == ", the" || gap == ", a" {
			if owner {
				if orgLike(m.kind) {
					x.linkOwner(m, ms[i-1])
				}
				return
			}
			link(ms[i-1], m, sub)
			return
		}
	}
	// "M's ... part, N": the name right after the phrase.
	for _, n := range ms[i+1:] {
		if n.start < end {
			continue
		}
		gap := strings.TrimSpace(x.masked[end:n.start])
		if orgLike(n.kind) && !owner && (gap == "," || gap == "") {
			link(n, m, sub)
		}
		break
	}
}

// linkOwner records that part (a company named with a possessive: "Google's
// parent company") belongs to owner.
func (x *extraction) linkOwner(part, owner mention) {
	s := x.sents[part.sent]
	ev := x.b.evidence(s.start, s.end, part.sent)
	if part.id != owner.id {
		x.b.edge(part.id, kg.RelSubsidiaryOf, owner.id, "", nil, ev)
	}
}

// reTheirParent: "ruling that their parent company Meta Platforms".
var reTheirParent = regexp.MustCompile(`\btheir\s+(?:[a-z-]+\s+){0,2}?parent(?:\s+(?:company|group|firm))?\s*,?\s*$`)

// theirParent links the names of a coordination ("Facebook and
// Instagram") to the company "their parent" introduces after them in the
// sentence.
func (x *extraction) theirParent(si int, ms []mention, ev kg.Evidence) {
	s := x.sents[si]
	if !strings.Contains(x.lower(si), "their ") {
		return
	}
	for i, n := range ms {
		if n.kind != kg.KindCompany || i == 0 || !reTheirParent.MatchString(x.lowerText[max(s.start, n.start-60):n.start]) {
			continue
		}
		// The last pair or list of names joined by "and" before it.
		var parts []mention
		for j := i - 1; j >= 0; j-- {
			m := ms[j]
			if !orgLike(m.kind) || m.anaphor {
				if len(parts) > 0 {
					break
				}
				continue
			}
			if len(parts) > 0 {
				g := strings.TrimSpace(x.masked[m.end:parts[len(parts)-1].start])
				if g != "and" && g != "," && g != ", and" {
					break
				}
			}
			parts = append(parts, m)
		}
		if len(parts) < 2 {
			continue
		}
		for _, p := range parts {
			if p.id != n.id {
				x.b.edge(p.id, kg.RelSubsidiaryOf, n.id, "", nil, ev)
			}
		}
	}
}

var (
	// "services owned by Facebook, such as WhatsApp and Instagram".
	reOwnedByBefore = regexp.MustCompile(`\b(?:owned|controlled|run|operated)\s+by\s+$`)
	reSuchAsAfter   = regexp.MustCompile(`^\s*,?\s+(?:such\s+as|including)\s+$`)
)

// ownedSuchAs links the examples after "such as" to the owner named
// before them: "services owned by Facebook, such as WhatsApp and
// Instagram".
func (x *extraction) ownedSuchAs(si int, ms []mention, ev kg.Evidence) {
	s := x.sents[si]
	if !strings.Contains(x.lower(si), " by ") {
		return
	}
	for i := 0; i+1 < len(ms); i++ {
		o := ms[i]
		if o.kind != kg.KindCompany || !reOwnedByBefore.MatchString(x.lowerText[max(s.start, o.start-30):o.start]) || !reSuchAsAfter.MatchString(x.lowerText[o.end:ms[i+1].start]) {
			continue
		}
		prev := o.end
		for j := i + 1; j < len(ms); j++ {
			m := ms[j]
			if j > i+1 {
				g := strings.TrimSpace(x.masked[prev:m.start])
				if g != "and" && g != "," && g != ", and" && g != "or" {
					break
				}
			}
			if !orgLike(m.kind) || m.id == o.id {
				break
			}
			x.b.edge(m.id, kg.RelSubsidiaryOf, o.id, "", nil, ev)
			prev = m.end
		}
	}
}

var (
	// "Kunlun ... bought a majority stake in Grindr".
	reStakeIn = regexp.MustCompile(`^\s+(?:also\s+)?(?:bought|acquired|holds|held|owns|owned|took|has|had|built)\s+(?:a|an|its)\s+(?:[\w%-]+\s+){0,3}?stake\s+in\s+$`)
	// "Juul, in which tobacco company Altria holds a 35% stake".
	reInWhich    = regexp.MustCompile(`^\s*,\s+in\s+which\s+(?:[a-z-]+\s+){0,3}$`)
	reStakeAfter = regexp.MustCompile(`^\s+(?:holds|has|owns|held|had|owned)\s+(?:a|an)\s+[^,.;]{0,24}\bstake\b`)
	reMajorityIn = regexp.MustCompile(`\b(?:majority|controlling)\b`)
	// reStakeTail: the same trigger at the end of the text before a name,
	// its subject further back ("Kunlun, a Beijing-based gaming company
	// ..., bought a majority stake in Grindr").
	reStakeTail = regexp.MustCompile(`\b(?:also\s+)?(?:bought|acquired|took)\s+(?:a|an)\s+(?:[\w%-]+\s+){0,3}?stake\s+in\s+$`)
)

// stakes links a company to one that holds a stake in it: a majority or
// controlling stake makes it a subsidiary.
func (x *extraction) stakes(si int, ms []mention, ev kg.Evidence) {
	if !strings.Contains(x.lower(si), "stake") {
		return
	}
	x.stakesAcross(si, ms, ev)
	for i := 0; i+1 < len(ms); i++ {
		a, b := ms[i], ms[i+1]
		if !orgLike(a.kind) || !orgLike(b.kind) || a.id == b.id {
			continue
		}
		gap := x.lowerText[a.end:b.start]
		if reStakeIn.MatchString(gap) {
			rel := kg.RelLinkedTo
			if reMajorityIn.MatchString(gap) {
				rel = kg.RelSubsidiaryOf
			}
			x.b.edge(b.id, rel, a.id, "", nil, ev)
			continue
		}
		if reInWhich.MatchString(gap) {
			if loc := reStakeAfter.FindStringIndex(x.lowerText[b.end:min(len(x.lowerText), b.end+60)]); loc != nil {
				rel := kg.RelLinkedTo
				if reMajorityIn.MatchString(x.lowerText[b.end : b.end+loc[1]]) {
					rel = kg.RelSubsidiaryOf
				}
				x.b.edge(a.id, rel, b.id, "", nil, ev)
			}
		}
	}
}

// reItOwns: "Rosoboronexport and a bank it owns, Russian Financial
// Corporation".
var reItOwns = regexp.MustCompile(`\b(?:a|an|the)\s+(?:[a-z-]+\s+){0,2}?(?:bank|company|firm|unit|subsidiary|business|lender|operator)\s+(?:it|that\s+it)\s+(?:owns|owned|controls|controlled)\s*,\s*$`)

// itOwns links the company named after "a bank it owns," to the company
// named last before the phrase.
func (x *extraction) itOwns(si int, ms []mention, ev kg.Evidence) {
	s := x.sents[si]
	if !strings.Contains(x.lower(si), " it own") && !strings.Contains(x.lower(si), " it control") {
		return
	}
	for i, n := range ms {
		if !orgLike(n.kind) || i == 0 {
			continue
		}
		loc := reItOwns.FindStringIndex(x.lowerText[max(s.start, n.start-60):n.start])
		if loc == nil {
			continue
		}
		at := max(s.start, n.start-60) + loc[0]
		for j := i - 1; j >= 0; j-- {
			if ms[j].end <= at && orgLike(ms[j].kind) && ms[j].id != n.id {
				x.b.edge(n.id, kg.RelSubsidiaryOf, ms[j].id, "", nil, ev)
				break
			}
		}
	}
}

// buyNouns name a purchase of one company by another.
var buyNouns = map[string]bool{"acquisition": true, "takeover": true, "purchase": true, "buyout": true}

// purchases links a company to the one whose acquisition it made or seeks:
// "Microsoft's purchase of ZeniMax Media", "Microsoft's $68.7 billion
// acquisition of video game publisher Activision Blizzard". The deal may
// be only planned, so the tie is LINKED_TO, not ownership.
func (x *extraction) purchases(si int, ms []mention, ev kg.Evidence) {
	s := x.sents[si]
	lower := x.lower(si)
	if !strings.Contains(lower, " of ") || !(strings.Contains(lower, "acquisition") || strings.Contains(lower, "takeover") || strings.Contains(lower, "purchase") || strings.Contains(lower, "buyout")) {
		return
	}
	for i, m := range ms {
		if m.kind != kg.KindCompany || !x.possessiveAt(m) {
			continue
		}
		rest := x.lowerText[m.end:min(s.end, m.end+60)]
		rest = strings.TrimPrefix(strings.TrimPrefix(rest, "'s"), "’s")
		words := strings.Fields(rest)
		k := 0
		for k < len(words) && k < 4 && !buyNouns[words[k]] {
			if strings.ContainsAny(words[k], ",;") || words[k] == "of" {
				k = len(words)
			}
			k++
		}
		if k >= len(words)-1 || k >= 4 || words[k+1] != "of" {
			continue
		}
		// "blocks Vesper's takeover of Northgate": a deal stopped ties
		// nothing (a cleared or past one does).
		if prev := strings.Fields(tail(x.lowerText[s.start:m.start], 24)); len(prev) > 0 && strings.HasPrefix(prev[len(prev)-1], "block") {
			continue
		}
		of := strings.Index(x.lowerText[m.end:s.end], " of ") + m.end + 4
		for _, n := range ms[i+1:] {
			if n.start < of {
				continue
			}
			if orgLike(n.kind) && n.start-of <= 30 && !strings.ContainsAny(x.masked[of:n.start], ",;.") && n.id != m.id {
				x.b.edge(n.id, kg.RelLinkedTo, m.id, "", nil, ev)
			}
			break
		}
	}
}

// makerWords introduce what a company makes: "the Santa Monica,
// California-based maker of Call of Duty", "the company that makes
// ChatGPT", "is best known for Pegasus".
var makerWords = []string{"maker of ", "makers of ", "that makes ", "which makes ", "best known for ", "that developed ", "which developed "}

// makers links a product to the company an apposition or a relative
// clause says makes it: the company is the one the phrase describes, the
// nearest named before it (places and "-backed" modifiers skipped).
func (x *extraction) makers(si int, ms []mention, ev kg.Evidence) {
	s := x.sents[si]
	lower := x.lower(si)
	if !strings.Contains(lower, "make") && !strings.Contains(lower, "known for") && !strings.Contains(lower, "developed") {
		return
	}
	for _, w := range makerWords {
		at := strings.Index(lower, w)
		if at < 0 {
			continue
		}
		a := s.start + at
		b := a + len(w)
		var product, maker *mention
		for j := range ms {
			if ms[j].start >= b {
				if ms[j].start-b <= 2 && orgLike(ms[j].kind) && !isList(ms[j].known) {
					product = &ms[j]
				}
				break
			}
		}
		for j := len(ms) - 1; j >= 0; j-- {
			m := ms[j]
			if m.end > a || m.kind == kg.KindLocation || x.hyphenModifier(m) {
				continue
			}
			if m.kind == kg.KindCompany && !m.anaphor && strings.HasPrefix(strings.TrimSpace(x.masked[m.end:a]), ",") && !strings.ContainsAny(x.masked[m.end:a], ";\"“”") {
				maker = &ms[j]
			}
			break
		}
		if product != nil && maker != nil && product.id != maker.id {
			x.b.edge(product.id, kg.RelLinkedTo, maker.id, "", nil, ev)
		}
	}
}

// makersNamed links a product named after its maker to the maker: "Boeing
// 737 MAX 8" is Boeing's when the story names the company Boeing. Only a
// name of two words or more that is not itself a company qualifies.
func (x *extraction) makersNamed(ms []mention, ev kg.Evidence) {
	for _, m := range ms {
		if m.kind != kg.KindEntity || m.anaphor || isList(m.known) {
			continue
		}
		f := strings.Fields(x.masked[m.start:m.end])
		if len(f) < 2 {
			continue
		}
		if c, ok := x.companyNamed(f[0]); ok && c.id != m.id {
			x.b.edge(m.id, kg.RelLinkedTo, c.id, "", nil, ev)
		}
	}
}

// companyNamed is the company the document names with exactly this word
// ("Boeing"), from its mentions of every sentence.
func (x *extraction) companyNamed(word string) (known, bool) {
	if x.companyWords == nil {
		x.companyWords = map[string]known{}
		for _, ms := range x.ments {
			for _, m := range ms {
				if m.kind == kg.KindCompany && !m.anaphor && !strings.ContainsAny(x.masked[m.start:m.end], " '’") {
					x.companyWords[x.masked[m.start:m.end]] = m.known
				}
			}
		}
	}
	k, ok := x.companyWords[word]
	return k, ok
}

// stakesAcross reads a purchase of a stake whose buyer is set off from the
// verb by an aside: the buyer is the company right before the aside.
func (x *extraction) stakesAcross(si int, ms []mention, ev kg.Evidence) {
	s := x.sents[si]
	for j, b := range ms {
		if !orgLike(b.kind) || j < 2 {
			continue
		}
		pre := x.lowerText[max(s.start, b.start-60):b.start]
		loc := reStakeTail.FindStringIndex(pre)
		if loc == nil {
			continue
		}
		at := b.start - len(pre) + loc[0]
		if j > 0 && ms[j-1].end > at && orgLike(ms[j-1].kind) {
			continue // the buyer right before: the plain reading handles it
		}
		for k := j - 1; k >= 0; k-- {
			a := ms[k]
			if a.end > at || !orgLike(a.kind) || a.anaphor {
				continue
			}
			if a.id != b.id && commaAside(x.masked[a.end:at]) {
				rel := kg.RelLinkedTo
				if reMajorityIn.MatchString(pre[loc[0]:]) {
					rel = kg.RelSubsidiaryOf
				}
				x.b.edge(b.id, rel, a.id, "", nil, ev)
			}
			break
		}
	}
}
