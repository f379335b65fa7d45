// One page of Entities by mention count (most first), then ID, after a cursor.
MATCH (n:Node)
WHERE (size($kinds) = 0 OR n.kind IN $kinds)
  AND ($contains = '' OR n.searchLower CONTAINS $contains)
  AND ($document = '' OR $document IN n.documents)
  AND ($seenFrom = '' OR n.lastSeenEnd >= $seenFrom)
  AND ($seenTo = '' OR n.firstSeenStart <= $seenTo)
  AND n.mentionCount >= $minMentions
  AND ($afterId = '' OR n.mentionCount < $afterCount
       OR (n.mentionCount = $afterCount AND n.id > $afterId))
RETURN n
ORDER BY n.mentionCount DESC, n.id
LIMIT $limit
