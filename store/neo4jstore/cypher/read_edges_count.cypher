// Counts the relationships an Edges query selects, ignoring pagination.
MATCH (a:Node)-[r]->(b:Node)
WHERE type(r) IN $types
  AND ($source = '' OR a.id = $source)
  AND ($target = '' OR b.id = $target)
  AND ($document = '' OR $document IN r.documents)
  AND r.sources >= $minSources
  AND r.independentSources >= $minIndependent
RETURN count(r) AS total
