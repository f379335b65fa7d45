UNWIND $ids AS nodeId
MATCH (d:Document {id: nodeId})
RETURN d
