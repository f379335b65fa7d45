// The edges of each of many nodes in both directions, in one round trip;
// each keeps its stored direction in source and target.
UNWIND $ids AS nodeId
MATCH (n:Node {id: nodeId})-[r]-(m:Node)
WHERE type(r) IN $types
  AND r.sources >= $minSources
  AND ($seenFrom = '' OR r.lastSeenEnd >= $seenFrom)
  AND ($seenTo = '' OR r.firstSeenStart <= $seenTo)
RETURN nodeId AS around, r,
       CASE WHEN startNode(r) = n THEN n.id ELSE m.id END AS source,
       CASE WHEN startNode(r) = n THEN m.id ELSE n.id END AS target
