// Every relationship of the followed types between two kept nodes.
UNWIND $ids AS nodeId
MATCH (a:Node {id: nodeId})-[r]->(b:Node)
WHERE b.id IN $ids AND type(r) IN $types
RETURN r, a.id AS source, b.id AS target
ORDER BY r.id
