package kg

import "time"

// Evidence ties a fact to the words that support it. Offsets are in Unicode
// code points (characters) into Document.Text, so that Quote equals
// []rune(text)[Start:End] exactly.
type Evidence struct {
	DocumentID string `json:"documentId"`
	Sentence   int    `json:"sentence"` // 0-based index of the sentence in the document
	Start      int    `json:"start"`
	End        int    `json:"end"`
	Quote      string `json:"quote"`
}

// Fact is a measured attribute of a node, such as a count of users or a
// revenue figure, with the words it came from.
type Fact struct {
	Name      string   `json:"name"`                // "users", "countries", "revenue", "offices"...
	Value     string   `json:"value"`               // normalised value: "400000000", "752000000"
	Unit      string   `json:"unit,omitempty"`      // "USD", "EUR", "" for plain counts
	Text      string   `json:"text"`                // as written: "more than 400 million users"
	Qualifier string   `json:"qualifier,omitempty"` // "more than", "about", a year "2022"...
	Evidence  Evidence `json:"evidence"`
}

// Node is one real-world thing. Its ID is stable: derived from its kind and
// canonical key, never from insertion order, so the same input always gives
// the same IDs.
type Node struct {
	ID        string            `json:"id"`
	Kind      Kind              `json:"kind"`
	Name      string            `json:"name"`                // canonical display name
	Aliases   []string          `json:"aliases,omitempty"`   // every other surface form seen, sorted
	Attrs     map[string]string `json:"attrs,omitempty"`     // see the Attr* constants
	Facts     []Fact            `json:"facts,omitempty"`     // figures with evidence
	Mentions  []Evidence        `json:"mentions,omitempty"`  // where the node is named
	Documents []string          `json:"documents,omitempty"` // IDs of documents that mention it, sorted
	FirstSeen string            `json:"firstSeen,omitempty"` // earliest publication date (ISO) among Documents
	LastSeen  string            `json:"lastSeen,omitempty"`  // latest publication date (ISO) among Documents

	// MentionCount and DocumentCount are the lengths of Mentions and
	// Documents as stored. Stores fill them on every node they return, so
	// that they stay true of a summary, which leaves those lists out.
	MentionCount  int `json:"mentionCount,omitempty"`
	DocumentCount int `json:"documentCount,omitempty"`
	// Summary marks a node whose Mentions and Documents were left out
	// (both nil) and whose counts alone say how many there are: what the
	// graph-drawing answers carry (see Store), because a hub's lists run
	// to thousands of entries that a drawing never shows.
	Summary bool `json:"summary,omitempty"`
}

// NumMentions is how many mentions the node has, whether or not it is a
// summary. A node built by hand, without counts, is counted by its list.
func (n *Node) NumMentions() int {
	if n.Summary {
		return n.MentionCount
	}
	return len(n.Mentions)
}

// NumDocuments is NumMentions for documents.
func (n *Node) NumDocuments() int {
	if n.Summary {
		return n.DocumentCount
	}
	return len(n.Documents)
}

// Counted returns n with MentionCount and DocumentCount set from its
// lists; a summary is returned as it is, since its lists are gone.
func (n Node) Counted() Node {
	if !n.Summary {
		n.MentionCount, n.DocumentCount = len(n.Mentions), len(n.Documents)
	}
	return n
}

// Summarized returns the summary of n: its counts set, Mentions and
// Documents left out, everything else as it is.
func (n Node) Summarized() Node {
	n = n.Counted()
	n.Mentions, n.Documents, n.Summary = nil, nil, true
	return n
}

// Edge is a typed relationship between two nodes. Its ID is stable, derived
// from source, type, target and role. Evidence accumulates across documents.
type Edge struct {
	ID        string            `json:"id"`
	Type      RelType           `json:"type"`
	Source    string            `json:"source"`
	Target    string            `json:"target"`
	Attrs     map[string]string `json:"attrs,omitempty"`
	Evidence  []Evidence        `json:"evidence"`
	Documents []string          `json:"documents"`           // supporting document IDs, sorted
	Clusters  []string          `json:"clusters"`            // independent story groups among Documents, sorted
	FirstSeen string            `json:"firstSeen,omitempty"` // earliest publication date (ISO) among Documents
	LastSeen  string            `json:"lastSeen,omitempty"`  // latest publication date (ISO) among Documents

	// EvidenceCount, DocumentCount and ClusterCount are the lengths of
	// Evidence, Documents and Clusters as stored. Stores fill them on every
	// edge they return, so that they stay true of a summary, which leaves
	// those lists out.
	EvidenceCount int `json:"evidenceCount,omitempty"`
	DocumentCount int `json:"documentCount,omitempty"`
	ClusterCount  int `json:"clusterCount,omitempty"`
	// Summary marks an edge whose Evidence, Documents and Clusters were
	// left out (all nil) and whose counts alone say how many there are:
	// what the graph-drawing answers carry (see Store), because a drawing
	// shows the counts and a well-reported edge's lists are long.
	Summary bool `json:"summary,omitempty"`
}

// NumEvidence is how many quotes support the edge, whether or not it is a
// summary. An edge built by hand, without counts, is counted by its list.
func (e *Edge) NumEvidence() int {
	if e.Summary {
		return e.EvidenceCount
	}
	return len(e.Evidence)
}

// SourceCount is the number of documents that support the edge, whether
// or not it is a summary.
func (e *Edge) SourceCount() int {
	if e.Summary {
		return e.DocumentCount
	}
	return len(e.Documents)
}

// IndependentCount is the number of independent sources: near-duplicate or
// syndicated copies of one story count once. Like SourceCount it holds
// for summaries.
func (e *Edge) IndependentCount() int {
	if e.Summary {
		return e.ClusterCount
	}
	return len(e.Clusters)
}

// Counted returns e with its counts set from its lists; a summary is
// returned as it is, since its lists are gone.
func (e Edge) Counted() Edge {
	if !e.Summary {
		e.EvidenceCount, e.DocumentCount, e.ClusterCount = len(e.Evidence), len(e.Documents), len(e.Clusters)
	}
	return e
}

// Summarized returns the summary of e: its counts set, Evidence,
// Documents and Clusters left out, everything else as it is.
func (e Edge) Summarized() Edge {
	e = e.Counted()
	e.Evidence, e.Documents, e.Clusters, e.Summary = nil, nil, nil, true
	return e
}

// Document is an ingested news document. Its ID is derived from its
// normalised text, so ingesting the same text twice is a no-op.
type Document struct {
	ID          string    `json:"id"`
	Title       string    `json:"title,omitempty"`
	Source      string    `json:"source,omitempty"` // publisher or agency ("AFP")
	URL         string    `json:"url,omitempty"`
	PublishedAt string    `json:"publishedAt,omitempty"` // ISO date, empty when unknown
	Byline      string    `json:"byline,omitempty"`
	Dateline    string    `json:"dateline,omitempty"`
	Text        string    `json:"text"`                // exactly as ingested; Evidence offsets index it
	Cluster     string    `json:"cluster"`             // ID of the near-duplicate group (its first document)
	Signature   []uint64  `json:"signature,omitempty"` // MinHash signature of the text's shingles
	Bands       []string  `json:"bands,omitempty"`     // LSH band keys of Signature, for candidate lookup
	IngestedAt  time.Time `json:"ingestedAt"`
}

// Extraction is what the loader makes of one document: the document itself
// and the nodes and edges it supports, each carrying evidence from this
// document only. Stores merge it into the graph atomically.
type Extraction struct {
	Document Document `json:"document"`
	Nodes    []Node   `json:"nodes"`
	Edges    []Edge   `json:"edges"`
}
