// The edges around each of many nodes, in one round trip.
UNWIND $ids AS id
MATCH (n:Node {id: id})-[r]-(m:Node)
WHERE type(r) IN $types
  AND ($direction = 'BOTH'
       OR ($direction = 'OUT' AND startNode(r) = n)
       OR ($direction = 'IN' AND endNode(r) = n))
  AND coalesce(r.sources, 0) >= $minSources
  AND ($seenFrom = '' OR r.lastSeen >= $seenFrom)
  AND ($seenTo = '' OR r.firstSeen <= $seenTo)
RETURN id, r, startNode(r).id AS source, endNode(r).id AS target
ORDER BY id, r.id
