// Ranked search: exact key 1.0, key prefix 0.75, substring 0.5, and
// typo-tolerant full-text matches 0.25; ties by mentions, then ID.
CALL () {
  MATCH (n:Node)
  WHERE n.aliasKeyText CONTAINS $key
  RETURN n
  UNION
  CALL db.index.fulltext.queryNodes('node_search', $fuzzy) YIELD node
  RETURN node AS n
}
WITH n
WHERE size($kinds) = 0 OR n.kind IN $kinds
WITH n,
     CASE
       WHEN n.aliasKeyText CONTAINS $needle THEN 1.0
       WHEN n.aliasKeyText CONTAINS $prefix THEN 0.75
       WHEN n.aliasKeyText CONTAINS $key THEN 0.5
       ELSE 0.25
     END AS score
RETURN n, score
ORDER BY score DESC, coalesce(n.mentionCount, 0) DESC, n.id
LIMIT $first
