// Package loader turns news text into graph: a kg.Extraction of the
// document, the nodes it names and the typed, evidenced relations between
// them. It is a pipeline of small stages, each in its own file: document
// parsing (document.go), sentences (sentences.go), tokens and mentions
// (tokens.go, mentions.go, agencies.go, patterns.go), time (dates.go),
// orders and relations (orders.go, relations.go, events.go), facts
// (facts.go) and near-duplicate detection (minhash.go). Everything it
// knows about the world is general knowledge kept in lexicon/*.txt.
package loader

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/kg"
)

// MaxTextBytes is the largest document text accepted (5 MiB).
const MaxTextBytes = 5 << 20

// Knowledge is what the loader asks of the graph already stored; kg.Store
// satisfies it. It lets a short form in a new document ("Raimondo") resolve
// to a node an earlier document introduced, and finds near-duplicates.
type Knowledge interface {
	Lookup(ctx context.Context, kind kg.Kind, alias string) ([]kg.Node, error)
	FindDocuments(ctx context.Context, q kg.DocumentQuery) ([]kg.Document, error)
}

// Loader extracts graph from documents. It is safe for concurrent use: all
// per-document state lives in the Extract call.
type Loader struct {
	k   Knowledge
	now func() time.Time
}

// New returns a loader that consults k for cross-document knowledge; k may
// be nil, in which case each document stands alone.
func New(k Knowledge) *Loader {
	return &Loader{k: k, now: time.Now}
}

// validate rejects input no extraction can be trusted from.
func validate(in kg.DocumentInput) error {
	if len(in.Text) > MaxTextBytes {
		return kg.Errorf(kg.CodeBadUserInput, "text is too large: %d bytes, the limit is %d", len(in.Text), MaxTextBytes)
	}
	if !utf8.ValidString(in.Text) {
		return kg.Errorf(kg.CodeBadUserInput, "text is not valid UTF-8")
	}
	if strings.TrimSpace(in.Text) == "" {
		return kg.Errorf(kg.CodeBadUserInput, "text is empty")
	}
	for _, f := range []struct{ name, v string }{{"title", in.Title}, {"source", in.Source}, {"url", in.URL}} {
		if !utf8.ValidString(f.v) {
			return kg.Errorf(kg.CodeBadUserInput, "%s is not valid UTF-8", f.name)
		}
		if len(f.v) > 4096 {
			return kg.Errorf(kg.CodeBadUserInput, "%s is too long", f.name)
		}
	}
	if strings.TrimSpace(in.PublishedAt) != "" {
		if _, _, err := kg.ParseISODate(in.PublishedAt); err != nil {
			return kg.Errorf(kg.CodeBadUserInput, "publishedAt: %s", kg.ErrorMessage(err))
		}
	}
	return nil
}

// Extract validates one document and computes its extraction. Metadata
// given in the input wins over what is inferred from the text.
func (l *Loader) Extract(ctx context.Context, in kg.DocumentInput) (*kg.Extraction, error) {
	if err := validate(in); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, kg.Wrap(kg.CodeUnavailable, err, "request cancelled")
	}
	pd := parseDocument(in.Text)
	doc := kg.Document{
		ID:          kg.DocumentID(in.Text),
		Title:       firstNonEmpty(in.Title, pd.Title, pd.leadTitle()),
		Source:      firstNonEmpty(in.Source, pd.Source),
		URL:         firstNonEmpty(in.URL, pd.URL),
		PublishedAt: pd.PublishedAt,
		Byline:      pd.Byline,
		Dateline:    pd.Dateline,
		Text:        in.Text,
		IngestedAt:  l.now().UTC(),
	}
	if strings.TrimSpace(in.PublishedAt) != "" {
		doc.PublishedAt, _, _ = kg.ParseISODate(in.PublishedAt)
	}
	doc.Signature = minhashSignature(pd.masked)
	doc.Bands = lshBands(doc.Signature)
	cluster, err := l.cluster(ctx, &doc)
	if err != nil {
		return nil, err
	}
	doc.Cluster = cluster
	x := newExtraction(ctx, l.k, pd, &doc)
	x.run()
	if x.err != nil {
		return nil, x.err
	}
	return x.b.extraction(), nil
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
