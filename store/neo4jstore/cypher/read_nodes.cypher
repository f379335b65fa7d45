UNWIND $ids AS id
MATCH (n:Node {id: id})
RETURN n
