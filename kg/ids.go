package kg

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slug turns a canonical key into the readable tail of a node ID: lower
// case, ASCII letters and digits, words joined by '-'. Accents are folded
// ("Société" -> "societe"); other scripts are kept as they are.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	return b.String()
}

// NodeID is the stable ID of a node of kind k whose canonical key is key:
// "company:kaspersky", "agency:department-of-commerce", "date:2024-09-29".
// The loader chooses the canonical key; two mentions of one real-world
// thing must produce the same key.
func NodeID(k Kind, key string) string {
	return k.IDPrefix() + ":" + Slug(key)
}

// DocumentID is the stable ID of a document: a hash of its text with
// line endings and surrounding space normalised, so re-ingesting the same
// text is a no-op whatever the transport did to it.
func DocumentID(text string) string {
	t := strings.ReplaceAll(text, "\r\n", "\n")
	t = strings.TrimSpace(t)
	sum := sha256.Sum256([]byte(t))
	return "doc:" + hex.EncodeToString(sum[:8])
}

// EdgeID is the stable ID of an edge: a hash of its endpoints, type and
// role, so the same fact from two documents merges into one edge while two
// dates with different meanings for one order stay two edges.
func EdgeID(source string, t RelType, target, role string) string {
	sum := sha256.Sum256([]byte(source + "\x00" + string(t) + "\x00" + target + "\x00" + role))
	return "rel:" + hex.EncodeToString(sum[:8])
}

// AliasKey is the normalised form under which names and aliases are
// looked up: case-folded, possessive "'s" dropped, punctuation removed and
// spaces collapsed. "Kaspersky's" and "KASPERSKY" share a key.
func AliasKey(s string) string {
	s = strings.TrimSpace(s)
	for _, suf := range []string{"'s", "’s", "s'", "s’"} {
		if strings.HasSuffix(strings.ToLower(s), suf) {
			s = s[:len(s)-len(suf)]
			if suf == "s'" || suf == "s’" {
				s += "s"
			}
			break
		}
	}
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		case r == '.' || r == '\'' || r == '’':
			// "U.S." and "US" share a key.
		default:
			space = true
		}
	}
	return b.String()
}
