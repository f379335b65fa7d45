// Counts the nodes an Entities filter selects, ignoring pagination.
MATCH (n:Node)
WHERE (size($kinds) = 0 OR n.kind IN $kinds)
  AND ($contains = '' OR n.searchLower CONTAINS $contains)
  AND ($document = '' OR $document IN n.documents)
  AND ($seenFrom = '' OR n.lastSeenEnd >= $seenFrom)
  AND ($seenTo = '' OR n.firstSeenStart <= $seenTo)
  AND n.mentionCount >= $minMentions
RETURN count(n) AS total
