package loader

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"unicode/utf8"
)

// fastRe runs a regular expression only where a match can start. Go's
// matcher tries every position of the text; most of the loader's patterns
// start with a word boundary and one of a few words, so the positions
// where a match can start are few. fastRe finds them from the set of bytes
// that can begin a match and runs a start-anchored copy of the pattern
// there, which yields exactly the leftmost-first, non-overlapping matches
// of the original. Patterns it cannot analyse run as they are.
type fastRe struct {
	re   *regexp.Regexp
	anch *regexp.Regexp // nil: use re
	// first holds the bytes that can begin a match.
	first [256]bool
	// boundary: the pattern starts with \b before a word byte, so a match
	// cannot start right after a word byte.
	boundary bool
	// prefix rejects the remaining positions whose first bytes cannot
	// open a match; nil when it could not be built.
	prefix *prefixAuto
}

// fastRegexps lists the patterns run through fastRe: those matched
// against every sentence.
func fastRegexps() []*regexp.Regexp {
	out := []*regexp.Regexp{reMonthDay, reDayMonth, reMonthYear, reISO, reYear, reWeekday, reRelative, reWithin,
		reParenDate, reCopyYear, reMonthOnly, reDuration, reDayAfter, reYearAdj, reStep, reGroup, reList, reEntList, reAnaCo, reAnaAg, reAnaPer,
		reCount, reMoney, reMDLink, reClauseSep, reBasedIn}
	for _, o := range lex.orders {
		out = append(out, o.re)
	}
	for _, r := range lex.relations {
		out = append(out, r.re)
	}
	return out
}

// fastOf is read-only after package initialisation, so safe to share.
var fastOf = func() map[*regexp.Regexp]*fastRe {
	m := map[*regexp.Regexp]*fastRe{}
	for _, re := range fastRegexps() {
		m[re] = newFastRe(re)
	}
	return m
}()

// fast returns the fastRe of re (re itself, wrapped, if not listed).
func fast(re *regexp.Regexp) *fastRe {
	if f, ok := fastOf[re]; ok {
		return f
	}
	return &fastRe{re: re}
}

// newFastRe analyses re; the result matches exactly as re does.
func newFastRe(re *regexp.Regexp) *fastRe {
	f := &fastRe{re: re}
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return f
	}
	if rest, ok := leadingBoundary(tree); ok {
		a := analyse(rest)
		if !a.ok || a.assert || a.nullable {
			return f
		}
		for b := 0; b < 256; b++ {
			if a.first[b] && !isWordByte(byte(b)) {
				return f // \b before a non-word byte: needs the byte before
			}
		}
		f.first, f.boundary = a.first, true
	} else {
		a := analyse(tree)
		if !a.ok || a.assert || a.nullable {
			return f
		}
		f.first = a.first
	}
	// Bytes of multi-byte runes: where Go's matcher steps depends on how
	// the text decodes, so only ASCII start bytes are handled.
	for b := utf8.RuneSelf; b < 256; b++ {
		if f.first[b] {
			return f
		}
	}
	anch, err := regexp.Compile(`^(?:` + re.String() + `)`)
	if err != nil {
		return f
	}
	f.anch = anch
	f.prefix = newPrefixAuto(re)
	return f
}

// prefixAuto is a deterministic automaton over the ASCII bytes that open
// a match, built from the compiled program with assertions taken to pass,
// so it only rejects positions where no match can start. Row s of next
// (128 entries, one per ASCII byte) gives the state after each byte;
// state 1 is the start and row 0 is unused.
type prefixAuto struct {
	next []int16
}

const (
	// prefixOpen: the automaton cannot tell (a match may end here, or it
	// ran out of states); the matcher decides.
	prefixOpen = 0
	// prefixDead: no match goes on with this byte.
	prefixDead = -1
	// prefixStates bounds the states per pattern, so analysis stays cheap
	// and small; transitions past it are open.
	prefixStates = 128
	// prefixWalk bounds the bytes walked at one position, so a pattern
	// with long repeats costs no more than a short look-ahead.
	prefixWalk = 16
)

// newPrefixAuto builds the automaton of re, or nil when it cannot.
func newPrefixAuto(re *regexp.Regexp) *prefixAuto {
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	prog, err := syntax.Compile(tree.Simplify())
	if err != nil {
		return nil
	}
	mark := make([]uint32, len(prog.Inst))
	gen := uint32(0)
	// closure adds the consuming instructions reachable from pc without
	// consuming, and reports whether a match is reachable.
	var closure func(pc uint32, into []uint32) ([]uint32, bool)
	closure = func(pc uint32, into []uint32) ([]uint32, bool) {
		if mark[pc] == gen {
			return into, false
		}
		mark[pc] = gen
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstMatch:
			return into, true
		case syntax.InstFail:
			return into, false
		case syntax.InstAlt, syntax.InstAltMatch:
			into, m1 := closure(in.Out, into)
			into, m2 := closure(in.Arg, into)
			return into, m1 || m2
		case syntax.InstCapture, syntax.InstEmptyWidth, syntax.InstNop:
			return closure(in.Out, into)
		}
		return append(into, pc), false
	}
	// accepts[pc] holds the ASCII bytes instruction pc consumes, computed
	// once per instruction rather than once per state and byte.
	accepts := make([]*[utf8.RuneSelf]bool, len(prog.Inst))
	acceptsOf := func(pc uint32) *[utf8.RuneSelf]bool {
		if a := accepts[pc]; a != nil {
			return a
		}
		a := new([utf8.RuneSelf]bool)
		in := &prog.Inst[pc]
		for c := range a {
			switch in.Op {
			case syntax.InstRune, syntax.InstRune1:
				a[c] = in.MatchRune(rune(c))
			case syntax.InstRuneAny:
				a[c] = true
			case syntax.InstRuneAnyNotNL:
				a[c] = c != '\n'
			}
		}
		accepts[pc] = a
		return a
	}
	appendKey := func(b []byte, set []uint32) []byte {
		for _, pc := range set {
			b = append(b, byte(pc), byte(pc>>8), byte(pc>>16), byte(pc>>24))
		}
		return b
	}
	gen++
	start, matched := closure(uint32(prog.Start), nil)
	if matched || len(start) == 0 {
		return nil
	}
	slices.Sort(start)
	states := [][]uint32{start}
	index := map[string]int16{string(appendKey(nil, start)): 1}
	a := &prefixAuto{next: make([]int16, 2*utf8.RuneSelf)}
	var scratch []uint32
	var kb []byte
	for s := 0; s < len(states); s++ {
		for c := 0; c < utf8.RuneSelf; c++ {
			gen++
			set := scratch[:0]
			matched := false
			for _, pc := range states[s] {
				if acceptsOf(pc)[c] {
					var m bool
					set, m = closure(prog.Inst[pc].Out, set)
					matched = matched || m
				}
			}
			to := int16(prefixOpen)
			switch {
			case matched:
			case len(set) == 0:
				to = prefixDead
			default:
				slices.Sort(set)
				kb = appendKey(kb[:0], set)
				if id, ok := index[string(kb)]; ok {
					to = id
				} else if len(states) < prefixStates {
					states = append(states, slices.Clone(set))
					to = int16(len(states))
					index[string(kb)] = to
					a.next = append(a.next, make([]int16, utf8.RuneSelf)...)
				}
			}
			a.next[(s+1)*utf8.RuneSelf+c] = to
			scratch = set[:0]
		}
	}
	return a
}

// may reports whether a match can start at the beginning of s, as far as
// its first ASCII bytes tell.
func (a *prefixAuto) may(s string) bool {
	st := int16(1)
	for k := 0; k < len(s) && k < prefixWalk; k++ {
		c := s[k]
		if c >= utf8.RuneSelf {
			return true
		}
		st = a.next[int(st)*utf8.RuneSelf+int(c)]
		if st == prefixDead {
			return false
		}
		if st == prefixOpen {
			return true
		}
	}
	return true
}

// leadingBoundary returns the pattern after a \b that every match begins
// with, as one alternation when the \b is repeated per branch.
func leadingBoundary(r *syntax.Regexp) (*syntax.Regexp, bool) {
	switch r.Op {
	case syntax.OpCapture:
		return leadingBoundary(r.Sub[0])
	case syntax.OpConcat:
		if len(r.Sub) > 1 && r.Sub[0].Op == syntax.OpWordBoundary {
			return &syntax.Regexp{Op: syntax.OpConcat, Sub: r.Sub[1:], Flags: r.Flags}, true
		}
		if len(r.Sub) > 0 {
			// \b inside a leading group: "(\b(?:a|b))c".
			if head, ok := leadingBoundary(r.Sub[0]); ok {
				subs := append([]*syntax.Regexp{head}, r.Sub[1:]...)
				return &syntax.Regexp{Op: syntax.OpConcat, Sub: subs, Flags: r.Flags}, true
			}
		}
	case syntax.OpAlternate:
		var subs []*syntax.Regexp
		for _, s := range r.Sub {
			rest, ok := leadingBoundary(s)
			if !ok {
				return nil, false
			}
			subs = append(subs, rest)
		}
		return &syntax.Regexp{Op: syntax.OpAlternate, Sub: subs, Flags: r.Flags}, true
	}
	return nil, false
}

// startInfo is what can happen at the start of a match of a sub-pattern.
type startInfo struct {
	first    [256]bool // bytes that can be consumed first
	nullable bool      // can match the empty string
	assert   bool      // an assertion can be tested before a byte is consumed
	ok       bool
}

func analyse(r *syntax.Regexp) startInfo {
	var a startInfo
	a.ok = true
	all := func() {
		for b := range a.first {
			a.first[b] = true
		}
	}
	switch r.Op {
	case syntax.OpNoMatch:
	case syntax.OpEmptyMatch:
		a.nullable = true
	case syntax.OpLiteral:
		if len(r.Rune) == 0 {
			a.nullable = true
			break
		}
		c := r.Rune[0]
		if c >= utf8.RuneSelf {
			all()
			break
		}
		a.first[c] = true
		if r.Flags&syntax.FoldCase != 0 {
			if 'a' <= c && c <= 'z' {
				a.first[c-'a'+'A'] = true
			} else if 'A' <= c && c <= 'Z' {
				a.first[c-'A'+'a'] = true
			}
			if c == 'k' || c == 'K' || c == 's' || c == 'S' {
				all() // Kelvin sign, long s: non-ASCII folds
			}
		}
	case syntax.OpCharClass:
		for i := 0; i+1 < len(r.Rune); i += 2 {
			lo, hi := r.Rune[i], r.Rune[i+1]
			for c := lo; c <= hi && c < utf8.RuneSelf; c++ {
				a.first[c] = true
			}
			if hi >= utf8.RuneSelf {
				for b := 0x80; b < 256; b++ {
					a.first[b] = true
				}
			}
		}
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		all()
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		a.nullable, a.assert = true, true
	case syntax.OpCapture, syntax.OpPlus:
		return analyse(r.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		a = analyse(r.Sub[0])
		a.nullable = true
	case syntax.OpRepeat:
		a = analyse(r.Sub[0])
		if r.Min == 0 {
			a.nullable = true
		}
	case syntax.OpConcat:
		a.nullable = true
		for _, s := range r.Sub {
			if !a.nullable {
				break
			}
			sa := analyse(s)
			a.merge(sa)
			a.nullable = sa.nullable
		}
	case syntax.OpAlternate:
		for _, s := range r.Sub {
			sa := analyse(s)
			a.merge(sa)
			a.nullable = a.nullable || sa.nullable
		}
	default:
		a.ok = false
	}
	return a
}

func (a *startInfo) merge(b startInfo) {
	for i := range a.first {
		a.first[i] = a.first[i] || b.first[i]
	}
	a.assert = a.assert || b.assert
	a.ok = a.ok && b.ok
}

// isWordByte is a byte \b counts as a word character (ASCII only, as in
// Go's regexp; a byte of a multi-byte rune is not one).
func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// FindAllStringSubmatchIndex is regexp's, for n < 0.
func (f *fastRe) FindAllStringSubmatchIndex(s string) [][]int {
	if f.anch == nil {
		return f.re.FindAllStringSubmatchIndex(s, -1)
	}
	return f.scan(s, f.anch.FindStringSubmatchIndex)
}

// FindAllStringIndex is regexp's, for n < 0.
func (f *fastRe) FindAllStringIndex(s string) [][]int {
	if f.anch == nil {
		return f.re.FindAllStringIndex(s, -1)
	}
	return f.scan(s, f.anch.FindStringIndex)
}

// scan runs the anchored pattern's match at every position where a match
// can start, leftmost first and without overlaps, as regexp's FindAll
// does. match returns a fresh slice of offsets relative to its argument
// (or nil), which scan shifts to offsets into s.
func (f *fastRe) scan(s string, match func(string) []int) [][]int {
	var out [][]int
	for i := 0; i < len(s); i++ {
		if !f.first[s[i]] || (f.boundary && i > 0 && isWordByte(s[i-1])) {
			continue
		}
		if f.prefix != nil && !f.prefix.may(s[i:]) {
			continue
		}
		m := match(s[i:])
		if m == nil {
			continue
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += i
			}
		}
		out = append(out, m)
		i = m[1] - 1 // the pattern is not nullable: m[1] > i
	}
	return out
}
