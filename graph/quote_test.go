package graph

import (
	"strings"
	"testing"
)

// oddQuoted has every kind of byte that needs escaping, and some that look
// as if they might.
const oddQuoted = "Odd \"Quoted\" Co\\Ltd\t\x01 <b>&amp; Ünïcödé \u2028 Corp said it would appeal."

// quoteBytewise is the reference appendQuoted must match: one test per
// byte, as gqlgen's MarshalString escapes.
func quoteBytewise(s string) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\t':
			b.WriteString(`\t`)
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\\':
			b.WriteString(`\\`)
		case c == '"':
			b.WriteString(`\"`)
		case c < 0x20:
			b.WriteString(`\u00`)
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xf])
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// TestAppendQuotedEveryPosition puts each byte that needs escaping, and
// the bytes just beside the escaped ranges, at every offset of strings
// long enough to span several 8-byte blocks, so a block test that misses
// one (or flags a plain byte) shows.
func TestAppendQuotedEveryPosition(t *testing.T) {
	specials := []byte{0x00, 0x01, 0x1f, '\t', '\n', '\r', '"', '\\', 0x20, 0x21, 0x23, 0x5b, 0x5d, 0x7f, 0x80, 0xa2, 0xdc, 0xff}
	for _, c := range specials {
		for n := 1; n <= 25; n++ {
			for at := 0; at < n; at++ {
				b := []byte(strings.Repeat("k", n))
				b[at] = c
				s := string(b)
				if got, want := string(appendQuoted(nil, s)), quoteBytewise(s); got != want {
					t.Fatalf("appendQuoted(%q) = %s, want %s", s, got, want)
				}
			}
		}
	}
	for _, s := range []string{"", "Kaspersky Lab", "rel:0123456789abcdef", oddQuoted, "Ünïcödé \u2028 “quotes” \x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f"} {
		if got, want := string(appendQuoted([]byte("prefix"), s)), "prefix"+quoteBytewise(s); got != want {
			t.Errorf("appendQuoted(%q) = %s, want %s", s, got, want)
		}
	}
}

// FuzzAppendQuoted checks appendQuoted against the reference on any
// bytes: go test ./graph -run '^$' -fuzz FuzzAppendQuoted
func FuzzAppendQuoted(f *testing.F) {
	for _, s := range []string{"", "plain text long enough", oddQuoted, "\"\\\x00\x1f", "\xff\xfe\x80\"abcdefgh\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendQuoted(nil, s)), quoteBytewise(s); got != want {
			t.Fatalf("appendQuoted(%q) = %s, want %s", s, got, want)
		}
	})
}

// BenchmarkAppendQuoted quotes the kinds of strings a neighbourhood answer
// holds: IDs, names, labels.
func BenchmarkAppendQuoted(b *testing.B) {
	in := []string{"rel:3f2a9c0e1b7d4455", "company:kaspersky-lab", "Kaspersky Lab", "ISSUED_BY: issuer", "agency:us-department-of-commerce", "U.S. Department of Commerce", "id", "label"}
	buf := make([]byte, 0, 1024)
	b.ReportAllocs()
	for b.Loop() {
		buf = buf[:0]
		for _, s := range in {
			buf = appendQuoted(buf, s)
		}
	}
}
