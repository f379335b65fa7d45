package kg

import "context"

// Store is the graph's storage. Every backend (the embedded on-disk store,
// Neo4j) implements it and passes the contract suite in store/storetest.
//
// Methods that take a slice of IDs are batched on purpose: the GraphQL layer
// calls them from per-request dataloaders so that a nested query costs one
// call per level, never one per parent. Graph questions (neighbourhood,
// paths, timeline, search) are methods here rather than domain code so that
// a server-side engine such as Neo4j answers them without the graph being
// pulled into Go.
//
// Values: everything a Store returns belongs to the caller, who may keep
// and change it (nodes, edges, documents, their lists and maps) without
// affecting the store or other callers (see storetest's Ownership case).
//
// Summaries: the graph answers (the nodes of Neighborhood's Subgraph and
// of ShortestPath's and Paths' Paths) and Summaries carry node summaries
// (Node.Summary): every field but Mentions and Documents, which are nil,
// with MentionCount and DocumentCount saying how many there are. A
// drawing or a neighbour list needs the counts, not a hub's thousands of
// quotes, and copying those lists out would be most of the answer's
// cost. Every other method returns whole nodes with their counts set;
// read a node through Nodes for its lists. The same holds for edges: the
// edges of those graph answers are edge summaries (Edge.Summary): every
// field but Evidence, Documents and Clusters, which are nil, with
// EvidenceCount, DocumentCount and ClusterCount saying how many there are
// (SourceCount and IndependentCount answer from them). Every other method
// returns whole edges with their counts set; read an edge's lists through
// EdgesOf from its source (OUT, its type) when they are needed.
//
// Errors: a missing single item is (nil, nil) where the method returns a
// pointer; backends wrap their failures in *Error with CodeUnavailable or
// CodeInternal, never leaking driver text to clients.
type Store interface {
	// Ingest merges one document's extraction into the graph, atomically:
	// either all of it is stored or none. Ingesting a document whose ID is
	// already stored changes nothing and reports Created=false. Once Ingest
	// returns nil the document is durable.
	Ingest(ctx context.Context, x *Extraction) (IngestStatus, error)

	// Nodes returns the nodes with the given IDs, in the same order; an
	// unknown ID gives nil at its position. DOCUMENT nodes are included.
	Nodes(ctx context.Context, ids []string) ([]*Node, error)
	// Summaries is Nodes returning summaries (see above): how the other
	// ends of a page of relationships, a neighbour list, are read.
	Summaries(ctx context.Context, ids []string) ([]*Node, error)
	// Documents returns the documents with the given IDs, in the same order,
	// nil for unknown IDs.
	Documents(ctx context.Context, ids []string) ([]*Document, error)
	// FindDocuments returns documents sharing any LSH band with q.Bands, or
	// belonging to q.Cluster. Text may be left empty by the backend.
	FindDocuments(ctx context.Context, q DocumentQuery) ([]Document, error)
	// Lookup returns the nodes of kind whose name or alias has AliasKey equal
	// to AliasKey(alias). The loader uses it to resolve short forms against
	// what earlier documents taught.
	Lookup(ctx context.Context, kind Kind, alias string) ([]Node, error)

	// Search ranks nodes by how well their name or aliases match q.Text.
	Search(ctx context.Context, q SearchQuery) ([]SearchHit, error)
	// Entities lists nodes with filtering, sorting and keyset pagination.
	Entities(ctx context.Context, f EntityFilter, p Page) (NodePage, error)
	// EdgesOf returns, for each node ID, its edges matching f (batched).
	EdgesOf(ctx context.Context, ids []string, f EdgeFilter) (map[string][]Edge, error)
	// EdgePages returns, for each node ID, one window of its edges
	// matching f (see EdgeWindow) with the node's total count, batched
	// like EdgesOf. It is how a page of relationships is read: the cost
	// follows w.First, not the node's degree, so hubs stay cheap. The map
	// has an entry only for IDs with at least one matching edge; a
	// self-loop counts once.
	EdgePages(ctx context.Context, ids []string, f EdgeFilter, w EdgeWindow) (map[string]EdgeWindowPage, error)
	// Edges lists edges across the graph with keyset pagination.
	Edges(ctx context.Context, q EdgeQuery, p Page) (EdgePage, error)

	// Neighborhood returns the subgraph within q.Depth hops of q.ID; its
	// nodes are summaries.
	Neighborhood(ctx context.Context, q NeighborhoodQuery) (*Subgraph, error)
	// ShortestPath returns one shortest path between two nodes of at most
	// maxLength edges, ignoring direction, or nil when there is none; its
	// nodes are summaries.
	ShortestPath(ctx context.Context, from, to string, maxLength int) (*Path, error)
	// Paths returns simple paths of at most q.MaxLength edges between two
	// nodes, shortest first, then by total source count descending; their
	// nodes are summaries.
	Paths(ctx context.Context, q PathsQuery) ([]Path, error)
	// Timeline returns edges into DATE nodes (see RelType.Dated), ordered by
	// date then edge ID.
	Timeline(ctx context.Context, q TimelineQuery) ([]TimelineItem, error)
	// Stats counts nodes by kind and edges by type.
	Stats(ctx context.Context) (*Stats, error)

	// Ping reports whether the backend is reachable and loaded.
	Ping(ctx context.Context) error
	// Close releases the backend. It flushes pending writes first.
	Close() error
}

// IngestStatus reports what Ingest did.
type IngestStatus struct {
	Created bool // false when the document was already stored
	Nodes   int  // nodes touched
	Edges   int  // edges touched
}

// DocumentQuery selects candidate documents for near-duplicate detection.
type DocumentQuery struct {
	Bands   []string
	Cluster string
	Limit   int // 0 means the backend's default (100)
}

// SearchQuery is a ranked name/alias search.
type SearchQuery struct {
	Text  string
	Kinds []Kind // empty means all kinds
	First int
}

// SearchHit is one ranked search result; higher Score is better.
type SearchHit struct {
	Node  Node
	Score float64
}

// SortField orders Entities.
type SortField string

// The entity sort orders. Every order breaks ties by node ID, ascending.
const (
	SortByName      SortField = "NAME"       // name ascending, case-insensitive
	SortByMentions  SortField = "MENTIONS"   // mention count descending
	SortByFirstSeen SortField = "FIRST_SEEN" // first seen ascending, unknown last
)

// EntityFilter selects nodes for Entities. Zero values mean "no constraint".
type EntityFilter struct {
	Kinds        []Kind
	NameContains string // case-insensitive, matched against name and aliases
	Document     string // mentioned in this document
	SeenFrom     string // ISO date prefix: LastSeen >= SeenFrom
	SeenTo       string // ISO date prefix: FirstSeen <= SeenTo (padded to the end of the period)
	MinMentions  int
	Sort         SortField // empty means SortByName
}

// Page asks for at most First items after the opaque cursor After.
type Page struct {
	First int
	After string // a cursor returned by the same query, or ""
}

// NodePage is one page of nodes. Cursors[i] is the cursor of Nodes[i].
type NodePage struct {
	Nodes       []Node
	Cursors     []string
	TotalCount  int
	HasNextPage bool
}

// Direction of edges relative to a node.
type Direction string

// The edge directions.
const (
	DirectionOut  Direction = "OUT"
	DirectionIn   Direction = "IN"
	DirectionBoth Direction = "BOTH"
)

// EdgeFilter constrains edges around given nodes.
type EdgeFilter struct {
	Direction  Direction // empty means BOTH
	Types      []RelType // empty means all types except MENTIONS
	MinSources int
	SeenFrom   string // ISO date prefix on the edge's LastSeen
	SeenTo     string // ISO date prefix on the edge's FirstSeen
}

// EdgeQuery selects edges across the whole graph.
type EdgeQuery struct {
	Types          []RelType // empty means all except MENTIONS
	Source         string
	Target         string
	Document       string // supported by this document
	MinSources     int
	MinIndependent int
}

// EdgePage is one page of edges.
type EdgePage struct {
	Edges       []Edge
	Cursors     []string
	TotalCount  int
	HasNextPage bool
}

// NeighborhoodQuery asks for the subgraph around ID.
type NeighborhoodQuery struct {
	ID    string
	Depth int       // hops, at least 1
	Types []RelType // edge types to follow; empty means all except MENTIONS
	Kinds []Kind    // node kinds to include (the centre is always included)
	Limit int       // maximum number of nodes, centre included
}

// Subgraph is a set of nodes and the edges between them, ready to draw.
// The nodes are summaries (see Store). Like every value a Store returns,
// they are the caller's to keep and change.
type Subgraph struct {
	Nodes []*Node
	Edges []*Edge
}

// Path is a sequence of nodes joined by edges: len(Nodes) == len(Edges)+1.
// Like a Subgraph's, its nodes are summaries, and its nodes and edges are
// the caller's.
type Path struct {
	Nodes []*Node
	Edges []*Edge
}

// PathsQuery asks for simple paths between two nodes.
type PathsQuery struct {
	From, To  string
	MaxLength int
	Limit     int
	Types     []RelType // empty means all except MENTIONS
}

// TimelineQuery selects dated facts. From and To are ISO date prefixes
// ("2017", "2024-06", "2024-06-21"), inclusive at their precision.
type TimelineQuery struct {
	From, To string
	About    string    // only facts whose subject is About or is directly linked to About
	Types    []RelType // dated edge types to include; empty means all dated types
}

// TimelineItem is one dated fact: Edge points from Subject to the DATE node Date.
type TimelineItem struct {
	Edge    Edge
	Subject Node
	Date    Node
}

// Stats counts what is stored.
type Stats struct {
	Documents   int
	NodesByKind map[Kind]int
	EdgesByType map[RelType]int
}
