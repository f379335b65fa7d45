package loader

import (
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/kg"
)

// docMeta is the metadata a sidecar file or front matter may give.
type docMeta struct {
	Title       string `json:"title"`
	Source      string `json:"source"`
	URL         string `json:"url"`
	PublishedAt string `json:"publishedAt"`
	Date        string `json:"date"`
}

// ReadDocument turns a file's bytes into a DocumentInput: optional front
// matter ("---\nkey: value\n---\n" at the very start: title, source, url,
// publishedAt or date) and an optional sidecar JSON (meta, may be nil) with
// the same keys. The sidecar wins over front matter; both win over what
// the loader would infer from the text. name is only used in messages.
func ReadDocument(name string, data []byte, meta []byte) (kg.DocumentInput, error) {
	var in kg.DocumentInput
	if !utf8.Valid(data) {
		return in, kg.Errorf(kg.CodeBadUserInput, "%s: text is not valid UTF-8", name)
	}
	text := string(data)
	text = strings.TrimPrefix(text, "\ufeff")
	if fm, rest, ok := cutFrontMatter(text); ok {
		text = rest
		applyMeta(&in, fm)
	}
	if len(meta) > 0 {
		var m docMeta
		if err := json.Unmarshal(meta, &m); err != nil {
			return in, kg.Wrap(kg.CodeBadUserInput, err, name+": sidecar metadata is not valid JSON")
		}
		applyMeta(&in, m)
	}
	in.Text = text
	if strings.TrimSpace(in.PublishedAt) != "" {
		iso, err := checkPublished(in.PublishedAt, time.Now())
		if err != nil {
			return in, kg.Errorf(kg.CodeBadUserInput, "%s: %s", name, kg.ErrorMessage(err))
		}
		in.PublishedAt = iso
	}
	if strings.TrimSpace(in.Text) == "" {
		return in, kg.Errorf(kg.CodeBadUserInput, "%s: text is empty", name)
	}
	return in, nil
}

func applyMeta(in *kg.DocumentInput, m docMeta) {
	set := func(dst *string, v string) {
		if v = strings.TrimSpace(v); v != "" {
			*dst = v
		}
	}
	set(&in.Title, m.Title)
	set(&in.Source, m.Source)
	set(&in.URL, m.URL)
	set(&in.PublishedAt, m.Date)
	set(&in.PublishedAt, m.PublishedAt)
}

// cutFrontMatter splits "---\nkey: value\n---\n" off the start of text.
func cutFrontMatter(text string) (docMeta, string, bool) {
	var m docMeta
	t := strings.ReplaceAll(text[:min(len(text), 8192)], "\r\n", "\n")
	if !strings.HasPrefix(t, "---\n") {
		return m, text, false
	}
	end := strings.Index(t[4:], "\n---")
	if end < 0 {
		return m, text, false
	}
	block := t[4 : 4+end]
	for _, line := range strings.Split(block, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			if strings.TrimSpace(line) != "" {
				return docMeta{}, text, false // not front matter after all
			}
			continue
		}
		v = strings.Trim(strings.TrimSpace(v), `"'`)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "title":
			m.Title = v
		case "source":
			m.Source = v
		case "url":
			m.URL = v
		case "publishedat", "published_at", "published":
			m.PublishedAt = v
		case "date":
			m.Date = v
		}
	}
	// Skip the closing rule and its line ending in the original text.
	rest := text
	idx := strings.Index(text[3:], "\n---")
	if idx >= 0 {
		rest = text[3+idx+4:]
		if nl := strings.IndexByte(rest, '\n'); nl >= 0 && strings.TrimSpace(rest[:nl]) == "" {
			rest = rest[nl+1:]
		} else if strings.TrimSpace(rest) == "" {
			rest = ""
		}
	}
	return m, rest, true
}
