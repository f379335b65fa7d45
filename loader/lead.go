package loader

import "strings"

// leadTitleRunes bounds a title made from a lead sentence: long enough to
// say what the story is, short enough to label a node in a drawing.
const leadTitleRunes = 100

// leadTitle is the title of a document that carries no headline: its first
// sentence of news text, cut at a word boundary. Captions, bylines and
// other metadata lines are skipped, and markdown link syntax is already
// masked out of p.masked, so the label reads as the story does.
func (p *parsedDoc) leadTitle() string {
	for _, r := range p.lines {
		if r.kind != lineBody {
			continue
		}
		line := strings.Join(strings.Fields(p.masked[r.start:r.end]), " ")
		if i := sentenceEnd(line); i > 0 {
			line = line[:i]
		}
		return clipWords(line, leadTitleRunes)
	}
	return ""
}

// sentenceEnd is the index just past the first full stop, question or
// exclamation mark that is followed by a space and a capital letter, or -1.
// It is deliberately simpler than the sentence splitter: a title that runs
// past an abbreviation is still a fair label.
func sentenceEnd(s string) int {
	for i := 0; i+2 < len(s); i++ {
		if (s[i] == '.' || s[i] == '?' || s[i] == '!') && s[i+1] == ' ' && s[i+2] >= 'A' && s[i+2] <= 'Z' {
			return i + 1
		}
	}
	return -1
}

// clipWords shortens s to at most n runes, at a word boundary, marking the
// cut with an ellipsis.
func clipWords(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}
