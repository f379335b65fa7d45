// One window of the edges coming in of each of many nodes, with
// each node's total, in one round trip: the matching edges are ordered by
// ID, counted, and only $first of those after $after are returned. A node
// whose window is empty still returns one row (r null) for its count.
// DISTINCT keeps a self-loop, which an undirected pattern may meet twice,
// to one edge.
UNWIND $ids AS nodeId
MATCH (n:Node {id: nodeId})<-[r]-(:Node)
WHERE type(r) IN $types
  AND r.sources >= $minSources
  AND ($seenFrom = '' OR r.lastSeenEnd >= $seenFrom)
  AND ($seenTo = '' OR r.firstSeenStart <= $seenTo)
WITH nodeId, r
ORDER BY r.id
WITH nodeId, collect(DISTINCT r) AS matched
WITH nodeId, size(matched) AS total, [x IN matched WHERE x.id > $after] AS rest
UNWIND CASE WHEN $first = 0 OR size(rest) = 0 THEN [null] ELSE rest[0..$first] END AS r
RETURN nodeId AS around, total, size(rest) AS remaining, r,
       startNode(r).id AS source, endNode(r).id AS target
