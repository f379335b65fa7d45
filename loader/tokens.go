package loader

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word of a sentence with its byte offsets in the document
// (the word as written is the text between them).
type token struct {
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
	dotAfter    bool // followed by a full stop ("J." of "Donald J. Trump")
	lexf        lexFlags
}

// lexFlags records which word lists of the lexicon hold a token, looked
// up once when it is made rather than at every test of every pass.
type lexFlags uint8

const (
	lexCommon     lexFlags = 1 << iota // lex.common[lower]
	lexSpeech                          // lex.speech[lower]
	lexDescriptor                      // lex.descriptors[lower]
	lexEntityDesc                      // lex.entityDesc[lower]
	lexGivenName                       // lex.givenNames[word]
	lexBodyStart                       // lex.topicStarts[lower] or courtAdjectives[lower]
)

func (t *token) common() bool     { return t.lexf&lexCommon != 0 }
func (t *token) speech() bool     { return t.lexf&lexSpeech != 0 }
func (t *token) descriptor() bool { return t.lexf&lexDescriptor != 0 }
func (t *token) entityDesc() bool { return t.lexf&lexEntityDesc != 0 }
func (t *token) givenName() bool  { return t.lexf&lexGivenName != 0 }

// flagsByLower and flagsByWord merge the word lists, keyed as they are
// looked up, so a token costs two lookups.
var flagsByLower, flagsByWord = func() (map[string]lexFlags, map[string]lexFlags) {
	byLower, byWord := map[string]lexFlags{}, map[string]lexFlags{}
	for _, l := range []struct {
		set  map[string]bool
		flag lexFlags
	}{{lex.common, lexCommon}, {lex.speech, lexSpeech}, {lex.descriptors, lexDescriptor}, {lex.entityDesc, lexEntityDesc},
		{lex.topicStarts, lexBodyStart}, {courtAdjectives, lexBodyStart}} {
		for w, ok := range l.set {
			if ok {
				byLower[w] |= l.flag
			}
		}
	}
	for w, ok := range lex.givenNames {
		if ok {
			byWord[w] |= lexGivenName
		}
	}
	return byLower, byWord
}()

// wordFirstBytes holds the first bytes of the keys of flagsByWord: a word
// starting otherwise is not among them.
var wordFirstBytes = func() (b [256]bool) {
	for w := range flagsByWord {
		if w != "" {
			b[w[0]] = true
		}
	}
	return b
}()

func lexFlagsOf(lower, word string) lexFlags {
	f := flagsByLower[lower]
	if word != "" && wordFirstBytes[word[0]] {
		f |= flagsByWord[word]
	}
	return f
}

// tokenize splits s[start:end] into words. Letters and digits make words;
// an apostrophe inside a word is kept ("Kaspersky's"), a hyphen splits the
// word but is remembered, dotted acronyms ("U.S.") stay one token.
func tokenize(s string, start, end int) []token {
	return appendTokens(nil, s, "", start, end)
}

// isWordRune reports whether r makes words: a letter or a digit. ASCII is
// decided without the Unicode tables, which dominate tokenising otherwise.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// decode is utf8.DecodeRuneInString with the ASCII case inlined.
func decode(s string) (rune, int) {
	if len(s) > 0 && s[0] < utf8.RuneSelf {
		return rune(s[0]), 1
	}
	return utf8.DecodeRuneInString(s)
}

// appendTokens tokenises s[start:end] onto dst, so that one document's
// tokens share one array. lower, when not empty, is s with ASCII letters
// lower-cased (asciiLower): ASCII words take their lower case from it
// instead of allocating one.
func appendTokens(dst []token, s, lower string, start, end int) []token {
	i := start
	for i < end {
		r, n := decode(s[i:end])
		if !isWordRune(r) {
			i += n
			continue
		}
		j := i
		for j < end {
			r, n := decode(s[j:end])
			if isWordRune(r) {
				j += n
				continue
			}
			if (r == '\'' || r == '’' || r == '.' || r == '&') && j+n < end {
				nr, _ := decode(s[j+n : end])
				if isWordRune(nr) {
					if r == '.' && !(j-i == 1 && unicode.IsUpper(rune(s[i]))) && !strings.Contains(s[i:j], ".") && !domainPart(s[i:j], s[j+n:end]) {
						break
					}
					j += n
					continue
				}
			}
			// "En+", "Disney+": a plus closing a capitalised word is part of it.
			if r == '+' && unicode.IsUpper(rune(s[i])) && (j+n >= end || !isWordRune(rune(s[j+n]))) {
				j += n
			}
			break
		}
		// A dotted acronym keeps its final full stop: "U.S." .
		if j < end && s[j] == '.' && strings.Contains(s[i:j], ".") {
			j++
		}
		dst = append(dst, token{})
		fillToken(&dst[len(dst)-1], s, lower, i, j, end)
		i = j
	}
	return dst
}

// fillToken makes the zero token t the word s[i:j] of a span ending at end.
func fillToken(t *token, s, lower string, i, j, end int) {
	t.start, t.end, t.parenBefore = i, j, i > 0 && s[i-1] == '('
	t.word = s[i:j]
	if n := len(t.word); n > 2 && t.word[n-2] == '\'' && t.word[n-1] == 's' {
		t.word = t.word[:n-2]
		t.possessive = true
	}
	if n := len(t.word); n > 4 && strings.HasSuffix(t.word, "’s") {
		t.word = t.word[:n-4]
		t.possessive = true
	}
	if strings.HasSuffix(t.word, "s'") || strings.HasSuffix(t.word, "s’") {
		t.possessive = true
	}
	ascii, marks := true, false
	letters, upper := 0, 0
	for k := 0; k < len(t.word); k++ {
		c := t.word[k]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if c == '.' || c == '\'' || c == '+' {
			marks = true
		}
		if 'A' <= c && c <= 'Z' {
			letters++
			upper++
		} else if 'a' <= c && c <= 'z' {
			letters++
		}
	}
	if ascii {
		if lower != "" {
			t.lower = lower[i : i+len(t.word)]
		} else {
			t.lower = strings.ToLower(t.word)
		}
		t.cap = len(t.word) > 0 && 'A' <= t.word[0] && t.word[0] <= 'Z'
	} else {
		t.lower = strings.ToLower(t.word)
		r, _ := utf8.DecodeRuneInString(t.word)
		t.cap = unicode.IsUpper(r)
		letters, upper = 0, 0
		for _, c := range t.word {
			if unicode.IsLetter(c) {
				letters++
				if unicode.IsUpper(c) {
					upper++
				}
			}
		}
	}
	t.key = t.lower
	// An ASCII word has marks only if the loop above saw one.
	if (!ascii || marks) && strings.ContainsAny(t.key, ".'’+") {
		t.key = dropMarks(t.key)
	}
	t.allCaps = letters >= 2 && upper == letters
	t.lexf = lexFlagsOf(t.lower, t.word)
	if j < end {
		c := s[j]
		t.hyphen = c == '-'
		t.dotAfter = c == '.'
		t.punctAfter = !isSpaceByte(c) && c != '-'
		if !t.punctAfter && !t.hyphen {
			t.punctAfter = dashAfterSpace(s[j:end])
		}
	}
}

// dashAfterSpace reports whether s starts with spaces and then a dash that
// stands apart ("WASHINGTON — The agency", "Acme - the maker"): the dash
// separates what is on either side as a comma does, so no name runs across.
func dashAfterSpace(s string) bool {
	k := 0
	for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
		k++
	}
	if k == 0 || k >= len(s) {
		return false
	}
	switch {
	case strings.HasPrefix(s[k:], "—"), strings.HasPrefix(s[k:], "–"), s[k] == '/', s[k] == '|':
		return true
	case s[k] == '-':
		return k+1 >= len(s) || s[k+1] == ' ' || s[k+1] == '-'
	}
	return false
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

// dropMarks removes full stops, apostrophes and a closing plus: "u.s." ->
// "us", "en+" -> "en" (as kg.AliasKey does).
func dropMarks(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r != '.' && r != '\'' && r != '’' && r != '+' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// domainPart reports whether a full stop joins a capitalised name to a
// domain-like ending that belongs to it: "Binance.US", "Amazon.com".
func domainPart(before, after string) bool {
	if len(before) < 2 || before[0] < 'A' || before[0] > 'Z' {
		return false
	}
	n := 0
	for n < len(after) && n < 4 && isWordRune(rune(after[n])) {
		n++
	}
	if n < 2 || n > 3 || (n < len(after) && isWordRune(rune(after[n]))) {
		return false
	}
	tail := after[:n]
	if tail == "com" || tail == "net" || tail == "org" || tail == "io" {
		return true
	}
	return strings.ToUpper(tail) == tail && tail[0] >= 'A' && tail[0] <= 'Z'
}
