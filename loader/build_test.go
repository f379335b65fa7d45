package loader

import (
	"math/rand"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/kg"
)

// TestRuneOffset compares runeOffset with a count of the characters
// decoded before each byte offset, on text mixing one- to four-byte
// characters and invalid bytes.
func TestRuneOffset(t *testing.T) {
	pieces := []string{"a", "b ", "é", "’", "€", "😀", "\xff", "\xe2\x80", "©", "—"}
	rng := rand.New(rand.NewSource(9))
	for n := 0; n < 500; n++ {
		var text string
		for k := rng.Intn(30); k > 0; k-- {
			text += pieces[rng.Intn(len(pieces))]
		}
		b := newBuilder(&kg.Document{ID: "d", Text: text})
		// want[i]: index of the character containing byte i.
		want := make([]int, len(text)+1)
		r := 0
		for i := 0; i < len(text); {
			_, sz := utf8.DecodeRuneInString(text[i:])
			for k := 0; k < sz; k++ {
				want[i+k] = r
			}
			i += sz
			r++
		}
		want[len(text)] = r
		for i := -1; i <= len(text)+1; i++ {
			w := want[min(max(i, 0), len(text))]
			if got := b.runeOffset(i); got != w {
				t.Fatalf("%q: runeOffset(%d) = %d, want %d", text, i, got, w)
			}
		}
	}
}
