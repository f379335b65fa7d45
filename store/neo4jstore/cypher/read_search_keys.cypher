// Ranked search over alias keys ("|key1|key2|"): the exact key scores
// 1.0, a key starting with the query 0.75, any other substring 0.5; ties by
// mentions, then ID.
MATCH (n:Node)
WHERE n.aliasKeyText CONTAINS $key
  AND (size($kinds) = 0 OR n.kind IN $kinds)
WITH n,
     CASE
       WHEN n.aliasKeyText CONTAINS $needle THEN 1.0
       WHEN n.aliasKeyText CONTAINS $prefix THEN 0.75
       ELSE 0.5
     END AS score
RETURN n, score
ORDER BY score DESC, n.mentionCount DESC, n.id
LIMIT $first
