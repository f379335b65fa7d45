package loader

import (
	"regexp"
	"strings"
)

// This file recognises the metadata lines of press releases and wire
// stories that the line classifier in document.go reads as metadata:
// release headers, contact lines, date lines led by a place, bylines that
// carry the date, and datelines without a news agency ("WASHINGTON —",
// "Washington D.C., June 5, 2023 —").

// dateBody is a full date as a date line writes it: an optional weekday,
// then "June 5, 2023", "7 February 2019" or "2023-06-05".
const dateBody = `(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]+\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2})`

// placeRe is a place as a dateline writes it: one to four capitalised
// words ("Bonn", "Washington D.C.", "NEW YORK"), then up to two
// comma-separated qualifiers ("Ore.", "Bahamas").
const placeRe = `[A-Z][\p{L}.'’-]+(?:\s+[A-Z][\p{L}.'’-]*){0,3}(?:,\s*[A-Z][\p{L}.'’]*(?:\s+[A-Z][\p{L}.'’]*){0,2}){0,2}`

var (
	// "FOR IMMEDIATE RELEASE", "NEWS RELEASE", "Embargoed until ...",
	// maybe with the release's date ("For Immediate Release: June 5, 2023").
	reReleaseHeader = regexp.MustCompile(`^(?i:for\s+immediate\s+release|(?:news|press)\s+release|media\s+advisory|embargoed\b.*)(?:\s*[:,|–—-]?\s*(` + dateBody + `))?$`)
	// "Published: June 5, 2023", "Updated June 5, 2023 10:30 AM ET",
	// "June 5, 2023, 10:30 a.m. EDT": a date line with a label or a time.
	reDateLabel = regexp.MustCompile(`^(?:(?i:published|posted|updated|released|issued|dated|date)(?:\s+on)?\s*:?\s*)?(` + dateBody + `)(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?i:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?$`)
	// A photo caption that opens with "FILE PHOTO:" or ends with a credit
	// ("... in Brasilia / AFP").
	reFilePhoto   = regexp.MustCompile(`^(?i:file\s+photo)\s*:`)
	reCreditSlash = regexp.MustCompile(`\s/\s+[A-Z][\p{L}.-]*(?:\s+[A-Z][\p{L}.-]*){0,2}$`)
	// "Contact: Office of Public Affairs", "Media contact: ...".
	reContactLine = regexp.MustCompile(`^(?i:(?:media|press|news|for\s+media)\s+)?(?i:contacts?|inquiries|enquiries)\s*:`)
	// "Bonn, 7 February 2019": a date line led by the place.
	rePlaceDate = regexp.MustCompile(`^` + placeRe + `,\s+(` + dateBody + `)$`)
	// "Washington D.C., June 5, 2023 — The Securities ...": a dateline
	// with the full date and no news agency.
	reDatelineDated = regexp.MustCompile(`^(` + placeRe + `),\s+(` + dateBody + `)\s*(?:—|–|--|-)\s*`)
	// "WASHINGTON — Today, ...": a capitalised place and a dash.
	reDatelineDash = regexp.MustCompile(`^([A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})(?:,\s*[A-Z][\p{L}.'’]*(?:\s+[A-Z][\p{L}.'’]*){0,2})?\s*(?:—|–|--)\s*`)
	// A full date anywhere in a byline ("By Jane Roe | June 24, 2022").
	reDateIn = regexp.MustCompile(dateBody)
)

// releaseDate is the date a press-release header carries, or "".
func releaseDate(line string) string {
	if m := reReleaseHeader.FindStringSubmatch(line); m != nil && m[1] != "" {
		return isoOfDate(m[1])
	}
	return ""
}

// isCreditedCaption recognises the caption forms isCaption does not: a
// "FILE PHOTO:" lead, or a descriptive line (six words or more) without
// a full stop that ends with a credit after a spaced slash ("... in
// Brasilia / AFP"). A headline such as "US / China" is too short.
func isCreditedCaption(line string) bool {
	if reFilePhoto.MatchString(line) {
		return true
	}
	return strings.Contains(line, " / ") && !strings.HasSuffix(line, ".") && len(strings.Fields(line)) >= 6 && reCreditSlash.MatchString(line)
}

// plainLine is a line without the markdown emphasis around it
// ("*By Jane Roe | June 24, 2022*").
func plainLine(line string) string {
	return strings.TrimSpace(strings.Trim(line, "*_"))
}

// isoOfDate is the ISO day of a full date as dateBody matches it, or "".
func isoOfDate(s string) string {
	s = strings.TrimSpace(s)
	if m := reDateOnly.FindStringSubmatch(s); m != nil {
		return isoFromDateLine(m)
	}
	return ""
}

// bylineDate is the date a byline carries after its names, or "".
func bylineDate(line string) string {
	if d := reDateIn.FindString(line); d != "" {
		return isoOfDate(d)
	}
	return ""
}

// datelineNoAgency matches the start of a first body line against the
// datelines that name no news agency. It returns the end of the dateline,
// the place and the ISO date it carries ("" when yearless or absent), or
// end 0 when the line has none.
func datelineNoAgency(line string) (end int, place, iso string) {
	if m := reDatelineDated.FindStringSubmatchIndex(line); m != nil {
		place, _, _ = strings.Cut(line[m[2]:m[3]], ",")
		return m[1], place, isoOfDate(line[m[4]:m[5]])
	}
	if m := reDatelineDash.FindStringSubmatchIndex(line); m != nil && m[1] < len(line) && len(strings.TrimSpace(line[m[2]:m[3]])) >= 3 {
		return m[1], line[m[2]:m[3]], ""
	}
	return 0, "", ""
}
