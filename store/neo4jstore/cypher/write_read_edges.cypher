// Reads the stored relationships an extraction touches, for merging. No
// lock is needed here: both endpoints of every one were write-locked by
// write_lock_nodes in this transaction, and any transaction that changes
// one of these relationships must lock the same endpoints first.
UNWIND $rows AS row
MATCH (a:Node {id: row.source})-[r]->(b:Node {id: row.target})
WHERE r.id = row.id
RETURN r
