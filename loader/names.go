package loader

import (
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/kg"
)

// known is a name the loader has classified: in this document (learned
// from a strong cue such as a title or a company suffix), from the
// lexicons, or from the graph via Knowledge.Lookup.
type known struct {
	kind kg.Kind
	id   string
	name string // canonical display name
	key  string // canonical key (its slug is the tail of id)
}

func newKnown(k kg.Kind, name string) known {
	return known{kind: k, id: kg.NodeID(k, name), name: name, key: name}
}

// wordKey is the lookup key of a run of tokens: lower case, dots and
// apostrophes dropped, words joined by one space (kg.AliasKey for ASCII).
func wordKey(toks []token) string {
	if len(toks) == 1 {
		return toks[0].key
	}
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.key)
	}
	return b.String()
}

// appendWordKey appends wordKey(toks) to buf: a map lookup by
// string(buf) then allocates nothing.
func appendWordKey(buf []byte, toks []token) []byte {
	for i, t := range toks {
		if i > 0 {
			buf = append(buf, ' ')
		}
		buf = append(buf, t.key...)
	}
	return buf
}

// displayName writes a name in its usual case: all-caps surnames as
// printed in captions ("KUDRYAVTSEV") become "Kudryavtsev", acronyms of
// up to four letters stay.
func displayName(toks []token) string {
	parts := make([]token, len(toks))
	copy(parts, toks)
	for i, t := range parts {
		if t.allCaps && len([]rune(t.word)) > 4 {
			parts[i].word = titleCase(t.word)
		}
	}
	return joinWords(parts)
}

// companyKey drops legal-form suffixes ("Kaspersky Lab" -> "Kaspersky").
func companyName(toks []token) string {
	for len(toks) > 1 && lex.suffixes[strings.TrimSuffix(toks[len(toks)-1].word, ".")] {
		toks = toks[:len(toks)-1]
	}
	return displayName(toks)
}

// nameRun returns the end (exclusive) of the run of name tokens starting
// at i, at most max long, stopping after a possessive or before
// punctuation.
func nameRun(toks []token, i, max int) int {
	j := i
	for j < len(toks) && j-i < max && isNameToken(toks[j]) && (j == i || !toks[j].parenBefore) {
		if j > i && toks[j].common() && !toks[j].allCaps && !middleInitial(toks, j) {
			break
		}
		j++
		if toks[j-1].possessive || (toks[j-1].punctAfter && !middleInitial(toks, j-1)) || (toks[j-1].hyphen && !hyphenJoinsName(toks, j-1)) {
			break
		}
	}
	return j
}

// middleInitial reports whether toks[i] is an initial inside a person's
// name ("Donald J. Trump"): one capital letter, a full stop, and a
// capitalised word after it.
func middleInitial(toks []token, i int) bool {
	t := toks[i]
	return i > 0 && len(t.word) == 1 && t.cap && t.dotAfter && !toks[i-1].punctAfter && i+1 < len(toks) && isNameToken(toks[i+1]) &&
		toks[i+1].start == t.end+2
}

// hyphenJoinsName reports whether the hyphen after toks[i] joins two parts
// of one name ("Bankman-Fried", "Rolls-Royce"): the next word is
// capitalised and neither side is a place ("Russia-Ukraine", "US-China"
// are two places, "Texas-based" is an adjective).
func hyphenJoinsName(toks []token, i int) bool {
	if !toks[i].hyphen || i+1 >= len(toks) || !isNameToken(toks[i+1]) || toks[i+1].common() {
		return false
	}
	if g, ok := lex.gaz[toks[i].key]; ok && g.kind == kg.KindLocation {
		return false
	}
	if g, ok := lex.gaz[toks[i+1].key]; ok && g.kind == kg.KindLocation {
		return false
	}
	return true
}

// upperFirst capitalises the first letter.
func upperFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

// nameWords counts the words of a name, a hyphenated pair as one word:
// "Sam Bankman-Fried" has two.
func nameWords(toks []token) int {
	n := 0
	for i := range toks {
		if i == 0 || !toks[i-1].hyphen {
			n++
		}
	}
	return n
}

// lastWordStart is the index of the first token of the name's last word:
// the surname of "Sam Bankman-Fried" is "Bankman-Fried".
func lastWordStart(toks []token) int {
	k := len(toks) - 1
	for k > 0 && toks[k-1].hyphen {
		k--
	}
	return k
}

// isSuffix reports whether t is a legal-form suffix, however dotted:
// "Inc.", "Co", "L.L.C.".
func isSuffix(t token) bool {
	w := strings.TrimSuffix(t.word, ".")
	if lex.suffixes[w] || (strings.Contains(w, ".") && lex.suffixes[strings.ReplaceAll(w, ".", "")]) {
		return true
	}
	// "LTD", "PTE": suffixes written in capitals.
	return t.allCaps && len(w) >= 3 && lex.suffixes[titleCase(w)]
}

// hasSuffix reports whether a legal-form suffix is among the words of a
// name ("United Co Rusal").
func hasSuffix(toks []token) bool {
	for _, t := range toks[1:] {
		if isSuffix(t) {
			return true
		}
	}
	return false
}

// capRun is the end of the run of capitalised words at i, at most max
// long, common words included: the name a legal suffix ends may hold
// them ("Computer Security Initiative Consultancy PTE").
func capRun(toks []token, i, max int) int {
	j := i
	for j < len(toks) && j-i < max && isNameToken(toks[j]) && (j == i || !toks[j].parenBefore) {
		j++
		if toks[j-1].possessive || toks[j-1].punctAfter {
			break
		}
	}
	return j
}
