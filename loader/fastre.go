package loader

import (
	"regexp"
	"regexp/syntax"
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
	// second[b], when not nil, holds the bytes that can follow a first
	// byte b (the end of the text is always allowed).
	second [256]*[256]bool
}

// fastRegexps lists the patterns run through fastRe: those matched
// against every sentence.
func fastRegexps() []*regexp.Regexp {
	out := []*regexp.Regexp{reMonthDay, reDayMonth, reMonthYear, reISO, reYear, reWeekday, reRelative, reWithin,
		reParenDate, reCopyYear, reMonthOnly, reDuration, reDayAfter, reYearAdj, reStep, reGroup, reList, reEntList, reAnaCo, reAnaAg, reAnaPer,
		reCount, reMoney, reMDLink, reClauseSep}
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
	f.second = secondBytes(re, &f.first)
	return f
}

// secondBytes computes, from the compiled program, which bytes can follow
// each possible first byte of a match. Assertions are taken to pass, so
// the sets are supersets. Nil entries allow any byte.
func secondBytes(re *regexp.Regexp, first *[256]bool) [256]*[256]bool {
	var out [256]*[256]bool
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return out
	}
	prog, err := syntax.Compile(tree.Simplify())
	if err != nil {
		return out
	}
	// closure adds the instructions reachable from pc without consuming.
	var closure func(pc uint32, seen map[uint32]bool, into *[]uint32)
	closure = func(pc uint32, seen map[uint32]bool, into *[]uint32) {
		if seen[pc] {
			return
		}
		seen[pc] = true
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			closure(in.Out, seen, into)
			closure(in.Arg, seen, into)
		case syntax.InstCapture, syntax.InstEmptyWidth, syntax.InstNop:
			closure(in.Out, seen, into)
		default:
			*into = append(*into, pc)
		}
	}
	var starts []uint32
	closure(uint32(prog.Start), map[uint32]bool{}, &starts)
	for b := 0; b < utf8.RuneSelf; b++ {
		if !first[b] {
			continue
		}
		// The instructions after consuming byte b.
		var next []uint32
		seen := map[uint32]bool{}
		for _, pc := range starts {
			in := &prog.Inst[pc]
			if in.Op == syntax.InstMatch || in.Op == syntax.InstFail {
				continue
			}
			if in.MatchRune(rune(b)) {
				closure(in.Out, seen, &next)
			}
		}
		set := new([256]bool)
		any := false
		for _, pc := range next {
			in := &prog.Inst[pc]
			switch in.Op {
			case syntax.InstMatch:
				any = true // a one-byte match: anything may follow
			case syntax.InstFail:
			case syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
				any = true
			case syntax.InstRune, syntax.InstRune1:
				for c := 0; c < 256; c++ {
					if c >= utf8.RuneSelf || in.MatchRune(rune(c)) {
						set[c] = true // any lead byte of a multi-byte rune
					}
				}
			default:
				any = true
			}
		}
		if !any {
			out[b] = set
		}
	}
	return out
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
		if sec := f.second[s[i]]; sec != nil && i+1 < len(s) && !sec[s[i+1]] {
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
