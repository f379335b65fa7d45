package kg

import "context"

// DocumentInput is a raw document as a user submits it, through GraphQL or
// the command line. Metadata given here wins over what the loader infers
// from the text.
type DocumentInput struct {
	Text        string
	Title       string
	Source      string
	URL         string
	PublishedAt string // ISO date (YYYY-MM-DD, YYYY-MM or YYYY); empty to infer from the text
}

// Ingester turns raw documents into graph and stores them. It validates its
// input (the rules are loader.ValidateInput's: text with something visible,
// no control characters, an http(s) URL, a plausible date, caps on what one
// document may add); a refusal is a CodeBadUserInput error and nothing is
// stored.
type Ingester interface {
	Ingest(ctx context.Context, in DocumentInput) (*Document, IngestStatus, error)
}
