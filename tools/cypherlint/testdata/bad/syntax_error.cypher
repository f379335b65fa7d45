// Must be rejected: RETUR is not a keyword.
MATCH (n:Node)
RETUR n
