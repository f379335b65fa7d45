package loader

import (
	"strings"
	"testing"
)

func sentenceTexts(text string) []string {
	p := parseDocument(text)
	var out []string
	for _, s := range splitSentences(p.masked, p.lines) {
		out = append(out, text[s.start:s.end])
	}
	return out
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"abbreviations", "The U.S. Commerce Dept. acted on Jan. 5. Kaspersky Inc. said no.",
			[]string{"The U.S. Commerce Dept. acted on Jan. 5.", "Kaspersky Inc. said no."}},
		{"quote spanning sentences", `"We act. We will not wait," she said. Then it ended.`,
			[]string{`"We act. We will not wait," she said.`, "Then it ended."}},
		{"curly quotes", "“Russia has shown it. It will act,” Raimondo told reporters. Next.",
			[]string{"“Russia has shown it. It will act,” Raimondo told reporters.", "Next."}},
		{"headings without full stop", "Ban details\nThe ban starts July 20.\nCompany response\nIt denied it.",
			[]string{"Ban details", "The ban starts July 20.", "Company response", "It denied it."}},
		{"layout-broken paragraph joins", "The US banned the firm in the country\n\non security grounds, it said.",
			[]string{"The US banned the firm in the country\n\non security grounds, it said."}},
		{"initials", "J. Smith arrived. He left.", []string{"J. Smith arrived.", "He left."}},
		{"question and exclamation", "Is it over? Yes! Done.", []string{"Is it over?", "Yes!", "Done."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := sentenceTexts(tc.text)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestSentencesKeepOriginalOffsetsAroundLinks(t *testing.T) {
	text := "As well as banning the sale of Kaspersky's [antivirus software](#), it acted. Next one."
	got := sentenceTexts(text)
	if len(got) != 2 || got[0] != "As well as banning the sale of Kaspersky's [antivirus software](#), it acted." {
		t.Errorf("got %q", got)
	}
}

func TestLongSentencesAreCut(t *testing.T) {
	text := strings.Repeat("word ", 2000) // 10 kB, no sentence end
	p := parseDocument(text)
	ss := splitSentences(p.masked, p.lines)
	if len(ss) < 5 {
		t.Fatalf("want the text cut into bounded sentences, got %d", len(ss))
	}
	for _, s := range ss {
		if s.end-s.start > maxSentenceBytes {
			t.Fatalf("sentence of %d bytes", s.end-s.start)
		}
		if text[s.start:s.end] != strings.TrimSpace(text[s.start:s.end]) || strings.HasPrefix(text[s.start:s.end], "ord") {
			t.Fatalf("cut inside a word: %q", text[s.start:min(s.end, s.start+10)])
		}
	}
}
