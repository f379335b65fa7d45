UNWIND $ids AS nodeId
MATCH (n:Node {id: nodeId})
RETURN n
