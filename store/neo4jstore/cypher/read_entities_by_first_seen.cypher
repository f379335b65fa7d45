// One page of Entities by first-seen date (unknown last), then ID, after a cursor.
MATCH (n:Node)
WHERE (size($kinds) = 0 OR n.kind IN $kinds)
  AND ($contains = '' OR n.searchLower CONTAINS $contains)
  AND ($document = '' OR $document IN n.documents)
  AND ($seenFrom = '' OR n.lastSeenEnd >= $seenFrom)
  AND ($seenTo = '' OR n.firstSeenStart <= $seenTo)
  AND n.mentionCount >= $minMentions
  AND ($afterId = '' OR n.seenSort > $afterKey OR (n.seenSort = $afterKey AND n.id > $afterId))
RETURN n
ORDER BY n.seenSort, n.id
LIMIT $limit
