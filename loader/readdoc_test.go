package loader

import (
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

func TestReadDocument(t *testing.T) {
	tests := []struct {
		name      string
		data      string
		meta      string
		want      kg.DocumentInput
		wantError bool
	}{
		{name: "plain", data: "Body text.", want: kg.DocumentInput{Text: "Body text."}},
		{name: "front matter", data: "---\ntitle: A title\nsource: AFP\nurl: https://x.org\ndate: 2024-06-21\n---\nBody.",
			want: kg.DocumentInput{Text: "Body.", Title: "A title", Source: "AFP", URL: "https://x.org", PublishedAt: "2024-06-21"}},
		{name: "sidecar wins", data: "---\ntitle: A\npublishedAt: 2024-06-21\n---\nBody.", meta: `{"title":"B","publishedAt":"2024-06"}`,
			want: kg.DocumentInput{Text: "Body.", Title: "B", PublishedAt: "2024-06"}},
		{name: "a rule later is not front matter", data: "Title\n\n---\n\nBody.", want: kg.DocumentInput{Text: "Title\n\n---\n\nBody."}},
		{name: "bad date", data: "---\ndate: yesterday\n---\nBody.", wantError: true},
		{name: "bad sidecar", data: "Body.", meta: "{", wantError: true},
		{name: "empty", data: "---\ntitle: x\n---\n  ", wantError: true},
		{name: "invalid utf-8", data: "\xff\xfe", wantError: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var meta []byte
			if tc.meta != "" {
				meta = []byte(tc.meta)
			}
			got, err := ReadDocument("f.txt", []byte(tc.data), meta)
			if tc.wantError {
				if kg.ErrorCode(err) != kg.CodeBadUserInput {
					t.Fatalf("want BAD_USER_INPUT, got %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}
