package kg

import "strconv"

// EchoRunes is how many characters of client input an error message may
// repeat back.
const EchoRunes = 40

// Echo quotes s for an error message, cut to its first EchoRunes
// characters (with "…" when cut), so a client that sends megabytes of
// input cannot have them copied into every error it provokes.
func Echo(s string) string {
	n := 0
	for i := range s {
		if n == EchoRunes {
			return strconv.Quote(s[:i]) + "…"
		}
		n++
	}
	return strconv.Quote(s)
}
