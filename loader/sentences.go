package loader

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentence is a span of the document (byte offsets into the text) that
// relations are read from. kind is the kind of the line it comes from.
type sentence struct {
	idx        int
	start, end int
	kind       lineKind
}

// splitSentences cuts the classified lines of a document into sentences.
// A line without terminal punctuation is a sentence of its own (headings),
// unless the next line continues it in lower case (a paragraph broken by
// layout). Within a line it cuts after . ! ? followed by space and a
// capital, a digit or a quote, except after an abbreviation or inside an
// open quotation.
func splitSentences(masked string, lines []region) []sentence {
	var out []sentence
	for i := 0; i < len(lines); i++ {
		ln := lines[i]
		if ln.kind == lineMeta {
			continue
		}
		start, end, kind := ln.start, ln.end, ln.kind
		// Join layout-broken paragraphs: this line does not end a sentence
		// and the next starts with a lower-case letter.
		for i+1 < len(lines) && (kind == lineBody || kind == lineHeading) && !hasTerminalPunct(masked[start:end]) {
			nx := lines[i+1]
			if nx.kind != lineBody && nx.kind != lineHeading {
				break
			}
			r, _ := utf8.DecodeRuneInString(masked[nx.start:nx.end])
			if !unicode.IsLower(r) {
				break
			}
			end = nx.end
			kind = lineBody
			i++
		}
		for _, sp := range splitLine(masked, start, end) {
			for _, c := range capSpan(masked, sp[0], sp[1]) {
				out = append(out, sentence{idx: len(out), start: c[0], end: c[1], kind: kind})
			}
		}
	}
	return out
}

// splitLine splits masked[start:end] into trimmed sentence spans.
func splitLine(masked string, start, end int) [][2]int {
	var out [][2]int
	s := start
	inQuote := false
	for i := start; i < end; {
		// Most bytes are ASCII that neither quotes nor ends a sentence:
		// they are passed over without decoding.
		if c := masked[i]; c < utf8.RuneSelf && c != '"' && c != '.' && c != '!' && c != '?' {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(masked[i:end])
		switch r {
		case '“':
			inQuote = true
		case '”':
			inQuote = false
		case '"':
			inQuote = !inQuote
		case '.', '!', '?', '…':
			j := i + n
			// Closing quotes and brackets belong to the sentence they end.
			for j < end {
				c, cn := utf8.DecodeRuneInString(masked[j:end])
				if c == '"' || c == '”' || c == '’' || c == '\'' || c == ')' {
					if c == '"' || c == '”' {
						inQuote = false
					}
					j += cn
					continue
				}
				break
			}
			if j >= end || !isSpaceByte(masked[j]) {
				break
			}
			k := j
			for k < end && isSpaceByte(masked[k]) {
				k++
			}
			if k >= end {
				break
			}
			nr, _ := utf8.DecodeRuneInString(masked[k:end])
			if !(unicode.IsUpper(nr) || unicode.IsDigit(nr) || nr == '"' || nr == '“' || nr == '‘') {
				break
			}
			if (r == '.' && isAbbrevBefore(masked, start, i+1)) || inQuote {
				break
			}
			if a, b := trimSpanStr(masked, s, j); a < b {
				out = append(out, [2]int{a, b})
			}
			s = k
			i = k
			continue
		}
		i += n
	}
	if a, b := trimSpanStr(masked, s, end); a < b {
		out = append(out, [2]int{a, b})
	}
	return out
}

// isAbbrevBefore reports whether the word ending at dot (exclusive, the
// full stop included) is a known abbreviation or a single initial.
func isAbbrevBefore(s string, lineStart, dot int) bool {
	w := dot
	for w > lineStart && !isSpaceByte(s[w-1]) && s[w-1] != '(' && s[w-1] != '"' {
		w--
	}
	word := s[w:dot]
	if lex.abbrevs[word] {
		return true
	}
	// "J." initials and "U.S."-style dotted acronyms.
	if len(word) == 2 && word[0] >= 'A' && word[0] <= 'Z' {
		return true
	}
	return len(word) >= 4 && strings.Count(word, ".") >= 2 && !strings.Contains(word, "..")
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func trimSpanStr(s string, a, b int) (int, int) {
	for a < b {
		r, n := utf8.DecodeRuneInString(s[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		a += n
	}
	for b > a {
		r, n := utf8.DecodeLastRuneInString(s[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		b -= n
	}
	return a, b
}

// maxSentenceBytes bounds a sentence: text without sentence ends (a list,
// a table, hostile input) is cut at a space so that per-sentence work,
// which compares mentions with one another, stays bounded.
const maxSentenceBytes = 2000

func capSpan(s string, a, b int) [][2]int {
	if b-a <= maxSentenceBytes {
		return [][2]int{{a, b}}
	}
	var out [][2]int
	for b-a > maxSentenceBytes {
		cut := a + maxSentenceBytes
		for cut > a+maxSentenceBytes/2 && !isSpaceByte(s[cut]) {
			cut--
		}
		if !isSpaceByte(s[cut]) {
			cut = a + maxSentenceBytes
			for cut < b && !utf8.RuneStart(s[cut]) {
				cut++
			}
		}
		if x, y := trimSpanStr(s, a, cut); x < y {
			out = append(out, [2]int{x, y})
		}
		a = cut
	}
	if x, y := trimSpanStr(s, a, b); x < y {
		out = append(out, [2]int{x, y})
	}
	return out
}
