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

	"github.com/newsgraph/newsgraph/kg"
)

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

// Extract validates one document and computes its extraction. Metadata
// given in the input wins over what is inferred from the text.
func (l *Loader) Extract(ctx context.Context, in kg.DocumentInput) (*kg.Extraction, error) {
	if err := ValidateInput(in, l.now()); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, kg.Wrap(kg.CodeUnavailable, err, "request cancelled")
	}
	pd := parseDocument(in.Text)
	doc := kg.Document{
		ID:         kg.DocumentID(in.Text),
		Title:      firstNonEmpty(in.Title, cleanInferred("title", pd.Title), cleanInferred("title", pd.leadTitle())),
		Source:     firstNonEmpty(in.Source, cleanInferred("source", pd.Source)),
		URL:        firstNonEmpty(in.URL, cleanInferred("url", pd.URL)),
		Byline:     pd.Byline,
		Dateline:   pd.Dateline,
		Text:       in.Text,
		IngestedAt: l.now().UTC(),
	}
	// A date inferred from the text outside the accepted range is a
	// misreading (or a hostile line), not the publication date.
	if iso, err := checkPublished(pd.PublishedAt, l.now()); err == nil {
		doc.PublishedAt = iso
	}
	if strings.TrimSpace(in.PublishedAt) != "" {
		doc.PublishedAt, _ = checkPublished(in.PublishedAt, l.now())
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
	out := x.b.extraction()
	x.release()
	if err := checkCaps(out); err != nil {
		return nil, err
	}
	return out, nil
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
