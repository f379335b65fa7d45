// Typo-tolerant candidates from the full-text index, for when the key
// search found too few; the store ranks them below every key match.
CALL db.index.fulltext.queryNodes('node_search', $fuzzy) YIELD node
WITH node AS n
WHERE size($kinds) = 0 OR n.kind IN $kinds
RETURN n
ORDER BY n.mentionCount DESC, n.id
LIMIT $first
