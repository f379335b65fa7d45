// Ranked search over alias keys, scored like the embedded store: the
// exact key 1.0; a key starting with the query 0.7 to 0.9 and any other key
// containing it 0.4 to 0.6, higher the more of the key the query covers;
// a node scores its best key. Ties by mentions, then ID.
MATCH (n:Node)
WHERE n.aliasKeyText CONTAINS $key
  AND (size($kinds) = 0 OR n.kind IN $kinds)
UNWIND n.aliasKeys AS k
WITH n, k
WHERE k CONTAINS $key
WITH n, max(
       CASE
         WHEN k = $key THEN 1.0
         WHEN k STARTS WITH $key THEN 0.7 + 0.2 * size($key) / toFloat(size(k))
         ELSE 0.4 + 0.2 * size($key) / toFloat(size(k))
       END) AS score
RETURN n, score
ORDER BY score DESC, n.mentionCount DESC, n.id
LIMIT $first
