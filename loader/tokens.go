package loader

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word of a sentence with its byte offsets in the document.
type token struct {
	text        string // as written, possessive included
	word        string // possessive dropped: "Kaspersky's" -> "Kaspersky"
	lower       string
	key         string // lower case without dots and apostrophes: the lookup key of one word
	start, end  int
	cap         bool // starts with an upper-case letter
	allCaps     bool // two or more letters, all upper case ("US", "DHS", "KUDRYAVTSEV")
	possessive  bool
	hyphen      bool // joined to the next token by a hyphen ("Russia-based")
	punctAfter  bool // followed by punctuation other than a hyphen (a comma, a quote...)
	parenBefore bool // right after "(": an acronym or an aside, not part of a name before it
}

// tokenize splits s[start:end] into words. Letters and digits make words;
// an apostrophe inside a word is kept ("Kaspersky's"), a hyphen splits the
// word but is remembered, dotted acronyms ("U.S.") stay one token.
func tokenize(s string, start, end int) []token {
	var toks []token
	i := start
	for i < end {
		r, n := utf8.DecodeRuneInString(s[i:end])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			i += n
			continue
		}
		j := i
		for j < end {
			r, n := utf8.DecodeRuneInString(s[j:end])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				j += n
				continue
			}
			if (r == '\'' || r == '’' || r == '.' || r == '&') && j+n < end {
				nr, _ := utf8.DecodeRuneInString(s[j+n : end])
				if unicode.IsLetter(nr) || unicode.IsDigit(nr) {
					if r == '.' && !(j-i == 1 && unicode.IsUpper(rune(s[i]))) && !strings.Contains(s[i:j], ".") {
						break
					}
					j += n
					continue
				}
			}
			break
		}
		// A dotted acronym keeps its final full stop: "U.S." .
		if j < end && s[j] == '.' && strings.Contains(s[i:j], ".") {
			j++
		}
		toks = append(toks, makeToken(s, i, j, end))
		i = j
	}
	return toks
}

func makeToken(s string, i, j, end int) token {
	t := token{text: s[i:j], start: i, end: j, parenBefore: i > 0 && s[i-1] == '('}
	t.word = t.text
	for _, suf := range []string{"'s", "’s"} {
		if strings.HasSuffix(t.word, suf) && len(t.word) > len(suf) {
			t.word = t.word[:len(t.word)-len(suf)]
			t.possessive = true
		}
	}
	if strings.HasSuffix(t.word, "s'") || strings.HasSuffix(t.word, "s’") {
		t.possessive = true
	}
	t.lower = strings.ToLower(t.word)
	t.key = t.lower
	if strings.ContainsAny(t.key, ".'’") {
		t.key = dropMarks(t.key)
	}
	r, _ := utf8.DecodeRuneInString(t.word)
	t.cap = unicode.IsUpper(r)
	letters, upper := 0, 0
	for _, c := range t.word {
		if unicode.IsLetter(c) {
			letters++
			if unicode.IsUpper(c) {
				upper++
			}
		}
	}
	t.allCaps = letters >= 2 && upper == letters
	if j < end {
		c := s[j]
		t.hyphen = c == '-'
		t.punctAfter = !isSpaceByte(c) && c != '-'
	}
	return t
}

// isNameToken reports whether t can be part of a proper name.
func isNameToken(t token) bool {
	return t.cap && !isNumber(t.word)
}

func isNumber(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) && r != ',' && r != '.' {
			return false
		}
	}
	return s != ""
}

// joinWords joins token words as they would be written in a name.
func joinWords(toks []token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			if toks[i-1].hyphen {
				b.WriteByte('-')
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(t.word)
	}
	return b.String()
}

// dropMarks removes full stops and apostrophes: "u.s." -> "us".
func dropMarks(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r != '.' && r != '\'' && r != '’' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
