// Package storetest is the contract suite that every kg.Store backend must
// pass. It pins down, as executable checks, the semantics the interface
// comments and the team's merge rules describe, so that the embedded store
// and the Neo4j store answer every question identically.
//
// Usage from a backend's test:
//
//	func TestContract(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) kg.Store { return openFresh(t) })
//	}
//
// Each subtest opens a fresh, empty store and closes it when it ends (so
// Close must tolerate being called again if the backend also closes it).
// The fixtures are hand-made extractions (see Corpus) of five small
// documents with overlapping nodes and edges; their evidence offsets index
// the texts exactly.
//
// Semantics checked here beyond the kg.Store comments (both backends follow
// them):
//   - Ingest validates before writing: a nil extraction, an empty document
//     ID, a node with an empty ID or unknown kind, an edge with an unknown
//     type or an endpoint that is neither in the extraction, nor stored, nor
//     the document itself is CodeBadUserInput and nothing is stored.
//     IngestStatus counts the distinct nodes (including the DOCUMENT node)
//     and distinct edges of the extraction; a repeat reports zeros.
//   - Merge: see the team rules. Facts, Mentions and Evidence are kept
//     sorted by (documentId, start, end[, name]) after deduplication.
//     A node's mention count (MinMentions, SortByMentions) is len(Mentions).
//   - The DOCUMENT node: ID = document ID, Name = Title, else the first 80
//     characters (runes) of the first line that is not blank, trimmed of
//     surrounding space; Documents = [its ID]; FirstSeen = LastSeen =
//     PublishedAt. A node with the document's ID in the extraction merges
//     into it by the usual rules.
//   - Lookup with an empty kind matches every kind; results by ID.
//   - FindDocuments and the lists EdgesOf returns are ordered by ID.
//     EdgesOf has an entry only for IDs with at least one matching edge.
//   - EdgePages windows are EdgesOf's list cut after the edge ID After and
//     to First edges (First <= 0: none); TotalCount is the whole list's
//     length and HasNextPage whether the list goes on past the window. An
//     entry exists exactly when EdgesOf's would.
//   - Defaults for zero values: Page.First 20, SearchQuery.First 10,
//     Neighborhood Depth 1 and Limit 100, ShortestPath/Paths MaxLength 4,
//     Paths Limit 10, DocumentQuery.Limit 100.
//   - Entities: SeenFrom keeps nodes whose LastSeen period ends at or after
//     the start of SeenFrom; SeenTo keeps nodes whose FirstSeen period
//     starts at or before the end of SeenTo; nodes without the date fail
//     either bound. NameContains is a case-insensitive substring of the
//     name or an alias. Cursors embed the sort, so a cursor from another
//     sort, or garbage, is CodeBadUserInput.
//   - Edges are ordered by ID; their cursor is a keyset on the edge ID.
//   - ShortestPath (and Paths) from a node to itself is the one-node path;
//     unknown endpoints give nil (an empty list for Paths), never an error.
//   - A date node's value is its "date" attribute, else its ID without the
//     "date:" prefix.
//   - Every method returns an error when its context is already done.
package storetest
