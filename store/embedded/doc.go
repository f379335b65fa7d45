// Package embedded is the default kg.Store: the whole graph in memory,
// made durable by an append-only log on local disk.
//
// Every ingested document is one log record (length, CRC-32C, JSON of its
// kg.Extraction), written and fsync'd before Ingest returns, so an
// acknowledged document survives a kill -9 the next instant. A single
// committer goroutine writes the log: documents that arrive while it is
// busy share the next fsync (group commit) and are merged in log order,
// so a replay rebuilds exactly the graph that was served. A torn record
// at the end of the log (a crash mid-write, never acknowledged) is cut
// off with a warning at Open, while damage before the end is an error
// naming the offset, because silently dropping acknowledged data would be
// worse than refusing to start. The directory is flock'ed so two
// processes cannot append to one log.
//
// Restart does not replay history. Once enough log has accumulated
// (WithSnapshotEvery), the committer starts a new log segment and a
// background goroutine writes the graph as it stood at the end of the
// previous one to a checksummed snapshot file (see snapshot.go). Open
// loads the newest snapshot that reads back whole and replays only the
// segments after it; a torn or damaged snapshot is skipped for the one
// before it, whose following segments are kept for that purpose, and
// older snapshots and segments are removed.
//
// In memory, nodes and edges are addressed by dense int32 indexes with
// adjacency lists (ordinary edges apart from MENTIONS/PUBLISHED_ON, which
// traversals skip by default; each entry carries the edge's type and the
// neighbour's kind, and ordinary lists are kept ordered by neighbour ID so
// a neighbourhood merges them and stops at its limit), an alias-key map,
// dense sort keys for edge IDs, a trigram index for search, and sorted
// orders for keyset pagination into which new or changed nodes are merged
// incrementally, never sorted whole per query. A sync.RWMutex guards it
// all; the log write happens outside the write lock so readers are not
// blocked by fsync. Everything lives on the ordinary Go heap, where the
// collector and GOMEMLIMIT see it; recurring strings are interned and
// short lists share blocks (see evidenceSlab) to keep the number of
// objects the collector visits down. What graph answers carry of each node
// and edge is also kept in pointer-free rows, strings in large byte
// blocks (see rows.go), because a neighbourhood reads a few hundred
// values scattered over the whole store and a record costs a cache miss
// for every string and map it points to. An edge's row is the only copy
// of its ID, attributes and dates; its record keeps its lists and ends
// (see edgeread.go), and the edge index is keyed by the number an ID
// spells, so the most numerous values hold few pointers.
//
// Values returned by the store are the caller's: nodes, edges and
// documents are copied on the way out, so a caller may keep and change
// them (see copyout.go; graph answers share one string per answer, see
// answer.go).
package embedded
