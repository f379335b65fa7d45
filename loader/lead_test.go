package loader

import (
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

func TestLeadTitle(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"headline wins", "# Agency bans app\n\nThe agency banned the app on Monday. It said more.", "Agency bans app"},
		{"caption after the date marker is skipped",
			" date 2024-06-21 Comment on the photo, Jane Doe, CEO of Acme Corp\n\nThe regulator fined Acme Corp on Thursday. Acme said it would appeal.",
			"The regulator fined Acme Corp on Thursday."},
		{"markdown links read as text", "Regulators barred the [antivirus software](#) from sale. More follows.", "Regulators barred the antivirus software from sale."},
		{"long leads are cut at a word",
			"The ministry said on Tuesday that it would extend the restrictions on exports of advanced semiconductors and the machines that make them to further countries",
			"The ministry said on Tuesday that it would extend the restrictions on exports of advanced…"},
	}
	for _, tt := range tests {
		x, err := New(nil).Extract(t.Context(), kg.DocumentInput{Text: tt.text})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if x.Document.Title != tt.want {
			t.Errorf("%s: title %q, want %q", tt.name, x.Document.Title, tt.want)
		}
	}
}
