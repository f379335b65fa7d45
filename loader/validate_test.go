package loader

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/kg"
)

var validateNow = time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)

func TestValidateInput(t *testing.T) {
	ok := "The agency fined the firm on Monday."
	tests := []struct {
		name string
		in   kg.DocumentInput
		want string // substring of the message; "" means accepted
	}{
		{"plain", kg.DocumentInput{Text: ok}, ""},
		{"full metadata", kg.DocumentInput{Text: ok, Title: "Fine", Source: "AFP", URL: "https://example.org/a?b=1#c", PublishedAt: "2024-06-21"}, ""},
		{"http url", kg.DocumentInput{Text: ok, URL: "HTTP://example.org"}, ""},
		{"tabs and CRLF in text", kg.DocumentInput{Text: "Line one.\r\n\tLine two.\fPage two."}, ""},
		{"right-to-left text with marks and isolates", kg.DocumentInput{Text: "قالت الوزارة \u200f\u2067يوم الاثنين\u2069.", Title: "عنوان \u200f"}, ""},
		{"emoji with joiner in title", kg.DocumentInput{Text: ok, Title: "Team 👩\u200d💻"}, ""},
		{"accented title", kg.DocumentInput{Text: ok, Title: "Zürich café e\u0301"}, ""},
		{"year 1900", kg.DocumentInput{Text: ok, PublishedAt: "1900"}, ""},
		{"next year", kg.DocumentInput{Text: ok, PublishedAt: "2027-12"}, ""},
		{"blank metadata is not given", kg.DocumentInput{Text: ok, Title: "  ", Source: "\t", URL: " "}, ""},
		{"url with spaces around", kg.DocumentInput{Text: ok, URL: " https://example.org/a "}, ""},

		{"empty text", kg.DocumentInput{Text: ""}, "text is empty"},
		{"whitespace text", kg.DocumentInput{Text: " \n\t\u00a0\u3000"}, "text is empty"},
		{"zero-width text", kg.DocumentInput{Text: "\u200b\u200c\u200d\u2060\ufeff"}, "no visible characters"},
		{"hangul filler text", kg.DocumentInput{Text: "\u3164 \u3164\u2800"}, "no visible characters"},
		{"invalid utf-8", kg.DocumentInput{Text: "abc\xff"}, "UTF-8"},
		{"too large", kg.DocumentInput{Text: strings.Repeat("a", MaxTextBytes+1)}, "too large"},
		{"NUL in text", kg.DocumentInput{Text: "a\x00b"}, "U+0000"},
		{"ANSI escape in text", kg.DocumentInput{Text: "a \x1b[31mred\x1b[0m b"}, "U+001B"},
		{"C1 in text", kg.DocumentInput{Text: "a \u009b31m b"}, "U+009B"},
		{"DEL in text", kg.DocumentInput{Text: "a\x7fb"}, "U+007F"},
		{"override in text", kg.DocumentInput{Text: "pay \u202eylno\u202c now"}, "U+202E"},

		{"ANSI escape in title", kg.DocumentInput{Text: ok, Title: "\x1b[2J\x1b[HCleared"}, "title contains the control character U+001B"},
		{"newline in title", kg.DocumentInput{Text: ok, Title: "a\nforged log line"}, "title contains"},
		{"tab in source", kg.DocumentInput{Text: ok, Source: "A\tB"}, "source contains"},
		{"C1 in source", kg.DocumentInput{Text: ok, Source: "AFP\u0085"}, "source contains"},
		{"right-to-left override in title", kg.DocumentInput{Text: ok, Title: "invoice\u202efdp.exe"}, "U+202E"},
		{"isolate in title", kg.DocumentInput{Text: ok, Title: "a\u2066b"}, "U+2066"},
		{"line separator in title", kg.DocumentInput{Text: ok, Title: "a\u2028b"}, "U+2028"},
		{"invisible title", kg.DocumentInput{Text: ok, Title: "\u200b\u200b"}, "title has no visible characters"},
		{"title too long", kg.DocumentInput{Text: ok, Title: strings.Repeat("t", MaxMetaBytes+1)}, "title is too long"},
		{"invalid utf-8 source", kg.DocumentInput{Text: ok, Source: "\xff"}, "source is not valid UTF-8"},

		{"javascript url", kg.DocumentInput{Text: ok, URL: "javascript:alert(1)"}, "http or https"},
		{"data url", kg.DocumentInput{Text: ok, URL: "data:text/html,<script>alert(1)</script>"}, "http or https"},
		{"relative url", kg.DocumentInput{Text: ok, URL: "/a/b"}, "http or https"},
		{"ftp url", kg.DocumentInput{Text: ok, URL: "ftp://example.org/a"}, "http or https"},
		{"url without host", kg.DocumentInput{Text: ok, URL: "https:///path"}, "host"},
		{"url with a space", kg.DocumentInput{Text: ok, URL: "https://example.org/a b"}, "no spaces"},
		{"url with control", kg.DocumentInput{Text: ok, URL: "https://example.org/\x1b"}, "url contains"},

		{"year 0000", kg.DocumentInput{Text: ok, PublishedAt: "0000"}, "out of range"},
		{"year 1899", kg.DocumentInput{Text: ok, PublishedAt: "1899-12-31"}, "out of range"},
		{"far future", kg.DocumentInput{Text: ok, PublishedAt: "9999-01-01"}, "out of range"},
		{"beyond a year ahead", kg.DocumentInput{Text: ok, PublishedAt: "2028-01"}, "out of range"},
		{"impossible day", kg.DocumentInput{Text: ok, PublishedAt: "2023-02-29"}, "not a date"},
		{"words", kg.DocumentInput{Text: ok, PublishedAt: "yesterday"}, "not a date"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateInput(tc.in, validateNow)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if kg.ErrorCode(err) != kg.CodeBadUserInput {
				t.Fatalf("want BAD_USER_INPUT, got %v", err)
			}
			if msg := kg.ErrorMessage(err); !strings.Contains(msg, tc.want) || len(msg) > 200 {
				t.Errorf("message %q: want a short one containing %q", msg, tc.want)
			}
		})
	}
}

// TestValidationMessagesDoNotEchoInput: a refused field is named, its
// content is not repeated back.
func TestValidationMessagesDoNotEchoInput(t *testing.T) {
	secret := "zq-secret-marker"
	for _, in := range []kg.DocumentInput{
		{Text: "ok.", Title: secret + "\x1b"},
		{Text: "ok.", URL: "javascript:" + secret},
		{Text: secret + "\x00"},
		{Text: "ok.", PublishedAt: secret},
	} {
		err := ValidateInput(in, validateNow)
		if err == nil || strings.Contains(kg.ErrorMessage(err), secret) {
			t.Errorf("%+v: %v", in, err)
		}
	}
}

func TestExtractRefusesOverCaps(t *testing.T) {
	l := New(nil)
	// Each sentence names three companies: far more mentions than a
	// news article has.
	text := strings.Repeat("Apple Inc. and Google LLC and Meta Platforms Inc. sued the Federal Trade Commission. ", MaxMentions/3+10)
	_, err := l.Extract(context.Background(), kg.DocumentInput{Text: text})
	if kg.ErrorCode(err) != kg.CodeBadUserInput || !strings.Contains(kg.ErrorMessage(err), "limit") {
		t.Fatalf("want a BAD_USER_INPUT over the caps, got %v", err)
	}
}

func TestInferredMetadataIsCleaned(t *testing.T) {
	l := New(nil)
	l.now = func() time.Time { return validateNow }
	text := "Citation: A fine story (2024, June 21) retrieved 22 June 2024 from <javascript:alert(1)>\n\nThe agency fined the firm."
	x, err := l.Extract(context.Background(), kg.DocumentInput{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	if x.Document.URL != "" || x.Document.Title != "A fine story" || x.Document.PublishedAt != "2024-06-21" {
		t.Errorf("inferred: url %q title %q date %q", x.Document.URL, x.Document.Title, x.Document.PublishedAt)
	}
	x, err = l.Extract(context.Background(), kg.DocumentInput{Text: "Headline with \u2066isolate\u2069\n\nJune 21, 1850\n\nThe agency fined the firm."})
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsRune(x.Document.Title, '\u2066') || x.Document.PublishedAt == "1850-06-21" {
		t.Errorf("inferred: title %q date %q", x.Document.Title, x.Document.PublishedAt)
	}
}
