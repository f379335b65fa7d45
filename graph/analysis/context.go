package analysis

import (
	"context"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/kg"
)

// widen replaces the quotes of figures and unresolved dates, which are
// the few words of the figure ("July 20"), with the sentence around them
// ("Ban on new sales starts July 20"), so a side can be read on its own.
// It reads only the documents the returned conflicts quote.
func widen(ctx context.Context, s kg.Store, cs []Conflict) error {
	need := map[string]bool{}
	for _, c := range cs {
		for _, sd := range c.Sides {
			for _, e := range sd.Evidence {
				if narrow(e) && len(need) < maxWiden {
					need[e.DocumentID] = true
				}
			}
		}
	}
	if len(need) == 0 {
		return nil
	}
	ids := make([]string, 0, len(need))
	for id := range need {
		ids = append(ids, id)
	}
	docs, err := s.Documents(ctx, ids)
	if err != nil {
		return err
	}
	text := map[string][]rune{}
	for _, d := range docs {
		if d != nil {
			text[d.ID] = []rune(d.Text)
		}
	}
	for i := range cs {
		for j := range cs[i].Sides {
			ev := cs[i].Sides[j].Evidence
			for k := range ev {
				if t := text[ev[k].DocumentID]; t != nil && narrow(ev[k]) {
					ev[k] = sentenceAround(t, ev[k])
				}
			}
			cs[i].Sides[j].Evidence = uniqEvidence(ev)
		}
	}
	return nil
}

// narrow reports whether a quote is a phrase rather than a sentence.
func narrow(e kg.Evidence) bool {
	return utf8.RuneCountInString(e.Quote) < 60
}

// maxWiden bounds the documents one answer reads to widen quotes; quotes
// from documents beyond it stay as they are.
const maxWiden = 200

// maxContext bounds how far a sentence is looked for on each side, so a
// text without punctuation costs little.
const maxContext = 400

// sentenceAround returns the evidence widened to the sentence or line
// that holds it: from after the previous full stop, question or
// exclamation mark or line break to the next one (kept). The quote is the
// text between the new offsets, as evidence requires; when the text does
// not match the evidence, the evidence is returned unchanged.
func sentenceAround(text []rune, e kg.Evidence) kg.Evidence {
	if e.Start < 0 || e.End > len(text) || e.Start >= e.End || string(text[e.Start:e.End]) != e.Quote {
		return e
	}
	start := e.Start
	for start > 0 && e.Start-start < maxContext && !ends(text, start-1) {
		start--
	}
	end := e.End
	for end < len(text) && end-e.End < maxContext && !ends(text, end) {
		end++
	}
	if end < len(text) && text[end] != '\n' && text[end] != '\r' {
		end++ // keep the full stop
	}
	for start < e.Start && (text[start] == ' ' || text[start] == '\t') {
		start++
	}
	e.Start, e.End, e.Quote = start, end, string(text[start:end])
	return e
}

// ends reports whether the rune at i ends a sentence: a line break, a
// question or exclamation mark, or a full stop followed by a space and
// then not by a lower-case word, and not closing an initial ("U.S.",
// "J. Smith").
func ends(text []rune, i int) bool {
	switch text[i] {
	case '\n', '\r', '!', '?':
		return true
	case '.':
		if i+1 < len(text) && !unicode.IsSpace(text[i+1]) {
			return false // "3.5", "example.com"
		}
		if i > 0 && unicode.IsUpper(text[i-1]) && (i == 1 || text[i-2] == '.' || unicode.IsSpace(text[i-2])) {
			return false
		}
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
			j++
		}
		return j == len(text) || !unicode.IsLower(text[j])
	}
	return false
}
