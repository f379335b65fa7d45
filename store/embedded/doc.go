// Package embedded is the default kg.Store: the whole graph in memory,
// made durable by an append-only log on local disk.
//
// Every ingested document is one log record (length, CRC-32C, JSON of its
// kg.Extraction), written and fsync'd before Ingest returns, so an
// acknowledged document survives a kill -9 the next instant. A single
// committer goroutine writes the log: documents that arrive while it is
// busy share the next fsync (group commit) and are merged in log order,
// so a replay rebuilds exactly the graph that was served. Open replays
// the log; a torn record at its end (a crash mid-write, never
// acknowledged) is cut off with a warning, while damage before the end is
// an error naming the offset, because silently dropping acknowledged data
// would be worse than refusing to start. The directory is flock'ed so two
// processes cannot append to one log.
//
// In memory, nodes and edges are addressed by dense int32 indexes with
// adjacency lists (ordinary edges apart from MENTIONS/PUBLISHED_ON, which
// traversals skip by default; each entry carries the edge's type and the
// neighbour's kind, and ordinary lists are kept ordered by neighbour ID so
// a neighbourhood merges them and stops at its limit), an alias-key map,
// dense sort keys for edge IDs, a trigram index for
// search, and sorted orders for keyset pagination into which new or
// changed nodes are merged incrementally, never sorted whole per query.
// A sync.RWMutex guards it all; the log write happens outside the write
// lock so readers are not blocked by fsync.
//
// Recurring strings are interned, and their bytes, with short evidence
// and mention lists, one-element document lists and the records of edges
// that point nowhere else, live in memory mapped outside the Go heap (see
// offHeap and edgeSlab), so the collector's cost tracks the nodes and the
// few edges with attributes or many sources, not every edge and string.
//
// Values returned by the store share their slices and maps with it (a
// merge replaces them rather than editing them, so they never change
// under the caller): treat them as read-only.
//
// There is no snapshot: Open replays the whole log (see BenchmarkReplay
// for the rate), which is simple and fast enough for the corpora this
// service holds.
package embedded
