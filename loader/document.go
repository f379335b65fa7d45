package loader

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// lineKind says what a line of a document is, so that boilerplate is never
// mined for news facts.
type lineKind int

const (
	lineBody      lineKind = iota // ordinary news text
	lineHeading                   // a title or sub-heading (no terminal punctuation)
	lineCaption                   // a photo caption: may name people, states no facts
	lineCitation                  // "Citation: ... retrieved ... from <url>"
	lineCopyright                 // "© 2024 AFP", "This document is subject to copyright"
	lineMeta                      // date lines, rules, bylines
)

// minable reports whether facts and relations may be taken from the line.
func (k lineKind) minable() bool { return k == lineBody || k == lineHeading }

// region is one non-empty line: byte offsets of its trimmed content.
type region struct {
	start, end int
	kind       lineKind
}

// parsedDoc is a document after stage 1: inferred metadata, the text with
// markup masked by spaces (same byte length, so offsets are shared with the
// original) and its classified lines.
type parsedDoc struct {
	Title, Source, URL, PublishedAt, Byline, Dateline string
	masked                                            string
	lines                                             []region
}

var (
	reMDLink     = regexp.MustCompile(`\[([^\]\n]{1,300})\]\(([^)\s]{0,500})\)`)
	reDatePrefix = regexp.MustCompile(`^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*`)
	reMDHeading  = regexp.MustCompile(`^#{1,6}\s+(.+?)\s*#*$`)
	reDateOnly   = regexp.MustCompile(`^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:([A-Z][a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})|(\d{1,2})\s+([A-Z][a-z]+)\.?,?\s+(\d{4})|(\d{4}-\d{2}-\d{2}))$`)
	reRule       = regexp.MustCompile(`^(?:-{3,}|\*{3,}|_{3,}|={3,})$`)
	reByline     = regexp.MustCompile(`^(?i:by)\s+([A-Z][\p{L}.'’-]+(?:\s+[A-Z][\p{L}.'’-]+){0,3}(?:\s+and\s+[A-Z][\p{L}.'’-]+(?:\s+[A-Z][\p{L}.'’-]+){0,3})?)\s*(?:[,|/(].*)?$`)
	reDateline   = regexp.MustCompile(`^([A-Z][A-Z.'’ /-]{2,30}?)(?:,\s*[^()\n]{0,30}?)?\s*\(([A-Za-z][A-Za-z .]{1,20})\)\s*[-–—]+\s*`)
	reCopyright  = regexp.MustCompile(`^(?:©|\(c\)|Copyright\b)\s*(?:\d{4}\s*)?(.*)$`)
	reBoiler     = regexp.MustCompile(`(?i)subject to copyright|all rights reserved|no part may be reproduced|provided for information purposes only|without (?:the )?written permission`)
	reCitation   = regexp.MustCompile(`^Citation:\s*(.+?)\s*\((\d{4}),\s*([A-Z][a-z]+)\s+(\d{1,2})\)\s*retrieved\b.*?\bfrom\s*<?(\S+?)>?\s*$`)
	reCaptionLd  = regexp.MustCompile(`^(?i:comment on the photo|photo|picture|image|caption)\b\s*[,:.-]?\s*`)
	rePhotog     = regexp.MustCompile(`\(\s*(?:Photo:\s*)?([\p{Lu}][\p{Ll}'’-]+(?:\s+[\p{Lu}][\p{Ll}'’-]+)*\s+[\p{Lu}][\p{Lu}'’-]+(?:/[A-Z]+)?)\s*\)\s*$`)
	reReports    = regexp.MustCompile(`,?\s+(?:reports|according to)\s+([A-Z][\p{L}]*(?:\s+[A-Z][\p{L}]*){0,3})\.\s*$`)
)

// parseDocument recognises the metadata and the boilerplate a news text
// carries. It never fails: whatever it does not recognise is body text.
func parseDocument(text string) *parsedDoc {
	masked := []byte(text)
	for _, m := range findSubIf(reMDLink, text, strings.Contains(text, "](")) {
		maskBytes(masked, m[0], m[2]) // "["
		maskBytes(masked, m[3], m[1]) // "](url)"
	}
	p := &parsedDoc{}
	seenBody := false
	first := true
	pos := 0
	for pos <= len(text) {
		nl := strings.IndexByte(text[pos:], '\n')
		end := len(text)
		if nl >= 0 {
			end = pos + nl
		}
		ls, le := trimSpan(masked, pos, end)
		if ls < le {
			p.classifyLine(masked, ls, le, first, &seenBody)
			first = false
		}
		if nl < 0 {
			break
		}
		pos = end + 1
	}
	p.masked = string(masked)
	return p
}

func (p *parsedDoc) classifyLine(masked []byte, ls, le int, first bool, seenBody *bool) {
	line := string(masked[ls:le])
	kind := lineBody
	plain := plainLine(line)
	if plain == "" {
		plain = line
	}
	if first {
		if m := reDatePrefix.FindStringSubmatchIndex(line); m != nil {
			if p.PublishedAt == "" && validISODay(line[m[2]:m[3]]) {
				p.PublishedAt = line[m[2]:m[3]]
			}
			maskBytes(masked, ls, ls+m[1])
			ls += m[1]
			line = line[m[1]:]
			if ls >= le {
				p.lines = append(p.lines, region{ls, le, lineMeta})
				return
			}
			// The rest of a date line is a caption or a headline.
			if isCaption(line) {
				p.lines = append(p.lines, region{ls, le, lineCaption})
				return
			}
		}
	}
	switch {
	case (line[0] == '-' || line[0] == '*' || line[0] == '_' || line[0] == '=') && reRule.MatchString(line):
		kind = lineMeta
	case strings.HasPrefix(line, "Citation:") && reCitation.MatchString(line):
		m := reCitation.FindStringSubmatch(line)
		if p.Title == "" {
			p.Title = m[1]
		}
		if p.URL == "" {
			p.URL = m[5]
		}
		if p.PublishedAt == "" {
			p.PublishedAt = isoFromParts(m[2], m[3], m[4])
		}
		kind = lineCitation
	case strings.HasPrefix(line, "Citation:"):
		kind = lineCitation
	case (strings.HasPrefix(line, "©") || strings.HasPrefix(line, "(c)") || strings.HasPrefix(line, "Copyright")) && reCopyright.MatchString(line):
		m := reCopyright.FindStringSubmatch(line)
		src := strings.TrimSpace(reBoiler.ReplaceAllString(m[1], ""))
		src = strings.Trim(src, " .,;")
		if p.Source == "" && src != "" && utf8.RuneCountInString(src) <= 40 {
			p.Source = src
		}
		kind = lineCopyright
	case containsLower(line, "copyright") || strings.Contains(line, "reserved") || strings.Contains(line, "reproduced") || strings.Contains(line, "permission") || strings.Contains(line, "information purposes"):
		kind = lineCopyright
	case isCaption(line):
		kind = lineCaption
	case isCreditedCaption(line):
		kind = lineCaption
	case reReleaseHeader.MatchString(line) || reContactLine.MatchString(line):
		// Press-release furniture: "FOR IMMEDIATE RELEASE", "Media
		// contact: Office of Public Affairs". Never a headline or a fact.
		if p.PublishedAt == "" && !*seenBody {
			p.PublishedAt = releaseDate(line)
		}
		kind = lineMeta
	case line[0] == '#' && reMDHeading.MatchString(line):
		if p.Title == "" {
			p.Title = reMDHeading.FindStringSubmatch(line)[1]
		}
		kind = lineHeading
	case !*seenBody && len(plain) < 48 && reDateOnly.MatchString(plain):
		if p.PublishedAt == "" {
			p.PublishedAt = isoFromDateLine(reDateOnly.FindStringSubmatch(plain))
		}
		kind = lineMeta
	case !*seenBody && len(plain) < 64 && reDateLabel.MatchString(plain):
		// "Published: June 5, 2023", "June 5, 2023, 10:30 a.m. EDT".
		if p.PublishedAt == "" {
			p.PublishedAt = isoOfDate(reDateLabel.FindStringSubmatch(plain)[1])
		}
		kind = lineMeta
	case !*seenBody && len(plain) < 64 && rePlaceDate.MatchString(plain):
		// "Bonn, 7 February 2019".
		if p.PublishedAt == "" {
			p.PublishedAt = isoOfDate(rePlaceDate.FindStringSubmatch(plain)[1])
		}
		kind = lineMeta
	case !*seenBody && (strings.HasPrefix(plain, "By ") || strings.HasPrefix(plain, "by ")) && reByline.MatchString(plain) && len(strings.Fields(plain)) <= 10:
		if p.Byline == "" {
			p.Byline = reByline.FindStringSubmatch(plain)[1]
		}
		// "By Jane Roe | June 24, 2022": the byline's date.
		if p.PublishedAt == "" {
			p.PublishedAt = bylineDate(plain)
		}
		kind = lineMeta
	case !hasTerminalPunct(line) && len(strings.Fields(line)) <= 20:
		if p.Title == "" && !*seenBody {
			p.Title = line
		}
		kind = lineHeading
	default:
		if m := reDateline.FindStringSubmatchIndex(line); !*seenBody && strings.Contains(line, "(") && m != nil {
			if p.Dateline == "" {
				p.Dateline = titleCase(strings.TrimSpace(line[m[2]:m[3]]))
			}
			if p.Source == "" {
				p.Source = strings.TrimSpace(line[m[4]:m[5]])
			}
			p.lines = append(p.lines, region{ls, ls + m[1], lineMeta})
			ls += m[1]
		} else if !*seenBody {
			// "WASHINGTON — Today, ...", "Washington D.C., June 5, 2023 —
			// The SEC ...": a dateline with no agency is metadata too, so
			// the place is never glued to the first name of the story.
			if end, place, iso := datelineNoAgency(line); end > 0 {
				if place = strings.TrimSpace(place); p.Dateline == "" && place == strings.ToUpper(place) {
					p.Dateline = titleCase(place)
				} else if p.Dateline == "" {
					p.Dateline = place
				}
				if p.PublishedAt == "" {
					p.PublishedAt = iso
				}
				p.lines = append(p.lines, region{ls, ls + end, lineMeta})
				ls += end
			}
		}
		if !*seenBody && (strings.Contains(line, "reports") || strings.Contains(line, "according to")) {
			if m := reReports.FindStringSubmatch(line); m != nil && p.Source == "" {
				p.Source = m[1]
			}
		}
		*seenBody = true
	}
	p.lines = append(p.lines, region{ls, le, kind})
}

// isCaption recognises photo captions: a leading "Comment on the photo" or
// "Photo:", or a trailing photographer credit "(Firstname LASTNAME)".
func isCaption(line string) bool {
	if strings.HasSuffix(line, ")") && rePhotog.MatchString(line) {
		return true
	}
	return len(line) > 4 && strings.ContainsAny(line[:1], "CcPpIi") && reCaptionLd.MatchString(line) && !strings.HasPrefix(strings.ToLower(line), "photos of")
}

func hasTerminalPunct(line string) bool {
	line = strings.TrimRight(line, " \"'”’)]*")
	if line == "" {
		return false
	}
	switch line[len(line)-1] {
	case '.', '!', '?', ':', ';', ',':
		return true
	}
	return strings.HasSuffix(line, "…")
}

func maskBytes(b []byte, from, to int) {
	for i := from; i < to && i < len(b); i++ {
		b[i] = ' '
	}
}

func trimSpan(b []byte, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRune(b[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRune(b[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

func validISODay(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// isoFromParts builds an ISO day from a year, an English month name and a
// day, or returns "" when they do not make a real date.
func isoFromParts(year, month, day string) string {
	m, ok := monthIndex(month)
	if !ok {
		return ""
	}
	s := year + "-" + pad2(m) + "-" + pad2s(day)
	if !validISODay(s) {
		return ""
	}
	return s
}

func isoFromDateLine(m []string) string {
	switch {
	case m[1] != "":
		return isoFromParts(m[3], m[1], m[2])
	case m[5] != "":
		return isoFromParts(m[6], m[5], m[4])
	case validISODay(m[7]):
		return m[7]
	}
	return ""
}

// titleCase writes an all-capitals place as a name: a capital after a
// space, slash or hyphen ("BEIJING/SAN FRANCISCO" -> "Beijing/San Francisco").
func titleCase(s string) string {
	var b strings.Builder
	prev := ' '
	for _, r := range strings.Join(strings.Fields(s), " ") {
		if prev == ' ' || prev == '/' || prev == '-' {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		prev = r
	}
	return b.String()
}

// containsLower is strings.Contains(strings.ToLower(s), sub) for a
// lower-case ASCII sub. An ASCII line is searched in place, without a
// lower-cased copy of every line; other lines lower-case as before, since
// some non-ASCII letters lower-case to ASCII ones.
func containsLower(s, sub string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return strings.Contains(strings.ToLower(s), sub)
		}
	}
	if sub == "" {
		return true
	}
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && lowerASCII(s[i+j]) == sub[j] {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

// lowerASCII lower-cases an ASCII letter.
func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
