package synth

import (
	"strings"
	"unicode/utf8"
)

// span is a stretch of the text, in code points, that names something.
type span struct {
	ref        ref
	start, end int
	surface    string
	sentence   int
}

// ref names a node of the world (idx) or a DATE node (day, when date is true).
type ref struct {
	idx  int32
	date bool
}

// builder writes a document while counting code points, so that evidence
// offsets index []rune(text) exactly even for names with accents.
type builder struct {
	b        strings.Builder
	runes    int
	sentence int
	spans    []span
}

func (b *builder) write(s string) int {
	start := b.runes
	b.b.WriteString(s)
	b.runes += utf8.RuneCountInString(s)
	return start
}

// slot is what a template placeholder expands to; when named is true the
// expansion is recorded as a mention of ref.
type slot struct {
	text  string
	ref   ref
	named bool
}

// sentence renders tmpl, whose placeholders are {S} {O} {D} {T} {Q} {N},
// and returns the code-point range of the whole sentence plus, for each
// placeholder letter, the range it expanded to.
func (b *builder) render(tmpl string, slots map[byte]slot) (start, end int, at map[byte][2]int) {
	start = b.runes
	at = map[byte][2]int{}
	for len(tmpl) > 0 {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 || i+2 >= len(tmpl) || tmpl[i+2] != '}' {
			b.write(tmpl)
			break
		}
		b.write(tmpl[:i])
		s := slots[tmpl[i+1]]
		p := b.write(s.text)
		at[tmpl[i+1]] = [2]int{p, b.runes}
		if s.named {
			b.spans = append(b.spans, span{ref: s.ref, start: p, end: b.runes, surface: s.text, sentence: b.sentence})
		}
		tmpl = tmpl[i+3:]
	}
	return start, b.runes, at
}
