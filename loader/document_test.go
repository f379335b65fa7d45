package loader

import "testing"

func TestParseDocument(t *testing.T) {
	tests := []struct {
		name                                   string
		text                                   string
		title, source, url, pub, byline, dline string
		kinds                                  []lineKind
	}{
		{
			name:  "date line with photo credit is a caption",
			text:  " date 2024-06-21 The agency said it would act (Kirill KUDRYAVTSEV)\n\nBody text here.",
			pub:   "2024-06-21",
			kinds: []lineKind{lineCaption, lineBody},
		},
		{
			name:  "date line with headline",
			text:  " date 2024-02-08 Watchdog blocks takeover\n\nBody text here.",
			title: "Watchdog blocks takeover", pub: "2024-02-08",
			kinds: []lineKind{lineHeading, lineBody},
		},
		{
			name:  "markdown title, date line, rule, copyright, citation, boilerplate",
			text:  "\n# US bans software\n\nJune 21 2024\n\n---\n\nBody.\n\n© 2024 AFP\n\nCitation: US bans software (2024, June 21) retrieved 26 June 2024 from <https://example.com/a.html>\n\nThis document is subject to copyright.",
			title: "US bans software", source: "AFP", url: "https://example.com/a.html", pub: "2024-06-21",
			kinds: []lineKind{lineHeading, lineMeta, lineMeta, lineBody, lineCopyright, lineCitation, lineCopyright},
		},
		{
			name:  "citation gives the date when nothing else does",
			text:  "Headline here\nBody.\nCitation: Headline here (2023, May 22) retrieved 24 May 2023 from <https://x.org/y>",
			title: "Headline here", url: "https://x.org/y", pub: "2023-05-22",
			kinds: []lineKind{lineHeading, lineBody, lineCitation},
		},
		{
			name:  "byline and dateline",
			text:  "Treasury sanctions network\n\nBy Marta Okafor\n\nWASHINGTON (Reuters) - The Treasury acted.",
			title: "Treasury sanctions network", source: "Reuters", byline: "Marta Okafor", dline: "Washington",
			kinds: []lineKind{lineHeading, lineMeta, lineMeta, lineBody},
		},
		{
			name:  "press release: header, date, contact line, dash dateline",
			text:  "FOR IMMEDIATE RELEASE\nOctober 22, 2025\n\nContact: Treasury Office of Public Affairs\n\nTreasury Targets Oil Producers\n\nWASHINGTON — Today, the Treasury acted.\n\nMedia contact: Office of Public Affairs, (202) 555-0100",
			title: "Treasury Targets Oil Producers", pub: "2025-10-22", dline: "Washington",
			kinds: []lineKind{lineMeta, lineMeta, lineMeta, lineHeading, lineMeta, lineBody, lineMeta},
		},
		{
			name:  "date line led by the place",
			text:  "FOR IMMEDIATE RELEASE\n\nBonn, 7 February 2019\n\nOffice restricts data use\n\nThe office acted.",
			title: "Office restricts data use", pub: "2019-02-07",
			kinds: []lineKind{lineMeta, lineMeta, lineHeading, lineBody},
		},
		{
			name:  "emphasised byline with its date",
			text:  "# Court halts order\n\n*By Tessa Lindqvist | June 24, 2022*\n\nA court acted.",
			title: "Court halts order", pub: "2022-06-24", byline: "Tessa Lindqvist",
			kinds: []lineKind{lineHeading, lineMeta, lineBody},
		},
		{
			name:  "dated dateline without an agency",
			text:  "SEC charges exchange\n\nWashington D.C., June 5, 2023 — The Commission today sued.",
			title: "SEC charges exchange", pub: "2023-06-05", dline: "Washington D.C.",
			kinds: []lineKind{lineHeading, lineMeta, lineBody},
		},
		{
			name:  "a dash later in the first line is no dateline",
			text:  "Headline\n\nThe agency — and its chief — acted on Monday.",
			title: "Headline",
			kinds: []lineKind{lineHeading, lineBody},
		},
		{
			name:  "dateline with two places",
			text:  "Headline\n\nBEIJING/SAN FRANCISCO, May 22 (Reuters) - China acted.",
			title: "Headline", source: "Reuters", dline: "Beijing/San Francisco",
			kinds: []lineKind{lineHeading, lineMeta, lineBody},
		},
		{
			name:  "release header with its date, labelled update line, file photo",
			text:  "For Immediate Release: June 5, 2023\nUpdated: June 6, 2023 10:30 AM ET\n\nFILE PHOTO: The logo of the firm on its headquarters\n\nThe Commission sued the firm.",
			pub:   "2023-06-05",
			kinds: []lineKind{lineMeta, lineMeta, lineCaption, lineBody},
		},
		{
			name:  "labelled date line and a credited caption",
			text:  "Headline\n\nPublished: 7 February 2019\n\nThe logo of the network on a phone in Brasilia / AFP\n\nThe office acted.",
			title: "Headline", pub: "2019-02-07",
			kinds: []lineKind{lineHeading, lineMeta, lineCaption, lineBody},
		},
		{
			name:  "a short headline with a slash is not a caption",
			text:  "Trade talks: US / China\n\nThe talks resumed.",
			title: "Trade talks: US / China",
			kinds: []lineKind{lineHeading, lineBody},
		},
		{
			name:  "a body sentence with a slash is not a caption",
			text:  "Headline\n\nThe EU/US framework was struck down by the court.",
			title: "Headline",
			kinds: []lineKind{lineHeading, lineBody},
		},
		{
			name:  "comment on the photo",
			text:  " date 2024-06-21 Comment on the photo, Eugene Kaspersky, CEO of Kaspersky Lab\n\nText.",
			pub:   "2024-06-21",
			kinds: []lineKind{lineCaption, lineBody},
		},
		{
			name:   "reports names the source",
			text:   "The firm will stop. The move comes amid fears, reports Deutsche Welle.\nMore text.",
			source: "Deutsche Welle",
			kinds:  []lineKind{lineBody, lineBody},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := parseDocument(tc.text)
			got := []string{p.Title, p.Source, p.URL, p.PublishedAt, p.Byline, p.Dateline}
			want := []string{tc.title, tc.source, tc.url, tc.pub, tc.byline, tc.dline}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("field %d = %q, want %q", i, got[i], want[i])
				}
			}
			if len(p.masked) != len(tc.text) {
				t.Fatalf("masked length %d != %d", len(p.masked), len(tc.text))
			}
			var kinds []lineKind
			for _, l := range p.lines {
				if l.start == l.end {
					continue
				}
				kinds = append(kinds, l.kind)
			}
			if len(kinds) != len(tc.kinds) {
				t.Fatalf("line kinds %v, want %v", kinds, tc.kinds)
			}
			for i := range kinds {
				if kinds[i] != tc.kinds[i] {
					t.Errorf("line %d kind %d, want %d", i, kinds[i], tc.kinds[i])
				}
			}
		})
	}
}

func TestMarkdownLinksMaskedKeepOffsets(t *testing.T) {
	text := "It serves 270,000 [corporate clients](#) in 200 countries."
	p := parseDocument(text)
	if len(p.masked) != len(text) {
		t.Fatalf("length changed")
	}
	want := "It serves 270,000  corporate clients     in 200 countries."
	if p.masked != want {
		t.Errorf("masked = %q, want %q", p.masked, want)
	}
}
