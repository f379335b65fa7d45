// Write-locks the stored nodes an extraction touches, the endpoints of its
// relationships included (IDs sorted, so two
// transactions lock in the same order) and reads them for merging; the
// locks are held to commit, so no concurrent merge is lost.
UNWIND $ids AS nodeId
MATCH (n:Node {id: nodeId})
SET n._lock = true
REMOVE n._lock
RETURN n
