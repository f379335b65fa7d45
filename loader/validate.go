package loader

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/kg"
)

// Limits on one document. Every ingest path (the GraphQL mutation, the
// ingest command, front matter and sidecar files) reaches them through
// Loader.Extract, so they hold whichever way a document arrives.
const (
	// MaxTextBytes is the largest document text accepted (5 MiB).
	MaxTextBytes = 5 << 20
	// MaxMetaBytes bounds each metadata field (title, source, url).
	MaxMetaBytes = 4096
	// MaxMentions bounds the mentions one document may add to the graph.
	// News articles give a few hundred; the cap stops a text that repeats
	// a name from growing one node's list without end.
	MaxMentions = 20000
	// MaxEvidence bounds the evidence (relation evidence and facts) one
	// document may add, for the same reason.
	MaxEvidence = 20000
	// EarliestYear is the first year a publication date may name.
	EarliestYear = 1900
)

// ValidateInput checks a document as submitted, before any extraction:
//   - text: valid UTF-8, at most MaxTextBytes, at least one visible
//     character, and no control characters other than tab, line feed,
//     carriage return and form feed, nor the bidi embedding and override
//     characters (U+202A-U+202E) that make text read differently from how
//     it is stored;
//   - title, source, url: valid UTF-8, at most MaxMetaBytes, no control
//     character, bidi embedding, override or isolate, nor line or paragraph
//     separator at all, and, when given, at least one visible character;
//   - url: an absolute http or https URL with a host;
//   - publishedAt: an ISO date (YYYY-MM-DD, YYYY-MM or YYYY) from
//     EarliestYear to a year after now.
//
// Every refusal is a CodeBadUserInput error naming the field and the
// reason, never echoing the input.
func ValidateInput(in kg.DocumentInput, now time.Time) error {
	if err := checkText(in.Text); err != nil {
		return err
	}
	for _, f := range []struct{ name, v string }{{"title", in.Title}, {"source", in.Source}, {"url", in.URL}} {
		if err := checkMeta(f.name, f.v); err != nil {
			return err
		}
	}
	if err := checkURL(in.URL); err != nil {
		return err
	}
	if strings.TrimSpace(in.PublishedAt) != "" {
		if _, err := checkPublished(in.PublishedAt, now); err != nil {
			return err
		}
	}
	return nil
}

func checkText(s string) error {
	if len(s) > MaxTextBytes {
		return kg.Errorf(kg.CodeBadUserInput, "text is too large: %d bytes, the limit is %d", len(s), MaxTextBytes)
	}
	if !utf8.ValidString(s) {
		return kg.Errorf(kg.CodeBadUserInput, "text is not valid UTF-8")
	}
	if strings.TrimSpace(s) == "" {
		return kg.Errorf(kg.CodeBadUserInput, "text is empty")
	}
	visible := false
	for i := 0; i < len(s); {
		// ASCII bytes are judged without decoding: a control character
		// is below space or DEL, and every other byte but space is visible.
		if c := s[i]; c < utf8.RuneSelf {
			switch {
			case c == '\t' || c == '\n' || c == '\r' || c == '\f':
			case c < 0x20 || c == 0x7f:
				return kg.Errorf(kg.CodeBadUserInput, "text contains the control character %U at byte %d; only tab, line feed, carriage return and form feed are allowed", rune(c), i)
			case c != ' ':
				visible = true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case isControl(r) || isBidiOverride(r):
			return kg.Errorf(kg.CodeBadUserInput, "text contains the control character %U at byte %d; only tab, line feed, carriage return and form feed are allowed", r, i)
		case !visible && isVisible(r):
			visible = true
		}
		i += n
	}
	if !visible {
		return kg.Errorf(kg.CodeBadUserInput, "text has no visible characters")
	}
	return nil
}

// checkMeta applies the metadata rules to one field; empty (or only
// spaces, which the loader treats as not given) is allowed.
func checkMeta(name, v string) error {
	if strings.TrimSpace(v) == "" && utf8.ValidString(v) && len(v) <= MaxMetaBytes {
		return nil
	}
	if !utf8.ValidString(v) {
		return kg.Errorf(kg.CodeBadUserInput, "%s is not valid UTF-8", name)
	}
	if len(v) > MaxMetaBytes {
		return kg.Errorf(kg.CodeBadUserInput, "%s is too long: %d bytes, the limit is %d", name, len(v), MaxMetaBytes)
	}
	visible := false
	for i, r := range v {
		if isControl(r) || isBidiOverride(r) || isBidiIsolate(r) || r == '\u2028' || r == '\u2029' {
			return kg.Errorf(kg.CodeBadUserInput, "%s contains the control character %U at byte %d", name, r, i)
		}
		visible = visible || isVisible(r)
	}
	if !visible {
		return kg.Errorf(kg.CodeBadUserInput, "%s has no visible characters", name)
	}
	return nil
}

// checkURL accepts an empty URL or an absolute http(s) URL with a host: a
// javascript: or data: URL would run or show content in a browser that
// renders the document's link.
func checkURL(v string) error {
	if v = strings.TrimSpace(v); v == "" {
		return nil
	}
	u, err := url.Parse(v)
	if err != nil || (!strings.EqualFold(u.Scheme, "http") && !strings.EqualFold(u.Scheme, "https")) {
		return kg.Errorf(kg.CodeBadUserInput, "url must be an http or https URL")
	}
	if u.Host == "" || strings.ContainsAny(v, " \t") {
		return kg.Errorf(kg.CodeBadUserInput, "url must be an absolute http or https URL with a host and no spaces")
	}
	return nil
}

// checkPublished parses a publication date and keeps it between
// EarliestYear and a year after now; it returns the normalised ISO date.
func checkPublished(v string, now time.Time) (string, error) {
	iso, _, err := kg.ParseISODate(v)
	if err != nil {
		return "", kg.Errorf(kg.CodeBadUserInput, "publishedAt is not a date: want YYYY-MM-DD, YYYY-MM or YYYY")
	}
	latest := now.UTC().AddDate(1, 0, 0).Format("2006-01-02")
	if kg.RangeEnd(iso) < fmt.Sprintf("%04d-01-01", EarliestYear) || kg.RangeStart(iso) > latest {
		return "", kg.Errorf(kg.CodeBadUserInput, "publishedAt %s is out of range: want a date from %d to %s", iso, EarliestYear, latest)
	}
	return iso, nil
}

// isControl reports C0 and C1 control characters and DEL.
func isControl(r rune) bool { return r < 0x20 || (r >= 0x7f && r <= 0x9f) }

// isBidiOverride reports the embedding and override characters
// (LRE, RLE, PDF, LRO, RLO), which reorder the text that follows them.
// The isolates and marks that right-to-left text legitimately uses are
// allowed in the text body.
func isBidiOverride(r rune) bool { return r >= '\u202a' && r <= '\u202e' }

// isBidiIsolate reports the isolate characters (LRI, RLI, FSI, PDI), which
// reorder a run of text like the overrides do; metadata is one short line
// that never needs them.
func isBidiIsolate(r rune) bool { return r >= '\u2066' && r <= '\u2069' }

// isVisible reports whether r draws something: a letter, mark, number,
// punctuation or symbol, but not a space, a format character (zero-width
// space, joiners, BOM) or one of the letters that render blank (Hangul
// fillers, the blank braille pattern).
func isVisible(r rune) bool {
	switch r {
	case '\u115f', '\u1160', '\u3164', '\uffa0', '\u2800':
		return false
	}
	return unicode.IsGraphic(r) && !unicode.IsSpace(r)
}

// checkCaps refuses an extraction that adds more mentions or evidence than
// one document may.
func checkCaps(x *kg.Extraction) error {
	mentions, evidence := 0, 0
	for i := range x.Nodes {
		mentions += len(x.Nodes[i].Mentions)
		evidence += len(x.Nodes[i].Facts)
	}
	for i := range x.Edges {
		evidence += len(x.Edges[i].Evidence)
	}
	if mentions > MaxMentions {
		return kg.Errorf(kg.CodeBadUserInput, "document names too many things: %d mentions, the limit is %d per document; split it into smaller documents", mentions, MaxMentions)
	}
	if evidence > MaxEvidence {
		return kg.Errorf(kg.CodeBadUserInput, "document states too many facts: %d pieces of evidence, the limit is %d per document; split it into smaller documents", evidence, MaxEvidence)
	}
	return nil
}

// cleanInferred keeps metadata inferred from the text only when it would
// pass as given metadata: a heading with a bidi mark or a citation naming a
// javascript: URL is dropped, not stored.
func cleanInferred(name, v string) string {
	if checkMeta(name, v) != nil {
		return ""
	}
	if name == "url" && checkURL(v) != nil {
		return ""
	}
	return v
}
