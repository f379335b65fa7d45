// Takes the document's ID under the uniqueness constraint (a concurrent
// ingest of the same text waits here) and says whether it is new.
MERGE (d:Node {id: $id})
RETURN d.kind IS NULL AS created
