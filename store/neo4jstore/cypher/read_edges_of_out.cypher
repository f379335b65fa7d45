// The outgoing edges of each of many nodes, in one round trip.
UNWIND $ids AS nodeId
MATCH (n:Node {id: nodeId})-[r]->(m:Node)
WHERE type(r) IN $types
  AND r.sources >= $minSources
  AND ($seenFrom = '' OR r.lastSeenEnd >= $seenFrom)
  AND ($seenTo = '' OR r.firstSeenStart <= $seenTo)
RETURN nodeId AS around, r, n.id AS source, m.id AS target
