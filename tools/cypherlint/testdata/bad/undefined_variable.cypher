// Must be rejected: m is never bound.
MATCH (n:Node {id: $id})
RETURN m
